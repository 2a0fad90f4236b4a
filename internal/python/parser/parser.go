// Package parser reads Python source into the syntax tree of package ast,
// accepting what CPython 3.13 accepts (plus the 3.14 additions: t-strings
// and `except A, B:` without parentheses), rejecting what it rejects with
// CPython's messages and positions, and giving every node CPython's span.
//
// The parser is a recursive descent over the token stream of package
// scanner that follows CPython's PEG grammar (Grammar/python.gram) rule by
// rule, with backtracking only where the grammar needs it: soft keywords,
// parenthesised with-items, and targets that are read as expressions first.
// Node spans are taken from the first and last tokens a rule consumed, as
// CPython's EXTRA macro does.
//
// After a syntax error the parser records it, skips to the start of the next
// statement and goes on, so Result.Module holds the statements before and
// after the error. The first error in Result.Errors is the one CPython
// reports. The parser never panics on any input.
package parser

import (
	"errors"
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/scanner"
	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
	"golang.org/x/text/unicode/norm"
)

// Error kinds, named as CPython's exception classes.
const (
	KindSyntax      = "SyntaxError"
	KindIndentation = "IndentationError"
	KindTab         = "TabError"
)

// Error is one syntax error with CPython's message and location.
type Error struct {
	Pos             int32  // byte offset in Result.File.Src, or -1
	Line, Col       int    // CPython's lineno and offset (1-based)
	EndLine, EndCol int    // CPython's end_lineno and end_offset, or 0
	Msg             string // CPython's message
	Kind            string // KindSyntax, KindIndentation or KindTab
}

func (e Error) Error() string {
	return fmt.Sprintf("line %d:%d: %s: %s", e.Line, e.Col, e.Kind, e.Msg)
}

// Result is what ParseFile returns.
type Result struct {
	File     *token.File   // decoded text and line table; nil only if decoding failed
	Module   *ast.Module   // never nil
	Comments []token.Token // COMMENT tokens in source order
	Errors   []Error       // empty for valid source; the first is CPython's
}

// ParseFile decodes raw file contents (BOM, PEP 263 cookie, newlines) and
// parses them.
func ParseFile(filename string, raw []byte) *Result {
	return ParseFileWith(filename, raw, nil)
}

// Buffers is scratch storage that a goroutine parsing one file after
// another reuses (the tokens of the file being parsed); the trees do not
// point into it. It also keeps the identifiers read so far, so that the
// trees of its files share one copy of each.
type Buffers struct {
	scan   scanner.Buffers
	names  map[string]string
	recent *nameCache
}

// nameCache holds identifiers recently interned, by a hash of their
// length and a few bytes: most identifiers are found there without a
// lookup in the whole table.
type nameCache [2048]string

func (c *nameCache) slot(b []byte) *string {
	n := len(b)
	h := uint(n)*0x9E3779B1 ^ uint(b[0])<<7 ^ uint(b[n>>1])<<3 ^ uint(b[n-1])*0x45D9F3B
	return &c[(h^h>>11)%uint(len(c))]
}

// maxSharedNames bounds the identifiers a Buffers keeps; past it they
// are dropped and collected anew.
const maxSharedNames = 1 << 16

// ParseFileWith is ParseFile with scratch storage from b (nil: fresh).
func ParseFileWith(filename string, raw []byte, b *Buffers) *Result {
	var sb *scanner.Buffers
	var names map[string]string
	var recent *nameCache
	if b != nil {
		sb = &b.scan
		if b.names == nil || len(b.names) > maxSharedNames {
			b.names = make(map[string]string, 1024)
		}
		if b.recent == nil {
			b.recent = new(nameCache)
		}
		names, recent = b.names, b.recent
	}
	text, err := source.Decode(raw)
	if err != nil {
		res := &Result{Module: &ast.Module{}}
		e := Error{Pos: -1, Line: 1, Col: 0, Msg: err.Error(), Kind: KindSyntax}
		var se *source.Error
		if errors.As(err, &se) {
			e.Line, e.Col, e.Msg = se.Line, se.Col, se.Msg
		}
		res.Errors = append(res.Errors, e)
		return res
	}
	f := token.NewFile(filename, text)
	res, serrs := parse(f, sb, names, recent)
	recoverUnclosed(f, res, serrs, sb, names, recent)
	return res
}

