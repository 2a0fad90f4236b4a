package scanner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/token"
)

// render spells a token stream as "KIND[pos:end]" items, with the text of
// tokens that have one: NAME[0:1]"x".
func render(src string, toks []token.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s[%d:%d]", t.Kind, t.Pos, t.End)
		switch t.Kind {
		case token.NAME, token.NUMBER, token.STRING, token.FSTRING_START, token.FSTRING_MIDDLE,
			token.FSTRING_END, token.TSTRING_START, token.TSTRING_MIDDLE, token.TSTRING_END,
			token.COMMENT, token.ILLEGAL:
			fmt.Fprintf(&b, "%q", src[t.Pos:t.End])
		}
	}
	return b.String()
}

func TestScanTokens(t *testing.T) {
	tests := []struct {
		name, src string
		mode      Mode
		want      string
	}{
		{"empty", "", 0, "ENDMARKER[0:0]"},
		{"assignment", "x = 1\n", 0,
			`NAME[0:1]"x" EQUAL[2:3] NUMBER[4:5]"1" NEWLINE[5:6] ENDMARKER[6:6]`},
		{"no final newline", "x", 0,
			`NAME[0:1]"x" NEWLINE[1:1] ENDMARKER[1:1]`},
		{"indent and dedent", "if x:\n    y\nz\n", 0,
			`NAME[0:2]"if" NAME[3:4]"x" COLON[4:5] NEWLINE[5:6] INDENT[6:10] NAME[10:11]"y" NEWLINE[11:12] ` +
				`DEDENT[12:12] NAME[12:13]"z" NEWLINE[13:14] ENDMARKER[14:14]`},
		{"dedent at end of file", "if x:\n  y", 0,
			`NAME[0:2]"if" NAME[3:4]"x" COLON[4:5] NEWLINE[5:6] INDENT[6:8] NAME[8:9]"y" NEWLINE[9:9] ` +
				`DEDENT[9:9] ENDMARKER[9:9]`},
		{"blank and comment lines", "x\n\n  # c\ny\n", 0,
			`NAME[0:1]"x" NEWLINE[1:2] NAME[9:10]"y" NEWLINE[10:11] ENDMARKER[11:11]`},
		{"comments mode", "x # c\n\n# d\n", ScanComments,
			`NAME[0:1]"x" COMMENT[2:5]"# c" NEWLINE[5:6] NL[6:7] COMMENT[7:10]"# d" NL[10:11] ENDMARKER[11:11]`},
		{"brackets join lines", "f(a,\n  b)\n", 0,
			`NAME[0:1]"f" LPAR[1:2] NAME[2:3]"a" COMMA[3:4] NAME[7:8]"b" RPAR[8:9] NEWLINE[9:10] ENDMARKER[10:10]`},
		{"backslash joins lines", "x = 1 + \\\n  2\n", 0,
			`NAME[0:1]"x" EQUAL[2:3] NUMBER[4:5]"1" PLUS[6:7] NUMBER[12:13]"2" NEWLINE[13:14] ENDMARKER[14:14]`},
		{"operators", "a**=b//=c<<=d>>=e->f:=g...h!=i<>j @= k", 0,
			`NAME[0:1]"a" DOUBLESTAREQUAL[1:4] NAME[4:5]"b" DOUBLESLASHEQUAL[5:8] NAME[8:9]"c" LEFTSHIFTEQUAL[9:12] ` +
				`NAME[12:13]"d" RIGHTSHIFTEQUAL[13:16] NAME[16:17]"e" RARROW[17:19] NAME[19:20]"f" COLONEQUAL[20:22] ` +
				`NAME[22:23]"g" ELLIPSIS[23:26] NAME[26:27]"h" NOTEQUAL[27:29] NAME[29:30]"i" NOTEQUAL[30:32] ` +
				`NAME[32:33]"j" ATEQUAL[34:36] NAME[37:38]"k" NEWLINE[38:38] ENDMARKER[38:38]`},
		{"numbers", "0 0x_1f 0o17 0b1_0 1_000 1.5 .5 5. 1e-3 1E+9_0 2j 1.5J 0_0 00.5 1if", 0,
			`NUMBER[0:1]"0" NUMBER[2:7]"0x_1f" NUMBER[8:12]"0o17" NUMBER[13:18]"0b1_0" NUMBER[19:24]"1_000" ` +
				`NUMBER[25:28]"1.5" NUMBER[29:31]".5" NUMBER[32:34]"5." NUMBER[35:39]"1e-3" NUMBER[40:46]"1E+9_0" ` +
				`NUMBER[47:49]"2j" NUMBER[50:54]"1.5J" NUMBER[55:58]"0_0" NUMBER[59:63]"00.5" NUMBER[64:65]"1" ` +
				`NAME[65:67]"if" NEWLINE[67:67] ENDMARKER[67:67]`},
		{"number then else", "1else", 0, `NUMBER[0:1]"1" NAME[1:5]"else" NEWLINE[5:5] ENDMARKER[5:5]`},
		{"strings and prefixes", `'a' "b" rb'\'' Br"x" u'y' """t"q""" '''''' ''`, 0,
			`STRING[0:3]"'a'" STRING[4:7]"\"b\"" STRING[8:14]"rb'\\''" STRING[15:20]"Br\"x\"" ` +
				`STRING[21:25]"u'y'" STRING[26:35]"\"\"\"t\"q\"\"\"" STRING[36:42]"''''''" STRING[43:45]"''" ` +
				`NEWLINE[45:45] ENDMARKER[45:45]`},
		{"not a prefix", `ub"x" bu`, 0, `NAME[0:2]"ub" STRING[2:5]"\"x\"" NAME[6:8]"bu" NEWLINE[8:8] ENDMARKER[8:8]`},
		{"unicode names", "héllo = ω\n", 0,
			`NAME[0:6]"héllo" EQUAL[7:8] NAME[9:11]"ω" NEWLINE[11:12] ENDMARKER[12:12]`},
		{"form feed resets indentation", "if x:\n\f    y\n", 0,
			`NAME[0:2]"if" NAME[3:4]"x" COLON[4:5] NEWLINE[5:6] INDENT[6:11] NAME[11:12]"y" NEWLINE[12:13] ` +
				`DEDENT[13:13] ENDMARKER[13:13]`},
		{"unknown characters", "a $ b ?", 0,
			`NAME[0:1]"a" ILLEGAL[2:3]"$" NAME[4:5]"b" ILLEGAL[6:7]"?" NEWLINE[7:7] ENDMARKER[7:7]`},
		{"f-string", `f"a{x!r:>{w}}b"`, 0,
			`FSTRING_START[0:2]"f\"" FSTRING_MIDDLE[2:3]"a" LBRACE[3:4] NAME[4:5]"x" EXCLAMATION[5:6] ` +
				`NAME[6:7]"r" COLON[7:8] FSTRING_MIDDLE[8:9]">" LBRACE[9:10] NAME[10:11]"w" RBRACE[11:12] ` +
				`FSTRING_MIDDLE[12:12]"" RBRACE[12:13] FSTRING_MIDDLE[13:14]"b" FSTRING_END[14:15]"\"" ` +
				`NEWLINE[15:15] ENDMARKER[15:15]`},
		// As CPython: a doubled brace ends a FSTRING_MIDDLE that keeps one of
		// the two braces.
		{"f-string doubled braces", `f"{{a}}"`, 0,
			`FSTRING_START[0:2]"f\"" FSTRING_MIDDLE[2:3]"{" FSTRING_MIDDLE[4:6]"a}" FSTRING_END[7:8]"\"" ` +
				`NEWLINE[8:8] ENDMARKER[8:8]`},
		{"f-string debug and nested quotes", `f"{x=}{f"{y}"}"`, 0,
			`FSTRING_START[0:2]"f\"" LBRACE[2:3] NAME[3:4]"x" EQUAL[4:5] RBRACE[5:6] LBRACE[6:7] ` +
				`FSTRING_START[7:9]"f\"" LBRACE[9:10] NAME[10:11]"y" RBRACE[11:12] FSTRING_END[12:13]"\"" ` +
				`RBRACE[13:14] FSTRING_END[14:15]"\"" NEWLINE[15:15] ENDMARKER[15:15]`},
		{"multi-line f-string with comment", "f'''{\nx # c\n}'''\n", ScanComments,
			`FSTRING_START[0:4]"f'''" LBRACE[4:5] NL[5:6] NAME[6:7]"x" COMMENT[8:11]"# c" NL[11:12] ` +
				`RBRACE[12:13] FSTRING_END[13:16]"'''" NEWLINE[16:17] ENDMARKER[17:17]`},
		{"raw f-string", `rf"\{x}"`, 0,
			`FSTRING_START[0:3]"rf\"" FSTRING_MIDDLE[3:4]"\\" LBRACE[4:5] NAME[5:6]"x" RBRACE[6:7] ` +
				`FSTRING_END[7:8]"\"" NEWLINE[8:8] ENDMARKER[8:8]`},
		{"named unicode escape", `f"\N{DASH}{x}"`, 0,
			`FSTRING_START[0:2]"f\"" FSTRING_MIDDLE[2:10]"\\N{DASH}" LBRACE[10:11] NAME[11:12]"x" RBRACE[12:13] ` +
				`FSTRING_END[13:14]"\"" NEWLINE[14:14] ENDMARKER[14:14]`},
		{"t-string", `t"a{b:c}" Tr'{d}' rt"e"`, 0,
			`TSTRING_START[0:2]"t\"" TSTRING_MIDDLE[2:3]"a" LBRACE[3:4] NAME[4:5]"b" COLON[5:6] ` +
				`TSTRING_MIDDLE[6:7]"c" RBRACE[7:8] TSTRING_END[8:9]"\"" TSTRING_START[10:13]"Tr'" ` +
				`LBRACE[13:14] NAME[14:15]"d" RBRACE[15:16] TSTRING_END[16:17]"'" TSTRING_START[18:21]"rt\"" ` +
				`TSTRING_MIDDLE[21:22]"e" TSTRING_END[22:23]"\"" NEWLINE[23:23] ENDMARKER[23:23]`},
		{"not a t-string", `ft"x" tb"y"`, 0,
			`NAME[0:2]"ft" STRING[2:5]"\"x\"" NAME[6:8]"tb" STRING[8:11]"\"y\"" NEWLINE[11:11] ENDMARKER[11:11]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, errs := Scan(token.NewFile("t.py", []byte(tt.src)), tt.mode)
			if len(errs) > 0 {
				t.Errorf("unexpected error %v", errs[0].Error())
			}
			if got := render(tt.src, toks); got != tt.want {
				t.Errorf("\ngot  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestScanErrors covers errors that the CPython-checked corpus does not:
// CPython cannot show them (NUL bytes, 3.14 t-strings) or they need a
// generated input.
func TestScanErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "line:col: Kind: message"
	}{
		{"null byte", "x = 1\ny = 2\x00\n", "2:6: SyntaxError: source code cannot contain null bytes"},
		{"unterminated t-string", "x = t'abc\n", "1:5: SyntaxError: unterminated t-string literal (detected at line 1)"},
		{"t-string single brace", "t'}'", "1:3: SyntaxError: t-string: single '}' is not allowed"},
		{"too many f-strings", strings.Repeat(`f"{`, 150) + strings.Repeat(`}"`, 150),
			"1:449: SyntaxError: too many nested f-strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Scan(token.NewFile("t.py", []byte(tt.src)), 0)
			if len(errs) == 0 {
				t.Fatalf("no error, want %s", tt.want)
			}
			if got := errs[0].Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestRecovery checks that scanning goes on after an error.
func TestRecovery(t *testing.T) {
	src := "x = 'abc\ny = 1abc\nz = (]\nw = 2\n"
	toks, errs := Scan(token.NewFile("t.py", []byte(src)), 0)
	if len(errs) != 3 {
		t.Errorf("got %d errors, want 3: %v", len(errs), errs)
	}
	last := toks[len(toks)-5:]
	if got := render(src, last); got != `NAME[25:26]"w" EQUAL[27:28] NUMBER[29:30]"2" NEWLINE[30:31] ENDMARKER[31:31]` {
		t.Errorf("tail after errors: %s", got)
	}
}
