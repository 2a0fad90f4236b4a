package review

import (
	"path"
	"slices"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Area is a kind of code a reviewer should look at closely, recognised by
// the modules and functions it uses.
type Area struct {
	ID      string
	Title   string
	Modules []string // qualified-name prefixes: "sqlite3" matches sqlite3.connect; see matches
	CWEs    []int
	Check   string // what the reviewer should look at
}

// Areas lists the review areas in the order the checklist shows them.
func Areas() []Area {
	return []Area{
		{ID: "sql", Title: "SQL and database queries",
			Modules: []string{"sqlite3", "psycopg2", "psycopg", "pymysql", "MySQLdb", "mysql.connector", "asyncpg", "aiosqlite",
				"pyodbc", "cx_Oracle", "oracledb", "sqlalchemy", "django.db", "peewee", "pymongo", "motor", "ldap", "ldap3"},
			CWEs:  []int{89, 943, 90},
			Check: "Every value reaches the query as a bound parameter, never through f-strings, % or +; table and column names come from an allow-list; ORM raw()/extra()/text() calls get parameters."},
		{ID: "command", Title: "subprocess and shell commands",
			Modules: []string{"subprocess", "os.system", "os.popen", "os.exec*", "os.spawn*", "os.posix_spawn*", "pty.spawn",
				"asyncio.create_subprocess_shell", "asyncio.create_subprocess_exec", "commands", "paramiko", "fabric", "pexpect"},
			CWEs:  []int{78, 88, 426},
			Check: "Commands are argument lists without shell=True; no user value chooses the program or begins an argument with '-'; programs are called by absolute path where PATH is not trusted."},
		{ID: "code", Title: "dynamic code and imports",
			Modules: []string{"eval", "exec", "compile", "__import__", "importlib", "builtins.eval", "builtins.exec", "code.InteractiveInterpreter", "runpy"},
			CWEs:    []int{94, 95, 470},
			Check:   "No text from outside reaches eval, exec, compile or import_module; literal_eval or a dispatch table replaces them where data is meant."},
		{ID: "paths", Title: "file paths and file system",
			Modules: []string{"open", "io.open", "os.path", "os.open", "os.remove", "os.unlink", "os.rename", "os.replace", "os.chmod",
				"os.makedirs", "os.mkdir", "os.listdir", "os.scandir", "os.walk", "pathlib", "shutil", "tarfile", "zipfile", "tempfile",
				"flask.send_file", "flask.send_from_directory", "werkzeug.utils.secure_filename", "django.core.files"},
			CWEs:  []int{22, 73, 377, 732},
			Check: "Paths built from input are resolved and checked to stay inside the intended directory; archives are extracted with a filter; temporary files come from tempfile; new files do not get world-writable modes."},
		{ID: "crypto", Title: "cryptography and randomness",
			Modules: []string{"hashlib", "hmac", "secrets", "random", "ssl.RAND", "cryptography", "Crypto", "Cryptodome", "nacl", "bcrypt",
				"passlib", "argon2", "jwt", "jose", "itsdangerous", "uuid.uuid1"},
			CWEs:  []int{326, 327, 328, 330, 338, 916},
			Check: "Tokens, keys and salts come from secrets or os.urandom, not random; hashes for passwords use a slow KDF with enough iterations; no MD5/SHA-1/DES/ECB for security; keys have safe sizes; MACs are compared with hmac.compare_digest."},
		{ID: "deserialization", Title: "deserialization",
			Modules: []string{"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle", "joblib.load", "yaml",
				"torch.load", "numpy.load", "pandas.read_pickle", "keras.models.load_model"},
			CWEs:  []int{502},
			Check: "Nothing from outside the process is unpickled or loaded with an unsafe YAML loader; model files come from a trusted, pinned source or a safe format; signed data is verified before it is loaded."},
		{ID: "auth", Title: "authentication, sessions and access control",
			Modules: []string{"flask.session", "flask_login", "flask_wtf", "flask_jwt_extended", "django.contrib.auth", "django.contrib.sessions",
				"django.views.decorators.csrf", "django.contrib.auth.decorators", "rest_framework.permissions", "rest_framework.authentication",
				"fastapi.security", "starlette.middleware.sessions", "starlette.authentication", "werkzeug.security", "authlib", "oauthlib",
				"jwt", "jose", "itsdangerous", "passlib", "bcrypt"},
			CWEs:  []int{287, 306, 352, 384, 862, 863, 347, 798, 521},
			Check: "Each new view or endpoint checks who the caller is and what they may do; CSRF protection stays on; tokens are verified with a fixed algorithm list; sessions are renewed at login; no secret is written into the code."},
		{ID: "web", Title: "web endpoints and request input",
			Modules: []string{"flask.Flask", "flask.Blueprint", "flask.request", "flask.views", "django.http", "django.urls", "django.views",
				"fastapi", "starlette.requests", "starlette.routing", "aiohttp.web", "tornado.web", "rest_framework.views",
				"rest_framework.decorators", "bottle", "falcon", "sanic", "pyramid.view"},
			CWEs:  []int{20, 862, 352, 601, 113},
			Check: "New or changed endpoints check authentication and authorization; request values are validated for type, length and range before use; state-changing methods are protected against CSRF; redirects and headers are not built from raw input."},
		{ID: "logging", Title: "logging",
			Modules: []string{"logging", "structlog", "loguru", "warnings.warn", "traceback"},
			CWEs:    []int{117, 532, 209},
			Check:   "Logged values that come from users cannot forge log lines (newlines escaped, structured fields); passwords, tokens and personal data are not logged; tracebacks are not returned to users."},
		{ID: "templates", Title: "templates and HTML output",
			Modules: []string{"jinja2", "markupsafe", "mako", "django.template", "django.utils.safestring", "django.utils.html", "django.shortcuts.render",
				"flask.render_template", "flask.render_template_string", "flask.Markup", "flask.make_response", "chevron"},
			CWEs:  []int{79, 1336},
			Check: "Autoescaping stays on; nothing from users is marked safe or used as template source; values placed in attributes, URLs or scripts are escaped for that context."},
		{ID: "network", Title: "network requests and TLS",
			Modules: []string{"requests", "httpx", "urllib", "urllib3", "http.client", "aiohttp", "socket", "ssl", "ftplib", "telnetlib", "smtplib",
				"poplib", "imaplib", "xmlrpc", "paramiko", "pycurl", "websocket", "websockets", "grpc"},
			CWEs:  []int{295, 319, 400, 918, 601},
			Check: "TLS certificates and host names are verified; requests have timeouts; URLs that users choose are checked against an allow-list of hosts and schemes (SSRF); redirects go only to known places; nothing sensitive travels in cleartext."},
		{ID: "xml", Title: "XML parsing",
			Modules: []string{"xml", "lxml", "defusedxml", "xmltodict"},
			CWEs:    []int{611, 776, 643},
			Check:   "Untrusted XML is parsed with defusedxml or with entity resolution and DTD loading switched off; XPath expressions get their values as variables."},
	}
}

// manifestArea is the checklist entry for changed dependency manifests.
var manifestArea = Area{ID: "dependencies", Title: "dependencies",
	CWEs:  []int{1395, 1357, 494, 829},
	Check: "New or upgraded packages are the intended ones (spelling, publisher), pinned to versions without known advisories, with hashes or a lock file kept in step; run snakeguard deps."}

// isManifest reports whether a file declares or locks Python dependencies.
func isManifest(p string) bool {
	name := path.Base(p)
	switch name {
	case "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "environment.yml", "environment.yaml":
		return true
	}
	return (strings.HasPrefix(name, "requirements") || strings.HasPrefix(name, "constraints")) &&
		(strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".in")) ||
		strings.HasPrefix(name, "pylock.") && strings.HasSuffix(name, ".toml")
}

