package taint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/taint"
)

// TestTaintFixtures checks the annotated fixtures and measures each taint
// rule on them and on its own documentation examples; the figures must
// match the per-CWE table in the README (-v prints the table to paste).
func TestTaintFixtures(t *testing.T) {
	rules := taint.Rules()
	res := analysistest.Run(t, "testdata/src", rules...)
	if res.Want < 15 || res.OK < 10 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
	t.Logf("%d want, %d ok, %d known gaps, %d known false positives", res.Want, res.OK, res.Todo, res.TodoOK)

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	published, dups := readmeTable(string(readme))
	for _, id := range dups {
		t.Errorf("README taint precision table has more than one row for %s", id)
	}
	var table strings.Builder
	for _, r := range rules {
		m := measure(t, r, res.ByRule[r.Doc.ID])
		label := published[r.Doc.ID].label
		if label == "" {
			label = fmt.Sprintf("%d %s", r.Doc.CWE[0], r.Doc.Name)
		}
		row := fmt.Sprintf("| %s | %s | %d / %d | %d / %d |", label, r.Doc.ID, m.found, m.vulnerable, m.reported, m.safe)
		table.WriteString(row + "\n")
		if p, ok := published[r.Doc.ID]; !ok || p.row != row {
			t.Errorf("README taint precision row for %s is out of date; want\n%s", r.Doc.ID, row)
		}
	}
	t.Logf("taint precision per CWE (fixtures and rule examples):\n%s", table.String())
}

// measured counts a rule's labelled cases: vulnerable ones found, safe
// ones reported.
type measured struct {
	found, vulnerable, reported, safe int
}

// measure adds a rule's documentation examples (the vulnerable one is a
// vulnerable case, the secure one a safe case) to its fixture counts.
func measure(t *testing.T, r *analysis.Rule, c *analysistest.Counts) measured {
	t.Helper()
	var m measured
	if c != nil {
		m = measured{found: c.Want, vulnerable: c.Want + c.TodoWant, reported: c.TodoOK, safe: c.OK + c.TodoOK}
	}
	for _, ex := range []struct {
		src        string
		vulnerable bool
	}{{r.Doc.Vulnerable, true}, {r.Doc.Secure, false}} {
		res := parser.ParseString("example.py", ex.src)
		u := analysis.NewUnit("example.py", "example", res)
		fs, _ := analysis.Run(context.Background(), []*analysis.Unit{u}, []*analysis.Rule{r}, 1)
		fired := len(fs) > 0
		if ex.vulnerable {
			m.vulnerable++
			if fired {
				m.found++
			}
		} else {
			m.safe++
			if fired {
				m.reported++
			}
		}
	}
	return m
}

type readmeRow struct{ label, row string }

var tableRow = regexp.MustCompile(`(?m)^\| ([^|]+?) \| (SG6\d\d) \| \d+ / \d+ \| \d+ / \d+ \|$`)

// readmeTable returns the README's taint precision rows by rule id, and
// the ids that have more than one row.
func readmeTable(readme string) (map[string]readmeRow, []string) {
	out := map[string]readmeRow{}
	var dups []string
	for _, m := range tableRow.FindAllStringSubmatch(readme, -1) {
		if _, err := strconv.Atoi(strings.Fields(m[1])[0]); err == nil {
			if _, seen := out[m[2]]; seen {
				dups = append(dups, m[2])
			}
			out[m[2]] = readmeRow{label: m[1], row: m[0]}
		}
	}
	return out, dups
}

