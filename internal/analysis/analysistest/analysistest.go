// Package analysistest runs a rule over annotated Python files and checks
// its findings: a line with `# want: SG101` must get a finding of SG101, a
// line with `# ok: SG101` must not, `# todo-want: SG101` records a known
// gap (a finding that should be there and is not) and `# todo-ok: SG101` a
// known false positive (a finding on a safe line); both are counted, not
// failures. Several ids may be given, separated by commas. Templates
// (.html, .jinja, ...) are read too and annotated in template comments:
// `{# want: SG718 #}`.
package analysistest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

var annotation = regexp.MustCompile(`#\s*(want|ok|todo-want|todo-ok):\s*([A-Za-z0-9_, -]+)`)

// Result counts what a run checked: annotated lines in all, and per rule id.
type Result struct {
	Want, OK, Todo, TodoOK int
	ByRule                 map[string]*Counts
}

// Counts are one rule's annotated lines: Want lines it flags, OK lines it
// leaves alone, TodoWant lines it misses and TodoOK safe lines it flags.
type Counts struct {
	Want, OK, TodoWant, TodoOK int
}

func (r *Result) rule(id string) *Counts {
	if r.ByRule == nil {
		r.ByRule = map[string]*Counts{}
	}
	c := r.ByRule[id]
	if c == nil {
		c = &Counts{}
		r.ByRule[id] = c
	}
	return c
}

// templateExts are the extensions of the template files Run reads.
var templateExts = map[string]bool{".html": true, ".htm": true, ".jinja": true, ".jinja2": true, ".j2": true, ".djhtml": true}

// Run parses every .py file under dir, reads every template, runs the
// rules (per-file and project rules alike, all files as one project) and
// checks the annotations for the rules' ids.
func Run(t *testing.T, dir string, rules ...*analysis.Rule) Result {
	t.Helper()
	var paths []string
	var texts []analysis.TextFile
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(path, ".py"):
			paths = append(paths, path)
		case templateExts[strings.ToLower(filepath.Ext(path))]:
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			texts = append(texts, analysis.TextFile{Path: filepath.ToSlash(rel), Src: src})
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	if len(paths) == 0 && len(texts) == 0 {
		t.Fatalf("no .py files or templates under %s", dir)
	}
	sort.Strings(paths)
	var units []*analysis.Unit
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		mod := strings.TrimSuffix(strings.ReplaceAll(rel, "/", "."), ".py")
		mod = strings.TrimSuffix(mod, ".__init__")
		units = append(units, analysis.NewUnit(rel, mod, parser.ParseFile(rel, raw)))
	}
	fs, notices := analysis.Run(context.Background(), units, rules, 2, texts...)
	for _, n := range notices {
		t.Errorf("%s: %s", n.Path, n.Message)
	}
	return check(t, append(pythonAnnotations(units), textAnnotations(texts)...), fs, rules)
}

// site is the text of a comment (or of a template line) that may hold
// annotations, with its place.
type site struct {
	path string
	line int
	text string
}

func pythonAnnotations(units []*analysis.Unit) []site {
	var out []site
	for _, u := range units {
		if u.Parse().File == nil {
			continue
		}
		for _, c := range u.Parse().Comments {
			out = append(out, site{u.Path, u.Parse().File.Line(int(c.Pos)), u.Parse().File.Text(c.Pos, c.End)})
		}
	}
	return out
}

// textAnnotations returns every line of the templates: an annotation sits
// in a template comment, {# ok: SG718 #}.
func textAnnotations(files []analysis.TextFile) []site {
	var out []site
	for _, f := range files {
		for i, line := range bytes.Split(f.Src, []byte("\n")) {
			if bytes.Contains(line, []byte("#")) {
				out = append(out, site{f.Path, i + 1, string(line)})
			}
		}
	}
	return out
}

// Check compares findings with the annotations of the units' sources.
func Check(t *testing.T, units []*analysis.Unit, fs []finding.Finding, rules []*analysis.Rule) Result {
	t.Helper()
	return check(t, pythonAnnotations(units), fs, rules)
}

func check(t *testing.T, sites []site, fs []finding.Finding, rules []*analysis.Rule) Result {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range rules {
		ids[r.Doc.ID] = true
	}
	type key struct {
		path string
		line int
		id   string
	}
	got := map[key]int{}
	for _, f := range fs {
		got[key{f.Location.Path, f.Location.Line, f.RuleID}]++
	}
	var res Result
	seen := map[key]bool{}
	for _, s := range sites {
		for _, m := range annotation.FindAllStringSubmatch(s.text, -1) {
			for _, id := range strings.Split(m[2], ",") {
				id = strings.TrimSpace(id)
				if !ids[id] {
					continue
				}
				k := key{s.path, s.line, id}
				switch m[1] {
				case "want":
					res.Want++
					res.rule(id).Want++
					seen[k] = true
					if got[k] == 0 {
						t.Errorf("%s:%d: want %s, got no finding", s.path, s.line, id)
					}
				case "ok":
					res.OK++
					res.rule(id).OK++
					seen[k] = true
					if got[k] > 0 {
						t.Errorf("%s:%d: unexpected %s (line marked ok)", s.path, s.line, id)
					}
				case "todo-want":
					res.Todo++
					res.rule(id).TodoWant++
					seen[k] = true
					if got[k] > 0 {
						t.Logf("%s:%d: %s is found now: turn todo-want into want", s.path, s.line, id)
					}
				case "todo-ok":
					res.TodoOK++
					res.rule(id).TodoOK++
					seen[k] = true
					if got[k] == 0 {
						t.Logf("%s:%d: %s is not reported now: turn todo-ok into ok", s.path, s.line, id)
					}
				}
			}
		}
	}
	for _, f := range fs {
		k := key{f.Location.Path, f.Location.Line, f.RuleID}
		if !seen[k] {
			t.Errorf("%s:%d:%d: unexpected %s: %s", f.Location.Path, f.Location.Line, f.Location.Column, f.RuleID, f.Message)
			seen[k] = true
		}
	}
	if res.Todo > 0 {
		t.Logf("%d known gaps (todo-want)", res.Todo)
	}
	if res.TodoOK > 0 {
		t.Logf("%d known false positives (todo-ok)", res.TodoOK)
	}
	return res
}
