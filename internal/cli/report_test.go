package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func writeProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := "import sqlite3\n\n\ndef find(cur, name):\n    cur.execute(\"SELECT * FROM t WHERE n = '%s'\" % name)\n"
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReportCommand(t *testing.T) {
	proj := writeProject(t)
	out := filepath.Join(t.TempDir(), "r")
	stdout, stderr, code := scanCLI(t, "", "report", "--compliance", "asvs", "--no-deps", "-o", out+".md", proj)
	if code != ExitOK {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	if !strings.Contains(stdout, "r.md") {
		t.Errorf("stdout %q", stdout)
	}
	md, err := os.ReadFile(out + ".md")
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(out + ".html")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"V5.3.4", "SG101", "app.py:5", "Scanned commit", "Not covered by static analysis", "ASVS 5.0 chapters", "snakeguard " + Version} {
		if !strings.Contains(string(md), want) {
			t.Errorf("Markdown report lacks %q", want)
		}
	}
	if !strings.Contains(string(html), "app.py:5") || !strings.HasPrefix(string(html), "<!DOCTYPE html>") {
		t.Errorf("HTML report:\n%.400s", html)
	}
}

func TestReportFromSavedResult(t *testing.T) {
	proj := writeProject(t)
	dir := t.TempDir()
	saved := filepath.Join(dir, "results.json")
	if _, stderr, code := scanCLI(t, "", "scan", "--no-deps", "--format", "json", "-o", saved, proj); code != ExitFindings {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	_, stderr, code := scanCLI(t, "", "report", "--compliance", "pci-dss", "--from", saved, "--out-dir", filepath.Join(dir, "out"))
	if code != ExitOK {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	md, err := os.ReadFile(filepath.Join(dir, "out", "compliance-pci-dss.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"6.2.4 injection attacks", "app.py:5", "results.json", "not recorded"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

func TestReportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"report"},
		{"report", "--compliance", "sox", "--no-deps", "."},
		{"report", "--compliance", "asvs", "-o", "x", "--out-dir", "y", "."},
		{"report", "--compliance", "asvs", "--from", "does-not-exist.json"},
		{"report", "--compliance", "asvs", "no/such/path"},
	} {
		if _, _, code := scanCLI(t, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestGitCommit(t *testing.T) {
	ctx := context.Background()
	if got := gitCommit(ctx, t.TempDir()); got != "not a git repository" && !strings.HasPrefix(got, "unknown") {
		t.Errorf("plain directory: %q", got)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	if got := gitCommit(ctx, dir); !strings.HasPrefix(got, "no commit yet") {
		t.Errorf("empty repository: %q", got)
	}
	file := filepath.Join(dir, "a.py")
	if err := os.WriteFile(file, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "a.py")
	git("commit", "-q", "-m", "one")
	head := git("rev-parse", "HEAD")
	if got := gitCommit(ctx, file); got != head {
		t.Errorf("clean repository: %q, want %q", got, head)
	}
	if err := os.WriteFile(file, []byte("x = 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := gitCommit(ctx, dir); got != head+" (with uncommitted changes)" {
		t.Errorf("dirty repository: %q", got)
	}
}

func TestExplainAndRulesShowCompliance(t *testing.T) {
	out, _, code := scanCLI(t, "", "explain", "SG101")
	if code != ExitOK {
		t.Fatalf("explain exit %d", code)
	}
	for _, want := range []string{"OWASP Top 10 2021: A03:2021-Injection", "OWASP Top 10 2025: A05:2025-Injection",
		"OWASP ASVS 4.0.3: V5.3.4; V5.3.5", "OWASP ASVS 5.0: V1 Encoding and Sanitization", "CWE-89 is #3",
		"PCI DSS v4.0.1: 6.2.4 injection attacks", "ISO/IEC 27001:2022: A.8.28 Secure coding"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q", want)
		}
	}
	out, _, code = scanCLI(t, "", "rules", "--format", "json")
	if code != ExitOK {
		t.Fatalf("rules exit %d", code)
	}
	var rules []struct {
		ID         string `json:"id"`
		Compliance struct {
			OWASP2025 []string `json:"owasp_top10_2025"`
			ASVS4     []string `json:"asvs_4_0_3"`
			ASVS5     []string `json:"asvs_5_0"`
		} `json:"compliance"`
	}
	if err := json.Unmarshal([]byte(out), &rules); err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.ID == "SG101" && (len(r.Compliance.OWASP2025) == 0 || len(r.Compliance.ASVS4) == 0 || len(r.Compliance.ASVS5) == 0) {
			t.Errorf("SG101 JSON compliance %+v", r.Compliance)
		}
	}
}
