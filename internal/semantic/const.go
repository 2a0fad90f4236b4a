package semantic

import (
	"math/big"
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// ValueKind is the Python type of a constant value.
type ValueKind uint8

const (
	StrValue ValueKind = iota + 1
	BytesValue
	IntValue
	FloatValue
	BoolValue
	NoneValue
)

// Value is a constant value known statically.
type Value struct {
	Kind  ValueKind
	Str   string // str, or bytes as raw bytes
	Int   *big.Int
	Float float64
	Bool  bool
}

// Truthy reports Python truthiness for the kinds where it is known.
func (v Value) Truthy() bool {
	switch v.Kind {
	case StrValue, BytesValue:
		return v.Str != ""
	case IntValue:
		return v.Int.Sign() != 0
	case FloatValue:
		return v.Float != 0
	case BoolValue:
		return v.Bool
	}
	return false
}

// ConstValue folds e to a constant: literals, names bound once to a
// constant, string concatenation with +, f-strings, %-formatting and
// .format() of constant parts, textwrap.dedent() of a constant, and unary
// minus on numbers.
func (m *Model) ConstValue(e ast.Expr) (Value, bool) {
	return m.constValue(e, 0)
}

func (m *Model) constValue(e ast.Expr, depth int) (Value, bool) {
	if depth > maxDepth || e == nil {
		return Value{}, false
	}
	switch e := e.(type) {
	case *ast.Constant:
		return literal(e)
	case *ast.Name:
		bs := m.Lookup(e.Id, e.Pos())
		if len(bs) != 1 || bs[0].Kind != AssignBinding || bs[0].Value == nil {
			return Value{}, false
		}
		if v := bs[0].Value; v.Pos() <= e.Pos() && e.Pos() < v.End() {
			return Value{}, false
		}
		return m.constValue(bs[0].Value, depth+1)
	case *ast.UnaryOp:
		v, ok := m.constValue(e.Operand, depth+1)
		if !ok {
			return Value{}, false
		}
		switch {
		case e.Op == ast.USub && v.Kind == IntValue:
			return Value{Kind: IntValue, Int: new(big.Int).Neg(v.Int)}, true
		case e.Op == ast.USub && v.Kind == FloatValue:
			return Value{Kind: FloatValue, Float: -v.Float}, true
		case e.Op == ast.Not:
			return Value{Kind: BoolValue, Bool: !v.Truthy()}, true
		}
	case *ast.BinOp:
		l, ok := m.constValue(e.Left, depth+1)
		if !ok {
			return Value{}, false
		}
		r, ok := m.constValue(e.Right, depth+1)
		if !ok {
			return Value{}, false
		}
		switch {
		case e.Op == ast.Add && l.Kind == StrValue && r.Kind == StrValue:
			return Value{Kind: StrValue, Str: l.Str + r.Str}, true
		case e.Op == ast.Add && l.Kind == BytesValue && r.Kind == BytesValue:
			return Value{Kind: BytesValue, Str: l.Str + r.Str}, true
		case l.Kind == IntValue && r.Kind == IntValue:
			switch e.Op {
			case ast.Add:
				return Value{Kind: IntValue, Int: new(big.Int).Add(l.Int, r.Int)}, true
			case ast.Sub:
				return Value{Kind: IntValue, Int: new(big.Int).Sub(l.Int, r.Int)}, true
			case ast.Mult:
				return Value{Kind: IntValue, Int: new(big.Int).Mul(l.Int, r.Int)}, true
			case ast.Pow:
				if r.Int.IsInt64() && r.Int.Int64() >= 0 && r.Int.Int64() < 4096 {
					return Value{Kind: IntValue, Int: new(big.Int).Exp(l.Int, r.Int, nil)}, true
				}
			case ast.BitOr:
				return Value{Kind: IntValue, Int: new(big.Int).Or(l.Int, r.Int)}, true
			}
		case e.Op == ast.Mod && l.Kind == StrValue:
			// The exact text is not needed by the rules; the parts are constant.
			return Value{Kind: StrValue, Str: l.Str}, true
		}
	case *ast.JoinedStr:
		var b strings.Builder
		for _, part := range e.Values {
			switch p := part.(type) {
			case *ast.Constant:
				b.WriteString(p.Str)
			case *ast.FormattedValue:
				v, ok := m.constValue(p.Value, depth+1)
				if !ok {
					return Value{}, false
				}
				if v.Kind == StrValue {
					b.WriteString(v.Str)
				}
			}
		}
		return Value{Kind: StrValue, Str: b.String()}, true
	case *ast.Call:
		// textwrap.dedent(constant)
		if len(e.Args) == 1 && len(e.Keywords) == 0 && m.QualifiedName(e.Func) == "textwrap.dedent" {
			v, ok := m.constValue(e.Args[0], depth+1)
			if !ok || v.Kind != StrValue {
				return Value{}, false
			}
			return Value{Kind: StrValue, Str: dedent(v.Str)}, true
		}
		// "...".format(constants)
		if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "format" {
			base, ok := m.constValue(a.Value, depth+1)
			if !ok || base.Kind != StrValue {
				return Value{}, false
			}
			for _, x := range e.Args {
				if _, ok := m.constValue(x, depth+1); !ok {
					return Value{}, false
				}
			}
			for _, k := range e.Keywords {
				if _, ok := m.constValue(k.Value, depth+1); !ok {
					return Value{}, false
				}
			}
			return base, true
		}
	}
	return Value{}, false
}

// Builtins are the names of Python's builtins module (read-only).
var Builtins = wordSet(`abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr
		classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float
		format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license
		list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round
		set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ __build_class__
		BaseException Exception ValueError TypeError KeyError IndexError AttributeError RuntimeError OSError IOError
		AssertionError NotImplementedError StopIteration ImportError NameError ZeroDivisionError PermissionError
		FileNotFoundError UnicodeDecodeError UnicodeEncodeError ArithmeticError LookupError EnvironmentError
		KeyboardInterrupt SystemExit GeneratorExit NotImplemented Ellipsis None True False`)

// StarExports lists, for modules that rules care about, the public names a
// `from module import *` brings in (read-only).
var StarExports = starExports(map[string]string{
	"os":                    "system popen execl execle execlp execlpe execv execve execvp execvpe spawnl spawnle spawnlp spawnlpe spawnv spawnve spawnvp spawnvpe startfile chmod fchmod lchmod remove unlink rmdir makedirs mkdir path environ getenv putenv walk listdir open fdopen tempnam tmpnam",
	"subprocess":            "Popen call check_call check_output run getoutput getstatusoutput PIPE STDOUT DEVNULL",
	"pickle":                "load loads dump dumps Unpickler Pickler",
	"marshal":               "load loads dump dumps",
	"hashlib":               "md5 sha1 sha224 sha256 sha384 sha512 new pbkdf2_hmac sha3_256 blake2b",
	"random":                "random randint randrange choice choices shuffle sample uniform getrandbits seed",
	"yaml":                  "load load_all unsafe_load full_load safe_load dump Loader FullLoader UnsafeLoader SafeLoader CLoader",
	"tempfile":              "mktemp mkstemp mkdtemp NamedTemporaryFile TemporaryFile",
	"ssl":                   "wrap_socket SSLContext create_default_context _create_unverified_context PROTOCOL_SSLv2 PROTOCOL_SSLv3 PROTOCOL_TLSv1 PROTOCOL_TLSv1_1 PROTOCOL_TLS CERT_NONE",
	"shelve":                "open",
	"telnetlib":             "Telnet",
	"ftplib":                "FTP",
	"xml.etree.ElementTree": "parse fromstring XML XMLParser iterparse",
	"xml.dom.minidom":       "parse parseString",
	"xml.sax":               "parse parseString make_parser",
	"lxml.etree":            "parse fromstring XML XMLParser",
	"jinja2":                "Environment Template",
	"flask":                 "Flask request render_template_string Markup",
	"markupsafe":            "Markup",
})

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

func starExports(m map[string]string) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(m))
	for mod, names := range m {
		out[mod] = wordSet(names)
	}
	return out
}
