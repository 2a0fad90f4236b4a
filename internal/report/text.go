package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// ANSI styles of the text format.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiBRed   = "\x1b[1;31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
)

type painter bool

func (p painter) paint(style, s string) string {
	if !p || s == "" {
		return s
	}
	return style + s + ansiReset
}

func severityStyle(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return ansiBRed
	case finding.High:
		return ansiRed
	case finding.Medium:
		return ansiYellow
	case finding.Low:
		return ansiBlue
	}
	return ansiDim
}

// writeText writes the human-readable format:
//
//	path:line:col: SG101 [high] message
//	   |
//	12 |     subprocess.run(cmd, shell=True)
//	   |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//	   = help: one-line fix hint
//
// followed by notices and a summary by severity.
func writeText(w io.Writer, r *Report, opt Options) error {
	bw := bufio.NewWriter(w)
	p := painter(opt.Color)
	docs := make(map[string]finding.RuleDoc, len(r.Rules))
	for _, d := range r.Rules {
		docs[d.ID] = d
	}
	var vulnerable []finding.Finding
	for _, f := range r.visible() {
		if _, ok := dependencyVuln(f); ok {
			vulnerable = append(vulnerable, f)
			continue
		}
		writeTextFinding(bw, p, opt, f, docs[f.RuleID])
	}
	writeDependencyTable(bw, p, vulnerable)
	notices := r.sortedNotices()
	for _, n := range notices {
		style := ansiDim
		switch n.Level {
		case LevelError:
			style = ansiBRed
		case LevelWarning:
			style = ansiYellow
		}
		fmt.Fprintf(bw, "%s: %s%s\n", p.paint(style, n.Level), safeText(noticePlace(n), false), safeText(n.Message, false))
	}
	if len(notices) > 0 {
		bw.WriteString("\n")
	}
	writeTextSummary(bw, p, r)
	return bw.Flush()
}

func noticePlace(n Notice) string {
	switch {
	case n.Path == "":
		return ""
	case n.Line > 0:
		return fmt.Sprintf("%s:%d: ", n.Path, n.Line)
	}
	return n.Path + ": "
}

func writeTextFinding(w *bufio.Writer, p painter, opt Options, f finding.Finding, doc finding.RuleDoc) {
	loc := f.Location
	place := loc.Path
	if loc.Line > 0 {
		place = fmt.Sprintf("%s:%d:%d", loc.Path, loc.Line, max(loc.Column, 1))
	}
	fmt.Fprintf(w, "%s: %s %s %s\n", p.paint(ansiBold, safeText(place, false)), p.paint(ansiBold, f.RuleID),
		p.paint(severityStyle(f.Severity), "["+f.Severity.String()+"]"), safeText(f.Message, false))

	gutterWidth := len(strconv.Itoa(loc.Line))
	pad := strings.Repeat(" ", gutterWidth)
	bar := p.paint(ansiCyan, "|")
	if line := sourceLine(opt, f, loc.Line); loc.Line > 0 && line != "" {
		fmt.Fprintf(w, "%s %s\n", pad, bar)
		fmt.Fprintf(w, "%s %s %s\n", p.paint(ansiCyan, strconv.Itoa(loc.Line)), bar, safeText(line, false))
		if loc.Column > 0 {
			indent, width := caretSpan(line, loc)
			fmt.Fprintf(w, "%s %s %s%s\n", pad, bar, indent, p.paint(severityStyle(f.Severity), strings.Repeat("^", width)))
		}
	}
	eq := p.paint(ansiCyan, "=")
	if f.Suppressed {
		fmt.Fprintf(w, "%s %s note: suppressed (%s)\n", pad, eq, safeText(f.SuppressionReason, false))
	}
	for _, s := range f.Trace {
		fmt.Fprintf(w, "%s %s flow: %s: %s\n", pad, eq, safeText(s.Location.String(), false), safeText(s.Message, false))
	}
	if hint := firstLine(f.Fix); hint != "" {
		fmt.Fprintf(w, "%s %s help: %s\n", pad, eq, safeText(hint, false))
	} else if hint := firstLine(doc.Fix); hint != "" {
		fmt.Fprintf(w, "%s %s help: %s\n", pad, eq, safeText(hint, false))
	}
	w.WriteString("\n")
}

// caretSpan returns the indentation that puts a caret under loc's start
// column of line (tabs copied so the caret lines up, wide characters and
// visible marks of hidden characters counted by their width) and the caret
// count: the span's display width on a single-line span, one caret on a
// multi-line span.
func caretSpan(line string, loc finding.Location) (indent string, width int) {
	var b strings.Builder
	col := 1
	spanWidth := 0
	single := (loc.EndLine == 0 || loc.EndLine == loc.Line) && loc.EndColumn > loc.Column
	for _, r := range line {
		switch {
		case col < loc.Column:
			if r == '\t' {
				b.WriteByte('\t')
			} else {
				b.WriteString(strings.Repeat(" ", runeWidth(r)))
			}
		case single && col < loc.EndColumn:
			spanWidth += max(runeWidth(r), 1)
		}
		col++
	}
	if col < loc.Column {
		b.WriteByte(' ') // the span starts past the end of the line
	}
	return b.String(), max(spanWidth, 1)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

func writeTextSummary(w *bufio.Writer, p painter, r *Report) {
	s := r.Summarize()
	if s.Total == 0 {
		w.WriteString(p.paint(ansiBold, "No findings."))
	} else {
		var parts []string
		for _, sev := range severitiesDesc {
			if n := s.BySeverity[sev]; n > 0 {
				parts = append(parts, p.paint(severityStyle(sev), fmt.Sprintf("%d %s", n, sev)))
			}
		}
		fmt.Fprintf(w, "%s: %s.", p.paint(ansiBold, "Found "+plural(s.Total, "finding")), strings.Join(parts, ", "))
	}
	if s.Suppressed > 0 {
		fmt.Fprintf(w, " %d suppressed.", s.Suppressed)
	}
	w.WriteString("\n")
	fmt.Fprintf(w, "Scanned %s", plural(r.FilesScanned, "file"))
	if r.FilesSkipped > 0 {
		fmt.Fprintf(w, " (%d skipped)", r.FilesSkipped)
	}
	if r.Duration > 0 {
		fmt.Fprintf(w, " in %s", formatDuration(r.Duration))
	}
	w.WriteString(".\n")
}

func formatDuration(d time.Duration) string {
	if d < time.Millisecond {
		return d.Round(time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}
