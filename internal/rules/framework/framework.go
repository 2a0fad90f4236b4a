// Package framework holds the rules for web framework settings that undo
// the framework's own protections.
package framework

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	rules := []*analysis.Rule{FlaskDebug, HardcodedSecretKey, CORSWildcardCredentials, CSRFExempt, JWTNoVerify, FlaskCookies, StarletteSessionSecret, FlaskNoCSRF, FlaskCSRFDisabled,
		FlaskNoSecurityHeaders, ASGIDebug, ASGIHostHTTPS, SendFromRoot, SendFileUserMimetype, CookieNotSecure}
	return append(rules, djangoRules()...)
}

// FlaskDebug finds Flask apps run with the debugger on.
var FlaskDebug = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG701", Name: "flask-debug-mode", CWE: []int{489, 94},
		Guide:    []string{"pyscg-0021", "pyscg-0050"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "Flask app run with debug=True",
		Why: "The Werkzeug debugger serves an interactive Python console in the browser on any error page; its " +
			"PIN is derived from guessable machine data. Reachable from a network, it is remote code execution.",
		Vulnerable: "from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == \"__main__\":\n    app.run(host=\"127.0.0.1\", debug=True)\n",
		Secure:     "import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == \"__main__\":\n    app.run(host=\"127.0.0.1\", debug=os.environ.get(\"FLASK_DEBUG\") == \"1\")\n",
		Fix:        "Never enable debug in deployed code; run under a production WSGI server and enable debugging only locally from the environment.",
		References: []string{"https://cwe.mitre.org/data/definitions/489.html", "https://flask.palletsprojects.com/en/stable/debugging/"},
		Aliases:    []string{"B201", "S201"},
		Tags:       []string{"flask", "configuration"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		if !imports(p.Unit, "flask") || analysis.IsTestPath(p.Unit.Path) {
			return // tests run apps in debug on purpose; they are not deployed
		}
		for _, cs := range p.Unit.Calls() {
			if a, ok := cs.Call.Func.(*ast.Attribute); ok && a.Attr == "run" {
				if d := analysis.Keyword(cs.Call, "debug"); d != nil && analysis.IsTrue(m, d) {
					p.Report(d, "app.run(debug=True) exposes the Werkzeug debugger, which runs arbitrary code")
				}
			}
			if key, v, ok := envStore(cs); ok {
				judgeFlaskEnv(m, key, v, func(msg string) { p.Report(cs.Call, msg) })
			}
		}
		p.Unit.EachNode(func(n ast.Node) {
			as, ok := n.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				return
			}
			if sub, ok := as.Targets[0].(*ast.Subscript); ok && m.QualifiedName(sub.Value) == "os.environ" {
				if key, ok := analysis.ConstString(m, sub.Slice); ok {
					judgeFlaskEnv(m, key, as.Value, func(msg string) { p.Report(as, msg) })
				}
			}
		})
		for _, e := range appConfigEntries(p.Unit) {
			judgeFlaskDebug(e, func(n ast.Node, msg string) { p.Report(n, msg) })
		}
	},
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, e := range objectConfigEntries(p.Units) {
			judgeFlaskDebug(e, func(n ast.Node, msg string) { p.Report(e.Unit, n, msg) })
		}
	},
}

// envStore reads os.environ.setdefault("K", v) and os.putenv("K", v).
func envStore(cs analysis.CallSite) (string, ast.Expr, bool) {
	if (cs.Name != "os.environ.setdefault" && cs.Name != "os.putenv") || len(cs.Call.Args) != 2 {
		return "", nil, false
	}
	if k, ok := cs.Call.Args[0].(*ast.Constant); ok && k.Kind == ast.StrConst {
		return k.Str, cs.Call.Args[1], true
	}
	return "", nil, false
}

// judgeFlaskEnv reports FLASK_DEBUG=1 or FLASK_ENV=development set in code.
func judgeFlaskEnv(m *semantic.Model, key string, v ast.Expr, report func(string)) {
	s, ok := analysis.ConstString(m, v)
	if !ok {
		return
	}
	switch {
	case key == "FLASK_DEBUG" && s != "" && s != "0" && !strings.EqualFold(s, "false"):
		report("FLASK_DEBUG is set in code: flask run starts the debugger, which runs arbitrary code")
	case key == "FLASK_ENV" && s == "development":
		report("FLASK_ENV=development is set in code: flask run starts the debugger, which runs arbitrary code")
	}
}

