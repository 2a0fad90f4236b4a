package guide_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/guide"
	"github.com/snakeguard/snakeguard/internal/rules"
)

func TestTable(t *testing.T) {
	entries, err := guide.Table()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 48 {
		t.Errorf("%d guide rules, the release has 48", len(entries))
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if !strings.HasPrefix(e.ID, "pyscg-") || len(e.ID) != len("pyscg-0000") || seen[e.ID] {
			t.Errorf("bad or duplicate id %q", e.ID)
		}
		seen[e.ID] = true
		if e.Title == "" || e.Section == "" || len(e.CWE) == 0 {
			t.Errorf("%s: empty title, section or CWE", e.ID)
		}
	}
}

// TestRulesAgree checks both directions: every rule named in the table
// exists and lists the guide id in its Guide field, and every Guide id of a
// rule is in the table with that rule.
func TestRulesAgree(t *testing.T) {
	entries, err := guide.Table()
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]string{}
	for _, d := range rules.Docs() {
		docs[d.ID] = d.Guide
	}
	byID := map[string]guide.Entry{}
	for _, e := range entries {
		byID[e.ID] = e
		for _, r := range e.Rules {
			g, ok := docs[r]
			if !ok {
				t.Errorf("%s names %s, which is not a rule", e.ID, r)
				continue
			}
			if !slices.Contains(g, e.ID) {
				t.Errorf("%s names %s, but %s's Guide field does not list %s", e.ID, r, r, e.ID)
			}
		}
	}
	for id, g := range docs {
		for _, gid := range g {
			e, ok := byID[gid]
			if !ok {
				t.Errorf("%s: Guide id %s is not in the table", id, gid)
				continue
			}
			if !slices.Contains(e.Rules, id) {
				t.Errorf("%s lists %s, but the table's row for %s does not name %s", id, gid, gid, id)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, line string }{
		{"columns", "pyscg-0001\t03 Numbers\tTitle\t1339\t\tchecked"},
		{"cwe", "pyscg-0001\t03 Numbers\tTitle\tCWE-1\tSG101\tchecked\t"},
		{"status", "pyscg-0001\t03 Numbers\tTitle\t1\tSG101\tdone\t"},
		{"checked without rules", "pyscg-0001\t03 Numbers\tTitle\t1\t\tchecked\t"},
		{"partly without reason", "pyscg-0001\t03 Numbers\tTitle\t1\tSG101\tpartly\t"},
		{"gap with rules", "pyscg-0001\t03 Numbers\tTitle\t1\tSG101\tgap\tno rule"},
		{"not-checkable without reason", "pyscg-0001\t03 Numbers\tTitle\t1\t\tnot-checkable\t"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := guide.Parse(tc.line + "\n"); err == nil {
				t.Errorf("no error for %q", tc.line)
			}
		})
	}
	got, err := guide.Parse("# comment\n\npyscg-0002\t03 Numbers\tOverflow\t191,190\t\tgap\tno rule yet\n")
	if err != nil || len(got) != 1 || !slices.Equal(got[0].CWE, []int{191, 190}) || got[0].Status != guide.Gap {
		t.Errorf("Parse = %+v, %v", got, err)
	}
}

// TestDocsPage checks docs/openssf.md (regenerate with go run ./cmd/gendocs).
func TestDocsPage(t *testing.T) {
	entries, err := guide.Table()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "docs", "openssf.md"))
	if err != nil || string(got) != guide.Markdown(entries) {
		t.Error("docs/openssf.md is out of date: run go run ./cmd/gendocs")
	}
}
