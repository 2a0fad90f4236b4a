package parser

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/scanner"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// number builds the Constant of a NUMBER token.
func (p *parser) number(t token.Token) ast.Expr {
	if v, ok := smallDecimal(p.src[t.Pos:t.End]); ok {
		// Most literals: a few decimal digits, read without a copy.
		c := newIntConstant()
		c.Int.SetUint64(v)
		c.SetSpan(int(t.Pos), int(t.End))
		return c
	}
	text := strings.ReplaceAll(p.text(t), "_", "")
	last := text[len(text)-1]
	var c *ast.Constant
	switch {
	case last == 'j' || last == 'J':
		c = &ast.Constant{Kind: ast.ComplexConst, Float: parseFloat(text[:len(text)-1])}
	case len(text) > 1 && text[0] == '0' && strings.ContainsAny(text[1:2], "xXoObB"):
		c = newIntConstant()
		if _, ok := c.Int.SetString(text, 0); !ok {
			p.errorAt(t, "invalid syntax")
		}
	case strings.ContainsAny(text, ".eE"):
		c = &ast.Constant{Kind: ast.FloatConst, Float: parseFloat(text)}
	default:
		c = newIntConstant()
		if v, err := strconv.ParseUint(text, 10, 64); err == nil {
			c.Int.SetUint64(v) // most literals: no parse through a reader
		} else if _, ok := c.Int.SetString(text, 10); !ok {
			p.errorAt(t, "invalid syntax")
		}
		if len(text) > 4300 {
			p.errorAt(t, "Exceeds the limit (4300 digits) for integer string conversion: value has "+strconv.Itoa(len(text))+" digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.")
		}
	}
	c.SetSpan(int(t.Pos), int(t.End))
	return c
}

// smallDecimal reads a literal of up to 18 decimal digits (no
// underscores), which fits a uint64.
func smallDecimal(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// newIntConstant returns an int constant with its value, allocated
// together.
func newIntConstant() *ast.Constant {
	x := &struct {
		c ast.Constant
		i big.Int
	}{}
	x.c.Kind, x.c.Int = ast.IntConst, &x.i
	return &x.c
}

func parseFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f // ±Inf or 0, as CPython rounds
		}
		return math.NaN()
	}
	return f
}

// strPiece is one part of a (possibly implicitly concatenated) string.
type strPiece struct {
	expr     ast.Expr // *ast.Constant str part, *ast.FormattedValue or *ast.Interpolation
	literal  bool
	text     string
	pos, end int
}

