package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestReviewCommand(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	gitIn(t, dir, "config", "user.name", "Test")
	gitIn(t, dir, "config", "user.email", "test@example.com")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tool.py", "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "base")
	write("tool.py", "import subprocess\nimport yaml\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n\n\ndef conf(text):\n    return yaml.load(text, Loader=yaml.Loader)\n")
	t.Chdir(dir)

	out, errOut, code := scanCLI(t, "", "review", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d: %s", code, ExitFindings, errOut)
	}
	var rep struct {
		Base     struct{ Ref string }
		Findings []struct {
			RuleID string `json:"rule_id"`
			Line   int
			Reason string
		}
		Checklist []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if rep.Base.Ref != "HEAD" || len(rep.Findings) != 1 || rep.Findings[0].RuleID != "SG203" || rep.Findings[0].Line != 10 || rep.Findings[0].Reason != "changed-line" {
		t.Errorf("review JSON: %+v", rep)
	}
	if len(rep.Checklist) != 1 || rep.Checklist[0].ID != "deserialization" {
		t.Errorf("checklist: %+v", rep.Checklist)
	}
	if _, _, code := scanCLI(t, "", "review", "--exit-zero"); code != ExitOK {
		t.Errorf("--exit-zero: exit %d", code)
	}
	if out, _, _ := scanCLI(t, "", "review", "--format", "github-pr"); !strings.HasPrefix(out, "<!-- snakeguard-review -->") {
		t.Errorf("github-pr output:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"review", "--base", "no-such-ref"}, "unknown git ref"},
		{[]string{"review", "--format", "sarif"}, "unknown format"},
		{[]string{"review", "missing-dir"}, "no such file"},
	} {
		if _, errOut, code := scanCLI(t, "", tc.args...); code != ExitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, ExitUsage, tc.want)
		}
	}
	t.Chdir(t.TempDir())
	if _, errOut, code := scanCLI(t, "", "review"); code != ExitUsage || !strings.Contains(errOut, "not a git repository") {
		t.Errorf("outside a repository: exit %d, %s", code, errOut)
	}
}

// A review audits the dependency manifests offline and keeps the
// findings on changed lines: the pin added in the change, not the older
// one beside it; --no-deps leaves them out.
func TestReviewDependencies(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the built-in snapshot, not a downloaded export
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	gitIn(t, dir, "config", "user.name", "Test")
	gitIn(t, dir, "config", "user.email", "test@example.com")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("requirements.txt", "flask==3.0.3\n")
	write("app.py", "import flask\n")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "base")
	write("requirements.txt", "flask==3.0.3\njinja2==2.10\n")
	t.Chdir(dir)

	out, errOut, code := scanCLI(t, "", "review", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	var rep struct {
		Findings []struct {
			RuleID string `json:"rule_id"`
			Path   string
			Line   int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(rep.Findings) == 0 {
		t.Fatalf("no findings: %s\n%s", errOut, out)
	}
	for _, f := range rep.Findings {
		if f.RuleID != "SG901" || f.Path != "requirements.txt" || f.Line != 2 {
			t.Errorf("finding %+v, want only SG901 at requirements.txt:2", f)
		}
	}
	if out, _, code := scanCLI(t, "", "review", "--no-deps", "--format", "json"); code != ExitOK || strings.Contains(out, `"rule_id": "SG901"`) {
		t.Errorf("--no-deps: exit %d\n%s", code, out)
	}
}
