package framework

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// appSite is one application object created in the project.
type appSite struct {
	u    *analysis.Unit
	call *ast.Call
	name string // the qualified name of the class
}

var asgiApps = map[string]bool{"fastapi.FastAPI": true, "fastapi.applications.FastAPI": true,
	"starlette.applications.Starlette": true}

// createdApps returns the app objects the project's non-test modules create.
func createdApps(units []*analysis.Unit, classes map[string]bool) []appSite {
	var out []appSite
	pkgs := map[string]bool{}
	for c := range classes {
		pkgs[c[:strings.IndexByte(c, '.')]] = true
	}
	for _, u := range units {
		if analysis.IsTestPath(u.Path) || !mayNameAny(u, pkgs) {
			continue
		}
		for _, cs := range u.Calls() {
			if classes[cs.Name] {
				out = append(out, appSite{u, cs.Call, cs.Name})
			}
		}
	}
	return out
}

// mayNameAny says whether names under one of pkgs can occur in the unit.
func mayNameAny(u *analysis.Unit, pkgs map[string]bool) bool {
	for p := range pkgs {
		if u.MayName(p) {
			return true
		}
	}
	return false
}

// projectUses says whether any unit calls, decorates with or imports a name
// for which match holds. Such a unit's source mentions one of words (the
// name's package or its last part): units that mention none are skipped.
func projectUses(units []*analysis.Unit, words []string, match func(string) bool) bool {
	for _, u := range units {
		if !u.Mentions(words...) {
			continue
		}
		for _, im := range u.Imports() {
			if match(im.Module) {
				return true
			}
		}
		for _, cs := range u.Calls() {
			if match(cs.Name) {
				return true
			}
		}
	}
	return false
}

// FlaskNoSecurityHeaders notes Flask apps with no HTTPS or security header
// enforcement anywhere in the project.
var FlaskNoSecurityHeaders = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG730", Name: "flask-no-security-headers", CWE: []int{693, 319},
		Severity: finding.Low, Confidence: finding.LowConfidence,
		Summary: "Flask app without Talisman or another HTTPS and security-header layer (informational)",
		Why: "Flask sends no Strict-Transport-Security, Content-Security-Policy, X-Content-Type-Options or " +
			"X-Frame-Options header and does not redirect HTTP to HTTPS. Unless a proxy in front of the app adds " +
			"them, browsers reach it over plain HTTP, sniff content types and let other sites frame its pages.",
		Vulnerable: "from flask import Flask\n\napp = Flask(__name__)\n\n@app.get(\"/\")\ndef index():\n    return \"hello\"\n",
		Secure:     "from flask import Flask\nfrom flask_talisman import Talisman\n\napp = Flask(__name__)\nTalisman(app)\n\n@app.get(\"/\")\ndef index():\n    return \"hello\"\n",
		Fix: "Wrap the app with flask_talisman.Talisman (HTTPS redirect, HSTS, CSP, frame options), or set the headers " +
			"in an after_request hook; if the reverse proxy sets them, suppress this note with that reason.",
		References: []string{"https://github.com/wntrblm/flask-talisman", "https://flask.palletsprojects.com/en/stable/security/#security-headers"},
		Tags:       []string{"flask", "configuration", "headers"},
	},
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		apps := createdApps(p.Units, map[string]bool{"flask.Flask": true})
		if len(apps) == 0 {
			return
		}
		covered := projectUses(p.Units, []string{"flask_talisman", "flask_sslify", "secure"}, func(q string) bool {
			return strings.HasPrefix(q, "flask_talisman") || strings.HasPrefix(q, "flask_sslify") || strings.HasPrefix(q, "secure.")
		})
		for _, u := range p.Units {
			if bytesContains(u, "Strict-Transport-Security") {
				covered = true // headers set by hand, e.g. in an after_request hook
			}
		}
		if covered {
			return
		}
		for _, a := range apps {
			p.Report(a.u, a.call, "nothing in the project enforces HTTPS or sets security headers for this Flask app (no Talisman, no Strict-Transport-Security header)")
		}
	},
}

// ASGIDebug finds FastAPI and Starlette apps created with debug=True.
var ASGIDebug = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG731", Name: "asgi-debug-mode", CWE: []int{489, 215},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "FastAPI or Starlette app created with debug=True",
		Why: "In debug mode Starlette answers every unhandled exception with a page that shows the traceback, " +
			"source lines and local values, which tells an attacker how the code works and can leak secrets " +
			"held in variables.",
		Vulnerable: "from fastapi import FastAPI\n\napp = FastAPI(debug=True)\n",
		Secure:     "import os\nfrom fastapi import FastAPI\n\napp = FastAPI(debug=os.environ.get(\"APP_DEBUG\") == \"1\")\n",
		Fix:        "Leave debug off in deployed code; turn it on only from the environment during development.",
		References: []string{"https://www.starlette.io/applications/", "https://fastapi.tiangolo.com/reference/fastapi/#fastapi.FastAPI--example"},
		Tags:       []string{"fastapi", "starlette", "configuration"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if !asgiApps[cs.Name] {
				continue
			}
			if d := analysis.Keyword(cs.Call, "debug"); d != nil && analysis.IsTrue(m, d) {
				p.Report(d, "debug=True serves tracebacks with source and local values on every error")
			}
		}
		p.Unit.EachNode(func(n ast.Node) {
			as, ok := n.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				return
			}
			if a, ok := as.Targets[0].(*ast.Attribute); ok && a.Attr == "debug" && analysis.IsTrue(m, as.Value) && assignedFrom(p.Unit, a.Value, asgiApps) {
				p.Report(as, "app.debug = True serves tracebacks with source and local values on every error")
			}
		})
	},
}

