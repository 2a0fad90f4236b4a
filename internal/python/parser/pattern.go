package parser

import (
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// tryMatchStmt reads a match statement if the soft keyword `match` starts
// one here; otherwise it returns nil and consumes nothing.
func (p *parser) tryMatchStmt() ast.Stmt {
	save := p.p
	// Decide by reading the subject and the ':' NEWLINE speculatively.
	ok := p.speculate(func() {
		p.next()
		p.matchSubject()
		if p.kind() != token.COLON {
			p.syntaxError()
		}
	})
	p.p = save
	if !ok {
		return nil
	}
	kw := p.next()
	s := &ast.Match{Subject: p.matchSubject()}
	p.colon()
	if !p.got(token.NEWLINE) {
		p.syntaxError()
	}
	if p.kind() != token.INDENT {
		p.indentErrorHere("expected an indented block after 'match' statement on line " + itoa(p.lineOf(int(kw.Pos))))
	}
	p.next()
	for p.is("case") {
		s.Cases = append(s.Cases, p.caseBlock())
	}
	if len(s.Cases) == 0 {
		p.syntaxError()
	}
	if p.kind() != token.DEDENT && p.kind() != token.ENDMARKER {
		p.syntaxError()
	}
	p.got(token.DEDENT)
	last := s.Cases[len(s.Cases)-1]
	_ = last
	s.SetSpan(int(kw.Pos), p.prevEnd())
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// matchSubject reads `star_named_expression ',' star_named_expressions? |
// named_expression`.
func (p *parser) matchSubject() ast.Expr {
	start := int(p.cur().Pos)
	first := p.starNamedExpression()
	if p.kind() != token.COMMA {
		if _, ok := first.(*ast.Starred); ok {
			p.syntaxError()
		}
		return first
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.kind() == token.COLON {
			break
		}
		elts = append(elts, p.starNamedExpression())
	}
	t := &ast.Tuple{Elts: elts, Ctx: ast.Load}
	t.SetSpan(start, p.prevEnd())
	return t
}

func (p *parser) caseBlock() *ast.MatchCase {
	kw := p.next()
	c := &ast.MatchCase{Pattern: p.patterns()}
	if p.gotKw("if") {
		c.Guard = p.namedExpression()
	}
	p.colon()
	c.Body = p.blockAfter("'case' statement", p.lineOf(int(kw.Pos)))
	c.SetSpan(int(kw.Pos), p.prevEnd())
	return c
}

// patterns reads `open_sequence_pattern | pattern`.
func (p *parser) patterns() ast.Pattern {
	start := int(p.cur().Pos)
	first := p.maybeStarPattern()
	if p.kind() != token.COMMA {
		if _, ok := first.(*ast.MatchStar); ok {
			seq := &ast.MatchSequence{Patterns: []ast.Pattern{first}}
			seq.SetSpan(start, p.prevEnd())
			return seq
		}
		return first
	}
	pats := []ast.Pattern{first}
	for p.got(token.COMMA) {
		if p.kind() == token.COLON || p.is("if") {
			break
		}
		pats = append(pats, p.maybeStarPattern())
	}
	seq := &ast.MatchSequence{Patterns: pats}
	seq.SetSpan(start, p.prevEnd())
	return seq
}

func (p *parser) maybeStarPattern() ast.Pattern {
	if p.kind() == token.STAR {
		start := int(p.next().Pos)
		nt := p.expectName()
		s := &ast.MatchStar{}
		if n := p.text(nt); n != "_" {
			s.Name = n
		}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	return p.pattern()
}

// pattern reads `or_pattern ['as' NAME]`.
func (p *parser) pattern() ast.Pattern {
	p.enter()
	defer p.leave()
	start := int(p.cur().Pos)
	pat := p.orPattern()
	if p.is("as") {
		p.next()
		nt := p.cur()
		if nt.Kind != token.NAME || p.text(nt) == "_" || token.Keywords[p.text(nt)] {
			if nt.Kind == token.NAME && p.text(nt) == "_" {
				p.errorAt(nt, "cannot use '_' as a target")
			}
			p.errorAt(nt, "invalid pattern target")
		}
		p.next()
		as := &ast.MatchAs{Pattern: pat, Name: p.name(nt)}
		as.SetSpan(start, p.prevEnd())
		return as
	}
	return pat
}

func (p *parser) orPattern() ast.Pattern {
	start := int(p.cur().Pos)
	first := p.closedPattern()
	if p.kind() != token.VBAR {
		return first
	}
	pats := []ast.Pattern{first}
	for p.got(token.VBAR) {
		pats = append(pats, p.closedPattern())
	}
	o := &ast.MatchOr{Patterns: pats}
	o.SetSpan(start, p.prevEnd())
	return o
}

func (p *parser) closedPattern() ast.Pattern {
	t := p.cur()
	start := int(t.Pos)
	switch t.Kind {
	case token.NUMBER, token.MINUS:
		v := p.signedNumberPattern()
		m := &ast.MatchValue{Value: v}
		m.SetSpan(start, p.prevEnd())
		return m
	case token.STRING, token.FSTRING_START, token.TSTRING_START:
		v := p.strings()
		if _, ok := v.(*ast.Constant); !ok {
			p.errorNode(v, "patterns may only match literals and attribute lookups")
		}
		m := &ast.MatchValue{Value: v}
		m.SetSpan(start, p.prevEnd())
		return m
	case token.LPAR:
		p.next()
		if p.got(token.RPAR) {
			seq := &ast.MatchSequence{}
			seq.SetSpan(start, p.prevEnd())
			return seq
		}
		first := p.maybeStarPattern()
		if p.kind() == token.RPAR {
			p.next()
			if _, ok := first.(*ast.MatchStar); ok {
				seq := &ast.MatchSequence{Patterns: []ast.Pattern{first}}
				seq.SetSpan(start, p.prevEnd())
				return seq
			}
			return first
		}
		pats := []ast.Pattern{first}
		for p.got(token.COMMA) {
			if p.kind() == token.RPAR {
				break
			}
			pats = append(pats, p.maybeStarPattern())
		}
		p.expect(token.RPAR, "')'")
		seq := &ast.MatchSequence{Patterns: pats}
		seq.SetSpan(start, p.prevEnd())
		return seq
	case token.LSQB:
		p.next()
		var pats []ast.Pattern
		for p.kind() != token.RSQB {
			pats = append(pats, p.maybeStarPattern())
			if !p.got(token.COMMA) {
				break
			}
		}
		p.expect(token.RSQB, "']'")
		seq := &ast.MatchSequence{Patterns: pats}
		seq.SetSpan(start, p.prevEnd())
		return seq
	case token.LBRACE:
		return p.mappingPattern()
	case token.NAME:
		s := p.text(t)
		switch s {
		case "None", "True", "False":
			p.next()
			c := &ast.Constant{}
			switch s {
			case "None":
				c.Kind = ast.NoneConst
			case "True":
				c.Kind, c.Bool = ast.BoolConst, true
			default:
				c.Kind = ast.BoolConst
			}
			c.SetSpan(int(t.Pos), int(t.End))
			m := &ast.MatchSingleton{Value: c}
			m.SetSpan(start, p.prevEnd())
			return m
		}
		if token.Keywords[s] {
			p.syntaxError()
		}
		// A capture, the wildcard, a value (dotted name) or a class pattern.
		p.next()
		var e ast.Expr = &ast.Name{Id: p.name(t), Ctx: ast.Load}
		e.(*ast.Name).SetSpan(int(t.Pos), int(t.End))
		dotted := false
		for p.kind() == token.DOT {
			p.next()
			nt := p.expectName()
			a := &ast.Attribute{Value: e, Attr: p.name(nt), AttrPos: nt.Pos, Ctx: ast.Load}
			a.SetSpan(start, p.prevEnd())
			e = a
			dotted = true
		}
		if p.kind() == token.LPAR {
			return p.classPattern(e, start)
		}
		if dotted {
			m := &ast.MatchValue{Value: e}
			m.SetSpan(start, p.prevEnd())
			return m
		}
		as := &ast.MatchAs{}
		if s != "_" {
			as.Name = p.name(t)
		}
		as.SetSpan(start, p.prevEnd())
		return as
	}
	p.syntaxError()
	return nil
}

// signedNumberPattern reads a literal number pattern, with an optional
// sign and an optional `+/- imaginary` part.
func (p *parser) signedNumberPattern() ast.Expr {
	start := int(p.cur().Pos)
	var e ast.Expr
	if p.kind() == token.MINUS {
		p.next()
		t := p.expect(token.NUMBER, "number")
		u := &ast.UnaryOp{Op: ast.USub, Operand: p.number(t)}
		u.SetSpan(start, p.prevEnd())
		e = u
	} else {
		e = p.number(p.expect(token.NUMBER, "number"))
	}
	if k := p.kind(); k == token.PLUS || k == token.MINUS {
		op := ast.Add
		if k == token.MINUS {
			op = ast.Sub
		}
		p.next()
		t := p.expect(token.NUMBER, "number")
		im := p.number(t)
		if c, ok := im.(*ast.Constant); !ok || c.Kind != ast.ComplexConst {
			p.errorNode(im, "imaginary number required in complex literal")
		}
		if c, ok := e.(*ast.Constant); ok && c.Kind == ast.ComplexConst {
			p.errorNode(e, "real number required in complex literal")
		}
		b := &ast.BinOp{Left: e, Op: op, Right: im}
		b.SetSpan(start, p.prevEnd())
		e = b
	}
	return e
}

func (p *parser) mappingPattern() ast.Pattern {
	start := int(p.next().Pos)
	m := &ast.MatchMapping{}
	for p.kind() != token.RBRACE {
		if p.got(token.DOUBLESTAR) {
			m.Rest = p.name(p.expectName())
			p.got(token.COMMA)
			if p.kind() != token.RBRACE {
				p.syntaxError()
			}
			break
		}
		var key ast.Expr
		switch t := p.cur(); t.Kind {
		case token.NUMBER, token.MINUS:
			key = p.signedNumberPattern()
		case token.STRING, token.FSTRING_START:
			key = p.strings()
		case token.NAME:
			switch p.text(t) {
			case "None", "True", "False":
				key = p.atom()
			default:
				key = p.primaryNameChain()
				if _, ok := key.(*ast.Attribute); !ok {
					p.syntaxError()
				}
			}
		default:
			p.syntaxError()
		}
		p.expect(token.COLON, "':'")
		m.Keys = append(m.Keys, key)
		m.Patterns = append(m.Patterns, p.pattern())
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RBRACE, "'}'")
	m.SetSpan(start, p.prevEnd())
	return m
}

// primaryNameChain reads NAME ('.' NAME)*.
func (p *parser) primaryNameChain() ast.Expr {
	t := p.expectName()
	start := int(t.Pos)
	var e ast.Expr = &ast.Name{Id: p.name(t), Ctx: ast.Load}
	e.(*ast.Name).SetSpan(int(t.Pos), int(t.End))
	for p.kind() == token.DOT {
		p.next()
		nt := p.expectName()
		a := &ast.Attribute{Value: e, Attr: p.name(nt), AttrPos: nt.Pos, Ctx: ast.Load}
		a.SetSpan(start, p.prevEnd())
		e = a
	}
	return e
}

func (p *parser) classPattern(cls ast.Expr, start int) ast.Pattern {
	p.next()
	m := &ast.MatchClass{Cls: cls}
	sawKeyword := false
	for p.kind() != token.RPAR {
		if p.kind() == token.NAME && p.peekKind(1) == token.EQUAL {
			nt := p.next()
			p.next()
			m.KwdAttrs = append(m.KwdAttrs, p.name(nt))
			m.KwdPatterns = append(m.KwdPatterns, p.pattern())
			sawKeyword = true
		} else {
			pat := p.pattern()
			if sawKeyword {
				p.errorNode(pat, "positional patterns follow keyword patterns")
			}
			m.Patterns = append(m.Patterns, pat)
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAR, "')'")
	m.SetSpan(start, p.prevEnd())
	return m
}
