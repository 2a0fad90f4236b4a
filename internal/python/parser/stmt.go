package parser

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// fileBody reads statements up to the end of the file.
func (p *parser) fileBody() []ast.Stmt {
	var body []ast.Stmt
	for p.kind() != token.ENDMARKER {
		body = p.statementRecover(body, false)
	}
	return body
}

// statementRecover reads one statement. After a syntax error it skips to
// the start of the next statement, standing a BadStmt for what it skipped.
// inBlock says whether a DEDENT ends the current block.
func (p *parser) statementRecover(body []ast.Stmt, inBlock bool) []ast.Stmt {
	start := p.p
	depth, inFunc, inAsync := p.depth, p.inFunc, p.inAsync
	ok := func() (ok bool) {
		defer func() {
			if r := recover(); r != nil {
				if _, isBail := r.(bailout); !isBail {
					panic(r)
				}
				ok = false
			}
		}()
		body = p.statement(body)
		return true
	}()
	if ok {
		return body
	}
	p.depth, p.inFunc, p.inAsync = depth, inFunc, inAsync
	return p.resync(body, start, inBlock)
}

// resync skips from the token at index start to the next statement.
func (p *parser) resync(body []ast.Stmt, start int, inBlock bool) []ast.Stmt {
	p.p = start
	pos := int(p.toks[start].Pos)
	if p.kind() == token.INDENT {
		// An unexpected indented block: read its statements as if they
		// stood at this level, so later analyses still see them.
		p.next()
		for p.kind() != token.DEDENT && p.kind() != token.ENDMARKER {
			body = p.statementRecover(body, true)
		}
		p.got(token.DEDENT)
		return body
	}
	if inBlock && p.kind() == token.DEDENT {
		return body
	}
	for {
		k := p.kind()
		if k == token.ENDMARKER {
			break
		}
		p.next()
		if k == token.NEWLINE {
			break
		}
	}
	end := p.prevEnd()
	if end < pos {
		end = pos
	}
	bad := &ast.BadStmt{}
	bad.SetSpan(pos, end)
	body = append(body, bad)
	if p.kind() == token.INDENT {
		// The block of a broken compound statement.
		p.next()
		for p.kind() != token.DEDENT && p.kind() != token.ENDMARKER {
			body = p.statementRecover(body, true)
		}
		p.got(token.DEDENT)
	}
	return body
}

// statement reads one statement (or one line of simple statements) and
// appends it to body.
func (p *parser) statement(body []ast.Stmt) []ast.Stmt {
	t := p.cur()
	switch t.Kind {
	case token.AT:
		return append(body, p.decorated())
	case token.INDENT:
		p.indentError(t, "unexpected indent")
	case token.DEDENT:
		p.indentError(t, "unexpected unindent")
	case token.NAME:
		switch p.text(t) {
		case "def":
			return append(body, p.funcDef(nil, int(t.Pos), false))
		case "class":
			return append(body, p.classDef(nil, int(t.Pos)))
		case "if":
			return append(body, p.ifStmt())
		case "while":
			return append(body, p.whileStmt())
		case "for":
			return append(body, p.forStmt(int(t.Pos), false))
		case "with":
			return append(body, p.withStmt(int(t.Pos), false))
		case "try":
			return append(body, p.tryStmt())
		case "async":
			return append(body, p.asyncStmt())
		case "match":
			if s := p.tryMatchStmt(); s != nil {
				return append(body, s)
			}
		case "elif", "else", "except", "finally":
			// A clause without its statement.
			p.syntaxError()
		}
	}
	return p.simpleStmts(body)
}

// simpleStmts reads `simple_stmt (';' simple_stmt)* [';'] NEWLINE`.
func (p *parser) simpleStmts(body []ast.Stmt) []ast.Stmt {
	for {
		body = append(body, p.simpleStmt())
		if p.got(token.SEMI) {
			if p.kind() == token.NEWLINE {
				p.next()
				return body
			}
			continue
		}
		if p.kind() == token.NEWLINE {
			p.next()
			return body
		}
		if p.kind() == token.ENDMARKER {
			return body
		}
		p.afterStatementError()
	}
}

