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

// NaNComparison finds == and != (and is) against NaN.
var NaNComparison = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG807", Name: "nan-comparison", CWE: []int{1077, 754},
		Guide:    []string{"pyscg-0006", "pyscg-0018"},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "value compared with NaN by == or != (or is), which never matches",
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
		m := p.Unit.Model
		ast.Inspect(p.Unit.Parse.Module, func(n ast.Node) bool {
			c, ok := n.(*ast.Compare)
			if !ok {
				return true
			}
			left := c.Left
			for i, op := range c.Ops {
				right := c.Comparators[i]
				switch op {
				case ast.Eq, ast.NotEq, ast.Is, ast.IsNot:
					if isNaN(m, left) || isNaN(m, right) {
						verdict := "never true"
						if op == ast.NotEq || op == ast.IsNot {
							verdict = "always true"
						}
						p.Reportf(c, "comparison with NaN is %s; use math.isnan()", verdict)
						return true
					}
				}
				left = right
			}
			return true
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
			if c, ok := arg.(*ast.Call); ok && p.Unit.Model.QualifiedName(c.Func) == "float" {
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
		ast.Inspect(p.Unit.Parse.Module, func(n ast.Node) bool {
			c, ok := n.(*ast.Compare)
			if !ok {
				return true
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
						return true
					}
				}
				left = right
			}
			return true
		})
	},
}
