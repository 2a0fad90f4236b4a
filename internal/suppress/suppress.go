// Package suppress finds inline suppression comments and applies them to
// findings. It understands three spellings:
//
//	# snakeguard: ignore[SG101,SG102] reason   (snakeguard's own; ids or rule names)
//	# snakeguard: ignore reason                  (every rule on the line)
//	# nosec                                      (Bandit: every rule on the line)
//	# nosec B602,B607 reason / # nosec: B602     (Bandit ids, mapped through RuleDoc.Aliases)
//	# nosec subprocess_popen_with_shell_equals_true  (Bandit test names, if a rule lists them as aliases)
//	# noqa                                       (Ruff/flake8: every rule on the line)
//	# noqa: S602,E501                            (Ruff ids, mapped through RuleDoc.Aliases)
//
// A bare `# noqa` suppresses everything on its line, as it does in Ruff and
// flake8. Codes after `noqa` count only with a colon (`# noqa S602` is a
// bare noqa, as in Ruff); `# noqa:` with no valid code suppresses nothing.
// Unknown codes (E501 for another linter) are ignored. File-level forms
// (`# ruff: noqa`, `# flake8: noqa`) are not honoured.
//
// A directive covers findings on its own line; a finding whose span runs
// over several lines is also covered from the span's last line. For
// statements that span several lines, the driver registers the statement
// with AddStatement; a directive on the first or the last line of such a
// statement then covers findings on any of its lines (Bandit puts it on the
// first line, Ruff on the last).
package suppress

import (
	"regexp"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// Comment is one comment token: its 1-based line and its text, starting
// with '#'.
type Comment struct {
	Line int
	Text string
}

// Kind is the spelling of a suppression directive.
type Kind int

const (
	Snakeguard Kind = iota // # snakeguard: ignore[...]
	Nosec                  // # nosec
	Noqa                   // # noqa
)

func (k Kind) String() string {
	switch k {
	case Snakeguard:
		return "snakeguard"
	case Nosec:
		return "nosec"
	case Noqa:
		return "noqa"
	}
	return "unknown"
}

// Directive is one suppression comment.
type Directive struct {
	Line int
	Kind Kind
	// Codes lists the rules the directive names, as written (SG101, B602,
	// S602, a rule name); empty means every rule.
	Codes []string
	// Reason is the explanation written after the codes, if any.
	Reason string
	// Text is the directive as written, e.g. "# nosec B602".
	Text string
	// invalid marks a directive that suppresses nothing (`# noqa:` without codes).
	invalid bool
	// names are Bandit test names in a nosec comment
	// ("subprocess_popen_with_shell_equals_true"); like Bandit, those that
	// name no known rule are ignored.
	names []string
}

// Blanket reports whether the directive covers every rule.
func (d Directive) Blanket() bool { return len(d.Codes) == 0 && !d.invalid }

// Index holds the suppression directives of one file.
type Index struct {
	byLine map[int][]int // line → indexes into directives
	dirs   []Directive
	used   []bool
	spans  []span
	// known records, after Apply, whether a code names a rule of the docs.
	known func(code string) bool
}

type span struct{ first, last int }

// directiveStart finds where a directive begins inside a comment.
var directiveStart = regexp.MustCompile(`(?i)#\s*(?:snakeguard\s*:|nosec\b|noqa\b)`)

var (
	snakeguardRe = regexp.MustCompile(`(?i)^#\s*snakeguard\s*:\s*ignore(\[([^\]]*)\])?(?:\s*[:—–]\s*|\s+|$)(.*)$`)
	nosecRe      = regexp.MustCompile(`(?i)^#\s*nosec\b:?(.*)$`)
	noqaRe       = regexp.MustCompile(`(?i)^#\s*noqa\b(:?)(.*)$`)
	codeRe       = regexp.MustCompile(`^[A-Za-z]{1,4}[0-9]{1,4}$`)
	separatorRe  = regexp.MustCompile(`[\s,]+`)
	banditNameRe = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)
)

// Parse collects the directives of a file's comments.
func Parse(comments []Comment) *Index {
	ix := &Index{byLine: make(map[int][]int)}
	for _, c := range comments {
		for _, d := range parseComment(c) {
			ix.byLine[d.Line] = append(ix.byLine[d.Line], len(ix.dirs))
			ix.dirs = append(ix.dirs, d)
		}
	}
	ix.used = make([]bool, len(ix.dirs))
	return ix
}

// Len is the number of directives in the file. With none, registering
// statements (AddStatement) changes nothing.
func (ix *Index) Len() int { return len(ix.dirs) }

// parseComment returns the directives in one comment; a comment may hold
// several ("# noqa: E501  # nosec B602").
func parseComment(c Comment) []Directive {
	text := c.Text
	if !strings.HasPrefix(strings.TrimSpace(text), "#") {
		text = "# " + text
	}
	starts := directiveStart.FindAllStringIndex(text, -1)
	var out []Directive
	for i, s := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		seg := strings.TrimSpace(text[s[0]:end])
		if d, ok := parseDirective(seg); ok {
			d.Line = c.Line
			out = append(out, d)
		}
	}
	return out
}

