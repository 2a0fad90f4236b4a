// Package token defines the lexical tokens of Python and the source file
// table that turns byte offsets into line and column numbers.
//
// Positions everywhere in the front end are byte offsets into the decoded
// source text (UTF-8, newlines normalised to "\n"); line and column are
// computed from a File only when they are needed.
package token

import "strconv"

// Kind is the kind of a token. Operators and delimiters have their own
// kinds, so the parser never compares spellings.
type Kind uint8

// Token kinds. The names follow CPython's token module where one exists.
const (
	ILLEGAL Kind = iota // a character that starts no token; the scanner reports an error

	ENDMARKER
	NAME   // identifiers and keywords (soft or hard); see IsKeyword
	NUMBER // integer, float and imaginary literals, spelled as in the source
	STRING // one complete non-f/t string literal, prefix and quotes included
	NEWLINE
	INDENT
	DEDENT
	COMMENT // emitted only when the scanner is asked for comments
	NL      // a non-logical newline; emitted only with comments

	// PEP 701 / PEP 750: an f-string (or t-string) is a sequence of
	// FSTRING_START, then FSTRING_MIDDLE literal parts and the ordinary
	// tokens of each replacement field, then FSTRING_END.
	FSTRING_START  // prefix and opening quote, e.g. `rf"""`
	FSTRING_MIDDLE // literal text, raw as in the source (escapes and `{{` undecoded)
	FSTRING_END    // closing quote
	TSTRING_START
	TSTRING_MIDDLE
	TSTRING_END

	// Operators and delimiters.
	LPAR             // (
	RPAR             // )
	LSQB             // [
	RSQB             // ]
	COLON            // :
	COMMA            // ,
	SEMI             // ;
	PLUS             // +
	MINUS            // -
	STAR             // *
	SLASH            // /
	VBAR             // |
	AMPER            // &
	LESS             // <
	GREATER          // >
	EQUAL            // =
	DOT              // .
	PERCENT          // %
	LBRACE           // {
	RBRACE           // }
	EQEQUAL          // ==
	NOTEQUAL         // !=
	LESSEQUAL        // <=
	GREATEREQUAL     // >=
	TILDE            // ~
	CIRCUMFLEX       // ^
	LEFTSHIFT        // <<
	RIGHTSHIFT       // >>
	DOUBLESTAR       // **
	PLUSEQUAL        // +=
	MINEQUAL         // -=
	STAREQUAL        // *=
	SLASHEQUAL       // /=
	PERCENTEQUAL     // %=
	AMPEREQUAL       // &=
	VBAREQUAL        // |=
	CIRCUMFLEXEQUAL  // ^=
	LEFTSHIFTEQUAL   // <<=
	RIGHTSHIFTEQUAL  // >>=
	DOUBLESTAREQUAL  // **=
	DOUBLESLASH      // //
	DOUBLESLASHEQUAL // //=
	AT               // @
	ATEQUAL          // @=
	RARROW           // ->
	ELLIPSIS         // ...
	COLONEQUAL       // :=
	EXCLAMATION      // ! (only inside f-string replacement fields)

	kindCount
)

