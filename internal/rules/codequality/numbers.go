package codequality

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// nanNames are the qualified names of constants that hold NaN.
var nanNames = map[string]bool{
	"math.nan": true, "cmath.nan": true, "numpy.nan": true, "numpy.NaN": true, "numpy.NAN": true,
}

// isNaN reports whether e is statically a NaN: math.nan, numpy.nan,
// float("nan") or Decimal("NaN").
func isNaN(m *semantic.Model, e ast.Expr) bool {
	if nanNames[m.QualifiedName(e)] {
		return true
	}
	c, ok := e.(*ast.Call)
	if !ok || len(c.Args) != 1 || len(c.Keywords) != 0 {
		return false
	}
	switch m.QualifiedName(c.Func) {
	case "float", "decimal.Decimal", "numpy.float64", "numpy.float32":
	default:
		return false
	}
	s, ok := analysis.ConstString(m, c.Args[0])
	if !ok {
		return false
	}
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "nan" || s == "+nan" || s == "-nan"
}

// freshNaN reports whether e builds a new NaN object (float("nan")).
func freshNaN(m *semantic.Model, e ast.Expr) bool {
	_, call := e.(*ast.Call)
	return call && isNaN(m, e)
}

// NaNComparison finds == and != (and is) against NaN.
var NaNComparison = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG807", Name: "nan-comparison", CWE: []int{1077, 754},
		Guide:    []string{"pyscg-0006", "pyscg-0018"},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "value compared with NaN by == or != (or by is with a new float(\"nan\")), which never matches",
		Why: "NaN is unequal to everything, itself included, so `x == float(\"nan\")` is always False and `x != math.nan` " +
			"always True. A check written this way lets NaN through, and NaN then poisons every sum, comparison and " +
			"limit it reaches: `amount > limit` is False for NaN, so a limit check passes.",
		Vulnerable: "import math\n\ndef charge(amount: float, limit: float) -> None:\n    if amount == math.nan or amount > limit:\n        raise ValueError(\"bad amount\")\n    book(amount)\n",
		Secure:     "import math\n\ndef charge(amount: float, limit: float) -> None:\n    if not math.isfinite(amount) or amount > limit:\n        raise ValueError(\"bad amount\")\n    book(amount)\n",
		Fix:        "Test with math.isnan() (or math.isfinite() to reject infinities too), numpy.isnan() for arrays, or Decimal.is_nan().",
		References: []string{"https://docs.python.org/3/library/math.html#math.isnan", "https://cwe.mitre.org/data/definitions/1077.html"},
		Aliases:    []string{"PLW0177"},
		Tags:       []string{"numbers"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		p.Unit.EachNode(func(n ast.Node) {
			c, ok := n.(*ast.Compare)
			if !ok {
				return
			}
			left := c.Left
			for i, op := range c.Ops {
				right := c.Comparators[i]
				switch op {
				case ast.Eq, ast.NotEq, ast.Is, ast.IsNot:
					// x is math.nan holds for the math.nan object itself; only a
					// fresh float("nan") is never identical to anything.
					nan := isNaN(m, left) || isNaN(m, right)
					if op == ast.Is || op == ast.IsNot {
						nan = freshNaN(m, left) || freshNaN(m, right)
					}
					if nan {
						verdict := "never true"
						if op == ast.NotEq || op == ast.IsNot {
							verdict = "always true"
						}
						p.Reportf(c, "comparison with NaN is %s; use math.isnan()", verdict)
						return
					}
				}
				left = right
			}
		})
	},
}

// inexactFloat reports whether a float literal's decimal spelling differs
// from the binary value it denotes (0.1 does, 0.5 and 2.0 do not).
func inexactFloat(f float64) bool {
	exact := new(big.Rat)
	if exact.SetFloat64(f) == nil {
		return false // inf or nan
	}
	spelled, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	return ok && exact.Cmp(spelled) != 0
}

// floatLiteral returns the value of a float literal, possibly negated.
func floatLiteral(e ast.Expr) (float64, bool) {
	if u, ok := e.(*ast.UnaryOp); ok && (u.Op == ast.USub || u.Op == ast.UAdd) {
		f, ok := floatLiteral(u.Operand)
		if u.Op == ast.USub {
			f = -f
		}
		return f, ok
	}
	c, ok := e.(*ast.Constant)
	if !ok || c.Kind != ast.FloatConst {
		return 0, false
	}
	return c.Float, true
}

