package reports

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	texttemplate "text/template"
)

// layout holds the page around every report body, and the bodies of reports
// without their own template.
//
//go:embed layout/*.tmpl
var layout embed.FS

var (
	mdPage      = texttemplate.Must(parseMarkdown("page.md.tmpl", mustRead("layout/page.md.tmpl")))
	mdDefault   = texttemplate.Must(parseMarkdown("default.md.tmpl", mustRead("layout/default.md.tmpl")))
	htmlPage    = htmltemplate.Must(parseHTML("page.html.tmpl", mustRead("layout/page.html.tmpl")))
	htmlDefault = htmltemplate.Must(parseHTML("default.html.tmpl", mustRead("layout/default.html.tmpl")))
)

func mustRead(name string) string {
	b, err := layout.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func parseMarkdown(name, text string) (*texttemplate.Template, error) {
	t, err := texttemplate.New(name).Option("missingkey=error").Funcs(markdownFuncs()).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return t, nil
}

func parseHTML(name, text string) (*htmltemplate.Template, error) {
	t, err := htmltemplate.New(name).Option("missingkey=error").Funcs(htmlFuncs()).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return t, nil
}

// TemplateData is what report templates see; see docs/reports.md.
type TemplateData struct {
	Report      *Report
	Params      map[string]string  // every parameter's value as text ("null" for NULL)
	ParamList   []ParamText        // the same, in declaration order, generated_at last
	GeneratedAt string             // 2006-01-02 15:04:05
	Results     map[string]*Result // by query name
	Queries     []*Result          // in query order
}

// ParamText is one parameter and its value as text.
type ParamText struct{ Name, Value string }

type mdPageData struct {
	TemplateData
	Body string
}

type htmlPageData struct {
	TemplateData
	Body htmltemplate.HTML
}

func (o *Output) templateData() TemplateData {
	d := TemplateData{
		Report:      o.Report,
		Params:      map[string]string{},
		GeneratedAt: Timestamp{o.GeneratedAt}.String(),
		Results:     map[string]*Result{},
		Queries:     o.Results,
	}
	for _, p := range o.Report.AllParams() {
		v := p.Type.Format(o.Values[p.Name])
		d.Params[p.Name] = v
		d.ParamList = append(d.ParamList, ParamText{p.Name, v})
	}
	for _, r := range o.Results {
		d.Results[r.Name] = r
	}
	return d
}

func (o *Output) writeMarkdown(w io.Writer) error {
	data := o.templateData()
	body := o.Report.md
	if body == nil {
		body = mdDefault
	}
	var b bytes.Buffer
	if err := body.Execute(&b, data); err != nil {
		return fmt.Errorf("report %s: render %s: %w", o.Report.Name, MarkdownFile, err)
	}
	var page bytes.Buffer
	if err := mdPage.Execute(&page, mdPageData{data, b.String()}); err != nil {
		return fmt.Errorf("report %s: render page: %w", o.Report.Name, err)
	}
	// Exactly one newline at the end, however the body template ends.
	_, err := w.Write(append(bytes.TrimRight(page.Bytes(), "\n"), '\n'))
	return err
}

func (o *Output) writeHTML(w io.Writer) error {
	data := o.templateData()
	body := o.Report.html
	if body == nil {
		body = htmlDefault
	}
	var b bytes.Buffer
	if err := body.Execute(&b, data); err != nil {
		return fmt.Errorf("report %s: render %s: %w", o.Report.Name, HTMLFile, err)
	}
	var page bytes.Buffer
	// The body was produced by html/template, so it is already escaped.
	if err := htmlPage.Execute(&page, htmlPageData{data, htmltemplate.HTML(b.String())}); err != nil {
		return fmt.Errorf("report %s: render page: %w", o.Report.Name, err)
	}
	_, err := w.Write(page.Bytes())
	return err
}
