package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleSources are the files the sample findings point into.
var sampleSources = map[string][]string{
	"app/views.py": {
		"import subprocess",
		"from flask import request",
		"",
		"def run():",
		"    cmd = request.args[\"cmd\"]",
		"    subprocess.run(cmd, shell=True)  # nosec B602",
		"\treturn eval(cmd)",
		"",
		"QUERY = (\"SELECT * FROM users WHERE name = '%s'\"",
		"         % request.args[\"name\"])",
	},
	"app/util/crypto.py": {
		"import hashlib",
		"digest = hashlib.md5(data).hexdigest()  # <b>&\"quoted\"</b>",
	},
}

func sampleSourceLine(path string, line int) string {
	lines := sampleSources[path]
	if line < 1 || line > len(lines) {
		return ""
	}
	return lines[line-1]
}

var sampleRules = []finding.RuleDoc{
	{
		ID: "SG101", Name: "subprocess-shell-true", CWE: []int{78},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary:    "A subprocess call runs its command through a shell.",
		Why:        "With shell=True the shell interprets metacharacters in the command, so\ninput that reaches it can run other commands.",
		Vulnerable: "subprocess.run(\"ls \" + path, shell=True)",
		Secure:     "subprocess.run([\"ls\", path])",
		Fix:        "Pass the command as a list of arguments and drop shell=True.",
		References: []string{"https://cwe.mitre.org/data/definitions/78.html"},
		Aliases:    []string{"B602", "S602"},
	},
	{
		ID: "SG102", Name: "eval-non-literal", CWE: []int{95},
		Severity: finding.Critical, Confidence: finding.MediumConfidence,
		Summary:    "eval() evaluates a value that is not a literal.",
		Why:        "eval runs any Python expression it is given.",
		Vulnerable: "eval(request.args[\"x\"])",
		Secure:     "ast.literal_eval(request.args[\"x\"])",
		Fix:        "Parse the value with ast.literal_eval or json.loads.",
		References: []string{"https://cwe.mitre.org/data/definitions/95.html"},
		Aliases:    []string{"B307", "S307"},
	},
	{
		ID: "SG110", Name: "sql-string-formatting", CWE: []int{89},
		Severity: finding.Medium, Confidence: finding.LowConfidence,
		Summary:    "An SQL query is built with string formatting.",
		Why:        "Values formatted into SQL text can change the query's meaning.",
		Vulnerable: "cur.execute(\"SELECT * FROM t WHERE id = %s\" % uid)",
		Secure:     "cur.execute(\"SELECT * FROM t WHERE id = %s\", (uid,))",
		Fix:        "Use query parameters.",
		Aliases:    []string{"B608", "S608"},
	},
	{
		ID: "SG301", Name: "weak-hash", CWE: []int{328, 327},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary:    "A weak hash function (MD5, SHA-1) is used.",
		Why:        "MD5 and SHA-1 collisions can be computed.",
		Vulnerable: "hashlib.md5(password)",
		Secure:     "hashlib.sha256(data)",
		Fix:        "Use SHA-256 or pass usedforsecurity=False.",
		Aliases:    []string{"B324", "S324"},
	},
}

