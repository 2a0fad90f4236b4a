// Package compliance builds compliance reports: for one framework (PCI DSS
// 6.2.4, OWASP ASVS, ISO/IEC 27001 A.8.28, the OWASP Top 10), which of its
// requirements the rule set covers, what a scan found per requirement, and
// what static analysis does not cover. Writers render the report as
// Markdown and as one self-contained HTML file.
package compliance

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/cwe"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// Input is what a report is built from. Date and Commit are given by the
// caller, so that a report is a pure function of its input.
type Input struct {
	Framework   string // one of Frameworks()
	ToolVersion string
	// Rules are the rules that ran (the rule set the report vouches for).
	Rules    []finding.RuleDoc
	Findings []finding.Finding
	Paths    []string // as given on the command line
	Date     time.Time
	// Commit describes the scanned revision: a commit id, or why there is
	// none ("not a git repository").
	Commit       string
	FilesScanned int
	// Source says where the findings come from when not from this run
	// (a saved result file); empty for a fresh scan.
	Source string
}

// Report is a built compliance report.
type Report struct {
	Framework   string
	Title       string
	ToolVersion string
	RuleDigest  string
	RuleCount   int
	Date        time.Time
	Commit      string
	Paths       []string
	Source      string

	FilesScanned int
	Findings     int // unsuppressed findings
	Suppressed   int
	// Unmapped counts findings whose CWEs map to nothing in the framework.
	Unmapped []finding.Finding

	Views  []View
	Beyond []Gap
}

// View is one list of requirements with their coverage.
type View struct {
	Title      string
	Covered    []Coverage
	NotCovered []Requirement
}

// Coverage is one requirement with the rules that check it and what this
// scan found for it.
type Coverage struct {
	Requirement
	Rules    []RuleRef
	Findings []finding.Finding
}

// RuleRef names a rule.
type RuleRef struct {
	ID, Name string
}

// Build builds the report of in.
func Build(in Input) (*Report, error) {
	fw, ok := lookup(in.Framework)
	if !ok {
		return nil, fmt.Errorf("unknown compliance framework %q (%s)", in.Framework, strings.Join(Frameworks(), ", "))
	}
	r := &Report{
		Framework: fw.key, Title: fw.title, ToolVersion: in.ToolVersion,
		RuleDigest: RuleDigest(in.Rules), RuleCount: len(in.Rules),
		Date: in.Date, Commit: in.Commit, Paths: in.Paths, Source: in.Source,
		FilesScanned: in.FilesScanned, Beyond: fw.beyond,
	}
	var live []finding.Finding
	for _, f := range in.Findings {
		if f.Suppressed {
			r.Suppressed++
			continue
		}
		live = append(live, f)
	}
	r.Findings = len(live)
	finding.Sort(live)
	mapped := make([]bool, len(live))
	for _, v := range fw.views {
		rulesBy := map[string][]RuleRef{}
		for _, d := range in.Rules {
			for _, e := range v.entries(cwe.Map(d.CWE)) {
				rulesBy[e] = append(rulesBy[e], RuleRef{d.ID, d.Name})
			}
		}
		findingsBy := map[string][]finding.Finding{}
		for i, f := range live {
			for _, e := range v.entries(cwe.Map(f.CWE)) {
				findingsBy[e] = append(findingsBy[e], f)
				mapped[i] = true
			}
		}
		out := View{Title: v.title}
		for _, req := range v.requirements {
			rs := rulesBy[req.ID]
			if len(rs) == 0 && len(findingsBy[req.ID]) == 0 {
				out.NotCovered = append(out.NotCovered, req)
				continue
			}
			sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
			out.Covered = append(out.Covered, Coverage{Requirement: req, Rules: rs, Findings: findingsBy[req.ID]})
		}
		r.Views = append(r.Views, out)
	}
	for i, f := range live {
		if !mapped[i] {
			r.Unmapped = append(r.Unmapped, f)
		}
	}
	return r, nil
}

// RuleDigest identifies a rule set: the SHA-256 of each rule's id, name,
// CWEs, severity and confidence, one rule a line, in id order. Rules carry
// no version of their own; a change to any of these fields, or a rule added
// or removed, changes the digest.
func RuleDigest(docs []finding.RuleDoc) string {
	lines := make([]string, 0, len(docs))
	for _, d := range docs {
		cwes := make([]string, len(d.CWE))
		for i, c := range d.CWE {
			cwes[i] = fmt.Sprint(c)
		}
		lines = append(lines, strings.Join([]string{d.ID, d.Name, strings.Join(cwes, ","), d.Severity.String(), d.Confidence.String()}, "\t"))
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Location renders a finding's place as path:line.
func Location(f finding.Finding) string {
	return fmt.Sprintf("%s:%d", f.Location.Path, f.Location.Line)
}
