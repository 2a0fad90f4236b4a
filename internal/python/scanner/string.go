package scanner

import (
	"bytes"
	"fmt"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// scanString scans a string literal that is not an f- or t-string; its
// prefix starts at start and its opening quote is at q.
func (s *scanner) scanString(start, q int) {
	b := s.buf
	quote := b[q]
	i := q + 1
	quoteSize, endQuote := 1, 0
	if b[i] == quote {
		if b[i+1] == quote {
			quoteSize = 3
			i += 2
		} else {
			i++
			endQuote = 1
		}
	}
	escapedQuote := false
	for endQuote != quoteSize {
		c := b[i]
		i++
		if c == '\n' && quoteSize == 1 || c == eof && i > s.n {
			s.unterminatedString(start, i-1, quote, quoteSize, escapedQuote)
			return
		}
		if c == quote {
			endQuote++
			continue
		}
		endQuote = 0
		switch {
		case c == '\\':
			if b[i] == eof && i >= s.n {
				continue
			}
			if b[i] == quote {
				escapedQuote = true
			}
			i++
		case c == eof:
			s.nullByte(i - 1)
		}
	}
	s.pos = i
	s.emit(token.STRING, start, i)
}

// unterminatedString reports a string that reaches the end of its line or
// of the file at stop, and skips to there.
func (s *scanner) unterminatedString(start, stop int, quote byte, quoteSize int, escapedQuote bool) {
	detected := s.detectedLine(stop)
	line, ls := s.lineOf(start)
	col := s.chars(ls, start+1)
	var msg string
	if k := len(s.fstrings); k > 0 && s.fstrings[k-1].quote == quote && s.fstrings[k-1].quoteSize == quoteSize {
		// The quote closes the enclosing f-string: a '}' is missing.
		msg = fmt.Sprintf("%c-string: expecting '}'", s.fstrings[k-1].letter())
	} else if quoteSize == 3 {
		msg = fmt.Sprintf("unterminated triple-quoted string literal (detected at line %d)", detected)
	} else if escapedQuote {
		msg = fmt.Sprintf("unterminated string literal (detected at line %d); perhaps you escaped the end quote?", detected)
	} else {
		msg = fmt.Sprintf("unterminated string literal (detected at line %d)", detected)
	}
	s.addError(start, line, col, KindSyntax, msg)
	s.pos = stop
	s.emit(token.STRING, start, stop)
}

// startFString scans the prefix and opening quote of an f- or t-string
// (prefix at start, quote at q) and enters its literal mode.
func (s *scanner) startFString(start, q int, raw, template bool) {
	b := s.buf
	quote := b[q]
	i := q + 1
	quoteSize := 1
	if b[i] == quote && b[i+1] == quote {
		quoteSize = 3
		i += 2
	}
	s.pos = i
	kind := token.FSTRING_START
	if template {
		kind = token.TSTRING_START
	}
	s.emit(kind, start, i)
	if len(s.fstrings)+1 >= maxFStringLevel {
		letter := 'f'
		if template {
			letter = 't'
		}
		s.errorAtCur(i, fmt.Sprintf("too many nested %c-strings", letter))
	}
	s.fstrings = append(s.fstrings, fstring{
		start:          start,
		quote:          quote,
		quoteSize:      quoteSize,
		raw:            raw,
		template:       template,
		exprStartDepth: -1,
		parenBase:      len(s.parens),
	})
}

func (f *fstring) kinds() (middle, end token.Kind) {
	if f.template {
		return token.TSTRING_MIDDLE, token.TSTRING_END
	}
	return token.FSTRING_MIDDLE, token.FSTRING_END
}

// scanFString scans in the literal mode of the innermost f-string: a
// FSTRING_MIDDLE, the FSTRING_END, or nothing when a replacement field
// starts right here (regular mode then scans its '{').
func (s *scanner) scanFString(f *fstring) {
	b := s.buf
	middle, endKind := f.kinds()
	start := s.pos
	i := start
	if b[i] == '{' && b[i+1] != '{' {
		s.enterField(f, i)
		return
	}
	if s.closingQuotes(f, i) {
		s.pos = i + f.quoteSize
		s.emit(endKind, i, s.pos)
		s.fstrings = s.fstrings[:len(s.fstrings)-1]
		return
	}
	endQuote := 0
	unicodeEscape := false
	for endQuote != f.quoteSize {
		c := b[i]
		i++
		inFormatSpec := f.inFormatSpec && f.exprStartDepth >= 0
		if c == eof && i > s.n || c == '\n' && f.quoteSize == 1 {
			if inFormatSpec && c == '\n' {
				i--
				f.regular, f.inFormatSpec = true, false
				s.pos = i
				s.emit(middle, start, i)
				return
			}
			s.unterminatedFString(f, start, i-1)
			return
		}
		if c == f.quote {
			endQuote++
			continue
		}
		endQuote = 0
		switch c {
		case '{':
			if b[i] != '{' || inFormatSpec {
				i--
				s.pos = i
				s.emit(middle, start, i)
				s.enterField(f, i)
				f.inFormatSpec = false
				return
			}
			i++
			s.pos = i
			s.emit(middle, start, i-1)
			return
		case '}':
			if unicodeEscape {
				s.pos = i
				s.emit(middle, start, i)
				return
			}
			if b[i] == '}' && !inFormatSpec && f.curlyDepth == 0 {
				i++
				s.pos = i
				s.emit(middle, start, i-1)
				return
			}
			i--
			f.regular, f.inFormatSpec = true, false
			s.pos = i
			s.emit(middle, start, i)
			return
		case '\\':
			peek := b[i]
			if peek == '{' || peek == '}' || peek == eof && i >= s.n {
				continue
			}
			i++
			if !f.raw && peek == 'N' && b[i] == '{' {
				i++
				unicodeEscape = true
			}
		case eof:
			s.nullByte(i - 1)
		}
	}
	i -= f.quoteSize
	s.pos = i
	s.emit(middle, start, i)
}

// enterField switches to regular mode for a replacement field whose '{'
// is at cur.
func (s *scanner) enterField(f *fstring, cur int) {
	f.exprStartDepth++
	if f.exprStartDepth >= maxExprNesting {
		s.errorAtCur(cur, fmt.Sprintf("%c-string: expressions nested too deeply", f.letter()))
	}
	f.regular = true
}

func (s *scanner) closingQuotes(f *fstring, i int) bool {
	for k := 0; k < f.quoteSize; k++ {
		if s.buf[i+k] != f.quote {
			return false
		}
	}
	return true
}

// unterminatedFString reports an f-string that reaches the end of its line
// or of the file at stop, closes it and skips to there.
func (s *scanner) unterminatedFString(f *fstring, start, stop int) {
	middle, _ := f.kinds()
	detected := s.detectedLine(stop)
	line, ls := s.lineOf(f.start)
	msg := fmt.Sprintf("unterminated %c-string literal (detected at line %d)", f.letter(), detected)
	if f.quoteSize == 3 {
		msg = fmt.Sprintf("unterminated triple-quoted %c-string literal (detected at line %d)", f.letter(), detected)
	}
	s.addError(f.start, line, s.chars(ls, f.start+1), KindSyntax, msg)
	s.emit(middle, start, stop)
	s.pos = stop
	if f.parenBase < len(s.parens) {
		s.parens = s.parens[:f.parenBase]
	}
	s.fstrings = s.fstrings[:len(s.fstrings)-1]
}

// detectedLine is the line CPython names in "(detected at line N)": the
// line of the newline that ended the string, or the last line at the end
// of the file.
func (s *scanner) detectedLine(stop int) int {
	if stop >= s.n {
		stop = s.n - 1
	}
	line, _ := s.lineOf(stop)
	return line
}

// StringError reports invalid UTF-8 in a STRING token that is not a bytes
// literal, with the message and position CPython 3.13 gives when it decodes
// the literal: a raw string or one without backslashes is decoded whole,
// any other one run of non-ASCII bytes at a time, and the message counts
// positions within what was decoded. It returns nil for a valid literal.
//
// Scan does not report this itself because CPython raises it from the
// parser, when it builds the constant, not from the tokenizer.
func StringError(f *token.File, tok token.Token) *Error {
	if tok.Kind != token.STRING || tok.Pos < 0 || int(tok.End) > len(f.Src) || tok.Pos >= tok.End {
		return nil
	}
	lit := f.Src[tok.Pos:tok.End]
	q := bytes.IndexAny(lit, "'\"")
	if q < 0 || bytes.ContainsAny(lit[:q], "bB") {
		return nil
	}
	quoteSize := 1
	if len(lit) >= q+6 && lit[q+1] == lit[q] && lit[q+2] == lit[q] {
		quoteSize = 3
	}
	if len(lit) < q+2*quoteSize {
		return nil
	}
	body := lit[q+quoteSize : len(lit)-quoteSize]
	raw := bytes.ContainsAny(lit[:q], "rR")
	var text []byte
	at := -1
	var n int
	var reason string
	if raw || bytes.IndexByte(body, '\\') < 0 {
		text = body
		at, n, reason = source.InvalidUTF8(body)
	} else {
		for i := 0; i < len(body) && at < 0; {
			if body[i] < 0x80 {
				i++
				continue
			}
			j := i
			for j < len(body) && body[j] >= 0x80 {
				j++
			}
			text = body[i:j]
			at, n, reason = source.InvalidUTF8(text)
			i = j
		}
	}
	if at < 0 {
		return nil
	}
	s := &scanner{file: f, buf: f.Src, n: len(f.Src), size: len(f.Src)}
	s.errorAtStart(int(tok.Pos), KindSyntax,
		"(unicode error) 'utf-8' codec can't decode "+source.ByteRange(text, at, n)+": "+reason)
	return &s.errs[0]
}
