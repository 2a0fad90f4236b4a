// Package scanner splits decoded Python source into tokens the way
// CPython 3.13's tokenizer does (the C tokenizer its parser reads, with
// PEP 701 f-strings) plus PEP 750 t-strings as CPython 3.14 reads them.
// It reproduces CPython's INDENT/DEDENT and NEWLINE rules and its error
// messages and positions. The input is text from source.Decode: UTF-8 (bad
// bytes are judged here, as CPython judges them per token) with "\n" line
// ends.
//
// Token spans, as byte offsets into the text:
//   - NEWLINE covers its "\n"; the newline CPython adds at the end of a
//     file that lacks one is an empty NEWLINE at len(text).
//   - INDENT runs from the start of the line to its first token; DEDENT is
//     empty, at the first token of the line; at the end of the file the
//     DEDENTs and ENDMARKER are empty at len(text).
//   - Keywords are NAME tokens; every operator has its own kind; '!' is
//     EXCLAMATION everywhere, "<>" is NOTEQUAL (the parser rejects it).
//   - A string literal other than an f- or t-string is one STRING token,
//     prefix and quotes included.
//   - An f-string is FSTRING_START (prefix and quotes), then FSTRING_MIDDLE
//     literal parts and the ordinary tokens of its replacement fields, then
//     FSTRING_END; t-strings use the TSTRING kinds. As in CPython, "{{" and
//     "}}" end a FSTRING_MIDDLE that keeps one brace of the pair (the second
//     is skipped), a "\N{...}" escape ends one, and a FSTRING_MIDDLE may
//     be empty (before the '}' that closes a format spec, for one).
//   - Characters that start no token but that CPython's tokenizer passes
//     on to its parser (such as '$' or '?') are ILLEGAL tokens without an
//     error: CPython's parser reports them as "invalid syntax".
//
// The scanner never stops early: after an error it records it, recovers
// and goes on, so that the parser can still read the rest of the file: an
// invalid character or name becomes an ILLEGAL token, a malformed literal
// keeps its kind, an unterminated string runs to the end of its line (or
// of the file). At most 100 errors are recorded. A NUL byte is reported
// first of all, as CPython rejects such text before tokenizing it. The first error is the one CPython's
// tokenizer raises first; Error.Immediate tells how it ranks against the
// parser's own errors. Invalid UTF-8 inside a string literal is not a
// tokenizer error in CPython; StringError reports it for the parser.
package scanner

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// Mode selects optional behaviour of Scan.
type Mode uint

const (
	// ScanComments also emits COMMENT tokens and NL tokens (newlines that
	// end no logical line), as Python's tokenize module shows them.
	ScanComments Mode = 1 << iota
)

// Error kinds, named as CPython's exception classes.
const (
	KindSyntax      = "SyntaxError"
	KindIndentation = "IndentationError"
	KindTab         = "TabError"
)

// Error is one tokenizer error with CPython's message and location.
type Error struct {
	Pos  int    // byte offset in the decoded text
	Line int    // CPython's lineno
	Col  int    // CPython's 1-based offset as SyntaxError.offset reports it
	Msg  string // CPython's message
	Kind string // "SyntaxError", "IndentationError" or "TabError"

	inFString bool // raised inside an f- or t-string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d:%d: %s: %s", e.Line, e.Col, e.Kind, e.Msg)
}

// Immediate reports whether this error, met after a parser error,
// replaces it in CPython's report. After a parser error CPython tokenizes
// the rest of the file and stops at the first tokenizer error: an error
// its tokenizer raises at once, outside any f-string, replaces the parser
// error (Immediate is true). Otherwise (bad indentation, TabError, a bad
// line continuation, an unexpected end of file, an unclosed bracket, or any
// error inside an f-string) the parser error stands, except that CPython
// then reports "'(' was never closed" for a bracket still open that was
// opened on a line before the parser error's line.
func (e *Error) Immediate() bool {
	switch {
	case e.inFString, e.Kind != KindSyntax,
		e.Msg == "unexpected character after line continuation character",
		e.Msg == "unexpected EOF while parsing",
		strings.HasSuffix(e.Msg, "' was never closed"):
		return false
	}
	return true
}

