// Package templates checks Django and Jinja2 templates: POST forms without
// a CSRF token, the safe filter, and autoescaping turned off. It reads the
// template text with a small tokenizer of the {{ }}, {% %} and {# #} tags.
package templates

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// Tag is one template tag: {{ expression }}, {% statement %} or {# comment #}.
type Tag struct {
	Kind  byte   // '{' expression, '%' statement, '#' comment
	Body  string // the text between the delimiters, trimmed
	Start int    // byte offset of the opening delimiter
	End   int    // byte offset after the closing delimiter
}

// Tags splits a template into its tags. An unterminated tag ends the scan.
func Tags(src []byte) []Tag {
	var out []Tag
	for i := 0; i+1 < len(src); {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 || i+j+1 >= len(src) {
			break
		}
		i += j
		kind := src[i+1]
		var closer string
		switch kind {
		case '{':
			closer = "}}"
		case '%':
			closer = "%}"
		case '#':
			closer = "#}"
		default:
			i++
			continue
		}
		k := bytes.Index(src[i+2:], []byte(closer))
		if k < 0 {
			break
		}
		body := strings.TrimSpace(strings.Trim(string(src[i+2:i+2+k]), "-+"))
		out = append(out, Tag{Kind: kind, Body: body, Start: i, End: i + 2 + k + 2})
		i += 2 + k + 2
	}
	return out
}

// blockEnds are the template blocks whose content is not rendered as
// template code: comments, and raw/verbatim blocks that show template
// syntax as text.
var blockEnds = map[string]string{"comment": "endcomment", "raw": "endraw", "verbatim": "endverbatim"}

// Masked returns a copy of src in which template comments, {% comment %},
// {% raw %} and {% verbatim %} blocks are blanked out, and with html also
// HTML comments. Newlines are kept, so offsets, lines and columns still
// point into src.
func Masked(src []byte, html bool) []byte {
	out := bytes.Clone(src)
	blank := func(from, to int) {
		for i := from; i < to && i < len(out); i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	tags := Tags(src)
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		switch {
		case t.Kind == '#':
			blank(t.Start, t.End)
		case t.Kind == '%' && blockEnds[firstWord(t.Body)] != "":
			end := blockEnds[firstWord(t.Body)]
			j := i + 1
			for j < len(tags) && !(tags[j].Kind == '%' && firstWord(tags[j].Body) == end) {
				j++
			}
			if j == len(tags) {
				blank(t.Start, len(src))
				return out
			}
			blank(t.Start, tags[j].End)
			i = j
		}
	}
	if html {
		for i := 0; ; {
			j := bytes.Index(out[i:], []byte("<!--"))
			if j < 0 {
				break
			}
			k := bytes.Index(out[i+j:], []byte("-->"))
			if k < 0 {
				blank(i+j, len(out))
				break
			}
			blank(i+j, i+j+k+3)
			i += j + k + 3
		}
	}
	return out
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

func location(f analysis.TextFile, pos, end int) finding.Location {
	line, col := 1, 1
	lineStart := 0
	for i := 0; i < pos && i < len(f.Src); i++ {
		if f.Src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	col = utf8.RuneCount(f.Src[lineStart:pos]) + 1
	endCol := col + utf8.RuneCount(f.Src[pos:min(end, len(f.Src))])
	if nl := bytes.IndexByte(f.Src[pos:min(end, len(f.Src))], '\n'); nl >= 0 {
		endCol = col + utf8.RuneCount(f.Src[pos:pos+nl])
	}
	return finding.Location{Path: f.Path, Line: line, Column: col, EndLine: line, EndColumn: endCol}
}

func lineText(src []byte, pos int) string {
	start := bytes.LastIndexByte(src[:pos], '\n') + 1
	end := bytes.IndexByte(src[pos:], '\n')
	if end < 0 {
		return string(src[start:])
	}
	return string(src[start : pos+end])
}

func report(p *analysis.ProjectPass, f analysis.TextFile, pos, end int, msg string) {
	d := p.Rule.Doc
	p.ReportFinding(finding.Finding{RuleID: d.ID, RuleName: d.Name, CWE: d.CWE, Severity: d.Severity, Confidence: d.Confidence,
		Message: msg, Location: location(f, pos, end), Snippet: lineText(f.Src, pos)})
}

var formOpen = regexp.MustCompile(`(?is)<form\b[^>]*>`)
var postMethod = regexp.MustCompile(`(?i)method\s*=\s*["']?post\b`)
var formClose = regexp.MustCompile(`(?i)</form\s*>`)

// externalAction matches a form that posts to another site (a payment
// provider, a mailing-list service): such a form must not carry the
// site's CSRF token.
var externalAction = regexp.MustCompile(`(?i)\baction\s*=\s*["']?(https?:)?//`)

// hasCSRFToken reports whether a form's content renders a CSRF token:
// Django's {% csrf_token %} and its Jinja2 backend's {{ csrf_input }},
// Flask-WTF's form.csrf_token and hidden_tag(), Tornado's xsrf_form_html().
func hasCSRFToken(section string) bool {
	for _, t := range []string{"csrf_token", "csrf_input", "hidden_tag()", "csrfmiddlewaretoken", "xsrf_form_html"} {
		if strings.Contains(section, t) {
			return true
		}
	}
	return false
}

// CSRFMissing finds POST forms without a CSRF token.
var CSRFMissing = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG717", Name: "template-form-without-csrf-token", CWE: []int{352},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "POST form in a template without a CSRF token",
		Why: "Without the token Django's CSRF middleware rejects the form (or, where the view is exempt, accepts " +
			"requests forged by any other site); Flask-WTF forms need form.csrf_token or hidden_tag().",
		Vulnerable: "<form method=\"post\" action=\"/transfer\">\n  <input name=\"amount\">\n</form>\n",
		Secure:     "<form method=\"post\" action=\"/transfer\">\n  {% csrf_token %}\n  <input name=\"amount\">\n</form>\n",
		Fix:        "Add {% csrf_token %} (Django) or {{ form.csrf_token }} / {{ form.hidden_tag() }} (Flask-WTF) inside every POST form.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/csrf/", "https://cwe.mitre.org/data/definitions/352.html"},
		Tags:       []string{"template", "csrf"},
	},
	Keeps: keepsNoUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, f := range p.Files {
			src := string(Masked(f.Src, true))
			for _, m := range formOpen.FindAllStringIndex(src, -1) {
				if !postMethod.MatchString(src[m[0]:m[1]]) || externalAction.MatchString(src[m[0]:m[1]]) {
					continue
				}
				end := len(src)
				if c := formClose.FindStringIndex(src[m[1]:]); c != nil {
					end = m[1] + c[0]
				}
				if !hasCSRFToken(src[m[1]:end]) {
					report(p, f, m[0], m[1], "POST form without {% csrf_token %}")
				}
			}
		}
	},
}

