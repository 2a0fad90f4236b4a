package codequality

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// inspectFlat visits the statements' nodes without entering nested
// functions, classes or lambdas (their returns are their own).
func inspectFlat(body []ast.Stmt, f func(ast.Node) bool) {
	// One closure for the whole body, as ast.Inspect has for one tree.
	var visit func(ast.Node)
	visit = func(n ast.Node) {
		switch n.(type) {
		case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
			return
		}
		if !f(n) {
			return
		}
		ast.Children(n, visit)
		f(nil)
	}
	for _, s := range body {
		visit(s)
	}
}

// FinallyExit finds return, break and continue in finally blocks.
var FinallyExit = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG814", Name: "finally-swallows-exception", CWE: []int{584},
		Guide:    []string{"pyscg-0016", "pyscg-0028"},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "return, break or continue in a finally block discards the exception in flight",
		Why: "When a finally block returns or leaves its loop, the exception that was propagating is dropped without a " +
			"trace, KeyboardInterrupt and SystemExit included. A failed write, a failed signature check or a timeout then " +
			"looks like success to the caller. Python 3.14 warns about it (PEP 765).",
		Vulnerable: "def save(record, db):\n    try:\n        db.write(record)\n    finally:\n        db.close()\n        return True\n",
		Secure:     "def save(record, db):\n    try:\n        db.write(record)\n    finally:\n        db.close()\n    return True\n",
		Fix:        "Move the return (or break/continue) after the try statement; keep only cleanup in finally.",
		References: []string{"https://docs.python.org/3/reference/compound_stmts.html#finally-clause", "https://peps.python.org/pep-0765/"},
		Aliases:    []string{"B012"},
		Tags:       []string{"error-handling"},
	},
	Run: func(p *analysis.Pass) {
		p.Unit.EachNode(func(n ast.Node) {
			t, ok := n.(*ast.Try)
			if !ok || len(t.Finalbody) == 0 {
				return
			}
			for _, s := range t.Finalbody {
				finallyExits(p, s, false)
			}
		})
	},
}

// finallyExits reports the statements in s that leave a finally block;
// inLoop is true inside a loop that starts within the block, where break
// and continue stay inside.
func finallyExits(p *analysis.Pass, s ast.Stmt, inLoop bool) {
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
			return false
		case *ast.Return:
			p.Report(n, "return in finally discards any exception raised in the try block")
		case *ast.Break, *ast.Continue:
			if !inLoop {
				word := "break"
				if _, ok := n.(*ast.Continue); ok {
					word = "continue"
				}
				p.Reportf(n, "%s in finally discards any exception raised in the try block", word)
			}
		case *ast.For:
			finallyExitsLoop(p, n.Body, n.Orelse)
			return false
		case *ast.While:
			finallyExitsLoop(p, n.Body, n.Orelse)
			return false
		}
		return true
	})
}

func finallyExitsLoop(p *analysis.Pass, body, orelse []ast.Stmt) {
	for _, s := range body {
		finallyExits(p, s, true)
	}
	for _, s := range orelse {
		finallyExits(p, s, false)
	}
}

// viewDecorators are decorator attribute names that register a web handler.
var viewDecorators = map[string]bool{
	"route": true, "get": true, "post": true, "put": true, "patch": true, "delete": true,
	"api_route": true, "websocket": true, "api_view": true, "view_config": true,
}

// isView reports whether fd looks like a web request handler: registered
// by a routing decorator, or taking the request as a parameter.
func isView(m *semantic.Model, fd *ast.FunctionDef) bool {
	for _, d := range fd.DecoratorList {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		switch d := d.(type) {
		case *ast.Attribute:
			if viewDecorators[d.Attr] {
				return true
			}
		case *ast.Name:
			if viewDecorators[d.Id] {
				return true
			}
		}
	}
	args := fd.Args.Args
	if len(args) > 0 && (args[0].Arg == "self" || args[0].Arg == "cls") {
		args = args[1:]
	}
	return len(args) > 0 && (args[0].Arg == "request" || args[0].Arg == "req")
}

