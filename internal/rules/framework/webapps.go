package framework

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// JWTNoVerify finds JWTs decoded without checking their signature.
var JWTNoVerify = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG720", Name: "jwt-signature-not-verified", CWE: []int{347},
		Severity: finding.Critical, Confidence: finding.HighConfidence,
		Summary: "JWT decoded without verifying its signature, or signed or decoded with the 'none' algorithm",
		Why: "A token whose signature is not checked is whatever the client says it is: anyone can write " +
			"`{\"sub\": \"admin\"}` and be admin. Allowing alg 'none' does the same.",
		Vulnerable: "import jwt\n\ndef current_user(token):\n    claims = jwt.decode(token, options={\"verify_signature\": False})\n    return claims[\"sub\"]\n",
		Secure:     "import jwt\n\ndef current_user(token, key):\n    claims = jwt.decode(token, key, algorithms=[\"HS256\"])\n    return claims[\"sub\"]\n",
		Fix:        "Always pass the key and an explicit list of expected algorithms; never disable verification outside tests.",
		References: []string{"https://cwe.mitre.org/data/definitions/347.html", "https://pyjwt.readthedocs.io/en/stable/api.html"},
		Tags:       []string{"jwt", "authentication"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			switch cs.Name {
			case "jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode":
			case "jwt.encode", "jose.jwt.encode", "jwt.api_jwt.encode":
				// A token issued unsigned is accepted by any verifier that
				// allows 'none'.
				if alg, ok := analysis.ConstString(m, analysis.Keyword(cs.Call, "algorithm")); ok && strings.EqualFold(alg, "none") {
					p.Report(analysis.Keyword(cs.Call, "algorithm"), "the token is issued unsigned (algorithm 'none'): anyone can change its claims")
				}
				continue
			default:
				continue
			}
			if v := analysis.Keyword(cs.Call, "verify"); v != nil && analysis.IsFalse(m, v) {
				p.Report(v, "jwt.decode(verify=False) accepts forged tokens")
			}
			if opts, ok := analysis.Keyword(cs.Call, "options").(*ast.Dict); ok {
				for i, k := range opts.Keys {
					if s, ok := analysis.ConstString(m, k); ok && (s == "verify_signature") && analysis.IsFalse(m, opts.Values[i]) {
						p.Report(opts.Values[i], "signature verification is turned off: the token's claims are not authenticated")
					}
				}
			}
			if algs := analysis.Keyword(cs.Call, "algorithms"); algs != nil {
				ast.Inspect(algs, func(n ast.Node) bool {
					if c, ok := n.(*ast.Constant); ok && c.Kind == ast.StrConst && strings.EqualFold(c.Str, "none") {
						p.Report(c, "algorithm 'none' accepts unsigned tokens")
					}
					return true
				})
			}
		}
	},
}

// FlaskCookies finds Flask session and remember-me cookies configured
// without Secure or HttpOnly, or SameSite None.
var FlaskCookies = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG721", Name: "flask-insecure-cookie-config", CWE: []int{614, 1004},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "Flask session or remember-me cookie set without Secure or HttpOnly, or with SameSite=None",
		Why: "Cookies without Secure travel over plain HTTP, without HttpOnly they are readable by injected " +
			"script, and SameSite=None sends them with cross-site requests: each makes session theft or CSRF easier.",
		Vulnerable: "from flask import Flask\n\napp = Flask(__name__)\napp.config[\"SESSION_COOKIE_SECURE\"] = False\n",
		Secure:     "from flask import Flask\n\napp = Flask(__name__)\napp.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE=\"Lax\")\n",
		Fix:        "Set SESSION_COOKIE_SECURE=True, keep SESSION_COOKIE_HTTPONLY=True, use SameSite Lax or Strict; the same for REMEMBER_COOKIE_*.",
		References: []string{"https://flask.palletsprojects.com/en/stable/security/#set-cookie-options", "https://cwe.mitre.org/data/definitions/614.html"},
		Tags:       []string{"flask", "configuration", "cookies"},
	},
	Run: func(p *analysis.Pass) {
		if !imports(p.Unit, "flask") {
			return
		}
		judge := func(key string, value ast.Expr, at ast.Node) {
			judgeFlaskCookie(configEntry{Unit: p.Unit, Key: key, Value: value, At: at}, p.Report)
		}
		for _, e := range appConfigEntries(p.Unit) {
			judge(e.Key, e.Value, e.At)
		}
	},
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, e := range objectConfigEntries(p.Units) {
			judgeFlaskCookie(e, func(n ast.Node, msg string) { p.Report(e.Unit, n, msg) })
		}
		rememberCookieDefaults(p)
	},
}