func sampleFindings() []finding.Finding {
	return []finding.Finding{
		{
			RuleID: "SG301", RuleName: "weak-hash", CWE: []int{328, 327},
			Severity: finding.Low, Confidence: finding.HighConfidence,
			Message:     "hashlib.md5 is a weak hash <for passwords> & signatures",
			Location:    finding.Location{Path: "app/util/crypto.py", Line: 2, Column: 10, EndLine: 2, EndColumn: 27},
			Snippet:     "digest = hashlib.md5(data).hexdigest()  # <b>&\"quoted\"</b>",
			Fingerprint: finding.ComputeFingerprint("SG301", "app/util/crypto.py", "digest = hashlib.md5(data).hexdigest()", "", 0),
		},
		{
			RuleID: "SG102", RuleName: "eval-non-literal", CWE: []int{95},
			Severity: finding.Critical, Confidence: finding.MediumConfidence,
			Message:     "eval() of request data: arbitrary code execution",
			Location:    finding.Location{Path: "app/views.py", Line: 7, Column: 9, EndLine: 7, EndColumn: 18},
			Snippet:     "\treturn eval(cmd)",
			Fingerprint: finding.ComputeFingerprint("SG102", "app/views.py", "return eval(cmd)", "run", 0),
			Fix:         "Parse the value with ast.literal_eval.",
			Trace: []finding.Step{
				{Location: finding.Location{Path: "app/views.py", Line: 5, Column: 11, EndLine: 5, EndColumn: 30}, Message: "user input enters here: request.args"},
				{Location: finding.Location{Path: "app/views.py", Line: 7, Column: 9, EndLine: 7, EndColumn: 18}, Message: "reaches eval()"},
			},
		},
		{
			RuleID: "SG101", RuleName: "subprocess-shell-true", CWE: []int{78},
			Severity: finding.High, Confidence: finding.HighConfidence,
			Message:           "subprocess.run with shell=True and a command built from input",
			Location:          finding.Location{Path: "app/views.py", Line: 6, Column: 5, EndLine: 6, EndColumn: 36},
			Snippet:           "    subprocess.run(cmd, shell=True)  # nosec B602",
			Fingerprint:       finding.ComputeFingerprint("SG101", "app/views.py", "subprocess.run(cmd, shell=True)", "run", 0),
			Suppressed:        true,
			SuppressionReason: "# nosec B602",
		},
		{
			RuleID: "SG110", RuleName: "sql-string-formatting", CWE: []int{89},
			Severity: finding.Medium, Confidence: finding.LowConfidence,
			Message:     "SQL query built with % formatting",
			Location:    finding.Location{Path: "app/views.py", Line: 9, Column: 10, EndLine: 10, EndColumn: 34},
			Snippet:     "QUERY = (\"SELECT * FROM users WHERE name = '%s'\"\n         % request.args[\"name\"])",
			Fingerprint: finding.ComputeFingerprint("SG110", "app/views.py", "QUERY = (\"SELECT * FROM users WHERE name = '%s'\"", "", 0),
		},
		{
			// A dependency finding: no line, rule without a doc in Rules.
			RuleID: "SG901", RuleName: "vulnerable-dependency", CWE: []int{1395},
			Severity: finding.High, Confidence: finding.HighConfidence,
			Message:     "jinja2 2.10 has a known vulnerability: GHSA-462w-v97r-4m45 (fixed in 2.10.1)",
			Location:    finding.Location{Path: "requirements.txt"},
			Fingerprint: finding.ComputeFingerprint("SG901", "requirements.txt", "jinja2==2.10 GHSA-462w-v97r-4m45", "", 0),
			Fix:         "Upgrade jinja2 to 2.10.1 or later.",
			Properties:  map[string]any{"package": "jinja2", "version": "2.10", "ids": []string{"GHSA-462w-v97r-4m45", "PYSEC-2019-217"}, "fix_versions": []string{"2.10.1"}},
		},
		{
			// A dependency finding at a manifest line, not a vulnerability:
			// shown as a block, not in the table.
			RuleID: "SG910", RuleName: "unpinned-requirement", CWE: []int{1357},
			Severity: finding.Low, Confidence: finding.HighConfidence,
			Message:     "requests is not pinned to one version",
			Location:    finding.Location{Path: "requirements.txt", Line: 2, Column: 1, EndLine: 2, EndColumn: 16},
			Snippet:     "requests>=2.0.0",
			Fingerprint: finding.ComputeFingerprint("SG910", "requirements.txt", "requests>=2.0.0", "", 0),
			Properties:  map[string]any{"package": "requests"},
		},
		{
			RuleID: "SG101", RuleName: "subprocess-shell-true", CWE: []int{78},
			Severity: finding.High, Confidence: finding.HighConfidence,
			Message:           "subprocess.run with shell=True (old)",
			Location:          finding.Location{Path: "app/views.py", Line: 6, Column: 5, EndLine: 6, EndColumn: 36},
			Snippet:           "    subprocess.run(cmd, shell=True)  # nosec B602",
			Fingerprint:       finding.ComputeFingerprint("SG101", "app/views.py", "subprocess.run(cmd, shell=True)", "run", 1),
			Suppressed:        true,
			SuppressionReason: finding.SuppressedByBaseline,
		},
	}
}

