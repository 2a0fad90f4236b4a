package guide

import (
	"fmt"
	"strings"
)

// Markdown renders the coverage table as the page docs/openssf.md.
func Markdown(entries []Entry) string {
	var b strings.Builder
	b.WriteString("# OpenSSF Secure Coding Guide for Python: coverage\n\n")
	b.WriteString("Generated from internal/guide/openssf.tsv by `go run ./cmd/gendocs`; do not edit.\n")
	b.WriteString("`snakeguard rules --guide openssf` prints the same table.\n\n")
	fmt.Fprintf(&b, "Rule ids, titles, sections and CWE ids are those of the guide's release %s ([the guide](%s)).\n", Release, Source)
	b.WriteString("Status: **checked**, the rules find what the guide rule describes; **partly**, they find some forms of it; ")
	b.WriteString("**gap**, a static check is possible but snakeguard has none yet; **not-checkable**, it depends on design or run-time facts.\n\n")
	c := Counts(entries)
	var parts []string
	for _, s := range Statuses {
		parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
	}
	fmt.Fprintf(&b, "%d guide rules: %s.\n", len(entries), strings.Join(parts, ", "))
	section := ""
	for _, e := range entries {
		if e.Section != section {
			section = e.Section
			fmt.Fprintf(&b, "\n## %s\n\n| Guide rule | Title | CWE | snakeguard rules | Status | Note |\n|---|---|---|---|---|---|\n", section)
		}
		var rules []string
		for _, r := range e.Rules {
			rules = append(rules, fmt.Sprintf("[%s](rules/%s.md)", r, r))
		}
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s | %s | %s |\n", e.ID, e.URL(), e.Title, CWEList(e.CWE), strings.Join(rules, ", "), e.Status, e.Reason)
	}
	return b.String()
}

// CWEList formats CWE ids as "CWE-191, CWE-190".
func CWEList(cwes []int) string {
	parts := make([]string, len(cwes))
	for i, c := range cwes {
		parts[i] = fmt.Sprintf("CWE-%d", c)
	}
	return strings.Join(parts, ", ")
}
