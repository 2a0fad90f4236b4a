// Package report writes the results of a scan or a dependency audit in the
// formats snakeguard offers: text, json, sarif, github, markdown and html.
// Reporters only format: filtering, suppressions and exit codes happen
// before a Report is built.
package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// Notice levels.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
)

// Notice is a message about the run rather than about the code: a file that
// could not be read, a file over the size limit, a symlink loop, a summary
// of syntax errors, an unused suppression.
type Notice struct {
	Path    string // slash-separated, relative to Root; "" if not about a file
	Line    int    // 0 if not about a line
	Level   string // LevelError, LevelWarning or LevelNote
	Message string
}

// Report is everything a writer needs.
type Report struct {
	ToolVersion string
	// Root is the absolute scan root; finding paths are relative to it.
	// SARIF uses it for originalUriBaseIds. May be empty.
	Root string
	// Findings may contain suppressed findings; writers show them only when
	// ShowSuppressed is set, but always count them in the summary.
	Findings []finding.Finding
	// Rules documents the rules that ran (at least those with findings).
	Rules        []finding.RuleDoc
	Notices      []Notice
	FilesScanned int
	FilesSkipped int
	Duration     time.Duration
	// ShowSuppressed makes writers list suppressed findings, marked as such.
	ShowSuppressed bool
}

// Options tune the writers that show source text.
type Options struct {
	// Color turns on ANSI colours in the text format.
	Color bool
	// SourceLine returns the text of a line (1-based) of a file, without its
	// line ending, or "" if unknown. When nil, writers use Finding.Snippet.
	SourceLine func(path string, line int) string
}

// Formats lists the format names Write accepts.
func Formats() []string {
	return []string{"text", "json", "sarif", "github", "markdown", "html"}
}

// Write writes r to w in format.
func Write(w io.Writer, format string, r *Report, opt Options) error {
	var err error
	switch format {
	case "text", "":
		err = writeText(w, r, opt)
	case "json":
		err = writeJSON(w, r)
	case "sarif":
		err = writeSARIF(w, r)
	case "github":
		err = writeGitHub(w, r)
	case "markdown", "md":
		err = writeMarkdown(w, r, opt)
	case "html":
		err = writeHTML(w, r, opt)
	default:
		return fmt.Errorf("unknown report format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return fmt.Errorf("write %s report: %w", format, err)
	}
	return nil
}

// visible returns the findings to list, sorted in report order: all of
// them with ShowSuppressed, otherwise only the unsuppressed ones.
func (r *Report) visible() []finding.Finding {
	out := make([]finding.Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if f.Suppressed && !r.ShowSuppressed {
			continue
		}
		out = append(out, f)
	}
	finding.Sort(out)
	return out
}

// sortedNotices returns the notices ordered by path, line, level, message.
func (r *Report) sortedNotices() []Notice {
	ns := slices.Clone(r.Notices)
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := ns[i], ns[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		return a.Message < b.Message
	})
	return ns
}

// Summary counts the findings of a report.
type Summary struct {
	Total      int                      // unsuppressed findings
	Suppressed int                      // suppressed findings (inline or baseline)
	BySeverity map[finding.Severity]int // unsuppressed findings per severity
	ByRule     map[string]int           // unsuppressed findings per rule id
}

// Summarize counts the findings of r.
func (r *Report) Summarize() Summary {
	s := Summary{BySeverity: map[finding.Severity]int{}, ByRule: map[string]int{}}
	for _, f := range r.Findings {
		if f.Suppressed {
			s.Suppressed++
			continue
		}
		s.Total++
		s.BySeverity[f.Severity]++
		s.ByRule[f.RuleID]++
	}
	return s
}

// severitiesDesc lists severities from worst to least bad.
var severitiesDesc = []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low, finding.SeverityUnknown}

// ruleDocs returns the documentation of every rule in r.Rules plus a
// minimal one for each rule that has a finding but no doc, sorted by id.
func (r *Report) ruleDocs() []finding.RuleDoc {
	byID := make(map[string]finding.RuleDoc, len(r.Rules))
	for _, d := range r.Rules {
		byID[d.ID] = d
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.RuleID]; !ok {
			byID[f.RuleID] = finding.RuleDoc{
				ID: f.RuleID, Name: f.RuleName, CWE: f.CWE,
				Severity: f.Severity, Confidence: f.Confidence,
				Summary: f.RuleName,
			}
		}
	}
	docs := make([]finding.RuleDoc, 0, len(byID))
	for _, d := range byID {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs
}

// sourceLine returns the text of line of f's file: from opt.SourceLine when
// set, else from the finding's snippet (its first line for line == start).
func sourceLine(opt Options, f finding.Finding, line int) string {
	if opt.SourceLine != nil {
		if s := opt.SourceLine(f.Location.Path, line); s != "" {
			return s
		}
	}
	if line != f.Location.Line || f.Snippet == "" {
		return ""
	}
	s, _, _ := strings.Cut(f.Snippet, "\n")
	return strings.TrimRight(s, "\r")
}

// cweLabel formats CWE ids as "CWE-78, CWE-88".
func cweLabel(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("CWE-%d", id)
	}
	return strings.Join(parts, ", ")
}

// plural returns "1 finding" or "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