// StarletteSessionSecret finds SessionMiddleware with a literal secret.
var StarletteSessionSecret = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG722", Name: "starlette-session-secret-in-code", CWE: []int{798, 321},
		Guide:    []string{"pyscg-0041"},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary:    "Starlette/FastAPI SessionMiddleware with a secret key written in the code",
		Why:        "The secret signs the session cookie; whoever reads it in the repository can forge any session.",
		Vulnerable: "from fastapi import FastAPI\nfrom starlette.middleware.sessions import SessionMiddleware\n\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=\"s3cr3t-session-key\")\n",
		Secure:     "import os\nfrom fastapi import FastAPI\nfrom starlette.middleware.sessions import SessionMiddleware\n\napp = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key=os.environ[\"SESSION_SECRET\"])\n",
		Fix:        "Load the secret from the environment or a secret manager and rotate the committed one.",
		References: []string{"https://www.starlette.io/middleware/#sessionmiddleware"},
		Tags:       []string{"fastapi", "starlette", "secrets"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok || a.Attr != "add_middleware" || !strings.HasSuffix(m.QualifiedName(analysis.Arg(cs.Call, 0, "")), "SessionMiddleware") {
				continue
			}
			if k, ok := analysis.Keyword(cs.Call, "secret_key").(*ast.Constant); ok && k.Kind == ast.StrConst {
				p.Report(k, "the session secret is written in the source")
			}
		}
	},
}

// judgeFlaskCookie reports cookie flags turned off in a Flask config.
func judgeFlaskCookie(e configEntry, report func(ast.Node, string)) {
	m := e.Unit.Model()
	switch e.Key {
	case "SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "REMEMBER_COOKIE_HTTPONLY":
		if v, ok := m.ConstValue(e.Value); ok && !v.Truthy() {
			what := "False"
			if v.Kind == semantic.NoneValue {
				what = "None (off)"
			}
			report(e.At, fmt.Sprintf("%s is %s%s", e.Key, what, e.note()))
		}
	case "SESSION_COOKIE_SAMESITE", "REMEMBER_COOKIE_SAMESITE":
		if s, ok := analysis.ConstString(m, e.Value); ok && strings.EqualFold(s, "none") {
			report(e.At, fmt.Sprintf("%s is None%s: the cookie is sent with cross-site requests", e.Key, e.note()))
		}
	}
}

// rememberCookieDefaults reports flask-login's remember-me cookie left at
// its default REMEMBER_COOKIE_SECURE = False in a project that logs users
// in with remember=True and never sets the flag.
func rememberCookieDefaults(p *analysis.ProjectPass) {
	type site struct {
		u *analysis.Unit
		n ast.Node
	}
	var remembers []site
	for _, u := range p.Units {
		if !u.MayName("flask_login") {
			continue
		}
		for _, cs := range u.Calls() {
			if cs.Name == "flask_login.login_user" || cs.Name == "flask_login.utils.login_user" {
				if r := analysis.Arg(cs.Call, 1, "remember"); r != nil && !analysis.IsFalse(u.Model(), r) {
					remembers = append(remembers, site{u, cs.Call})
				}
			}
		}
	}
	if len(remembers) == 0 {
		return
	}
	set := false
	for _, u := range p.Units {
		for _, e := range appConfigEntries(u) {
			if e.Key == "REMEMBER_COOKIE_SECURE" {
				set = true
			}
		}
		if bytesContains(u, "REMEMBER_COOKIE_SECURE") {
			set = true // set in a config class, file or mapping we may not resolve
		}
	}
	if set {
		return
	}
	for _, r := range remembers {
		p.Report(r.u, r.n, "login_user(remember=True) sets flask-login's remember cookie, and REMEMBER_COOKIE_SECURE is never set (default False): the long-lived cookie is also sent over HTTP")
	}
}

// bytesContains says whether the unit's source mentions s.
func bytesContains(u *analysis.Unit, s string) bool {
	f := u.File()
	return f != nil && bytes.Contains(f.Src, []byte(s))
}
