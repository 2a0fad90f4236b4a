package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/guide"
)

func TestRulesGuide(t *testing.T) {
	entries, err := guide.Table()
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := scanCLI(t, "", "rules", "--guide", "openssf")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"pyscg-0010", "Prevent SQL Injection", "SG101,SG601", "not-checkable", "48 guide rules:"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	if n := strings.Count(out, "\npyscg-"); n != len(entries) {
		t.Errorf("text output has %d rows, want %d", n, len(entries))
	}

	out, stderr, code = scanCLI(t, "", "rules", "--guide", "openssf", "--format", "json")
	if code != ExitOK {
		t.Fatalf("json: exit %d: %s", code, stderr)
	}
	var got struct {
		Release string         `json:"release"`
		Counts  map[string]int `json:"counts"`
		Rules   []struct {
			ID     string   `json:"id"`
			Rules  []string `json:"rules"`
			Status string   `json:"status"`
			URL    string   `json:"url"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	total := 0
	for _, n := range got.Counts {
		total += n
	}
	if got.Release != guide.Release || len(got.Rules) != len(entries) || total != len(entries) {
		t.Errorf("json: release %q, %d rules, counts sum %d", got.Release, len(got.Rules), total)
	}
	if got.Rules[0].Rules == nil || !strings.HasSuffix(got.Rules[0].URL, got.Rules[0].ID+"/README.md") {
		t.Errorf("json: first row %+v", got.Rules[0])
	}

	out, _, code = scanCLI(t, "", "rules", "--guide", "openssf", "--format", "markdown")
	if code != ExitOK || out != guide.Markdown(entries) {
		t.Errorf("markdown: exit %d, output differs from docs page", code)
	}

	for _, args := range [][]string{{"rules", "--guide", "cert"}, {"rules", "--guide", "openssf", "--format", "xml"}} {
		if _, _, code := scanCLI(t, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestExplainGuide(t *testing.T) {
	out, _, code := scanCLI(t, "", "explain", "SG814")
	if code != ExitOK || !strings.Contains(out, "OpenSSF Secure Coding Guide for Python: pyscg-0016, pyscg-0028") {
		t.Errorf("explain SG814: exit %d\n%s", code, out)
	}
	out, _, _ = scanCLI(t, "", "explain", "SG804")
	if strings.Contains(out, "OpenSSF") {
		t.Errorf("explain SG804 shows guide ids it does not have")
	}
}
