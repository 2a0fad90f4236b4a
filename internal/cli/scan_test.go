package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func scanCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

type jsonReport struct {
	Findings []struct {
		RuleID     string `json:"rule_id"`
		Path       string `json:"path"`
		Line       int    `json:"line"`
		Suppressed bool   `json:"suppressed"`
	} `json:"findings"`
}

func TestScanProject(t *testing.T) {
	out, stderr, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "--show-suppressed", "testdata/scanproj")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, stderr)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, f := range rep.Findings {
		key := f.RuleID + "@" + f.Path + ":" + jsonInt(f.Line)
		if f.Suppressed {
			key += " suppressed"
		}
		got[key] = true
	}
	for _, want := range []string{
		"SG602@testdata/scanproj/pkg/views.py:6",
		"SG602@testdata/scanproj/pkg/views.py:7 suppressed",
		"SG603@testdata/scanproj/pkg/views.py:8 suppressed",
		"SG000@testdata/scanproj/pkg/broken.py:3",
		"SG201@testdata/scanproj/pkg/broken.py:6",
		"SG203@testdata/scanproj/notebook.ipynb:3",
		"SG202@testdata/scanproj/tool:3",
	} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	for k := range got {
		if strings.Contains(k, "ignored/") || strings.Contains(k, "blob.py") {
			t.Errorf("finding in a skipped file: %s", k)
		}
	}
	if !strings.Contains(out, "binary file") {
		t.Errorf("no notice for the binary file in %s", out)
	}
}

func jsonInt(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestScanTextAndExitCodes(t *testing.T) {
	out, _, code := scanCLI(t, "", "scan", "--no-deps", "--no-color", "testdata/scanproj/pkg/views.py")
	if code != ExitFindings || !strings.Contains(out, "pkg/views.py:6:5: SG602 [critical]") || !strings.Contains(out, "^^^") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	_, _, code = scanCLI(t, "", "scan", "--no-deps", "--ignore", "SG6", "--fail-on", "critical", "testdata/scanproj/pkg/views.py")
	if code != ExitOK {
		t.Errorf("--fail-on critical: exit %d, want 0", code)
	}
	_, stderr, code := scanCLI(t, "", "scan", "no/such/path")
	if code != ExitUsage || !strings.Contains(stderr, "no/such/path") {
		t.Errorf("missing path: exit %d, stderr %q", code, stderr)
	}
	_, _, code = scanCLI(t, "", "scan", "--format", "yaml", ".")
	if code != ExitUsage {
		t.Errorf("bad format: exit %d", code)
	}
}

func TestScanStdinAndSelect(t *testing.T) {
	src := "import hashlib\nhashlib.md5(b'x')\nimport os\nos.system(cmd)\n"
	out, _, code := scanCLI(t, src, "scan", "--format", "json", "--select", "SG3", "--stdin-filename", "snippet.py", "-")
	if code != ExitFindings || !strings.Contains(out, `"SG301"`) || strings.Contains(out, `"SG103"`) {
		t.Errorf("exit %d, output %s", code, out)
	}
}

func TestScanBaseline(t *testing.T) {
	dir := t.TempDir()
	bl := filepath.Join(dir, "baseline.json")
	_, _, code := scanCLI(t, "", "scan", "--no-deps", "--write-baseline", bl, "testdata/scanproj/pkg/views.py")
	if code != ExitFindings {
		t.Fatalf("write baseline: exit %d", code)
	}
	if _, err := os.Stat(bl); err != nil {
		t.Fatal(err)
	}
	out, _, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "--baseline", bl, "testdata/scanproj/pkg/views.py")
	if code != ExitOK {
		t.Errorf("with baseline: exit %d, output %s", code, out)
	}
}

func TestScanSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.py"), []byte("eval(x)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Skip("symlinks not supported")
	}
	out, _, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", dir)
	if code != ExitFindings || !strings.Contains(out, "symlink loop") || strings.Count(out, `"rule_id": "SG107"`) != 1 {
		t.Errorf("exit %d, output %s", code, out)
	}
}

