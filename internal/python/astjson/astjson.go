// Package astjson writes a syntax tree as the canonical one-line JSON of
// CPython's ast module (the format the conformance check compares): each
// node as {"_type": class, fields in CPython 3.13's _fields order, then its
// positions}, constants tagged by type, text escaped as Python's
// json.dumps(..., ensure_ascii=True) does.
package astjson

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// Encode writes one line for a parse result: {"path":..,"ast":..} for a
// valid file, {"path":..,"error":{"msg":..,"lineno":..,"offset":..}} when
// it has a syntax error.
func Encode(w io.Writer, path string, r *parser.Result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	e := &encoder{w: bw, f: r.File}
	bw.WriteString(`{"path":`)
	writeString(bw, path)
	if len(r.Errors) > 0 {
		err := r.Errors[0]
		bw.WriteString(`,"error":{"msg":`)
		writeString(bw, err.Msg)
		bw.WriteString(`,"lineno":`)
		bw.WriteString(strconv.Itoa(err.Line))
		bw.WriteString(`,"offset":`)
		if err.Col > 0 {
			bw.WriteString(strconv.Itoa(err.Col))
		} else {
			bw.WriteString("null")
		}
		bw.WriteString("}}\n")
		return bw.Flush()
	}
	bw.WriteString(`,"ast":`)
	e.module(r.Module)
	bw.WriteString("}\n")
	return bw.Flush()
}

type encoder struct {
	w *bufio.Writer
	f *token.File
}

func (e *encoder) raw(s string) { e.w.WriteString(s) }

func (e *encoder) head(class string) {
	e.w.WriteString(`{"_type":"`)
	e.w.WriteString(class)
	e.w.WriteByte('"')
}

func (e *encoder) key(k string) {
	e.w.WriteString(`,"`)
	e.w.WriteString(k)
	e.w.WriteString(`":`)
}

// pos closes a node with its four position attributes.
func (e *encoder) pos(n ast.Node) {
	l, c := e.f.Position(n.Pos())
	el, ec := e.f.Position(n.End())
	e.w.WriteString(`,"lineno":`)
	e.w.WriteString(strconv.Itoa(l))
	e.w.WriteString(`,"col_offset":`)
	e.w.WriteString(strconv.Itoa(c))
	e.w.WriteString(`,"end_lineno":`)
	e.w.WriteString(strconv.Itoa(el))
	e.w.WriteString(`,"end_col_offset":`)
	e.w.WriteString(strconv.Itoa(ec))
	e.w.WriteByte('}')
}

func (e *encoder) ident(s string) {
	if s == "" {
		e.raw("null")
		return
	}
	writeString(e.w, s)
}

func (e *encoder) module(m *ast.Module) {
	e.head("Module")
	e.key("body")
	e.stmts(m.Body)
	e.raw(`,"type_ignores":[]}`)
}

func (e *encoder) stmts(list []ast.Stmt) {
	e.w.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.stmt(s)
	}
	e.w.WriteByte(']')
}

func (e *encoder) exprs(list []ast.Expr) {
	e.w.WriteByte('[')
	for i, x := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.expr(x)
	}
	e.w.WriteByte(']')
}

func (e *encoder) names(list []string) {
	e.w.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		writeString(e.w, s)
	}
	e.w.WriteByte(']')
}

func (e *encoder) typeParams(list []ast.TypeParam) {
	e.w.WriteByte('[')
	for i, tp := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		switch tp := tp.(type) {
		case *ast.TypeVar:
			e.head("TypeVar")
			e.key("name")
			writeString(e.w, tp.Name)
			e.key("bound")
			e.expr(tp.Bound)
			e.key("default_value")
			e.expr(tp.DefaultValue)
			e.pos(tp)
		case *ast.ParamSpec:
			e.head("ParamSpec")
			e.key("name")
			writeString(e.w, tp.Name)
			e.key("default_value")
			e.expr(tp.DefaultValue)
			e.pos(tp)
		case *ast.TypeVarTuple:
			e.head("TypeVarTuple")
			e.key("name")
			writeString(e.w, tp.Name)
			e.key("default_value")
			e.expr(tp.DefaultValue)
			e.pos(tp)
		}
	}
	e.w.WriteByte(']')
}

