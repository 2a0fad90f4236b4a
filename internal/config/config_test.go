package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

func TestEnabled(t *testing.T) {
	cases := []struct {
		name            string
		select_, ignore []string
		rule            string
		want            bool
	}{
		{"defaults run everything", nil, nil, "SG101", true},
		{"select family", []string{"SG1"}, nil, "SG101", true},
		{"select family excludes others", []string{"SG1"}, nil, "SG301", false},
		{"ignore one rule", nil, []string{"SG101"}, "SG101", false},
		{"ignore one rule keeps others", nil, []string{"SG101"}, "SG102", true},
		{"ignore family", nil, []string{"SG3"}, "SG301", false},
		{"specific select beats broad ignore", []string{"SG301"}, []string{"SG3"}, "SG301", true},
		{"specific ignore beats broad select", []string{"SG3"}, []string{"SG301"}, "SG301", false},
		{"tie: ignore wins", []string{"SG1"}, []string{"SG1"}, "SG101", false},
		{"ALL select", []string{"ALL"}, nil, "SG901", true},
		{"ALL ignore beaten by specific select", []string{"SG9"}, []string{"ALL"}, "SG901", true},
		{"ALL ignore", nil, []string{"ALL"}, "SG901", false},
		{"SG selects every rule", []string{"SG"}, []string{"SG10"}, "SG110", true},
		{"syntax errors despite select", []string{"SG1"}, nil, "SG000", true},
		{"syntax errors despite a broad ignore", nil, []string{"SG0", "ALL"}, "SG000", true},
		{"syntax errors ignored by exact id", nil, []string{"SG000"}, "SG000", false},
	}
	for _, c := range cases {
		cfg := Default()
		cfg.Select, cfg.Ignore = c.select_, c.ignore
		if got := cfg.Enabled(c.rule); got != c.want {
			t.Errorf("%s: Enabled(%s) with select=%v ignore=%v = %v, want %v", c.name, c.rule, c.select_, c.ignore, got, c.want)
		}
	}
}

func TestMatchPath(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"*.pyi", "pkg/mod.pyi", true},
		{"*.pyi", "pkg/mod.py", false},
		{"migrations", "app/migrations/0001_initial.py", true},
		{"migrations", "app/migrations_helper.py", false},
		{".venv", ".venv/lib/python3.12/site-packages/x.py", true},
		{"build/", "build/lib/x.py", true},
		{"build/", "build", false},
		{"build/", "src/build/x.py", true},
		{"tests/*", "tests/test_a.py", true},
		{"tests/*", "tests/sub/test_b.py", true},
		{"tests/*", "src/tests/test_a.py", false},
		{"/tests", "tests/test_a.py", true},
		{"./tests", "tests/test_a.py", true},
		{"src/*/generated.py", "src/a/generated.py", true},
		{"src/*/generated.py", "src/a/b/generated.py", false},
		{"**/migrations/*.py", "migrations/0001.py", true},
		{"**/migrations/*.py", "a/b/migrations/0001.py", true},
		{"**/migrations/*.py", "a/b/migrations/x/0001.py", false},
		{"src/**", "src/a/b.py", true},
		{"src/**/test_*.py", "src/test_x.py", true},
		{"src/**/test_*.py", "src/a/b/test_x.py", true},
		{"src/**/test_*.py", "lib/test_x.py", false},
		{"test_?.py", "test_a.py", true},
		{"[ab].py", "c.py", false},
		{"", "a.py", false},
		{"*", "", false},
		{"x.py", "./x.py", true},
	}
	for _, c := range cases {
		if got := MatchPath(c.pattern, c.path); got != c.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestExcludedAndPerFileIgnores(t *testing.T) {
	cfg := Default()
	cfg.ExtendExclude = []string{"legacy/"}
	cfg.PerFileIgnores = []PathIgnore{{Glob: "tests/**", Rules: []string{"SG8"}}, {Glob: "conftest.py", Rules: []string{"SG101"}}}
	for path, want := range map[string]bool{
		"app/views.py":             false,
		".git/hooks/pre-commit.py": true,
		"venv/lib/site.py":         true,
		"pkg/__pycache__/m.py":     true,
		"legacy/old.py":            true,
		"legacy":                   false,
		"pkg.egg-info/PKG-INFO":    true,
		"node_modules/x/setup.py":  true,
		"src/buildtools/make.py":   false,
	} {
		if got := cfg.Excluded(path); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", path, got, want)
		}
	}
	cases := []struct {
		rule, path string
		want       bool
	}{
		{"SG801", "tests/test_x.py", true},
		{"SG801", "tests/unit/test_x.py", true},
		{"SG101", "tests/test_x.py", false},
		{"SG101", "pkg/conftest.py", true},
		{"SG801", "app/views.py", false},
	}
	for _, c := range cases {
		if got := cfg.IgnoredForPath(c.rule, c.path); got != c.want {
			t.Errorf("IgnoredForPath(%s, %s) = %v, want %v", c.rule, c.path, got, c.want)
		}
	}
}