// DecimalFromFloat finds Decimal built from a float.
var DecimalFromFloat = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG808", Name: "decimal-from-float", CWE: []int{681},
		Guide:    []string{"pyscg-0007"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "decimal.Decimal built from a float literal or float() instead of a string",
		Why: "A float is a binary fraction: 0.1 is stored as 0.1000000000000000055511151231257827... and Decimal(0.1) " +
			"copies every one of those digits. Amounts, rates and limits built this way are off from the start, and " +
			"rounding and equality checks on them give results nobody expects.",
		Vulnerable: "from decimal import Decimal\n\nVAT_RATE = Decimal(0.19)\n\ndef gross(net: Decimal) -> Decimal:\n    return net * (1 + VAT_RATE)\n",
		Secure:     "from decimal import Decimal\n\nVAT_RATE = Decimal(\"0.19\")\n\ndef gross(net: Decimal) -> Decimal:\n    return net * (1 + VAT_RATE)\n",
		Fix:        "Pass a string (Decimal(\"0.19\")) or an int; convert user input from its text, not from float().",
		References: []string{"https://docs.python.org/3/library/decimal.html#decimal.Decimal", "https://cwe.mitre.org/data/definitions/681.html"},
		Aliases:    []string{"RUF032"},
		Tags:       []string{"numbers"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if cs.Name != "decimal.Decimal" && cs.Name != "decimal.Decimal.from_float" {
				continue
			}
			arg := analysis.Arg(cs.Call, 0, "value")
			if arg == nil {
				arg = analysis.Arg(cs.Call, 0, "f")
			}
			if f, ok := floatLiteral(arg); ok {
				if inexactFloat(f) {
					p.Reportf(cs.Call, "Decimal(%s) holds the binary float's digits, not %s; pass the string", strconv.FormatFloat(f, 'g', -1, 64), strconv.Quote(strconv.FormatFloat(f, 'g', -1, 64)))
				}
				continue
			}
			if c, ok := arg.(*ast.Call); ok && p.Unit.Model().QualifiedName(c.Func) == "float" {
				p.Report(cs.Call, "Decimal(float(...)) carries the float's binary rounding error; build the Decimal from the text")
			}
		}
	},
}

// literalForIdentity reports whether e is a literal whose identity is not
// guaranteed (numbers, strings, bytes, containers).
func literalForIdentity(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.Constant:
		switch e.Kind {
		case ast.IntConst, ast.FloatConst, ast.ComplexConst:
			return "number", true
		case ast.StrConst:
			return "string", true
		case ast.BytesConst:
			return "bytes", true
		}
	case *ast.JoinedStr:
		return "string", true
	case *ast.List, *ast.Dict, *ast.Set, *ast.ListComp, *ast.DictComp, *ast.SetComp:
		return "container", true
	case *ast.Tuple:
		if len(e.Elts) > 0 {
			return "tuple", true
		}
	case *ast.UnaryOp:
		if e.Op == ast.USub {
			if c, ok := e.Operand.(*ast.Constant); ok && (c.Kind == ast.IntConst || c.Kind == ast.FloatConst) {
				return "number", true
			}
		}
	}
	return "", false
}

// IsLiteral finds `is` and `is not` with a literal operand.
var IsLiteral = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG810", Name: "is-comparison-with-literal", CWE: []int{595},
		Guide:    []string{"pyscg-0033"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "`is` or `is not` used to compare with a number, string, bytes or container literal",
		Why: "`is` asks whether two operands are the same object, not whether they are equal. Whether equal strings or " +
			"numbers are the same object depends on interning and caching in the interpreter, so `role is \"admin\"` can " +
			"be True in a test and False in production for the very same value (CPython warns about it since 3.8).",
		Vulnerable: "def can_delete(role: str) -> bool:\n    return role is \"admin\"\n",
		Secure:     "def can_delete(role: str) -> bool:\n    return role == \"admin\"\n",
		Fix:        "Use == and != for values; keep `is` for None, True, False and sentinel objects.",
		References: []string{"https://docs.python.org/3/reference/expressions.html#is-not", "https://cwe.mitre.org/data/definitions/595.html"},
		Aliases:    []string{"F632"},
		Tags:       []string{"comparison"},
	},
	Run: func(p *analysis.Pass) {
		p.Unit.EachNode(func(n ast.Node) {
			c, ok := n.(*ast.Compare)
			if !ok {
				return
			}
			left := c.Left
			for i, op := range c.Ops {
				right := c.Comparators[i]
				if op == ast.Is || op == ast.IsNot {
					kind, lit := literalForIdentity(right)
					if !lit {
						kind, lit = literalForIdentity(left)
					}
					if lit {
						eq := "=="
						if op == ast.IsNot {
							eq = "!="
						}
						p.Reportf(c, "identity comparison with a %s literal depends on interning; use %s", kind, eq)
						return
					}
				}
				left = right
			}
		})
	},
}

// ctypesWidths are the fixed sizes (bits, signed) of ctypes integer types
// that are the same on every platform CPython supports; c_long and
// c_size_t differ between Windows and Unix and are left out.
var ctypesWidths = map[string]struct {
	bits   uint
	signed bool
}{
	"ctypes.c_byte": {8, true}, "ctypes.c_ubyte": {8, false}, "ctypes.c_int8": {8, true}, "ctypes.c_uint8": {8, false},
	"ctypes.c_short": {16, true}, "ctypes.c_ushort": {16, false}, "ctypes.c_int16": {16, true}, "ctypes.c_uint16": {16, false},
	"ctypes.c_int": {32, true}, "ctypes.c_uint": {32, false}, "ctypes.c_int32": {32, true}, "ctypes.c_uint32": {32, false},
	"ctypes.c_longlong": {64, true}, "ctypes.c_ulonglong": {64, false}, "ctypes.c_int64": {64, true}, "ctypes.c_uint64": {64, false},
}