func (e *encoder) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.FunctionDef:
		if s.IsAsync {
			e.head("AsyncFunctionDef")
		} else {
			e.head("FunctionDef")
		}
		e.key("name")
		writeString(e.w, s.Name)
		e.key("args")
		e.arguments(s.Args)
		e.key("body")
		e.stmts(s.Body)
		e.key("decorator_list")
		e.exprs(s.DecoratorList)
		e.key("returns")
		e.expr(s.Returns)
		e.raw(`,"type_comment":null`)
		e.key("type_params")
		e.typeParams(s.TypeParams)
		e.pos(s)
	case *ast.ClassDef:
		e.head("ClassDef")
		e.key("name")
		writeString(e.w, s.Name)
		e.key("bases")
		e.exprs(s.Bases)
		e.key("keywords")
		e.keywords(s.Keywords)
		e.key("body")
		e.stmts(s.Body)
		e.key("decorator_list")
		e.exprs(s.DecoratorList)
		e.key("type_params")
		e.typeParams(s.TypeParams)
		e.pos(s)
	case *ast.Return:
		e.head("Return")
		e.key("value")
		e.expr(s.Value)
		e.pos(s)
	case *ast.Delete:
		e.head("Delete")
		e.key("targets")
		e.exprs(s.Targets)
		e.pos(s)
	case *ast.Assign:
		e.head("Assign")
		e.key("targets")
		e.exprs(s.Targets)
		e.key("value")
		e.expr(s.Value)
		e.raw(`,"type_comment":null`)
		e.pos(s)
	case *ast.TypeAlias:
		e.head("TypeAlias")
		e.key("name")
		e.expr(s.Name)
		e.key("type_params")
		e.typeParams(s.TypeParams)
		e.key("value")
		e.expr(s.Value)
		e.pos(s)
	case *ast.AugAssign:
		e.head("AugAssign")
		e.key("target")
		e.expr(s.Target)
		e.key("op")
		e.raw(operatorJSON[s.Op])
		e.key("value")
		e.expr(s.Value)
		e.pos(s)
	case *ast.AnnAssign:
		e.head("AnnAssign")
		e.key("target")
		e.expr(s.Target)
		e.key("annotation")
		e.expr(s.Annotation)
		e.key("value")
		e.expr(s.Value)
		e.key("simple")
		if s.Simple {
			e.raw("1")
		} else {
			e.raw("0")
		}
		e.pos(s)
	case *ast.For:
		if s.IsAsync {
			e.head("AsyncFor")
		} else {
			e.head("For")
		}
		e.key("target")
		e.expr(s.Target)
		e.key("iter")
		e.expr(s.Iter)
		e.key("body")
		e.stmts(s.Body)
		e.key("orelse")
		e.stmts(s.Orelse)
		e.raw(`,"type_comment":null`)
		e.pos(s)
	case *ast.While:
		e.head("While")
		e.key("test")
		e.expr(s.Test)
		e.key("body")
		e.stmts(s.Body)
		e.key("orelse")
		e.stmts(s.Orelse)
		e.pos(s)
	case *ast.If:
		e.head("If")
		e.key("test")
		e.expr(s.Test)
		e.key("body")
		e.stmts(s.Body)
		e.key("orelse")
		e.stmts(s.Orelse)
		e.pos(s)
	case *ast.With:
		if s.IsAsync {
			e.head("AsyncWith")
		} else {
			e.head("With")
		}
		e.key("items")
		e.w.WriteByte('[')
		for i, it := range s.Items {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.head("withitem")
			e.key("context_expr")
			e.expr(it.ContextExpr)
			e.key("optional_vars")
			e.expr(it.OptionalVars)
			e.w.WriteByte('}')
		}
		e.w.WriteByte(']')
		e.key("body")
		e.stmts(s.Body)
		e.raw(`,"type_comment":null`)
		e.pos(s)
	case *ast.Match:
		e.head("Match")
		e.key("subject")
		e.expr(s.Subject)
		e.key("cases")
		e.w.WriteByte('[')
		for i, c := range s.Cases {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.head("match_case")
			e.key("pattern")
			e.pattern(c.Pattern)
			e.key("guard")
			e.expr(c.Guard)
			e.key("body")
			e.stmts(c.Body)
			e.w.WriteByte('}')
		}
		e.w.WriteByte(']')
		e.pos(s)
	case *ast.Raise:
		e.head("Raise")
		e.key("exc")
		e.expr(s.Exc)
		e.key("cause")
		e.expr(s.Cause)
		e.pos(s)
	case *ast.Try:
		if s.Star {
			e.head("TryStar")
		} else {
			e.head("Try")
		}
		e.key("body")
		e.stmts(s.Body)
		e.key("handlers")
		e.w.WriteByte('[')
		for i, h := range s.Handlers {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.head("ExceptHandler")
			e.key("type")
			e.expr(h.Type)
			e.key("name")
			e.ident(h.Name)
			e.key("body")
			e.stmts(h.Body)
			e.pos(h)
		}
		e.w.WriteByte(']')
		e.key("orelse")
		e.stmts(s.Orelse)
		e.key("finalbody")
		e.stmts(s.Finalbody)
		e.pos(s)
	case *ast.Assert:
		e.head("Assert")
		e.key("test")
		e.expr(s.Test)
		e.key("msg")
		e.expr(s.Msg)
		e.pos(s)
	case *ast.Import:
		e.head("Import")
		e.key("names")
		e.aliases(s.Names)
		e.pos(s)
	case *ast.ImportFrom:
		e.head("ImportFrom")
		e.key("module")
		e.ident(s.Module)
		e.key("names")
		e.aliases(s.Names)
		e.key("level")
		e.raw(strconv.Itoa(s.Level))
		e.pos(s)
	case *ast.Global:
		e.head("Global")
		e.key("names")
		e.names(s.Names)
		e.pos(s)
	case *ast.Nonlocal:
		e.head("Nonlocal")
		e.key("names")
		e.names(s.Names)
		e.pos(s)
	case *ast.ExprStmt:
		e.head("Expr")
		e.key("value")
		e.expr(s.Value)
		e.pos(s)
	case *ast.Pass:
		e.head("Pass")
		e.pos(s)
	case *ast.Break:
		e.head("Break")
		e.pos(s)
	case *ast.Continue:
		e.head("Continue")
		e.pos(s)
	default:
		e.head("BadStmt")
		e.pos(s)
	}
}