func TestKeepAndFails(t *testing.T) {
	cfg := Default()
	cfg.MinSeverity, cfg.MinConfidence, cfg.FailOn = finding.Medium, finding.MediumConfidence, finding.High
	f := func(sev finding.Severity, conf finding.Confidence) finding.Finding {
		return finding.Finding{RuleID: "SG101", Severity: sev, Confidence: conf}
	}
	cases := []struct {
		f          finding.Finding
		keep, fail bool
	}{
		{f(finding.Low, finding.HighConfidence), false, false},
		{f(finding.Medium, finding.LowConfidence), false, false},
		{f(finding.Medium, finding.MediumConfidence), true, false},
		{f(finding.High, finding.HighConfidence), true, true},
		{f(finding.Critical, finding.HighConfidence), true, true},
		{f(finding.SeverityUnknown, finding.ConfidenceUnknown), true, true},
	}
	for _, c := range cases {
		if got := cfg.Keep(c.f, "a.py"); got != c.keep {
			t.Errorf("Keep(%v/%v) = %v, want %v", c.f.Severity, c.f.Confidence, got, c.keep)
		}
		if got := cfg.Fails(c.f); got != c.fail {
			t.Errorf("Fails(%v) = %v, want %v", c.f.Severity, got, c.fail)
		}
	}
	sup := f(finding.Critical, finding.HighConfidence)
	sup.Suppressed = true
	if cfg.Fails(sup) {
		t.Error("a suppressed finding fails the run")
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const fullConfig = `
select = ["SG1", "SG3"]
ignore = ["SG103"]
severity = "medium"
confidence = "low"
exclude = ["vendor"]
extend-exclude = ["generated/**"]
max-file-size = "2MB"
format = "sarif"
baseline = ".snakeguard-baseline.json"
show-suppressed = true
warn-unused-suppressions = true
fail-on = "high"

[per-file-ignores]
"tests/*" = ["SG801"]
"scripts/*.py" = ["SG1", "SG5"]

[taint]
file-sources = true

[[taint.sinks]]
qualname = "myorm.Session.query"
kind = "sql"
args = [0, "text"]

[[taint.sources]]
qualname = "myapp.web.Request.params"
kind = "user-input"
label = "web"

[deps]
ignore-vulns = ["GHSA-xxxx-yyyy-zzzz"]
require-hashes = true
offline = true
`

func TestLoadFileFull(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "snakeguard.toml")
	writeFile(t, path, fullConfig)
	c, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Path: path, Dir: dir,
		Select: []string{"SG1", "SG3"}, Ignore: []string{"SG103"},
		MinSeverity: finding.Medium, MinConfidence: finding.LowConfidence,
		Exclude: []string{"vendor"}, ExtendExclude: []string{"generated/**"},
		PerFileIgnores: []PathIgnore{
			{Glob: "scripts/*.py", Rules: []string{"SG1", "SG5"}},
			{Glob: "tests/*", Rules: []string{"SG801"}},
		},
		MaxFileSize: 2 << 20, Format: "sarif",
		Baseline:       filepath.Join(dir, ".snakeguard-baseline.json"),
		ShowSuppressed: true, WarnUnusedSuppressions: true, FailOn: finding.High,
		Taint: TaintConfig{
			Sinks:       []TaintEntry{{QualName: "myorm.Session.query", Kind: "sql", Args: []any{int64(0), "text"}, Extra: map[string]any{}}},
			Sources:     []TaintEntry{{QualName: "myapp.web.Request.params", Kind: "user-input", Extra: map[string]any{"label": "web"}}},
			FileSources: true,
		},
		Deps: DepsConfig{IgnoreVulns: []string{"GHSA-xxxx-yyyy-zzzz"}, RequireHashes: true, Offline: true},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestPyprojectTable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pyproject.toml")
	writeFile(t, path, `[project]
name = "demo"
unknown-to-us = 1

[tool.ruff]
line-length = 100

[tool.snakeguard]
ignore = ["SG8"]

[tool.snakeguard.per-file-ignores]
"tests/*" = ["SG801"]

[[tool.snakeguard.taint.sinks]]
qualname = "db.run"
`)
	c, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Ignore, []string{"SG8"}) || len(c.PerFileIgnores) != 1 || len(c.Taint.Sinks) != 1 {
		t.Errorf("got %+v", c)
	}
	if c.Enabled("SG801") || !c.Enabled("SG101") {
		t.Error("ignore from pyproject not applied")
	}
}

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name, file, text string
		want             []string // substrings of the error
	}{
		{"unknown top-level key", "snakeguard.toml", "select = [\"SG1\"]\nseverty = \"high\"\n",
			[]string{"snakeguard.toml:2:", `unknown key "severty"`}},
		{"underscore spelling suggests the dashed key", "snakeguard.toml", "\n\nper_file_ignores = {}\n",
			[]string{"snakeguard.toml:3:", `unknown key "per_file_ignores"`, `did you mean "per-file-ignores"?`}},
		{"unknown key in pyproject names the full key", "pyproject.toml", "[tool.snakeguard]\nselect = [\"SG1\"]\nfail_on = \"high\"\n",
			[]string{"pyproject.toml:3:", `unknown key "tool.snakeguard.fail_on"`, `did you mean "tool.snakeguard.fail-on"?`}},
		{"tool table in snakeguard.toml", "snakeguard.toml", "[tool.snakeguard]\nselect = [\"SG1\"]\n",
			[]string{"snakeguard.toml:1:", `unknown key "tool.snakeguard"`, "at the top level"}},
		{"unknown key in a sub-table", "snakeguard.toml", "[deps]\noffline = true\nmirror = \"x\"\n",
			[]string{"snakeguard.toml:3:", `unknown key "deps.mirror"`}},
		{"bad severity", "snakeguard.toml", "\nseverity = \"severe\"\n",
			[]string{"snakeguard.toml:2:", "severity", `unknown severity "severe"`}},
		{"bad confidence in pyproject", "pyproject.toml", "[tool.snakeguard]\nconfidence = \"sure\"\n",
			[]string{"pyproject.toml:2:", "tool.snakeguard.confidence", `unknown confidence "sure"`}},
		{"bad selector", "snakeguard.toml", "ignore = [\"B602\"]\n",
			[]string{"snakeguard.toml:1:", `invalid rule selector "B602"`}},
		{"bad per-file selector", "snakeguard.toml", "[per-file-ignores]\n\"tests/*\" = [\"S101\"]\n",
			[]string{"snakeguard.toml:1:", "per-file-ignores", `invalid rule selector "S101"`}},
		{"bad glob", "snakeguard.toml", "exclude = [\"[oops\"]\n",
			[]string{"snakeguard.toml:1:", `invalid glob "[oops"`}},
		{"bad size", "snakeguard.toml", "max-file-size = \"lots\"\n",
			[]string{"max-file-size", `invalid size "lots"`}},
		{"negative size", "snakeguard.toml", "max-file-size = -1\n",
			[]string{"max-file-size", "must be positive"}},
		{"bad format", "snakeguard.toml", "format = \"xml\"\n",
			[]string{"format", `unknown format "xml"`}},
		{"wrong type", "snakeguard.toml", "select = \"SG1\"\n",
			[]string{"snakeguard.toml:1:", "select"}},
		{"syntax error", "snakeguard.toml", "select = [\"SG1\"\n",
			[]string{"snakeguard.toml:"}},
		{"taint entry without qualname", "snakeguard.toml", "[[taint.sinks]]\nkind = \"sql\"\n",
			[]string{"taint.sinks", "entry 1 has no qualname"}},
		{"file-sources of a wrong type", "snakeguard.toml", "[taint]\nfile-sources = \"yes\"\n",
			[]string{"snakeguard.toml:2:", "taint.file-sources"}},
		{"taint args of a wrong type", "snakeguard.toml", "[[taint.sinks]]\nqualname = \"x\"\nargs = [1.5]\n",
			[]string{"taint.sinks", "args must hold integers"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.file)
			writeFile(t, path, c.text)
			_, err := LoadFile(path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadDiscovery(t *testing.T) {
	root := t.TempDir()
	// root/.git marks the repository; root/pyproject.toml has our table;
	// root/sub/pyproject.toml has none; root/sub/deep is where we scan.
	writeFile(t, filepath.Join(root, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(root, "pyproject.toml"), "[tool.snakeguard]\nignore = [\"SG8\"]\n")
	writeFile(t, filepath.Join(root, "sub", "pyproject.toml"), "[project]\nname = \"x\"\n")
	writeFile(t, filepath.Join(root, "sub", "deep", "app.py"), "print(1)\n")

	c, path, err := Load(filepath.Join(root, "sub", "deep"))
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(root, "pyproject.toml") || !reflect.DeepEqual(c.Ignore, []string{"SG8"}) {
		t.Errorf("got %s %+v", path, c)
	}
	// A file as the start point works like its directory.
	if _, path, _ := Load(filepath.Join(root, "sub", "deep", "app.py")); path != filepath.Join(root, "pyproject.toml") {
		t.Errorf("from a file: got %s", path)
	}
	// A nearer snakeguard.toml wins; .snakeguard.toml beats it in the same directory.
	writeFile(t, filepath.Join(root, "sub", "snakeguard.toml"), "ignore = [\"SG1\"]\n")
	if _, path, _ := Load(filepath.Join(root, "sub", "deep")); path != filepath.Join(root, "sub", "snakeguard.toml") {
		t.Errorf("nearest: got %s", path)
	}
	writeFile(t, filepath.Join(root, "sub", ".snakeguard.toml"), "ignore = [\"SG2\"]\n")
	c, path, _ = Load(filepath.Join(root, "sub", "deep"))
	if path != filepath.Join(root, "sub", ".snakeguard.toml") || c.Ignore[0] != "SG2" {
		t.Errorf("dot file: got %s", path)
	}
}

func TestLoadStopsAtRepoRoot(t *testing.T) {
	outer := t.TempDir()
	writeFile(t, filepath.Join(outer, "snakeguard.toml"), "ignore = [\"SG1\"]\n")
	repo := filepath.Join(outer, "repo")
	writeFile(t, filepath.Join(repo, ".git"), "gitdir: elsewhere\n") // a worktree's .git file
	c, path, err := Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Dir = repo
	if path != "" || !reflect.DeepEqual(c, want) {
		t.Errorf("config outside the repository was used: %s %+v", path, c)
	}
	// Outside a repository and without a config file, Dir is the start.
	lone := t.TempDir()
	if c, path, _ := Load(lone); path == "" && c.Dir != lone {
		t.Errorf("Dir = %q, want %q", c.Dir, lone)
	}
}

func TestLoadUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files regardless of permissions")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "")
	path := filepath.Join(dir, "snakeguard.toml")
	writeFile(t, path, "select = []\n")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Load(dir); err == nil {
		t.Error("an unreadable config file was skipped silently")
	}
}

func TestLoadReportsBadFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "")
	writeFile(t, filepath.Join(dir, "snakeguard.toml"), "bogus = 1\n")
	if _, _, err := Load(dir); err == nil || !strings.Contains(err.Error(), `unknown key "bogus"`) {
		t.Errorf("got %v", err)
	}
}

func TestMerge(t *testing.T) {
	c := Default()
	c.Select, c.Ignore = []string{"SG1"}, []string{"SG101"}
	high, off := finding.High, true
	format := "json"
	err := c.Merge(Override{
		Select: []string{"SG1", "SG3"}, Ignore: []string{"SG102"},
		FailOn: &high, Format: &format, Offline: &off,
		ExtendExclude: []string{"gen"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Select, []string{"SG1", "SG3"}) || !reflect.DeepEqual(c.Ignore, []string{"SG101", "SG102"}) {
		t.Errorf("select/ignore: %v %v", c.Select, c.Ignore)
	}
	if c.FailOn != finding.High || c.Format != "json" || !c.Deps.Offline || c.MinSeverity != finding.Low {
		t.Errorf("got %+v", c)
	}
	if !c.Excluded("gen/x.py") || !c.Excluded(".git/x") {
		t.Error("extend-exclude from flags lost the defaults")
	}
	if err := c.Merge(Override{Ignore: []string{"B101"}}); err == nil {
		t.Error("invalid selector accepted")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[any]int64{
		int64(1000): 1000, "1000": 1000, "5MB": 5 << 20, "5 MiB": 5 << 20, "512kb": 512 << 10, "1G": 1 << 30, "10b": 10,
	} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%v) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []any{"", "MB", "5 TB", 1.5, int64(0), "99999999999999999999"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%v): no error", in)
		}
	}
}

func FuzzLoadFile(f *testing.F) {
	f.Add(fullConfig)
	f.Add("[tool.snakeguard]\nselect = [\"SG1\"]\n")
	f.Add("[[taint.sinks]]\nqualname = 1\nargs = \"x\"\n")
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		for _, name := range []string{"snakeguard.toml", "pyproject.toml"} {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := LoadFile(path)
			if err == nil && c == nil {
				t.Fatal("nil config without error")
			}
		}
	})
}
