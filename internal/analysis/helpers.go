package analysis

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Arg returns the argument of a call given at position pos or by keyword
// kw (pos < 0 or kw "" to skip either), or nil.
func Arg(c *ast.Call, pos int, kw string) ast.Expr {
	if kw != "" {
		for _, k := range c.Keywords {
			if k.Arg == kw {
				return k.Value
			}
		}
	}
	if pos >= 0 && pos < len(c.Args) {
		for _, a := range c.Args[:pos+1] {
			if _, ok := a.(*ast.Starred); ok {
				return nil
			}
		}
		return c.Args[pos]
	}
	return nil
}

// Keyword returns the value of keyword argument name, or nil.
func Keyword(c *ast.Call, name string) ast.Expr {
	return Arg(c, -1, name)
}

// HasKwargs reports whether the call passes **mapping (which may hold any
// keyword).
func HasKwargs(c *ast.Call) bool {
	for _, k := range c.Keywords {
		if k.Arg == "" {
			return true
		}
	}
	return false
}

// IsTrue reports whether e is statically a true value.
func IsTrue(m *semantic.Model, e ast.Expr) bool {
	if e == nil {
		return false
	}
	v, ok := m.ConstValue(e)
	return ok && v.Truthy()
}

// IsFalse reports whether e is statically a false value.
func IsFalse(m *semantic.Model, e ast.Expr) bool {
	if e == nil {
		return false
	}
	v, ok := m.ConstValue(e)
	return ok && !v.Truthy()
}

// IsConstant reports whether e folds to a constant.
func IsConstant(m *semantic.Model, e ast.Expr) bool {
	_, ok := m.ConstValue(e)
	return ok
}

// ConstString returns e's value when it folds to a str constant.
func ConstString(m *semantic.Model, e ast.Expr) (string, bool) {
	v, ok := m.ConstValue(e)
	if !ok || v.Kind != semantic.StrValue {
		return "", false
	}
	return v.Str, true
}

// IsBuiltString reports whether e builds a string from parts that are not
// all constant: an f-string with a non-constant field, % or .format() with
// non-constant arguments, or + with a non-constant operand and a string
// operand. A name bound once to such an expression counts too.
func IsBuiltString(m *semantic.Model, e ast.Expr) bool {
	return builtString(m, e, 0)
}

func builtString(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 8 || e == nil {
		return false
	}
	if _, ok := m.ConstValue(e); ok {
		return false
	}
	switch e := e.(type) {
	case *ast.JoinedStr:
		return true
	case *ast.BinOp:
		switch e.Op {
		case ast.Mod:
			return isStringy(m, e.Left, depth)
		case ast.Add:
			return isStringy(m, e.Left, depth) || isStringy(m, e.Right, depth)
		}
	case *ast.Call:
		if a, ok := e.Func.(*ast.Attribute); ok {
			switch a.Attr {
			case "format", "format_map":
				return isStringy(m, a.Value, depth)
			case "join":
				_, ok := m.ConstValue(a.Value)
				return ok
			}
		}
	case *ast.Name:
		bs := m.Lookup(e.Id, e.Pos())
		if len(bs) == 0 {
			return false
		}
		for _, b := range bs {
			if b.Kind == semantic.AssignBinding && b.Value != nil && builtString(m, b.Value, depth+1) {
				return true
			}
			if b.Kind == semantic.OtherBinding {
				// x += "..." + user: an augmented assignment building a string.
				if aug, ok := b.Node.(*ast.AugAssign); ok && aug.Op == ast.Add && !IsConstant(m, aug.Value) {
					return true
				}
			}
		}
	}
	return false
}

// isStringy reports whether e is a str constant or itself a built string.
func isStringy(m *semantic.Model, e ast.Expr, depth int) bool {
	if v, ok := m.ConstValue(e); ok {
		return v.Kind == semantic.StrValue || v.Kind == semantic.BytesValue
	}
	return builtString(m, e, depth+1)
}

// IsTestPath reports whether a slash-separated path is test code: a
// test_*.py or *_test.py module, conftest.py, or a file under a tests,
// test or testing directory.
func IsTestPath(path string) bool {
	l := "/" + strings.ToLower(path)
	base := l[strings.LastIndexByte(l, '/')+1:]
	return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" ||
		strings.Contains(l, "/tests/") || strings.Contains(l, "/test/") || strings.Contains(l, "/testing/")
}

// SAX features that make a parser load external entities: general
// entities and parameter entities (which also fetches external DTDs).
var saxExternalFeatures = map[string]bool{
	"xml.sax.handler.feature_external_ges": true, "xml.sax.handler.feature_external_pes": true,
	"http://xml.org/sax/features/external-general-entities":   true,
	"http://xml.org/sax/features/external-parameter-entities": true,
}

// SAXParserResolvesExternal reports whether e names a SAX parser
// (xml.sax.make_parser(), xml.sax.expatreader.create_parser()) on which
// the same scope turns on external entities with
// setFeature(feature_external_ges, True). Since Python 3.7.1 a SAX parser,
// and minidom and pulldom built on it, leave external entities alone
// unless that feature is on.
func SAXParserResolvesExternal(u *Unit, e ast.Expr) bool {
	n, ok := e.(*ast.Name)
	if !ok {
		return false
	}
	m := u.Model()
	made := false
	for _, b := range m.Lookup(n.Id, n.Pos()) {
		if c, ok := b.Value.(*ast.Call); ok {
			switch m.QualifiedName(c.Func) {
			case "xml.sax.make_parser", "xml.sax.expatreader.create_parser", "xml.sax.expatreader.ExpatParser":
				made = true
			}
		}
	}
	if !made {
		return false
	}
	scope := m.ScopeAt(n.Pos())
	for _, cs := range u.Calls() {
		a, ok := cs.Call.Func.(*ast.Attribute)
		if !ok || a.Attr != "setFeature" || len(cs.Call.Args) < 2 {
			continue
		}
		recv, ok := a.Value.(*ast.Name)
		if !ok || recv.Id != n.Id || m.ScopeAt(recv.Pos()) != scope {
			continue
		}
		feature := m.QualifiedName(cs.Call.Args[0])
		if s, ok := ConstString(m, cs.Call.Args[0]); ok {
			feature = s
		}
		if saxExternalFeatures[feature] && !IsFalse(m, cs.Call.Args[1]) {
			return true
		}
	}
	return false
}