func (e *encoder) aliases(list []*ast.Alias) {
	e.w.WriteByte('[')
	for i, a := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.head("alias")
		e.key("name")
		writeString(e.w, a.Name)
		e.key("asname")
		e.ident(a.Asname)
		e.pos(a)
	}
	e.w.WriteByte(']')
}

func (e *encoder) keywords(list []*ast.Keyword) {
	e.w.WriteByte('[')
	for i, k := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.head("keyword")
		e.key("arg")
		e.ident(k.Arg)
		e.key("value")
		e.expr(k.Value)
		e.pos(k)
	}
	e.w.WriteByte(']')
}

func (e *encoder) arg(a *ast.Arg) {
	if a == nil {
		e.raw("null")
		return
	}
	e.head("arg")
	e.key("arg")
	writeString(e.w, a.Arg)
	e.key("annotation")
	e.expr(a.Annotation)
	e.raw(`,"type_comment":null`)
	e.pos(a)
}

func (e *encoder) args(list []*ast.Arg) {
	e.w.WriteByte('[')
	for i, a := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.arg(a)
	}
	e.w.WriteByte(']')
}

func (e *encoder) arguments(a *ast.Arguments) {
	if a == nil {
		a = &ast.Arguments{}
	}
	e.head("arguments")
	e.key("posonlyargs")
	e.args(a.PosOnlyArgs)
	e.key("args")
	e.args(a.Args)
	e.key("vararg")
	e.arg(a.Vararg)
	e.key("kwonlyargs")
	e.args(a.KwOnlyArgs)
	e.key("kw_defaults")
	e.exprs(a.KwDefaults)
	e.key("kwarg")
	e.arg(a.Kwarg)
	e.key("defaults")
	e.exprs(a.Defaults)
	e.w.WriteByte('}')
}

