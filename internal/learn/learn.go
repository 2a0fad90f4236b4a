// Package learn builds self-study lessons from the rule catalogue: each
// lesson is a rule's vulnerable example with the lines the rule flags
// (found by running the rule on it), a multiple-choice question on the
// weakness, and the rule's secure example, why and fix. It also keeps a
// learner's progress. The interactive loop lives in the command line.
package learn

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

// Topic is a group of rules to study together.
type Topic struct {
	Name  string
	Title string
	Tags  []string // a rule with any of these tags belongs to the topic
	CWEs  []int    // ... or with any of these CWEs
	Names []string // ... or whose name starts with one of these
}

// Topics lists the study topics in the order they are offered.
func Topics() []Topic {
	return []Topic{
		{Name: "sql", Title: "SQL and query injection", Tags: []string{"sql"}, CWEs: []int{89, 943, 90, 643}},
		{Name: "command", Title: "OS command injection and process start", Tags: []string{"command"}, CWEs: []int{78, 88, 155, 426}},
		{Name: "code", Title: "code evaluation and reflection", Tags: []string{"code"}, CWEs: []int{94, 95, 470}},
		{Name: "deserialization", Title: "unsafe deserialization", Tags: []string{"deserialization"}, CWEs: []int{502}},
		{Name: "crypto", Title: "cryptography, hashing and randomness", Tags: []string{"crypto", "randomness", "password"}, CWEs: []int{326, 327, 328, 338, 916}},
		{Name: "secrets", Title: "secrets in code", Tags: []string{"secrets"}, CWEs: []int{798, 321, 1391}},
		{Name: "templates", Title: "templates and cross-site scripting", Tags: []string{"template", "xss"}, CWEs: []int{79, 1336}},
		{Name: "paths", Title: "files, paths and temporary files", Tags: []string{"filesystem"}, CWEs: []int{22, 377, 732}},
		{Name: "network", Title: "network, TLS and outgoing requests", Tags: []string{"network", "tls", "ssh"}, CWEs: []int{295, 319, 400, 918, 939, 601}},
		{Name: "xml", Title: "XML parsing", Tags: []string{"xml"}, CWEs: []int{611, 776}},
		{Name: "web", Title: "web responses, cookies, CSRF and CORS", Tags: []string{"web", "csrf", "cors", "cookies", "jwt", "authentication"}, CWEs: []int{113, 352, 614, 942, 347}},
		{Name: "logging", Title: "logging", Tags: []string{"logging"}, CWEs: []int{117, 532}},
		{Name: "errors", Title: "error handling and code quality", Tags: []string{"error-handling"}, CWEs: []int{390, 396, 703}},
		{Name: "django", Title: "Django settings and views", Tags: []string{"django"}, Names: []string{"django-"}},
		{Name: "flask", Title: "Flask applications", Tags: []string{"flask"}, Names: []string{"flask-"}},
	}
}

// Has reports whether a rule belongs to the topic.
func (t Topic) Has(d finding.RuleDoc) bool {
	for _, tag := range d.Tags {
		if slices.Contains(t.Tags, tag) {
			return true
		}
	}
	for _, c := range d.CWE {
		if slices.Contains(t.CWEs, c) {
			return true
		}
	}
	for _, p := range t.Names {
		if strings.HasPrefix(d.Name, p) {
			return true
		}
	}
	return false
}

// Studyable returns the rules that make lessons: code rules with both
// examples, in catalogue order.
func Studyable(all []*analysis.Rule) []*analysis.Rule {
	var out []*analysis.Rule
	for _, r := range all {
		if r.Doc.Vulnerable != "" && r.Doc.Secure != "" {
			out = append(out, r)
		}
	}
	return out
}

