package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/learn"
	"github.com/snakeguard/snakeguard/internal/rules"
)

type learnOptions struct {
	list, reset bool
	show, state string
	seed        int64
}

func runLearn(e *env) int {
	var o learnOptions
	fl := flag.NewFlagSet("snakeguard learn", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	fl.BoolVar(&o.list, "list", false, "list the topics and rules with your progress, then exit")
	fl.StringVar(&o.show, "show", "", "print the lesson of this rule, answers included, without asking")
	fl.BoolVar(&o.reset, "reset", false, "forget your progress")
	fl.StringVar(&o.state, "state", "", "progress file (default $"+learn.StateEnv+", else $XDG_STATE_HOME/snakeguard/learn.json, else ~/.local/state/snakeguard/learn.json)")
	fl.Int64Var(&o.seed, "seed", -1, "seed for the order of the choices (default: from your progress, so each session differs)")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: snakeguard learn [flags] [TOPIC | RULE]")
		fmt.Fprintln(e.stderr, "\nSelf-study: one rule at a time, name the vulnerable line and the weakness, then read the")
		fmt.Fprintln(e.stderr, "secure version. Answers are read line by line from standard input; q quits.")
		fmt.Fprintf(e.stderr, "Topics: %s\n\nFlags:\n", strings.Join(topicNames(), ", "))
		fl.PrintDefaults()
	}
	if err := fl.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fl.NArg() > 1 {
		fmt.Fprintln(e.stderr, "snakeguard learn: at most one topic or rule")
		return ExitUsage
	}
	path := o.state
	if path == "" {
		p, err := learn.StatePath(os.Getenv)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
			return ExitUsage
		}
		path = p
	}
	if o.reset {
		if err := learn.Reset(path); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
			return ExitUsage
		}
		fmt.Fprintf(e.stdout, "Progress reset (%s).\n", path)
		if !o.list && o.show == "" && fl.NArg() == 0 {
			return ExitOK
		}
	}
	progress, err := learn.LoadProgress(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
		return ExitUsage
	}
	all := learn.Studyable(rules.All())
	if o.show != "" {
		sel, err := learn.Select(o.show, all)
		if err != nil || len(sel) != 1 {
			fmt.Fprintf(e.stderr, "snakeguard learn: --show wants a rule id such as SG101, not %q\n", o.show)
			return ExitUsage
		}
		return showLesson(e, sel[0], o.seed)
	}
	sel, err := learn.Select(fl.Arg(0), all)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
		return ExitUsage
	}
	if o.list {
		return listLessons(e, fl.Arg(0), sel, progress)
	}
	seed := uint64(progress.Total())
	if o.seed >= 0 {
		seed = uint64(o.seed)
	}
	return study(e, orderForStudy(sel, progress), progress, path, seed)
}

func topicNames() []string {
	var names []string
	for _, t := range learn.Topics() {
		names = append(names, t.Name)
	}
	return names
}

// orderForStudy puts the rules not yet answered right first, each group in
// catalogue order.
func orderForStudy(sel []*analysis.Rule, p *learn.Progress) []*analysis.Rule {
	var todo, done []*analysis.Rule
	for _, r := range sel {
		if p.Of(r.Doc.ID).Right > 0 {
			done = append(done, r)
		} else {
			todo = append(todo, r)
		}
	}
	return append(todo, done...)
}