func (e *encoder) comprehensions(list []*ast.Comprehension) {
	e.w.WriteByte('[')
	for i, c := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.head("comprehension")
		e.key("target")
		e.expr(c.Target)
		e.key("iter")
		e.expr(c.Iter)
		e.key("ifs")
		e.exprs(c.Ifs)
		e.key("is_async")
		if c.IsAsync {
			e.raw("1")
		} else {
			e.raw("0")
		}
		e.w.WriteByte('}')
	}
	e.w.WriteByte(']')
}

var ctxJSON = [...]string{ast.Load: `{"_type":"Load"}`, ast.Store: `{"_type":"Store"}`, ast.Del: `{"_type":"Del"}`}

var operatorJSON = [...]string{
	ast.Add: `{"_type":"Add"}`, ast.Sub: `{"_type":"Sub"}`, ast.Mult: `{"_type":"Mult"}`,
	ast.MatMult: `{"_type":"MatMult"}`, ast.Div: `{"_type":"Div"}`, ast.Mod: `{"_type":"Mod"}`,
	ast.Pow: `{"_type":"Pow"}`, ast.LShift: `{"_type":"LShift"}`, ast.RShift: `{"_type":"RShift"}`,
	ast.BitOr: `{"_type":"BitOr"}`, ast.BitXor: `{"_type":"BitXor"}`, ast.BitAnd: `{"_type":"BitAnd"}`,
	ast.FloorDiv: `{"_type":"FloorDiv"}`,
}

var unaryJSON = [...]string{
	ast.Invert: `{"_type":"Invert"}`, ast.Not: `{"_type":"Not"}`, ast.UAdd: `{"_type":"UAdd"}`, ast.USub: `{"_type":"USub"}`,
}

var cmpJSON = [...]string{
	ast.Eq: `{"_type":"Eq"}`, ast.NotEq: `{"_type":"NotEq"}`, ast.Lt: `{"_type":"Lt"}`, ast.LtE: `{"_type":"LtE"}`,
	ast.Gt: `{"_type":"Gt"}`, ast.GtE: `{"_type":"GtE"}`, ast.Is: `{"_type":"Is"}`, ast.IsNot: `{"_type":"IsNot"}`,
	ast.In: `{"_type":"In"}`, ast.NotIn: `{"_type":"NotIn"}`,
}

