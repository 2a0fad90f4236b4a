package audit

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// Finding property keys beyond those the reporters know (package, version,
// ids, fix_versions).
const (
	PropPackage     = "package"
	PropVersion     = "version"
	PropIDs         = "ids"
	PropFixVersions = "fix_versions"
	PropFixAll      = "fix_version"   // string: fixes every vulnerability of the package
	PropSources     = "sources"       // []string: databases that reported it
	PropSummary     = "summary"       // string
	PropCVSSScore   = "cvss_score"    // float64
	PropCVSSVector  = "cvss_vector"   // string
	PropPublished   = "published"     // string, RFC 3339
	PropSeverityBy  = "severity_from" // "cvss", "database" or "unrated"
)

// Findings turns audit results into SG901 findings, one per vulnerability,
// located at the manifest line of the dependency.
func Findings(results []Result) []finding.Finding {
	doc, _ := Rule(RuleVulnerable)
	var out []finding.Finding
	for _, r := range results {
		for _, v := range r.Vulns {
			out = append(out, vulnFinding(doc, r, v))
		}
	}
	return out
}

func vulnFinding(doc finding.RuleDoc, r Result, v Vuln) finding.Finding {
	p := r.Package
	msg := fmt.Sprintf("%s %s has a known vulnerability %s", p.Name, p.Version, v.IDs[0])
	if v.Summary != "" {
		msg += ": " + v.Summary
	}
	props := map[string]any{
		PropPackage:     p.Name,
		PropVersion:     p.Version,
		PropIDs:         v.IDs,
		PropFixVersions: nonNil(v.FixedIn),
		PropSources:     v.Sources,
		PropSummary:     v.Summary,
		PropSeverityBy:  "unrated",
	}
	switch {
	case v.Vector != "":
		props[PropCVSSScore] = v.Score
		props[PropCVSSVector] = v.Vector
		props[PropSeverityBy] = "cvss"
	case v.Severity != finding.SeverityUnknown:
		props[PropSeverityBy] = "database"
	}
	if v.Published != "" {
		props[PropPublished] = v.Published
	}
	if r.FixVersion != "" {
		props[PropFixAll] = r.FixVersion
	}
	f := finding.Finding{
		RuleID:     doc.ID,
		RuleName:   doc.Name,
		CWE:        doc.CWE,
		Severity:   v.Severity,
		Confidence: finding.HighConfidence,
		Message:    msg,
		Location:   p.Location,
		Snippet:    p.Line,
		Fix:        fixText(r, v),
		Properties: props,
	}
	// Stable across edits of the line: the package and the vulnerability.
	f.Fingerprint = finding.ComputeFingerprint(doc.ID, p.Location.Path, strings.ToLower(p.Name)+" "+v.IDs[0], "", 0)
	return f
}

func fixText(r Result, v Vuln) string {
	switch {
	case r.FixVersion != "" && len(r.Vulns) > 1:
		return fmt.Sprintf("upgrade %s to %s or later, which fixes all %d known vulnerabilities of %s", r.Package.Name, r.FixVersion, len(r.Vulns), r.Package.Version)
	case r.FixVersion != "":
		return fmt.Sprintf("upgrade %s to %s or later", r.Package.Name, r.FixVersion)
	case len(v.FixedIn) > 0:
		return fmt.Sprintf("fixed in %s; no single known version fixes every vulnerability of %s %s", strings.Join(v.FixedIn, ", "), r.Package.Name, r.Package.Version)
	}
	return "no fixed version is known: remove or replace the package, or ignore the advisory with a reason if the flaw cannot be reached"
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// RuleFinding builds a finding of one of the dependency rules (SG902 to
// SG907) from the result of a pinning, lock-file or typosquatting check:
// the rule's documentation supplies name, CWE, severity and confidence.
// subject names what the finding is about (a package name) and keeps the
// fingerprint stable when the line moves or changes.
func RuleFinding(ruleID string, loc finding.Location, line, subject, message, fix string, props map[string]any) (finding.Finding, error) {
	doc, ok := Rule(ruleID)
	if !ok {
		return finding.Finding{}, fmt.Errorf("unknown dependency rule %q", ruleID)
	}
	if fix == "" {
		fix = doc.Fix
	}
	f := finding.Finding{
		RuleID:     doc.ID,
		RuleName:   doc.Name,
		CWE:        doc.CWE,
		Severity:   doc.Severity,
		Confidence: doc.Confidence,
		Message:    message,
		Location:   loc,
		Snippet:    line,
		Fix:        fix,
		Properties: props,
	}
	f.Fingerprint = finding.ComputeFingerprint(doc.ID, loc.Path, strings.ToLower(subject), "", 0)
	return f, nil
}