// assignedFrom says whether the name e is bound to a call of one of classes.
func assignedFrom(u *analysis.Unit, e ast.Expr, classes map[string]bool) bool {
	n, ok := e.(*ast.Name)
	if !ok {
		return false
	}
	for _, b := range u.Model().Lookup(n.Id, n.Pos()) {
		if c, ok := b.Value.(*ast.Call); ok && classes[u.Model().QualifiedName(c.Func)] {
			return true
		}
	}
	return false
}

// ASGIHostHTTPS notes FastAPI/Starlette apps without TrustedHostMiddleware
// or HTTPSRedirectMiddleware in the project.
var ASGIHostHTTPS = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG732", Name: "asgi-no-trusted-host-or-https-redirect", CWE: []int{319, 644},
		Severity: finding.Low, Confidence: finding.LowConfidence,
		Summary: "FastAPI/Starlette app without TrustedHostMiddleware or HTTPSRedirectMiddleware (informational)",
		Why: "Without TrustedHostMiddleware the app believes any Host header, which flows into absolute URLs, " +
			"redirects and password reset links; without HTTPSRedirectMiddleware plain HTTP requests are served. " +
			"A proxy in front of the app may do both; if nothing does, the app is open to host header poisoning " +
			"and traffic in clear text.",
		Vulnerable: "from fastapi import FastAPI\n\napp = FastAPI()\n",
		Secure: "from fastapi import FastAPI\nfrom fastapi.middleware.httpsredirect import HTTPSRedirectMiddleware\n" +
			"from fastapi.middleware.trustedhost import TrustedHostMiddleware\n\napp = FastAPI()\n" +
			"app.add_middleware(TrustedHostMiddleware, allowed_hosts=[\"api.example.com\"])\napp.add_middleware(HTTPSRedirectMiddleware)\n",
		Fix:        "Add TrustedHostMiddleware with the served host names and HTTPSRedirectMiddleware, or note with a suppression that the proxy enforces both.",
		References: []string{"https://www.starlette.io/middleware/#trustedhostmiddleware", "https://fastapi.tiangolo.com/advanced/middleware/"},
		Tags:       []string{"fastapi", "starlette", "configuration"},
	},
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		apps := createdApps(p.Units, asgiApps)
		if len(apps) == 0 {
			return
		}
		host := projectUses(p.Units, []string{"TrustedHostMiddleware"}, func(q string) bool { return strings.HasSuffix(q, ".TrustedHostMiddleware") })
		https := projectUses(p.Units, []string{"HTTPSRedirectMiddleware"}, func(q string) bool { return strings.HasSuffix(q, ".HTTPSRedirectMiddleware") })
		var missing []string
		if !host {
			missing = append(missing, "TrustedHostMiddleware (Host header is not checked)")
		}
		if !https {
			missing = append(missing, "HTTPSRedirectMiddleware (plain HTTP is served)")
		}
		if len(missing) == 0 {
			return
		}
		for _, a := range apps {
			p.Report(a.u, a.call, "the project adds no "+strings.Join(missing, " and no "))
		}
	},
}

// SendFromRoot finds send_from_directory serving the file system root, the
// working directory or the application's source directory.
var SendFromRoot = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG733", Name: "flask-send-from-source-directory", CWE: []int{552, 22},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "send_from_directory serves '/', the working directory or the app's source directory",
		Why: "send_from_directory keeps the requested name inside the directory, but if the directory is the file " +
			"system root, the working directory or the application package, every file in it is downloadable: " +
			"source code, settings, .env files and keys. (A path built from request data for send_file is " +
			"path traversal and reported by SG605.)",
		Vulnerable: "from flask import Flask, send_from_directory\n\napp = Flask(__name__)\n\n@app.get(\"/files/<path:name>\")\ndef download(name):\n    return send_from_directory(app.root_path, name)\n",
		Secure:     "import os\nfrom flask import Flask, send_from_directory\n\napp = Flask(__name__)\n\n@app.get(\"/files/<path:name>\")\ndef download(name):\n    return send_from_directory(os.path.join(app.root_path, \"uploads\"), name)\n",
		Fix:        "Serve from a dedicated directory that holds only files meant for download (uploads/, static/).",
		References: []string{"https://flask.palletsprojects.com/en/stable/api/#flask.send_from_directory", "https://cwe.mitre.org/data/definitions/552.html"},
		Tags:       []string{"flask", "filesystem"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if cs.Name != "flask.send_from_directory" && cs.Name != "flask.helpers.send_from_directory" {
				continue
			}
			dir, name := analysis.Arg(cs.Call, 0, "directory"), analysis.Arg(cs.Call, 1, "path")
			if name == nil {
				name = analysis.Keyword(cs.Call, "filename")
			}
			if dir == nil || name == nil || analysis.IsConstant(m, name) {
				continue
			}
			if what := broadDirectory(p.Unit, dir); what != "" {
				p.Reportf(dir, "send_from_directory serves %s: any file in it can be downloaded", what)
			}
		}
	},
}

