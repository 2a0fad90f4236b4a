package scanner

import "unicode"

// Characters that Unicode's ID_Start / ID_Continue include but whose NFKC
// forms are no identifiers, so XID_Start / XID_Continue leave them out.
var (
	notXIDStart = map[rune]bool{
		0x037A: true, 0x0E33: true, 0x0EB3: true, 0x309B: true, 0x309C: true,
		0xFC5E: true, 0xFC5F: true, 0xFC60: true, 0xFC61: true, 0xFC62: true,
		0xFC63: true, 0xFDFA: true, 0xFDFB: true, 0xFE70: true, 0xFE72: true,
		0xFE74: true, 0xFE76: true, 0xFE78: true, 0xFE7A: true, 0xFE7C: true,
		0xFE7E: true, 0xFF9E: true, 0xFF9F: true,
	}
	notXIDContinue = map[rune]bool{
		0x037A: true, 0x309B: true, 0x309C: true,
		0xFC5E: true, 0xFC5F: true, 0xFC60: true, 0xFC61: true, 0xFC62: true,
		0xFC63: true, 0xFDFA: true, 0xFDFB: true, 0xFE70: true, 0xFE72: true,
		0xFE74: true, 0xFE76: true, 0xFE78: true, 0xFE7A: true, 0xFE7C: true,
		0xFE7E: true,
	}
	idStart    = []*unicode.RangeTable{unicode.L, unicode.Nl, unicode.Other_ID_Start}
	idContinue = []*unicode.RangeTable{unicode.L, unicode.Nl, unicode.Other_ID_Start,
		unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue}
)

// Unicode 15.1 (CPython 3.13's version) added these to the identifier
// classes; Go's unicode package is at 15.0.
const cjkExtIFirst, cjkExtILast = 0x2EBF0, 0x2EE5D

func isXIDStart(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	if r >= cjkExtIFirst && r <= cjkExtILast {
		return true
	}
	return unicode.IsOneOf(idStart, r) && !unicode.Is(unicode.Pattern_Syntax, r) &&
		!unicode.Is(unicode.Pattern_White_Space, r) && !notXIDStart[r]
}

func isXIDContinue(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	switch {
	case r >= cjkExtIFirst && r <= cjkExtILast,
		r == 0x200C, r == 0x200D, r == 0x30FB, r == 0xFF65: // Unicode 15.1 Other_ID_Continue
		return true
	}
	return unicode.IsOneOf(idContinue, r) && !unicode.Is(unicode.Pattern_Syntax, r) &&
		!unicode.Is(unicode.Pattern_White_Space, r) && !notXIDContinue[r]
}

// isPrintable is Python's str.isprintable for one character (with the
// characters Unicode 15.1 assigned that Go's tables lack).
func isPrintable(r rune) bool {
	switch {
	case r >= cjkExtIFirst && r <= cjkExtILast, r >= 0x2FF0 && r <= 0x2FFF, r == 0x31EF:
		return true
	}
	return unicode.IsPrint(r)
}