func TestRulesAndExplain(t *testing.T) {
	out, _, code := scanCLI(t, "", "rules", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"SG101"`) {
		t.Errorf("rules: exit %d", code)
	}
	out, _, code = scanCLI(t, "", "explain", "B602")
	if code != ExitOK || !strings.Contains(out, "SG102 subprocess-shell-true") || !strings.Contains(out, "Vulnerable") || !strings.Contains(out, "Secure") {
		t.Errorf("explain: exit %d, output %s", code, out)
	}
	_, _, code = scanCLI(t, "", "explain", "SG999")
	if code != ExitUsage {
		t.Errorf("explain unknown: exit %d", code)
	}
}

func TestDepsPyproject(t *testing.T) {
	out, stderr, code := scanCLI(t, "", "deps", "--offline", "--format", "json", "testdata/pyproject")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	for _, want := range []string{`"rule_id": "SG905"`, `"rule_id": "SG904"`, `"rule_id": "SG901"`, `pyproject.toml`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in output", want)
		}
	}
}

func TestScanProjectTaintSpec(t *testing.T) {
	out, stderr, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "--config", "testdata/taintcfg/pyproject.toml", "testdata/taintcfg")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if strings.Count(out, `"rule_id": "SG601"`) != 1 || !strings.Contains(out, "legacy.run_report") {
		t.Errorf("want one SG601 through the declared sink, got %s", out)
	}
}

func TestScanShards(t *testing.T) {
	total := 0
	for _, shard := range []string{"1/2", "2/2"} {
		out, _, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "--shard", shard, "testdata/scanproj")
		if code == ExitUsage || code == ExitInternal {
			t.Fatalf("shard %s: exit %d", shard, code)
		}
		total += strings.Count(out, `"rule_id": `)
	}
	all, _, _ := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "testdata/scanproj")
	if want := strings.Count(all, `"rule_id": `); total != want {
		t.Errorf("shards found %d findings, the whole scan %d", total, want)
	}
	if _, _, code := scanCLI(t, "", "scan", "--shard", "3/2", "."); code != ExitUsage {
		t.Errorf("--shard 3/2: exit %d", code)
	}
}

func TestMergeSARIF(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, shard := range []string{"1/2", "2/2"} {
		p := filepath.Join(dir, "s"+string(rune('0'+i))+".sarif")
		if _, _, code := scanCLI(t, "", "scan", "--no-deps", "--format", "sarif", "-o", p, "--shard", shard, "testdata/scanproj"); code == ExitUsage {
			t.Fatal("scan failed")
		}
		files = append(files, p)
	}
	out, stderr, code := scanCLI(t, "", append([]string{"merge-sarif"}, files...)...)
	if code != ExitOK || !strings.Contains(out, `"runs"`) {
		t.Errorf("merge: exit %d, stderr %s", code, stderr)
	}
}

// SG907 is checked against the fixture's annotations: `# want: SG907` on
// an import that no manifest declares, `# ok: SG907` on the standard
// library, local modules, imports declared under another distribution
// name, and optional imports.
func TestScanUndeclaredImport(t *testing.T) {
	out, _, _ := scanCLI(t, "", "scan", "--format", "json", "testdata/undeclared")
	var doc struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			Path   string `json:"path"`
			Line   int    `json:"line"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[int]bool{}
	for _, f := range doc.Findings {
		if f.RuleID == "SG907" && strings.HasSuffix(f.Path, "app.py") {
			got[f.Line] = true
		}
	}
	src, err := os.ReadFile("testdata/undeclared/app.py")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.Contains(line, "# want: SG907"):
			checked++
			if !got[i+1] {
				t.Errorf("app.py:%d: want SG907, got none", i+1)
			}
		case strings.Contains(line, "# ok: SG907"):
			checked++
			if got[i+1] {
				t.Errorf("app.py:%d: unexpected SG907", i+1)
			}
		}
	}
	if checked < 5 || len(got) != 1 {
		t.Errorf("checked %d annotated lines; SG907 findings on lines %v", checked, got)
	}
}

// setup.cfg, setup.py and Pipfile declarations count for SG907, whatever
// their markers; computed declarations switch the check off with a note.
func TestScanUndeclaredImportManifests(t *testing.T) {
	out, _, _ := scanCLI(t, "", "scan", "--format", "json", "testdata/undeclaredsetup")
	if strings.Count(out, `"rule_id": "SG907"`) != 1 || !strings.Contains(out, "numpy is imported") {
		t.Errorf("want one SG907 for numpy, got %s", out)
	}
	out, _, _ = scanCLI(t, "", "scan", "--format", "json", "testdata/computedsetup")
	if strings.Contains(out, `"rule_id": "SG907"`) || !strings.Contains(out, "not all declared dependencies could be read statically") {
		t.Errorf("computed install_requires: %s", out)
	}
}

// A project without dependency manifests gives no dependency notice.
func TestScanWithoutManifests(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.py"), []byte("import os\n"), 0o644)
	out, _, code := scanCLI(t, "", "scan", dir)
	if code != ExitOK || strings.Contains(out, "dependency audit") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// A project's taint specification is checked before the scan: a sink
// without a kind, or with one the engine does not know, is a usage error
// that names the file.
func TestBadTaintConfig(t *testing.T) {
	for name, entry := range map[string]string{
		"no kind":      "qualname = \"ourdb.query\"\n",
		"unknown kind": "qualname = \"ourdb.query\"\nkind = \"sqll\"\n",
		"no name":      "kind = \"sql\"\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("import os\nos.system(input())\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := "[tool.snakeguard]\n[[tool.snakeguard.taint.sinks]]\n" + entry
		if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := scanCLI(t, "", "scan", "--no-deps", dir)
		if code != ExitUsage || !strings.Contains(stderr, "pyproject.toml") || !strings.Contains(stderr, "taint") || strings.Contains(stderr, "goroutine") {
			t.Errorf("%s: exit %d, stderr %s", name, code, stderr)
		}
	}
}