// Limits of CPython's tokenizer.
const (
	maxLevel        = 200 // nested brackets (MAXLEVEL)
	maxIndent       = 100 // indentation levels (MAXINDENT)
	maxFStringLevel = 150 // nested f-strings (MAXFSTRINGLEVEL)
	maxExprNesting  = 3   // nested replacement fields in format specs
	tabSize         = 8
	maxErrors       = 100 // errors recorded per file; scanning goes on silently after
)

// eof is the sentinel byte after the text; a NUL inside the text is told
// apart by its offset.
const eof = 0

type paren struct {
	ch  byte
	pos int
}

// fstring is the state of one open f-string or t-string, CPython's
// tokenizer_mode.
type fstring struct {
	start          int // offset of the prefix
	quote          byte
	quoteSize      int
	raw            bool
	template       bool // a t-string
	regular        bool // scanning a replacement field, not literal text
	inFormatSpec   bool
	curlyDepth     int
	exprStartDepth int
	parenBase      int // len(parens) when the string began
}

type scanner struct {
	file *token.File
	buf  []byte // the text, an implicit final "\n" if it lacks one, then eof
	n    int    // len(buf) without the eof sentinel
	size int    // len(file.Src)
	mode Mode

	toks []token.Token
	errs []Error

	pos        int
	atBOL      bool
	indents    []int
	altIndents []int
	parens     []paren
	fstrings   []fstring
	// bufStart is where CPython's line buffer starts: the first line of a
	// logical line joined by backslashes or of a multi-line token.
	bufStart    int
	sawNullByte bool
}

// Scan tokenizes the whole file. It never panics and never stops early.
func Scan(f *token.File, mode Mode) ([]token.Token, []Error) {
	return ScanWith(f, mode, nil)
}

// Buffers is storage that a goroutine scanning one file after another
// reuses: the scanner's copy of the text and the token list. The tokens
// ScanWith returns live in it until the next call.
type Buffers struct {
	text []byte
	toks []token.Token
}

// ScanWith is Scan with storage from b (nil: fresh storage).
func ScanWith(f *token.File, mode Mode, b *Buffers) ([]token.Token, []Error) {
	src := f.Src
	var buf []byte
	var toks []token.Token
	if b != nil {
		if cap(b.text) < len(src)+2 {
			b.text = make([]byte, 0, len(src)+len(src)/4+2)
		}
		buf = b.text[:len(src)]
		if cap(b.toks) < len(src)/4+8 {
			b.toks = make([]token.Token, 0, len(src)/4+len(src)/16+8)
		}
		toks = b.toks[:0]
	} else {
		buf = make([]byte, len(src), len(src)+2)
		toks = make([]token.Token, 0, len(src)/4+8)
	}
	copy(buf, src)
	if len(buf) > 0 && buf[len(buf)-1] != '\n' {
		buf = append(buf, '\n')
	}
	n := len(buf)
	buf = append(buf, eof)
	s := &scanner{
		file:       f,
		buf:        buf,
		n:          n,
		size:       len(src),
		mode:       mode,
		toks:       toks,
		atBOL:      true,
		indents:    make([]int, 1, 16),
		altIndents: make([]int, 1, 16),
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		// CPython rejects such text before it tokenizes anything.
		s.nullByte(i)
	}
	for {
		if k := len(s.fstrings); k > 0 && !s.fstrings[k-1].regular {
			s.scanFString(&s.fstrings[k-1])
			continue
		}
		if s.scanNormal() {
			break
		}
	}
	if b != nil {
		b.text = buf[:0]
		b.toks = s.toks[:0]
	}
	return s.toks, s.errs
}

// emitWithin appends a token that lies within the text for sure.
func (s *scanner) emitWithin(k token.Kind, pos, end int) {
	s.toks = append(s.toks, token.Token{Kind: k, Pos: int32(pos), End: int32(end)})
}

// emit appends a token, clamping it to the text: the newline CPython adds
// at the end of a file has no bytes.
func (s *scanner) emit(k token.Kind, pos, end int) {
	if end > s.size {
		end = s.size
	}
	if pos > end {
		pos = end
	}
	s.toks = append(s.toks, token.Token{Kind: k, Pos: int32(pos), End: int32(end)})
}

