package pep508

import (
	"errors"
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

// Marker is a parsed environment marker such as
// `python_version < "3.11" and sys_platform != "win32"`.
type Marker struct {
	expr node
	text string
}

// node is an "or" of "and" groups, or a comparison.
type node struct {
	or  [][]node // non-nil for a group
	cmp *comparison
}

type operand struct {
	variable string // canonical variable name, "" for a string
	value    string
}

type comparison struct {
	lhs, rhs operand
	op       string // "==", "<", ..., "in", "not in"
}

// ErrUndefined is wrapped when a marker cannot be evaluated (a version
// comparison on something that is not a version, "~=" on strings, two
// string literals compared).
var ErrUndefined = errors.New("undefined comparison")

// ParseMarker parses a marker expression on its own.
func ParseMarker(s string) (*Marker, error) {
	p := &scanner{src: s}
	n, err := p.marker()
	if err != nil {
		return nil, err
	}
	if p.pos != len(s) {
		return nil, p.fail("expected end of marker expression")
	}
	return &Marker{expr: n, text: strings.TrimSpace(s)}, nil
}

// String returns the marker as written.
func (m *Marker) String() string { return m.text }

func (p *scanner) keyword(w string) bool {
	if strings.HasPrefix(p.src[p.pos:], w) && p.atBoundary(p.pos) && p.atBoundary(p.pos+len(w)) {
		p.pos += len(w)
		return true
	}
	return false
}

// marker = atom (("and"|"or") atom)*, "and" binding tighter.
func (p *scanner) marker() (node, error) {
	groups := [][]node{{}}
	for {
		a, err := p.atom()
		if err != nil {
			return node{}, err
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], a)
		switch {
		case p.keyword("and"):
		case p.keyword("or"):
			groups = append(groups, []node{})
		default:
			return node{or: groups}, nil
		}
	}
}

func (p *scanner) atom() (node, error) {
	p.ws()
	if p.peek() == '(' {
		p.pos++
		p.ws()
		n, err := p.marker()
		if err != nil {
			return node{}, err
		}
		p.ws()
		if p.peek() != ')' {
			return node{}, p.fail("expected matching ) for ( of marker expression")
		}
		p.pos++
		p.ws()
		return n, nil
	}
	lhs, err := p.operand()
	if err != nil {
		return node{}, err
	}
	p.ws()
	var op string
	switch {
	case p.keyword("in"):
		op = "in"
	case p.keyword("not"):
		if p.peek() != ' ' && p.peek() != '\t' {
			return node{}, p.fail("expected whitespace after 'not'")
		}
		p.ws()
		if !p.keyword("in") {
			return node{}, p.fail("expected 'in' after 'not'")
		}
		op = "not in"
	default:
		for _, o := range []string{"===", "==", "~=", "!=", "<=", ">=", "<", ">"} {
			if strings.HasPrefix(p.src[p.pos:], o) {
				op = o
				p.pos += len(o)
				break
			}
		}
		if op == "" {
			return node{}, p.fail("expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in")
		}
	}
	p.ws()
	rhs, err := p.operand()
	if err != nil {
		return node{}, err
	}
	p.ws()
	return node{cmp: &comparison{lhs: lhs, rhs: rhs, op: op}}, nil
}

// variables maps each spelling the grammar accepts to its environment key.
var variables = []struct{ spelling, key string }{
	{"python_version", "python_version"},
	{"python_full_version", "python_full_version"},
	{"os_name", "os_name"}, {"os.name", "os_name"},
	{"sys_platform", "sys_platform"}, {"sys.platform", "sys_platform"},
	{"platform_release", "platform_release"},
	{"platform_system", "platform_system"},
	{"platform_version", "platform_version"}, {"platform.version", "platform_version"},
	{"platform_machine", "platform_machine"}, {"platform.machine", "platform_machine"},
	{"platform_python_implementation", "platform_python_implementation"},
	{"platform.python_implementation", "platform_python_implementation"},
	{"python_implementation", "platform_python_implementation"},
	{"implementation_name", "implementation_name"},
	{"implementation_version", "implementation_version"},
	{"extra", "extra"},
}

