package scanner

import (
	"fmt"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// scanString scans a string literal that is not an f- or t-string; its
// prefix starts at start and its opening quote is at q.
func (s *scanner) scanString(start, q int, isBytes bool) {
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
	bodyStart := i
	escapedQuote, nonASCII := false, false
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
			if b[i] >= 0x80 {
				nonASCII = true
			}
			i++
		case c >= 0x80:
			nonASCII = true
		case c == eof:
			s.nullByte(i - 1)
		}
	}
	s.pos = i
	if nonASCII && !isBytes {
		body := b[bodyStart : i-quoteSize]
		if at, n, reason := source.InvalidUTF8(body); at >= 0 {
			s.errorAtStart(start, KindSyntax,
				"(unicode error) 'utf-8' codec can't decode "+source.ByteRange(body, at, n)+": "+reason)
		}
	}
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
