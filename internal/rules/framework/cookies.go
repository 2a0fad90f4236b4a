package framework

import (
	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// cookieFrameworks are the web frameworks whose responses set cookies
// with set_cookie(key, value, ..., secure=...).
var cookieFrameworks = []string{"flask", "werkzeug", "quart", "django", "starlette", "fastapi", "litestar", "bottle",
	"tornado", "aiohttp", "pyramid", "falcon", "sanic", "rest_framework", "ninja"}

// securePos is the position of secure among set_cookie's parameters
// (werkzeug, Django and Starlette: key, value, max_age, expires, path,
// domain, secure); Django's set_signed_cookie has a salt before max_age.
var securePos = map[string]int{"set_cookie": 6, "set_signed_cookie": 7}

// CookieNotSecure finds response cookies set without the Secure attribute.
var CookieNotSecure = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG735", Name: "cookie-without-secure-flag", CWE: []int{614},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "cookie set on a response without the Secure attribute",
		Why: "A cookie without Secure is sent over plain HTTP as well: one request to an http:// URL of the site (a link, " +
			"a redirect, an image, or a network attacker injecting one) sends it in clear text to anyone on the path. " +
			"Flask, Werkzeug, Django and Starlette all default to secure=False in set_cookie, and settings such as " +
			"SESSION_COOKIE_SECURE only cover the framework's own session cookie.",
		Vulnerable: "from flask import Flask, make_response\n\napp = Flask(__name__)\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    resp = make_response(\"welcome\")\n    resp.set_cookie(\"remember\", \"token-value\", httponly=True)\n    return resp\n",
		Secure:     "from flask import Flask, make_response\n\napp = Flask(__name__)\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    resp = make_response(\"welcome\")\n    resp.set_cookie(\"remember\", \"token-value\", secure=True, httponly=True, samesite=\"Lax\")\n    return resp\n",
		Fix: "Pass secure=True to set_cookie (and httponly=True unless script must read the cookie, samesite=\"Lax\" or \"Strict\"); " +
			"serve the site over HTTPS only.",
		References: []string{"https://cwe.mitre.org/data/definitions/614.html",
			"https://flask.palletsprojects.com/en/stable/security/#set-cookie-options",
			"https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponse.set_cookie",
			"https://owasp.org/www-community/controls/SecureCookieAttribute"},
		Tags: []string{"web", "cookies"},
	},
	Run: func(p *analysis.Pass) {
		u := p.Unit
		if analysis.IsTestPath(u.Path) || !importsAnyOf(u, cookieFrameworks) {
			return
		}
		m := u.Model()
		for _, cs := range u.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok {
				continue
			}
			pos, ok := securePos[a.Attr]
			// A cookie jar's set_cookie(cookie) takes one Cookie object.
			if !ok || (len(cs.Call.Args) < 2 && analysis.Keyword(cs.Call, "value") == nil) {
				continue
			}
			secure := analysis.Arg(cs.Call, pos, "secure")
			switch {
			case secure == nil && analysis.HasKwargs(cs.Call):
				continue // **options may carry secure
			case secure == nil:
				p.Report(cs.Call, a.Attr+"() without secure=True: the cookie is also sent over plain HTTP"+httpOnlyNote(u, cs.Call, pos))
			case analysis.IsFalse(m, secure):
				p.ReportWith(secure, "secure is off: the cookie is also sent over plain HTTP"+httpOnlyNote(u, cs.Call, pos), func(f *finding.Finding) {
					f.Confidence = finding.HighConfidence
				})
			}
		}
	},
}

// httpOnlyNote mentions a cookie that script can read as well.
func httpOnlyNote(u *analysis.Unit, call *ast.Call, securePos int) string {
	h := analysis.Arg(call, securePos+1, "httponly")
	if h == nil || analysis.IsFalse(u.Model(), h) {
		return " (and without httponly=True, script on the page can read it)"
	}
	return ""
}

func importsAnyOf(u *analysis.Unit, mods []string) bool {
	for _, m := range mods {
		if imports(u, m) {
			return true
		}
	}
	return false
}
