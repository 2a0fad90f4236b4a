package framework

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

var flaskAppClasses = map[string]bool{"flask.Flask": true, "flask.app.Flask": true}

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
	// A POST route registered on an app counts for that app; one on a
	// blueprint counts for the apps that register blueprints (for every app
	// when none visibly does), and one on an object of unknown origin for
	// every app.
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		if csrfProtected(p.Units) {
			return
		}
		apps := createdApps(p.Units, flaskAppClasses)
		if len(apps) == 0 {
			return
		}
		byModule := map[string]*analysis.Unit{}
		for _, u := range p.Units {
			byModule[u.Module] = u
		}
		owner := func(u *analysis.Unit, recv ast.Expr) (app *ast.Call, blueprint bool) {
			if c := constructorOf(byModule, u, recv, 0); c != nil {
				if flaskAppClasses[c.name] {
					return c.call, false
				}
				return nil, true
			}
			return nil, false
		}
		posts := map[*ast.Call]bool{} // apps with a POST route of their own
		blueprintPosts, unknownPosts := false, false
		hosts := map[*ast.Call]bool{} // apps that register blueprints
		for _, u := range p.Units {
			if analysis.IsTestPath(u.Path) || !u.Mentions("post", "route", "add_url_rule", "register_blueprint") {
				continue
			}
			for _, recv := range postRouteReceivers(u) {
				switch app, bp := owner(u, recv); {
				case app != nil:
					posts[app] = true
				case bp:
					blueprintPosts = true
				default:
					unknownPosts = true
				}
			}
			for _, cs := range u.Calls() {
				if a, ok := cs.Call.Func.(*ast.Attribute); ok && a.Attr == "register_blueprint" {
					if app, _ := owner(u, a.Value); app != nil {
						hosts[app] = true
					}
				}
			}
		}
		for _, a := range apps {
			if posts[a.call] || unknownPosts || (blueprintPosts && (hosts[a.call] || len(hosts) == 0)) {
				p.Report(a.u, a.call, "this Flask app has POST routes but the project enables no CSRF protection")
			}
		}
	},
}

// csrfProtected says whether the project uses Flask-WTF, Flask-SeaSurf or
// another CSRFProtect.
func csrfProtected(units []*analysis.Unit) bool {
	for _, u := range units {
		if !u.MayName("flask_wtf") && !u.MayName("flask_seasurf") && !u.Mentions("CSRFProtect") {
			continue
		}
		for _, cs := range u.Calls() {
			if strings.HasPrefix(cs.Name, "flask_wtf.") || strings.HasPrefix(cs.Name, "flask_seasurf.") || strings.HasSuffix(cs.Name, ".CSRFProtect") {
				return true
			}
		}
		for _, im := range u.Imports() {
			if strings.HasPrefix(im.Module, "flask_wtf") || strings.HasPrefix(im.Module, "flask_seasurf") {
				return true
			}
		}
	}
	return false
}

// postRouteReceivers returns the objects a unit registers POST routes on:
// R in @R.post(...), @R.route(..., methods=[..."POST"...]) and
// R.add_url_rule(..., methods=[...]) or a MethodView with a post method.
func postRouteReceivers(u *analysis.Unit) []ast.Expr {
	var out []ast.Expr
	m := u.Model()
	ast.Inspect(u.Parse().Module, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FunctionDef:
			for _, d := range n.DecoratorList {
				c, ok := d.(*ast.Call)
				if !ok {
					continue
				}
				a, ok := c.Func.(*ast.Attribute)
				if !ok {
					continue
				}
				if a.Attr == "post" || (a.Attr == "route" && allowsPost(m, analysis.Keyword(c, "methods"), false)) {
					out = append(out, a.Value)
				}
			}
		case *ast.Call:
			a, ok := n.Func.(*ast.Attribute)
			if !ok || a.Attr != "add_url_rule" {
				return true
			}
			if methods := analysis.Keyword(n, "methods"); methods != nil {
				if allowsPost(m, methods, true) {
					out = append(out, a.Value)
				}
			} else if viewHasPost(u, analysis.Arg(n, 2, "view_func")) {
				out = append(out, a.Value)
			}
		}
		return true
	})
	return out
}

// allowsPost says whether a methods= value lists POST. A value that is
// not a literal list counts as unknown.
func allowsPost(m *semantic.Model, e ast.Expr, unknown bool) bool {
	if n, ok := e.(*ast.Name); ok {
		if bs := m.Lookup(n.Id, n.Pos()); len(bs) == 1 && bs[0].Value != nil {
			e = bs[0].Value
		}
	}
	var elts []ast.Expr
	switch l := e.(type) {
	case nil:
		return false
	case *ast.List:
		elts = l.Elts
	case *ast.Tuple:
		elts = l.Elts
	case *ast.Set:
		elts = l.Elts
	default:
		return unknown
	}
	for _, x := range elts {
		if s, ok := analysis.ConstString(m, x); ok && strings.EqualFold(s, "POST") {
			return true
		}
	}
	return false
}

// viewHasPost says whether view_func is C.as_view(...) for a class C of
// the unit that defines a post method.
func viewHasPost(u *analysis.Unit, e ast.Expr) bool {
	c, ok := e.(*ast.Call)
	if !ok {
		return false
	}
	a, ok := c.Func.(*ast.Attribute)
	if !ok || a.Attr != "as_view" {
		return false
	}
	n, ok := a.Value.(*ast.Name)
	if !ok {
		return false
	}
	for _, b := range u.Model().Lookup(n.Id, n.Pos()) {
		if cd, ok := b.Node.(*ast.ClassDef); ok {
			for _, st := range cd.Body {
				if fd, ok := st.(*ast.FunctionDef); ok && fd.Name == "post" {
					return true
				}
			}
		}
	}
	return false
}

