// Package codequality holds rules for error handling, assertions, logging,
// numbers and comparisons, ignored results of security functions,
// invisible characters and unpinned model downloads.
package codequality

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{AssertUsed, SwallowedException, BareExcept, LoggingListen, TrojanSource, UnpinnedModel,
		NaNComparison, DecimalFromFloat, IsLiteral, SecretLogged, ExceptionExposed, IgnoredResult, FinallyExit, NormalizeAfterCheck,
		LockWithoutFinally, FutureIgnored, FloatMoney, ModifiedWhileIterating,
		CtypesOverflow, FloatCounter, FileNotClosed}
}

// securityCheck matches assert conditions that read like access or
// integrity checks, the ones whose removal under -O is a vulnerability.
// A token is a credential as a variable of its own or with a credential
// prefix, not a lexer's token_pos or get_next_token().
// Bare "token", "allowed" and "access" are left out: lexers have tokens
// and options have allowed values; `assert token` alone still counts (see
// tokenPresence).
var securityCheck = regexp.MustCompile(`(?i)(admin|auth|permission|has_perm|authoriz|owner|is_staff|superuser|role|(auth|access|csrf|api|session|refresh|bearer|reset)_?token|csrf|signature|verif|password|secret|logged_in|privilege|trusted|safe_path|sanitiz)`)

// tokenPresence reports `assert token`: a check that a credential was
// given.
func tokenPresence(e ast.Expr) bool {
	n, ok := e.(*ast.Name)
	return ok && strings.EqualFold(n.Id, "token")
}

// identifiers returns the names and attribute names of an expression,
// space-separated: what an assert checks, without the text of its string
// literals (`backslash == "disallowed"`).
func identifiers(e ast.Expr) string {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Name:
			b.WriteString(n.Id + " ")
		case *ast.Attribute:
			b.WriteString(n.Attr + " ")
		case *ast.Keyword:
			b.WriteString(n.Arg + " ")
		}
		return true
	})
	return b.String()
}

// typeCheck reports whether an assert condition only states a type or
// shape (isinstance, callable, hasattr, type(x) is T, x is [not] None),
// alone or joined with and/or/not: asserts written for type checkers.
func typeCheck(m *semantic.Model, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BoolOp:
		for _, v := range x.Values {
			if !typeCheck(m, v) {
				return false
			}
		}
		return true
	case *ast.UnaryOp:
		return x.Op == ast.Not && typeCheck(m, x.Operand)
	case *ast.Call:
		switch m.QualifiedName(x.Func) {
		case "isinstance", "issubclass", "callable", "hasattr":
			return true
		}
	case *ast.Compare:
		if len(x.Ops) != 1 || (x.Ops[0] != ast.Is && x.Ops[0] != ast.IsNot) {
			return false
		}
		if c, ok := x.Comparators[0].(*ast.Constant); ok && c.Kind == ast.NoneConst {
			return true
		}
		if c, ok := x.Left.(*ast.Call); ok && m.QualifiedName(c.Func) == "type" {
			return true
		}
	}
	return false
}

// AssertUsed finds assert statements in code that is not a test.
var AssertUsed = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG801", Name: "assert-used-for-check", CWE: []int{703},
		Guide:    []string{"pyscg-0037"},
		Severity: finding.Low, Confidence: finding.MediumConfidence,
		Summary: "assert used for an access or integrity check outside tests (removed when Python runs with -O)",
		Why: "Python drops assert statements when run with -O or PYTHONOPTIMIZE. A permission or input check " +
			"written as an assert silently disappears in such deployments.",
		Vulnerable: "def delete_account(user, account):\n    assert user.is_admin, \"admins only\"\n    account.delete()\n",
		Secure:     "def delete_account(user, account):\n    if not user.is_admin:\n        raise PermissionError(\"admins only\")\n    account.delete()\n",
		Fix:        "Raise an exception explicitly for checks that must hold in production.",
		References: []string{"https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement"},
		Aliases:    []string{"B101", "S101"},
		Tags:       []string{"error-handling"},
	},
	Run: func(p *analysis.Pass) {
		if analysis.IsTestPath(p.Unit.Path) {
			return
		}
		f := p.Unit.File()
		p.Unit.EachNode(func(n ast.Node) {
			if a, ok := n.(*ast.Assert); ok && f != nil && !typeCheck(p.Unit.Model(), a.Test) && (securityCheck.MatchString(identifiers(a.Test)) || tokenPresence(a.Test)) {
				p.ReportSpan(a.Pos(), a.Pos()+len("assert"), "assert is removed under python -O; raise an exception for checks that must hold")
			}
		})
	},
}

// bodyIgnores reports whether a handler body only passes, continues or is
// an ellipsis.
func bodyIgnores(body []ast.Stmt) (string, bool) {
	if len(body) != 1 {
		return "", false
	}
	switch s := body[0].(type) {
	case *ast.Pass:
		return "pass", true
	case *ast.Continue:
		return "continue", true
	case *ast.ExprStmt:
		if c, ok := s.Value.(*ast.Constant); ok && c.Kind == ast.EllipsisConst {
			return "...", true
		}
	}
	return "", false
}

