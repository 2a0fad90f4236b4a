package report

import (
	"html/template"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// htmlFinding is what the HTML template shows of one finding.
type htmlFinding struct {
	finding.Finding
	Anchor  string
	HelpURI string
	CWEs    string
	Hint    string
	// The source line split around the flagged span.
	Before, Span, After string
	HasSource           bool
}

type htmlPage struct {
	Summary  string
	Version  string
	Findings []htmlFinding
	Notices  []Notice
}

// writeHTML writes one self-contained HTML page: inline style, no scripts,
// no external assets; all text is escaped by html/template.
func writeHTML(w io.Writer, r *Report, opt Options) error {
	docs := make(map[string]finding.RuleDoc)
	for _, d := range r.ruleDocs() {
		docs[d.ID] = d
	}
	page := htmlPage{Summary: plainSummary(r), Version: r.ToolVersion, Notices: r.sortedNotices()}
	for i, f := range r.visible() {
		f.Message = safeText(f.Message, true)
		f.Location.Path = safeText(f.Location.Path, false)
		doc := docs[f.RuleID]
		hf := htmlFinding{
			Finding: f,
			Anchor:  "f" + strconv.Itoa(i+1),
			HelpURI: doc.HelpURI(),
			CWEs:    cweLabel(f.CWE),
			Hint:    firstLine(f.Fix),
		}
		if hf.Hint == "" {
			hf.Hint = firstLine(doc.Fix)
		}
		if line := sourceLine(opt, f, f.Location.Line); f.Location.Line > 0 && line != "" {
			hf.HasSource = true
			before, span, after := splitSpan(line, f.Location)
			hf.Before, hf.Span, hf.After = safeText(before, false), safeText(span, false), safeText(after, false)
		}
		page.Findings = append(page.Findings, hf)
	}
	return htmlTemplate.Execute(w, page)
}

// splitSpan cuts line into the text before, inside and after loc's span
// (to the end of the line for a multi-line span).
func splitSpan(line string, loc finding.Location) (before, span, after string) {
	start := byteOffset(line, loc.Column)
	end := len(line)
	if (loc.EndLine == 0 || loc.EndLine == loc.Line) && loc.EndColumn > loc.Column {
		end = byteOffset(line, loc.EndColumn)
	}
	if loc.Column <= 0 {
		start = 0
	}
	return line[:start], line[start:end], line[end:]
}

// byteOffset returns the byte offset of 1-based code-point column col in
// s, clamped to len(s).
func byteOffset(s string, col int) int {
	off := 0
	for c := 1; c < col && off < len(s); c++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}

// plainSummary is the summary line without Markdown.
func plainSummary(r *Report) string {
	s := r.Summarize()
	out := "No findings."
	if s.Total > 0 {
		out = plural(s.Total, "finding") + ":"
		sep := " "
		for _, sev := range severitiesDesc {
			if n := s.BySeverity[sev]; n > 0 {
				out += sep + strconv.Itoa(n) + " " + sev.String()
				sep = ", "
			}
		}
		out += "."
	}
	if s.Suppressed > 0 {
		out += " " + strconv.Itoa(s.Suppressed) + " suppressed."
	}
	out += " " + plural(r.FilesScanned, "file") + " scanned"
	if r.FilesSkipped > 0 {
		out += " (" + strconv.Itoa(r.FilesSkipped) + " skipped)"
	}
	return out + "."
}

var htmlTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>snakeguard report</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
td:nth-child(2), td:nth-child(3) { white-space: nowrap; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
pre { background: #f6f8fa; padding: .6rem .8rem; overflow-x: auto; border-radius: 6px; }
pre mark { background: #ffd8b5; text-decoration: underline wavy #cf222e; }
.sev { display: inline-block; min-width: 4.5rem; padding: 0 .4rem; border-radius: 4px; color: #fff; font-size: .85em; text-align: center; }
.critical { background: #8b0000; } .high { background: #cf222e; } .medium { background: #bf8700; } .low { background: #0969da; } .unknown { background: #6e7781; }
.finding { border: 1px solid #d0d7de; border-radius: 6px; padding: .2rem 1rem .8rem; margin: 1rem 0; }
.suppressed { opacity: .6; }
.meta { color: #57606a; }
</style>
</head>
<body>
<h1>snakeguard report</h1>
<p>{{.Summary}}{{with .Version}} <span class="meta">snakeguard {{.}}</span>{{end}}</p>
{{- if .Findings}}
<table>
<thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th></tr></thead>
<tbody>
{{- range .Findings}}
<tr{{if .Suppressed}} class="suppressed"{{end}}><td><span class="sev {{.Severity}}">{{.Severity}}</span></td><td><a href="#{{.Anchor}}">{{.RuleID}}</a> {{.RuleName}}</td><td><code>{{.Location}}</code></td><td>{{.Message}}</td></tr>
{{- end}}
</tbody>
</table>
<h2>Findings</h2>
{{- range .Findings}}
<section class="finding{{if .Suppressed}} suppressed{{end}}" id="{{.Anchor}}">
<h3><span class="sev {{.Severity}}">{{.Severity}}</span> {{.RuleID}} {{.RuleName}} <code>{{.Location}}</code></h3>
<p class="meta">{{.Confidence}} confidence{{with .CWEs}} · {{.}}{{end}}{{if .Suppressed}} · suppressed ({{.SuppressionReason}}){{end}}</p>
<p>{{.Message}}</p>
{{- if .HasSource}}
<pre><code>{{.Location.Line}} | {{.Before}}<mark>{{.Span}}</mark>{{.After}}</code></pre>
{{- end}}
{{- if .Trace}}
<p>Data flow:</p>
<ol>
{{- range .Trace}}
<li><code>{{.Location}}</code> {{.Message}}</li>
{{- end}}
</ol>
{{- end}}
{{- with .Hint}}
<p><strong>Fix:</strong> {{.}}</p>
{{- end}}
<p><a href="{{.HelpURI}}">Rule documentation</a></p>
</section>
{{- end}}
{{- end}}
{{- if .Notices}}
<h2>Notices</h2>
<ul>
{{- range .Notices}}
<li><strong>{{.Level}}</strong>{{if .Path}} <code>{{.Path}}{{if .Line}}:{{.Line}}{{end}}</code>{{end}} {{.Message}}</li>
{{- end}}
</ul>
{{- end}}
</body>
</html>
`))
