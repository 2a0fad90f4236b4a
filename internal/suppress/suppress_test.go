package suppress

import (
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

func TestParseDirectives(t *testing.T) {
	type want struct {
		kind    Kind
		codes   []string
		reason  string
		blanket bool
	}
	cases := []struct {
		text string
		want []want
	}{
		{"# nosec", []want{{Nosec, nil, "", true}}},
		{"#nosec", []want{{Nosec, nil, "", true}}},
		{"# NOSEC", []want{{Nosec, nil, "", true}}},
		{"# nosec B602", []want{{Nosec, []string{"B602"}, "", false}}},
		{"# nosec B602,B607", []want{{Nosec, []string{"B602", "B607"}, "", false}}},
		{"# nosec B602, B607 input is a constant", []want{{Nosec, []string{"B602", "B607"}, "input is a constant", false}}},
		{"# nosec: B602", []want{{Nosec, []string{"B602"}, "", false}}},
		{"# nosec - trusted admin tool", []want{{Nosec, nil, "trusted admin tool", true}}},
		{"# nosec b602", []want{{Nosec, []string{"B602"}, "", false}}},
		{"# nosecurity", nil},
		{"# noqa", []want{{Noqa, nil, "", true}}},
		{"# NOQA", []want{{Noqa, nil, "", true}}},
		{"# noqa: S602", []want{{Noqa, []string{"S602"}, "", false}}},
		{"# noqa:S602,E501", []want{{Noqa, []string{"S602", "E501"}, "", false}}},
		{"# noqa: S602, E501 legacy code", []want{{Noqa, []string{"S602", "E501"}, "legacy code", false}}},
		{"# noqa S602", []want{{Noqa, nil, "S602", true}}},
		{"# noqa:", []want{{Noqa, nil, "", false}}},
		{"# noqa: not-a-code", []want{{Noqa, nil, "not-a-code", false}}},
		{"# snakeguard: ignore[SG101] the path is a constant", []want{{Snakeguard, []string{"SG101"}, "the path is a constant", false}}},
		{"# snakeguard: ignore[SG101,SG102]", []want{{Snakeguard, []string{"SG101", "SG102"}, "", false}}},
		{"# snakeguard: ignore[SG101, subprocess-shell-true] ok", []want{{Snakeguard, []string{"SG101", "subprocess-shell-true"}, "ok", false}}},
		{"# snakeguard: ignore tests only", []want{{Snakeguard, nil, "tests only", true}}},
		{"# snakeguard:ignore", []want{{Snakeguard, nil, "", true}}},
		{"# snakeguard: ignore: reviewed in #123", []want{{Snakeguard, nil, "reviewed in #123", true}}},
		{"# snakeguard: ignore[] nothing", []want{{Snakeguard, nil, "nothing", false}}},
		{"# snakeguard: ignore-file", nil},
		{"# snakeguard: enable", nil},
		{"# type: ignore", nil},
		{"# just a comment about nosec", nil},
		{"# noqa: E501  # nosec B602", []want{{Noqa, []string{"E501"}, "", false}, {Nosec, []string{"B602"}, "", false}}},
		{"# fmt: off # noqa", []want{{Noqa, nil, "", true}}},
		{"nosec", []want{{Nosec, nil, "", true}}},
	}
	for _, c := range cases {
		ix := Parse([]Comment{{Line: 7, Text: c.text}})
		got := ix.Directives()
		if len(got) != len(c.want) {
			t.Errorf("%q: got %d directives %+v, want %d", c.text, len(got), got, len(c.want))
			continue
		}
		for i, w := range c.want {
			g := got[i]
			if g.Line != 7 || g.Kind != w.kind || !reflect.DeepEqual(g.Codes, w.codes) || g.Reason != w.reason || g.Blanket() != w.blanket {
				t.Errorf("%q: directive %d = {line %d %v codes %q reason %q blanket %v}, want {%v %q %q %v}",
					c.text, i, g.Line, g.Kind, g.Codes, g.Reason, g.Blanket(), w.kind, w.codes, w.reason, w.blanket)
			}
		}
	}
}

var docs = map[string]finding.RuleDoc{
	"SG101": {ID: "SG101", Name: "subprocess-shell-true", Aliases: []string{"B602", "S602", "subprocess_popen_with_shell_equals_true"}},
	"SG102": {ID: "SG102", Name: "eval-non-literal", Aliases: []string{"B307", "S307"}},
	"SG301": {ID: "SG301", Name: "weak-hash", Aliases: []string{"B324", "S324"}},
}

func at(rule string, line, endLine int) finding.Finding {
	return finding.Finding{RuleID: rule, Location: finding.Location{Path: "a.py", Line: line, Column: 1, EndLine: endLine, EndColumn: 2}}
}

func TestApply(t *testing.T) {
	cases := []struct {
		name       string
		comments   []Comment
		statements [][2]int
		findings   []finding.Finding
		suppressed []bool
		reasons    []string
	}{
		{
			name:       "bare nosec covers every rule on its line only",
			comments:   []Comment{{3, "# nosec"}},
			findings:   []finding.Finding{at("SG101", 3, 3), at("SG102", 3, 3), at("SG101", 4, 4)},
			suppressed: []bool{true, true, false},
			reasons:    []string{"# nosec", "# nosec", ""},
		},
		{
			name:       "bandit id maps through aliases",
			comments:   []Comment{{3, "# nosec B602"}},
			findings:   []finding.Finding{at("SG101", 3, 3), at("SG102", 3, 3)},
			suppressed: []bool{true, false},
		},
		{
			name:       "ruff code maps through aliases; other linters' codes ignored",
			comments:   []Comment{{2, "# noqa: E501, S307"}},
			findings:   []finding.Finding{at("SG101", 2, 2), at("SG102", 2, 2)},
			suppressed: []bool{false, true},
		},
		{
			name:       "bare noqa suppresses everything",
			comments:   []Comment{{2, "# noqa"}},
			findings:   []finding.Finding{at("SG101", 2, 2), at("SG301", 2, 2)},
			suppressed: []bool{true, true},
		},
		{
			name:       "noqa with an empty code list suppresses nothing",
			comments:   []Comment{{2, "# noqa:"}},
			findings:   []finding.Finding{at("SG101", 2, 2)},
			suppressed: []bool{false},
		},
		{
			name:       "own directive by id, name and reason",
			comments:   []Comment{{5, "# snakeguard: ignore[SG101, weak-hash] fixed input"}},
			findings:   []finding.Finding{at("SG101", 5, 5), at("SG301", 5, 5), at("SG102", 5, 5)},
			suppressed: []bool{true, true, false},
			reasons:    []string{"fixed input", "fixed input", ""},
		},
		{
			name:       "own directive does not take bandit ids for another rule",
			comments:   []Comment{{5, "# snakeguard: ignore[B307]"}},
			findings:   []finding.Finding{at("SG101", 5, 5), at("SG102", 5, 5)},
			suppressed: []bool{false, true},
		},
		{
			name:       "multi-line statement: directive on the first line",
			comments:   []Comment{{10, "# nosec B602"}},
			statements: [][2]int{{10, 13}},
			findings:   []finding.Finding{at("SG101", 12, 12), at("SG101", 14, 14)},
			suppressed: []bool{true, false},
		},
		{
			name:       "multi-line statement: directive on the last line",
			comments:   []Comment{{13, "# noqa: S602"}},
			statements: [][2]int{{10, 13}},
			findings:   []finding.Finding{at("SG101", 10, 13), at("SG101", 9, 9)},
			suppressed: []bool{true, false},
		},
		{
			name:       "multi-line finding: directive on its last line, no statement registered",
			comments:   []Comment{{12, "# noqa: S602"}},
			findings:   []finding.Finding{at("SG101", 10, 12), at("SG101", 11, 11)},
			suppressed: []bool{true, false},
		},
		{
			name:       "multi-line statement: directive in the middle covers only its line",
			comments:   []Comment{{11, "# nosec"}},
			statements: [][2]int{{10, 13}},
			findings:   []finding.Finding{at("SG101", 10, 10), at("SG101", 11, 11)},
			suppressed: []bool{false, true},
		},
		{
			name:       "own directive wins the reason over nosec",
			comments:   []Comment{{4, "# nosec # snakeguard: ignore[SG101] reviewed"}},
			findings:   []finding.Finding{at("SG101", 4, 4)},
			suppressed: []bool{true},
			reasons:    []string{"reviewed"},
		},
		{
			name:       "bandit test name maps through aliases",
			comments:   []Comment{{3, "# nosec subprocess_popen_with_shell_equals_true"}},
			findings:   []finding.Finding{at("SG101", 3, 3), at("SG102", 3, 3)},
			suppressed: []bool{true, false},
		},
		{
			name:       "unknown bandit test names are ignored: blanket",
			comments:   []Comment{{3, "# nosec not_a_test_we_know"}},
			findings:   []finding.Finding{at("SG101", 3, 3), at("SG102", 3, 3)},
			suppressed: []bool{true, true},
		},
		{
			name:       "nosec naming only a check we do not have suppresses nothing",
			comments:   []Comment{{3, "# nosec B999"}},
			findings:   []finding.Finding{at("SG101", 3, 3)},
			suppressed: []bool{false},
		},
		{
			name:       "bandit id plus unknown name: only the id",
			comments:   []Comment{{3, "# nosec B307 some_old_name"}},
			findings:   []finding.Finding{at("SG101", 3, 3), at("SG102", 3, 3)},
			suppressed: []bool{false, true},
		},
		{
			name:       "file-level findings are never suppressed inline",
			comments:   []Comment{{0, "# nosec"}},
			findings:   []finding.Finding{{RuleID: "SG101", Location: finding.Location{Path: "requirements.txt"}}},
			suppressed: []bool{false},
		},
		{
			name:       "unknown rule matched by id only",
			comments:   []Comment{{1, "# snakeguard: ignore[SG999]"}},
			findings:   []finding.Finding{at("SG999", 1, 1)},
			suppressed: []bool{true},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := Parse(c.comments)
			for _, s := range c.statements {
				ix.AddStatement(s[0], s[1])
			}
			got := ix.Apply(c.findings, docs)
			for i, f := range got {
				if f.Suppressed != c.suppressed[i] {
					t.Errorf("finding %d (%s line %d): suppressed = %v, want %v", i, f.RuleID, f.Location.Line, f.Suppressed, c.suppressed[i])
				}
				if c.reasons != nil && f.SuppressionReason != c.reasons[i] {
					t.Errorf("finding %d: reason %q, want %q", i, f.SuppressionReason, c.reasons[i])
				}
			}
			for _, f := range c.findings {
				if f.Suppressed {
					t.Fatal("Apply modified its input")
				}
			}
		})
	}
}