func (p *scanner) operand() (operand, error) {
	if q := p.peek(); q == '\'' || q == '"' {
		end := strings.IndexByte(p.src[p.pos+1:], q)
		if end < 0 {
			return operand{}, p.fail("unterminated string")
		}
		raw := p.src[p.pos+1 : p.pos+1+end]
		v, ok := unescape(raw, q)
		if !ok {
			return operand{}, p.fail("invalid escape in string")
		}
		p.pos += end + 2
		return operand{value: v}, nil
	}
	for _, v := range variables {
		if p.keyword(v.spelling) {
			return operand{variable: v.key}, nil
		}
	}
	return operand{}, p.fail("expected a marker variable or quoted string")
}

// unescape decodes the body of a marker's quoted string, which the
// reference implementation hands to literal_eval: a one-line literal
// without NUL, not ending in an escaped quote, with Python's escapes.
func unescape(body string, quote byte) (string, bool) {
	if strings.ContainsAny(body, "\n\r\x00") {
		return "", false
	}
	if !strings.Contains(body, `\`) {
		return body, true
	}
	trailing := len(body) - len(strings.TrimRight(body, `\`))
	if trailing%2 == 1 {
		return "", false // the closing quote is escaped: the literal never ends
	}
	v, err := parser.DecodeString(string(quote) + body + string(quote))
	return v, err == nil
}

// Environment is the target a marker is evaluated for, keyed by marker
// variable name (python_version, sys_platform, extra, ...).
type Environment map[string]string

// Evaluate reports whether the marker holds in env. A variable missing
// from env is "". Comparisons whose both sides parse as a version
// specifier compare as PEP 440 versions (pre-releases allowed), others as
// strings; "in" and "not in" test substrings; extra names compare in
// their PEP 503 form.
func (m *Marker) Evaluate(env Environment) (bool, error) {
	return m.expr.eval(env)
}

func (n node) eval(env Environment) (bool, error) {
	if n.cmp != nil {
		return n.cmp.eval(env)
	}
	for _, group := range n.or {
		all := true
		for _, item := range group {
			ok, err := item.eval(env)
			if err != nil {
				return false, err
			}
			if !ok {
				all = false
			}
		}
		if all {
			return true, nil
		}
	}
	return false, nil
}

func (c *comparison) eval(env Environment) (bool, error) {
	var lhs, rhs, key string
	if c.lhs.variable != "" {
		key = c.lhs.variable
		lhs, rhs = env[key], c.rhs.value
		if c.rhs.variable != "" {
			rhs = c.rhs.variable // the reference implementation compares with the name
		}
	} else {
		if c.rhs.variable == "" {
			return false, fmt.Errorf("%w: two strings (%q %s %q)", ErrUndefined, c.lhs.value, c.op, c.rhs.value)
		}
		key = c.rhs.variable
		lhs, rhs = c.lhs.value, env[key]
	}
	if key == "extra" {
		lhs, rhs = NormalizeName(lhs), NormalizeName(rhs)
	}
	if c.op != "in" && c.op != "not in" {
		if spec, err := pep440.ParseSpecifier(c.op + rhs); err == nil {
			v, err := pep440.Parse(lhs)
			if err != nil {
				return false, fmt.Errorf("%w: %s %q: %v", ErrUndefined, key, lhs, err)
			}
			return spec.Contains(v, pep440.PrereleasesAllow), nil
		}
	}
	switch c.op {
	case "in":
		return strings.Contains(rhs, lhs), nil
	case "not in":
		return !strings.Contains(rhs, lhs), nil
	case "==":
		return lhs == rhs, nil
	case "!=":
		return lhs != rhs, nil
	case "<":
		return lhs < rhs, nil
	case "<=":
		return lhs <= rhs, nil
	case ">":
		return lhs > rhs, nil
	case ">=":
		return lhs >= rhs, nil
	}
	return false, fmt.Errorf("%w: %s on strings %q and %q", ErrUndefined, c.op, lhs, rhs)
}
