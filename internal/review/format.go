package review

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// MaxCommentSize is GitHub's limit on the body of a pull request comment.
const MaxCommentSize = 65536

// Meta is what the reports say about the tool.
type Meta struct {
	ToolVersion string
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

func (r *Review) summaryLine() string {
	files := fmt.Sprintf("%d %s", len(r.Files), plural(len(r.Files), "file", "files"))
	lines := fmt.Sprintf("%d %s", r.ChangedLines(), plural(r.ChangedLines(), "line", "lines"))
	return fmt.Sprintf("Changes since `%s` (`%s`, %s): %s changed, %s added or modified.",
		r.Base.Ref, shortCommit(r.Base.Commit), r.Base.How, files, lines)
}

func (r *Review) findingsLine() string {
	if len(r.Findings) == 0 {
		return "No findings on the changed lines."
	}
	counts := map[finding.Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	var parts []string
	for s := finding.Critical; s >= finding.Low; s-- {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	return fmt.Sprintf("**%d %s** on changed lines or in flows through them (%s).",
		len(r.Findings), plural(len(r.Findings), "finding", "findings"), strings.Join(parts, ", "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// shortFix is the finding's own fix hint, else the first sentence of its
// rule's fix.
func (r *Review) shortFix(f *Finding) string {
	if f.Fix != "" {
		return f.Fix
	}
	fix := r.Docs[f.RuleID].Fix
	if i := strings.Index(fix, ". "); i >= 0 {
		fix = fix[:i+1]
	}
	return fix
}

func (r *Review) helpURI(id string) string {
	if d, ok := r.Docs[id]; ok {
		return d.HelpURI()
	}
	return ""
}

// fence is a code fence longer than any run of backticks in s.
func fence(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func codeBlock(b *strings.Builder, indent, lang, code string) {
	fc := fence(code)
	fmt.Fprintf(b, "%s%s%s\n", indent, fc, lang)
	for _, l := range strings.Split(strings.TrimRight(code, "\n"), "\n") {
		fmt.Fprintf(b, "%s%s\n", indent, l)
	}
	fmt.Fprintf(b, "%s%s\n", indent, fc)
}

// inline makes text safe for one line of Markdown (a list item or a cell).
func inline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

func loc(l finding.Location) string {
	if l.Line == 0 {
		return l.Path
	}
	return fmt.Sprintf("%s:%d", l.Path, l.Line)
}

// findingBody is the detail of one finding: snippet, flow and fix.
func (r *Review) findingBody(b *strings.Builder, f *Finding, indent string) {
	if f.Snippet != "" {
		codeBlock(b, indent, "python", fmt.Sprintf("%d | %s", f.Location.Line, f.Snippet))
	}
	if len(f.Trace) > 0 {
		fmt.Fprintf(b, "%sFlow:\n", indent)
		for _, s := range f.Trace {
			mark := ""
			if f.Via != nil && s.Location == f.Via.Location {
				mark = " **(changed)**"
			}
			fmt.Fprintf(b, "%s- `%s` %s%s\n", indent, loc(s.Location), inline(s.Message), mark)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "%s**Fix:** %s\n", indent, inline(r.shortFix(f)))
}

func (r *Review) findingHead(f *Finding) string {
	d := r.Docs[f.RuleID]
	cwe := ""
	if len(f.CWE) > 0 {
		cwe = fmt.Sprintf(" (CWE-%d)", f.CWE[0])
	}
	return fmt.Sprintf("**%s** · [%s %s](%s)%s · `%s` — %s", f.Severity, f.RuleID, d.Name, r.helpURI(f.RuleID), cwe, loc(f.Location), inline(f.Message))
}

func cweList(cwes []int) string {
	parts := make([]string, len(cwes))
	for i, c := range cwes {
		parts[i] = fmt.Sprintf("CWE-%d", c)
	}
	return strings.Join(parts, ", ")
}

// maxEvidence bounds the uses listed per checklist item.
const maxEvidence = 5

func checklistItem(b *strings.Builder, it *ChecklistItem) {
	fmt.Fprintf(b, "- [ ] **%s**: %s\n", it.Area.Title, it.Area.Check)
	var seen []string
	for i, e := range it.Evidence {
		if i == maxEvidence {
			seen = append(seen, fmt.Sprintf("and %d more", len(it.Evidence)-maxEvidence))
			break
		}
		if e.Line > 0 && e.Via != "" {
			seen = append(seen, fmt.Sprintf("`%s:%d` (`%s` through `%s`)", e.Path, e.Line, e.Name, e.Via))
		} else if e.Line > 0 {
			seen = append(seen, fmt.Sprintf("`%s:%d` (`%s`)", e.Path, e.Line, e.Name))
		} else {
			seen = append(seen, fmt.Sprintf("`%s`", e.Path))
		}
	}
	fmt.Fprintf(b, "  Changed code: %s.  \n", strings.Join(seen, ", "))
	fmt.Fprintf(b, "  Weaknesses: %s.", cweList(it.Area.CWEs))
	if len(it.Rules) > 0 {
		fmt.Fprintf(b, " Rules: %s.", strings.Join(it.Rules, ", "))
	}
	if len(it.Guide) > 0 {
		fmt.Fprintf(b, " OpenSSF guide: %s.", strings.Join(it.Guide, ", "))
	}
	b.WriteString("\n")
}

func (r *Review) checklist(b *strings.Builder) {
	if len(r.Checklist) == 0 {
		b.WriteString("The changed code uses none of the areas on the checklist (SQL, commands, dynamic code, paths, crypto, deserialization, auth, logging, templates, network, XML, dependencies).\n")
		return
	}
	b.WriteString("What to look at for the kinds of code this change touches, found from its imports and calls:\n\n")
	for i := range r.Checklist {
		checklistItem(b, &r.Checklist[i])
	}
}

// Markdown is the review as a Markdown document.
func (r *Review) Markdown(m Meta) string {
	var b strings.Builder
	b.WriteString("# snakeguard review\n\n")
	fmt.Fprintf(&b, "%s\n\n%s\n", r.summaryLine(), r.findingsLine())
	if len(r.Findings) > 0 {
		b.WriteString("\n## Findings\n\n")
		for i := range r.Findings {
			f := &r.Findings[i]
			fmt.Fprintf(&b, "%d. %s\n\n", i+1, r.findingHead(f))
			r.findingBody(&b, f, "   ")
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Review checklist\n\n")
	r.checklist(&b)
	b.WriteString("\n## Changed files\n\n")
	for _, f := range r.Files {
		fmt.Fprintf(&b, "- `%s`: %s\n", f.Path, fileNote(f))
	}
	if len(r.Files) == 0 {
		b.WriteString("None.\n")
	}
	fmt.Fprintf(&b, "\n_snakeguard %s; %d files scanned._\n", m.ToolVersion, r.Scanned)
	return b.String()
}

func fileNote(f *FileChange) string {
	n := fmt.Sprintf("%d %s", len(f.Lines), plural(len(f.Lines), "line", "lines"))
	if f.New {
		return "new, " + n
	}
	return n + " changed"
}

// commentMarker lets a bot find and update its earlier comment.
const commentMarker = "<!-- snakeguard-review -->"

// GitHubPR is the review as a pull request comment: a table of findings,
// each with a collapsible detail, the checklist and the changed files,
// kept within limit characters (MaxCommentSize when limit <= 0); what does
// not fit is left out with a note saying so.
func (r *Review) GitHubPR(m Meta, limit int) string {
	if limit <= 0 {
		limit = MaxCommentSize
	}
	var head strings.Builder
	fmt.Fprintf(&head, "%s\n### snakeguard review\n\n%s\n\n%s\n", commentMarker, r.summaryLine(), r.findingsLine())

	var check strings.Builder
	check.WriteString("\n#### Review checklist\n\n")
	r.checklist(&check)

	var files strings.Builder
	fmt.Fprintf(&files, "\n<details><summary>Changed files (%d)</summary>\n\n", len(r.Files))
	for _, f := range r.Files {
		fmt.Fprintf(&files, "- `%s`: %s\n", f.Path, fileNote(f))
	}
	files.WriteString("\n</details>\n")
	foot := fmt.Sprintf("\n<sub>snakeguard %s · %d files scanned</sub>\n", m.ToolVersion, r.Scanned)

	const tableHead = "\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n"
	rows := make([]string, len(r.Findings))
	details := make([]string, len(r.Findings))
	for i := range r.Findings {
		f := &r.Findings[i]
		rows[i] = fmt.Sprintf("| %s | [%s](%s) %s | `%s` | %s |\n", f.Severity, f.RuleID, r.helpURI(f.RuleID), r.Docs[f.RuleID].Name, loc(f.Location), inline(f.Message))
		var d strings.Builder
		fmt.Fprintf(&d, "<details><summary>%s at <code>%s</code></summary>\n\n", f.RuleID, loc(f.Location))
		r.findingBody(&d, f, "")
		d.WriteString("\n</details>\n")
		details[i] = d.String()
	}
	const noteReserve = 300
	budget := limit - head.Len() - len(foot) - noteReserve
	if len(rows) > 0 {
		budget -= len(tableHead) + 1
	}
	if check.Len() <= budget {
		budget -= check.Len()
	} else {
		check.Reset()
	}
	nRows := 0
	for nRows < len(rows) && len(rows[nRows]) <= budget {
		budget -= len(rows[nRows])
		nRows++
	}
	nDetails := 0
	for nDetails < nRows && len(details[nDetails]) <= budget {
		budget -= len(details[nDetails])
		nDetails++
	}
	keepFiles := files.Len() <= budget

	var b strings.Builder
	b.WriteString(head.String())
	if nRows > 0 {
		b.WriteString(tableHead)
		for _, row := range rows[:nRows] {
			b.WriteString(row)
		}
		b.WriteString("\n")
		for _, d := range details[:nDetails] {
			b.WriteString(d)
		}
	}
	if nRows < len(rows) || nDetails < nRows || check.Len() == 0 || !keepFiles {
		fmt.Fprintf(&b, "\n> [!NOTE]\n> This comment is cut to GitHub's %d-character limit: %d of %d findings listed, %d with details%s. Run `snakeguard review` for the full review.\n",
			limit, nRows, len(rows), nDetails, map[bool]string{true: "", false: ", checklist left out"}[check.Len() > 0])
	}
	b.WriteString(check.String())
	if keepFiles {
		b.WriteString(files.String())
	}
	b.WriteString(foot)
	return b.String()
}

type jsonReview struct {
	Tool      string          `json:"tool"`
	Version   string          `json:"version"`
	Base      jsonBase        `json:"base"`
	Files     []jsonFile      `json:"files"`
	Findings  []jsonFinding   `json:"findings"`
	Checklist []jsonChecklist `json:"checklist"`
	Scanned   int             `json:"files_scanned"`
}

type jsonBase struct {
	Ref    string `json:"ref"`
	Commit string `json:"commit"`
	How    string `json:"how"`
}

type jsonFile struct {
	Path  string `json:"path"`
	New   bool   `json:"new"`
	Lines []int  `json:"lines"`
}

type jsonStep struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Message string `json:"message"`
	Changed bool   `json:"changed,omitempty"`
}

type jsonFinding struct {
	RuleID   string     `json:"rule_id"`
	Rule     string     `json:"rule"`
	CWE      []int      `json:"cwe"`
	Severity string     `json:"severity"`
	Path     string     `json:"path"`
	Line     int        `json:"line"`
	Column   int        `json:"column"`
	Message  string     `json:"message"`
	Fix      string     `json:"fix"`
	Trace    []jsonStep `json:"trace,omitempty"`
	// Reason is "changed-line" or "flow-through-changed-line".
	Reason      string   `json:"reason"`
	Guide       []string `json:"guide,omitempty"`
	Fingerprint string   `json:"fingerprint"`
	HelpURI     string   `json:"help_uri"`
}

type jsonChecklist struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Check    string     `json:"check"`
	CWE      []int      `json:"cwe"`
	Rules    []string   `json:"rules"`
	Guide    []string   `json:"guide"`
	Evidence []Evidence `json:"evidence"`
}

// WriteJSON writes the review as JSON.
func (r *Review) WriteJSON(w io.Writer, m Meta) error {
	out := jsonReview{Tool: "snakeguard", Version: m.ToolVersion, Scanned: r.Scanned,
		Base:  jsonBase{Ref: r.Base.Ref, Commit: r.Base.Commit, How: r.Base.How},
		Files: []jsonFile{}, Findings: []jsonFinding{}, Checklist: []jsonChecklist{}}
	for _, f := range r.Files {
		out.Files = append(out.Files, jsonFile{Path: f.Path, New: f.New, Lines: append([]int{}, f.Lines...)})
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		jf := jsonFinding{RuleID: f.RuleID, Rule: f.RuleName, CWE: f.CWE, Severity: f.Severity.String(),
			Path: f.Location.Path, Line: f.Location.Line, Column: f.Location.Column, Message: f.Message,
			Fix: r.shortFix(f), Reason: "changed-line", Guide: r.Docs[f.RuleID].Guide,
			Fingerprint: f.Fingerprint, HelpURI: r.helpURI(f.RuleID)}
		if f.Via != nil {
			jf.Reason = "flow-through-changed-line"
		}
		for _, s := range f.Trace {
			jf.Trace = append(jf.Trace, jsonStep{Path: s.Location.Path, Line: s.Location.Line, Message: s.Message,
				Changed: f.Via != nil && s.Location == f.Via.Location})
		}
		out.Findings = append(out.Findings, jf)
	}
	for _, it := range r.Checklist {
		out.Checklist = append(out.Checklist, jsonChecklist{ID: it.Area.ID, Title: it.Area.Title, Check: it.Area.Check,
			CWE: it.Area.CWEs, Rules: nonNil(it.Rules), Guide: nonNil(it.Guide), Evidence: it.Evidence})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write review JSON: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