// Select returns the rules of a topic, or the one rule named by an id or
// rule name; an empty topic selects every rule.
func Select(topic string, rules []*analysis.Rule) ([]*analysis.Rule, error) {
	if topic == "" {
		return rules, nil
	}
	for _, r := range rules {
		if strings.EqualFold(topic, r.Doc.ID) || strings.EqualFold(topic, r.Doc.Name) {
			return []*analysis.Rule{r}, nil
		}
	}
	for _, t := range Topics() {
		if !strings.EqualFold(topic, t.Name) {
			continue
		}
		var out []*analysis.Rule
		for _, r := range rules {
			if t.Has(r.Doc) {
				out = append(out, r)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("no topic or rule %q (topics: %s)", topic, strings.Join(topicNames(), ", "))
}

func topicNames() []string {
	var names []string
	for _, t := range Topics() {
		names = append(names, t.Name)
	}
	return names
}

// Choice is one answer to "which weakness is this?".
type Choice struct {
	RuleID string
	CWE    int
	Text   string // "CWE-89: SQL built from strings ..."
}

// Lesson is one rule made into a question.
type Lesson struct {
	Doc     finding.RuleDoc
	Path    string // the file name the example is analysed as
	Lines   []int  // the lines the rule flags in the vulnerable example
	Choices []Choice
	Answer  int // index of the right choice
}

// RightLine reports whether line is one the rule flags.
func (l *Lesson) RightLine(line int) bool { return slices.Contains(l.Lines, line) }

// choiceCount is how many answers a question offers.
const choiceCount = 4

// NewLesson runs rule r over its vulnerable example to find the flagged
// lines and draws distractors from the other rules' weaknesses; the same
// seed gives the same choices in the same order.
func NewLesson(ctx context.Context, r *analysis.Rule, others []finding.RuleDoc, seed uint64) (*Lesson, error) {
	path, lines, err := FlaggedLines(ctx, r)
	if err != nil {
		return nil, err
	}
	l := &Lesson{Doc: r.Doc, Path: path, Lines: lines}
	right := Choice{RuleID: r.Doc.ID, CWE: r.Doc.CWE[0], Text: choiceText(r.Doc)}
	h := fnv.New64a()
	h.Write([]byte(r.Doc.ID))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	var pool []finding.RuleDoc
	for _, d := range others {
		if len(d.CWE) > 0 && !slices.Contains(r.Doc.CWE, d.CWE[0]) && d.ID != r.Doc.ID {
			pool = append(pool, d)
		}
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	choices := []Choice{right}
	usedCWE := map[int]bool{right.CWE: true}
	for _, d := range pool {
		if len(choices) == choiceCount {
			break
		}
		if usedCWE[d.CWE[0]] {
			continue
		}
		usedCWE[d.CWE[0]] = true
		choices = append(choices, Choice{RuleID: d.ID, CWE: d.CWE[0], Text: choiceText(d)})
	}
	rng.Shuffle(len(choices), func(i, j int) { choices[i], choices[j] = choices[j], choices[i] })
	l.Choices = choices
	for i, c := range choices {
		if c.RuleID == r.Doc.ID {
			l.Answer = i
		}
	}
	return l, nil
}

func choiceText(d finding.RuleDoc) string {
	return fmt.Sprintf("CWE-%d: %s", d.CWE[0], d.Summary)
}

// FlaggedLines runs r over its own vulnerable example and returns the file
// name it was analysed as and the lines its findings cover.
func FlaggedLines(ctx context.Context, r *analysis.Rule) (string, []int, error) {
	src := r.Doc.Vulnerable
	path := ExamplePath(src)
	var fs []finding.Finding
	var notes []analysis.Notice
	if strings.HasSuffix(path, ".html") {
		fs, notes = analysis.Run(ctx, nil, []*analysis.Rule{r}, 1, analysis.TextFile{Path: path, Src: []byte(src)})
	} else {
		res := parser.ParseString(path, src)
		if len(res.Errors) > 0 {
			return "", nil, fmt.Errorf("%s: vulnerable example does not parse: %v", r.Doc.ID, res.Errors[0])
		}
		u := analysis.NewUnit(path, "example", res)
		fs, notes = analysis.Run(ctx, []*analysis.Unit{u}, []*analysis.Rule{r}, 1)
	}
	if len(notes) > 0 {
		return "", nil, fmt.Errorf("%s: %s", r.Doc.ID, notes[0].Message)
	}
	var lines []int
	for _, f := range fs {
		end := max(f.Location.EndLine, f.Location.Line)
		for n := f.Location.Line; n <= end; n++ {
			if n > 0 && !slices.Contains(lines, n) {
				lines = append(lines, n)
			}
		}
	}
	if len(lines) == 0 {
		return "", nil, fmt.Errorf("%s: the rule does not flag a line of its vulnerable example", r.Doc.ID)
	}
	slices.Sort(lines)
	return path, lines, nil
}

// ExamplePath is the file name an example is analysed as: a template, a
// Django settings module, or a plain module.
func ExamplePath(src string) string {
	switch {
	case strings.HasPrefix(src, "<") || strings.HasPrefix(src, "{%"):
		return "templates/example.html"
	case strings.HasPrefix(src, "# settings.py"):
		return "settings.py"
	}
	return "example.py"
}