// Evidence is one use of an area's modules in changed code.
type Evidence struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Name string `json:"name"` // the qualified name used, or the manifest
	// Via is the project function called on the changed line that uses
	// Name in its body.
	Via string `json:"via,omitempty"`
}

// ChecklistItem is one area the change touches.
type ChecklistItem struct {
	Area     Area
	Evidence []Evidence
	Rules    []string // snakeguard rules that check the area's CWEs
	Guide    []string // OpenSSF Secure Coding Guide ids of those rules
}

// uses lists the qualified names a unit uses on changed lines: imported
// modules, names, attributes and calls, each also by where its value comes
// from (cur.execute after cur = sqlite3.connect(...).cursor() is a use of
// sqlite3.connect).
func uses(u *analysis.Unit, ch *FileChange) []Evidence {
	return usesIn(u, ch.Path, ch.ChangedIn, ch.Changed)
}

// usesIn is uses for the nodes whose lines pass inRange, recording the
// names on the lines that pass onLine.
func usesIn(u *analysis.Unit, path string, inRange func(from, to int) bool, onLine func(int) bool) []Evidence {
	f := u.File()
	if f == nil {
		return nil
	}
	var out []Evidence
	add := func(line int, name string) {
		if name != "" {
			out = append(out, Evidence{Path: path, Line: line, Name: name})
		}
	}
	ast.Inspect(u.Parse().Module, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		from, to := f.Line(n.Pos()), f.Line(n.End())
		if !inRange(from, to) {
			return true // a compound statement may hold changed lines
		}
		switch n := n.(type) {
		case *ast.Import:
			for _, a := range n.Names {
				add(f.Line(a.Pos()), a.Name)
			}
		case *ast.ImportFrom:
			if n.Level == 0 {
				for _, a := range n.Names {
					add(f.Line(a.Pos()), n.Module+"."+a.Name)
				}
			}
		case *ast.Name, *ast.Attribute, *ast.Call:
			e := n.(ast.Expr)
			if onLine(from) {
				add(from, u.Model().QualifiedName(e))
				add(from, origin(u.Model(), e, 0))
			}
		}
		return true
	})
	return out
}

