package reports

import (
	"fmt"
	"strings"
	"time"
)

// Values turns name=value arguments into typed parameter values, filling in
// defaults. Lists take comma-separated items and may be repeated; any other
// parameter may be given once. generated_at is set only when given ("now"
// means the clock); otherwise Run derives it from the data.
func (r *Report) Values(args []string, now func() time.Time) (map[string]any, error) {
	byName := map[string]Param{}
	for _, p := range r.AllParams() {
		byName[p.Name] = p
	}
	given := map[string][]string{}
	var order []string
	for _, arg := range args {
		name, value, ok := strings.Cut(arg, "=")
		if !ok {
			return nil, fmt.Errorf("%w %q: want name=value", ErrInvalidParam, arg)
		}
		name = strings.TrimSpace(name)
		p, known := byName[name]
		if !known {
			return nil, fmt.Errorf("%w %q for report %s; valid: %s", ErrUnknownParam, name, r.Name, r.paramList())
		}
		if _, dup := given[name]; dup && !p.Type.List {
			return nil, fmt.Errorf("%w %s: given twice", ErrInvalidParam, name)
		}
		if _, seen := given[name]; !seen {
			order = append(order, name)
		}
		given[name] = append(given[name], value)
	}
	values := map[string]any{}
	for _, name := range order {
		p := byName[name]
		text := strings.Join(given[name], ",")
		if name == GeneratedAt && text == "now" {
			values[name] = now().UTC().Truncate(time.Second)
			continue
		}
		v, err := p.Type.Parse(text)
		if err != nil {
			return nil, fmt.Errorf("%w %s (%s): %w", ErrInvalidParam, name, p.Type, err)
		}
		values[name] = v
	}
	for _, p := range r.Params {
		if _, ok := values[p.Name]; ok {
			continue
		}
		if p.Required {
			return nil, fmt.Errorf("%w: report %s needs --param %s=<%s>", ErrMissingParam, r.Name, p.Name, p.Type)
		}
		v, err := p.DefaultValue()
		if err != nil { // checked at load; kept for reports built by hand
			return nil, fmt.Errorf("%w %s: default %w", ErrInvalidParam, p.Name, err)
		}
		values[p.Name] = v
	}
	return values, nil
}

func (r *Report) paramList() string {
	var names []string
	for _, p := range r.AllParams() {
		names = append(names, p.Name+" ("+p.Type.String()+")")
	}
	return strings.Join(names, ", ")
}
