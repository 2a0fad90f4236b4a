package framework

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// FlaskNoCSRF finds Flask apps with POST routes and no CSRF protection in
// the project.
var FlaskNoCSRF = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG723", Name: "flask-no-csrf-protection", CWE: []int{352},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "Flask app with POST routes and no CSRF protection (CSRFProtect or Flask-WTF forms)",
		Why: "Flask has no CSRF protection of its own. Any site a logged-in user visits can submit forms to the " +
			"app's POST routes with the user's cookies.",
		Vulnerable: "from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/email\", methods=[\"POST\"])\ndef change_email():\n    return request.form[\"email\"]\n",
		Secure:     "from flask import Flask, request\nfrom flask_wtf.csrf import CSRFProtect\n\napp = Flask(__name__)\nCSRFProtect(app)\n\n@app.route(\"/email\", methods=[\"POST\"])\ndef change_email():\n    return request.form[\"email\"]\n",
		Fix:        "Enable flask_wtf.csrf.CSRFProtect(app) (or use Flask-WTF forms everywhere), and keep SameSite cookies.",
		References: []string{"https://flask-wtf.readthedocs.io/en/stable/csrf/", "https://cwe.mitre.org/data/definitions/352.html"},
		Tags:       []string{"flask", "csrf"},
	},
	RunProject: func(p *analysis.ProjectPass) {
		protected := false
		type appSite struct {
			u    *analysis.Unit
			call *ast.Call
		}
		var apps []appSite
		hasPost := false
		for _, u := range p.Units {
			for _, cs := range u.Calls() {
				switch {
				case cs.Name == "flask.Flask" && !analysis.IsTestPath(u.Path):
					apps = append(apps, appSite{u, cs.Call})
				case strings.HasPrefix(cs.Name, "flask_wtf.") || strings.HasPrefix(cs.Name, "flask_seasurf.") || strings.HasSuffix(cs.Name, ".CSRFProtect"):
					protected = true
				}
				if a, ok := cs.Call.Func.(*ast.Attribute); ok && (a.Attr == "post" || a.Attr == "route") {
					if a.Attr == "post" {
						hasPost = true
					}
					if m, ok := analysis.Keyword(cs.Call, "methods").(*ast.List); ok {
						for _, e := range m.Elts {
							if s, ok := analysis.ConstString(u.Model, e); ok && strings.EqualFold(s, "POST") {
								hasPost = true
							}
						}
					}
				}
			}
			for _, im := range u.Model.Imports {
				if strings.HasPrefix(im.Module, "flask_wtf") || strings.HasPrefix(im.Module, "flask_seasurf") {
					protected = true
				}
			}
		}
		if protected || !hasPost {
			return
		}
		for _, a := range apps {
			p.Report(a.u, a.call, "this Flask app has POST routes but the project enables no CSRF protection")
		}
	},
}