// strings reads adjacent string literals, f-strings and t-strings.
func (p *parser) strings() ast.Expr {
	start := int(p.cur().Pos)
	var pieces []strPiece
	// one is the first literal piece while it is the only piece: most
	// strings are one literal, which then needs no list.
	var one strPiece
	hasOne := false
	nBytes, nStr, nF, nT := 0, 0, 0, 0
	uPrefix := false
	first := true
	var bytesVal strings.Builder
	for {
		t := p.cur()
		switch t.Kind {
		case token.STRING:
			p.next()
			lit := p.text(t)
			prefix := lit[:strings.IndexAny(lit, `'"`)]
			isBytes := strings.ContainsAny(prefix, "bB")
			if first && strings.ContainsAny(prefix, "uU") {
				uPrefix = true
			}
			if e := scanner.StringError(p.file, t); e != nil {
				p.errorRange(e.Pos, e.Pos, e.Msg)
			}
			val, msg := decodeStringLiteral(lit)
			if msg != "" {
				p.errorAt(t, msg)
			}
			if isBytes {
				nBytes++
				bytesVal.WriteString(val)
			} else {
				nStr++
				pc := strPiece{literal: true, text: val, pos: int(t.Pos), end: int(t.End)}
				switch {
				case len(pieces) == 0 && !hasOne:
					one, hasOne = pc, true
				case hasOne:
					pieces = append(pieces, one, pc)
					hasOne = false
				default:
					pieces = append(pieces, pc)
				}
			}
		case token.FSTRING_START, token.TSTRING_START:
			if hasOne {
				pieces = append(pieces, one)
				hasOne = false
			}
			if t.Kind == token.FSTRING_START {
				nF++
			} else {
				nT++
			}
			pieces = p.fstring(pieces)
		default:
			goto done
		}
		first = false
	}
done:
	end := p.prevEnd()
	if nBytes > 0 && (nStr > 0 || nF > 0 || nT > 0) {
		p.errorAt(p.cur(), "cannot mix bytes and nonbytes literals")
	}
	if nT > 0 && (nStr > 0 || nF > 0) {
		p.errorRange(start, end, "cannot mix t-string literals with string or bytes literals")
	}
	if nBytes > 0 {
		c := &ast.Constant{Kind: ast.BytesConst, Str: bytesVal.String()}
		c.SetSpan(start, end)
		return c
	}
	if nF == 0 && nT == 0 {
		var str string
		if hasOne {
			str = one.text
		} else if len(pieces) == 1 {
			str = pieces[0].text // most literals: no copy to build
		} else {
			var b strings.Builder
			for _, pc := range pieces {
				b.WriteString(pc.text)
			}
			str = b.String()
		}
		c := &ast.Constant{Kind: ast.StrConst, Str: str, UPrefix: uPrefix}
		c.SetSpan(start, end)
		return c
	}
	// Merge adjacent literal pieces; drop empty ones.
	var values []ast.Expr
	for i := 0; i < len(pieces); {
		pc := pieces[i]
		if !pc.literal {
			values = append(values, pc.expr)
			i++
			continue
		}
		j := i
		var b strings.Builder
		pos, pend := pc.pos, pc.end
		for j < len(pieces) && pieces[j].literal {
			b.WriteString(pieces[j].text)
			pend = pieces[j].end
			j++
		}
		if b.Len() > 0 {
			c := &ast.Constant{Kind: ast.StrConst, Str: b.String()}
			c.SetSpan(pos, pend)
			values = append(values, c)
		}
		i = j
	}
	if nT > 0 {
		ts := &ast.TemplateStr{Values: values}
		ts.SetSpan(start, end)
		return ts
	}
	js := &ast.JoinedStr{Values: values}
	js.SetSpan(start, end)
	return js
}

// fstring reads one f-string or t-string from its START to its END token,
// appending its pieces.
func (p *parser) fstring(pieces []strPiece) []strPiece {
	startTok := p.next()
	template := startTok.Kind == token.TSTRING_START
	prefix := strings.ToLower(p.text(startTok))
	raw := strings.Contains(prefix, "r")
	middle, endKind := token.FSTRING_MIDDLE, token.FSTRING_END
	if template {
		middle, endKind = token.TSTRING_MIDDLE, token.TSTRING_END
	}
	for {
		t := p.cur()
		switch t.Kind {
		case middle:
			p.next()
			val, msg := decodeBody(p.text(t), raw, false)
			if msg != "" {
				p.errorAt(t, msg)
			}
			pieces = append(pieces, strPiece{literal: true, text: val, pos: int(t.Pos), end: p.middleEnd(t)})
		case token.LBRACE:
			pieces = p.replacementField(pieces, template, raw)
		case endKind:
			p.next()
			if n := len(pieces); n > 0 && pieces[n-1].literal && pieces[n-1].end == int(t.Pos) {
				// The end of a literal piece is the end of the string.
			}
			return pieces
		default:
			if t.Kind == token.ENDMARKER || t.Kind == token.NEWLINE {
				p.syntaxError()
			}
			p.syntaxError()
		}
	}
}