func parseDirective(seg string) (Directive, bool) {
	d := Directive{Text: seg}
	switch {
	case snakeguardRe.MatchString(seg):
		m := snakeguardRe.FindStringSubmatch(seg)
		d.Kind = Snakeguard
		d.Codes = splitCodes(m[2])
		d.Reason = cleanReason(m[3])
		if m[1] != "" && len(d.Codes) == 0 {
			d.invalid = true // "ignore[]" names nothing
		}
		return d, true
	case nosecRe.MatchString(seg):
		m := nosecRe.FindStringSubmatch(seg)
		d.Kind = Nosec
		d.Codes, d.Reason = leadingCodes(m[1])
		d.names = banditNameRe.FindAllString(m[1], -1)
		return d, true
	case noqaRe.MatchString(seg):
		m := noqaRe.FindStringSubmatch(seg)
		d.Kind = Noqa
		if m[1] == ":" {
			d.Codes, d.Reason = leadingCodes(m[2])
			d.invalid = len(d.Codes) == 0
		} else {
			d.Reason = cleanReason(m[2])
		}
		return d, true
	}
	return d, false
}

// splitCodes splits "SG101, SG102 subprocess-shell-true" into its items.
func splitCodes(s string) []string {
	var out []string
	for _, f := range separatorRe.Split(strings.TrimSpace(s), -1) {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// leadingCodes takes the codes (B602, S602, SG101) at the start of s and
// returns them with the text after them as the reason.
func leadingCodes(s string) (codes []string, reason string) {
	rest := s
	for {
		trimmed := strings.TrimLeft(rest, " \t,")
		end := strings.IndexAny(trimmed, " \t,")
		if end < 0 {
			end = len(trimmed)
		}
		word := trimmed[:end]
		if word == "" || !codeRe.MatchString(word) {
			return codes, cleanReason(trimmed)
		}
		codes = append(codes, strings.ToUpper(word))
		rest = trimmed[end:]
	}
}

// cleanReason strips the punctuation people put between codes and reason.
func cleanReason(s string) string {
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), ":-—–"))
}

// AddStatement registers a statement spanning lines first..last, so that a
// directive on its first or last line covers findings on any of its lines.
// Register simple statements and compound-statement headers, not whole
// blocks (a def's body is not one statement).
func (ix *Index) AddStatement(first, last int) {
	if last > first {
		ix.spans = append(ix.spans, span{first, last})
	}
}

// Directives returns every directive of the file, in line order.
func (ix *Index) Directives() []Directive {
	return ix.sorted(func(int) bool { return true })
}

// Apply returns a copy of findings in which every finding covered by a
// directive is marked Suppressed, with the directive's reason (or, when it
// gives none, its text) as SuppressionReason. Findings already suppressed
// are left alone. docs maps rule ids to their documentation, whose Name and
// Aliases let Bandit and Ruff codes name snakeguard rules.
func (ix *Index) Apply(findings []finding.Finding, docs map[string]finding.RuleDoc) []finding.Finding {
	ix.known = func(code string) bool {
		for _, d := range docs {
			if d.Matches(code) {
				return true
			}
		}
		return false
	}
	effective := make([]Directive, len(ix.dirs))
	for i, d := range ix.dirs {
		for _, n := range d.names {
			if ix.known(n) {
				d.Codes = append(append([]string(nil), d.Codes...), n)
			}
		}
		effective[i] = d
	}
	out := make([]finding.Finding, len(findings))
	copy(out, findings)
	for i := range out {
		f := &out[i]
		if f.Suppressed || f.Location.Line <= 0 {
			continue
		}
		doc, ok := docs[f.RuleID]
		if !ok {
			doc = finding.RuleDoc{ID: f.RuleID, Name: f.RuleName}
		}
		best := -1
		for _, line := range ix.linesFor(f.Location.Line, f.Location.EndLine) {
			for _, di := range ix.byLine[line] {
				if !covers(effective[di], doc) {
					continue
				}
				ix.used[di] = true
				if best < 0 || ix.dirs[di].Kind < ix.dirs[best].Kind {
					best = di
				}
			}
		}
		if best >= 0 {
			d := ix.dirs[best]
			f.Suppressed = true
			f.SuppressionReason = d.Reason
			if f.SuppressionReason == "" {
				f.SuppressionReason = d.Text
			}
		}
	}
	return out
}

// linesFor returns the lines whose directives cover a finding spanning
// lines line..endLine: its first and last lines, and the first and last
// lines of registered statements that contain its first line.
func (ix *Index) linesFor(line, endLine int) []int {
	lines := []int{line}
	if endLine > line {
		lines = append(lines, endLine)
	}
	for _, s := range ix.spans {
		if s.first <= line && line <= s.last {
			for _, l := range [...]int{s.first, s.last} {
				if !contains(lines, l) {
					lines = append(lines, l)
				}
			}
		}
	}
	return lines
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// covers reports whether directive d suppresses findings of the rule doc.
func covers(d Directive, doc finding.RuleDoc) bool {
	if d.invalid {
		return false
	}
	if len(d.Codes) == 0 {
		return true
	}
	for _, c := range d.Codes {
		if doc.Matches(c) {
			return true
		}
	}
	return false
}

// Unused returns the directives that have suppressed nothing in any Apply,
// leaving out those that may be meant for other tools: a bare `# noqa`, and
// a `# noqa: …` none of whose codes names a snakeguard rule.
func (ix *Index) Unused() []Directive {
	return ix.sorted(func(i int) bool {
		if ix.used[i] {
			return false
		}
		d := ix.dirs[i]
		if d.Kind != Noqa {
			return true
		}
		if len(d.Codes) == 0 || ix.known == nil {
			return false
		}
		for _, c := range d.Codes {
			if ix.known(c) {
				return true
			}
		}
		return false
	})
}

func (ix *Index) sorted(keep func(i int) bool) []Directive {
	var out []Directive
	for i, d := range ix.dirs {
		if keep(i) {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}
