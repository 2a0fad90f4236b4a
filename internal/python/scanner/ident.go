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

func isXIDStart(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsOneOf(idStart, r) && !unicode.Is(unicode.Pattern_Syntax, r) &&
		!unicode.Is(unicode.Pattern_White_Space, r) && !notXIDStart[r]
}

func isXIDContinue(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	return unicode.IsOneOf(idContinue, r) && !unicode.Is(unicode.Pattern_Syntax, r) &&
		!unicode.Is(unicode.Pattern_White_Space, r) && !notXIDContinue[r]
}

// isPrintable is Python's str.isprintable for one character.
func isPrintable(r rune) bool { return unicode.IsPrint(r) }
