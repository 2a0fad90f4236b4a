package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/baseline"
	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
	"github.com/snakeguard/snakeguard/internal/suppress"
)

// TestPipeline runs findings through the steps a scan takes after the
// rules: fingerprints, config filtering, inline suppressions, the baseline
// and the report, the way the scan command chains them.
func TestPipeline(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfgText := "[tool.snakeguard]\nseverity = \"low\"\nfail-on = \"high\"\n\n[tool.snakeguard.per-file-ignores]\n\"tests/*\" = [\"SG3\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(cfgText), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	source := map[string][]string{
		"app.py": {
			"import subprocess, hashlib",
			"subprocess.run(cmd, shell=True)  # nosec B602",
			"subprocess.run(cmd2, shell=True)",
			"hashlib.md5(x)",
		},
		"tests/test_app.py": {"hashlib.md5(x)"},
	}
	docs := map[string]finding.RuleDoc{
		"SG101": {ID: "SG101", Name: "subprocess-shell-true", Severity: finding.High, Aliases: []string{"B602", "S602"}},
		"SG301": {ID: "SG301", Name: "weak-hash", Severity: finding.Low, Aliases: []string{"B324", "S324"}},
	}
	at := func(rule, path string, line int) finding.Finding {
		return finding.Finding{RuleID: rule, Severity: docs[rule].Severity, Confidence: finding.HighConfidence,
			Message: rule + " here", Location: finding.Location{Path: path, Line: line, Column: 1}}
	}
	raw := []finding.Finding{at("SG101", "app.py", 2), at("SG101", "app.py", 3), at("SG301", "app.py", 4), at("SG301", "tests/test_app.py", 1)}
	lineText := func(f *finding.Finding) string { return source[f.Location.Path][f.Location.Line-1] }
	noScope := func(*finding.Finding) string { return "" }

	run := func(raw []finding.Finding, bl *baseline.Baseline) ([]finding.Finding, int) {
		fs := append([]finding.Finding(nil), raw...)
		finding.AssignFingerprints(fs, lineText, noScope)
		var kept []finding.Finding
		for _, f := range fs {
			if cfg.Keep(f, f.Location.Path) {
				kept = append(kept, f)
			}
		}
		var comments []suppress.Comment
		for i, l := range source["app.py"] {
			if at := strings.Index(l, "#"); at >= 0 {
				comments = append(comments, suppress.Comment{Line: i + 1, Text: l[at:]})
			}
		}
		kept = suppress.Parse(comments).Apply(kept, docs)
		if bl != nil {
			kept = bl.Filter(kept)
		}
		failing := 0
		for _, f := range kept {
			if cfg.Fails(f) {
				failing++
			}
		}
		return kept, failing
	}

	fs, failing := run(raw, nil)
	if len(fs) != 3 || failing != 1 {
		t.Fatalf("first run: %d findings (want 3: per-file-ignores drops the test), %d failing (want 1)", len(fs), failing)
	}
	var saved bytes.Buffer
	if err := baseline.Write(&saved, fs); err != nil {
		t.Fatal(err)
	}
	bl, err := baseline.Read(&saved)
	if err != nil {
		t.Fatal(err)
	}

	// Lines move down by two; a new shell=True call appears.
	source["app.py"] = append([]string{"", ""}, source["app.py"]...)
	source["app.py"] = append(source["app.py"], "subprocess.run(cmd3, shell=True)")
	moved := []finding.Finding{at("SG101", "app.py", 4), at("SG101", "app.py", 5), at("SG301", "app.py", 6), at("SG101", "app.py", 7), at("SG301", "tests/test_app.py", 1)}
	fs, failing = run(moved, bl)
	if failing != 1 {
		t.Errorf("second run: %d failing findings, want 1 (only the new call)", failing)
	}
	var out bytes.Buffer
	r := &report.Report{ToolVersion: "test", Findings: fs, FilesScanned: 2}
	if err := report.Write(&out, "text", r, report.Options{}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "app.py:7:1: SG101 [high]") || strings.Contains(text, "app.py:5:1") {
		t.Errorf("report lists the wrong findings:\n%s", text)
	}
	if !strings.Contains(text, "Found 1 finding: 1 high. 3 suppressed.") {
		t.Errorf("summary wrong:\n%s", text)
	}
}
