package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// TestReadJSONRoundTrip writes a report as JSON and reads it back: every
// field the JSON format carries must survive.
func TestReadJSONRoundTrip(t *testing.T) {
	loc := finding.Location{Path: "app/db.py", Line: 10, Column: 5, EndLine: 10, EndColumn: 30}
	want := finding.Finding{
		RuleID: "SG601", RuleName: "sql-injection", CWE: []int{89}, Severity: finding.Critical,
		Confidence: finding.HighConfidence, Message: "user input reaches cur.execute()", Location: loc,
		Snippet: "cur.execute(q)", Fingerprint: "abc", Fix: "use parameters",
		Trace: []finding.Step{
			{Location: finding.Location{Path: "app/views.py", Line: 3, Column: 9, EndLine: 3, EndColumn: 21}, Message: "user input enters here"},
			{Location: loc, Message: "reaches the sink"},
		},
		Suppressed: true, SuppressionReason: "nosec", Properties: map[string]any{"k": "v"},
	}
	in := &Report{
		ToolVersion: "1.2.3", Findings: []finding.Finding{want}, FilesScanned: 7, FilesSkipped: 1,
		Notices:        []Notice{{Path: "big.py", Level: LevelWarning, Message: "over the size limit"}},
		ShowSuppressed: true,
	}
	var b bytes.Buffer
	if err := writeJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got.ToolVersion != "1.2.3" || got.FilesScanned != 7 || got.FilesSkipped != 1 {
		t.Errorf("header %+v", got)
	}
	if len(got.Findings) != 1 || !reflect.DeepEqual(got.Findings[0], want) {
		t.Errorf("finding\n got %+v\nwant %+v", got.Findings, want)
	}
	if !reflect.DeepEqual(got.Notices, in.Notices) {
		t.Errorf("notices %+v", got.Notices)
	}
}

func TestReadJSONRejects(t *testing.T) {
	for _, bad := range []string{`{}`, `{"version":2,"tool":{"name":"snakeguard"}}`, `not json`,
		`{"version":1,"tool":{"name":"snakeguard"},"findings":[{"severity":"dire","confidence":"high"}]}`,
		`{"version":1,"tool":{"name":"snakeguard"},"findings":[{"severity":"low","confidence":"sure"}]}`} {
		if _, err := ReadJSON(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadJSON(%q) accepted", bad)
		}
	}
}
