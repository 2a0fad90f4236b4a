package report

import (
	"encoding/json"
	"io"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// JSONSchemaVersion is the version of the JSON report's schema
// (docs/json-schema.md). It changes only when a field is removed or changes
// meaning; new fields may appear without a change.
const JSONSchemaVersion = 1

type jsonReport struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Notices  []jsonNotice  `json:"notices"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	RuleID            string         `json:"rule_id"`
	RuleName          string         `json:"rule_name"`
	CWE               []int          `json:"cwe"`
	Severity          string         `json:"severity"`
	Confidence        string         `json:"confidence"`
	Path              string         `json:"path"`
	Line              int            `json:"line"`
	Column            int            `json:"column"`
	EndLine           int            `json:"end_line"`
	EndColumn         int            `json:"end_column"`
	Message           string         `json:"message"`
	Snippet           string         `json:"snippet"`
	Fingerprint       string         `json:"fingerprint"`
	Fix               string         `json:"fix"`
	HelpURI           string         `json:"help_uri"`
	Trace             []jsonStep     `json:"trace"`
	Suppressed        bool           `json:"suppressed"`
	SuppressionReason string         `json:"suppression_reason"`
	Properties        map[string]any `json:"properties"`
}

type jsonStep struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

type jsonNotice struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Level   string `json:"level"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Findings     int            `json:"findings"`
	Suppressed   int            `json:"suppressed"`
	BySeverity   map[string]int `json:"by_severity"`
	ByRule       map[string]int `json:"by_rule"`
	FilesScanned int            `json:"files_scanned"`
	FilesSkipped int            `json:"files_skipped"`
	DurationMS   int64          `json:"duration_ms"`
}

func writeJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Version:  JSONSchemaVersion,
		Tool:     jsonTool{Name: "snakeguard", Version: r.ToolVersion},
		Findings: []jsonFinding{},
		Notices:  []jsonNotice{},
	}
	help := make(map[string]string, len(r.Rules))
	for _, d := range r.ruleDocs() {
		help[d.ID] = d.HelpURI()
	}
	for _, f := range r.visible() {
		out.Findings = append(out.Findings, toJSONFinding(f, help[f.RuleID]))
	}
	for _, n := range r.sortedNotices() {
		n.Level = noticeLevel(n.Level)
		out.Notices = append(out.Notices, jsonNotice(n))
	}
	s := r.Summarize()
	out.Summary = jsonSummary{
		Findings:     s.Total,
		Suppressed:   s.Suppressed,
		BySeverity:   map[string]int{},
		ByRule:       s.ByRule,
		FilesScanned: r.FilesScanned,
		FilesSkipped: r.FilesSkipped,
		DurationMS:   r.Duration.Milliseconds(),
	}
	for _, sev := range []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low} {
		out.Summary.BySeverity[sev.String()] = s.BySeverity[sev]
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func toJSONFinding(f finding.Finding, helpURI string) jsonFinding {
	j := jsonFinding{
		RuleID:            f.RuleID,
		RuleName:          f.RuleName,
		CWE:               f.CWE,
		Severity:          f.Severity.String(),
		Confidence:        f.Confidence.String(),
		Path:              f.Location.Path,
		Line:              f.Location.Line,
		Column:            f.Location.Column,
		EndLine:           f.Location.EndLine,
		EndColumn:         f.Location.EndColumn,
		Message:           f.Message,
		Snippet:           f.Snippet,
		Fingerprint:       f.Fingerprint,
		Fix:               f.Fix,
		HelpURI:           helpURI,
		Trace:             []jsonStep{},
		Suppressed:        f.Suppressed,
		SuppressionReason: f.SuppressionReason,
		Properties:        f.Properties,
	}
	if j.CWE == nil {
		j.CWE = []int{}
	}
	if j.Properties == nil {
		j.Properties = map[string]any{}
	}
	for _, s := range f.Trace {
		l := s.Location
		j.Trace = append(j.Trace, jsonStep{l.Path, l.Line, l.Column, l.EndLine, l.EndColumn, s.Message})
	}
	return j
}