func broadType(m interface{ QualifiedName(ast.Expr) string }, e ast.Expr) bool {
	if e == nil {
		return true
	}
	switch m.QualifiedName(e) {
	case "Exception", "BaseException", "builtins.Exception", "builtins.BaseException":
		return true
	}
	if t, ok := e.(*ast.Tuple); ok {
		for _, x := range t.Elts {
			if broadType(m, x) {
				return true
			}
		}
	}
	return false
}

// SwallowedException finds broad handlers that ignore the error.
var SwallowedException = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG802", Name: "exception-swallowed", CWE: []int{390},
		Guide:    []string{"pyscg-0014", "pyscg-0015", "pyscg-0016"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "broad except clause whose body is only pass or continue",
		Why: "Catching Exception (or everything) and doing nothing hides failed security checks, failed writes " +
			"and attacks in progress: the program carries on in a state nobody intended and leaves no trace to investigate.",
		Vulnerable: "def verify(token, key):\n    try:\n        check_signature(token, key)\n    except Exception:\n        pass\n    return True\n",
		Secure:     "import logging\n\ndef verify(token, key):\n    try:\n        check_signature(token, key)\n    except InvalidSignature:\n        logging.warning(\"rejected token with a bad signature\")\n        return False\n    return True\n",
		Fix:        "Catch the specific exceptions you expect, and handle, log or re-raise them.",
		References: []string{"https://cwe.mitre.org/data/definitions/390.html"},
		Aliases:    []string{"B110", "S110", "B112", "S112"},
		Tags:       []string{"error-handling"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		p.Unit.EachNode(func(n ast.Node) {
			h, ok := n.(*ast.ExceptHandler)
			if !ok {
				return
			}
			if what, ignores := bodyIgnores(h.Body); ignores && broadType(m, h.Type) {
				p.ReportSpan(h.Pos(), h.Body[0].End(), "exception caught and ignored with "+what+"; handle or log it")
			}
		})
	},
}

// BareExcept finds `except:` clauses.
var BareExcept = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG803", Name: "bare-except", CWE: []int{396},
		Guide:    []string{"pyscg-0014", "pyscg-0016"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "bare except: catches everything, including KeyboardInterrupt and SystemExit",
		Why: "A bare except also catches SystemExit, KeyboardInterrupt and MemoryError, so the program cannot be " +
			"stopped cleanly and real failures are mistaken for expected ones.",
		Vulnerable: "def load(path):\n    try:\n        return open(path).read()\n    except:\n        return \"\"\n",
		Secure:     "def load(path):\n    try:\n        return open(path).read()\n    except OSError:\n        return \"\"\n",
		Fix:        "Name the exceptions you expect (or at least `except Exception:`) and let the others propagate.",
		References: []string{"https://cwe.mitre.org/data/definitions/396.html"},
		Aliases:    []string{"E722"},
		Tags:       []string{"error-handling"},
	},
	Run: func(p *analysis.Pass) {
		p.Unit.EachNode(func(n ast.Node) {
			h, ok := n.(*ast.ExceptHandler)
			if !ok || h.Type != nil {
				return
			}
			for _, s := range h.Body {
				if r, ok := s.(*ast.Raise); ok && r.Exc == nil {
					return // re-raised
				}
			}
			p.ReportSpan(h.Pos(), h.Pos()+len("except"), "bare except: catches SystemExit and KeyboardInterrupt; name the exceptions")
		})
	},
}

// LoggingListen finds logging.config.listen.
var LoggingListen = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG804", Name: "logging-config-listen", CWE: []int{94},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "logging.config.listen() accepts configuration, and code, from the network",
		Why: "The listener applies logging configuration received on a socket; configuration can name classes and " +
			"callables to instantiate, so anyone who can connect can run code unless a verify function checks the data.",
		Vulnerable: "import logging.config\n\nthread = logging.config.listen(9999)\nthread.start()\n",
		Secure:     "import logging.config\n\nlogging.config.fileConfig(\"logging.ini\")\n",
		Fix:        "Load logging configuration from a local file; if listen() is needed, pass verify= that checks a signature.",
		References: []string{"https://docs.python.org/3/library/logging.config.html#logging.config.listen"},
		Aliases:    []string{"B612", "S612"},
		Tags:       []string{"logging"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "logging.config.listen" && analysis.Keyword(cs.Call, "verify") == nil {
				p.Report(cs.Call, "logging.config.listen() without verify= applies configuration from anyone who can connect")
			}
		}
	},
}

var bidiChars = map[rune]string{
	0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
	0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI", 0x200F: "RLM", 0x061C: "ALM",
}