// responseCalls are constructors whose arguments reach the HTTP client.
var responseCalls = map[string]bool{
	"flask.jsonify": true, "flask.make_response": true, "flask.Response": true, "flask.abort": true,
	"werkzeug.wrappers.Response": true, "werkzeug.exceptions.abort": true,
	"django.http.HttpResponse": true, "django.http.JsonResponse": true, "django.http.HttpResponseBadRequest": true,
	"django.http.HttpResponseServerError": true, "django.http.HttpResponseForbidden": true, "django.http.HttpResponseNotFound": true,
	"rest_framework.response.Response": true,
	"fastapi.HTTPException":            true, "fastapi.responses.JSONResponse": true, "fastapi.responses.PlainTextResponse": true,
	"fastapi.responses.HTMLResponse": true, "starlette.responses.JSONResponse": true, "starlette.responses.PlainTextResponse": true,
	"starlette.responses.HTMLResponse": true, "starlette.responses.Response": true, "starlette.exceptions.HTTPException": true,
	"aiohttp.web.Response": true, "aiohttp.web.json_response": true, "flask_restful.abort": true,
}

// systemErrors are exception classes whose text describes the system
// (files, hosts, SQL, commands) rather than a message written for users.
var systemErrors = map[string]bool{
	"OSError": true, "IOError": true, "EnvironmentError": true, "ConnectionError": true, "TimeoutError": true,
	"PermissionError": true, "FileNotFoundError": true, "subprocess.CalledProcessError": true,
}

// systemErrorModules are modules whose exceptions carry SQL, hosts or URLs.
var systemErrorModules = []string{"sqlite3.", "psycopg2.", "psycopg.", "pymysql.", "MySQLdb.", "sqlalchemy.exc.",
	"django.db.", "pymongo.errors.", "redis.exceptions.", "requests.exceptions.", "urllib.error.", "httpx.", "socket."}

// leakyHandler reports whether the handler catches exceptions whose text
// is not meant for users: everything, Exception, or system errors. A
// handler for the application's own exception types usually holds
// messages written for the client.
func leakyHandler(m *semantic.Model, t ast.Expr) bool {
	if broadType(m, t) {
		return true
	}
	if tup, ok := t.(*ast.Tuple); ok {
		for _, x := range tup.Elts {
			if leakyHandler(m, x) {
				return true
			}
		}
		return false
	}
	q := m.QualifiedName(t)
	if systemErrors[strings.TrimPrefix(q, "builtins.")] {
		return true
	}
	for _, mod := range systemErrorModules {
		if strings.HasPrefix(q, mod) {
			return true
		}
	}
	return false
}

// tracebackText are calls that format the current exception's traceback.
var tracebackText = map[string]bool{
	"traceback.format_exc": true, "traceback.format_exception": true, "traceback.format_tb": true, "traceback.extract_tb": true, "sys.exc_info": true,
}

// exposesException returns a description when e carries the text of the
// caught exception (bound to name, "" when unnamed) or a traceback.
func exposesException(m *semantic.Model, e ast.Expr, name string) string {
	what := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if what != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.Lambda:
			return false
		case *ast.Call:
			q := m.QualifiedName(n.Func)
			if tracebackText[q] {
				what = q + "()"
				return false
			}
			if len(n.Args) == 1 && name != "" && isName(n.Args[0], name) {
				switch q {
				case "str", "repr", "format":
					what = q + "(" + name + ")"
					return false
				}
			}
			if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "format" {
				for _, arg := range n.Args {
					if isName(arg, name) {
						what = name + " in str.format"
						return false
					}
				}
			}
		case *ast.FormattedValue:
			if isName(n.Value, name) {
				what = name + " in an f-string"
				return false
			}
		case *ast.BinOp:
			if n.Op == ast.Mod && isName(n.Right, name) {
				what = name + " in a % format"
				return false
			}
			if t, ok := n.Right.(*ast.Tuple); ok && n.Op == ast.Mod {
				for _, x := range t.Elts {
					if isName(x, name) {
						what = name + " in a % format"
						return false
					}
				}
			}
		case *ast.Attribute:
			if isName(n.Value, name) && (n.Attr == "args" || n.Attr == "message" || n.Attr == "strerror" || n.Attr == "__traceback__") {
				what = name + "." + n.Attr
				return false
			}
		}
		return true
	})
	return what
}

