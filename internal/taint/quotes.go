package taint

import (
	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// quoteAround returns the quote of the literal an f-string field stands
// in: f"[@id='{v}']" has the field between two constant parts that end
// and start with the same quote. The field must be formatted with str()
// (no !r, no format spec).
func quoteAround(parts []ast.Expr, i int) (byte, bool) {
	fv, ok := parts[i].(*ast.FormattedValue)
	if !ok || i == 0 || i+1 >= len(parts) || (fv.Conversion != -1 && fv.Conversion != 's') || fv.FormatSpec != nil {
		return 0, false
	}
	before, ok1 := parts[i-1].(*ast.Constant)
	after, ok2 := parts[i+1].(*ast.Constant)
	if !ok1 || !ok2 || before.Str == "" || after.Str == "" {
		return 0, false
	}
	q := before.Str[len(before.Str)-1]
	if (q != '\'' && q != '"') || after.Str[0] != q {
		return 0, false
	}
	return q, true
}

// quoteFreeField reports an f-string field that is a local name the
// function has checked to be free of the quote around it: a statement
// `if "'" in x: return` (also one test of an `or`, and an arm that
// raises, aborts, breaks or continues) that comes before the field in a
// block holding it, with every binding of x in the function before that
// statement. No path reaches the field with a quote in x, and a literal
// without an escape character (XPath) cannot be left without one.
func (c *fnCtx) quoteFreeField(parts []ast.Expr, i int) bool {
	q, ok := quoteAround(parts, i)
	if !ok {
		return false
	}
	n, ok := parts[i].(*ast.FormattedValue).Value.(*ast.Name)
	if !ok {
		return false
	}
	return analysis.CheckedBefore(c.m, n, func(test ast.Expr) bool { return quoteTest(test, n.Id, q) })
}

// quoteTest reports a test that holds whenever name contains quote q:
// `q in name`, or an `or` with such a test among its values.
func quoteTest(test ast.Expr, name string, q byte) bool {
	switch t := test.(type) {
	case *ast.BoolOp:
		if t.Op != ast.Or {
			return false
		}
		for _, v := range t.Values {
			if quoteTest(v, name, q) {
				return true
			}
		}
	case *ast.Compare:
		k, ok1 := t.Left.(*ast.Constant)
		if !ok1 || len(t.Ops) != 1 || t.Ops[0] != ast.In || k.Kind != ast.StrConst || k.Str != string(q) {
			return false
		}
		n, ok := t.Comparators[0].(*ast.Name)
		return ok && n.Id == name
	}
	return false
}

// storedGuard reads a test that is a name bound once, to a guard:
// `ok = url_has_allowed_host_and_scheme(url, ...)` then `if ok:` or
// `url if ok else ""`. It holds for the guarded name when that name is
// bound only before the flag, and neither is bound in a loop (where the
// flag could be left from an earlier round) or in a nested scope.
func (c *fnCtx) storedGuard(flag *ast.Name) (string, bool, []Kind) {
	m := c.m
	bs := m.Lookup(flag.Id, flag.Pos())
	if len(bs) != 1 || bs[0].Kind != semantic.AssignBinding || bs[0].Node == nil || bs[0].Node.Pos() > flag.Pos() {
		return "", false, nil
	}
	call, ok := bs[0].Value.(*ast.Call)
	if !ok {
		return "", false, nil
	}
	name, neg, kinds := c.guard(call)
	if name == "" {
		return "", false, nil
	}
	scope := m.ScopeAt(flag.Pos())
	if bs[0].Scope != scope || inLoop(c.f.body(), bs[0].Node.Pos()) {
		return "", false, nil
	}
	for _, b := range m.Lookup(name, call.Pos()) {
		if b.Scope != scope || b.Node == nil || b.Node.End() > bs[0].Node.Pos() || inLoop(c.f.body(), b.Node.Pos()) {
			return "", false, nil
		}
	}
	return name, neg, kinds
}

// inLoop reports whether pos is inside a for or while statement of body
// (not counting nested functions, which are analysed on their own).
func inLoop(body []ast.Stmt, pos int) bool {
	for _, s := range body {
		if pos < s.Pos() || pos >= s.End() {
			continue
		}
		switch s.(type) {
		case *ast.For, *ast.While:
			return true
		}
		for _, inner := range ast.Bodies(s) {
			if inLoop(inner, pos) {
				return true
			}
		}
		return false
	}
	return false
}