// recoverUnclosed re-reads a file in which a bracket is never closed: the
// scanner then joins every later line into one, so nothing after the
// bracket would be analysed. The bracket is blanked out (offsets do not
// move) and the file parsed again for its tree; the errors stay those of
// the real text.
func recoverUnclosed(f *token.File, res *Result, errs []scanner.Error, sb *scanner.Buffers, names map[string]string, recent *nameCache) {
	src := f.Src
	for round := 0; round < 64; round++ {
		pos := -1
		for _, e := range errs {
			if strings.HasSuffix(e.Msg, "' was never closed") && e.Pos >= 0 && e.Pos < len(src) {
				pos = e.Pos
				break
			}
		}
		if pos < 0 {
			return
		}
		if c := src[pos]; c != '(' && c != '[' && c != '{' {
			return
		}
		if round == 0 {
			src = append([]byte(nil), src...)
		}
		src[pos] = ' '
		again, serrs := parse(token.NewFile(f.Name, src), sb, names, recent)
		res.Module = again.Module
		errs = serrs
	}
}

// ParseString parses source text that is already decoded.
func ParseString(filename, src string) *Result {
	return ParseFile(filename, []byte(src))
}

// maxDepth bounds the parser's recursion, as CPython's MAXSTACK does.
const maxDepth = 3000

// bailout unwinds the parser to the statement loop after a syntax error.
type bailout struct{}

type parser struct {
	file *token.File
	src  []byte
	toks []token.Token
	p    int // index of the current token

	comments []token.Token
	names    map[string]string // identifiers read so far, so that each is stored once
	recent   *nameCache        // the last identifiers found or added in names, or nil

	errs     []Error
	scanErrs []scanner.Error
	// furthest is the largest token index the parser has looked at; CPython
	// reports a plain "invalid syntax" there.
	furthest int
	depth    int
	// speculating counts nested speculative parses; errors raised inside
	// one are not recorded.
	speculating int

	inFunc  int // > 0 inside a def body
	inAsync int

	// Storage for the most frequent nodes, allocated a chunk at a time.
	nameNodes slab[ast.Name]
	attrNodes slab[ast.Attribute]
	callNodes slab[ast.Call]
}

// slab hands out zeroed values of T from chunks that grow with the
// number handed out so far (from 8 to 64), so that the most frequent
// nodes of a file take a few allocations instead of one each. The nodes
// of one tree live and die together.
type slab[T any] struct {
	free []T
	n    int
}

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = make([]T, min(max(s.n, 8), 64))
	}
	x := &s.free[0]
	s.free = s.free[1:]
	s.n++
	return x
}

// parse reads f; names (nil: a new map) interns its identifiers, with
// recent (nil: none) in front of it.
func parse(f *token.File, sb *scanner.Buffers, names map[string]string, recent *nameCache) (res *Result, serrs []scanner.Error) {
	res = &Result{File: f, Module: &ast.Module{}}
	toks, scanErrs := scanner.ScanWith(f, scanner.ScanComments, sb)
	serrs = scanErrs
	p := &parser{file: f, src: f.Src, scanErrs: scanErrs, names: names, recent: recent}
	// Comments and NL tokens are filtered out in place: the parser reads
	// only the rest.
	p.toks = toks[:0]
	for _, t := range toks {
		switch t.Kind {
		case token.COMMENT:
			res.Comments = append(res.Comments, t)
			p.comments = append(p.comments, t)
		case token.NL:
		default:
			p.toks = append(p.toks, t)
		}
	}
	if len(p.toks) == 0 || p.toks[len(p.toks)-1].Kind != token.ENDMARKER {
		n := int32(len(f.Src))
		p.toks = append(p.toks, token.Token{Kind: token.ENDMARKER, Pos: n, End: n})
	}
	defer func() {
		if r := recover(); r != nil {
			// Last resort: an internal fault must not take the caller down.
			if _, ok := r.(bailout); !ok {
				p.errs = append(p.errs, p.makeError(p.cur(), "internal parser error", KindSyntax))
			}
			res.Errors = p.finishErrors()
		}
	}()
	res.Module.Body = p.fileBody()
	res.Module.SetSpan(0, len(f.Src))
	res.Errors = p.finishErrors()
	return res, serrs
}

