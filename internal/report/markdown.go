package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// writeMarkdown writes a report for pull-request comments and job
// summaries: a summary line, a table of findings, then each finding with
// its source line, data flow and fix.
func writeMarkdown(w io.Writer, r *Report, opt Options) error {
	bw := bufio.NewWriter(w)
	docs := make(map[string]finding.RuleDoc)
	for _, d := range r.ruleDocs() {
		docs[d.ID] = d
	}
	bw.WriteString("# snakeguard report\n\n")
	bw.WriteString(summaryLine(r) + "\n")

	fs := r.visible()
	if len(fs) > 0 {
		bw.WriteString("\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n")
		for _, f := range fs {
			sev := f.Severity.String()
			if f.Suppressed {
				sev += " (suppressed)"
			}
			fmt.Fprintf(bw, "| %s | [%s](%s) %s | `%s` | %s |\n", sev, f.RuleID, docs[f.RuleID].HelpURI(),
				mdEscape(f.RuleName), mdCode(f.Location.String()), mdEscape(f.Message))
		}
		bw.WriteString("\n## Findings\n")
		for _, f := range fs {
			writeMarkdownFinding(bw, opt, f, docs[f.RuleID])
		}
	}
	if ns := r.sortedNotices(); len(ns) > 0 {
		bw.WriteString("\n## Notices\n\n")
		for _, n := range ns {
			place := ""
			if n.Path != "" {
				place = fmt.Sprintf("`%s` ", mdCode(strings.TrimSuffix(noticePlace(n), ": ")))
			}
			fmt.Fprintf(bw, "- **%s** %s%s\n", n.Level, place, mdEscape(n.Message))
		}
	}
	return bw.Flush()
}

func writeMarkdownFinding(w *bufio.Writer, opt Options, f finding.Finding, doc finding.RuleDoc) {
	fmt.Fprintf(w, "\n### %s %s: `%s`\n\n", f.RuleID, mdEscape(f.RuleName), mdCode(f.Location.String()))
	meta := fmt.Sprintf("**%s** severity, %s confidence", f.Severity, f.Confidence)
	if len(f.CWE) > 0 {
		meta += " · " + cweLabel(f.CWE)
	}
	if f.Suppressed {
		meta += " · suppressed (" + mdEscape(f.SuppressionReason) + ")"
	}
	w.WriteString(meta + "\n\n" + mdEscape(f.Message) + "\n")
	if line := sourceLine(opt, f, f.Location.Line); f.Location.Line > 0 && line != "" {
		fence := codeFence(line)
		line = safeText(line, false)
		fmt.Fprintf(w, "\n%spython\n%s\n%s\n", fence, line, fence)
	}
	if len(f.Trace) > 0 {
		w.WriteString("\nData flow:\n\n")
		for i, s := range f.Trace {
			fmt.Fprintf(w, "%d. `%s` %s\n", i+1, mdCode(s.Location.String()), mdEscape(s.Message))
		}
	}
	hint := firstLine(f.Fix)
	if hint == "" {
		hint = firstLine(doc.Fix)
	}
	if hint != "" {
		fmt.Fprintf(w, "\n**Fix:** %s\n", mdEscape(hint))
	}
	fmt.Fprintf(w, "\n[Rule documentation](%s)\n", doc.HelpURI())
}

// summaryLine is "4 findings: 1 critical, … · 2 suppressed · 12 files scanned (2 skipped)".
func summaryLine(r *Report) string {
	s := r.Summarize()
	var b strings.Builder
	if s.Total == 0 {
		b.WriteString("**No findings.**")
	} else {
		var parts []string
		for _, sev := range severitiesDesc {
			if n := s.BySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, sev))
			}
		}
		fmt.Fprintf(&b, "**%s**: %s", plural(s.Total, "finding"), strings.Join(parts, ", "))
	}
	if s.Suppressed > 0 {
		fmt.Fprintf(&b, " · %d suppressed", s.Suppressed)
	}
	fmt.Fprintf(&b, " · %s scanned", plural(r.FilesScanned, "file"))
	if r.FilesSkipped > 0 {
		fmt.Fprintf(&b, " (%d skipped)", r.FilesSkipped)
	}
	if r.ToolVersion != "" {
		fmt.Fprintf(&b, " · snakeguard %s", mdEscape(r.ToolVersion))
	}
	return b.String()
}

// mdEscape makes text safe in Markdown paragraphs and table cells: it
// backslash-escapes punctuation that Markdown or HTML would interpret and
// folds line breaks into spaces.
func mdEscape(s string) string {
	s = safeText(s, true)
	var b strings.Builder
	for i, r := range strings.Join(strings.Fields(s), " ") {
		// #, +, - and ! matter only where a line or a link starts.
		if strings.ContainsRune("\\`*_{}[]<>|~&", r) || (i == 0 && strings.ContainsRune("#+-!", r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode makes text safe inside a single-backtick code span in a table:
// backticks and pipes cannot be escaped there, so they are replaced.
func mdCode(s string) string {
	s = safeText(s, true)
	return mdCodeEscaper.Replace(s)
}

var mdCodeEscaper = strings.NewReplacer("`", "'", "|", "¦", "\n", " ")