// lineOf returns the 1-based line of off and that line's start offset.
func (s *scanner) lineOf(off int) (int, int) {
	if off > s.size {
		off = s.size
	}
	line := s.file.Line(off)
	return line, s.file.LineStart(line)
}

// chars counts characters between two offsets as CPython does after
// decoding with errors="replace": an invalid sequence counts as one.
// It serves error positions only, and stops counting once no more errors
// are recorded, so that a file full of errors still scans in linear time.
func (s *scanner) chars(from, to int) int {
	if len(s.errs) >= maxErrors {
		return 0
	}
	if to > s.n {
		to = s.n
	}
	count := 0
	for i := from; i < to; count++ {
		size, _ := s.element(i, to)
		i += size
	}
	return count
}

// element measures the character at i (before end) as CPython's decoder
// with errors="replace" sees it: its size in bytes, and whether it is
// replaced by U+FFFD, which covers a whole invalid sequence.
func (s *scanner) element(i, end int) (size int, replaced bool) {
	c := s.buf[i]
	if c < 0x80 {
		return 1, false
	}
	r, size := utf8.DecodeRune(s.buf[i:end])
	if r != utf8.RuneError || size > 1 {
		return size, false
	}
	_, n, _ := source.InvalidUTF8(s.buf[i:min(i+4, end)])
	if n < 1 {
		n = 1
	}
	return n, true
}

func (s *scanner) addError(pos, line, col int, kind, msg string) {
	if len(s.errs) >= maxErrors {
		return
	}
	s.errs = append(s.errs, Error{Pos: pos, Line: line, Col: col, Msg: msg, Kind: kind,
		inFString: len(s.fstrings) > 0})
}

// errorAtCur reports an error the way CPython's _PyTokenizer_syntaxerror
// does: on the current line, with the offset counting the characters from
// the line start to the cursor.
func (s *scanner) errorAtCur(cur int, msg string) {
	at := cur
	if at > 0 && at <= s.n && s.buf[at-1] == '\n' {
		at-- // CPython counts the next line only once it reads from it
	}
	line, ls := s.lineOf(at)
	s.addError(cur, line, s.chars(ls, cur), KindSyntax, msg)
}

// pegenCol converts a byte offset the way CPython's parser does when it
// places an error: it applies the offset want, in bytes, to the text of
// the line buffer that starts at base, decoded with every invalid sequence
// replaced by U+FFFD (three bytes in UTF-8), and counts the characters
// before it. On valid UTF-8 within one line this is plain character
// counting.
func (s *scanner) pegenCol(base, want int) int {
	if len(s.errs) >= maxErrors {
		return 0
	}
	bytes, count := 0, 0
	for i := base; bytes < want && i < s.n; count++ {
		size, replaced := s.element(i, s.n)
		if replaced {
			bytes += 3
		} else {
			bytes += size
		}
		i += size
	}
	return count
}

// errorAtStart reports an error at a token's first character the way
// CPython's parser does (a 1-based offset one past its column).
func (s *scanner) errorAtStart(pos int, kind, msg string) {
	line, ls := s.lineOf(pos)
	s.addError(pos, line, s.pegenCol(ls, pos+1-ls), kind, msg)
}

