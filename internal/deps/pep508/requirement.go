// Package pep508 parses dependency specifiers (PEP 508: name, extras,
// version specifiers or a URL, environment markers), evaluates markers for
// a target environment and normalises project names (PEP 503). It follows
// the packaging library that pip vendors (packaging 24).
package pep508

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep440"
)

// Requirement is one parsed dependency specifier.
type Requirement struct {
	Name      string   // as written
	Extras    []string // as written, in order
	Specifier pep440.SpecifierSet
	// SpecifierText is the version part as written ("" when there is none).
	SpecifierText string
	URL           string // the "@ URL" direct reference, "" when none
	Marker        *Marker
}

// SyntaxError is a requirement or marker that does not parse; Pos is the
// byte offset of the problem.
type SyntaxError struct {
	Msg    string
	Source string
	Pos    int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s at column %d of %q", e.Msg, e.Pos+1, e.Source)
}

// NormalizeName is the PEP 503 normal form of a project name: lower case,
// each run of "-", "_" and "." replaced by one "-".
func NormalizeName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	if sep {
		b.WriteByte('-')
	}
	return b.String()
}

// ValidName reports whether name is a valid project name (PEP 508:
// letters, digits, ".", "-", "_", starting and ending with a letter or digit).
func ValidName(name string) bool {
	if name == "" || !isAlnum(name[0]) || !isAlnum(name[len(name)-1]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isAlnum(name[i]) && name[i] != '.' && name[i] != '-' && name[i] != '_' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isWord(c byte) bool { return isAlnum(c) || c == '_' }

// Parse parses a dependency specifier such as
// `requests[socks] >=2.31, <3 ; python_version >= "3.8"` or
// `pkg @ https://example.org/pkg.whl ; sys_platform == "linux"`.
func Parse(s string) (Requirement, error) {
	p := &scanner{src: s}
	r, err := p.requirement()
	if err != nil {
		return Requirement{}, err
	}
	return r, nil
}

type scanner struct {
	src string
	pos int
}

func (p *scanner) fail(msg string) error {
	return &SyntaxError{Msg: msg, Source: p.src, Pos: p.pos}
}

func (p *scanner) ws() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

func (p *scanner) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *scanner) atBoundary(i int) bool {
	before := i > 0 && isWord(p.src[i-1])
	after := i < len(p.src) && isWord(p.src[i])
	return before != after
}

// identifier reads [A-Za-z0-9][A-Za-z0-9._-]* ending at a word boundary.
func (p *scanner) identifier() (string, bool) {
	i := p.pos
	if i >= len(p.src) || !isAlnum(p.src[i]) || !p.atBoundary(i) {
		return "", false
	}
	j := i + 1
	for j < len(p.src) && (isAlnum(p.src[j]) || strings.IndexByte("._-", p.src[j]) >= 0) {
		j++
	}
	for j > i && !p.atBoundary(j) {
		j--
	}
	if j == i {
		return "", false
	}
	p.pos = j
	return p.src[i:j], true
}

func (p *scanner) requirement() (Requirement, error) {
	var r Requirement
	p.ws()
	name, ok := p.identifier()
	if !ok {
		return r, p.fail("expected package name at the start of dependency specifier")
	}
	r.Name = name
	p.ws()
	if p.peek() == '[' {
		p.pos++
		p.ws()
		if e, ok := p.identifier(); ok {
			r.Extras = append(r.Extras, e)
			for {
				p.ws()
				if _, ok := p.peekIdentifier(); ok {
					return r, p.fail("expected comma between extra names")
				}
				if p.peek() != ',' {
					break
				}
				p.pos++
				p.ws()
				e, ok := p.identifier()
				if !ok {
					return r, p.fail("expected extra name after comma")
				}
				r.Extras = append(r.Extras, e)
			}
		}
		p.ws()
		if p.peek() != ']' {
			return r, p.fail("expected matching ] for [ of extras")
		}
		p.pos++
	}
	p.ws()
	if p.peek() == '@' {
		p.pos++
		p.ws()
		start := p.pos
		for p.pos < len(p.src) && p.src[p.pos] != ' ' && p.src[p.pos] != '\t' {
			p.pos++
		}
		if p.pos == start {
			return r, p.fail("expected URL after @")
		}
		r.URL = p.src[start:p.pos]
		if p.pos == len(p.src) {
			return r, nil
		}
		p.ws()
		if p.pos == len(p.src) {
			return r, nil
		}
	} else {
		text, err := p.specifiers()
		if err != nil {
			return r, err
		}
		r.SpecifierText = text
		set, err := pep440.ParseSpecifierSet(text)
		if err != nil {
			return r, &SyntaxError{Msg: err.Error(), Source: p.src, Pos: p.pos}
		}
		r.Specifier = set
		p.ws()
		if p.pos == len(p.src) {
			return r, nil
		}
	}
	if p.peek() != ';' {
		return r, p.fail("expected end or semicolon")
	}
	p.pos++
	mstart := p.pos
	m, err := p.marker()
	if err != nil {
		return r, err
	}
	p.ws()
	if p.pos != len(p.src) {
		return r, p.fail("expected end of dependency specifier")
	}
	r.Marker = &Marker{expr: m, text: strings.TrimSpace(p.src[mstart:])}
	return r, nil
}

func (p *scanner) peekIdentifier() (string, bool) {
	save := p.pos
	s, ok := p.identifier()
	p.pos = save
	return s, ok
}

// specifiers reads `(spec, spec)` or `spec, spec`, returning the clauses
// joined as written without white space around commas.
func (p *scanner) specifiers() (string, error) {
	paren := p.peek() == '('
	if paren {
		p.pos++
		p.ws()
	}
	var b strings.Builder
	for {
		start := p.pos
		n := specifierLen(p.src[p.pos:])
		if n == 0 {
			break
		}
		p.pos += n
		b.WriteString(p.src[start:p.pos])
		if strings.HasPrefix(p.src[p.pos:], ".*") {
			return "", p.fail(".* suffix can only be used with == or != operators")
		}
		if p.peek() == '+' {
			return "", p.fail("local version label can only be used with == or != operators")
		}
		p.ws()
		if p.peek() != ',' {
			break
		}
		p.pos++
		b.WriteByte(',')
		p.ws()
	}
	if paren {
		p.ws()
		if p.peek() != ')' {
			return "", p.fail("expected matching ) for ( of version specifier")
		}
		p.pos++
	}
	return b.String(), nil
}

// specifierLen is the length of the longest specifier clause at the start
// of s, 0 if none starts there.
func specifierLen(s string) int {
	op := ""
	for _, o := range []string{"~=", "===", "==", "!=", "<=", ">=", "<", ">"} {
		if strings.HasPrefix(s, o) {
			op = o
			break
		}
	}
	if op == "" {
		return 0
	}
	i := len(op)
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v') {
		i++
	}
	if op == "===" {
		for i < len(s) && !strings.ContainsRune(" \t\n\r\f\v;)", rune(s[i])) {
			i++
		}
		return i
	}
	// The longest prefix of the rest that is a valid clause.
	end := i
	for end < len(s) && (isAlnum(s[end]) || strings.IndexByte("!.*+-_", s[end]) >= 0) {
		end++
	}
	for j := end; j > i; j-- {
		if _, err := pep440.ParseSpecifier(op + s[i:j]); err == nil {
			return j
		}
	}
	return 0
}