// ---------------------------------------------------------------------------
// Token access

func (p *parser) cur() token.Token {
	if p.p > p.furthest {
		p.furthest = p.p
	}
	return p.toks[p.p]
}

func (p *parser) kind() token.Kind { return p.cur().Kind }

func (p *parser) peekKind(n int) token.Kind {
	i := p.p + n
	if i >= len(p.toks) {
		return token.ENDMARKER
	}
	if i > p.furthest {
		p.furthest = i
	}
	return p.toks[i].Kind
}

func (p *parser) peek(n int) token.Token {
	i := p.p + n
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	if i > p.furthest {
		p.furthest = i
	}
	return p.toks[i]
}

func (p *parser) text(t token.Token) string { return string(p.src[t.Pos:t.End]) }

// name is the identifier a NAME token spells, NFKC-normalised as CPython
// does for non-ASCII identifiers.
func (p *parser) name(t token.Token) string {
	b := p.src[t.Pos:t.End]
	for _, c := range b {
		if c >= 0x80 {
			return norm.NFKC.String(string(b))
		}
	}
	var slot *string
	if p.recent != nil && len(b) > 0 {
		slot = p.recent.slot(b)
		if *slot == string(b) {
			return *slot
		}
	}
	s, ok := p.names[string(b)]
	if !ok {
		if p.names == nil {
			p.names = map[string]string{}
		}
		s = string(b)
		p.names[s] = s
	}
	if slot != nil {
		*slot = s
	}
	return s
}

// is reports whether the current token is the NAME kw (a keyword or soft
// keyword spelled kw).
func (p *parser) is(kw string) bool {
	t := p.cur()
	return t.Kind == token.NAME && int(t.End-t.Pos) == len(kw) && string(p.src[t.Pos:t.End]) == kw
}

func (p *parser) isAt(n int, kw string) bool {
	t := p.peek(n)
	return t.Kind == token.NAME && int(t.End-t.Pos) == len(kw) && string(p.src[t.Pos:t.End]) == kw
}

// isName reports whether the current token is a NAME that is not a hard
// keyword.
func (p *parser) isName() bool {
	t := p.cur()
	return t.Kind == token.NAME && !token.Keywords[p.text(t)]
}

func (p *parser) isNameAt(n int) bool {
	t := p.peek(n)
	return t.Kind == token.NAME && !token.Keywords[p.text(t)]
}

func (p *parser) next() token.Token {
	t := p.cur()
	if t.Kind != token.ENDMARKER {
		p.p++
	}
	return t
}

// prevEnd is the end of the last consumed token other than NEWLINE,
// INDENT and DEDENT, where CPython ends a node.
func (p *parser) prevEnd() int {
	for i := p.p - 1; i >= 0; i-- {
		switch p.toks[i].Kind {
		case token.NEWLINE, token.INDENT, token.DEDENT:
			continue
		}
		return int(p.toks[i].End)
	}
	return 0
}

func (p *parser) got(k token.Kind) bool {
	if p.kind() == k {
		p.next()
		return true
	}
	return false
}