// TrojanSource finds bidirectional control characters in source.
var TrojanSource = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG805", Name: "bidi-control-character", CWE: []int{451},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "bidirectional control character in source (Trojan Source)",
		Why: "Unicode direction overrides make editors and code review show text in a different order than the " +
			"interpreter reads it, so a reviewed line can hide an early return or a commented-out check (CVE-2021-42574).",
		Vulnerable: "access_level = \"user\"\nif access_level != \"user\u202e \u2066# Check if admin\u2069 \u2066\":\n    grant_admin()\n",
		Secure:     "access_level = \"user\"\nif access_level != \"user\":  # Check if admin\n    grant_admin()\n",
		Fix:        "Remove the control characters; if right-to-left text is needed in a string, write it with \\u escapes.",
		References: []string{"https://trojansource.codes/", "https://cwe.mitre.org/data/definitions/451.html"},
		Aliases:    []string{"PLE2502"},
		Tags:       []string{"supply-chain"},
	},
	Run: func(p *analysis.Pass) {
		f := p.Unit.File()
		if f == nil {
			return
		}
		// One finding per line, spanning its control characters.
		src := f.Src
		start, end := -1, -1
		var names []string
		flush := func() {
			if start < 0 {
				return
			}
			what := "bidirectional control character " + names[0]
			if len(names) > 1 {
				what = fmt.Sprintf("%d bidirectional control characters (%s)", len(names), strings.Join(names, ", "))
			}
			p.ReportSpan(start, end, what+" can make this line read differently than it runs")
			start, names = -1, names[:0]
		}
		// Every control character is encoded from a lead byte 0xE2 or
		// 0xD8, which no other encoded character contains: the scan
		// jumps from one such byte to the next.
		next := func(b byte, from int) int {
			if k := bytes.IndexByte(src[from:], b); k >= 0 {
				return from + k
			}
			return len(src)
		}
		e2, d8 := next(0xE2, 0), next(0xD8, 0)
		for i := 0; ; {
			j := min(e2, d8)
			if j >= len(src) {
				break
			}
			if start >= 0 && bytes.IndexByte(src[i:j], '\n') >= 0 {
				flush()
			}
			r, n := utf8.DecodeRune(src[j:])
			if name, ok := bidiChars[r]; ok {
				if start < 0 {
					start = j
				}
				end = j + n
				names = append(names, "U+"+strings.ToUpper(strings.TrimLeft(hex4(r), "0"))+" ("+name+")")
			}
			i = j + n
			if e2 < i {
				e2 = next(0xE2, i)
			}
			if d8 < i {
				d8 = next(0xD8, i)
			}
		}
		flush()
	},
}

func hex4(r rune) string {
	const digits = "0123456789abcdef"
	b := []byte{digits[(r>>12)&0xF], digits[(r>>8)&0xF], digits[(r>>4)&0xF], digits[r&0xF]}
	return string(b)
}

// UnpinnedModel finds Hugging Face downloads without a pinned revision.
var UnpinnedModel = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG806", Name: "huggingface-unpinned-download", CWE: []int{494},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "Hugging Face model or dataset downloaded without a pinned revision",
		Why: "Without revision= the latest commit of the repository is downloaded on every run. Whoever controls " +
			"(or compromises) that repository can change the weights or ship code (trust_remote_code, pickled files) that your program loads.",
		Vulnerable: "from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained(\"acme/sentiment-small\")\n",
		Secure:     "from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained(\"acme/sentiment-small\", revision=\"5f1c2a9d3e7b4c6a8f0e1d2c3b4a59687f6e5d4c\")\n",
		Fix:        "Pass revision= with a full commit hash.",
		References: []string{"https://cwe.mitre.org/data/definitions/494.html", "https://huggingface.co/docs/huggingface_hub/guides/download"},
		Aliases:    []string{"B615"},
		Tags:       []string{"supply-chain", "ml"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			hf := strings.HasPrefix(cs.Name, "transformers.") || strings.HasPrefix(cs.Name, "huggingface_hub.") ||
				strings.HasPrefix(cs.Name, "datasets.") || strings.HasPrefix(cs.Name, "diffusers.")
			if !hf {
				continue
			}
			last := cs.Name[strings.LastIndexByte(cs.Name, '.')+1:]
			switch last {
			case "from_pretrained", "hf_hub_download", "snapshot_download", "load_dataset":
			default:
				continue
			}
			repo := analysis.Arg(cs.Call, 0, "repo_id")
			if repo == nil {
				repo = analysis.Arg(cs.Call, 0, "pretrained_model_name_or_path")
			}
			s, ok := analysis.ConstString(m, repo)
			if !ok || !strings.Contains(s, "/") || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") {
				continue // local paths and names built at run time are not judged
			}
			if analysis.Keyword(cs.Call, "revision") != nil || analysis.HasKwargs(cs.Call) {
				continue
			}
			p.Reportf(cs.Call, "%s(%q) downloads whatever the repository holds now; pin revision= to a commit", last, s)
		}
	},
}
