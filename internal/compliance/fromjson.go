package compliance

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// Saved is what a report needs from a saved `snakeguard scan --format json`
// result.
type Saved struct {
	ToolVersion  string
	FilesScanned int
	Findings     []finding.Finding
}

type savedJSON struct {
	Version int `json:"version"`
	Tool    struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Findings []struct {
		RuleID     string `json:"rule_id"`
		RuleName   string `json:"rule_name"`
		CWE        []int  `json:"cwe"`
		Severity   string `json:"severity"`
		Confidence string `json:"confidence"`
		Path       string `json:"path"`
		Line       int    `json:"line"`
		Column     int    `json:"column"`
		EndLine    int    `json:"end_line"`
		EndColumn  int    `json:"end_column"`
		Message    string `json:"message"`
		Snippet    string `json:"snippet"`
		Suppressed bool   `json:"suppressed"`
	} `json:"findings"`
	Summary struct {
		FilesScanned int `json:"files_scanned"`
	} `json:"summary"`
}

// ReadSaved reads a saved JSON scan result (schema version 1).
func ReadSaved(r io.Reader) (*Saved, error) {
	var in savedJSON
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("read scan result: %w", err)
	}
	if in.Version != 1 || in.Tool.Name != "snakeguard" {
		return nil, fmt.Errorf("read scan result: not a snakeguard JSON result of schema version 1 (version %d, tool %q)", in.Version, in.Tool.Name)
	}
	out := &Saved{ToolVersion: in.Tool.Version, FilesScanned: in.Summary.FilesScanned}
	for i, f := range in.Findings {
		sev, err := finding.ParseSeverity(f.Severity)
		if err != nil {
			return nil, fmt.Errorf("read scan result: finding %d: %w", i+1, err)
		}
		conf, err := finding.ParseConfidence(f.Confidence)
		if err != nil {
			return nil, fmt.Errorf("read scan result: finding %d: %w", i+1, err)
		}
		out.Findings = append(out.Findings, finding.Finding{
			RuleID: f.RuleID, RuleName: f.RuleName, CWE: f.CWE, Severity: sev, Confidence: conf,
			Message: f.Message, Snippet: f.Snippet, Suppressed: f.Suppressed,
			Location: finding.Location{Path: f.Path, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn},
		})
	}
	return out, nil
}