// identChars marks the bytes that may continue an identifier (any byte of
// a non-ASCII character counts; verifyIdentifier judges those).
var identChars = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isIdentChar(byte(c))
	}
	return t
}()

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isIdentChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanNormal scans one token (with the indentation and blank lines before
// it) in regular mode. It reports true after ENDMARKER.
func (s *scanner) scanNormal() bool {
	b := s.buf
	blank := false
	for {
		if s.atBOL {
			blank = s.indentation()
		}
		// Skip spaces.
		for b[s.pos] == ' ' || b[s.pos] == '\t' || b[s.pos] == '\f' {
			s.pos++
		}
		start := s.pos
		c := b[start]
		if c == '#' {
			s.pos++
			for b[s.pos] != '\n' && !(b[s.pos] == eof && s.pos >= s.n) {
				s.pos++
			}
			if s.mode&ScanComments != 0 {
				s.emit(token.COMMENT, start, s.pos)
			}
			start = s.pos
			c = b[start]
		}
		if c == '\n' {
			s.pos++
			s.atBOL = true
			s.bufStart = s.pos
			if blank || len(s.parens) > 0 {
				if s.mode&ScanComments != 0 {
					s.emit(token.NL, start, start+1)
				}
				blank = false
				continue
			}
			s.emit(token.NEWLINE, start, start+1)
			return false
		}
		if c == '\\' {
			if !s.continuation(start) {
				if s.pos >= s.n {
					return s.endOfFile()
				}
			}
			continue
		}
		if c == eof && s.pos >= s.n {
			return s.endOfFile()
		}
		s.scanToken(start, c)
		return false
	}
}

// continuation handles a backslash at start. It reports whether it was a
// proper line continuation.
func (s *scanner) continuation(start int) bool {
	b := s.buf
	if b[start+1] != '\n' {
		// CPython: offset of the character after the backslash, plus one,
		// counted from the start of its line buffer.
		line, _ := s.lineOf(start)
		s.addError(start, line, s.pegenCol(s.bufStart, start+2-s.bufStart), KindSyntax,
			"unexpected character after line continuation character")
		s.pos = start + 1
		return false
	}
	s.pos = start + 2
	if s.pos >= s.n {
		line, ls := s.lineOf(start)
		s.addError(start, line, s.chars(ls, start)+2, KindSyntax, "unexpected EOF while parsing")
		return false
	}
	return true
}

// indentation measures the indentation of a new line, checks it against
// the stack and emits INDENT or DEDENT tokens. It reports whether the line
// is blank (only whitespace and maybe a comment).
func (s *scanner) indentation() bool {
	b := s.buf
	s.atBOL = false
	lineStart := s.pos
	col, altcol, contCol := 0, 0, 0
	for {
		c := b[s.pos]
		switch c {
		case ' ':
			col++
			altcol++
		case '\t':
			col = (col/tabSize + 1) * tabSize
			altcol++
		case '\f':
			col, altcol = 0, 0
		case '\\':
			if contCol == 0 {
				contCol = col
			}
			if s.continuation(s.pos) {
				lineStart = s.pos // INDENT starts on the line it indents
				continue
			}
			if s.pos >= s.n {
				goto measured
			}
			continue // reported; the backslash is skipped
		default:
			goto measured
		}
		s.pos++
	}
measured:
	c := b[s.pos]
	if c == '#' || c == '\n' {
		return true
	}
	if len(s.parens) > 0 {
		return false
	}
	if c == eof && s.pos >= s.n {
		col, altcol = 0, 0
	}
	if contCol != 0 {
		col, altcol = contCol, contCol
	}
	top := len(s.indents) - 1
	switch {
	case col == s.indents[top]:
		if altcol != s.altIndents[top] {
			s.tabError()
		}
	case col > s.indents[top]:
		if len(s.indents) >= maxIndent {
			s.indentError("too many levels of indentation", KindIndentation)
			return false
		}
		if altcol <= s.altIndents[top] {
			s.tabError()
		}
		s.indents = append(s.indents, col)
		s.altIndents = append(s.altIndents, altcol)
		s.emit(token.INDENT, lineStart, s.pos)
	default:
		for top > 0 && col < s.indents[top] {
			top--
			s.emit(token.DEDENT, s.pos, s.pos)
		}
		s.indents = s.indents[:top+1]
		s.altIndents = s.altIndents[:top+1]
		if col != s.indents[top] {
			// CPython points past the end of the offending line.
			line, ls := s.lineOf(s.pos)
			end := s.pos
			for end < s.n && s.buf[end] != '\n' {
				end++
			}
			s.addError(s.pos, line, s.pegenCol(ls, end+1-ls), KindIndentation,
				"unindent does not match any outer indentation level")
		} else if altcol != s.altIndents[top] {
			s.tabError()
		}
	}
	return false
}

func (s *scanner) tabError() {
	s.indentError("inconsistent use of tabs and spaces in indentation", KindTab)
}

func (s *scanner) indentError(msg, kind string) {
	line, _ := s.lineOf(s.pos)
	s.addError(s.pos, line, 1, kind, msg)
}

// endOfFile reports unclosed brackets and strings, closes the indentation
// and emits ENDMARKER.
func (s *scanner) endOfFile() bool {
	if k := len(s.parens); k > 0 {
		p := s.parens[k-1]
		s.errorAtStart(p.pos, KindSyntax, fmt.Sprintf("'%c' was never closed", p.ch))
		s.parens = s.parens[:0]
	}
	s.fstrings = s.fstrings[:0]
	end := s.size
	for i := len(s.indents) - 1; i > 0; i-- {
		s.emit(token.DEDENT, end, end)
	}
	s.indents = s.indents[:1]
	s.altIndents = s.altIndents[:1]
	s.emit(token.ENDMARKER, end, end)
	return true
}

// scanToken scans one token that starts with c at start.
func (s *scanner) scanToken(start int, c byte) {
	b := s.buf
	switch {
	case isIdentStart(c):
		s.scanNameOrString(start)
		return
	case isDigit(c):
		s.scanNumber(start)
		return
	case c == '.':
		if isDigit(b[start+1]) {
			s.scanNumber(start)
			return
		}
		if b[start+1] == '.' && b[start+2] == '.' {
			s.pos = start + 3
			s.emit(token.ELLIPSIS, start, s.pos)
			return
		}
		s.pos = start + 1
		s.emit(token.DOT, start, s.pos)
		return
	case c == '"' || c == '\'':
		s.scanString(start, start)
		return
	}
	s.scanOperator(start, c)
}

// scanNameOrString scans an identifier or keyword, or a string literal
// whose prefix letters begin at start.
func (s *scanner) scanNameOrString(start int) {
	b := s.buf
	i := start
	var sawB, sawR, sawU, sawF, sawT bool
	for {
		c := b[i]
		switch {
		case !(sawB || sawU || sawF || sawT) && (c == 'b' || c == 'B'):
			sawB = true
		case !(sawB || sawU || sawR || sawF || sawT) && (c == 'u' || c == 'U'):
			sawU = true
		case !(sawR || sawU) && (c == 'r' || c == 'R'):
			sawR = true
		case !(sawF || sawB || sawU || sawT) && (c == 'f' || c == 'F'):
			sawF = true
		case !(sawT || sawB || sawU || sawF) && (c == 't' || c == 'T'):
			sawT = true
		default:
			goto name
		}
		i++
		if q := b[i]; q == '"' || q == '\'' {
			if sawF || sawT {
				s.startFString(start, i, sawR, sawT)
			} else {
				s.scanString(start, i)
			}
			return
		}
	}
name:
	var seen byte // all bytes or'ed: 0x80 is set if any is not ASCII
	for identChars[b[i]] {
		seen |= b[i]
		i++
	}
	s.pos = i
	if seen >= 0x80 && !s.verifyIdentifier(start, i) {
		s.emit(token.ILLEGAL, start, s.pos)
		return
	}
	s.emitWithin(token.NAME, start, i)
}

// verifyIdentifier checks a name with non-ASCII characters as CPython's
// verify_identifier does, reporting the first character that may not be
// part of an identifier.
func (s *scanner) verifyIdentifier(start, end int) bool {
	text := s.buf[start:end]
	if at, n, reason := source.InvalidUTF8(text); at >= 0 {
		// CPython places this at the end of the name, measured on the line
		// but counted in its line buffer.
		line, ls := s.lineOf(start)
		s.addError(start+at, line, s.pegenCol(s.bufStart, end-ls), KindSyntax,
			"(unicode error) 'utf-8' codec can't decode "+source.ByteRange(text, at, n)+": "+reason)
		return false
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		ok := isXIDContinue(r)
		if i == 0 {
			ok = r == '_' || isXIDStart(r)
		}
		if !ok {
			cur := start + i + size
			if isPrintable(r) {
				s.errorAtCur(cur, fmt.Sprintf("invalid character '%c' (U+%04X)", r, r))
			} else {
				s.errorAtCur(cur, fmt.Sprintf("invalid non-printable character U+%04X", r))
			}
			return false
		}
		i += size
	}
	return true
}

// scanOperator scans an operator or delimiter, keeping track of brackets
// and of the replacement fields of f-strings.
func (s *scanner) scanOperator(start int, c byte) {
	b := s.buf
	var cur *fstring
	if k := len(s.fstrings); k > 0 {
		cur = &s.fstrings[k-1]
	}
	if cur != nil && cur.exprStartDepth >= 0 && (c == ':' || c == '}' || c == '!' || c == '{') {
		cursor := cur.curlyDepth
		if c != '{' {
			cursor--
		}
		if c == ':' && cursor == cur.exprStartDepth {
			cur.regular = false
			cur.inFormatSpec = true
			s.pos = start + 1
			s.emit(token.COLON, start, s.pos)
			return
		}
	}
	if k, n := operator(c, b[start+1], b[start+2]); n > 1 {
		s.pos = start + n
		s.emitWithin(k, start, s.pos)
		return
	}
	s.pos = start + 1
	switch c {
	case '(', '[', '{':
		if len(s.parens) >= maxLevel {
			s.errorAtCur(s.pos, "too many nested parentheses")
			s.emit(token.ILLEGAL, start, s.pos)
			return
		}
		s.parens = append(s.parens, paren{ch: c, pos: start})
		if cur != nil {
			cur.curlyDepth++
		}
	case ')', ']', '}':
		if cur != nil && cur.curlyDepth == 0 && c == '}' {
			s.errorAtCur(s.pos, fmt.Sprintf("%c-string: single '}' is not allowed", cur.letter()))
			s.emit(token.RBRACE, start, s.pos)
			cur.regular = false // go on with the literal text
			return
		}
		if len(s.parens) == 0 {
			s.errorAtCur(s.pos, fmt.Sprintf("unmatched '%c'", c))
			s.emit(closerKind(c), start, s.pos)
			return
		}
		top := s.parens[len(s.parens)-1]
		s.parens = s.parens[:len(s.parens)-1]
		if !matches(top.ch, c) {
			if cur != nil && top.ch == '{' && cur.curlyDepth-1 == cur.exprStartDepth {
				s.errorAtCur(s.pos, fmt.Sprintf("%c-string: unmatched '%c'", cur.letter(), c))
			} else if openLine, _ := s.lineOf(top.pos); openLine != s.curLine(start) {
				s.errorAtCur(s.pos, fmt.Sprintf("closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, top.ch, openLine))
			} else {
				s.errorAtCur(s.pos, fmt.Sprintf("closing parenthesis '%c' does not match opening parenthesis '%c'", c, top.ch))
			}
		}
		if cur != nil {
			cur.curlyDepth--
			if cur.curlyDepth < 0 {
				s.errorAtCur(s.pos, fmt.Sprintf("%c-string: unmatched '%c'", cur.letter(), c))
				cur.curlyDepth = 0
			}
			if c == '}' && cur.curlyDepth == cur.exprStartDepth {
				cur.exprStartDepth--
				cur.regular = false
				cur.inFormatSpec = false
			}
		}
	}
	k, ok := oneCharKind(c)
	if !ok {
		if c < 0x20 || c == 0x7f {
			if c == eof {
				s.nullByte(start)
			} else {
				s.errorAtCur(s.pos, fmt.Sprintf("invalid non-printable character U+%04X", c))
			}
		}
		k = token.ILLEGAL
	}
	s.emitWithin(k, start, s.pos)
}

func (s *scanner) nullByte(at int) {
	if s.sawNullByte {
		return
	}
	s.sawNullByte = true
	line, ls := s.lineOf(at)
	s.addError(at, line, s.chars(ls, at)+1, KindSyntax, source.NullByteMsg)
}

// curLine is the line CPython's tokenizer is on at off.
func (s *scanner) curLine(off int) int {
	line, _ := s.lineOf(off)
	return line
}

func matches(open, close byte) bool {
	return open == '(' && close == ')' || open == '[' && close == ']' || open == '{' && close == '}'
}

func closerKind(c byte) token.Kind {
	switch c {
	case ')':
		return token.RPAR
	case ']':
		return token.RSQB
	}
	return token.RBRACE
}

func (f *fstring) letter() byte {
	if f.template {
		return 't'
	}
	return 'f'
}