// CtypesOverflow finds ctypes integers built from constants they cannot hold.
var CtypesOverflow = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG820", Name: "ctypes-integer-overflow", CWE: []int{190, 191},
		Guide:    []string{"pyscg-0002"},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "ctypes fixed-width integer built from a constant outside its range (silently wraps)",
		Why: "Python integers do not overflow, but ctypes integers are C integers: c_uint8(256) holds 0 and " +
			"c_int8(200) holds -56, with no error. A size, length or limit passed to C code this way is not the one " +
			"written, and a wrapped length is how buffer overflows in native code begin.",
		Vulnerable: "import ctypes\n\nMAX_PACKET = ctypes.c_uint16(70000)\n",
		Secure:     "import ctypes\n\nMAX_PACKET = ctypes.c_uint32(70000)\n",
		Fix:        "Pick a ctypes type wide enough for the value, or check the range before converting (0 <= n < 2**bits).",
		References: []string{"https://docs.python.org/3/library/ctypes.html#fundamental-data-types", "https://cwe.mitre.org/data/definitions/190.html"},
		Tags:       []string{"numbers", "native"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			w, ok := ctypesWidths[cs.Name]
			if !ok || len(cs.Call.Args) != 1 {
				continue
			}
			v, ok := m.ConstValue(cs.Call.Args[0])
			if !ok || v.Int == nil {
				continue
			}
			lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), w.bits)
			if w.signed {
				hi.Rsh(hi, 1)
				lo.Neg(hi)
			}
			hi.Sub(hi, big.NewInt(1))
			if v.Int.Cmp(lo) < 0 || v.Int.Cmp(hi) > 0 {
				p.Reportf(cs.Call, "%s cannot hold %s (range %s..%s); the value wraps silently", cs.Name[len("ctypes."):], v.Int, lo, hi)
			}
		}
	},
}

// FloatCounter finds while loops whose counter is stepped by an inexact
// float, and numpy.arange with such a step.
var FloatCounter = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG821", Name: "float-loop-counter", CWE: []int{1339},
		Guide:    []string{"pyscg-0004"},
		Severity: finding.Low, Confidence: finding.MediumConfidence,
		Summary: "loop counter stepped by a float such as 0.1 (while loop, or numpy.arange with a float step)",
		Why: "0.1 has no exact binary value, so a counter that adds it ten times is 0.9999999999999999, not 1.0. A loop " +
			"that tests `x != 1.0` never ends, and one that tests `x < 1.0` runs once more than intended; numpy.arange " +
			"with a float step can return one element more or less than expected for the same reason.",
		Vulnerable: "def schedule(run):\n    t = 0.0\n    while t != 1.0:\n        run(t)\n        t += 0.1\n",
		Secure:     "def schedule(run):\n    for i in range(10):\n        run(i / 10)\n",
		Fix:        "Count with an integer and derive the float from it (i / 10), or use numpy.linspace with a point count.",
		References: []string{"https://docs.python.org/3/tutorial/floatingpoint.html", "https://numpy.org/doc/stable/reference/generated/numpy.arange.html"},
		Tags:       []string{"numbers"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if cs.Name != "numpy.arange" || len(cs.Call.Args) < 3 {
				continue
			}
			if f, ok := floatLiteral(cs.Call.Args[2]); ok && inexactFloat(f) {
				p.Reportf(cs.Call, "numpy.arange with step %s may return one element more or less than expected; use numpy.linspace", strconv.FormatFloat(f, 'g', -1, 64))
			}
		}
		p.Unit.EachNode(func(n ast.Node) {
			w, ok := n.(*ast.While)
			if !ok {
				return
			}
			c, ok := w.Test.(*ast.Compare)
			if !ok || len(c.Ops) != 1 {
				return
			}
			var names []string
			for _, e := range []ast.Expr{c.Left, c.Comparators[0]} {
				if nm, ok := e.(*ast.Name); ok {
					names = append(names, nm.Id)
				}
			}
			inspectFlat(w.Body, func(n ast.Node) bool {
				a, ok := n.(*ast.AugAssign)
				if !ok || (a.Op != ast.Add && a.Op != ast.Sub) {
					return true
				}
				f, ok := floatLiteral(a.Value)
				if !ok || !inexactFloat(f) {
					return true
				}
				for _, name := range names {
					if isName(a.Target, name) {
						p.Reportf(a, "loop counter %s is stepped by %s, which floats cannot hold exactly; count with an int", name, strconv.FormatFloat(f, 'g', -1, 64))
					}
				}
				return true
			})
		})
	},
}