// replacementField reads `{ expr [=] [!c] [:spec] }`.
func (p *parser) replacementField(pieces []strPiece, template, raw bool) []strPiece {
	lbrace := p.next()
	start := int(lbrace.Pos)
	if p.kind() == token.RBRACE {
		p.errorAt(p.cur(), "f-string: valid expression required before '}'")
	}
	exprStart := p.p
	var value ast.Expr
	if p.is("yield") {
		value = p.yieldExpr()
	} else {
		value = p.starExpressions()
	}
	exprText := p.sourceBetween(exprStart, p.p)
	conversion := -1
	var debugText string
	debug := false
	if p.kind() == token.EQUAL {
		p.next()
		debug = true
		// The text up to the next token, whitespace included.
		debugText = p.textWithoutComments(int(lbrace.End), int(p.cur().Pos))
		pieces = append(pieces, strPiece{literal: true, text: debugText, pos: int(lbrace.End), end: int(p.cur().Pos)})
	}
	if p.kind() == token.EXCLAMATION {
		bang := p.next()
		ct := p.cur()
		if ct.Kind != token.NAME || ct.Pos != bang.End {
			if ct.Kind == token.NAME {
				p.errorAt(ct, "f-string: conversion type must come right after the exclamanation mark")
			}
			p.errorAt(ct, "f-string: missing conversion character")
		}
		switch s := p.text(ct); s {
		case "s", "r", "a":
			conversion = int(s[0])
		default:
			p.errorAt(ct, "f-string: invalid conversion character '"+s+"': expected 's', 'r', or 'a'")
		}
		p.next()
	}
	var spec ast.Expr
	if p.kind() == token.COLON {
		spec = p.formatSpec(template, raw)
	}
	if p.kind() != token.RBRACE {
		if p.kind() == token.ENDMARKER || p.kind() == token.NEWLINE {
			p.errorAt(p.cur(), "f-string: expecting '}'")
		}
		p.errorAt(p.cur(), "f-string: expecting '}'")
	}
	p.next()
	if debug && conversion == -1 && spec == nil {
		conversion = 'r'
	}
	if template {
		in := &ast.Interpolation{Value: value, Str: exprText, Conversion: conversion, FormatSpec: spec}
		in.SetSpan(start, p.prevEnd())
		return append(pieces, strPiece{expr: in})
	}
	fv := &ast.FormattedValue{Value: value, Conversion: conversion, FormatSpec: spec}
	fv.SetSpan(start, p.prevEnd())
	return append(pieces, strPiece{expr: fv})
}

// formatSpec reads `':' (MIDDLE | field)*` up to the closing '}'.
func (p *parser) formatSpec(template, raw bool) ast.Expr {
	colon := p.next()
	middle := token.FSTRING_MIDDLE
	if template {
		middle = token.TSTRING_MIDDLE
	}
	var pieces []strPiece
	for {
		t := p.cur()
		if t.Kind == middle {
			p.next()
			val, msg := decodeBody(p.text(t), raw, false)
			if msg != "" {
				p.errorAt(t, msg)
			}
			pieces = append(pieces, strPiece{literal: true, text: val, pos: int(t.Pos), end: p.middleEnd(t)})
			continue
		}
		if t.Kind == token.LBRACE {
			pieces = p.replacementField(pieces, template, raw)
			continue
		}
		break
	}
	var values []ast.Expr
	for i := 0; i < len(pieces); {
		pc := pieces[i]
		if !pc.literal {
			values = append(values, pc.expr)
			i++
			continue
		}
		j := i
		var b strings.Builder
		pend := pc.end
		for j < len(pieces) && pieces[j].literal {
			b.WriteString(pieces[j].text)
			pend = pieces[j].end
			j++
		}
		if b.Len() > 0 {
			c := &ast.Constant{Kind: ast.StrConst, Str: b.String()}
			c.SetSpan(pc.pos, pend)
			values = append(values, c)
		}
		i = j
	}
	js := &ast.JoinedStr{Values: values}
	js.SetSpan(int(colon.Pos), int(p.cur().Pos))
	return js
}

// sourceBetween is the source text of tokens [from, to).
func (p *parser) sourceBetween(from, to int) string {
	if to <= from {
		return ""
	}
	return string(p.src[p.toks[from].Pos:p.toks[to-1].End])
}

// middleEnd is where a literal part of an f-string ends: after the brace
// the scanner skipped when the part ends in a doubled "{{" or "}}".
func (p *parser) middleEnd(t token.Token) int {
	end := int(t.End)
	if t.End > t.Pos && end < len(p.src) {
		if c := p.src[end-1]; (c == '{' || c == '}') && p.src[end] == c {
			return end + 1
		}
	}
	return end
}

// textWithoutComments is the source in [pos, end) with comments removed,
// as CPython writes the text of an f-string's "=" field.
func (p *parser) textWithoutComments(pos, end int) string {
	var b []byte
	at := pos
	for _, c := range p.comments {
		if int(c.Pos) >= pos && int(c.End) <= end {
			b = append(b, p.src[at:c.Pos]...)
			at = int(c.End)
		}
	}
	b = append(b, p.src[at:end]...)
	return string(b)
}