func TestApplyKeepsEarlierSuppression(t *testing.T) {
	f := at("SG101", 1, 1)
	f.Suppressed, f.SuppressionReason = true, finding.SuppressedByBaseline
	got := Parse([]Comment{{1, "# nosec"}}).Apply([]finding.Finding{f}, docs)
	if got[0].SuppressionReason != finding.SuppressedByBaseline {
		t.Errorf("reason overwritten: %q", got[0].SuppressionReason)
	}
}

func TestUnused(t *testing.T) {
	ix := Parse([]Comment{
		{1, "# nosec"},                       // used
		{2, "# nosec B602"},                  // unused: nothing on line 2
		{3, "# noqa"},                        // bare noqa: may be for another linter
		{4, "# noqa: E501"},                  // another linter's code
		{5, "# noqa: S602, E501"},            // names a snakeguard rule, unused
		{6, "# snakeguard: ignore[SG102]"},   // finding on line 6 is SG101: unused
		{7, "# snakeguard: ignore reviewed"}, // unused
	})
	ix.Apply([]finding.Finding{at("SG101", 1, 1), at("SG101", 6, 6)}, docs)
	var lines []string
	for _, d := range ix.Unused() {
		lines = append(lines, d.Text)
	}
	want := []string{"# nosec B602", "# noqa: S602, E501", "# snakeguard: ignore[SG102]", "# snakeguard: ignore reviewed"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("Unused() = %q\nwant %q", lines, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"# nosec B602", "# noqa: S602,E501", "# snakeguard: ignore[SG101] why", "#", "# noqa:# nosec:", "# snakeguard: ignore[", strings.Repeat("# nosec ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ix := Parse([]Comment{{Line: 1, Text: text}})
		ix.AddStatement(1, 3)
		ix.Apply([]finding.Finding{at("SG101", 2, 2)}, docs)
		ix.Unused()
		for _, d := range ix.Directives() {
			if d.Line != 1 || !strings.Contains(text, strings.TrimPrefix(d.Text, "# ")) {
				t.Fatalf("directive %+v does not come from %q", d, text)
			}
		}
	})
}