func isName(e ast.Expr, name string) bool {
	n, ok := e.(*ast.Name)
	return ok && name != "" && n.Id == name
}

// ExceptionExposed finds exception text or tracebacks sent to web clients.
var ExceptionExposed = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG812", Name: "exception-details-in-response", CWE: []int{209},
		Guide:    []string{"pyscg-0050"},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "web handler returns the text of a broadly caught or system exception, or a traceback, to the client (or cgitb shows tracebacks in the browser)",
		Why: "Exception messages and tracebacks name files, modules, SQL statements, host names and sometimes the " +
			"values that failed. Sent to the client, they show an attacker how the service is built and which inputs " +
			"reach which component, and they turn blind injection into guided injection.",
		Vulnerable: "from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.route(\"/report\")\ndef report():\n    try:\n        return jsonify(build_report())\n    except Exception as exc:\n        return jsonify(error=str(exc)), 500\n",
		Secure:     "import logging\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\nlog = logging.getLogger(__name__)\n\n@app.route(\"/report\")\ndef report():\n    try:\n        return jsonify(build_report())\n    except Exception:\n        log.exception(\"report failed\")\n        return jsonify(error=\"internal error\"), 500\n",
		Fix:        "Log the exception on the server (logging.exception) and send the client a generic message, perhaps with an id to quote to support.",
		References: []string{"https://cwe.mitre.org/data/definitions/209.html", "https://owasp.org/www-community/Improper_Error_Handling"},
		Tags:       []string{"error-handling", "web"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		responds := false // the file builds a response somewhere
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "cgitb.enable" && !analysis.IsFalse(m, analysis.Arg(cs.Call, 0, "display")) {
				p.Report(cs.Call, "cgitb.enable() shows tracebacks with local variables to the browser; pass display=0 and a logdir")
			}
			responds = responds || responseCalls[cs.Name]
		}
		p.Unit.EachNode(func(n ast.Node) {
			fd, ok := n.(*ast.FunctionDef)
			if !ok {
				return
			}
			view := isView(m, fd)
			if !view && !responds {
				return // checkHandler reports a response call, or a view's return
			}
			inspectFlat(fd.Body, func(n ast.Node) bool {
				h, ok := n.(*ast.ExceptHandler)
				if !ok {
					return true
				}
				checkHandler(p, h, view)
				return true
			})
		})
	},
}

// checkHandler reports responses built in an except clause that carry the
// exception's text.
func checkHandler(p *analysis.Pass, h *ast.ExceptHandler, view bool) {
	m := p.Unit.Model()
	name := h.Name
	if !leakyHandler(m, h.Type) {
		name = "" // the exception's own text is fine; tracebacks still are not
	}
	inspectFlat(h.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Call:
			if q := m.QualifiedName(n.Func); responseCalls[q] {
				for _, a := range append(append([]ast.Expr{}, n.Args...), keywordValues(n)...) {
					if what := exposesException(m, a, name); what != "" {
						p.Reportf(n, "%s goes into the response of %s; log it and send a generic message", what, shortName(q))
						return false
					}
				}
			}
		case *ast.Return:
			if !view || n.Value == nil {
				return true
			}
			if what := exposesException(m, n.Value, name); what != "" {
				p.Reportf(n, "the request handler returns %s to the client; log it and send a generic message", what)
				return false
			}
		}
		return true
	})
}

func keywordValues(c *ast.Call) []ast.Expr {
	var out []ast.Expr
	for _, k := range c.Keywords {
		out = append(out, k.Value)
	}
	return out
}

func shortName(q string) string {
	return q[strings.LastIndexByte(q, '.')+1:] + "()"
}
