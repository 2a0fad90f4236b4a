package report_test

import (
	"os"

	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
)

func ExampleWrite() {
	r := &report.Report{
		ToolVersion:  "0.1.0",
		FilesScanned: 1,
		Findings: []finding.Finding{{
			RuleID: "SG101", RuleName: "subprocess-shell-true", CWE: []int{78},
			Severity: finding.High, Confidence: finding.HighConfidence,
			Message:  "subprocess.run with shell=True and a command built from input",
			Location: finding.Location{Path: "app.py", Line: 3, Column: 1, EndLine: 3, EndColumn: 31},
			Snippet:  "subprocess.run(cmd, shell=True)",
			Fix:      "Pass the command as a list of arguments and drop shell=True.",
		}},
	}
	if err := report.Write(os.Stdout, "text", r, report.Options{}); err != nil {
		panic(err)
	}
	// Output:
	// app.py:3:1: SG101 [high] subprocess.run with shell=True and a command built from input
	//   |
	// 3 | subprocess.run(cmd, shell=True)
	//   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
	//   = help: Pass the command as a list of arguments and drop shell=True.
	//
	// Found 1 finding: 1 high.
	// Scanned 1 file.
}