// broadDirectory names a directory expression that is the root, the working
// directory or the application's source directory ("" otherwise).
func broadDirectory(u *analysis.Unit, e ast.Expr) string {
	m := u.Model()
	if s, ok := analysis.ConstString(m, e); ok {
		switch strings.TrimRight(s, "/") {
		case "":
			if s == "/" {
				return "the file system root"
			}
			return "the working directory"
		case ".":
			return "the working directory"
		}
		return ""
	}
	if a, ok := e.(*ast.Attribute); ok && a.Attr == "root_path" {
		if assignedFrom(u, a.Value, map[string]bool{"flask.Flask": true}) || m.QualifiedName(a.Value) == "flask.current_app" {
			return "the application's source directory (root_path)"
		}
	}
	c, ok := e.(*ast.Call)
	if !ok {
		return ""
	}
	switch m.QualifiedName(c.Func) {
	case "os.getcwd", "pathlib.Path.cwd":
		return "the working directory"
	case "os.path.dirname":
		if len(c.Args) == 1 && isThisFile(m, c.Args[0]) {
			return "the directory of this source file"
		}
	case "os.path.abspath", "os.path.realpath":
		if len(c.Args) == 1 {
			return broadDirectory(u, c.Args[0])
		}
	}
	return ""
}

// isThisFile matches __file__, os.path.abspath(__file__) and
// os.path.realpath(__file__).
func isThisFile(m interface{ QualifiedName(ast.Expr) string }, e ast.Expr) bool {
	if n, ok := e.(*ast.Name); ok {
		return n.Id == "__file__"
	}
	if c, ok := e.(*ast.Call); ok && len(c.Args) == 1 {
		switch m.QualifiedName(c.Func) {
		case "os.path.abspath", "os.path.realpath":
			return isThisFile(m, c.Args[0])
		}
	}
	return false
}

// SendFileUserMimetype finds files sent inline with a content type taken
// from the request.
var SendFileUserMimetype = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG734", Name: "flask-send-file-request-mimetype", CWE: []int{79},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "send_file/send_from_directory serves a file inline with a mimetype from the request",
		Why: "The browser renders a response by its Content-Type. If the request picks it, a visitor can be sent " +
			"a link that serves any stored file, an upload included, as text/html, and the script in it runs on " +
			"the site's origin.",
		Vulnerable: "from flask import Flask, request, send_from_directory\n\napp = Flask(__name__)\n\n@app.get(\"/uploads/<name>\")\n" +
			"def upload(name):\n    return send_from_directory(\"uploads\", name, mimetype=request.args.get(\"type\"))\n",
		Secure: "from flask import Flask, send_from_directory\n\napp = Flask(__name__)\n\n@app.get(\"/uploads/<name>\")\n" +
			"def upload(name):\n    return send_from_directory(\"uploads\", name, as_attachment=True)\n",
		Fix: "Let Flask guess the type from the file name, or choose it from a fixed allow-list; serve user uploads " +
			"with as_attachment=True.",
		References: []string{"https://flask.palletsprojects.com/en/stable/api/#flask.send_file", "https://cwe.mitre.org/data/definitions/79.html"},
		Tags:       []string{"flask", "xss"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			switch cs.Name {
			case "flask.send_file", "flask.send_from_directory", "flask.helpers.send_file", "flask.helpers.send_from_directory":
			default:
				continue
			}
			mt := analysis.Keyword(cs.Call, "mimetype")
			if mt == nil || analysis.IsTrue(m, analysis.Keyword(cs.Call, "as_attachment")) {
				continue
			}
			if readsRequest(m, mt) {
				p.Report(mt, "the response's Content-Type comes from the request: a stored file can be served as HTML")
			}
		}
	},
}

// readsRequest says whether e reads flask.request (request.args,
// request.form, request.headers, ...) directly or through a local name
// assigned from it.
func readsRequest(m *semantic.Model, e ast.Expr) bool {
	return readsRequestDepth(m, e, 0)
}

func readsRequestDepth(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		x, ok := n.(ast.Expr)
		if !ok || found {
			return !found
		}
		if q := m.QualifiedName(x); q == "flask.request" || strings.HasPrefix(q, "flask.request.") {
			found = true
			return false
		}
		if nm, ok := x.(*ast.Name); ok {
			for _, b := range m.Lookup(nm.Id, nm.Pos()) {
				if b.Kind == semantic.AssignBinding && b.Value != nil && readsRequestDepth(m, b.Value, depth+1) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