// constructed is the call that created an object, and the qualified name
// of what it called.
type constructed struct {
	call *ast.Call
	name string
}

// constructorOf follows a name to the call it is bound to, in its own
// module or, through an import, in another module of the project.
func constructorOf(byModule map[string]*analysis.Unit, u *analysis.Unit, e ast.Expr, depth int) *constructed {
	n, ok := e.(*ast.Name)
	if !ok || depth > 4 {
		return nil
	}
	bs := u.Model().Lookup(n.Id, n.Pos())
	if len(bs) != 1 {
		return nil
	}
	return boundTo(byModule, u, bs[0], depth)
}

func boundTo(byModule map[string]*analysis.Unit, u *analysis.Unit, b *semantic.Binding, depth int) *constructed {
	switch b.Kind {
	case semantic.AssignBinding:
		if c, ok := b.Value.(*ast.Call); ok {
			return &constructed{c, u.Model().QualifiedName(c.Func)}
		}
		if n, ok := b.Value.(*ast.Name); ok {
			return constructorOf(byModule, u, n, depth+1)
		}
	case semantic.ImportBinding:
		i := strings.LastIndexByte(b.Qualified, '.')
		if i < 0 {
			return nil
		}
		other := byModule[b.Qualified[:i]]
		if other == nil {
			return nil
		}
		if bs := other.Model().Root.Bindings(b.Qualified[i+1:]); len(bs) == 1 {
			return boundTo(byModule, other, bs[0], depth+1)
		}
	}
	return nil
}

// FlaskCSRFDisabled finds Flask-WTF's CSRF protection turned off in a
// deployed configuration.
var FlaskCSRFDisabled = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG736", Name: "flask-wtf-csrf-disabled", CWE: []int{352},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "Flask-WTF's CSRF protection turned off with WTF_CSRF_ENABLED = False",
		Why: "WTF_CSRF_ENABLED = False stops Flask-WTF forms and CSRFProtect from checking the CSRF token of every " +
			"request. Outside a test configuration, any site a logged-in user visits can then post to the app with " +
			"the user's cookies.",
		Vulnerable: "from flask import Flask\nfrom flask_wtf.csrf import CSRFProtect\n\napp = Flask(__name__)\napp.config[\"WTF_CSRF_ENABLED\"] = False\nCSRFProtect(app)\n",
		Secure:     "from flask import Flask\nfrom flask_wtf.csrf import CSRFProtect\n\napp = Flask(__name__)\napp.config[\"WTF_CSRF_TIME_LIMIT\"] = 3600\nCSRFProtect(app)\n",
		Fix:        "Leave WTF_CSRF_ENABLED at its default (True); turn it off only in the test configuration (TESTING = True), and exempt single API views with @csrf.exempt when they authenticate by token, not cookie.",
		References: []string{"https://flask-wtf.readthedocs.io/en/stable/config/", "https://cwe.mitre.org/data/definitions/352.html"},
		Tags:       []string{"flask", "csrf", "configuration"},
	},
	Run: func(p *analysis.Pass) {
		testing := testingUpdates(p.Unit)
		for _, e := range appConfigEntries(p.Unit) {
			if !testing[e.At] {
				judgeCSRFEnabled(e, p.Report)
			}
		}
	},
	Keeps: keepsWebUnit,
	RunProject: func(p *analysis.ProjectPass) {
		for _, e := range objectConfigEntries(p.Units) {
			judgeCSRFEnabled(e, func(n ast.Node, msg string) { p.Report(e.Unit, n, msg) })
		}
	},
}

// judgeCSRFEnabled reports WTF_CSRF_ENABLED set to a false constant.
func judgeCSRFEnabled(e configEntry, report func(ast.Node, string)) {
	if e.Key != "WTF_CSRF_ENABLED" {
		return
	}
	if v, ok := e.Unit.Model().ConstValue(e.Value); ok && !v.Truthy() {
		report(e.At, "WTF_CSRF_ENABLED is False"+e.note()+": Flask-WTF checks no CSRF token")
	}
}

// testingUpdates returns the keywords and dict values of config.update()
// and from_mapping() calls that also set TESTING to a true constant: a test
// configuration, where turning CSRF off is the documented practice.
func testingUpdates(u *analysis.Unit) map[ast.Node]bool {
	out := map[ast.Node]bool{}
	m := u.Model()
	for _, cs := range u.Calls() {
		a, ok := cs.Call.Func.(*ast.Attribute)
		if !ok || (a.Attr != "update" && a.Attr != "from_mapping") || !isAppConfig(a.Value) {
			continue
		}
		var nodes []ast.Node
		test := false
		for _, k := range cs.Call.Keywords {
			nodes = append(nodes, k)
			if k.Arg == "TESTING" && analysis.IsTrue(m, k.Value) {
				test = true
			}
		}
		if len(cs.Call.Args) == 1 {
			for _, kv := range mappingItems(m, cs.Call.Args[0]) {
				nodes = append(nodes, kv.at)
				if kv.key == "TESTING" && analysis.IsTrue(m, kv.value) {
					test = true
				}
			}
		}
		if test {
			for _, n := range nodes {
				out[n] = true
			}
		}
	}
	return out
}