var kindNames = [...]string{
	ILLEGAL: "ILLEGAL", ENDMARKER: "ENDMARKER", NAME: "NAME", NUMBER: "NUMBER",
	STRING: "STRING", NEWLINE: "NEWLINE", INDENT: "INDENT", DEDENT: "DEDENT",
	COMMENT: "COMMENT", NL: "NL",
	FSTRING_START: "FSTRING_START", FSTRING_MIDDLE: "FSTRING_MIDDLE", FSTRING_END: "FSTRING_END",
	TSTRING_START: "TSTRING_START", TSTRING_MIDDLE: "TSTRING_MIDDLE", TSTRING_END: "TSTRING_END",
	LPAR: "LPAR", RPAR: "RPAR", LSQB: "LSQB", RSQB: "RSQB", COLON: "COLON", COMMA: "COMMA",
	SEMI: "SEMI", PLUS: "PLUS", MINUS: "MINUS", STAR: "STAR", SLASH: "SLASH", VBAR: "VBAR",
	AMPER: "AMPER", LESS: "LESS", GREATER: "GREATER", EQUAL: "EQUAL", DOT: "DOT",
	PERCENT: "PERCENT", LBRACE: "LBRACE", RBRACE: "RBRACE", EQEQUAL: "EQEQUAL",
	NOTEQUAL: "NOTEQUAL", LESSEQUAL: "LESSEQUAL", GREATEREQUAL: "GREATEREQUAL",
	TILDE: "TILDE", CIRCUMFLEX: "CIRCUMFLEX", LEFTSHIFT: "LEFTSHIFT", RIGHTSHIFT: "RIGHTSHIFT",
	DOUBLESTAR: "DOUBLESTAR", PLUSEQUAL: "PLUSEQUAL", MINEQUAL: "MINEQUAL",
	STAREQUAL: "STAREQUAL", SLASHEQUAL: "SLASHEQUAL", PERCENTEQUAL: "PERCENTEQUAL",
	AMPEREQUAL: "AMPEREQUAL", VBAREQUAL: "VBAREQUAL", CIRCUMFLEXEQUAL: "CIRCUMFLEXEQUAL",
	LEFTSHIFTEQUAL: "LEFTSHIFTEQUAL", RIGHTSHIFTEQUAL: "RIGHTSHIFTEQUAL",
	DOUBLESTAREQUAL: "DOUBLESTAREQUAL", DOUBLESLASH: "DOUBLESLASH",
	DOUBLESLASHEQUAL: "DOUBLESLASHEQUAL", AT: "AT", ATEQUAL: "ATEQUAL", RARROW: "RARROW",
	ELLIPSIS: "ELLIPSIS", COLONEQUAL: "COLONEQUAL", EXCLAMATION: "EXCLAMATION",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// IsOperator reports whether k is an operator or delimiter kind.
func (k Kind) IsOperator() bool { return k >= LPAR && k < kindCount }

// Operators maps the spelling of every operator and delimiter to its kind.
// It is read-only.
var Operators = map[string]Kind{
	"(": LPAR, ")": RPAR, "[": LSQB, "]": RSQB, ":": COLON, ",": COMMA, ";": SEMI,
	"+": PLUS, "-": MINUS, "*": STAR, "/": SLASH, "|": VBAR, "&": AMPER, "<": LESS,
	">": GREATER, "=": EQUAL, ".": DOT, "%": PERCENT, "{": LBRACE, "}": RBRACE,
	"==": EQEQUAL, "!=": NOTEQUAL, "<=": LESSEQUAL, ">=": GREATEREQUAL, "~": TILDE,
	"^": CIRCUMFLEX, "<<": LEFTSHIFT, ">>": RIGHTSHIFT, "**": DOUBLESTAR,
	"+=": PLUSEQUAL, "-=": MINEQUAL, "*=": STAREQUAL, "/=": SLASHEQUAL,
	"%=": PERCENTEQUAL, "&=": AMPEREQUAL, "|=": VBAREQUAL, "^=": CIRCUMFLEXEQUAL,
	"<<=": LEFTSHIFTEQUAL, ">>=": RIGHTSHIFTEQUAL, "**=": DOUBLESTAREQUAL,
	"//": DOUBLESLASH, "//=": DOUBLESLASHEQUAL, "@": AT, "@=": ATEQUAL, "->": RARROW,
	"...": ELLIPSIS, ":=": COLONEQUAL, "!": EXCLAMATION,
}

// Keywords are Python's hard keywords.
var Keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true,
	"async": true, "await": true, "break": true, "class": true, "continue": true,
	"def": true, "del": true, "elif": true, "else": true, "except": true, "finally": true,
	"for": true, "from": true, "global": true, "if": true, "import": true, "in": true,
	"is": true, "lambda": true, "nonlocal": true, "not": true, "or": true, "pass": true,
	"raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// SoftKeywords are keywords only in some positions.
var SoftKeywords = map[string]bool{"match": true, "case": true, "type": true, "_": true}

// Token is one lexical token: its kind and its byte span in the decoded
// source. The spelling is File.Text(tok.Pos, tok.End).
type Token struct {
	Kind Kind
	Pos  int32 // offset of the first byte
	End  int32 // offset just past the last byte
}
