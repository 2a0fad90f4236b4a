package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

func TestGitHubEscaping(t *testing.T) {
	cases := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100% sure", "100%25 sure", "100%25 sure"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x::y,z", "x::y,z", "x%3A%3Ay%2Cz"},
		{"%0A literal", "%250A literal", "%250A literal"},
	}
	for _, c := range cases {
		if got := githubData(c.in); got != c.data {
			t.Errorf("githubData(%q) = %q, want %q", c.in, got, c.data)
		}
		if got := githubProperty(c.in); got != c.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", c.in, got, c.prop)
		}
	}
}

func TestGitHubOneCommandPerLine(t *testing.T) {
	r := &Report{Findings: []finding.Finding{{
		RuleID: "SG101", RuleName: "x", Severity: finding.Medium,
		Message:  "line one\nline two: a,b",
		Location: finding.Location{Path: "dir,with:odd.py", Line: 3, Column: 1, EndLine: 3, EndColumn: 4},
	}}}
	var buf bytes.Buffer
	if err := Write(&buf, "github", r, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=dir%2Cwith%3Aodd.py,line=3,col=1,endLine=3,endColumn=4,title=SG101 x::[medium] line one%0Aline two: a,b\n"
	if got := buf.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func hostileReport() *Report {
	return &Report{
		ToolVersion: "<v>",
		Findings: []finding.Finding{{
			RuleID: "SG101", RuleName: "<script>alert(1)</script>", Severity: finding.High,
			Message:           "<img src=x onerror=alert(1)> | `tick` [link](javascript:alert(1))",
			Location:          finding.Location{Path: "a|b`.py", Line: 1, Column: 1, EndLine: 1, EndColumn: 5},
			Snippet:           "eval('</code></pre><script>')",
			Fix:               "# heading? <b>no</b>",
			Suppressed:        true,
			SuppressionReason: "<i>why</i>",
		}},
		ShowSuppressed: true,
		Notices:        []Notice{{Path: "<p>.py", Level: LevelWarning, Message: "<script>x</script>"}},
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "html", hostileReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<img", "<i>", "<b>", "<p>.py", "</code></pre><script>"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML output contains unescaped %q", bad)
		}
	}
	// Self-contained: no scripts, stylesheets, images or fonts from elsewhere.
	for _, ext := range []string{"<script", "<link", "<img", "@import", "url("} {
		if strings.Contains(out, ext) {
			t.Errorf("HTML output refers to an external asset (%q)", ext)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "markdown", hostileReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "```python\neval('</code></pre><script>')\n```") {
		t.Errorf("source line not shown verbatim in a code block:\n%s", out)
	}
	// Outside the code block, no markup character is left unescaped.
	prose := strings.Replace(out, "eval('</code></pre><script>')", "", 1)
	prose = regexp.MustCompile("`[^`\n]*`|\\[(SG101|Rule documentation)\\]").ReplaceAllString(prose, "")
	for i := 0; i < len(prose); i++ {
		if strings.IndexByte("<[", prose[i]) >= 0 && (i == 0 || prose[i-1] != '\\') {
			t.Errorf("unescaped %q at %q", prose[i], prose[max(0, i-20):min(len(prose), i+20)])
		}
	}
	// Every table row has exactly five unescaped pipes.
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "| high") {
			continue
		}
		if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 5 {
			t.Errorf("table row has %d cell separators: %s", n, line)
		}
	}
}

func TestMdEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":     "plain text",
		"# not a title":  `\# not a title`,
		"a - b":          "a - b",
		"a_b*c":          `a\_b\*c`,
		"multi\nline":    "multi line",
		"<tag> & [x](y)": `\<tag\> \& \[x\](y)`,
	} {
		if got := mdEscape(in); got != want {
			t.Errorf("mdEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitSpan(t *testing.T) {
	line := "x = é(eval)"
	b, s, a := splitSpan(line, finding.Location{Line: 1, Column: 5, EndLine: 1, EndColumn: 6})
	if b != "x = " || s != "é" || a != "(eval)" {
		t.Errorf("got %q %q %q", b, s, a)
	}
	b, s, a = splitSpan(line, finding.Location{Line: 1, Column: 7, EndLine: 4, EndColumn: 2})
	if b != "x = é(" || s != "eval)" || a != "" {
		t.Errorf("multi-line: got %q %q %q", b, s, a)
	}
	b, s, a = splitSpan("ab", finding.Location{Line: 1, Column: 9, EndLine: 1, EndColumn: 20})
	if b != "ab" || s != "" || a != "" {
		t.Errorf("out of range: got %q %q %q", b, s, a)
	}
}
