package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/learn"
	"github.com/snakeguard/snakeguard/internal/rules"
)

// mainEnv makes the test binary run the command line instead of the tests,
// so a test can start it under a pseudo-terminal.
const mainEnv = "SNAKEGUARD_CLI_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// lessonFor builds the lesson the command shows for id with seed.
func lessonFor(t *testing.T, id string, seed uint64) *learn.Lesson {
	t.Helper()
	var r *analysis.Rule
	for _, x := range rules.All() {
		if x.Doc.ID == id {
			r = x
		}
	}
	if r == nil {
		t.Fatalf("no rule %s", id)
	}
	l, err := learn.NewLesson(context.Background(), r, rules.Docs(), seed)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// answers returns the right line and letter, or wrong ones.
func answers(l *learn.Lesson, right bool) (string, string) {
	if right {
		return fmt.Sprint(l.Lines[0]), string(rune('a' + l.Answer))
	}
	line := 1
	for l.RightLine(line) {
		line++
	}
	return fmt.Sprint(line), string(rune('a' + (l.Answer+1)%len(l.Choices)))
}

func loadState(t *testing.T, path string) *learn.Progress {
	t.Helper()
	p, err := learn.LoadProgress(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLearnScripted(t *testing.T) {
	sqlRules, err := learn.Select("sql", learn.Studyable(rules.All()))
	if err != nil || len(sqlRules) < 2 {
		t.Fatalf("sql topic: %v, %d rules", err, len(sqlRules))
	}
	first, second := sqlRules[0].Doc.ID, sqlRules[1].Doc.ID
	l1, l2 := lessonFor(t, first, 3), lessonFor(t, second, 3)
	rl1, rc1 := answers(l1, true)
	wl2, wc2 := answers(l2, false)
	for _, tc := range []struct {
		name       string
		stdin      string
		wantOut    []string
		wantRecord map[string]learn.RuleProgress
	}{
		{"right then wrong then quit", rl1 + "\n" + rc1 + "\n" + wl2 + "\n" + wc2 + "\nq\n",
			[]string{"Lesson 1 of", "✓ Line " + rl1 + " is the one. ✓ Right weakness.", "✗ The vulnerable", "✗ The weakness is", "This session: 1 of 2 answered right."},
			map[string]learn.RuleProgress{first: {Seen: 1, Right: 1}, second: {Seen: 1}}},
		{"quit at once", "q\n", []string{"This session: 0 of 0"}, map[string]learn.RuleProgress{first: {}}},
		{"end of input in the middle of a lesson", rl1 + "\n", []string{"Which weakness is it?", "This session: 0 of 0"}, map[string]learn.RuleProgress{first: {}}},
		{"unreadable answers count as wrong", "x\ny\nz\n?\n!\n#\nq\n",
			[]string{"Please give a line number", "Please answer with a letter", "✗ The vulnerable", "This session: 0 of 1"},
			map[string]learn.RuleProgress{first: {Seen: 1}}},
		{"right answer as a number", rl1 + "\n" + fmt.Sprint(l1.Answer+1) + "\nquit\n", []string{"✓ Right weakness"},
			map[string]learn.RuleProgress{first: {Seen: 1, Right: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			state := filepath.Join(t.TempDir(), "state", "learn.json")
			out, errOut, code := scanCLI(t, tc.stdin, "learn", "--state", state, "--seed", "3", "sql")
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			p := loadState(t, state)
			for id, want := range tc.wantRecord {
				if got := p.Of(id); got != want {
					t.Errorf("%s: progress %+v, want %+v", id, got, want)
				}
			}
		})
	}
}

// A rule answered right moves behind the ones not yet learned.
func TestLearnOrderAndList(t *testing.T) {
	state := filepath.Join(t.TempDir(), "learn.json")
	sqlRules, _ := learn.Select("sql", learn.Studyable(rules.All()))
	first := sqlRules[0].Doc.ID
	rl, rc := answers(lessonFor(t, first, 3), true)
	if _, e, code := scanCLI(t, rl+"\n"+rc+"\nq\n", "learn", "--state", state, "--seed", "3", "sql"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, e)
	}
	out, _, _ := scanCLI(t, "q\n", "learn", "--state", state, "sql")
	if !strings.Contains(out, "Lesson 1 of") || strings.Contains(out, "Lesson 1 of "+fmt.Sprint(len(sqlRules))+": "+first) {
		t.Errorf("the rule answered right came first again:\n%s", out)
	}
	out, _, code := scanCLI(t, "", "learn", "--state", state, "--list")
	if code != ExitOK || !strings.Contains(out, "TOPIC") || !strings.Contains(out, "deserialization") {
		t.Fatalf("--list: exit %d\n%s", code, out)
	}
	found := false
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 5 && f[0] == first && f[3] == "1" && f[4] == "1" {
			found = true
		}
	}
	if !found {
		t.Errorf("--list does not show %s seen 1, right 1:\n%s", first, out)
	}
	if out, _, _ := scanCLI(t, "", "learn", "--state", state, "--reset"); !strings.Contains(out, "reset") {
		t.Errorf("--reset: %s", out)
	}
	if p := loadState(t, state); p.Total() != 0 {
		t.Errorf("progress after reset: %d", p.Total())
	}
}

func TestLearnShow(t *testing.T) {
	state := filepath.Join(t.TempDir(), "learn.json")
	l := lessonFor(t, "SG102", 0)
	out, errOut, code := scanCLI(t, "", "learn", "--state", state, "--show", "sg102")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{
		fmt.Sprintf(">%3d | ", l.Lines[0]),
		fmt.Sprintf("Answer: %c) CWE-78", 'a'+l.Answer),
		"Secure version", "How to fix", "snakeguard explain SG102",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("--show output lacks %q:\n%s", w, out)
		}
	}
	if _, err := os.Stat(state); err == nil {
		t.Error("--show wrote progress")
	}
	for _, args := range [][]string{{"--show", "sql"}, {"--show", "SG999"}, {"nonsense"}, {"a", "b"}} {
		if _, _, code := scanCLI(t, "", append([]string{"learn", "--state", state}, args...)...); code != ExitUsage {
			t.Errorf("learn %v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

// TestLearnTerminal drives learn through a pseudo-terminal made by
// util-linux script(1), so the command sees a terminal on its input.
func TestLearnTerminal(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), "learn.json")
	l := lessonFor(t, "SG203", 5)
	rl, rc := answers(l, true)
	cmdline := fmt.Sprintf("%s learn --state %s --seed 5 SG203", shellQuote(self), shellQuote(state))
	cmd := exec.Command(scriptBin, "-qec", cmdline, "/dev/null")
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	cmd.Stdin = strings.NewReader(rl + "\n" + rc + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("script: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Right weakness") {
		t.Errorf("no right answer through the terminal:\n%s", out)
	}
	if got := loadState(t, state).Of("SG203"); got != (learn.RuleProgress{Seen: 1, Right: 1}) {
		t.Errorf("progress %+v", got)
	}
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
