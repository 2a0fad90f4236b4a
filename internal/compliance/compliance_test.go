package compliance

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is a small, fixed rule set and scan, so the golden files do not
// change when the catalogue grows. The findings carry hostile text: the
// writers must escape it.
func fixture(framework string) Input {
	docs := []finding.RuleDoc{
		{ID: "SG101", Name: "sql-string-formatting", CWE: []int{89}, Severity: finding.High, Confidence: finding.HighConfidence},
		{ID: "SG201", Name: "pickle-deserialization", CWE: []int{502}, Severity: finding.High, Confidence: finding.HighConfidence},
		{ID: "SG301", Name: "weak-hash", CWE: []int{328}, Severity: finding.Medium, Confidence: finding.HighConfidence},
		{ID: "SG000", Name: "syntax-error", CWE: []int{1164}, Severity: finding.Low, Confidence: finding.HighConfidence},
	}
	fs := []finding.Finding{
		{RuleID: "SG101", RuleName: "sql-string-formatting", CWE: []int{89}, Severity: finding.High,
			Message:  "query built from <script>alert('x')</script> | `name` & *bold*",
			Snippet:  `cur.execute("SELECT * FROM t WHERE n = '%s'" % name)  # </code></td>`,
			Location: finding.Location{Path: "app/<db>.py", Line: 12, Column: 5}},
		{RuleID: "SG201", RuleName: "pickle-deserialization", CWE: []int{502}, Severity: finding.Critical,
			Message: "pickle.loads() of request data", Location: finding.Location{Path: "app/views.py", Line: 40, Column: 9}},
		{RuleID: "SG301", RuleName: "weak-hash", CWE: []int{328}, Severity: finding.Medium, Suppressed: true,
			Message: "MD5", Location: finding.Location{Path: "app/util.py", Line: 3, Column: 1}},
		{RuleID: "SG000", RuleName: "syntax-error", CWE: []int{1164}, Severity: finding.Low,
			Message: "invalid syntax", Location: finding.Location{Path: "broken.py", Line: 1, Column: 1}},
	}
	return Input{
		Framework: framework, ToolVersion: "1.2.3", Rules: docs, Findings: fs,
		Paths: []string{"."}, Date: time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC),
		Commit: "0123456789abcdef0123456789abcdef01234567", FilesScanned: 7,
	}
}

func TestGolden(t *testing.T) {
	for _, fw := range []string{"pci-dss", "asvs", "iso27001", "owasp-top10"} {
		rep, err := Build(fixture(fw))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []struct {
			ext   string
			write func(*bytes.Buffer) error
		}{
			{".md", func(b *bytes.Buffer) error { return WriteMarkdown(b, rep) }},
			{".html", func(b *bytes.Buffer) error { return WriteHTML(b, rep) }},
		} {
			var b bytes.Buffer
			if err := w.write(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", fw+w.ext)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the output; run go test ./internal/compliance -update and review the diff", golden)
			}
		}
	}
}

func TestBuild(t *testing.T) {
	rep, err := Build(fixture("pci-dss"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Findings != 3 || rep.Suppressed != 1 {
		t.Errorf("findings %d, suppressed %d; want 3 and 1", rep.Findings, rep.Suppressed)
	}
	byID := map[string]Coverage{}
	for _, c := range rep.Views[0].Covered {
		byID[c.ID] = c
	}
	inj := byID["6.2.4 injection attacks"]
	if len(inj.Rules) != 1 || inj.Rules[0].ID != "SG101" || len(inj.Findings) != 1 || inj.Findings[0].Location.Line != 12 {
		t.Errorf("injection coverage %+v", inj)
	}
	if c := byID["6.2.4 attacks on data and data structures"]; len(c.Findings) != 1 || c.Findings[0].RuleID != "SG201" {
		t.Errorf("data coverage %+v", c)
	}
	// No fixture rule maps to access control: it must be listed as not covered.
	found := false
	for _, r := range rep.Views[0].NotCovered {
		found = found || r.ID == "6.2.4 attacks on access control mechanisms"
	}
	if !found {
		t.Errorf("access control not listed as uncovered: %+v", rep.Views[0].NotCovered)
	}
	// The syntax error maps to no PCI class.
	if len(rep.Unmapped) != 1 || rep.Unmapped[0].RuleID != "SG000" {
		t.Errorf("unmapped %+v", rep.Unmapped)
	}
	if len(rep.Beyond) == 0 {
		t.Error("no requirements listed as beyond static analysis")
	}
	if _, err := Build(Input{Framework: "sox"}); err == nil {
		t.Error("unknown framework accepted")
	}
}

func TestASVSReportListsUncoveredRequirements(t *testing.T) {
	rep, err := Build(fixture("asvs"))
	if err != nil {
		t.Fatal(err)
	}
	v := rep.Views[0]
	if len(v.Covered)+len(v.NotCovered) != 286 {
		t.Errorf("%d + %d requirements, want 286", len(v.Covered), len(v.NotCovered))
	}
	var ids []string
	for _, c := range v.Covered {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, " "); !strings.Contains(got, "V5.3.4") || !strings.Contains(got, "V5.5.3") || !strings.Contains(got, "V6.2.5") {
		t.Errorf("covered ASVS requirements %s", got)
	}
}

func TestEscaping(t *testing.T) {
	rep, err := Build(fixture("pci-dss"))
	if err != nil {
		t.Fatal(err)
	}
	var h, m bytes.Buffer
	if err := WriteHTML(&h, rep); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&m, rep); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "</code></td>`", "<db>"} {
		if strings.Contains(h.String(), bad) {
			t.Errorf("HTML contains unescaped %q", bad)
		}
	}
	if !strings.Contains(h.String(), "&lt;script&gt;") {
		t.Error("HTML lost the escaped message")
	}
	for _, bad := range []string{"<script>", "| `name`", "*bold*", "<db>"} {
		if strings.Contains(m.String(), bad) {
			t.Errorf("Markdown contains unescaped %q", bad)
		}
	}
	// Self-contained: no external resources and no scripts.
	for _, bad := range []string{"<script", "<link", "src=", "@import", "url("} {
		if strings.Contains(strings.ToLower(h.String()), bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
}

func TestRuleDigest(t *testing.T) {
	docs := fixture("pci-dss").Rules
	a := RuleDigest(docs)
	rev := append([]finding.RuleDoc(nil), docs...)
	rev[0], rev[1] = rev[1], rev[0]
	if RuleDigest(rev) != a {
		t.Error("digest depends on order")
	}
	rev[0].Severity = finding.Low
	if RuleDigest(rev) == a {
		t.Error("digest ignores a severity change")
	}
	if RuleDigest(docs[:2]) == a {
		t.Error("digest ignores a removed rule")
	}
	if !strings.HasPrefix(a, "sha256:") || len(a) != len("sha256:")+64 {
		t.Errorf("digest %q", a)
	}
}
