package scanner

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestIdentifierCharsAgainstCPython compares the identifier character
// classes and printability with str.isidentifier and str.isprintable of
// CPython 3.13 over all of Unicode.
func TestIdentifierCharsAgainstCPython(t *testing.T) {
	run := python313(t)
	const script = `
import sys
for prefix in ("", "a"):
    sys.stdout.write(" ".join(str(i) for i in range(0x80, 0x110000)
        if not 0xD800 <= i < 0xE000 and (prefix + chr(i)).isidentifier()) + "\n")
sys.stdout.write(" ".join(str(i) for i in range(0x80, 0x110000)
    if not 0xD800 <= i < 0xE000 and chr(i).isprintable()) + "\n")
`
	out, err := run("-c", script).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(out), "\n")
	for k, class := range []struct {
		name string
		is   func(rune) bool
	}{{"XID_Start", isXIDStart}, {"XID_Continue", isXIDContinue}, {"printable", isPrintable}} {
		want := map[rune]bool{}
		for _, f := range strings.Fields(lines[k]) {
			n, _ := strconv.Atoi(f)
			want[rune(n)] = true
		}
		bad := 0
		for r := rune(0x80); r <= utf8.MaxRune; r++ {
			if r >= 0xD800 && r < 0xE000 {
				continue
			}
			if class.is(r) != want[r] {
				if bad < 10 {
					t.Errorf("%s(%U) = %v, CPython says %v", class.name, r, class.is(r), want[r])
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d code points differ", class.name, bad)
		}
	}
}

func TestIdentifierChars(t *testing.T) {
	tests := []struct {
		r            rune
		start, conti bool
	}{
		{'é', true, true}, {'ω', true, true}, {'٣', false, true}, {'€', false, false},
		{'\u00a0', false, false}, {'ℕ', true, true}, {'\u0300', false, true}, {'·', false, true},
		{'\U0002EBF0', true, true}, {'\u200d', false, true}, {'\u037a', false, false},
	}
	for _, tt := range tests {
		if got := isXIDStart(tt.r); got != tt.start {
			t.Errorf("isXIDStart(%U) = %v", tt.r, got)
		}
		if got := isXIDContinue(tt.r); got != tt.conti {
			t.Errorf("isXIDContinue(%U) = %v", tt.r, got)
		}
	}
}
