package report

import (
	"fmt"
	"strings"
	"unicode"
)

// Source lines and messages are untrusted text: a scanned file may hold
// terminal escape sequences or the bidirectional controls of a Trojan
// Source attack. Writers show such characters as visible "<U+202E>" marks
// instead of passing them through.

// hiddenRune reports whether r must be shown as a visible mark: control
// characters other than tab, bidirectional formatting characters, and other
// invisible format characters.
func hiddenRune(r rune) bool {
	if r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// runeDisplay returns how r is shown: a mark for a hidden rune, else r.
func runeDisplay(r rune) string {
	if hiddenRune(r) {
		return fmt.Sprintf("<U+%04X>", r)
	}
	return string(r)
}

// safeText replaces hidden runes in s with visible marks. Newlines
// and carriage returns are kept when keepNewlines is set.
func safeText(s string, keepNewlines bool) string {
	if !strings.ContainsFunc(s, hiddenRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if keepNewlines && (r == '\n' || r == '\r') {
			b.WriteRune(r)
			continue
		}
		b.WriteString(runeDisplay(r))
	}
	return b.String()
}

// runeWidth is the number of terminal columns r takes once displayed.
func runeWidth(r rune) int {
	if hiddenRune(r) {
		return len(runeDisplay(r))
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
		return 0
	}
	if isWide(r) {
		return 2
	}
	return 1
}

// isWide approximates East Asian wide and fullwidth characters and emoji.
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF && r != 0x303F, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1F64F, r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}
