package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/rules"
)

var idPattern = regexp.MustCompile(`^SG\d{3}$`)
var namePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestCatalogue(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, d := range rules.Docs() {
		if !idPattern.MatchString(d.ID) {
			t.Errorf("%s: id is not SG + three digits", d.ID)
		}
		if ids[d.ID] {
			t.Errorf("%s: duplicate id", d.ID)
		}
		ids[d.ID] = true
		if !namePattern.MatchString(d.Name) || names[d.Name] {
			t.Errorf("%s: bad or duplicate name %q", d.ID, d.Name)
		}
		names[d.Name] = true
		if len(d.CWE) == 0 {
			t.Errorf("%s: no CWE", d.ID)
		}
		for _, c := range d.CWE {
			if c <= 0 || c > 2000 {
				t.Errorf("%s: CWE-%d out of range", d.ID, c)
			}
		}
		if d.Summary == "" || d.Why == "" || d.Fix == "" || len(d.References) == 0 || d.Severity == 0 || d.Confidence == 0 {
			t.Errorf("%s: a doc section is empty", d.ID)
		}
	}
}

// TestExamples runs each code rule over its own documentation: the
// vulnerable example must produce a finding and the secure one must not.
func TestExamples(t *testing.T) {
	for _, r := range rules.All() {
		if r.Doc.Vulnerable == "" || r.Doc.Secure == "" {
			t.Errorf("%s: missing vulnerable or secure example", r.Doc.ID)
			continue
		}
		if strings.HasPrefix(r.Doc.Vulnerable, "<") || strings.HasPrefix(r.Doc.Vulnerable, "{%") {
			continue // template rules run their examples in package templates
		}
		for _, ex := range []struct {
			name, src string
			want      bool
		}{{"vulnerable", r.Doc.Vulnerable, true}, {"secure", r.Doc.Secure, false}} {
			path := "example.py"
			if strings.HasPrefix(ex.src, "# settings.py") {
				path = "settings.py"
			}
			res := parser.ParseString(path, ex.src)
			if len(res.Errors) > 0 {
				t.Errorf("%s %s example does not parse: %v", r.Doc.ID, ex.name, res.Errors[0])
				continue
			}
			u := analysis.NewUnit(path, "example", res)
			fs, notes := analysis.Run(context.Background(), []*analysis.Unit{u}, []*analysis.Rule{r}, 1)
			for _, n := range notes {
				t.Errorf("%s: %s", r.Doc.ID, n.Message)
			}
			if got := len(fs) > 0; got != ex.want {
				t.Errorf("%s %s example: findings = %d, want any = %v", r.Doc.ID, ex.name, len(fs), ex.want)
			}
		}
	}
}

// TestDocsUpToDate checks that docs/rules matches the rule definitions
// (regenerate with `go run ./cmd/gendocs`).
func TestDocsUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "rules")
	docs := rules.Docs()
	for _, d := range docs {
		got, err := os.ReadFile(filepath.Join(dir, d.ID+".md"))
		if err != nil || string(got) != rules.Markdown(d) {
			t.Errorf("docs/rules/%s.md is out of date: run go run ./cmd/gendocs", d.ID)
		}
	}
	got, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil || string(got) != rules.Index(docs) {
		t.Error("docs/rules/README.md is out of date: run go run ./cmd/gendocs")
	}
}

func TestLookup(t *testing.T) {
	for _, code := range []string{"SG102", "subprocess-shell-true", "B602", "s602"} {
		if d, ok := rules.Lookup(code); !ok || d.ID != "SG102" {
			t.Errorf("Lookup(%q) = %s, %v", code, d.ID, ok)
		}
	}
	if _, ok := rules.Lookup("nope"); ok {
		t.Error("Lookup(nope) found a rule")
	}
}
