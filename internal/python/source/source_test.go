package source

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

var decodeTests = []struct {
	name string
	raw  string
	want string // decoded text, or "error: " and the message
	// cpython marks cases whose verdict CPython 3.13's ast.parse shares
	// exactly; the others differ by design (see the package comment) or
	// carry a message CPython gives only for files.
	cpython bool
}{
	{"plain", "x = 1\n", "x = 1\n", true},
	{"bom", "\xef\xbb\xbfx = 1\n", "x = 1\n", true},
	{"crlf and cr", "a\r\nb\rc\n", "a\nb\nc\n", true},
	{"latin-1 cookie", "# coding: latin-1\nx = '\xe9'\n", "# coding: latin-1\nx = 'é'\n", true},
	{"latin-1 alias", "# -*- coding: iso_8859_1 -*-\nx = '\xe9'\n", "# -*- coding: iso_8859_1 -*-\nx = 'é'\n", true},
	{"latin1 via registry", "# coding: latin1\nx = '\xe9'\n", "# coding: latin1\nx = 'é'\n", true},
	{"cookie on line 2", "#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
		"#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = '€'\n", true},
	{"cookie after blank line", "\n# coding: koi8-r\nx = '\xc1'\n", "\n# coding: koi8-r\nx = 'а'\n", true},
	{"cookie after code ignored", "x = 1\n# coding: xyz\n", "x = 1\n# coding: xyz\n", true},
	{"cookie on line 3 ignored", "#\n#\n# coding: xyz\n", "#\n#\n# coding: xyz\n", true},
	{"cookie not in comment", "x = 'coding: xyz'\n", "x = 'coding: xyz'\n", true},
	{"utf-8 cookie with bom", "\xef\xbb\xbf# coding: utf-8\nx = 1\n", "# coding: utf-8\nx = 1\n", true},
	{"utf-8-sig cookie", "# coding: utf-8-sig\nx = 1\n", "# coding: utf-8-sig\nx = 1\n", true},
	{"windows codepage name", "# coding: windows-1251\nx = '\xe0'\n", "# coding: windows-1251\nx = 'а'\n", true},
	{"unknown encoding", "# coding: xyz\nx = 1\n", "error: unknown encoding: xyz", true},
	{"unknown encoding on line 2", "\n# coding: xyz\n", "error: unknown encoding: xyz", true},
	{"cookie contradicts bom", "\xef\xbb\xbf# coding: latin-1\nx = 1\n", "error: encoding problem: iso-8859-1 with BOM", true},
	{"ascii cookie, non-ascii byte", "# coding: ascii\nx = '\xe9'\n",
		"error: 'ascii' codec can't decode byte 0xe9 in position 21: ordinal not in range(128)", true},
	{"cp1252 undefined byte", "# coding: cp1252\nx = '\x81'\n",
		"error: 'charmap' codec can't decode byte 0x81 in position 22: character maps to <undefined>", true},
	{"utf8 spelled for the registry", "# coding: utf8\nx = '\xe9'\n",
		"error: 'utf-8' codec can't decode byte 0xe9 in position 20: invalid continuation byte", true},
	// Undeclared bad UTF-8 is the scanner's to judge (comments may hold it).
	{"bad utf-8 kept", "x = 1 # caf\xe9\n", "x = 1 # caf\xe9\n", true},
	{"codec CPython has but Decode lacks", "# coding: euc-jp\nx = 1\n",
		"error: unsupported encoding: euc-jp (CPython's codec euc_jp is not available)", false},
	{"null byte", "x = 1\ny = \x00\n", "error: source code cannot contain null bytes", false},
}

func TestDecode(t *testing.T) {
	for _, tt := range decodeTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode([]byte(tt.raw))
			if err != nil {
				var se *Error
				if !errors.As(err, &se) {
					t.Fatalf("error %v is not a *source.Error", err)
				}
				if "error: "+se.Msg != tt.want {
					t.Errorf("got error %q, want %q", se.Msg, tt.want)
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeErrorPosition(t *testing.T) {
	_, err := Decode([]byte("x = 1\ny = \x00\n"))
	var se *Error
	if !errors.As(err, &se) || se.Line != 2 {
		t.Errorf("got %v, want a null byte error on line 2", err)
	}
	_, err = Decode([]byte("# coding: nope\n"))
	if !errors.As(err, &se) || se.Line != 0 || se.Col != 0 {
		t.Errorf("got %#v, want an error on line 0", err)
	}
}

// TestDecodeAgainstCPython checks the verdicts above with CPython 3.13's
// ast.parse, when it is installed.
func TestDecodeAgainstCPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	env := append(os.Environ(), "PYENV_VERSION=3.13.0")
	probe := exec.Command(py, "-c", "import sys; print('%d.%d' % sys.version_info[:2])")
	probe.Env = env
	if out, err := probe.Output(); err != nil || strings.TrimSpace(string(out)) != "3.13" {
		t.Skip("CPython 3.13 not available")
	}
	const script = `
import ast, sys
data = sys.stdin.buffer.read()
try:
    ast.parse(data)
    print("OK")
except SyntaxError as e:
    print("error: %s" % e.msg)
`
	for _, tt := range decodeTests {
		if !tt.cpython {
			continue
		}
		cmd := exec.Command(py, "-c", script)
		cmd.Env = env
		cmd.Stdin = strings.NewReader(tt.raw)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := strings.TrimSpace(string(out))
		want := "OK"
		if strings.HasPrefix(tt.want, "error: ") {
			want = tt.want
		}
		if got != want {
			t.Errorf("%s: CPython says %q, the table %q", tt.name, got, want)
		}
	}
}
