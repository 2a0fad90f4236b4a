package scanner

import (
	"fmt"

	"github.com/snakeguard/snakeguard/internal/python/token"
)

// scanNumber scans a numeric literal starting at start. A malformed literal
// is reported and then skipped up to the end of its letters and digits.
func (s *scanner) scanNumber(start int) {
	end, ok := s.number(start)
	if !ok {
		for end < s.n && end < len(s.buf) && isIdentChar(s.buf[end]) {
			end++
		}
	}
	if end <= start {
		end = start + 1
	}
	s.pos = end
	s.emit(token.NUMBER, start, end)
}

// number follows CPython's tokenizer: i is its cursor (the offset after the
// last character read) and c the character read last; "backing up" is i--.
// It returns the end of the literal and whether it is well formed.
func (s *scanner) number(start int) (int, bool) {
	b := s.buf
	i := start
	c := b[i]
	i++
	var ok bool
	if c == '.' {
		c = b[i]
		i++
		return s.fraction(i, c)
	}
	if c != '0' {
		if c, i, ok = s.decimalTail(i); !ok {
			return i, false
		}
		if c == '.' {
			c = b[i]
			i++
			return s.fraction(i, c)
		}
		return s.exponent(i, c)
	}
	c = b[i]
	i++
	switch c {
	case 'x', 'X':
		c = b[i]
		i++
		for {
			if c == '_' {
				c = b[i]
				i++
			}
			if !isHexDigit(c) {
				i--
				s.errorAtCur(i, "invalid hexadecimal literal")
				return i, false
			}
			for {
				c = b[i]
				i++
				if !isHexDigit(c) {
					break
				}
			}
			if c != '_' {
				break
			}
		}
		return s.endOfNumber(i, c, "hexadecimal")
	case 'o', 'O':
		return s.radixLiteral(i, '8', "octal")
	case 'b', 'B':
		return s.radixLiteral(i, '2', "binary")
	}
	// A decimal literal starting with zero: only zeros may follow, unless
	// it turns out to be a float or imaginary literal.
	nonzero := false
	for {
		if c == '_' {
			c = b[i]
			i++
			if !isDigit(c) {
				i--
				s.errorAtCur(i, "invalid decimal literal")
				return i, false
			}
		}
		if c != '0' {
			break
		}
		c = b[i]
		i++
	}
	if isDigit(c) {
		nonzero = true
		if c, i, ok = s.decimalTail(i); !ok {
			return i, false
		}
	}
	switch {
	case c == '.':
		c = b[i]
		i++
		return s.fraction(i, c)
	case c == 'e' || c == 'E':
		return s.exponent(i, c)
	case c == 'j' || c == 'J':
		c = b[i]
		i++
		return s.endOfNumber(i, c, "imaginary")
	case nonzero:
		i--
		line, ls := s.lineOf(start)
		// CPython gives this one a byte offset, not a character count.
		s.addError(start, line, start-ls+1, KindSyntax,
			"leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
		return i, false
	}
	return s.endOfNumber(i, c, "decimal")
}

// radixLiteral scans the digits of an octal or binary literal after its
// prefix; limit is the first digit that is not allowed.
func (s *scanner) radixLiteral(i int, limit byte, kind string) (int, bool) {
	b := s.buf
	c := b[i]
	i++
	for {
		if c == '_' {
			c = b[i]
			i++
		}
		if c < '0' || c >= limit {
			if isDigit(c) {
				s.errorAtCur(i, fmt.Sprintf("invalid digit '%c' in %s literal", c, kind))
				return i, false
			}
			i--
			s.errorAtCur(i, "invalid "+kind+" literal")
			return i, false
		}
		for {
			c = b[i]
			i++
			if c < '0' || c >= limit {
				break
			}
		}
		if c != '_' {
			break
		}
	}
	if isDigit(c) {
		s.errorAtCur(i, fmt.Sprintf("invalid digit '%c' in %s literal", c, kind))
		return i, false
	}
	return s.endOfNumber(i, c, kind)
}

// decimalTail reads digits with single underscores between them.
func (s *scanner) decimalTail(i int) (byte, int, bool) {
	b := s.buf
	var c byte
	for {
		for {
			c = b[i]
			i++
			if !isDigit(c) {
				break
			}
		}
		if c != '_' {
			return c, i, true
		}
		c = b[i]
		i++
		if !isDigit(c) {
			i--
			s.errorAtCur(i, "invalid decimal literal")
			return c, i, false
		}
	}
}

// fraction continues after the decimal point; c is the character after it.
func (s *scanner) fraction(i int, c byte) (int, bool) {
	if isDigit(c) {
		var ok bool
		if c, i, ok = s.decimalTail(i); !ok {
			return i, false
		}
	}
	return s.exponent(i, c)
}

// exponent continues with an optional exponent and imaginary suffix.
func (s *scanner) exponent(i int, c byte) (int, bool) {
	b := s.buf
	if c == 'e' || c == 'E' {
		e := c
		c = b[i]
		i++
		if c == '+' || c == '-' {
			c = b[i]
			i++
			if !isDigit(c) {
				i--
				s.errorAtCur(i, "invalid decimal literal")
				return i, false
			}
		} else if !isDigit(c) {
			i--
			var ok bool
			if i, ok = s.verifyEnd(i, e, "decimal"); !ok {
				return i, false
			}
			return i - 1, true // the 'e' starts the next token
		}
		var ok bool
		if c, i, ok = s.decimalTail(i); !ok {
			return i, false
		}
	}
	if c == 'j' || c == 'J' {
		c = b[i]
		i++
		return s.endOfNumber(i, c, "imaginary")
	}
	return s.endOfNumber(i, c, "decimal")
}

// endOfNumber checks what follows a literal (c, already read) and backs up
// over it.
func (s *scanner) endOfNumber(i int, c byte, kind string) (int, bool) {
	i, ok := s.verifyEnd(i, c, kind)
	if !ok {
		return i, false
	}
	return i - 1, true
}

// verifyEnd is CPython's verify_end_of_number: a literal may be followed
// directly by the keywords and, else, for, if, in, is, not, or (with a
// warning), but not by other letters or digits.
func (s *scanner) verifyEnd(i int, c byte, kind string) (int, bool) {
	b := s.buf
	r := false
	switch c {
	case 'a':
		r = s.lookahead(i, "nd")
	case 'e':
		r = s.lookahead(i, "lse")
	case 'f':
		r = s.lookahead(i, "or")
	case 'i':
		c2 := b[i]
		r = c2 == 'f' || c2 == 'n' || c2 == 's'
	case 'o':
		r = s.lookahead(i, "r")
	case 'n':
		r = s.lookahead(i, "ot")
	}
	if r {
		return i, true
	}
	if c < 0x80 && isIdentChar(c) {
		i--
		s.errorAtCur(i, "invalid "+kind+" literal")
		return i, false
	}
	return i, true
}

// lookahead reports whether the text at i is word followed by a character
// that cannot continue an identifier.
func (s *scanner) lookahead(i int, word string) bool {
	b := s.buf
	for k := 0; k < len(word); k++ {
		if b[i+k] != word[k] {
			return false
		}
	}
	return !isIdentChar(b[i+len(word)])
}