// TestFileSources checks file contents as sources: reported only when a
// project turns the file class on.
func TestFileSources(t *testing.T) {
	res := analysistest.Run(t, "testdata/files", taint.RulesWith(config.TaintConfig{FileSources: true})...)
	if res.Want < 4 || res.OK < 3 {
		t.Errorf("file fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
	units := fixtureUnits(t, "testdata/files")
	fs, _ := analysis.Run(context.Background(), units, taint.Rules(), 1)
	for _, f := range fs {
		t.Errorf("%s:%d: %s reported without file-sources: %s", f.Location.Path, f.Location.Line, f.RuleID, f.Message)
	}
}

// fixtureUnits parses the Python files under dir.
func fixtureUnits(t *testing.T, dir string) []*analysis.Unit {
	t.Helper()
	var units []*analysis.Unit
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		mod := strings.TrimSuffix(strings.ReplaceAll(rel, "/", "."), ".py")
		units = append(units, analysis.NewUnit(rel, mod, parser.ParseFile(rel, src)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return units
}

func TestBuiltinSpec(t *testing.T) {
	s, err := taint.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sources) < 10 || len(s.Sinks) < 40 || len(s.Sanitizers) < 10 {
		t.Errorf("spec has %d sources, %d sinks, %d sanitizers", len(s.Sources), len(s.Sinks), len(s.Sanitizers))
	}
}

// TestSharedModuleNames checks scripts in separate folders that import a
// module of the same name from beside them: each call reaches the module
// in its own folder, as Python's sys.path[0] would have it.
func TestSharedModuleNames(t *testing.T) {
	files := []struct{ path, module, src string }{
		{"ops/store.py", "store", `import sqlite3

def find(conn, name):
    return conn.execute("SELECT * FROM users WHERE name = '%s'" % name).fetchone()
`},
		{"ops/app.py", "app", `from flask import Flask, request
import store
app = Flask(__name__)

@app.route("/find")
def find():
    return str(store.find(None, request.args["name"]))
`},
		{"safe/store.py", "store", `import sqlite3

def find(conn, name):
    return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
`},
		{"safe/app.py", "app", `from flask import Flask, request
import store
app = Flask(__name__)

@app.route("/find")
def find():
    return str(store.find(None, request.args["name"]))
`},
		{"tools/run-report.py", "", `import sys
import store

def main():
    store.find(None, sys.argv[1])
`},
	}
	var units []*analysis.Unit
	for _, f := range files {
		units = append(units, analysis.NewUnit(f.path, f.module, parser.ParseString(f.path, f.src)))
	}
	fs, _ := analysis.Run(context.Background(), units, taint.Rules(), 1)
	var got []string
	for _, f := range fs {
		if f.RuleID == "SG601" {
			got = append(got, fmt.Sprintf("%s:%d", f.Location.Path, f.Location.Line))
		}
	}
	// tools/ has no store.py beside it and the two others are equally
	// far: its call is not resolved.
	if want := []string{"ops/app.py:7"}; !slices.Equal(got, want) {
		t.Errorf("SQL injection reported at %v, want %v", got, want)
	}
}

// TestNamespacePackage checks calls into a namespace package (a directory
// without __init__.py, whose files are modules of their own name).
func TestNamespacePackage(t *testing.T) {
	files := []struct{ path, module, src string }{
		{"helpers/wrap.py", "wrap", "class Wrapper:\n    def __init__(self, request):\n        self.request = request\n\n    def form(self, name):\n        return self.request.form.get(name)\n\n    def fixed(self, name):\n        return 'x'\n"},
		{"other/wrap.py", "", "def form(name):\n    return name\n"},
		{"views.py", "views", "from flask import Flask, request, session\n\napp = Flask(__name__)\n\n" +
			"@app.route('/a', methods=['POST'])\ndef a():\n    import helpers.wrap\n    w = helpers.wrap.Wrapper(request)\n    session['a'] = w.form('a')\n    session['b'] = w.fixed('b')\n    return 'ok'\n\n" +
			"@app.route('/b', methods=['POST'])\ndef b():\n    import elsewhere.wrap\n    w = elsewhere.wrap.Wrapper(request)\n    session['c'] = w.form('c')\n    return 'ok'\n"},
	}
	var units []*analysis.Unit
	for _, f := range files {
		units = append(units, analysis.NewUnit(f.path, f.module, parser.ParseString(f.path, f.src)))
	}
	fs, _ := analysis.Run(context.Background(), units, taint.Rules(), 1)
	var lines []int
	for _, f := range fs {
		if f.RuleID == "SG618" {
			lines = append(lines, f.Location.Line)
		}
	}
	if fmt.Sprint(lines) != "[9]" {
		t.Errorf("SG618 reported on lines %v; want [9] (helpers.wrap resolved, elsewhere.wrap not)", lines)
	}
}

func TestFixesOrigin(t *testing.T) {
	for s, want := range map[string]bool{
		"/account/":             true,
		"/":                     false, // "/" + "/evil.example" is protocol-relative
		"//cdn.example/":        false,
		"\\\\evil":              false,
		"?next=":                true,
		"#top":                  true,
		"items/":                true,
		"https":                 false,
		"https://shop.example/": true,
		"https://shop.example":  false, // "@evil.example" would make it a user name
		"javascript:alert(1)//": false,
		"":                      false,
	} {
		if got := taint.FixesOrigin(s); got != want {
			t.Errorf("FixesOrigin(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPureBody(t *testing.T) {
	for _, tc := range []struct {
		body string
		want bool
	}{
		{"pass", true},
		{"continue", true},
		{"break", true},
		{"return", true},
		{"return None", true},
		{"return a.b[c] + -d, [e, f if g else h], f'{i!r}'", true},
		{"raise", true},
		{"raise err from cause", true},
		{"return x == y and not z", true},
		{"return f(x)", false},           // a call may write its arguments
		{"raise ValueError(x)", false},   // so may a constructor
		{"return (y := x)", false},       // an assignment
		{"return [v for v in x]", false}, // a comprehension binds its names
		{"return lambda: x", false},
		{"x = 1", false},
		{"pass\n    pass", false}, // more than one statement
	} {
		src := "if c:\n    " + tc.body + "\n"
		mod := parser.ParseFile("t.py", []byte(src)).Module
		if len(mod.Body) != 1 {
			t.Fatalf("%q: parsed %d statements", src, len(mod.Body))
		}
		s, ok := mod.Body[0].(*ast.If)
		if !ok {
			t.Fatalf("%q: not an if statement", src)
		}
		if got := taint.PureBody(s.Body); got != tc.want {
			t.Errorf("PureBody(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

func TestBySuffix(t *testing.T) {
	keys := []string{"shop.db.find", "app.models.User.save", "other.models.User.save", "a.b", "#3:lib.util.run", "x.y.z"}
	for _, tc := range []struct {
		name, key string
		found     bool
	}{
		{"db.find", "shop.db.find", true},
		{"models.User.save", "", true}, // two keys end so
		{"User.save", "", true},
		{"b", "", false},   // one part
		{"a.b", "", false}, // a whole key only
		{"util.run", "#3:lib.util.run", true},
		{"y.z", "x.y.z", true},
		{"hop.db.find", "", false}, // not after a dot
		{"q.find", "", false},
	} {
		key, found := taint.BySuffix(keys, tc.name)
		if key != tc.key || found != tc.found {
			t.Errorf("bySuffix(%q) = %q, %v; want %q, %v", tc.name, key, found, tc.key, tc.found)
		}
	}
}

// TestIfArmInPlace checks the taint after an if without else whose arm
// is analysed on the state itself: the state before the arm joins the
// arm's, and an arm that leaves the function leaves the state as it was.
func TestIfArmInPlace(t *testing.T) {
	head := "import os\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route(\"/r\")\ndef view():\n    cmd = request.args[\"cmd\"]\n"
	for _, tc := range []struct{ name, body string }{
		{"arm overwrites", "    if len(cmd) > 3:\n        cmd = \"ls\"\n    os.system(cmd)  # want: SG602\n"},
		{"arm taints", "    name = \"ls\"\n    if cmd:\n        name = cmd\n    os.system(name)  # want: SG602\n"},
		{"arm clean both ways", "    name = \"ls\"\n    if cmd:\n        name = \"pwd\"\n    os.system(name)  # ok: SG602\n"},
		{"arm leaves", "    name = \"ls\"\n    if cmd:\n        name = cmd\n        raise ValueError(\"no\")\n    os.system(name)  # ok: SG602\n"},
		{"arm deletes", "    name = cmd\n    if cmd:\n        del name\n        name = \"ls\"\n    os.system(name)  # want: SG602\n"},
		{"guard in arm", "    if cmd in (\"ls\", \"pwd\"):\n        os.system(cmd)  # ok: SG602\n    os.system(cmd)  # want: SG602\n"},
		{"arm in loop", "    name = \"ls\"\n    for part in cmd.split():\n        if part:\n            name = part\n            break\n    os.system(name)  # want: SG602\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(head+tc.body+"    return \"ok\"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			res := analysistest.Run(t, dir, taint.Rules()...)
			if res.Want+res.OK != strings.Count(tc.body, "# ok")+strings.Count(tc.body, "# want") {
				t.Errorf("checked %d want and %d ok lines", res.Want, res.OK)
			}
		})
	}
}
