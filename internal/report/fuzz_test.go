package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// FuzzWrite feeds arbitrary text into every field a scanned file controls
// and checks that every format is written, JSON formats stay valid JSON,
// and GitHub annotations stay one per line.
func FuzzWrite(f *testing.F) {
	f.Add("app/views.py", "eval(x)", "eval of input", 3, 5, 3, 12)
	f.Add("a b/%c#d?.py", "\x1b[31m\u202e\r\n", "::error::x\n%0A", 1, 1, 0, 0)
	f.Add("", "", "", 0, 0, 0, 0)
	f.Add("x.py", "\xff\xfe", "\xff", -4, -1, 2, 99)
	sch := loadSARIFSchema(f)
	f.Fuzz(func(t *testing.T, path, line, msg string, l, c, el, ec int) {
		fnd := finding.Finding{
			RuleID: "SG101", RuleName: "r", Severity: finding.High, Confidence: finding.LowConfidence,
			Message:  msg,
			Location: finding.Location{Path: path, Line: l, Column: c, EndLine: el, EndColumn: ec},
			Snippet:  line,
			Trace:    []finding.Step{{Location: finding.Location{Path: path, Line: l}, Message: msg}},
		}
		r := &Report{Findings: []finding.Finding{fnd}, Notices: []Notice{{Path: path, Line: l, Level: msg, Message: msg}}, Root: "/" + path}
		for _, format := range Formats() {
			var buf bytes.Buffer
			if err := Write(&buf, format, r, Options{SourceLine: func(string, int) string { return line }}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			switch format {
			case "json":
				if !json.Valid(buf.Bytes()) {
					t.Fatalf("%s: invalid JSON", format)
				}
			case "sarif":
				doc, err := jsonschema.UnmarshalJSON(&buf)
				if err != nil {
					t.Fatalf("sarif: invalid JSON: %v", err)
				}
				if err := sch.Validate(doc); err != nil {
					t.Fatalf("sarif: does not match the schema: %v", err)
				}
			case "github":
				for _, ln := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
					if !strings.HasPrefix(ln, "::") {
						t.Fatalf("github: line outside a command: %q", ln)
					}
				}
			}
		}
	})
}
