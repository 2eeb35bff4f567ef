package reports

import (
	"bytes"
	"encoding/json"
	"io"
	"time"
)

// object is a JSON object that keeps its keys in the order given.
type object []field

type field struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping, so text stays readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// writeJSON writes every query with typed values and echoes the parameters:
//
//	{"report": ..., "title": ..., "generated_at": ..., "params": {...},
//	 "queries": {"name": {"kind": ":many", "columns": [{"name", "type"}], "rows": [{...}]}}}
func (o *Output) writeJSON(w io.Writer) error {
	params := object{}
	for _, p := range o.Report.AllParams() {
		params = append(params, field{p.Name, paramJSON(p, o.Values[p.Name])})
	}
	queries := object{}
	for _, r := range o.Results {
		cols := make([]object, len(r.Columns))
		for i, c := range r.Columns {
			cols[i] = object{{"name", c.Name}, {"type", c.Type}}
		}
		rows := make([]object, len(r.Values))
		for i, row := range r.Values {
			obj := make(object, len(row))
			for j, v := range row {
				obj[j] = field{r.Columns[j].Name, jsonValue(v)}
			}
			rows[i] = obj
		}
		queries = append(queries, field{r.Name, object{{"kind", r.Kind}, {"columns", cols}, {"rows", rows}}})
	}
	doc := object{
		{"report", o.Report.Name},
		{"title", o.Report.Title},
		{"generated_at", Timestamp{o.GeneratedAt}},
		{"params", params},
		{"queries", queries},
	}
	raw, err := marshal(doc)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// paramJSON is a parameter value as JSON: dates as text, numbers as numbers.
func paramJSON(p Param, v any) any {
	if t, ok := v.(time.Time); ok {
		return p.Type.Format(t)
	}
	return v
}
