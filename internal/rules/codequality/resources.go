package codequality

import (
	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// resourceOpeners return objects that hold an operating-system handle
// until closed.
var resourceOpeners = map[string]bool{
	"open": true, "io.open": true, "codecs.open": true, "gzip.open": true, "bz2.open": true, "lzma.open": true,
	"tarfile.open": true, "zipfile.ZipFile": true, "socket.socket": true, "socket.create_connection": true,
	"sqlite3.connect": true, "os.fdopen": true,
}

// FileNotClosed finds handles opened into a local variable that the
// function neither closes nor hands on.
var FileNotClosed = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG822", Name: "resource-never-closed", CWE: []int{775, 404},
		Guide:    []string{"pyscg-0051"},
		Severity: finding.Low, Confidence: finding.MediumConfidence,
		Summary: "file, socket or database connection opened into a local variable that is never closed or handed on",
		Why: "A handle that is not closed stays open until the garbage collector happens to finalise it, which on " +
			"other interpreters or with reference cycles can be much later. A request handler that leaks one descriptor " +
			"per call runs out of them under load (\"Too many open files\") and stops serving everyone.",
		Vulnerable: "def read_config(path):\n    f = open(path, encoding=\"utf-8\")\n    text = f.read()\n    return parse(text)\n",
		Secure:     "def read_config(path):\n    with open(path, encoding=\"utf-8\") as f:\n        text = f.read()\n    return parse(text)\n",
		Fix:        "Open the resource in a with statement, or close it in a finally block.",
		References: []string{"https://docs.python.org/3/reference/compound_stmts.html#the-with-statement", "https://cwe.mitre.org/data/definitions/775.html"},
		Aliases:    []string{"SIM115"},
		Tags:       []string{"resources"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		opens := false
		for _, cs := range p.Unit.Calls() {
			if resourceOpeners[cs.Name] {
				opens = true
				break
			}
		}
		if !opens {
			return
		}
		p.Unit.EachNode(func(n ast.Node) {
			fd, ok := n.(*ast.FunctionDef)
			if !ok {
				return
			}
			generator := 0 // 1 no, 2 yes: known once a handle is opened
			inspectFlat(fd.Body, func(n ast.Node) bool {
				as, ok := n.(*ast.Assign)
				if !ok || len(as.Targets) != 1 {
					return true
				}
				name, ok := as.Targets[0].(*ast.Name)
				c, isCall := as.Value.(*ast.Call)
				if !ok || !isCall || !resourceOpeners[m.QualifiedName(c.Func)] {
					return true
				}
				if generator == 0 {
					generator = 1
					if isGenerator(fd) {
						generator = 2
					}
				}
				if generator == 2 {
					return false // a generator's frame may be closed by its consumer
				}
				if wrapsHandle(m, c) {
					return true // ZipFile(f) over a file the code closes itself
				}
				if onlyUsedLocally(fd, name.Id, as) {
					p.Reportf(c, "%s is opened here and never closed; use a with statement", name.Id)
				}
				return true
			})
		})
	},
}

// wrapsHandle reports whether the call opens over another handle (a file
// object passed in) rather than a path, so closing is the caller's business.
func wrapsHandle(m *semantic.Model, c *ast.Call) bool {
	if analysis.Keyword(c, "fileobj") != nil {
		return true
	}
	if len(c.Args) == 0 {
		return false
	}
	n, ok := c.Args[0].(*ast.Name)
	return ok && resourceOpeners[boundCall(m, n)]
}

// isGenerator reports whether the function yields.
func isGenerator(fd *ast.FunctionDef) bool {
	found := false
	inspectFlat(fd.Body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.Yield, *ast.YieldFrom:
			found = true
		}
		return !found
	})
	return found
}

// onlyUsedLocally reports whether every use of name in fd (other than its
// binding by def) is an attribute access other than close/detach, so the
// handle is neither closed nor passed anywhere that could close it.
func onlyUsedLocally(fd *ast.FunctionDef, name string, def *ast.Assign) bool {
	ok := true
	bindings := 0
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.Global:
			ok = !contains(n.Names, name)
		case *ast.Nonlocal:
			ok = !contains(n.Names, name)
		case *ast.Assign:
			for _, t := range n.Targets {
				if isName(t, name) {
					bindings++
				}
			}
			for _, t := range n.Targets {
				if !isName(t, name) {
					ast.Inspect(t, visit)
				}
			}
			ast.Inspect(n.Value, visit)
			return false
		case *ast.Attribute:
			if isName(n.Value, name) {
				switch n.Attr {
				case "close", "detach", "__exit__", "__enter__", "release":
					ok = false
				}
				return false
			}
		case *ast.Name:
			if n.Id == name {
				ok = false // passed, returned, stored, used in with, or captured
			}
		}
		return ok
	}
	for _, s := range fd.Body {
		ast.Inspect(s, visit)
	}
	return ok && bindings == 1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
