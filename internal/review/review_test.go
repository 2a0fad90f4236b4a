package review

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testRepo is a throwaway git repository.
type testRepo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	// Keep the machine's git configuration out of the test.
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
	t.Setenv("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := &testRepo{t: t, dir: dir}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.name", "Test")
	r.git("config", "user.email", "test@example.com")
	r.git("config", "commit.gpgsign", "false")
	return r
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *testRepo) write(path, text string) {
	r.t.Helper()
	full := filepath.Join(r.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

// review runs a review from inside the repository, as the command does.
func (r *testRepo) review(base string) (*Review, error) {
	r.t.Helper()
	r.t.Chdir(r.dir)
	return Run(context.Background(), Options{Path: ".", Base: base, Config: config.Default(), Workers: 1})
}

const dbPy = `import sqlite3


def connect(path):
    return sqlite3.connect(path)


def run(conn, sql):
    cur = conn.cursor()
    cur.execute(sql)
    return cur.fetchall()
`

const viewsBase = `import subprocess

from flask import Flask, request

from app.db import connect, run

app = Flask(__name__)


@app.route("/users")
def users():
    conn = connect("app.db")
    name = "admin"
    return {"rows": run(conn, "SELECT id FROM users WHERE name = '%s'" % name)}


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout
`

// viewsChanged adds a SQL injection on a new line, leaving the older
// command injection in /ping untouched.
const viewsChanged = `import subprocess

from flask import Flask, request

from app.db import connect, run

app = Flask(__name__)


@app.route("/users")
def users():
    conn = connect("app.db")
    name = "admin"
    return {"rows": run(conn, "SELECT id FROM users WHERE name = '%s'" % name)}


@app.route("/search")
def search():
    conn = connect("app.db")
    term = request.args.get("q", "")
    return {"rows": run(conn, "SELECT id FROM items WHERE title LIKE '%" + term + "%'")}


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout
`

// baseProject commits the base version on main and starts a feature branch.
func baseProject(t *testing.T) *testRepo {
	r := newRepo(t)
	r.write("app/__init__.py", "")
	r.write("app/db.py", dbPy)
	r.write("app/views.py", viewsBase)
	r.write("requirements.txt", "flask==3.0.3\n")
	r.commit("base")
	r.git("checkout", "-q", "-b", "feature")
	return r
}

func ruleLines(rv *Review) []string {
	var out []string
	for _, f := range rv.Findings {
		s := f.RuleID + "@" + loc(f.Location)
		if f.Via != nil {
			s += " via " + loc(f.Via.Location)
		}
		out = append(out, s)
	}
	return out
}

func areaIDs(rv *Review) []string {
	var out []string
	for _, it := range rv.Checklist {
		out = append(out, it.Area.ID)
	}
	return out
}

func TestReviewFeatureBranch(t *testing.T) {
	r := baseProject(t)
	r.write("app/views.py", viewsChanged)
	r.commit("search")
	rv, err := r.review("")
	if err != nil {
		t.Fatal(err)
	}
	if rv.Base.Ref != "main" || !strings.Contains(rv.Base.How, "merge base") {
		t.Errorf("base = %+v, want the merge base with main", rv.Base)
	}
	if got, want := ruleLines(rv), []string{"SG601@app/views.py:21"}; !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v (the unchanged command injection must not appear)", got, want)
	}
	if got, want := areaIDs(rv), []string{"sql", "web"}; !slices.Equal(got, want) {
		t.Errorf("checklist = %v, want %v", got, want)
	}
	for _, it := range rv.Checklist {
		if it.Area.ID == "sql" && !slices.Contains(it.Rules, "SG601") {
			t.Errorf("sql item lacks SG601: %v", it.Rules)
		}
	}
	golden(t, "feature.md", normalise(rv.Markdown(Meta{ToolVersion: "test"}), rv))
	golden(t, "feature-github-pr.md", normalise(rv.GitHubPR(Meta{ToolVersion: "test"}, 0), rv))
}

// A flow whose sink did not change is reported when its source line did.
func TestReviewFlowThroughChangedLine(t *testing.T) {
	r := baseProject(t)
	r.write("app/views.py", strings.Replace(viewsBase, `    name = "admin"`, `    name = request.args.get("name", "")`, 1))
	rv, err := r.review("")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ruleLines(rv), []string{"SG601@app/views.py:14 via app/views.py:13"}; !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
}

// On main, uncommitted changes (staged, unstaged, untracked) are reviewed
// against HEAD; with none, the last commit is.
func TestReviewDefaultBranch(t *testing.T) {
	r := newRepo(t)
	r.write("a.py", "x = 1\n")
	r.commit("first")
	rv, err := r.review("")
	if err != nil {
		t.Fatal(err)
	}
	if rv.Base.Ref != "(empty tree)" || len(rv.Files) != 1 || !rv.Files[0].New {
		t.Errorf("first commit: base %+v, files %v", rv.Base, rv.Files)
	}
	r.write("a.py", "import pickle\n\nx = 1\n\n\ndef load(blob):\n    return pickle.loads(blob)\n")
	r.git("add", "a.py")
	r.write("tools/run.py", "from subprocess import run as go\n\n\ndef deploy(cmd):\n    go(cmd, shell=True)\n")
	rv, err = r.review("")
	if err != nil {
		t.Fatal(err)
	}
	if rv.Base.Ref != "HEAD" {
		t.Errorf("base = %+v, want HEAD", rv.Base)
	}
	if got, want := ruleLines(rv), []string{"SG201@a.py:7", "SG102@tools/run.py:5"}; !slices.Equal(got, want) {
		t.Errorf("findings = %v, want %v", got, want)
	}
	if got, want := areaIDs(rv), []string{"command", "deserialization"}; !slices.Equal(got, want) {
		t.Errorf("checklist = %v, want %v", got, want)
	}
	r.commit("second")
	rv, err = r.review("")
	if err != nil {
		t.Fatal(err)
	}
	if rv.Base.Ref != "HEAD~1" || len(rv.Findings) != 2 {
		t.Errorf("clean main: base %+v, %d findings", rv.Base, len(rv.Findings))
	}
	rv, err = r.review("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Files) != 0 || len(rv.Findings) != 0 || len(rv.Checklist) != 0 {
		t.Errorf("--base HEAD on a clean tree: %v, %v, %v", rv.Files, ruleLines(rv), areaIDs(rv))
	}
}

// The checklist follows what names mean, not how they are spelled.
func TestChecklistBySemantics(t *testing.T) {
	r := newRepo(t)
	r.write("m.py", "x = 1\n")
	r.commit("base")
	r.write("m.py", `import hashlib as h
from yaml import safe_load


def pickle(data):
    return data


def subprocess_like(cmd):
    return cmd


def go(data, key):
    pickle(data)
    subprocess_like("ls")
    safe_load(data)
    return h.sha256(key).hexdigest()
`)
	r.write("requirements.txt", "pyyaml==6.0.2\n")
	rv, err := r.review("")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := areaIDs(rv), []string{"crypto", "deserialization", "dependencies"}; !slices.Equal(got, want) {
		t.Errorf("checklist = %v, want %v", got, want)
	}
	for _, it := range rv.Checklist {
		for _, e := range it.Evidence {
			if strings.Contains(e.Name, "pickle") || strings.Contains(e.Name, "subprocess") {
				t.Errorf("%s: local function taken for a module: %+v", it.Area.ID, e)
			}
		}
	}
}

func TestReviewErrors(t *testing.T) {
	newRepo(t) // for the isolated git configuration
	t.Chdir(t.TempDir())
	if _, err := Run(context.Background(), Options{Path: "."}); !errors.Is(err, ErrNotRepo) {
		t.Errorf("outside a repository: %v, want ErrNotRepo", err)
	}
	r := baseProject(t)
	if _, err := r.review("no-such-branch"); !errors.Is(err, ErrUnknownRef) {
		t.Errorf("unknown ref: %v, want ErrUnknownRef", err)
	}
}

func TestGitHubPRLimit(t *testing.T) {
	rv := &Review{Base: Base{Ref: "main", Commit: strings.Repeat("a", 40), How: "merge base of HEAD and main"},
		Docs: map[string]finding.RuleDoc{"SG101": {ID: "SG101", Name: "sql-string-formatting", Fix: "Use parameters. More text."}}}
	ch := &FileChange{Path: "big.py"}
	for i := 1; i <= 2000; i++ {
		ch.Lines = append(ch.Lines, i)
		rv.Findings = append(rv.Findings, Finding{Finding: finding.Finding{RuleID: "SG101", CWE: []int{89}, Severity: finding.High,
			Message:  "SQL statement built by string formatting " + strings.Repeat("x", 40),
			Location: finding.Location{Path: "big.py", Line: i, Column: 1}, Snippet: "cur.execute(f\"SELECT {x}\")"}})
	}
	rv.Files = []*FileChange{ch}
	rv.Checklist = buildChecklist([]Evidence{{Path: "big.py", Line: 1, Name: "sqlite3.connect"}}, nil, nil)
	for _, limit := range []int{0, 5000} {
		out := rv.GitHubPR(Meta{ToolVersion: "test"}, limit)
		max := limit
		if max == 0 {
			max = MaxCommentSize
		}
		if len(out) > max {
			t.Errorf("limit %d: comment is %d characters", limit, len(out))
		}
		if !strings.Contains(out, "cut to GitHub's") || !strings.Contains(out, "Review checklist") {
			t.Errorf("limit %d: no truncation note or no checklist", limit)
		}
	}
	small := &Review{Base: rv.Base, Docs: rv.Docs, Findings: rv.Findings[:2], Files: rv.Files}
	if out := small.GitHubPR(Meta{}, 0); strings.Contains(out, "cut to GitHub's") {
		t.Error("a short comment has a truncation note")
	}
}

// normalise replaces the base commit, which depends on git's object
// format, with a placeholder.
func normalise(s string, rv *Review) string {
	return strings.ReplaceAll(s, shortCommit(rv.Base.Commit), "BASE")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/review -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./internal/review -update to accept):\n%s", name, got)
	}
}

// goldenDir is absolute because the tests change directory.
var goldenDir = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()
