package parser

import (
	"fmt"

	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// setContext marks an assignment or deletion target and its parts.
func (p *parser) setContext(e ast.Expr, ctx ast.ExprContext) {
	switch e := e.(type) {
	case *ast.Name:
		e.Ctx = ctx
	case *ast.Attribute:
		e.Ctx = ctx
	case *ast.Subscript:
		e.Ctx = ctx
	case *ast.Starred:
		e.Ctx = ctx
		p.setContext(e.Value, ctx)
	case *ast.List:
		e.Ctx = ctx
		for _, x := range e.Elts {
			p.setContext(x, ctx)
		}
	case *ast.Tuple:
		e.Ctx = ctx
		for _, x := range e.Elts {
			p.setContext(x, ctx)
		}
	}
}

// invalidTarget returns the part of e that cannot be assigned to (or
// deleted, with del), or nil, as CPython's _PyPegen_get_invalid_target.
func invalidTarget(e ast.Expr, del bool) ast.Expr {
	switch e := e.(type) {
	case *ast.Name, *ast.Attribute, *ast.Subscript:
		return nil
	case *ast.List:
		for _, x := range e.Elts {
			if t := invalidTarget(x, del); t != nil {
				return t
			}
		}
		return nil
	case *ast.Tuple:
		for _, x := range e.Elts {
			if t := invalidTarget(x, del); t != nil {
				return t
			}
		}
		return nil
	case *ast.Starred:
		if del {
			return e
		}
		return invalidTarget(e.Value, del)
	}
	return e
}

// exprKindName is CPython's _PyPegen_get_expr_name.
func exprKindName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Attribute:
		return "attribute"
	case *ast.Subscript:
		return "subscript"
	case *ast.Starred:
		return "starred"
	case *ast.Name:
		return "name"
	case *ast.List:
		return "list"
	case *ast.Tuple:
		return "tuple"
	case *ast.Lambda:
		return "lambda"
	case *ast.Call:
		return "function call"
	case *ast.BoolOp, *ast.BinOp, *ast.UnaryOp:
		return "expression"
	case *ast.GeneratorExp:
		return "generator expression"
	case *ast.Yield, *ast.YieldFrom:
		return "yield expression"
	case *ast.Await:
		return "await expression"
	case *ast.ListComp:
		return "list comprehension"
	case *ast.SetComp:
		return "set comprehension"
	case *ast.DictComp:
		return "dict comprehension"
	case *ast.Dict:
		return "dict literal"
	case *ast.Set:
		return "set display"
	case *ast.JoinedStr, *ast.FormattedValue:
		return "f-string expression"
	case *ast.TemplateStr, *ast.Interpolation:
		return "t-string expression"
	case *ast.Constant:
		switch e.Kind {
		case ast.NoneConst:
			return "None"
		case ast.BoolConst:
			if e.Bool {
				return "True"
			}
			return "False"
		case ast.EllipsisConst:
			return "ellipsis"
		}
		return "literal"
	case *ast.Compare:
		return "comparison"
	case *ast.IfExp:
		return "conditional expression"
	case *ast.NamedExpr:
		return "named expression"
	}
	return "expression"
}

// isBitwiseOr reports whether e is what CPython's bitwise_or rule yields
// (not a comparison, boolean operation, not, conditional or lambda).
func isBitwiseOr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Compare, *ast.BoolOp, *ast.IfExp, *ast.Lambda, *ast.NamedExpr, *ast.Starred, *ast.Yield, *ast.YieldFrom:
		return false
	case *ast.UnaryOp:
		return e.Op != ast.Not
	}
	return true
}

// checkAssignTarget reports a target that cannot be assigned to. At
// statement level (stmt) a single bad target followed by `= value` gets
// CPython's "Maybe you meant '=='" hint.
func (p *parser) checkAssignTarget(e ast.Expr, verb string, stmt bool) {
	if y, ok := e.(*ast.Yield); ok && stmt {
		p.errorNode(y, "assignment to yield expression not possible")
	}
	if y, ok := e.(*ast.YieldFrom); ok && stmt {
		p.errorNode(y, "assignment to yield expression not possible")
	}
	bad := invalidTarget(e, false)
	if bad == nil {
		return
	}
	if stmt && bad == e && isBitwiseOr(e) {
		switch c := e.(type) {
		case *ast.List, *ast.Tuple, *ast.GeneratorExp:
		case *ast.Constant:
			if c.Kind != ast.NoneConst && c.Kind != ast.BoolConst {
				p.errorNode(e, fmt.Sprintf("cannot %s %s here. Maybe you meant '==' instead of '='?", verb, exprKindName(e)))
			}
		default:
			p.errorNode(e, fmt.Sprintf("cannot %s %s here. Maybe you meant '==' instead of '='?", verb, exprKindName(e)))
		}
	}
	p.errorNode(bad, fmt.Sprintf("cannot %s %s", verb, exprKindName(bad)))
}

// checkAnnTarget checks the target of an annotated assignment.
func (p *parser) checkAnnTarget(e ast.Expr) {
	switch e.(type) {
	case *ast.Name, *ast.Attribute, *ast.Subscript:
		return
	case *ast.Tuple:
		p.errorNode(e, "only single target (not tuple) can be annotated")
	case *ast.List:
		p.errorNode(e, "only single target (not list) can be annotated")
	}
	p.errorNode(e, "illegal target for annotation")
}

// checkDelTarget reports a target that cannot be deleted.
func (p *parser) checkDelTarget(e ast.Expr) {
	if bad := invalidTarget(e, true); bad != nil {
		p.errorNode(bad, "cannot delete "+exprKindName(bad))
	}
}