func (e *encoder) expr(x ast.Expr) {
	switch x := x.(type) {
	case nil:
		e.raw("null")
	case *ast.BoolOp:
		e.head("BoolOp")
		e.key("op")
		if x.Op == ast.And {
			e.raw(`{"_type":"And"}`)
		} else {
			e.raw(`{"_type":"Or"}`)
		}
		e.key("values")
		e.exprs(x.Values)
		e.pos(x)
	case *ast.NamedExpr:
		e.head("NamedExpr")
		e.key("target")
		e.expr(x.Target)
		e.key("value")
		e.expr(x.Value)
		e.pos(x)
	case *ast.BinOp:
		e.head("BinOp")
		e.key("left")
		e.expr(x.Left)
		e.key("op")
		e.raw(operatorJSON[x.Op])
		e.key("right")
		e.expr(x.Right)
		e.pos(x)
	case *ast.UnaryOp:
		e.head("UnaryOp")
		e.key("op")
		e.raw(unaryJSON[x.Op])
		e.key("operand")
		e.expr(x.Operand)
		e.pos(x)
	case *ast.Lambda:
		e.head("Lambda")
		e.key("args")
		e.arguments(x.Args)
		e.key("body")
		e.expr(x.Body)
		e.pos(x)
	case *ast.IfExp:
		e.head("IfExp")
		e.key("test")
		e.expr(x.Test)
		e.key("body")
		e.expr(x.Body)
		e.key("orelse")
		e.expr(x.Orelse)
		e.pos(x)
	case *ast.Dict:
		e.head("Dict")
		e.key("keys")
		e.exprs(x.Keys)
		e.key("values")
		e.exprs(x.Values)
		e.pos(x)
	case *ast.Set:
		e.head("Set")
		e.key("elts")
		e.exprs(x.Elts)
		e.pos(x)
	case *ast.ListComp:
		e.head("ListComp")
		e.key("elt")
		e.expr(x.Elt)
		e.key("generators")
		e.comprehensions(x.Generators)
		e.pos(x)
	case *ast.SetComp:
		e.head("SetComp")
		e.key("elt")
		e.expr(x.Elt)
		e.key("generators")
		e.comprehensions(x.Generators)
		e.pos(x)
	case *ast.DictComp:
		e.head("DictComp")
		e.key("key")
		e.expr(x.Key)
		e.key("value")
		e.expr(x.Value)
		e.key("generators")
		e.comprehensions(x.Generators)
		e.pos(x)
	case *ast.GeneratorExp:
		e.head("GeneratorExp")
		e.key("elt")
		e.expr(x.Elt)
		e.key("generators")
		e.comprehensions(x.Generators)
		e.pos(x)
	case *ast.Await:
		e.head("Await")
		e.key("value")
		e.expr(x.Value)
		e.pos(x)
	case *ast.Yield:
		e.head("Yield")
		e.key("value")
		e.expr(x.Value)
		e.pos(x)
	case *ast.YieldFrom:
		e.head("YieldFrom")
		e.key("value")
		e.expr(x.Value)
		e.pos(x)
	case *ast.Compare:
		e.head("Compare")
		e.key("left")
		e.expr(x.Left)
		e.key("ops")
		e.w.WriteByte('[')
		for i, op := range x.Ops {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.raw(cmpJSON[op])
		}
		e.w.WriteByte(']')
		e.key("comparators")
		e.exprs(x.Comparators)
		e.pos(x)
	case *ast.Call:
		e.head("Call")
		e.key("func")
		e.expr(x.Func)
		e.key("args")
		e.exprs(x.Args)
		e.key("keywords")
		e.keywords(x.Keywords)
		e.pos(x)
	case *ast.FormattedValue:
		e.head("FormattedValue")
		e.key("value")
		e.expr(x.Value)
		e.key("conversion")
		e.raw(strconv.Itoa(x.Conversion))
		e.key("format_spec")
		e.expr(x.FormatSpec)
		e.pos(x)
	case *ast.Interpolation:
		e.head("Interpolation")
		e.key("value")
		e.expr(x.Value)
		e.key("str")
		writeString(e.w, x.Str)
		e.key("conversion")
		e.raw(strconv.Itoa(x.Conversion))
		e.key("format_spec")
		e.expr(x.FormatSpec)
		e.pos(x)
	case *ast.JoinedStr:
		e.head("JoinedStr")
		e.key("values")
		e.exprs(x.Values)
		e.pos(x)
	case *ast.TemplateStr:
		e.head("TemplateStr")
		e.key("values")
		e.exprs(x.Values)
		e.pos(x)
	case *ast.Constant:
		e.head("Constant")
		e.key("value")
		e.constant(x)
		e.key("kind")
		if x.UPrefix {
			e.raw(`"u"`)
		} else {
			e.raw("null")
		}
		e.pos(x)
	case *ast.Attribute:
		e.head("Attribute")
		e.key("value")
		e.expr(x.Value)
		e.key("attr")
		writeString(e.w, x.Attr)
		e.key("ctx")
		e.raw(ctxJSON[x.Ctx])
		e.pos(x)
	case *ast.Subscript:
		e.head("Subscript")
		e.key("value")
		e.expr(x.Value)
		e.key("slice")
		e.expr(x.Slice)
		e.key("ctx")
		e.raw(ctxJSON[x.Ctx])
		e.pos(x)
	case *ast.Starred:
		e.head("Starred")
		e.key("value")
		e.expr(x.Value)
		e.key("ctx")
		e.raw(ctxJSON[x.Ctx])
		e.pos(x)
	case *ast.Name:
		e.head("Name")
		e.key("id")
		writeString(e.w, x.Id)
		e.key("ctx")
		e.raw(ctxJSON[x.Ctx])
		e.pos(x)
	case *ast.List:
		e.head("List")
		e.key("elts")
		e.exprs(x.Elts)
		e.key("ctx")
		e.raw(ctxJSON[x.Ctx])
		e.pos(x)
	case *ast.Tuple:
		e.head("Tuple")
		e.key("elts")
		e.exprs(x.Elts)
		e.key("ctx")
		e.raw(ctxJSON[x.Ctx])
		e.pos(x)
	case *ast.Slice:
		e.head("Slice")
		e.key("lower")
		e.expr(x.Lower)
		e.key("upper")
		e.expr(x.Upper)
		e.key("step")
		e.expr(x.Step)
		e.pos(x)
	default:
		e.head("BadExpr")
		e.pos(x)
	}
}

