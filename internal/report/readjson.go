package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// ReadJSON reads a result written by the JSON format back into a Report, so
// commands such as `report --from` work on a saved scan. It accepts schema
// version JSONSchemaVersion; fields added later are ignored.
func ReadJSON(r io.Reader) (*Report, error) {
	var in jsonReport
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("read scan result: %w", err)
	}
	if in.Version != JSONSchemaVersion || in.Tool.Name != "snakeguard" {
		return nil, fmt.Errorf("read scan result: not a snakeguard JSON result of schema version %d (version %d, tool %q)",
			JSONSchemaVersion, in.Version, in.Tool.Name)
	}
	out := &Report{
		ToolVersion:  in.Tool.Version,
		FilesScanned: in.Summary.FilesScanned,
		FilesSkipped: in.Summary.FilesSkipped,
	}
	for i, j := range in.Findings {
		f, err := fromJSONFinding(j)
		if err != nil {
			return nil, fmt.Errorf("read scan result: finding %d: %w", i+1, err)
		}
		out.Findings = append(out.Findings, f)
	}
	for _, n := range in.Notices {
		n.Level = noticeLevel(n.Level)
		out.Notices = append(out.Notices, Notice(n))
	}
	return out, nil
}

func fromJSONFinding(j jsonFinding) (finding.Finding, error) {
	sev, err := finding.ParseSeverity(j.Severity)
	if err != nil {
		return finding.Finding{}, err
	}
	conf, err := finding.ParseConfidence(j.Confidence)
	if err != nil {
		return finding.Finding{}, err
	}
	f := finding.Finding{
		RuleID: j.RuleID, RuleName: j.RuleName, CWE: j.CWE, Severity: sev, Confidence: conf,
		Message: j.Message, Snippet: j.Snippet, Fingerprint: j.Fingerprint, Fix: j.Fix,
		Suppressed: j.Suppressed, SuppressionReason: j.SuppressionReason, Properties: j.Properties,
		Location: finding.Location{Path: j.Path, Line: j.Line, Column: j.Column, EndLine: j.EndLine, EndColumn: j.EndColumn},
	}
	for _, s := range j.Trace {
		f.Trace = append(f.Trace, finding.Step{
			Location: finding.Location{Path: s.Path, Line: s.Line, Column: s.Column, EndLine: s.EndLine, EndColumn: s.EndColumn},
			Message:  s.Message,
		})
	}
	return f, nil
}