// afterStatementError reports a token that cannot follow a complete
// simple statement.
func (p *parser) afterStatementError() {
	p.syntaxError()
}

func (p *parser) simpleStmt() ast.Stmt {
	t := p.cur()
	start := int(t.Pos)
	if t.Kind == token.NAME {
		switch p.text(t) {
		case "pass":
			p.next()
			s := &ast.Pass{}
			s.SetSpan(start, p.prevEnd())
			return s
		case "break":
			p.next()
			s := &ast.Break{}
			s.SetSpan(start, p.prevEnd())
			return s
		case "continue":
			p.next()
			s := &ast.Continue{}
			s.SetSpan(start, p.prevEnd())
			return s
		case "return":
			p.next()
			s := &ast.Return{}
			if !p.atSimpleStmtEnd() {
				s.Value = p.starExpressions()
			}
			s.SetSpan(start, p.prevEnd())
			return s
		case "raise":
			return p.raiseStmt()
		case "global", "nonlocal":
			return p.globalStmt()
		case "del":
			return p.delStmt()
		case "assert":
			p.next()
			s := &ast.Assert{Test: p.expression()}
			if p.got(token.COMMA) {
				s.Msg = p.expression()
			}
			s.SetSpan(start, p.prevEnd())
			return s
		case "import":
			return p.importStmt()
		case "from":
			return p.fromImportStmt()
		case "type":
			if p.isNameAt(1) && (p.peekKind(2) == token.EQUAL || p.peekKind(2) == token.LSQB) {
				return p.typeAlias()
			}
		}
	}
	return p.exprOrAssign()
}

func (p *parser) atSimpleStmtEnd() bool {
	k := p.kind()
	return k == token.NEWLINE || k == token.SEMI || k == token.ENDMARKER
}