func judgeFlaskDebug(e configEntry, report func(ast.Node, string)) {
	if e.Key != "DEBUG" && e.Key != "ENV" {
		return
	}
	m := e.Unit.Model()
	if e.Key == "ENV" {
		if s, ok := analysis.ConstString(m, e.Value); ok && s == "development" {
			report(e.At, "the Flask config sets ENV = \"development\""+e.note()+", which turns on the debugger")
		}
		return
	}
	if v, ok := e.Value.(*ast.Constant); ok && v.Kind == ast.BoolConst && v.Bool {
		report(e.At, "the Flask config sets DEBUG = True"+e.note()+": app.run() serves the Werkzeug debugger, which runs arbitrary code")
	}
}

func imports(u *analysis.Unit, mod string) bool {
	for _, im := range u.Imports() {
		if im.Module == mod || strings.HasPrefix(im.Module, mod+".") {
			return true
		}
	}
	return false
}

func isSettingsPath(path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	return base == "settings.py" || strings.Contains(path, "/settings/") || strings.HasPrefix(path, "settings/") ||
		strings.HasSuffix(base, "_settings.py")
}

func isDevPath(path string) bool {
	l := strings.ToLower(path)
	for _, w := range []string{"dev", "local", "test"} {
		if strings.Contains(l[strings.LastIndexByte(l, '/')+1:], w) {
			return true
		}
	}
	return false
}

// HardcodedSecretKey finds Django SECRET_KEY and Flask secret keys written in code.
var HardcodedSecretKey = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG703", Name: "hardcoded-framework-secret-key", CWE: []int{798, 321},
		Guide:    []string{"pyscg-0041"},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "Django SECRET_KEY or Flask secret key set to a literal",
		Why: "The framework's secret key signs sessions, password reset tokens and CSRF tokens. Anyone who knows it " +
			"can forge a session for any user, and with pickle-based sessions, run code.",
		Vulnerable: "from flask import Flask\n\napp = Flask(__name__)\napp.secret_key = \"dev-key-123456\"\n",
		Secure:     "import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.secret_key = os.environ[\"FLASK_SECRET_KEY\"]\n",
		Fix:        "Load the key from the environment or a secret manager, generate it with secrets.token_hex(32), and rotate keys that were committed.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#secret-key", "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY"},
		Tags:       []string{"django", "flask", "secrets"},
	},
	Run: func(p *analysis.Pass) {
		u := p.Unit
		u.EachNode(func(n ast.Node) {
			as, ok := n.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				return
			}
			c, ok := as.Value.(*ast.Constant)
			if !ok || c.Kind != ast.StrConst || len(c.Str) < 4 || strings.HasPrefix(c.Str, "django-insecure") {
				return // a development key is judged where it is deployed (SG710)
			}
			if t, ok := as.Targets[0].(*ast.Name); ok && t.Id == "SECRET_KEY" && (isSettingsPath(u.Path) || imports(u, "django")) && !imports(u, "flask") {
				p.Report(c, "SECRET_KEY is written in the source; load it from the environment")
			}
		})
		for _, e := range appConfigEntries(u) {
			judgeFlaskSecret(e, func(n ast.Node, msg string) { p.Report(n, msg) })
		}
	},
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, e := range objectConfigEntries(p.Units) {
			judgeFlaskSecret(e, func(n ast.Node, msg string) { p.Report(e.Unit, n, msg) })
		}
	},
}

// judgeFlaskSecret reports a Flask signing key written as a literal.
func judgeFlaskSecret(e configEntry, report func(ast.Node, string)) {
	switch e.Key {
	case "SECRET_KEY", "JWT_SECRET_KEY", "WTF_CSRF_SECRET_KEY", "SECURITY_PASSWORD_SALT":
	default:
		return
	}
	c, ok := e.Value.(*ast.Constant)
	if !ok || (c.Kind != ast.StrConst && c.Kind != ast.BytesConst) || len(c.Str) < 4 {
		return
	}
	report(c, "the Flask "+e.Key+" is written in the source"+e.note()+"; load it from the environment")
}