func sampleReport() *Report {
	return &Report{
		ToolVersion:  "1.2.3",
		Root:         "/home/dev/my project",
		Findings:     sampleFindings(),
		Rules:        sampleRules,
		FilesScanned: 12,
		FilesSkipped: 2,
		Duration:     1234 * time.Millisecond,
		Notices: []Notice{
			{Path: "data/big.py", Level: LevelWarning, Message: "file is larger than 5 MB; skipped"},
			{Path: "legacy/py2.py", Line: 3, Level: LevelError, Message: "syntax error: Missing parentheses in call to 'print'"},
			{Level: LevelNote, Message: "1 unused suppression comment"},
		},
	}
}

// goldenCases are the reports every format is tested with.
func goldenCases() map[string]struct {
	report *Report
	opt    Options
} {
	shown := sampleReport()
	shown.ShowSuppressed = true
	return map[string]struct {
		report *Report
		opt    Options
	}{
		"basic":           {sampleReport(), Options{SourceLine: sampleSourceLine}},
		"show-suppressed": {shown, Options{SourceLine: sampleSourceLine}},
		"snippets-only":   {sampleReport(), Options{}},
		"empty":           {&Report{ToolVersion: "1.2.3", FilesScanned: 3}, Options{}},
		"color":           {sampleReport(), Options{Color: true, SourceLine: sampleSourceLine}},
	}
}

var formatExt = map[string]string{
	"text": "txt", "json": "json", "sarif": "sarif", "github": "github.txt",
	"markdown": "md", "html": "html",
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		for name, c := range goldenCases() {
			if name == "color" && format != "text" {
				continue
			}
			t.Run(format+"/"+name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, c.report, c.opt); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", name+"."+formatExt[format]), buf.Bytes())
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + wl + "\ngot:  " + gl
		}
	}
	return "(no line differs)"
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "yaml", &Report{}, Options{})
	if err == nil || !strings.Contains(err.Error(), `"yaml"`) {
		t.Fatalf("got %v, want an error naming the format", err)
	}
}

func TestWriteDoesNotReorderInput(t *testing.T) {
	r := sampleReport()
	before := r.Findings[0].RuleID
	if err := Write(&bytes.Buffer{}, "text", r, Options{}); err != nil {
		t.Fatal(err)
	}
	if r.Findings[0].RuleID != before {
		t.Errorf("Write reordered the caller's findings")
	}
}

func TestCaretSpan(t *testing.T) {
	cases := []struct {
		line   string
		loc    finding.Location
		indent string
		width  int
	}{
		{"    x = eval(a)", finding.Location{Line: 1, Column: 9, EndLine: 1, EndColumn: 16}, "        ", 7},
		{"\tx = eval(a)", finding.Location{Line: 1, Column: 6, EndLine: 1, EndColumn: 13}, "\t    ", 7},
		{"x = eval(a)", finding.Location{Line: 1, Column: 5, EndLine: 3, EndColumn: 2}, "    ", 1},
		{"x = eval(a)", finding.Location{Line: 1, Column: 5, EndLine: 1, EndColumn: 90}, "    ", 7},
		{"é = eval(a)", finding.Location{Line: 1, Column: 5, EndLine: 1, EndColumn: 9}, "    ", 4},
		{"x", finding.Location{Line: 1, Column: 1}, "", 1},
		{"ab", finding.Location{Line: 1, Column: 3}, "  ", 1},
		{"ab", finding.Location{Line: 1, Column: 1 << 40, EndLine: 1, EndColumn: 1<<40 + 5}, "   ", 1},
	}
	for _, c := range cases {
		indent, width := caretSpan(c.line, c.loc)
		if indent != c.indent || width != c.width {
			t.Errorf("caretSpan(%q, %+v) = %q, %d; want %q, %d", c.line, c.loc, indent, width, c.indent, c.width)
		}
	}
}
