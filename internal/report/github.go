package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// writeGitHub writes GitHub Actions workflow commands, one annotation per
// finding and notice:
//
//	::error file=app.py,line=3,col=5,endLine=3,endColumn=9,title=SG101 subprocess-shell-true::message
func writeGitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	docs := make(map[string]finding.RuleDoc, len(r.Rules))
	for _, d := range r.Rules {
		docs[d.ID] = d
	}
	for _, f := range r.visible() {
		level := githubLevel(f.Severity)
		msg := fmt.Sprintf("[%s] %s", f.Severity, f.Message)
		if f.Suppressed {
			level = "notice"
			msg += fmt.Sprintf(" (suppressed: %s)", f.SuppressionReason)
		}
		hint := firstLine(f.Fix)
		if hint == "" {
			hint = firstLine(docs[f.RuleID].Fix)
		}
		if hint != "" {
			msg += "\nhelp: " + hint
		}
		if len(f.CWE) > 0 {
			msg += "\n" + cweLabel(f.CWE)
		}
		title := strings.TrimSpace(f.RuleID + " " + f.RuleName)
		fmt.Fprintf(bw, "::%s %s::%s\n", level, githubProps(f.Location, title), githubData(msg))
	}
	for _, n := range r.sortedNotices() {
		level := "notice"
		switch n.Level {
		case LevelError:
			level = "error"
		case LevelWarning:
			level = "warning"
		}
		props := githubProps(finding.Location{Path: n.Path, Line: n.Line}, "snakeguard")
		fmt.Fprintf(bw, "::%s %s::%s\n", level, props, githubData(n.Message))
	}
	return bw.Flush()
}

func githubLevel(s finding.Severity) string {
	switch s {
	case finding.Critical, finding.High:
		return "error"
	case finding.Medium, finding.SeverityUnknown:
		return "warning"
	}
	return "notice"
}

// githubProps formats the file/line/column/title properties of an
// annotation, leaving out what is unknown.
func githubProps(l finding.Location, title string) string {
	var props []string
	add := func(k, v string) { props = append(props, k+"="+githubProperty(v)) }
	if l.Path != "" {
		add("file", l.Path)
	}
	if l.Line > 0 {
		add("line", fmt.Sprint(l.Line))
		if l.Column > 0 {
			add("col", fmt.Sprint(l.Column))
		}
		if l.EndLine >= l.Line {
			add("endLine", fmt.Sprint(l.EndLine))
			if l.EndColumn > 0 {
				add("endColumn", fmt.Sprint(l.EndColumn))
			}
		}
	}
	add("title", title)
	return strings.Join(props, ",")
}

// githubData escapes a workflow command's message.
func githubData(s string) string {
	return githubDataEscaper.Replace(safeText(s, true))
}

var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubProperty escapes a workflow command's property value, which
// additionally must not contain ':' or ','.
func githubProperty(s string) string {
	return githubPropertyEscaper.Replace(safeText(s, true))
}
