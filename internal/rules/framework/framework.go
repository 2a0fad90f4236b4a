// Package framework holds the rules for web framework settings that undo
// the framework's own protections.
package framework

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	rules := []*analysis.Rule{FlaskDebug, HardcodedSecretKey, CORSWildcardCredentials, CSRFExempt, JWTNoVerify, FlaskCookies, StarletteSessionSecret, FlaskNoCSRF}
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
		m := p.Unit.Model
		if !imports(p.Unit, "flask") {
			return
		}
		for _, cs := range p.Unit.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok || a.Attr != "run" {
				continue
			}
			if d := analysis.Keyword(cs.Call, "debug"); d != nil && analysis.IsTrue(m, d) {
				p.Report(d, "app.run(debug=True) exposes the Werkzeug debugger, which runs arbitrary code")
			}
		}
	},
}

func imports(u *analysis.Unit, mod string) bool {
	for _, im := range u.Model.Imports {
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
		ast.Inspect(u.Parse.Module, func(n ast.Node) bool {
			as, ok := n.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				return true
			}
			c, ok := as.Value.(*ast.Constant)
			if !ok || c.Kind != ast.StrConst || len(c.Str) < 4 || strings.HasPrefix(c.Str, "django-insecure") {
				return true // a development key is judged where it is deployed (SG710)
			}
			switch t := as.Targets[0].(type) {
			case *ast.Name:
				if t.Id == "SECRET_KEY" && (isSettingsPath(u.Path) || imports(u, "django")) {
					p.Report(c, "SECRET_KEY is written in the source; load it from the environment")
				}
			case *ast.Attribute:
				if t.Attr == "secret_key" && imports(u, "flask") {
					p.Report(c, "the Flask secret key is written in the source; load it from the environment")
				}
			case *ast.Subscript:
				if k, ok := t.Slice.(*ast.Constant); ok && k.Kind == ast.StrConst && (k.Str == "SECRET_KEY" || k.Str == "JWT_SECRET_KEY") && imports(u, "flask") {
					p.Reportf(c, "app.config[%q] is written in the source; load it from the environment", k.Str)
				}
			}
			return true
		})
	},
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
		m := p.Unit.Model
		for _, cs := range p.Unit.Calls() {
			var origins, creds ast.Expr
			a, isAttr := cs.Call.Func.(*ast.Attribute)
			switch {
			case isAttr && a.Attr == "add_middleware" && strings.HasSuffix(m.QualifiedName(analysis.Arg(cs.Call, 0, "")), "CORSMiddleware"):
				origins, creds = analysis.Keyword(cs.Call, "allow_origins"), analysis.Keyword(cs.Call, "allow_credentials")
				if r, ok := analysis.ConstString(m, analysis.Keyword(cs.Call, "allow_origin_regex")); ok && (r == ".*" || r == "^.*$") && analysis.IsTrue(m, creds) {
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