func (e *encoder) constant(c *ast.Constant) {
	switch c.Kind {
	case ast.NoneConst:
		e.raw(`{"none":null}`)
	case ast.BoolConst:
		if c.Bool {
			e.raw(`{"bool":true}`)
		} else {
			e.raw(`{"bool":false}`)
		}
	case ast.EllipsisConst:
		e.raw(`{"ellipsis":null}`)
	case ast.IntConst:
		e.raw(`{"int":"`)
		e.raw(c.Int.String())
		e.raw(`"}`)
	case ast.FloatConst:
		e.raw(`{"float":"`)
		e.raw(FloatRepr(c.Float))
		e.raw(`"}`)
	case ast.ComplexConst:
		e.raw(`{"complex":"`)
		e.raw(ComplexRepr(c.Float))
		e.raw(`"}`)
	case ast.StrConst:
		if cps, ok := surrogateCodePoints(c.Str); ok {
			e.raw(`{"str_codepoints":[`)
			for i, r := range cps {
				if i > 0 {
					e.w.WriteByte(',')
				}
				e.raw(strconv.Itoa(int(r)))
			}
			e.raw(`]}`)
			return
		}
		e.raw(`{"str":`)
		writeString(e.w, c.Str)
		e.w.WriteByte('}')
	case ast.BytesConst:
		e.raw(`{"bytes":`)
		var b strings.Builder
		for i := 0; i < len(c.Str); i++ {
			b.WriteRune(rune(c.Str[i]))
		}
		writeString(e.w, b.String())
		e.w.WriteByte('}')
	}
}

// surrogateCodePoints decodes WTF-8 text that holds a surrogate code point
// into code points; ok is false when it holds none.
func surrogateCodePoints(s string) ([]rune, bool) {
	has := false
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xED && s[i+1] >= 0xA0 && s[i+1] <= 0xBF {
			has = true
			break
		}
	}
	if !has {
		return nil, false
	}
	var out []rune
	for i := 0; i < len(s); {
		if i+2 < len(s) && s[i] == 0xED && s[i+1] >= 0xA0 && s[i+1] <= 0xBF {
			out = append(out, rune(s[i]&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F))
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out = append(out, r)
		i += n
	}
	return out, true
}

// FloatRepr formats f as Python's repr(float) does.
func FloatRepr(f float64) string {
	return pyFloat(f, true)
}

// ComplexRepr formats a complex number with a zero real part and imaginary
// part im as Python's repr(complex) does.
func ComplexRepr(im float64) string {
	return pyFloat(im, false) + "j"
}

