package compliance

import (
	"fmt"
	"io"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// Section groups requirement ids under their section title.
type Section struct {
	Title string
	IDs   []string
}

// Group groups requirements by title, in order of first appearance;
// requirements without a title each form their own group.
func Group(reqs []Requirement) []Section {
	var out []Section
	at := map[string]int{}
	for _, r := range reqs {
		if r.Title == "" {
			out = append(out, Section{Title: r.ID})
			continue
		}
		i, ok := at[r.Title]
		if !ok {
			i = len(out)
			at[r.Title] = i
			out = append(out, Section{Title: r.Title})
		}
		out[i].IDs = append(out[i].IDs, r.ID)
	}
	return out
}

// DateString renders the report date.
func (r *Report) DateString() string {
	if r.Date.IsZero() {
		return "unknown"
	}
	return r.Date.UTC().Format("2006-01-02 15:04:05 UTC")
}

// FindingsLine summarises the finding counts.
func (r *Report) FindingsLine() string {
	s := fmt.Sprint(r.Findings)
	if r.Suppressed > 0 {
		s += fmt.Sprintf(" (and %d suppressed, not listed)", r.Suppressed)
	}
	return s
}

// md escapes text for Markdown: a backslash before the characters that
// start emphasis, code, links, inline HTML, entities or table cells, and
// newlines to spaces, so user code in a finding renders as text.
func md(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case strings.ContainsRune("\\`*_[]<>|~&#", c):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func ruleList(rs []RuleRef) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.ID + " " + md(r.Name)
	}
	return strings.Join(parts, ", ")
}

func mdFinding(f finding.Finding) string {
	return fmt.Sprintf("- %s %s (%s): %s: %s", f.RuleID, md(f.RuleName), f.Severity, md(Location(f)), md(f.Message))
}

// WriteMarkdown writes r as Markdown.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Compliance report: %s\n\n", md(r.Title))
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Tool | snakeguard %s |\n", md(r.ToolVersion))
	fmt.Fprintf(&b, "| Rule set | %d rules, %s |\n", r.RuleCount, r.RuleDigest)
	fmt.Fprintf(&b, "| Scan date | %s |\n", r.DateString())
	fmt.Fprintf(&b, "| Scanned commit | %s |\n", md(r.Commit))
	fmt.Fprintf(&b, "| Paths | %s |\n", md(strings.Join(r.Paths, ", ")))
	if r.Source != "" {
		fmt.Fprintf(&b, "| Findings from | %s |\n", md(r.Source))
	}
	fmt.Fprintf(&b, "| Files scanned | %d |\n", r.FilesScanned)
	fmt.Fprintf(&b, "| Findings | %s |\n", r.FindingsLine())
	for _, v := range r.Views {
		fmt.Fprintf(&b, "\n## %s\n", md(v.Title))
		fmt.Fprintf(&b, "\n%d covered by snakeguard rules, %d not covered.\n", len(v.Covered), len(v.NotCovered))
		for _, c := range v.Covered {
			title := md(c.ID)
			if c.Title != "" {
				title += " (" + md(c.Title) + ")"
			}
			fmt.Fprintf(&b, "\n### %s\n\n", title)
			fmt.Fprintf(&b, "Rules: %s\n\n", ruleList(c.Rules))
			fmt.Fprintf(&b, "Findings in this scan: %d\n", len(c.Findings))
			if len(c.Findings) > 0 {
				b.WriteByte('\n')
				for _, f := range c.Findings {
					b.WriteString(mdFinding(f) + "\n")
				}
			}
		}
		if len(v.NotCovered) > 0 {
			fmt.Fprintf(&b, "\n### Not covered by any snakeguard rule\n\n")
			for _, s := range Group(v.NotCovered) {
				if len(s.IDs) == 0 {
					fmt.Fprintf(&b, "- %s\n", md(s.Title))
					continue
				}
				fmt.Fprintf(&b, "- %s: %s\n", md(s.Title), md(strings.Join(s.IDs, ", ")))
			}
		}
	}
	if len(r.Unmapped) > 0 {
		fmt.Fprintf(&b, "\n## Findings outside this framework\n\n")
		for _, f := range r.Unmapped {
			b.WriteString(mdFinding(f) + "\n")
		}
	}
	b.WriteString("\n## Not covered by static analysis\n\n")
	b.WriteString("A scan of source code cannot establish these; they need a process, a running system or a reviewer.\n\n")
	b.WriteString("| Requirement | Subject | Why |\n|---|---|---|\n")
	for _, g := range r.Beyond {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", md(g.ID), md(g.Title), md(g.Reason))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
