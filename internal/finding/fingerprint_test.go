package finding

import (
	"regexp"
	"testing"
)

func TestComputeFingerprint(t *testing.T) {
	base := ComputeFingerprint("SG101", "app/views.py", "subprocess.run(cmd, shell=True)", "views.run", 0)
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(base) {
		t.Fatalf("fingerprint %q is not 32 hex digits", base)
	}
	same := []struct {
		name                    string
		rule, path, line, scope string
		occ                     int
	}{
		{"reindented line", "SG101", "app/views.py", "    subprocess.run(cmd,  shell=True)  ", "views.run", 0},
		{"tabs in scope", "SG101", "app/views.py", "subprocess.run(cmd, shell=True)", "\tviews.run\n", 0},
	}
	for _, c := range same {
		if got := ComputeFingerprint(c.rule, c.path, c.line, c.scope, c.occ); got != base {
			t.Errorf("%s: fingerprint changed: %s != %s", c.name, got, base)
		}
	}
	different := []struct {
		name                    string
		rule, path, line, scope string
		occ                     int
	}{
		{"rule", "SG102", "app/views.py", "subprocess.run(cmd, shell=True)", "views.run", 0},
		{"path", "SG101", "app/other.py", "subprocess.run(cmd, shell=True)", "views.run", 0},
		{"line text", "SG101", "app/views.py", "subprocess.run(cmd2, shell=True)", "views.run", 0},
		{"scope", "SG101", "app/views.py", "subprocess.run(cmd, shell=True)", "views.other", 0},
		{"occurrence", "SG101", "app/views.py", "subprocess.run(cmd, shell=True)", "views.run", 1},
		{"no separator ambiguity", "SG101a", "pp/views.py", "subprocess.run(cmd, shell=True)", "views.run", 0},
	}
	for _, c := range different {
		if got := ComputeFingerprint(c.rule, c.path, c.line, c.scope, c.occ); got == base {
			t.Errorf("%s: fingerprint did not change", c.name)
		}
	}
}

func TestNormalizeSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"  a  b\t\tc \n": "a b c",
		"x=1":            "x=1",
		"\u00a0a\u2003b": "a b",
		"already normal": "already normal",
	} {
		if got := NormalizeSpace(in); got != want {
			t.Errorf("NormalizeSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAssignFingerprints(t *testing.T) {
	fs := []Finding{
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 9, Column: 1}, Snippet: "os.system(x)"},
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 3, Column: 1}, Snippet: "os.system(x)"},
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 5, Column: 1}, Snippet: "os.system(y)", Fingerprint: "keep"},
	}
	line := func(f *Finding) string { return f.Snippet }
	scope := func(*Finding) string { return "" }
	AssignFingerprints(fs, line, scope)
	// Sorted: line 3, 5, 9. Lines 3 and 9 share a key: occurrences 0 and 1.
	if fs[0].Location.Line != 3 || fs[2].Location.Line != 9 {
		t.Fatalf("not sorted: %+v", fs)
	}
	if fs[1].Fingerprint != "keep" {
		t.Errorf("existing fingerprint overwritten: %q", fs[1].Fingerprint)
	}
	if want := ComputeFingerprint("SG101", "a.py", "os.system(x)", "", 0); fs[0].Fingerprint != want {
		t.Errorf("first occurrence = %q, want %q", fs[0].Fingerprint, want)
	}
	if want := ComputeFingerprint("SG101", "a.py", "os.system(x)", "", 1); fs[2].Fingerprint != want {
		t.Errorf("second occurrence = %q, want %q", fs[2].Fingerprint, want)
	}
	// Moving both lines keeps both fingerprints.
	moved := []Finding{
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 30, Column: 5}, Snippet: "  os.system(x)"},
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 13, Column: 5}, Snippet: "  os.system(x)"},
	}
	AssignFingerprints(moved, line, scope)
	if moved[0].Fingerprint != fs[0].Fingerprint || moved[1].Fingerprint != fs[2].Fingerprint {
		t.Errorf("moved findings changed fingerprints")
	}
}

func TestPrimaryLocationLineHash(t *testing.T) {
	if got := PrimaryLocationLineHash(""); got != "" {
		t.Errorf("empty fingerprint gave %q", got)
	}
	fp := ComputeFingerprint("SG101", "a.py", "x", "", 0)
	if got, want := PrimaryLocationLineHash(fp), fp[:16]+":1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSortOrder(t *testing.T) {
	fs := []Finding{
		{RuleID: "SG102", Location: Location{Path: "b.py", Line: 1, Column: 1}},
		{RuleID: "SG102", Location: Location{Path: "a.py", Line: 2, Column: 1}},
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 2, Column: 1}},
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 1, Column: 7}},
		{RuleID: "SG101", Location: Location{Path: "a.py", Line: 1, Column: 3}},
	}
	Sort(fs)
	want := []string{"a.py:1:3 SG101", "a.py:1:7 SG101", "a.py:2:1 SG101", "a.py:2:1 SG102", "b.py:1:1 SG102"}
	for i, f := range fs {
		if got := f.Location.String() + " " + f.RuleID; got != want[i] {
			t.Errorf("position %d: %s, want %s", i, got, want[i])
		}
	}
}

func TestRuleDocMatches(t *testing.T) {
	d := RuleDoc{ID: "SG101", Name: "subprocess-shell-true", Aliases: []string{"B602", "S602"}}
	for code, want := range map[string]bool{
		"SG101": true, "sg101": true, "subprocess-shell-true": true, "B602": true, "s602": true,
		"B603": false, "SG1": false, "": false,
	} {
		if got := d.Matches(code); got != want {
			t.Errorf("Matches(%q) = %v, want %v", code, got, want)
		}
	}
}
