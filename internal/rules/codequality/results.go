package codequality

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// resultOnly are security functions that act only through their return
// value: a call used as a statement checks or cleans nothing.
var resultOnly = map[string]string{
	"hmac.compare_digest":                                   "comparison",
	"secrets.compare_digest":                                "comparison",
	"bcrypt.checkpw":                                        "password check",
	"werkzeug.security.check_password_hash":                 "password check",
	"django.contrib.auth.hashers.check_password":            "password check",
	"django.utils.crypto.constant_time_compare":             "comparison",
	"os.path.realpath":                                      "canonical path",
	"os.path.abspath":                                       "canonical path",
	"os.path.normpath":                                      "canonical path",
	"os.path.basename":                                      "path component",
	"unicodedata.normalize":                                 "normalised text",
	"html.escape":                                           "escaped text",
	"shlex.quote":                                           "quoted argument",
	"markupsafe.escape":                                     "escaped text",
	"django.utils.html.escape":                              "escaped text",
	"werkzeug.utils.secure_filename":                        "safe file name",
	"django.utils.text.get_valid_filename":                  "safe file name",
	"urllib.parse.quote":                                    "quoted text",
	"passlib.hash.bcrypt.verify":                            "password check",
	"cryptography.hazmat.primitives.constant_time.bytes_eq": "comparison",
}

// IgnoredResult finds calls to result-only security functions used as
// statements.
var IgnoredResult = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG813", Name: "security-result-ignored", CWE: []int{252},
		Guide:    []string{"pyscg-0036"},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "result of a security check or sanitiser discarded (hmac.compare_digest, check_password_hash, os.path.realpath, html.escape, ...)",
		Why: "These functions change nothing in place: compare_digest and check_password_hash return a verdict, " +
			"realpath and escape return a new string. Called as a statement they do nothing, and the code after them " +
			"goes on as if the signature matched, the password was right or the path was clean.",
		Vulnerable: "import hmac\n\ndef accept(payload: bytes, signature: bytes, expected: bytes) -> bytes:\n    hmac.compare_digest(signature, expected)\n    return payload\n",
		Secure:     "import hmac\n\ndef accept(payload: bytes, signature: bytes, expected: bytes) -> bytes:\n    if not hmac.compare_digest(signature, expected):\n        raise PermissionError(\"bad signature\")\n    return payload\n",
		Fix:        "Use the result: branch on the verdict, or assign the cleaned value and use it instead of the original.",
		References: []string{"https://cwe.mitre.org/data/definitions/252.html", "https://docs.python.org/3/library/hmac.html#hmac.compare_digest"},
		Tags:       []string{"correctness"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		calls := false
		for _, cs := range p.Unit.Calls() {
			if _, ok := resultOnly[cs.Name]; ok {
				calls = true
				break
			}
		}
		if !calls {
			return // no call of these functions, discarded or not
		}
		p.Unit.EachNode(func(n ast.Node) {
			s, ok := n.(*ast.ExprStmt)
			if !ok {
				return
			}
			v := s.Value
			if a, ok := v.(*ast.Await); ok {
				v = a.Value
			}
			c, ok := v.(*ast.Call)
			if !ok {
				return
			}
			q := m.QualifiedName(c.Func)
			if what, ok := resultOnly[q]; ok {
				p.Reportf(c, "%s() returns the %s and changes nothing; its result is discarded", q[strings.LastIndexByte(q, '.')+1:], what)
			}
		})
	},
}

// normalizedName returns the variable a unicodedata.normalize call
// normalises and the form, or nil.
func normalizedName(m *semantic.Model, c *ast.Call) (*ast.Name, string) {
	if m.QualifiedName(c.Func) != "unicodedata.normalize" || len(c.Args) != 2 {
		return nil, ""
	}
	form, _ := analysis.ConstString(m, c.Args[0])
	n, ok := c.Args[1].(*ast.Name)
	if !ok {
		return nil, ""
	}
	return n, form
}

// checkMethods are methods whose use on a value is a
// validation of it.
var checkMethods = map[string]bool{
	"startswith": true, "endswith": true, "isalnum": true, "isalpha": true, "isascii": true,
	"isidentifier": true, "isprintable": true, "isdigit": true, "isdecimal": true,
	"match": true, "fullmatch": true, "search": true, "findall": true,
}

