package learn

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/rules"
)

// Every rule with examples makes a lesson whose flagged lines lie in the
// example and whose choices hold the rule once, with distinct CWEs.
func TestEveryRuleMakesALesson(t *testing.T) {
	all := Studyable(rules.All())
	docs := rules.Docs()
	for _, r := range all {
		l, err := NewLesson(context.Background(), r, docs, 7)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		n := strings.Count(strings.TrimRight(r.Doc.Vulnerable, "\n"), "\n") + 1
		for _, line := range l.Lines {
			if line < 1 || line > n {
				t.Errorf("%s: flagged line %d outside the %d-line example", r.Doc.ID, line, n)
			}
		}
		if len(l.Choices) != choiceCount {
			t.Errorf("%s: %d choices", r.Doc.ID, len(l.Choices))
		}
		seen := map[int]bool{}
		for _, c := range l.Choices {
			if seen[c.CWE] {
				t.Errorf("%s: CWE-%d offered twice", r.Doc.ID, c.CWE)
			}
			seen[c.CWE] = true
		}
		if l.Choices[l.Answer].RuleID != r.Doc.ID {
			t.Errorf("%s: answer %d is %s", r.Doc.ID, l.Answer, l.Choices[l.Answer].RuleID)
		}
	}
}

func TestFlaggedLinesPath(t *testing.T) {
	for _, tc := range []struct{ id, path string }{
		{"SG102", "example.py"}, {"SG702", "settings.py"}, {"SG718", "templates/example.html"},
	} {
		path, lines, err := FlaggedLines(context.Background(), ruleByID(t, tc.id))
		if err != nil || path != tc.path || len(lines) == 0 {
			t.Errorf("%s: FlaggedLines = %q, %v, %v; want path %q and lines", tc.id, path, lines, err, tc.path)
		}
	}
}

func TestSelect(t *testing.T) {
	all := Studyable(rules.All())
	for _, tc := range []struct {
		topic string
		want  []string // must be selected
		not   []string // must not be
	}{
		{"sql", []string{"SG101", "SG601", "SG616"}, []string{"SG102", "SG301"}},
		{"command", []string{"SG102", "SG103", "SG602"}, []string{"SG101"}},
		{"deserialization", []string{"SG201", "SG203", "SG609", "SG714"}, []string{"SG301"}},
		{"django", []string{"SG702", "SG716"}, []string{"SG701"}},
		{"flask", []string{"SG701", "SG721"}, []string{"SG702"}},
		{"sg305", []string{"SG305"}, []string{"SG301"}},
		{"subprocess-shell-true", []string{"SG102"}, []string{"SG103"}},
	} {
		got, err := Select(tc.topic, all)
		if err != nil {
			t.Errorf("%s: %v", tc.topic, err)
			continue
		}
		ids := map[string]bool{}
		for _, r := range got {
			ids[r.Doc.ID] = true
		}
		for _, id := range tc.want {
			if !ids[id] {
				t.Errorf("topic %s lacks %s", tc.topic, id)
			}
		}
		for _, id := range tc.not {
			if ids[id] {
				t.Errorf("topic %s has %s", tc.topic, id)
			}
		}
	}
	if _, err := Select("nonsense", all); err == nil {
		t.Error("Select(nonsense) did not fail")
	}
	for _, tp := range Topics() {
		if got, _ := Select(tp.Name, all); len(got) == 0 {
			t.Errorf("topic %s has no rules", tp.Name)
		}
	}
}

func TestProgressRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "learn.json")
	p, err := LoadProgress(path)
	if err != nil || p.Total() != 0 {
		t.Fatalf("missing file: %v, %d", err, p.Total())
	}
	p.Record("SG101", true)
	p.Record("SG101", false)
	p.Record("SG102", false)
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	q, err := LoadProgress(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Of("SG101"); got != (RuleProgress{Seen: 2, Right: 1}) {
		t.Errorf("SG101 = %+v", got)
	}
	if q.Total() != 3 {
		t.Errorf("total = %d", q.Total())
	}
	if err := Reset(path); err != nil {
		t.Fatal(err)
	}
	if q, _ := LoadProgress(path); q.Total() != 0 {
		t.Error("reset kept progress")
	}
	if err := Reset(path); err != nil {
		t.Errorf("reset of a missing file: %v", err)
	}
}

func TestStatePath(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{StateEnv: "/x/p.json", "XDG_STATE_HOME": "/s"}, "/x/p.json"},
		{map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}, "/s/snakeguard/learn.json"},
		{map[string]string{"XDG_STATE_HOME": "rel", "HOME": "/h"}, "/h/.local/state/snakeguard/learn.json"},
		{map[string]string{"HOME": "/h"}, "/h/.local/state/snakeguard/learn.json"},
	} {
		got, err := StatePath(func(k string) string { return tc.env[k] })
		if err != nil || got != tc.want {
			t.Errorf("%v: %q, %v; want %q", tc.env, got, err, tc.want)
		}
	}
	if _, err := StatePath(func(string) string { return "" }); err == nil {
		t.Error("no HOME and no override did not fail")
	}
}

func TestCorruptProgress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "learn.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadProgress(path); err == nil {
		t.Error("corrupt progress file read without error")
	}
}

func ruleByID(t *testing.T, id string) *analysis.Rule {
	t.Helper()
	for _, r := range rules.All() {
		if r.Doc.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s", id)
	return nil
}

func TestChoicesDeterministic(t *testing.T) {
	docs := rules.Docs()
	r := ruleByID(t, "SG101")
	a, err := NewLesson(context.Background(), r, docs, 42)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewLesson(context.Background(), r, docs, 42)
	if !reflect.DeepEqual(a.Choices, b.Choices) {
		t.Errorf("same seed, different choices:\n%v\n%v", a.Choices, b.Choices)
	}
	differ := false
	for seed := uint64(0); seed < 8 && !differ; seed++ {
		c, _ := NewLesson(context.Background(), r, docs, seed)
		differ = !reflect.DeepEqual(a.Choices, c.Choices)
	}
	if !differ {
		t.Error("the seed does not change the choices")
	}
}
