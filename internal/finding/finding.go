// Package finding defines what every analysis of snakeguard produces: a
// Finding, with its rule's documentation (RuleDoc), severity, confidence,
// location and stable fingerprint. Both pipelines (code and dependencies)
// end in these types, so reporters, suppressions and baselines serve both.
package finding

import (
	"fmt"
	"strings"
)

// Severity is how bad a finding is if it is real.
type Severity int

const (
	SeverityUnknown Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"unknown", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses "low", "medium", "high" or "critical".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return SeverityUnknown, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// Confidence is how sure the rule is that the finding is real.
type Confidence int

const (
	ConfidenceUnknown Confidence = iota
	LowConfidence
	MediumConfidence
	HighConfidence
)

var confidenceNames = [...]string{"unknown", "low", "medium", "high"}

func (c Confidence) String() string {
	if c < 0 || int(c) >= len(confidenceNames) {
		return fmt.Sprintf("confidence(%d)", int(c))
	}
	return confidenceNames[c]
}

// ParseConfidence parses "low", "medium" or "high".
func ParseConfidence(s string) (Confidence, error) {
	for i, n := range confidenceNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Confidence(i), nil
		}
	}
	return ConfidenceUnknown, fmt.Errorf("unknown confidence %q (want low, medium or high)", s)
}

// Location is a span in a file. Lines and columns are 1-based; columns
// count characters (Unicode code points); EndColumn is exclusive. A
// location with Line 0 means the whole file.
type Location struct {
	Path      string // slash-separated, relative to the scan root where possible
	Line      int
	Column    int
	EndLine   int
	EndColumn int
}

func (l Location) String() string {
	if l.Line == 0 {
		return l.Path
	}
	return fmt.Sprintf("%s:%d:%d", l.Path, l.Line, l.Column)
}

// Step is one hop of a data-flow trace, from a source to a sink.
type Step struct {
	Location Location
	Message  string // e.g. "user input enters here: request.args"
}

// Finding is one reported problem.
type Finding struct {
	RuleID     string
	RuleName   string
	CWE        []int // first is the primary weakness
	Severity   Severity
	Confidence Confidence
	Message    string
	Location   Location
	Snippet    string // the source line(s) of the location
	// Fingerprint identifies the finding across edits that move it: rule,
	// path and normalised text of the flagged line and its enclosing scope.
	Fingerprint string
	Trace       []Step // source → sink, for data-flow findings
	Fix         string // a short hint on how to fix it
	// Suppressed is set when an inline suppression or a baseline covers the
	// finding; reporters drop suppressed findings unless asked to show them.
	Suppressed        bool
	SuppressionReason string
	// Properties carries rule-family data (e.g. advisory ids of a vulnerable
	// dependency) that reporters pass through.
	Properties map[string]any
}

// RuleDoc is the documentation of a rule: everything that docs, `explain`,
// SARIF help text and the catalogue show. One value per rule, written
// beside the rule's code.
type RuleDoc struct {
	ID         string // SG + three digits; never reused
	Name       string // kebab-case, e.g. "subprocess-shell-true"
	CWE        []int  // first is the primary weakness
	Severity   Severity
	Confidence Confidence
	Summary    string // one line: what it finds
	Why        string // why it is dangerous
	Vulnerable string // Python code that the rule must flag
	Secure     string // Python code that the rule must not flag
	Fix        string // how to fix it
	References []string
	// Aliases are other tools' ids for the same check ("B602", "S602"),
	// used to honour their suppression comments.
	Aliases []string
	// Guide lists OpenSSF Secure Coding Guide for Python rule ids.
	Guide []string
	Tags  []string
}

// HelpURI is the address of the rule's documentation page.
func (d RuleDoc) HelpURI() string {
	return "https://github.com/snakeguard/snakeguard/blob/main/docs/rules/" + d.ID + ".md"
}
