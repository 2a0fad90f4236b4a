package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                      "plain",
		"tab\tkept":                  "tab\tkept",
		"esc\x1b[31mred":             "esc<U+001B>[31mred",
		"bidi \u202eevil\u202c here": "bidi <U+202E>evil<U+202C> here",
		"isolate \u2066x\u2069":      "isolate <U+2066>x<U+2069>",
		"zero\u200bwidth":            "zero<U+200B>width",
		"line\nbreak":                "line<U+000A>break",
		"ünïcode 漢字":                 "ünïcode 漢字",
	} {
		if got := safeText(in, false); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := safeText("a\nb\u202e", true); got != "a\nb<U+202E>" {
		t.Errorf("keepNewlines: got %q", got)
	}
}

// A Trojan Source line: the text report shows the controls and the caret
// still lines up under the flagged span.
func TestTextShowsHiddenCharacters(t *testing.T) {
	line := "access = \"user\u202e \u2066# admin\u2069 \u2066\" # check"
	f := finding.Finding{
		RuleID: "SG801", RuleName: "bidi-control", Severity: finding.High,
		Message:  "bidirectional control character \u202e in a string",
		Location: finding.Location{Path: "a.py", Line: 1, Column: 15, EndLine: 1, EndColumn: 16},
		Snippet:  line,
	}
	var buf bytes.Buffer
	if err := Write(&buf, "text", &Report{Findings: []finding.Finding{f}}, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\u202e\u2066\u2069\x1b") {
		t.Errorf("hidden characters reach the terminal:\n%q", out)
	}
	lines := strings.Split(out, "\n")
	src, carets := lines[2], lines[3]
	at := strings.Index(carets, "^")
	if at < 0 || !strings.HasPrefix(src[at:], "<U+202E>") || strings.Count(carets, "^") != len("<U+202E>") {
		t.Errorf("caret not under the control character:\n%s\n%s", src, carets)
	}
}

func TestCaretUnderWideCharacters(t *testing.T) {
	indent, width := caretSpan("名前 = eval(x)", finding.Location{Line: 1, Column: 6, EndLine: 1, EndColumn: 10})
	if indent != "       " || width != 4 {
		t.Errorf("got %q, %d", indent, width)
	}
}