func (p *parser) gotKw(kw string) bool {
	if p.is(kw) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(k token.Kind, what string) token.Token {
	if p.kind() != k {
		p.expected(what)
	}
	return p.next()
}

func (p *parser) expectKw(kw string) token.Token {
	if !p.is(kw) {
		p.expected("'" + kw + "'")
	}
	return p.next()
}

func (p *parser) expectName() token.Token {
	if !p.isName() {
		p.syntaxError()
	}
	return p.next()
}

// ---------------------------------------------------------------------------
// Errors

func (p *parser) makeError(t token.Token, msg, kind string) Error {
	line, col := p.file.Position(int(t.Pos))
	e := Error{Pos: t.Pos, Line: line, Col: p.file.CharColumn(int(t.Pos)), Msg: msg, Kind: kind}
	_ = col
	if t.End > t.Pos {
		el, _ := p.file.Position(int(t.End))
		e.EndLine, e.EndCol = el, p.file.CharColumn(int(t.End))
	} else {
		e.EndLine, e.EndCol = e.Line, e.Col
	}
	return e
}

// errorRange records an error spanning [pos, end) and unwinds.
func (p *parser) errorRange(pos, end int, msg string) {
	if p.speculating == 0 {
		e := p.makeError(token.Token{Pos: int32(pos), End: int32(end)}, msg, KindSyntax)
		p.errs = append(p.errs, e)
	}
	panic(bailout{})
}

// errorAt records an error at a token and unwinds.
func (p *parser) errorAt(t token.Token, msg string) {
	p.errorRange(int(t.Pos), int(t.End), msg)
}

// errorNode records an error spanning a node and unwinds.
func (p *parser) errorNode(n ast.Node, msg string) {
	p.errorRange(n.Pos(), n.End(), msg)
}

// syntaxError reports CPython's generic "invalid syntax" at the current
// token.
func (p *parser) syntaxError() {
	t := p.cur()
	switch t.Kind {
	case token.INDENT:
		p.indentError(t, "unexpected indent")
	case token.DEDENT:
		p.indentError(t, "unexpected unindent")
	case token.ENDMARKER:
		p.errorRange(int(t.Pos), int(t.Pos), "invalid syntax")
	}
	p.errorAt(t, "invalid syntax")
}

func (p *parser) indentError(t token.Token, msg string) {
	if p.speculating == 0 {
		e := p.makeError(t, msg, KindIndentation)
		if t.Kind == token.INDENT {
			// CPython points at the first token after the indentation.
			nt := p.peek(1)
			e = p.makeError(token.Token{Pos: nt.Pos, End: nt.End}, msg, KindIndentation)
			e.Col--
		}
		p.errs = append(p.errs, e)
	}
	panic(bailout{})
}

func (p *parser) expected(what string) {
	t := p.cur()
	if t.Kind == token.INDENT || t.Kind == token.DEDENT {
		p.syntaxError()
	}
	if what == "':'" {
		// CPython reports "expected ':'" at the token where the colon
		// was due, spanning the previous token.
		p.errorAt(t, "expected ':'")
	}
	p.syntaxError()
}

// speculate runs f; if it raises a syntax error, the position is restored
// and false returned, with no error recorded.
func (p *parser) speculate(f func()) (ok bool) {
	save := p.p
	p.speculating++
	defer func() {
		p.speculating--
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			p.p = save
			ok = false
		}
	}()
	f()
	return true
}

// enter guards recursion depth.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.depth = 0
		t := p.cur()
		if p.speculating == 0 {
			// CPython raises MemoryError with this text when its parser
			// stack overflows.
			e := p.makeError(t, "Parser stack overflowed - Python source too complex to parse", KindSyntax)
			p.errs = append(p.errs, e)
		}
		panic(bailout{})
	}
}

func (p *parser) leave() { p.depth-- }

// finishErrors orders the parser's and the scanner's errors the way
// CPython reports them: a tokenizer error met before the parser failed
// wins, and so does an immediate tokenizer error after it.
func (p *parser) finishErrors() []Error {
	var out []Error
	var first *scanner.Error
	if len(p.scanErrs) > 0 {
		first = &p.scanErrs[0]
	}
	if first != nil {
		se := Error{Pos: int32(first.Pos), Line: first.Line, Col: first.Col, Msg: first.Msg, Kind: first.Kind}
		if len(p.errs) == 0 {
			out = append(out, se)
		} else {
			pe := p.errs[0]
			unclosed := strings.HasSuffix(first.Msg, "' was never closed")
			switch {
			case unclosed:
				if first.Line < pe.Line || pe.Msg == "internal parser error" {
					out = append(out, se)
				}
			case first.Pos <= int(pe.Pos) || first.Immediate() || pe.Msg == "internal parser error":
				out = append(out, se)
			}
		}
	}
	out = append(out, p.errs...)
	for i := 1; i < len(p.scanErrs); i++ {
		se := p.scanErrs[i]
		out = append(out, Error{Pos: int32(se.Pos), Line: se.Line, Col: se.Col, Msg: se.Msg, Kind: se.Kind})
	}
	return out
}