// maxOrigin bounds how far origin follows assignments and receivers.
const maxOrigin = 12

// origin is the qualified name an expression's value derives from: the
// expression's own name, else that of its receiver, called function or
// subscripted value, or of the value or annotation a local name was bound
// to.
func origin(m *semantic.Model, e ast.Expr, depth int) string {
	if e == nil || depth > maxOrigin {
		return ""
	}
	if q := m.QualifiedName(e); q != "" {
		return q
	}
	switch e := e.(type) {
	case *ast.Attribute:
		return origin(m, e.Value, depth+1)
	case *ast.Call:
		return origin(m, e.Func, depth+1)
	case *ast.Subscript:
		return origin(m, e.Value, depth+1)
	case *ast.Await:
		return origin(m, e.Value, depth+1)
	case *ast.Name:
		for _, b := range m.Lookup(e.Id, e.Pos()) {
			switch b.Kind {
			case semantic.AssignBinding:
				if b.Value != nil && !(b.Value.Pos() <= e.Pos() && e.Pos() < b.Value.End()) {
					if q := origin(m, b.Value, depth+1); q != "" {
						return q
					}
				}
			case semantic.ParameterBinding:
				if a, ok := b.Node.(*ast.Arg); ok && a.Annotation != nil {
					if q := origin(m, a.Annotation, depth+1); q != "" {
						return q
					}
				}
			}
		}
	}
	return ""
}

// Has reports whether a qualified name belongs to the area.
func (a Area) Has(name string) bool {
	for _, m := range a.Modules {
		if matches(name, m) {
			return true
		}
	}
	return false
}

// inAnyArea reports whether a name belongs to some area.
func inAnyArea(name string) bool {
	for _, a := range Areas() {
		if a.Has(name) {
			return true
		}
	}
	return false
}

// matches reports whether a qualified name falls under a module prefix;
// a prefix ending in * matches any name that starts with the rest
// ("os.exec*" matches os.execv).
func matches(name, prefix string) bool {
	if p, ok := strings.CutSuffix(prefix, "*"); ok {
		return strings.HasPrefix(name, p)
	}
	return name == prefix || strings.HasPrefix(name, prefix) && name[len(prefix)] == '.'
}

// buildChecklist turns the uses found in changed code into checklist
// items, with the rules (from docs) that check each area's CWEs.
func buildChecklist(evidence []Evidence, manifests []string, docs []finding.RuleDoc) []ChecklistItem {
	var items []ChecklistItem
	for _, a := range Areas() {
		var ev []Evidence
		for _, e := range evidence {
			if a.Has(e.Name) {
				ev = append(ev, e)
			}
		}
		if len(ev) == 0 {
			continue
		}
		items = append(items, newItem(a, dedupe(ev), docs))
	}
	if len(manifests) > 0 {
		var ev []Evidence
		for _, m := range manifests {
			ev = append(ev, Evidence{Path: m, Name: "dependency manifest"})
		}
		items = append(items, newItem(manifestArea, ev, docs))
	}
	return items
}

func newItem(a Area, ev []Evidence, docs []finding.RuleDoc) ChecklistItem {
	it := ChecklistItem{Area: a, Evidence: ev}
	for _, d := range docs {
		if slices.ContainsFunc(d.CWE, func(c int) bool { return slices.Contains(a.CWEs, c) }) {
			it.Rules = append(it.Rules, d.ID)
			for _, g := range d.Guide {
				if !slices.Contains(it.Guide, g) {
					it.Guide = append(it.Guide, g)
				}
			}
		}
	}
	slices.Sort(it.Guide)
	return it
}

// dedupe keeps one use per file and line (the first found, which is the
// outermost expression: flask.request.args.get rather than flask.request),
// in path and line order.
func dedupe(ev []Evidence) []Evidence {
	slices.SortStableFunc(ev, func(a, b Evidence) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	type key struct {
		path string
		line int
	}
	seen := map[key]bool{}
	out := ev[:0]
	for _, e := range ev {
		k := key{e.Path, e.Line}
		if e.Line == 0 || !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}
