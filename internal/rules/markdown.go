package rules

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/cwe"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// Markdown renders a rule's documentation page (docs/rules/ID.md).
func Markdown(d finding.RuleDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", d.ID, d.Name)
	fmt.Fprintf(&b, "%s.\n\n", strings.TrimSuffix(d.Summary, "."))
	var cwes []string
	for _, c := range d.CWE {
		cwes = append(cwes, fmt.Sprintf("[CWE-%d](https://cwe.mitre.org/data/definitions/%d.html)", c, c))
	}
	fmt.Fprintf(&b, "| Severity | Confidence | CWE |\n|---|---|---|\n| %s | %s | %s |\n\n", d.Severity, d.Confidence, strings.Join(cwes, ", "))
	if len(d.Aliases) > 0 {
		fmt.Fprintf(&b, "Also known as: %s (their suppression comments are honoured).\n\n", strings.Join(d.Aliases, ", "))
	}
	if len(d.Guide) > 0 {
		fmt.Fprintf(&b, "OpenSSF Secure Coding Guide for Python: %s ([coverage](../openssf.md)).\n\n", strings.Join(d.Guide, ", "))
	}
	fmt.Fprintf(&b, "## Why it matters\n\n%s\n\n", d.Why)
	if d.Vulnerable != "" {
		fmt.Fprintf(&b, "## Vulnerable\n\n```python\n%s```\n\n", ensureNewline(d.Vulnerable))
	}
	if d.Secure != "" {
		fmt.Fprintf(&b, "## Secure\n\n```python\n%s```\n\n", ensureNewline(d.Secure))
	}
	fmt.Fprintf(&b, "## How to fix\n\n%s\n", d.Fix)
	m := cwe.Map(d.CWE)
	b.WriteString("\n## Compliance\n\n")
	for _, l := range m.Lines() {
		fmt.Fprintf(&b, "- %s: %s\n", l.Label, l.Value)
	}
	if len(d.References) > 0 {
		b.WriteString("\n## References\n\n")
		for _, r := range d.References {
			fmt.Fprintf(&b, "- %s\n", r)
		}
	}
	return b.String()
}

func ensureNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// Index renders docs/rules/README.md, the table of all rules.
func Index(docs []finding.RuleDoc) string {
	var b strings.Builder
	b.WriteString("# Rules\n\nGenerated from the rule definitions by `go run ./cmd/gendocs`; do not edit.\n\n")
	b.WriteString("| ID | Name | Severity | CWE | Summary |\n|---|---|---|---|---|\n")
	for _, d := range docs {
		var cwes []string
		for _, c := range d.CWE {
			cwes = append(cwes, fmt.Sprintf("CWE-%d", c))
		}
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", d.ID, d.ID, d.Name, d.Severity, strings.Join(cwes, ", "), strings.ReplaceAll(d.Summary, "|", "\\|"))
	}
	return b.String()
}