var safeFilter = regexp.MustCompile(`\|\s*(safe|safeseq|mark_safe)\b`)

// sanitizingFilter matches filters that clean HTML before |safe marks it.
var sanitizingFilter = regexp.MustCompile(`\|\s*(bleach|bleach_linkify|sanitize|sanitize_html|nh3)\b`)

// stringLiteral matches an expression that is one quoted string: markup
// the template author wrote, such as {{ "&nbsp;"|safe }}.
var stringLiteral = regexp.MustCompile(`^("[^"]*"|'[^']*')$`)

// unescapedValue reports whether an expression's filters mark a value
// safe that is neither a literal nor sanitized first.
func unescapedValue(body string) bool {
	loc := safeFilter.FindStringIndex(body)
	if loc == nil {
		return false
	}
	head := body[:loc[0]]
	value := strings.TrimSpace(head)
	if i := strings.IndexByte(value, '|'); i >= 0 {
		value = strings.TrimSpace(value[:i])
	}
	return !stringLiteral.MatchString(value) && !sanitizingFilter.MatchString(head)
}

// SafeFilter finds the safe filter on template variables.
var SafeFilter = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG718", Name: "template-safe-filter", CWE: []int{79},
		Severity: finding.Medium, Confidence: finding.LowConfidence,
		Summary:    "|safe filter on a template variable",
		Why:        "|safe switches off escaping for the value. If any part of it comes from users, their HTML and script run in other users' browsers.",
		Vulnerable: "<div class=\"comment\">{{ comment.body|safe }}</div>\n",
		Secure:     "<div class=\"comment\">{{ comment.body }}</div>\n",
		Fix:        "Let the template escape the value; if markup is needed, sanitize it (bleach, nh3) before marking it safe in code.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe", "https://cwe.mitre.org/data/definitions/79.html"},
		Tags:       []string{"template", "xss"},
	},
	Keeps: keepsNoUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, f := range p.Files {
			if notWebPage(f.Path) {
				continue
			}
			for _, t := range Tags(Masked(f.Src, false)) {
				if t.Kind == '{' && unescapedValue(t.Body) {
					report(p, f, t.Start, t.End, "{{ "+t.Body+" }} is not escaped")
				}
				if t.Kind == '%' && (strings.HasPrefix(t.Body, "filter safe") || strings.HasPrefix(t.Body, "filter mark_safe")) {
					report(p, f, t.Start, t.End, "{% "+t.Body+" %} turns off escaping for the block")
				}
			}
		}
	},
}

// AutoescapeOff finds autoescaping switched off in a template.
var AutoescapeOff = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG719", Name: "template-autoescape-off", CWE: []int{79},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary:    "{% autoescape off %} in a template",
		Why:        "Inside the block no variable is escaped, so any user text in it becomes HTML and script.",
		Vulnerable: "{% autoescape off %}\n<p>{{ profile.bio }}</p>\n{% endautoescape %}\n",
		Secure:     "<p>{{ profile.bio }}</p>\n",
		Fix:        "Remove the block; mark individual trusted values safe in code after sanitizing them.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/templates/builtins/#autoescape", "https://cwe.mitre.org/data/definitions/79.html"},
		Tags:       []string{"template", "xss"},
	},
	Keeps: keepsNoUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, f := range p.Files {
			if notWebPage(f.Path) {
				continue
			}
			for _, t := range Tags(Masked(f.Src, false)) {
				if t.Kind == '%' && (t.Body == "autoescape off" || t.Body == "autoescape false" || t.Body == "autoescape False") {
					report(p, f, t.Start, t.End, "autoescaping is turned off for this block")
				}
			}
		}
	},
}

// notWebPage reports a template that its name marks as plain text or
// mail (alert-body-text.html, password_reset_subject.txt,
// welcome_email.html): it is not shown in a browser, so unescaped values
// in it run no script there. Django's own password-reset mail template
// turns autoescaping off for this reason.
func notWebPage(path string) bool {
	base := strings.ToLower(path[strings.LastIndexByte(path, '/')+1:])
	if strings.HasSuffix(base, ".txt") {
		return true
	}
	for _, w := range strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		switch w {
		case "text", "txt", "plain", "subject", "email", "mail":
			return true
		}
	}
	return false
}

// Rules returns the template rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{CSRFMissing, SafeFilter, AutoescapeOff}
}

// keepsNoUnit is the Keeps of the template rules: they read template
// files, not Python trees.
func keepsNoUnit(*analysis.Unit) bool { return false }
