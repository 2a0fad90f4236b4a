package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// benchReport is a large scan: 10,000 findings over 1,000 files.
func benchReport() *Report {
	r := &Report{ToolVersion: "1", Root: "/src", Rules: sampleRules, FilesScanned: 1000}
	for i := 0; i < 10000; i++ {
		d := sampleRules[i%len(sampleRules)]
		r.Findings = append(r.Findings, finding.Finding{
			RuleID: d.ID, RuleName: d.Name, CWE: d.CWE, Severity: d.Severity, Confidence: d.Confidence,
			Message:     "a finding message of ordinary length for " + d.Name,
			Location:    finding.Location{Path: fmt.Sprintf("pkg%d/mod%d.py", i%37, i%1000), Line: i%500 + 1, Column: 5, EndLine: i%500 + 1, EndColumn: 30},
			Snippet:     "    subprocess.run(cmd, shell=True)",
			Fingerprint: finding.ComputeFingerprint(d.ID, "p", fmt.Sprint(i), "", 0),
		})
	}
	return r
}

func BenchmarkWrite(b *testing.B) {
	r := benchReport()
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, format, r, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