func pyFloat(f float64, addDot bool) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	ei := strings.IndexByte(s, 'e')
	mant, exp := s[:ei], s[ei+1:]
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	decpt := x + 1
	var out string
	if decpt > -4 && decpt <= 16 {
		switch {
		case decpt <= 0:
			out = "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			out = digits + strings.Repeat("0", decpt-len(digits))
			if addDot {
				out += ".0"
			}
		default:
			out = digits[:decpt] + "." + digits[decpt:]
		}
	} else {
		out = digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		sign := "+"
		if x < 0 {
			sign = "-"
			x = -x
		}
		es := strconv.Itoa(x)
		if len(es) < 2 {
			es = "0" + es
		}
		out += "e" + sign + es
	}
	if neg {
		out = "-" + out
	}
	return out
}

// writeString writes s as json.dumps(s, ensure_ascii=True) does.
func writeString(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				w.WriteString(`\"`)
			case c == '\\':
				w.WriteString(`\\`)
			case c == '\n':
				w.WriteString(`\n`)
			case c == '\r':
				w.WriteString(`\r`)
			case c == '\t':
				w.WriteString(`\t`)
			case c == '\b':
				w.WriteString(`\b`)
			case c == '\f':
				w.WriteString(`\f`)
			case c < 0x20 || c == 0x7f:
				w.WriteString(`\u00`)
				w.WriteByte(hex[c>>4])
				w.WriteByte(hex[c&0xF])
			default:
				w.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			r = rune(c)
		}
		i += n
		writeU := func(v rune) {
			w.WriteString(`\u`)
			w.WriteByte(hex[(v>>12)&0xF])
			w.WriteByte(hex[(v>>8)&0xF])
			w.WriteByte(hex[(v>>4)&0xF])
			w.WriteByte(hex[v&0xF])
		}
		if r >= 0x10000 {
			r -= 0x10000
			writeU(0xD800 + (r>>10)&0x3FF)
			writeU(0xDC00 + r&0x3FF)
		} else {
			writeU(r)
		}
	}
	w.WriteByte('"')
}

func (e *encoder) patterns(list []ast.Pattern) {
	e.w.WriteByte('[')
	for i, p := range list {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.pattern(p)
	}
	e.w.WriteByte(']')
}

func (e *encoder) pattern(p ast.Pattern) {
	switch p := p.(type) {
	case nil:
		e.raw("null")
	case *ast.MatchValue:
		e.head("MatchValue")
		e.key("value")
		e.expr(p.Value)
		e.pos(p)
	case *ast.MatchSingleton:
		e.head("MatchSingleton")
		e.key("value")
		e.constant(p.Value)
		e.pos(p)
	case *ast.MatchSequence:
		e.head("MatchSequence")
		e.key("patterns")
		e.patterns(p.Patterns)
		e.pos(p)
	case *ast.MatchMapping:
		e.head("MatchMapping")
		e.key("keys")
		e.exprs(p.Keys)
		e.key("patterns")
		e.patterns(p.Patterns)
		e.key("rest")
		e.ident(p.Rest)
		e.pos(p)
	case *ast.MatchClass:
		e.head("MatchClass")
		e.key("cls")
		e.expr(p.Cls)
		e.key("patterns")
		e.patterns(p.Patterns)
		e.key("kwd_attrs")
		e.names(p.KwdAttrs)
		e.key("kwd_patterns")
		e.patterns(p.KwdPatterns)
		e.pos(p)
	case *ast.MatchStar:
		e.head("MatchStar")
		e.key("name")
		e.ident(p.Name)
		e.pos(p)
	case *ast.MatchAs:
		e.head("MatchAs")
		e.key("pattern")
		e.pattern(p.Pattern)
		e.key("name")
		e.ident(p.Name)
		e.pos(p)
	case *ast.MatchOr:
		e.head("MatchOr")
		e.key("patterns")
		e.patterns(p.Patterns)
		e.pos(p)
	}
}
