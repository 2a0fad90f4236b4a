package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// Templates in directories the project configures (Django TEMPLATES DIRS,
// Flask template_folder) are checked, and their findings carry the
// template's path and line in every output format.
func TestScanConfiguredTemplateDirs(t *testing.T) {
	const dir = "testdata/templatedirs"
	want := map[string]int{"SG717": 3, "SG718": 2}
	wantPath := map[string]string{"SG717": dir + "/ui/checkout.html", "SG718": dir + "/shop/pages/index.html"}

	out, stderr, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "--select", "SG717,SG718", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(rep.Findings) != len(want) {
		t.Errorf("JSON findings = %+v, want %d (static/docs is not a template directory)", rep.Findings, len(want))
	}
	for _, f := range rep.Findings {
		if f.Path != wantPath[f.RuleID] || f.Line != want[f.RuleID] {
			t.Errorf("JSON %s at %s:%d, want %s:%d", f.RuleID, f.Path, f.Line, wantPath[f.RuleID], want[f.RuleID])
		}
	}

	out, _, _ = scanCLI(t, "", "scan", "--no-deps", "--format", "sarif", "--select", "SG717,SG718", dir)
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("bad SARIF: %v\n%s", err, out)
	}
	if len(sarif.Runs[0].Results) != len(want) {
		t.Errorf("SARIF results = %d, want %d", len(sarif.Runs[0].Results), len(want))
	}
	for _, r := range sarif.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if !strings.HasSuffix(loc.ArtifactLocation.URI, strings.TrimPrefix(wantPath[r.RuleID], "testdata/")) || loc.Region.StartLine != want[r.RuleID] {
			t.Errorf("SARIF %s at %s:%d", r.RuleID, loc.ArtifactLocation.URI, loc.Region.StartLine)
		}
	}

	out, _, _ = scanCLI(t, "", "scan", "--no-deps", "--no-color", "--select", "SG717,SG718", dir)
	for _, s := range []string{dir + "/ui/checkout.html:3:1: SG717", dir + "/shop/pages/index.html:2:6: SG718"} {
		if !strings.Contains(out, s) {
			t.Errorf("text output lacks %q:\n%s", s, out)
		}
	}
}