func (p *parser) raiseStmt() ast.Stmt {
	start := int(p.next().Pos)
	s := &ast.Raise{}
	if !p.atSimpleStmtEnd() {
		s.Exc = p.expression()
		if p.gotKw("from") {
			s.Cause = p.expression()
		}
	}
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) globalStmt() ast.Stmt {
	kw := p.next()
	start := int(kw.Pos)
	var names []string
	for {
		names = append(names, p.name(p.expectName()))
		if !p.got(token.COMMA) {
			break
		}
	}
	if p.text(kw) == "global" {
		s := &ast.Global{Names: names}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	s := &ast.Nonlocal{Names: names}
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) delStmt() ast.Stmt {
	start := int(p.next().Pos)
	s := &ast.Delete{}
	for {
		e := p.targetItem(false)
		p.checkDelTarget(e)
		p.setContext(e, ast.Del)
		s.Targets = append(s.Targets, e)
		if !p.got(token.COMMA) || p.atSimpleStmtEnd() {
			break
		}
	}
	if !p.atSimpleStmtEnd() {
		p.syntaxError()
	}
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) typeAlias() ast.Stmt {
	start := int(p.next().Pos)
	nt := p.next()
	name := &ast.Name{Id: p.name(nt), Ctx: ast.Store}
	name.SetSpan(int(nt.Pos), int(nt.End))
	s := &ast.TypeAlias{Name: name}
	if p.kind() == token.LSQB {
		s.TypeParams = p.typeParams()
	}
	p.expect(token.EQUAL, "'='")
	s.Value = p.expression()
	s.SetSpan(start, p.prevEnd())
	return s
}

// dottedName reads NAME ('.' NAME)*.
func (p *parser) dottedName() string {
	var b strings.Builder
	b.WriteString(p.name(p.expectName()))
	for p.kind() == token.DOT {
		p.next()
		b.WriteByte('.')
		b.WriteString(p.name(p.expectName()))
	}
	return b.String()
}

func (p *parser) importStmt() ast.Stmt {
	start := int(p.next().Pos)
	s := &ast.Import{}
	for {
		a := &ast.Alias{}
		as := int(p.cur().Pos)
		a.Name = p.dottedName()
		if p.gotKw("as") {
			a.Asname = p.name(p.expectName())
		}
		a.SetSpan(as, p.prevEnd())
		s.Names = append(s.Names, a)
		if !p.got(token.COMMA) {
			break
		}
	}
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) fromImportStmt() ast.Stmt {
	start := int(p.next().Pos)
	s := &ast.ImportFrom{}
	for {
		switch p.kind() {
		case token.DOT:
			s.Level++
			p.next()
			continue
		case token.ELLIPSIS:
			s.Level += 3
			p.next()
			continue
		}
		break
	}
	if !p.is("import") {
		s.Module = p.dottedName()
	} else if s.Level == 0 {
		p.syntaxError()
	}
	p.expectKw("import")
	if p.kind() == token.STAR {
		t := p.next()
		a := &ast.Alias{Name: "*"}
		a.SetSpan(int(t.Pos), int(t.End))
		s.Names = []*ast.Alias{a}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	paren := p.got(token.LPAR)
	for {
		a := &ast.Alias{}
		as := int(p.cur().Pos)
		a.Name = p.name(p.expectName())
		if p.gotKw("as") {
			a.Asname = p.name(p.expectName())
		}
		a.SetSpan(as, p.prevEnd())
		s.Names = append(s.Names, a)
		if !p.got(token.COMMA) {
			break
		}
		if paren && p.kind() == token.RPAR {
			break
		}
		if !paren && p.atSimpleStmtEnd() {
			p.errorAt(p.cur(), "trailing comma not allowed without surrounding parentheses")
		}
	}
	if paren {
		p.expect(token.RPAR, "')'")
	}
	s.SetSpan(start, p.prevEnd())
	return s
}

// exprOrAssign reads an expression statement, an assignment, an annotated
// assignment or an augmented assignment.
func (p *parser) exprOrAssign() ast.Stmt {
	startTok := p.p
	start := int(p.cur().Pos)
	var first ast.Expr
	if p.is("yield") {
		first = p.yieldExpr()
	} else {
		first = p.starExpressions()
	}
	switch k := p.kind(); {
	case k == token.COLON:
		// Annotated assignment.
		p.checkAnnTarget(first)
		p.next()
		s := &ast.AnnAssign{Target: first}
		s.Simple = p.toks[startTok].Kind != token.LPAR && isName(first)
		p.setContext(first, ast.Store)
		s.Annotation = p.expression()
		if p.got(token.EQUAL) {
			if p.is("yield") {
				s.Value = p.yieldExpr()
			} else {
				s.Value = p.starExpressions()
			}
		}
		s.SetSpan(start, p.prevEnd())
		return s
	case k == token.EQUAL:
		// The statement and its first target in one allocation.
		st := &struct {
			ast.Assign
			one [1]ast.Expr
		}{}
		s := &st.Assign
		st.one[0] = first
		targets := st.one[:]
		var value ast.Expr
		for p.got(token.EQUAL) {
			if p.is("yield") {
				value = p.yieldExpr()
			} else {
				value = p.starExpressions()
			}
			if p.kind() == token.EQUAL {
				targets = append(targets, value)
			}
		}
		for _, t := range targets {
			p.checkAssignTarget(t, "assign to", true)
			p.setContext(t, ast.Store)
		}
		s.Targets, s.Value = targets, value
		s.SetSpan(start, p.prevEnd())
		return s
	case augOps[k] != 0:
		op := augOps[k] - 1
		switch first.(type) {
		case *ast.Name, *ast.Attribute, *ast.Subscript:
		default:
			p.errorNode(first, fmt.Sprintf("'%s' is an illegal expression for augmented assignment", exprKindName(first)))
		}
		p.next()
		p.setContext(first, ast.Store)
		s := &ast.AugAssign{Target: first, Op: op}
		if p.is("yield") {
			s.Value = p.yieldExpr()
		} else {
			s.Value = p.starExpressions()
		}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	if !p.atSimpleStmtEnd() {
		p.legacyStmtError(first)
	}
	s := &ast.ExprStmt{Value: first}
	s.SetSpan(start, p.prevEnd())
	return s
}

// augOps maps augmented-assignment tokens to 1 + the operator.
var augOps = map[token.Kind]ast.Operator{
	token.PLUSEQUAL: ast.Add + 1, token.MINEQUAL: ast.Sub + 1, token.STAREQUAL: ast.Mult + 1,
	token.ATEQUAL: ast.MatMult + 1, token.SLASHEQUAL: ast.Div + 1, token.PERCENTEQUAL: ast.Mod + 1,
	token.AMPEREQUAL: ast.BitAnd + 1, token.VBAREQUAL: ast.BitOr + 1, token.CIRCUMFLEXEQUAL: ast.BitXor + 1,
	token.LEFTSHIFTEQUAL: ast.LShift + 1, token.RIGHTSHIFTEQUAL: ast.RShift + 1,
	token.DOUBLESTAREQUAL: ast.Pow + 1, token.DOUBLESLASHEQUAL: ast.FloorDiv + 1,
}

func isName(e ast.Expr) bool {
	_, ok := e.(*ast.Name)
	return ok
}

// legacyStmtError reports an expression statement followed by more
// tokens: Python 2's print and exec statements get CPython's hint.
func (p *parser) legacyStmtError(first ast.Expr) {
	if n, ok := first.(*ast.Name); ok && (n.Id == "print" || n.Id == "exec") && p.startsExpression() {
		save := p.p
		var end int
		if p.speculate(func() { p.starExpressions(); end = p.prevEnd() }) {
			msg := "Missing parentheses in call to 'print'. Did you mean print(...)?"
			if n.Id == "exec" {
				msg = "Missing parentheses in call to 'exec'. Did you mean exec(...)?"
			}
			p.errorRange(n.Pos(), end, msg)
		}
		p.p = save
	}
	p.syntaxError()
}

// startsExpression reports whether the current token can begin an
// expression.
func (p *parser) startsExpression() bool {
	t := p.cur()
	switch t.Kind {
	case token.NAME:
		switch p.text(t) {
		case "not", "lambda", "await", "None", "True", "False", "yield":
			return true
		}
		return !token.Keywords[p.text(t)]
	case token.NUMBER, token.STRING, token.FSTRING_START, token.TSTRING_START, token.LPAR, token.LSQB,
		token.LBRACE, token.MINUS, token.PLUS, token.TILDE, token.ELLIPSIS, token.STAR:
		return true
	}
	return false
}

// ---------------------------------------------------------------------------
// Compound statements

// blockAfter reads the block after a compound statement's ':'.
func (p *parser) blockAfter(what string, line int) []ast.Stmt {
	if p.got(token.NEWLINE) {
		if p.kind() != token.INDENT {
			p.indentErrorHere(fmt.Sprintf("expected an indented block after %s on line %d", what, line))
		}
		p.next()
		var body []ast.Stmt
		for p.kind() != token.DEDENT && p.kind() != token.ENDMARKER {
			body = p.statementRecover(body, true)
		}
		p.got(token.DEDENT)
		return body
	}
	if p.kind() == token.ENDMARKER {
		p.syntaxError()
	}
	return p.simpleStmts(nil)
}

func (p *parser) indentErrorHere(msg string) {
	t := p.cur()
	if p.speculating == 0 {
		e := p.makeError(t, msg, KindIndentation)
		p.errs = append(p.errs, e)
	}
	panic(bailout{})
}

func (p *parser) lineOf(pos int) int {
	l, _ := p.file.Position(pos)
	return l
}

func (p *parser) colon() {
	if p.kind() != token.COLON {
		p.expected("':'")
	}
	p.next()
}

func (p *parser) decorated() ast.Stmt {
	var decos []ast.Expr
	for p.got(token.AT) {
		decos = append(decos, p.namedExpression())
		p.expect(token.NEWLINE, "NEWLINE")
	}
	t := p.cur()
	switch {
	case p.is("def"):
		return p.funcDef(decos, int(t.Pos), false)
	case p.is("class"):
		return p.classDef(decos, int(t.Pos))
	case p.is("async") && p.isAt(1, "def"):
		p.next()
		return p.funcDef(decos, int(t.Pos), true)
	}
	p.syntaxError()
	return nil
}

func (p *parser) asyncStmt() ast.Stmt {
	t := p.next()
	switch {
	case p.is("def"):
		return p.funcDef(nil, int(t.Pos), true)
	case p.is("with"):
		return p.withStmt(int(t.Pos), true)
	case p.is("for"):
		return p.forStmt(int(t.Pos), true)
	}
	p.syntaxError()
	return nil
}

func (p *parser) funcDef(decos []ast.Expr, start int, async bool) ast.Stmt {
	defTok := p.expectKw("def")
	nt := p.expectName()
	s := &ast.FunctionDef{Name: p.name(nt), NamePos: nt.Pos, DecoratorList: decos, IsAsync: async}
	if p.kind() == token.LSQB {
		s.TypeParams = p.typeParams()
	}
	p.expect(token.LPAR, "'('")
	s.Args = p.parameters(token.RPAR, true)
	p.expect(token.RPAR, "')'")
	if p.got(token.RARROW) {
		s.Returns = p.expression()
	}
	p.colon()
	p.inFunc++
	if async {
		p.inAsync++
	}
	s.Body = p.blockAfter("function definition", p.lineOf(int(defTok.Pos)))
	p.inFunc--
	if async {
		p.inAsync--
	}
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) classDef(decos []ast.Expr, start int) ast.Stmt {
	kw := p.expectKw("class")
	nt := p.expectName()
	s := &ast.ClassDef{Name: p.name(nt), NamePos: nt.Pos, DecoratorList: decos}
	if p.kind() == token.LSQB {
		s.TypeParams = p.typeParams()
	}
	if p.got(token.LPAR) {
		if p.kind() != token.RPAR {
			s.Bases, s.Keywords = p.callArguments(-1)
		}
		p.expect(token.RPAR, "')'")
	}
	p.colon()
	saveF, saveA := p.inFunc, p.inAsync
	p.inFunc, p.inAsync = 0, 0
	s.Body = p.blockAfter("class definition", p.lineOf(int(kw.Pos)))
	p.inFunc, p.inAsync = saveF, saveA
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) ifStmt() ast.Stmt {
	kw := p.next()
	s := &ast.If{Test: p.conditionExpression()}
	p.colon()
	s.Body = p.blockAfter("'"+p.text(kw)+"' statement", p.lineOf(int(kw.Pos)))
	end := p.prevEnd()
	switch {
	case p.is("elif"):
		e := p.ifStmt()
		s.Orelse = []ast.Stmt{e}
		end = e.End()
	case p.is("else"):
		s.Orelse = p.elseBlock()
		end = p.prevEnd()
	}
	s.SetSpan(int(kw.Pos), end)
	return s
}

func (p *parser) elseBlock() []ast.Stmt {
	kw := p.next()
	p.colon()
	return p.blockAfter("'else' statement", p.lineOf(int(kw.Pos)))
}

func (p *parser) whileStmt() ast.Stmt {
	kw := p.next()
	s := &ast.While{Test: p.conditionExpression()}
	p.colon()
	s.Body = p.blockAfter("'while' statement", p.lineOf(int(kw.Pos)))
	end := p.prevEnd()
	if p.is("else") {
		s.Orelse = p.elseBlock()
		end = p.prevEnd()
	}
	s.SetSpan(int(kw.Pos), end)
	return s
}

func (p *parser) forStmt(start int, async bool) ast.Stmt {
	kw := p.expectKw("for")
	s := &ast.For{IsAsync: async}
	s.Target = p.targetList(ast.Store)
	p.expectKw("in")
	s.Iter = p.starExpressions()
	p.colon()
	s.Body = p.blockAfter("'for' statement", p.lineOf(int(kw.Pos)))
	end := p.prevEnd()
	if p.is("else") {
		s.Orelse = p.elseBlock()
		end = p.prevEnd()
	}
	s.SetSpan(start, end)
	return s
}

func (p *parser) withStmt(start int, async bool) ast.Stmt {
	kw := p.expectKw("with")
	s := &ast.With{IsAsync: async}
	parsed := false
	if p.kind() == token.LPAR {
		parsed = p.speculate(func() {
			p.next()
			var items []*ast.WithItem
			for {
				items = append(items, p.withItem(true))
				if !p.got(token.COMMA) || p.kind() == token.RPAR {
					break
				}
			}
			p.expect(token.RPAR, "')'")
			if p.kind() != token.COLON {
				p.syntaxError()
			}
			s.Items = items
		})
	}
	if !parsed {
		for {
			s.Items = append(s.Items, p.withItem(false))
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	p.colon()
	s.Body = p.blockAfter("'with' statement", p.lineOf(int(kw.Pos)))
	s.SetSpan(start, p.prevEnd())
	return s
}

func (p *parser) withItem(inParens bool) *ast.WithItem {
	start := int(p.cur().Pos)
	it := &ast.WithItem{ContextExpr: p.expression()}
	if p.gotKw("as") {
		t := p.targetItem(true)
		k := p.kind()
		if k != token.COMMA && k != token.COLON && !(inParens && k == token.RPAR) {
			p.syntaxError()
		}
		p.checkAssignTarget(t, "assign to", false)
		p.setContext(t, ast.Store)
		it.OptionalVars = t
	}
	it.SetSpan(start, p.prevEnd())
	return it
}

func (p *parser) tryStmt() ast.Stmt {
	kw := p.next()
	p.colon()
	s := &ast.Try{}
	s.Body = p.blockAfter("'try' statement", p.lineOf(int(kw.Pos)))
	end := p.prevEnd()
	sawPlain, sawStar := false, false
	for p.is("except") {
		ek := p.next()
		h := &ast.ExceptHandler{}
		star := p.got(token.STAR)
		if star {
			sawStar = true
		} else {
			sawPlain = true
		}
		if sawStar && sawPlain {
			p.errorAt(ek, "cannot have both 'except' and 'except*' on the same 'try'")
		}
		if p.kind() != token.COLON {
			first := p.expression()
			h.Type = first
			if p.kind() == token.COMMA {
				// PEP 758 (3.14): several types without parentheses.
				elts := []ast.Expr{first}
				for p.got(token.COMMA) {
					if p.kind() == token.COLON {
						break
					}
					elts = append(elts, p.expression())
				}
				tup := &ast.Tuple{Elts: elts, Ctx: ast.Load}
				tup.SetSpan(first.Pos(), p.prevEnd())
				h.Type = tup
				if p.is("as") {
					p.errorRange(first.Pos(), p.prevEnd(), "multiple exception types must be parenthesized when using 'as'")
				}
			}
			if p.gotKw("as") {
				h.Name = p.name(p.expectName())
			}
		} else if star {
			p.errorAt(p.cur(), "expected one or more exception types")
		}
		p.colon()
		what := "'except' statement"
		if star {
			what = "'except*' statement"
		}
		h.Body = p.blockAfter(what, p.lineOf(int(ek.Pos)))
		h.SetSpan(int(ek.Pos), p.prevEnd())
		end = h.End()
		s.Handlers = append(s.Handlers, h)
	}
	s.Star = sawStar
	if p.is("else") {
		if len(s.Handlers) == 0 {
			p.syntaxError()
		}
		s.Orelse = p.elseBlock()
		end = p.prevEnd()
	}
	if p.is("finally") {
		fk := p.next()
		p.colon()
		s.Finalbody = p.blockAfter("'finally' statement", p.lineOf(int(fk.Pos)))
		end = p.prevEnd()
	}
	if len(s.Handlers) == 0 && s.Finalbody == nil {
		end := p.prevEnd()
		p.errorRange(end, end, "expected 'except' or 'finally' block")
	}
	s.SetSpan(int(kw.Pos), end)
	return s
}

// typeParams reads a PEP 695 type parameter list.
func (p *parser) typeParams() []ast.TypeParam {
	p.expect(token.LSQB, "'['")
	var out []ast.TypeParam
	for p.kind() != token.RSQB {
		start := int(p.cur().Pos)
		switch p.kind() {
		case token.STAR:
			p.next()
			tp := &ast.TypeVarTuple{Name: p.name(p.expectName())}
			if p.kind() == token.COLON {
				p.errorAt(p.cur(), "cannot use bound with TypeVarTuple")
			}
			if p.got(token.EQUAL) {
				tp.DefaultValue = p.starExpressionOnly()
			}
			tp.SetSpan(start, p.prevEnd())
			out = append(out, tp)
		case token.DOUBLESTAR:
			p.next()
			tp := &ast.ParamSpec{Name: p.name(p.expectName())}
			if p.kind() == token.COLON {
				p.errorAt(p.cur(), "cannot use bound with ParamSpec")
			}
			if p.got(token.EQUAL) {
				tp.DefaultValue = p.expression()
			}
			tp.SetSpan(start, p.prevEnd())
			out = append(out, tp)
		default:
			tp := &ast.TypeVar{Name: p.name(p.expectName())}
			if p.got(token.COLON) {
				tp.Bound = p.expression()
			}
			if p.got(token.EQUAL) {
				tp.DefaultValue = p.expression()
			}
			tp.SetSpan(start, p.prevEnd())
			out = append(out, tp)
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	if len(out) == 0 {
		p.syntaxError()
	}
	p.expect(token.RSQB, "']'")
	return out
}

// starExpressionOnly reads `'*' expression` or an expression (a
// TypeVarTuple default may be starred).
func (p *parser) starExpressionOnly() ast.Expr {
	if p.kind() == token.STAR {
		start := int(p.next().Pos)
		s := &ast.Starred{Value: p.expression(), Ctx: ast.Load}
		s.SetSpan(start, p.prevEnd())
		return s
	}
	return p.expression()
}

// conditionExpression reads the test of if, elif and while, reporting an
// `=` where `==` was meant as CPython does.
func (p *parser) conditionExpression() ast.Expr {
	e := p.namedExpression()
	if p.kind() != token.EQUAL {
		return e
	}
	save := p.p
	p.next()
	var end int
	ok := p.speculate(func() {
		p.bitwiseOr()
		end = p.prevEnd()
		if k := p.kind(); k == token.EQUAL || k == token.COLONEQUAL {
			p.syntaxError()
		}
	})
	p.p = save
	if ok {
		if _, isName := e.(*ast.Name); isName {
			p.errorRange(e.Pos(), end, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
		}
		if isBitwiseOr(e) {
			switch e.(type) {
			case *ast.List, *ast.Tuple, *ast.GeneratorExp:
			default:
				p.errorNode(e, "cannot assign to "+exprKindName(e)+" here. Maybe you meant '==' instead of '='?")
			}
		}
	}
	return e
}
