package scanner

import "github.com/snakeguard/snakeguard/internal/python/token"

// oneCharTable holds the kind of every one-character operator; 0 marks a
// byte that is none.
var oneCharTable = [128]token.Kind{
	'(': token.LPAR, ')': token.RPAR, '[': token.LSQB, ']': token.RSQB,
	':': token.COLON, ',': token.COMMA, ';': token.SEMI, '+': token.PLUS,
	'-': token.MINUS, '*': token.STAR, '/': token.SLASH, '|': token.VBAR,
	'&': token.AMPER, '<': token.LESS, '>': token.GREATER, '=': token.EQUAL,
	'.': token.DOT, '%': token.PERCENT, '{': token.LBRACE, '}': token.RBRACE,
	'~': token.TILDE, '^': token.CIRCUMFLEX, '@': token.AT, '!': token.EXCLAMATION,
}

func oneCharKind(c byte) (token.Kind, bool) {
	if c >= 128 {
		return token.ILLEGAL, false
	}
	k := oneCharTable[c]
	return k, k != token.ILLEGAL
}

// operator returns the kind and length of the longest operator of two or
// three characters starting with c, c2, c3, or length 0 when there is none
// (the caller then tries one character). The ellipsis is handled apart.
func operator(c, c2, c3 byte) (token.Kind, int) {
	switch c {
	case '!':
		if c2 == '=' {
			return token.NOTEQUAL, 2
		}
	case '%':
		if c2 == '=' {
			return token.PERCENTEQUAL, 2
		}
	case '&':
		if c2 == '=' {
			return token.AMPEREQUAL, 2
		}
	case '*':
		if c2 == '*' {
			if c3 == '=' {
				return token.DOUBLESTAREQUAL, 3
			}
			return token.DOUBLESTAR, 2
		}
		if c2 == '=' {
			return token.STAREQUAL, 2
		}
	case '+':
		if c2 == '=' {
			return token.PLUSEQUAL, 2
		}
	case '-':
		if c2 == '=' {
			return token.MINEQUAL, 2
		}
		if c2 == '>' {
			return token.RARROW, 2
		}
	case '/':
		if c2 == '/' {
			if c3 == '=' {
				return token.DOUBLESLASHEQUAL, 3
			}
			return token.DOUBLESLASH, 2
		}
		if c2 == '=' {
			return token.SLASHEQUAL, 2
		}
	case ':':
		if c2 == '=' {
			return token.COLONEQUAL, 2
		}
	case '<':
		switch c2 {
		case '<':
			if c3 == '=' {
				return token.LEFTSHIFTEQUAL, 3
			}
			return token.LEFTSHIFT, 2
		case '=':
			return token.LESSEQUAL, 2
		case '>':
			// Only valid under "from __future__ import barry_as_FLUFL";
			// CPython's tokenizer still makes one token of it.
			return token.NOTEQUAL, 2
		}
	case '=':
		if c2 == '=' {
			return token.EQEQUAL, 2
		}
	case '>':
		switch c2 {
		case '>':
			if c3 == '=' {
				return token.RIGHTSHIFTEQUAL, 3
			}
			return token.RIGHTSHIFT, 2
		case '=':
			return token.GREATEREQUAL, 2
		}
	case '@':
		if c2 == '=' {
			return token.ATEQUAL, 2
		}
	case '^':
		if c2 == '=' {
			return token.CIRCUMFLEXEQUAL, 2
		}
	case '|':
		if c2 == '=' {
			return token.VBAREQUAL, 2
		}
	}
	return token.ILLEGAL, 0
}