func listLessons(e *env, topic string, sel []*analysis.Rule, p *learn.Progress) int {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	all := learn.Studyable(rules.All())
	if topic == "" {
		fmt.Fprintln(tw, "TOPIC\tRULES\tRIGHT\tTITLE")
		for _, t := range learn.Topics() {
			ts, _ := learn.Select(t.Name, all)
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", t.Name, len(ts), countRight(ts, p), t.Title)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, "RULE\tNAME\tCWE\tSEEN\tRIGHT")
	for _, r := range sel {
		rp := p.Of(r.Doc.ID)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", r.Doc.ID, r.Doc.Name, cweList(r.Doc.CWE), rp.Seen, rp.Right)
	}
	if err := tw.Flush(); err != nil {
		return ExitInternal
	}
	fmt.Fprintf(e.stdout, "\n%d of %d rules answered right at least once.\n", countRight(sel, p), len(sel))
	return ExitOK
}

func countRight(sel []*analysis.Rule, p *learn.Progress) int {
	n := 0
	for _, r := range sel {
		if p.Of(r.Doc.ID).Right > 0 {
			n++
		}
	}
	return n
}

func showLesson(e *env, r *analysis.Rule, seed int64) int {
	if seed < 0 {
		seed = 0
	}
	l, err := learn.NewLesson(e.context(), r, rules.Docs(), uint64(seed))
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
		return ExitInternal
	}
	w := e.stdout
	writeLessonHead(w, l, 0, 0)
	writeSnippet(w, l.Doc.Vulnerable, l.Lines)
	fmt.Fprintf(w, "\nThe vulnerable %s %s.\n", plural(len(l.Lines), "line is", "lines are"), joinInts(l.Lines))
	fmt.Fprintln(w, "\nWhich weakness is it?")
	writeChoices(w, l)
	fmt.Fprintf(w, "Answer: %c) %s\n", 'a'+l.Answer, l.Choices[l.Answer].Text)
	writeLessonTail(w, l)
	return ExitOK
}

func writeLessonHead(w io.Writer, l *learn.Lesson, n, total int) {
	if total > 0 {
		fmt.Fprintf(w, "── Lesson %d of %d: %s %s (%s) ──\n", n, total, l.Doc.ID, l.Doc.Name, l.Path)
	} else {
		fmt.Fprintf(w, "── %s %s (%s) ──\n", l.Doc.ID, l.Doc.Name, l.Path)
	}
}

// writeSnippet prints code with line numbers; marked lines get a ">" when
// the answer is to be shown.
func writeSnippet(w io.Writer, code string, marked []int) {
	lines := strings.Split(strings.TrimRight(code, "\n"), "\n")
	for i, line := range lines {
		mark := " "
		for _, m := range marked {
			if m == i+1 {
				mark = ">"
			}
		}
		fmt.Fprintf(w, "%s%3d | %s\n", mark, i+1, line)
	}
}

func writeChoices(w io.Writer, l *learn.Lesson) {
	for i, c := range l.Choices {
		fmt.Fprintf(w, "  %c) %s\n", 'a'+i, c.Text)
	}
}

func writeLessonTail(w io.Writer, l *learn.Lesson) {
	d := l.Doc
	fmt.Fprintf(w, "\nWhy it matters\n%s\n", indentText(wrap(d.Why, 76)))
	fmt.Fprintf(w, "\nSecure version\n")
	writeSnippet(w, d.Secure, nil)
	fmt.Fprintf(w, "\nHow to fix\n%s\n", indentText(wrap(d.Fix, 76)))
	if len(d.Guide) > 0 {
		fmt.Fprintf(w, "\nOpenSSF Secure Coding Guide for Python: %s\n", strings.Join(d.Guide, ", "))
	}
	fmt.Fprintf(w, "More: snakeguard explain %s  (%s)\n", d.ID, d.HelpURI())
}

// answerReader reads answers line by line; q or end of input stops.
type answerReader struct {
	sc   *bufio.Scanner
	echo bool // repeat each answer, so a transcript of piped input reads well
}

var errQuit = errors.New("quit")

func (a *answerReader) next(w io.Writer, prompt string) (string, error) {
	fmt.Fprint(w, prompt)
	if !a.sc.Scan() {
		fmt.Fprintln(w)
		if err := a.sc.Err(); err != nil {
			return "", fmt.Errorf("read answer: %w", err)
		}
		return "", io.EOF
	}
	s := strings.TrimSpace(a.sc.Text())
	if a.echo {
		fmt.Fprintln(w, s)
	}
	if strings.EqualFold(s, "q") || strings.EqualFold(s, "quit") {
		return "", errQuit
	}
	return s, nil
}

// maxTries bounds how often an unreadable answer is asked again.
const maxTries = 3

func (a *answerReader) line(w io.Writer, n int) (int, error) {
	for try := 0; ; try++ {
		s, err := a.next(w, fmt.Sprintf("Which line is vulnerable? [1-%d, q quits] ", n))
		if err != nil {
			return 0, err
		}
		v, perr := strconv.Atoi(s)
		if perr == nil && v >= 1 && v <= n {
			return v, nil
		}
		if try+1 == maxTries {
			return 0, nil
		}
		fmt.Fprintf(w, "  Please give a line number from 1 to %d.\n", n)
	}
}

func (a *answerReader) choice(w io.Writer, n int) (int, error) {
	last := 'a' + rune(n-1)
	for try := 0; ; try++ {
		s, err := a.next(w, fmt.Sprintf("Your answer? [a-%c] ", last))
		if err != nil {
			return -1, err
		}
		if len(s) == 1 {
			c := rune(strings.ToLower(s)[0])
			if c >= 'a' && c <= last {
				return int(c - 'a'), nil
			}
		}
		if v, perr := strconv.Atoi(s); perr == nil && v >= 1 && v <= n {
			return v - 1, nil
		}
		if try+1 == maxTries {
			return -1, nil
		}
		fmt.Fprintf(w, "  Please answer with a letter from a to %c.\n", last)
	}
}

func study(e *env, sel []*analysis.Rule, p *learn.Progress, path string, seed uint64) int {
	w := e.stdout
	in := &answerReader{sc: bufio.NewScanner(e.stdin), echo: !isTerminalReader(e.stdin)}
	docs := rules.Docs()
	answered, right := 0, 0
	defer func() {
		fmt.Fprintf(w, "\nThis session: %d of %d answered right. Progress saved to %s.\n", right, answered, path)
	}()
	for i, r := range sel {
		l, err := learn.NewLesson(e.context(), r, docs, seed)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
			return ExitInternal
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeLessonHead(w, l, i+1, len(sel))
		fmt.Fprintf(w, "%s\n\n", l.Doc.Summary)
		writeSnippet(w, l.Doc.Vulnerable, nil)
		n := strings.Count(strings.TrimRight(l.Doc.Vulnerable, "\n"), "\n") + 1
		line, err := in.line(w, n)
		if err != nil {
			return endStudy(e, err)
		}
		fmt.Fprintln(w, "Which weakness is it?")
		writeChoices(w, l)
		pick, err := in.choice(w, len(l.Choices))
		if err != nil {
			return endStudy(e, err)
		}
		lineOK, pickOK := l.RightLine(line), pick == l.Answer
		if lineOK {
			fmt.Fprintf(w, "\n✓ Line %d is the one.", line)
		} else {
			fmt.Fprintf(w, "\n✗ The vulnerable %s %s.", plural(len(l.Lines), "line is", "lines are"), joinInts(l.Lines))
		}
		if pickOK {
			fmt.Fprintln(w, " ✓ Right weakness.")
		} else {
			fmt.Fprintf(w, " ✗ The weakness is %c) %s\n", 'a'+l.Answer, l.Choices[l.Answer].Text)
		}
		writeSnippet(w, l.Doc.Vulnerable, l.Lines)
		writeLessonTail(w, l)
		answered++
		if lineOK && pickOK {
			right++
		}
		p.Record(r.Doc.ID, lineOK && pickOK)
		if err := p.Save(path); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
			return ExitInternal
		}
	}
	fmt.Fprintf(w, "\nThat was the last lesson of this selection.\n")
	return ExitOK
}

func endStudy(e *env, err error) int {
	if errors.Is(err, errQuit) || errors.Is(err, io.EOF) {
		return ExitOK
	}
	fmt.Fprintf(e.stderr, "snakeguard learn: %v\n", err)
	return ExitUsage
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
