package parser

import (
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// starExpressions reads `star_expression (',' star_expression)* [',']`,
// a Tuple when there is a comma.
func (p *parser) starExpressions() ast.Expr {
	start := int(p.cur().Pos)
	first := p.starExpression()
	if p.kind() != token.COMMA {
		return first
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if !p.startsExpression() {
			break
		}
		elts = append(elts, p.starExpression())
	}
	t := &ast.Tuple{Elts: elts, Ctx: ast.Load}
	t.SetSpan(start, p.prevEnd())
	return t
}

// starExpression reads `'*' bitwise_or | expression`.
func (p *parser) starExpression() ast.Expr {
	if p.kind() == token.STAR {
		start := int(p.next().Pos)
		s := &ast.Starred{Value: p.bitwiseOr(), Ctx: ast.Load}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	return p.expression()
}

// starNamedExpression reads `'*' bitwise_or | named_expression`.
func (p *parser) starNamedExpression() ast.Expr {
	if p.kind() == token.STAR {
		start := int(p.next().Pos)
		s := &ast.Starred{Value: p.bitwiseOr(), Ctx: ast.Load}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	return p.namedExpression()
}

// namedExpression reads `NAME ':=' expression | expression`.
func (p *parser) namedExpression() ast.Expr {
	if p.kind() == token.NAME && p.peekKind(1) == token.COLONEQUAL && p.isName() {
		t := p.next()
		p.next()
		target := &ast.Name{Id: p.name(t), Ctx: ast.Store}
		target.SetSpan(int(t.Pos), int(t.End))
		n := &ast.NamedExpr{Target: target, Value: p.expression()}
		n.SetSpan(int(t.Pos), p.prevEnd())
		return n
	}
	e := p.expression()
	if p.kind() == token.COLONEQUAL {
		p.errorNode(e, "cannot use assignment expressions with "+exprKindName(e))
	}
	return e
}

// expression reads a conditional expression or a lambda.
func (p *parser) expression() ast.Expr {
	p.enter()
	defer p.leave()
	if p.is("lambda") {
		return p.lambda()
	}
	start := int(p.cur().Pos)
	body := p.disjunction()
	if !p.is("if") {
		return body
	}
	p.next()
	test := p.disjunction()
	if !p.is("else") {
		p.errorRange(start, p.prevEnd(), "expected 'else' after 'if' expression")
	}
	p.next()
	orelse := p.expression()
	e := &ast.IfExp{Test: test, Body: body, Orelse: orelse}
	e.SetSpan(start, p.prevEnd())
	return e
}

func (p *parser) lambda() ast.Expr {
	start := int(p.next().Pos)
	args := p.parameters(token.COLON, false)
	p.expect(token.COLON, "':'")
	l := &ast.Lambda{Args: args, Body: p.expression()}
	l.SetSpan(start, p.prevEnd())
	return l
}

func (p *parser) disjunction() ast.Expr {
	start := int(p.cur().Pos)
	first := p.conjunction()
	if !p.is("or") {
		return first
	}
	values := []ast.Expr{first}
	for p.gotKw("or") {
		values = append(values, p.conjunction())
	}
	b := &ast.BoolOp{Op: ast.Or, Values: values}
	b.SetSpan(start, p.prevEnd())
	return b
}

func (p *parser) conjunction() ast.Expr {
	start := int(p.cur().Pos)
	first := p.inversion()
	if !p.is("and") {
		return first
	}
	values := []ast.Expr{first}
	for p.gotKw("and") {
		values = append(values, p.inversion())
	}
	b := &ast.BoolOp{Op: ast.And, Values: values}
	b.SetSpan(start, p.prevEnd())
	return b
}

func (p *parser) inversion() ast.Expr {
	if p.is("not") {
		p.enter()
		defer p.leave()
		start := int(p.next().Pos)
		u := &ast.UnaryOp{Op: ast.Not, Operand: p.inversion()}
		u.SetSpan(start, p.prevEnd())
		return u
	}
	return p.comparison()
}

// compareOp reads a comparison operator, or returns false.
func (p *parser) compareOp() (ast.CmpOperator, bool) {
	switch p.kind() {
	case token.EQEQUAL:
		p.next()
		return ast.Eq, true
	case token.NOTEQUAL:
		t := p.cur()
		if p.text(t) == "<>" {
			p.errorAt(t, "invalid syntax")
		}
		p.next()
		return ast.NotEq, true
	case token.LESS:
		p.next()
		return ast.Lt, true
	case token.LESSEQUAL:
		p.next()
		return ast.LtE, true
	case token.GREATER:
		p.next()
		return ast.Gt, true
	case token.GREATEREQUAL:
		p.next()
		return ast.GtE, true
	case token.NAME:
		switch {
		case p.is("in"):
			p.next()
			return ast.In, true
		case p.is("not") && p.isAt(1, "in"):
			p.next()
			p.next()
			return ast.NotIn, true
		case p.is("is"):
			p.next()
			if p.gotKw("not") {
				return ast.IsNot, true
			}
			return ast.Is, true
		}
	}
	return 0, false
}

func (p *parser) comparison() ast.Expr {
	start := int(p.cur().Pos)
	left := p.bitwiseOr()
	op, ok := p.compareOp()
	if !ok {
		return left
	}
	c := &ast.Compare{Left: left}
	for ok {
		c.Ops = append(c.Ops, op)
		c.Comparators = append(c.Comparators, p.bitwiseOr())
		op, ok = p.compareOp()
	}
	c.SetSpan(start, p.prevEnd())
	return c
}

// binary operator precedence levels, lowest first.
const (
	precOr = iota + 1
	precXor
	precAnd
	precShift
	precSum
	precTerm
)

func binaryOp(k token.Kind) (ast.Operator, int) {
	switch k {
	case token.VBAR:
		return ast.BitOr, precOr
	case token.CIRCUMFLEX:
		return ast.BitXor, precXor
	case token.AMPER:
		return ast.BitAnd, precAnd
	case token.LEFTSHIFT:
		return ast.LShift, precShift
	case token.RIGHTSHIFT:
		return ast.RShift, precShift
	case token.PLUS:
		return ast.Add, precSum
	case token.MINUS:
		return ast.Sub, precSum
	case token.STAR:
		return ast.Mult, precTerm
	case token.SLASH:
		return ast.Div, precTerm
	case token.DOUBLESLASH:
		return ast.FloorDiv, precTerm
	case token.PERCENT:
		return ast.Mod, precTerm
	case token.AT:
		return ast.MatMult, precTerm
	}
	return 0, 0
}

func (p *parser) bitwiseOr() ast.Expr { return p.binary(precOr) }

// binary reads left-associative binary operators of precedence >= min by
// precedence climbing.
func (p *parser) binary(min int) ast.Expr {
	p.enter()
	defer p.leave()
	start := int(p.cur().Pos)
	left := p.factor()
	for {
		op, prec := binaryOp(p.kind())
		if prec < min || prec == 0 {
			return left
		}
		p.next()
		right := p.binaryAbove(prec)
		b := &ast.BinOp{Left: left, Op: op, Right: right}
		b.SetSpan(start, p.prevEnd())
		left = b
	}
}

// binaryAbove reads an operand binding tighter than prec.
func (p *parser) binaryAbove(prec int) ast.Expr {
	if prec >= precTerm {
		return p.factor()
	}
	return p.binary(prec + 1)
}

func (p *parser) factor() ast.Expr {
	var op ast.UnaryOperator
	switch p.kind() {
	case token.PLUS:
		op = ast.UAdd
	case token.MINUS:
		op = ast.USub
	case token.TILDE:
		op = ast.Invert
	default:
		return p.power()
	}
	p.enter()
	defer p.leave()
	start := int(p.next().Pos)
	u := &ast.UnaryOp{Op: op, Operand: p.factor()}
	u.SetSpan(start, p.prevEnd())
	return u
}

func (p *parser) power() ast.Expr {
	start := int(p.cur().Pos)
	left := p.awaitPrimary()
	if p.kind() != token.DOUBLESTAR {
		return left
	}
	p.next()
	b := &ast.BinOp{Left: left, Op: ast.Pow, Right: p.factor()}
	b.SetSpan(start, p.prevEnd())
	return b
}

func (p *parser) awaitPrimary() ast.Expr {
	if p.is("await") {
		start := int(p.next().Pos)
		a := &ast.Await{Value: p.primary()}
		a.SetSpan(start, p.prevEnd())
		return a
	}
	return p.primary()
}

// primary reads an atom and its trailers: attributes, calls, subscripts.
func (p *parser) primary() ast.Expr {
	start := int(p.cur().Pos)
	e := p.atom()
	for {
		switch p.kind() {
		case token.DOT:
			p.next()
			nt := p.expectName()
			a := p.attrNodes.new()
			a.Value, a.Attr, a.AttrPos = e, p.name(nt), nt.Pos
			a.SetSpan(start, p.prevEnd())
			e = a
		case token.LPAR:
			e = p.call(e, start)
		case token.LSQB:
			p.next()
			s := &ast.Subscript{Value: e, Slice: p.slices(), Ctx: ast.Load}
			p.expect(token.RSQB, "']'")
			s.SetSpan(start, p.prevEnd())
			e = s
		default:
			return e
		}
	}
}

// slices reads the inside of a subscript.
func (p *parser) slices() ast.Expr {
	start := int(p.cur().Pos)
	first := p.slice()
	if p.kind() != token.COMMA {
		if _, ok := first.(*ast.Starred); !ok {
			return first
		}
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.kind() == token.RSQB {
			break
		}
		elts = append(elts, p.slice())
	}
	t := &ast.Tuple{Elts: elts, Ctx: ast.Load}
	t.SetSpan(start, p.prevEnd())
	return t
}

// slice reads `[expression] ':' [expression] [':' [expression]]`, a
// starred expression or a named expression.
func (p *parser) slice() ast.Expr {
	start := int(p.cur().Pos)
	if p.kind() == token.STAR {
		return p.starExpression()
	}
	var lower ast.Expr
	if p.kind() != token.COLON {
		lower = p.namedExpression()
		if p.kind() != token.COLON {
			return lower
		}
		if _, ok := lower.(*ast.NamedExpr); ok {
			p.syntaxError()
		}
	}
	p.next()
	s := &ast.Slice{Lower: lower}
	if k := p.kind(); k != token.COLON && k != token.COMMA && k != token.RSQB {
		s.Upper = p.expression()
	}
	if p.got(token.COLON) {
		if k := p.kind(); k != token.COMMA && k != token.RSQB {
			s.Step = p.expression()
		}
	}
	s.SetSpan(start, p.prevEnd())
	return s
}

// call reads a call's parenthesised arguments after fn.
func (p *parser) call(fn ast.Expr, start int) ast.Expr {
	lpar := p.next()
	c := p.callNodes.new()
	c.Func = fn
	if p.kind() != token.RPAR {
		c.Args, c.Keywords = p.callArguments(int(lpar.Pos))
	}
	p.expect(token.RPAR, "')'")
	c.SetSpan(start, p.prevEnd())
	return c
}

// soleGenexp reads the rest of `f(x for x in y)` after its element; the
// generator expression must be the call's only argument.
func (p *parser) soleGenexp(lpar int, elt ast.Expr) ast.Expr {
	gens := p.comprehensionClauses()
	if p.kind() != token.RPAR {
		if p.kind() == token.COMMA {
			p.errorRange(elt.Pos(), p.prevEnd(), "Generator expression must be parenthesized")
		}
		p.syntaxError()
	}
	g := &ast.GeneratorExp{Elt: elt, Generators: gens}
	g.SetSpan(lpar, int(p.cur().End))
	return g
}

// callArguments reads positional and keyword arguments up to ')'. In a
// call (lpar, the offset of its '(', is not negative) a generator
// expression as the sole argument takes the call's parentheses:
// `f(x for x in y)`.
func (p *parser) callArguments(lpar int) ([]ast.Expr, []*ast.Keyword) {
	// The lists are collected on the stack and copied out at their exact
	// length: one allocation each instead of one per doubling.
	var argBuf [6]ast.Expr
	var kwBuf [4]*ast.Keyword
	args, kws := argBuf[:0], kwBuf[:0]
	sawKeyword, sawDoubleStar := false, false
	for p.kind() != token.RPAR {
		start := int(p.cur().Pos)
		argStart := p.p
		switch {
		case p.kind() == token.STAR:
			p.next()
			s := &ast.Starred{Value: p.expression(), Ctx: ast.Load}
			s.SetSpan(start, p.prevEnd())
			if sawDoubleStar {
				p.errorAt(p.toks[argStart-1], "iterable argument unpacking follows keyword argument unpacking")
			}
			if p.is("for") {
				p.errorNode(s, "iterable unpacking cannot be used in comprehension")
			}
			args = append(args, s)
		case p.kind() == token.DOUBLESTAR:
			p.next()
			k := &ast.Keyword{Value: p.expression()}
			k.SetSpan(start, p.prevEnd())
			kws = append(kws, k)
			sawDoubleStar = true
		case p.kind() == token.NAME && p.peekKind(1) == token.EQUAL:
			nt := p.next()
			if !p.isNameTok(nt) {
				p.errorAt(nt, "invalid syntax")
			}
			p.next()
			if p.kind() == token.COMMA || p.kind() == token.RPAR {
				p.errorRange(int(nt.Pos), p.prevEnd(), "expected argument value expression")
			}
			k := &ast.Keyword{Arg: p.name(nt), Value: p.expression()}
			k.SetSpan(start, p.prevEnd())
			kws = append(kws, k)
			sawKeyword = true
		default:
			e := p.namedExpression()
			if p.is("for") || (p.is("async") && p.isAt(1, "for")) {
				if lpar >= 0 && len(args) == 0 && len(kws) == 0 {
					return []ast.Expr{p.soleGenexp(lpar, e)}, nil
				}
				gens := p.comprehensionClauses()
				g := &ast.GeneratorExp{Elt: e, Generators: gens}
				g.SetSpan(start, p.prevEnd())
				p.errorNode(g, "Generator expression must be parenthesized")
			}
			if p.kind() == token.EQUAL {
				p.errorRange(start, int(p.cur().End), `expression cannot contain assignment, perhaps you meant "=="?`)
			}
			if sawDoubleStar {
				p.errorAt(p.cur(), "positional argument follows keyword argument unpacking")
			}
			if sawKeyword {
				p.errorAt(p.cur(), "positional argument follows keyword argument")
			}
			args = append(args, e)
		}
		if !p.got(token.COMMA) {
			if p.kind() != token.RPAR && p.startsExpression() {
				p.forgotComma(start)
			}
			break
		}
	}
	return exactExprs(args), exactKeywords(kws)
}

// exactExprs copies list to a slice of its own of its length (nil when
// empty).
func exactExprs(list []ast.Expr) []ast.Expr {
	if len(list) == 0 {
		return nil
	}
	return append(make([]ast.Expr, 0, len(list)), list...)
}

// exactKeywords is exactExprs for keywords.
func exactKeywords(list []*ast.Keyword) []*ast.Keyword {
	if len(list) == 0 {
		return nil
	}
	return append(make([]*ast.Keyword, 0, len(list)), list...)
}

func (p *parser) isNameTok(t token.Token) bool {
	return t.Kind == token.NAME && !token.Keywords[p.text(t)]
}

// forgotComma reports two expressions side by side inside brackets.
func (p *parser) forgotComma(start int) {
	save := p.p
	var end int
	if p.speculate(func() { p.expression(); end = p.prevEnd() }) {
		p.p = save
		p.errorRange(start, end, "invalid syntax. Perhaps you forgot a comma?")
	}
	p.p = save
	p.syntaxError()
}

// parameters reads a parameter list up to (not including) close. With
// annotations false (lambda) parameters take no annotations.
func (p *parser) parameters(close token.Kind, annotations bool) *ast.Arguments {
	args := &ast.Arguments{}
	start := int(p.cur().Pos)
	var pos []*ast.Arg
	sawSlash, sawStar, sawDefault, bareStar := false, false, false, false
	for p.kind() != close {
		t := p.cur()
		switch t.Kind {
		case token.SLASH:
			switch {
			case sawSlash:
				p.errorAt(t, "/ may appear only once")
			case sawStar:
				p.errorAt(t, "/ must be ahead of *")
			case len(pos) == 0:
				p.errorAt(t, "at least one argument must precede /")
			}
			p.next()
			sawSlash = true
			args.PosOnlyArgs = pos
			pos = nil
		case token.STAR:
			if sawStar {
				p.errorAt(t, "* argument may appear only once")
			}
			p.next()
			sawStar = true
			if p.kind() == token.COMMA || p.kind() == close {
				bareStar = true
				if p.kind() == close || p.peekKind(1) == close || p.peekKind(1) == token.DOUBLESTAR {
					if !annotations {
						if p.kind() == token.COMMA {
							p.next()
						}
						p.errorAt(p.cur(), "named arguments must follow bare *")
					}
					p.errorAt(t, "named arguments must follow bare *")
				}
				break
			}
			args.Vararg = p.param(annotations, true)
			if p.kind() == token.EQUAL {
				p.errorAt(p.cur(), "var-positional argument cannot have default value")
			}
		case token.DOUBLESTAR:
			p.next()
			args.Kwarg = p.param(annotations, false)
			if p.kind() == token.EQUAL {
				p.errorAt(p.cur(), "var-keyword argument cannot have default value")
			}
			if p.got(token.COMMA) && p.kind() != close {
				p.errorAt(p.cur(), "arguments cannot follow var-keyword argument")
			}
			if p.kind() != close {
				p.syntaxError()
			}
			continue
		default:
			a := p.param(annotations, false)
			var def ast.Expr
			if p.got(token.EQUAL) {
				def = p.expression()
			}
			if sawStar {
				args.KwOnlyArgs = append(args.KwOnlyArgs, a)
				args.KwDefaults = append(args.KwDefaults, def)
			} else {
				if def != nil {
					args.Defaults = append(args.Defaults, def)
					sawDefault = true
				} else if sawDefault {
					p.errorNode(a, "parameter without a default follows parameter with a default")
				}
				pos = append(pos, a)
			}
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	if bareStar && len(args.KwOnlyArgs) == 0 {
		p.syntaxError()
	}
	args.Args = pos
	end := p.prevEnd()
	if end < start {
		end = start // no parameters
	}
	args.SetSpan(start, end)
	return args
}

// param reads NAME [':' annotation].
func (p *parser) param(annotations, starAnnotation bool) *ast.Arg {
	nt := p.expectName()
	a := &ast.Arg{Arg: p.name(nt)}
	if annotations && p.got(token.COLON) {
		if starAnnotation && p.kind() == token.STAR {
			a.Annotation = p.starExpressionOnly()
		} else {
			a.Annotation = p.expression()
		}
	}
	a.SetSpan(int(nt.Pos), p.prevEnd())
	return a
}

// comprehensionClauses reads `for_if_clause+`.
func (p *parser) comprehensionClauses() []*ast.Comprehension {
	var gens []*ast.Comprehension
	for p.is("for") || (p.is("async") && p.isAt(1, "for")) {
		start := int(p.cur().Pos)
		c := &ast.Comprehension{}
		if p.gotKw("async") {
			c.IsAsync = true
		}
		p.next()
		c.Target = p.targetList(ast.Store)
		if !p.is("in") {
			p.syntaxError()
		}
		p.next()
		c.Iter = p.disjunction()
		for p.is("if") {
			p.next()
			c.Ifs = append(c.Ifs, p.disjunction())
		}
		c.SetSpan(start, p.prevEnd())
		gens = append(gens, c)
	}
	return gens
}

// yieldExpr reads `yield [from] ...`.
func (p *parser) yieldExpr() ast.Expr {
	start := int(p.next().Pos)
	if p.gotKw("from") {
		y := &ast.YieldFrom{Value: p.expression()}
		y.SetSpan(start, p.prevEnd())
		return y
	}
	y := &ast.Yield{}
	if p.startsExpression() {
		y.Value = p.starExpressions()
	}
	y.SetSpan(start, p.prevEnd())
	return y
}

// atom reads a name, a literal or a bracketed display.
func (p *parser) atom() ast.Expr {
	t := p.cur()
	switch t.Kind {
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
			return c
		}
		if token.Keywords[s] {
			p.syntaxError()
		}
		p.next()
		n := p.nameNodes.new()
		n.Id = p.name(t)
		n.SetSpan(int(t.Pos), int(t.End))
		return n
	case token.NUMBER:
		p.next()
		return p.number(t)
	case token.STRING, token.FSTRING_START, token.TSTRING_START:
		return p.strings()
	case token.ELLIPSIS:
		p.next()
		c := &ast.Constant{Kind: ast.EllipsisConst}
		c.SetSpan(int(t.Pos), int(t.End))
		return c
	case token.LPAR:
		return p.parenAtom()
	case token.LSQB:
		return p.listAtom()
	case token.LBRACE:
		return p.braceAtom()
	}
	p.syntaxError()
	return nil
}

func (p *parser) parenAtom() ast.Expr {
	p.enter()
	defer p.leave()
	lpar := p.next()
	start := int(lpar.Pos)
	if p.got(token.RPAR) {
		t := &ast.Tuple{Ctx: ast.Load}
		t.SetSpan(start, p.prevEnd())
		return t
	}
	if p.is("yield") {
		y := p.yieldExpr()
		p.expect(token.RPAR, "')'")
		return y
	}
	first := p.starNamedExpression()
	if p.is("for") || (p.is("async") && p.isAt(1, "for")) {
		if _, ok := first.(*ast.Starred); ok {
			p.errorNode(first, "iterable unpacking cannot be used in comprehension")
		}
		g := &ast.GeneratorExp{Elt: first, Generators: p.comprehensionClauses()}
		p.closeBracket(token.RPAR, lpar, start)
		g.SetSpan(start, p.prevEnd())
		return g
	}
	if p.kind() == token.RPAR {
		p.next()
		if s, ok := first.(*ast.Starred); ok {
			p.errorNode(s, "cannot use starred expression here")
		}
		return first
	}
	if p.kind() != token.COMMA {
		p.closeBracket(token.RPAR, lpar, start)
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.kind() == token.RPAR {
			break
		}
		elts = append(elts, p.starNamedExpression())
	}
	p.closeBracket(token.RPAR, lpar, start)
	t := &ast.Tuple{Elts: elts, Ctx: ast.Load}
	t.SetSpan(start, p.prevEnd())
	return t
}

// closeBracket expects the closing bracket k of a display that began at
// elemStart.
func (p *parser) closeBracket(k token.Kind, open token.Token, elemStart int) {
	if p.kind() == k {
		p.next()
		return
	}
	if p.startsExpression() {
		p.forgotComma(p.lastElemStart(elemStart))
	}
	p.syntaxError()
}

// lastElemStart finds where the element before the current token began:
// the token after the last comma at this bracket level, or elemStart.
func (p *parser) lastElemStart(elemStart int) int {
	depth := 0
	for i := p.p - 1; i >= 0; i-- {
		t := p.toks[i]
		if int(t.Pos) <= elemStart {
			break
		}
		switch t.Kind {
		case token.RPAR, token.RSQB, token.RBRACE:
			depth++
		case token.LPAR, token.LSQB, token.LBRACE:
			if depth == 0 {
				return int(p.toks[i+1].Pos)
			}
			depth--
		case token.COMMA:
			if depth == 0 {
				return int(p.toks[i+1].Pos)
			}
		}
	}
	return elemStart + 1
}

func (p *parser) listAtom() ast.Expr {
	p.enter()
	defer p.leave()
	lsqb := p.next()
	start := int(lsqb.Pos)
	if p.got(token.RSQB) {
		l := &ast.List{Ctx: ast.Load}
		l.SetSpan(start, p.prevEnd())
		return l
	}
	first := p.starNamedExpression()
	if p.is("for") || (p.is("async") && p.isAt(1, "for")) {
		if _, ok := first.(*ast.Starred); ok {
			p.errorNode(first, "iterable unpacking cannot be used in comprehension")
		}
		c := &ast.ListComp{Elt: first, Generators: p.comprehensionClauses()}
		p.closeBracket(token.RSQB, lsqb, start)
		c.SetSpan(start, p.prevEnd())
		return c
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.kind() == token.RSQB {
			break
		}
		elts = append(elts, p.starNamedExpression())
	}
	p.closeBracket(token.RSQB, lsqb, start)
	l := &ast.List{Elts: elts, Ctx: ast.Load}
	l.SetSpan(start, p.prevEnd())
	return l
}

func (p *parser) braceAtom() ast.Expr {
	p.enter()
	defer p.leave()
	lbrace := p.next()
	start := int(lbrace.Pos)
	if p.got(token.RBRACE) {
		d := &ast.Dict{}
		d.SetSpan(start, p.prevEnd())
		return d
	}
	// A dict display or comprehension.
	if p.kind() == token.DOUBLESTAR {
		return p.dictRest(start, lbrace, nil, nil)
	}
	first := p.starNamedExpression()
	if p.kind() == token.COLON {
		if _, ok := first.(*ast.Starred); ok {
			p.syntaxError()
		}
		p.next()
		if p.kind() == token.RBRACE || p.kind() == token.COMMA {
			p.errorRange(first.Pos(), p.prevEnd(), "expression expected after dictionary key and ':'")
		}
		value := p.expression()
		if p.is("for") || (p.is("async") && p.isAt(1, "for")) {
			c := &ast.DictComp{Key: first, Value: value, Generators: p.comprehensionClauses()}
			p.closeBracket(token.RBRACE, lbrace, start)
			c.SetSpan(start, p.prevEnd())
			return c
		}
		return p.dictRest(start, lbrace, first, value)
	}
	if p.is("for") || (p.is("async") && p.isAt(1, "for")) {
		if _, ok := first.(*ast.Starred); ok {
			p.errorNode(first, "iterable unpacking cannot be used in comprehension")
		}
		c := &ast.SetComp{Elt: first, Generators: p.comprehensionClauses()}
		p.closeBracket(token.RBRACE, lbrace, start)
		c.SetSpan(start, p.prevEnd())
		return c
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.kind() == token.RBRACE {
			break
		}
		elts = append(elts, p.starNamedExpression())
	}
	p.closeBracket(token.RBRACE, lbrace, start)
	s := &ast.Set{Elts: elts}
	s.SetSpan(start, p.prevEnd())
	return s
}

// dictRest reads the rest of a dict display whose first entry, if any, is
// key: value.
func (p *parser) dictRest(start int, lbrace token.Token, key, value ast.Expr) ast.Expr {
	d := &ast.Dict{}
	lastValue := -1
	if value != nil {
		d.Keys = append(d.Keys, key)
		d.Values = append(d.Values, value)
		lastValue = value.Pos()
		if p.kind() != token.COMMA && p.kind() != token.RBRACE && p.startsExpression() {
			p.forgotComma(lastValue)
		}
		if !p.got(token.COMMA) {
			p.closeBracket(token.RBRACE, lbrace, start)
			d.SetSpan(start, p.prevEnd())
			return d
		}
	}
	for p.kind() != token.RBRACE {
		if p.kind() == token.DOUBLESTAR {
			ds := p.next()
			d.Keys = append(d.Keys, nil)
			d.Values = append(d.Values, p.bitwiseOr())
			if p.is("for") {
				p.errorAt(ds, "dict unpacking cannot be used in dict comprehension")
			}
			lastValue = int(ds.Pos)
		} else {
			k := p.expression()
			if p.kind() != token.COLON {
				if p.kind() == token.RBRACE || p.kind() == token.COMMA {
					p.errorNode(k, "':' expected after dictionary key")
				}
				p.syntaxError()
			}
			p.next()
			if p.kind() == token.RBRACE || p.kind() == token.COMMA {
				p.errorRange(k.Pos(), p.prevEnd(), "expression expected after dictionary key and ':'")
			}
			d.Keys = append(d.Keys, k)
			lastValue = int(p.cur().Pos)
			d.Values = append(d.Values, p.expression())
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	if p.kind() != token.RBRACE && p.startsExpression() && lastValue >= 0 {
		p.forgotComma(lastValue)
	}
	p.closeBracket(token.RBRACE, lbrace, start)
	d.SetSpan(start, p.prevEnd())
	return d
}

// ---------------------------------------------------------------------------
// Targets

// targetList reads `star_targets` (the target of for, comprehension)
// without reading a following `in` as a comparison.
func (p *parser) targetList(ctx ast.ExprContext) ast.Expr {
	start := int(p.cur().Pos)
	first := p.targetItem(true)
	if p.kind() != token.COMMA {
		p.checkAssignTarget(first, "assign to", false)
		p.setContext(first, ctx)
		return first
	}
	elts := []ast.Expr{first}
	for p.got(token.COMMA) {
		if p.is("in") || p.kind() == token.EQUAL || p.kind() == token.RPAR || p.kind() == token.COLON {
			break
		}
		elts = append(elts, p.targetItem(true))
	}
	t := &ast.Tuple{Elts: elts, Ctx: ctx}
	t.SetSpan(start, p.prevEnd())
	p.checkAssignTarget(t, "assign to", false)
	p.setContext(t, ctx)
	return t
}

// targetItem reads one target: `'*' target` or a primary.
func (p *parser) targetItem(allowStar bool) ast.Expr {
	if allowStar && p.kind() == token.STAR {
		start := int(p.next().Pos)
		s := &ast.Starred{Value: p.targetItem(false), Ctx: ast.Store}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	return p.bitwiseOr()
}