// CORSWildcardCredentials finds CORS that allows any origin with credentials.
var CORSWildcardCredentials = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG704", Name: "cors-wildcard-with-credentials", CWE: []int{942},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "CORS allows every origin together with credentials",
		Why: "Allowing any origin with credentials lets every website a user visits make authenticated requests " +
			"to the API with the user's cookies and read the responses.",
		Vulnerable: "from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_credentials=True)\n",
		Secure:     "from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\napp.add_middleware(CORSMiddleware, allow_origins=[\"https://app.example.com\"], allow_credentials=True)\n",
		Fix:        "List the exact origins that may call the API with credentials.",
		References: []string{"https://cwe.mitre.org/data/definitions/942.html"},
		Tags:       []string{"fastapi", "flask", "cors"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			var origins, creds ast.Expr
			a, isAttr := cs.Call.Func.(*ast.Attribute)
			switch {
			case isAttr && a.Attr == "add_middleware" && strings.HasSuffix(m.QualifiedName(analysis.Arg(cs.Call, 0, "")), "CORSMiddleware"):
				origins, creds = analysis.Keyword(cs.Call, "allow_origins"), analysis.Keyword(cs.Call, "allow_credentials")
				if r, ok := analysis.ConstString(m, analysis.Keyword(cs.Call, "allow_origin_regex")); ok && regexMatchesAnyOrigin(r) && analysis.IsTrue(m, creds) {
					p.Report(cs.Call, "allow_origin_regex matches every origin while credentials are allowed")
					continue
				}
			case cs.Name == "flask_cors.CORS" || cs.Name == "flask_cors.cross_origin":
				origins, creds = analysis.Keyword(cs.Call, "origins"), analysis.Keyword(cs.Call, "supports_credentials")
				if origins == nil {
					origins = &ast.Constant{Kind: ast.StrConst, Str: "*"}
				}
			default:
				continue
			}
			if creds == nil || !analysis.IsTrue(m, creds) || !wildcard(origins) {
				continue
			}
			p.Report(cs.Call, "every origin may send credentialed requests; list the allowed origins")
		}
	},
}

func wildcard(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Constant:
		return e.Kind == ast.StrConst && e.Str == "*"
	case *ast.List:
		for _, x := range e.Elts {
			if wildcard(x) {
				return true
			}
		}
	case *ast.Tuple:
		for _, x := range e.Elts {
			if wildcard(x) {
				return true
			}
		}
	}
	return false
}

// regexMatchesAnyOrigin says whether an origin regex accepts every host:
// ".*", "^https?://.*$", "https://.+" and the like.
func regexMatchesAnyOrigin(r string) bool {
	r = strings.TrimSuffix(strings.TrimPrefix(r, "^"), "$")
	for _, scheme := range []string{"https?://", "(https?)://", "https://", "http://", `https?:\/\/`, `https:\/\/`} {
		if strings.HasPrefix(r, scheme) {
			r = r[len(scheme):]
			break
		}
	}
	switch r {
	case ".*", ".+", "(.*)", "(.+)", ".*?", "[^/]*", "[^/]+", `\S*`, `\S+`:
		return true
	}
	return false
}

// webPackages are the top-level packages of the web frameworks and
// extensions the framework rules read.
var webPackages = map[string]bool{"flask": true, "django": true, "starlette": true, "fastapi": true,
	"werkzeug": true, "jinja2": true, "secure": true}

// keepsWebUnit is the Keeps of the framework project rules: files that
// import a web framework or one of its extensions, Django settings
// modules, and the manage.py, wsgi.py and asgi.py that name them. Other
// files are parsed again only if a rule follows a reference into them (a
// config class, a star-imported settings module).
func keepsWebUnit(u *analysis.Unit) bool {
	for _, im := range u.Imports() {
		top, _, _ := strings.Cut(im.Module, ".")
		if webPackages[top] || strings.HasPrefix(top, "flask_") {
			return true
		}
	}
	switch u.Path[strings.LastIndexByte(u.Path, '/')+1:] {
	case "manage.py", "wsgi.py", "asgi.py":
		return true
	}
	return isSettingsPath(u.Path) || strings.HasSuffix(u.Module, ".settings")
}