// validates reports whether test checks the value of the variable name:
// a membership or equality test against a string, a regular expression
// match, a str predicate, or a call to a function named like a validator.
func validates(m *semantic.Model, test ast.Expr, name string) bool {
	found := false
	ast.Inspect(test, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.Compare:
			if !mentions(n.Left, name) && !anyMentions(n.Comparators, name) {
				return true
			}
			for i, op := range n.Ops {
				switch op {
				case ast.In, ast.NotIn, ast.Eq, ast.NotEq:
					other := n.Left
					if mentions(n.Left, name) {
						other = n.Comparators[i]
					}
					if isStrish(m, other) {
						found = true
					}
				}
			}
		case *ast.Call:
			switch f := n.Func.(type) {
			case *ast.Attribute:
				if checkMethods[f.Attr] && (mentions(f.Value, name) || anyMentions(n.Args, name)) {
					found = true
				}
			case *ast.Name:
				low := strings.ToLower(f.Id)
				if (strings.Contains(low, "valid") || strings.Contains(low, "allowed") || strings.Contains(low, "sanitiz") || strings.HasPrefix(low, "check")) && anyMentions(n.Args, name) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// isStrish reports whether e is a string constant or a collection of them.
func isStrish(m *semantic.Model, e ast.Expr) bool {
	if _, ok := analysis.ConstString(m, e); ok {
		return true
	}
	var elts []ast.Expr
	switch e := e.(type) {
	case *ast.List:
		elts = e.Elts
	case *ast.Tuple:
		elts = e.Elts
	case *ast.Set:
		elts = e.Elts
	}
	for _, x := range elts {
		if _, ok := analysis.ConstString(m, x); ok {
			return true
		}
	}
	return false
}

// mentions reports whether e is the name, or a method call or attribute
// chain on it (name.lower(), name.strip().casefold()).
func mentions(e ast.Expr, name string) bool {
	for {
		switch x := e.(type) {
		case *ast.Name:
			return x.Id == name
		case *ast.Call:
			e = x.Func
		case *ast.Attribute:
			e = x.Value
		default:
			return false
		}
	}
}

func anyMentions(es []ast.Expr, name string) bool {
	for _, e := range es {
		if mentions(e, name) {
			return true
		}
	}
	return false
}

// NormalizeAfterCheck finds Unicode normalisation applied to a value after
// it was validated in the same function.
var NormalizeAfterCheck = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG815", Name: "normalize-after-validation", CWE: []int{180},
		Guide:    []string{"pyscg-0044"},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "unicodedata.normalize() applied to a value after it was checked",
		Why: "Normalisation changes the text: under NFKC the full-width '\uff0e\uff0e\uff0f' becomes '../' and '\uff1cscript\uff1e' " +
			"becomes '<script>'. A check made before normalising inspects a string that no longer exists afterwards, so " +
			"input written in compatibility characters passes the check and arrives in its dangerous form.",
		Vulnerable: "import unicodedata\n\ndef safe_name(name: str) -> str:\n    if \"..\" in name or \"/\" in name:\n        raise ValueError(\"bad file name\")\n    return unicodedata.normalize(\"NFKC\", name)\n",
		Secure:     "import unicodedata\n\ndef safe_name(name: str) -> str:\n    name = unicodedata.normalize(\"NFKC\", name)\n    if \"..\" in name or \"/\" in name:\n        raise ValueError(\"bad file name\")\n    return name\n",
		Fix:        "Normalise first, then validate the normalised value, and use only that value afterwards.",
		References: []string{"https://cwe.mitre.org/data/definitions/180.html", "https://unicode.org/reports/tr15/", "https://docs.python.org/3/library/unicodedata.html#unicodedata.normalize"},
		Tags:       []string{"unicode", "validation"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		normalizes := false
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "unicodedata.normalize" {
				normalizes = true
				break
			}
		}
		if !normalizes {
			return // normalizedName finds nothing
		}
		p.Unit.EachNode(func(n ast.Node) {
			fd, ok := n.(*ast.FunctionDef)
			if !ok {
				return
			}
			var tests []ast.Expr
			inspectFlat(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.If:
					tests = append(tests, n.Test)
				case *ast.While:
					tests = append(tests, n.Test)
				case *ast.Assert:
					tests = append(tests, n.Test)
				case *ast.IfExp:
					tests = append(tests, n.Test)
				}
				return true
			})
			inspectFlat(fd.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.Call)
				if !ok {
					return true
				}
				name, form := normalizedName(m, c)
				if name == nil {
					return true
				}
				before, after := false, false
				for _, t := range tests {
					if !validates(m, t, name.Id) && !(t.Pos() > c.End() && validatesAny(m, t)) {
						continue
					}
					if t.End() <= c.Pos() {
						before = true
					} else if t.Pos() >= c.End() {
						after = true
					}
				}
				if before && !after {
					if form == "" {
						form = "normal form"
					}
					p.Reportf(c, "%s is checked before it is normalised (%s); the check sees different text than the code after it", name.Id, form)
				}
				return true
			})
		})
	},
}

// validatesAny reports whether test validates some value (after the
// normalisation the checked name is often a new variable).
func validatesAny(m *semantic.Model, test ast.Expr) bool {
	found := false
	ast.Inspect(test, func(n ast.Node) bool {
		if nm, ok := n.(*ast.Name); ok && !found && validates(m, test, nm.Id) {
			found = true
		}
		return !found
	})
	return found
}
