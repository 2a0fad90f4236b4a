package framework

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"sync"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// deployed is one settings module as a deployment ends with it.
type deployed struct {
	Unit   *analysis.Unit
	Values map[string]*setting
}

// djangoProject finds and evaluates the deployed settings once per scan.
type djangoProject struct {
	mu     sync.Mutex
	units  []*analysis.Unit
	result []deployed
}

func (d *djangoProject) get(units []*analysis.Unit) []deployed {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.units != nil && len(d.units) == len(units) && (len(units) == 0 || &d.units[0] == &units[0]) {
		return d.result
	}
	d.units = units
	d.result = deployedSettings(units)
	return d.result
}

// deployedSettings picks the settings modules a deployment uses: the ones
// DJANGO_SETTINGS_MODULE names in manage.py/wsgi.py/asgi.py, else the
// production-looking ones, else every settings module no other one
// star-imports; development, local and test modules are left out.
func deployedSettings(units []*analysis.Unit) []deployed {
	ev := newEvaluator(units)
	var settings []*analysis.Unit
	for _, u := range units {
		if isSettingsUnit(u) {
			settings = append(settings, u)
		}
	}
	if len(settings) == 0 {
		return nil
	}
	for _, u := range settings {
		ev.eval(u)
	}
	var named []*analysis.Unit
	seen := map[*analysis.Unit]bool{}
	for _, u := range units {
		if !u.Mentions("DJANGO_SETTINGS_MODULE") {
			continue
		}
		for _, cs := range u.Calls() {
			if cs.Name != "os.environ.setdefault" || len(cs.Call.Args) != 2 {
				continue
			}
			if k, ok := analysis.ConstString(u.Model(), cs.Call.Args[0]); !ok || k != "DJANGO_SETTINGS_MODULE" {
				continue
			}
			if mod, ok := analysis.ConstString(u.Model(), cs.Call.Args[1]); ok {
				if su := ev.findUnit(mod); su != nil && !seen[su] && !isDevPath(su.Path) {
					seen[su] = true
					named = append(named, su)
				}
			}
		}
	}
	chosen := named
	if len(chosen) == 0 {
		for _, u := range settings {
			base := strings.TrimSuffix(u.Path[strings.LastIndexByte(u.Path, '/')+1:], ".py")
			if base == "prod" || base == "production" || strings.HasSuffix(base, "_prod") || strings.HasSuffix(base, "_production") {
				chosen = append(chosen, u)
			}
		}
	}
	if len(chosen) == 0 {
		for _, u := range settings {
			if !ev.done[u.Module].imported && !isDevPath(u.Path) {
				chosen = append(chosen, u)
			}
		}
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].Path < chosen[j].Path })
	var out []deployed
	for _, u := range chosen {
		out = append(out, deployed{Unit: u, Values: ev.eval(u).Values})
	}
	return out
}

// settingCheck is one Django settings rule.
type settingCheck struct {
	doc   finding.RuleDoc
	check func(d deployed, report func(u *analysis.Unit, n ast.Node, msg string))
}

// report helpers -----------------------------------------------------------

func truthy(s *setting) (bool, bool) {
	if s == nil || s.Value == nil {
		return false, false
	}
	v, ok := s.Unit.Model().ConstValue(s.Value)
	if !ok {
		return false, false
	}
	return v.Truthy(), true
}

func constStr(s *setting, e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	v, ok := s.Unit.Model().ConstValue(e)
	if !ok || v.Kind != semantic.StrValue {
		return "", false
	}
	return v.Str, true
}

// where is the node to point at: the setting, or the module's first
// statement when it is missing.
func where(d deployed, s *setting) (*analysis.Unit, ast.Node) {
	if s != nil {
		return s.Unit, s.Node
	}
	// The first statement after the leading imports and docstring: a
	// blanket "# noqa" on `from .base import *` must not hide the finding.
	body := d.Unit.Parse().Module.Body
	for _, st := range body {
		switch s := st.(type) {
		case *ast.Import, *ast.ImportFrom:
			continue
		case *ast.ExprStmt:
			if c, ok := s.Value.(*ast.Constant); ok && c.Kind == ast.StrConst {
				continue
			}
		}
		return d.Unit, st
	}
	if len(body) > 0 {
		return d.Unit, body[0]
	}
	return d.Unit, d.Unit.Parse().Module
}

func envNote(s *setting) string {
	if s != nil && s.FromEnv {
		return " (the default used when the environment variable is not set)"
	}
	if s != nil && s.Maybe {
		return " (in one branch of an if)"
	}
	return ""
}

func requireTrue(d deployed, name, msg string, report func(*analysis.Unit, ast.Node, string)) {
	s := d.Values[name]
	if t, known := truthy(s); known && t && (s == nil || !s.FromEnv) {
		return
	} else if s != nil && s.Value != nil && !known && !s.FromEnv {
		return // computed: not judged
	} else if s != nil && s.FromEnv && known && t {
		return
	}
	u, n := where(d, s)
	if s == nil {
		report(u, n, fmt.Sprintf("%s is not set in the deployed settings (%s); %s", name, d.Unit.Path, msg))
		return
	}
	report(u, n, fmt.Sprintf("%s is not True%s; %s", name, envNote(s), msg))
}

func hasItem(s *setting, want string) bool {
	if s == nil {
		return false
	}
	for _, it := range s.Items {
		if v, ok := constStr(s, it); ok && v == want {
			return true
		}
	}
	return false
}

func djangoDoc(id, name string, cwe []int, sev finding.Severity, summary, why, vuln, secure, fix string, aliases ...string) finding.RuleDoc {
	return finding.RuleDoc{ID: id, Name: name, CWE: cwe, Severity: sev, Confidence: finding.MediumConfidence,
		Summary: summary, Why: why, Vulnerable: vuln, Secure: secure, Fix: fix, Aliases: aliases,
		References: []string{"https://docs.djangoproject.com/en/stable/howto/deployment/checklist/", "https://docs.djangoproject.com/en/stable/ref/checks/#security"},
		Tags:       []string{"django", "configuration"}}
}

// withGuide adds OpenSSF Secure Coding Guide ids to a rule's documentation.
func withGuide(d finding.RuleDoc, ids ...string) finding.RuleDoc {
	d.Guide = ids
	return d
}

const settingsHead = "# settings.py\nINSTALLED_APPS = [\"django.contrib.auth\"]\nALLOWED_HOSTS = [\"shop.example.com\"]\n"

var settingChecks = []settingCheck{
	{withGuide(djangoDoc("SG702", "django-debug-true", []int{489, 215}, finding.High,
		"Django's deployed settings end with DEBUG = True",
		"With DEBUG on, every error page shows settings, environment, local variables and SQL, and Django keeps every query in memory. Deployed, it hands attackers a map of the application and its secrets.",
		settingsHead+"DEBUG = True\n", settingsHead+"import os\n\nDEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"1\"\n",
		"Set DEBUG from the environment, defaulting to False, and keep DEBUG = True only in development settings.", "django.W018"), "pyscg-0021", "pyscg-0050"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["DEBUG"]
			if t, known := truthy(s); known && t {
				report(s.Unit, s.Node, "DEBUG is True"+envNote(s)+"; error pages expose settings, code and data")
			}
		}},
	{djangoDoc("SG705", "django-security-middleware-missing", []int{693}, finding.Medium,
		"SecurityMiddleware, CsrfViewMiddleware or XFrameOptionsMiddleware missing from MIDDLEWARE",
		"These middleware classes enforce HTTPS redirects and security headers, CSRF protection for every POST form, and clickjacking protection. Without them each view must do it itself, and most will not.",
		settingsHead+"MIDDLEWARE = [\"django.contrib.sessions.middleware.SessionMiddleware\"]\n",
		settingsHead+"MIDDLEWARE = [\n    \"django.middleware.security.SecurityMiddleware\",\n    \"django.contrib.sessions.middleware.SessionMiddleware\",\n    \"django.middleware.csrf.CsrfViewMiddleware\",\n    \"django.middleware.clickjacking.XFrameOptionsMiddleware\",\n]\n",
		"Keep django.middleware.security.SecurityMiddleware, django.middleware.csrf.CsrfViewMiddleware and django.middleware.clickjacking.XFrameOptionsMiddleware in MIDDLEWARE.", "django.W001", "django.W002", "django.W003"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["MIDDLEWARE"]
			if s == nil || (len(s.Items) == 0 && !isSeq(s.Value)) {
				return // not a list we can read
			}
			for _, mw := range []string{"django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"} {
				if !hasItem(s, mw) {
					report(s.Unit, s.Node, mw+" is not in MIDDLEWARE")
				}
			}
		}},
	{djangoDoc("SG706", "django-hsts-missing", []int{319}, finding.Medium,
		"SECURE_HSTS_SECONDS not set: browsers may reach the site over plain HTTP",
		"Without HTTP Strict Transport Security a browser that types the bare domain or follows an http:// link talks to the site unencrypted first, where an attacker on the network can intercept it.",
		settingsHead+"SECURE_SSL_REDIRECT = True\n", settingsHead+"SECURE_SSL_REDIRECT = True\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n",
		"Set SECURE_HSTS_SECONDS (start small, then a year) and SECURE_HSTS_INCLUDE_SUBDOMAINS once every subdomain serves HTTPS.", "django.W004"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["SECURE_HSTS_SECONDS"]
			if securityMiddlewareOff(d) {
				return // the setting has no effect; SG705 reports the middleware
			}
			if t, known := truthy(s); s == nil || (known && !t) {
				u, n := where(d, s)
				report(u, n, "SECURE_HSTS_SECONDS is not set (or 0): browsers are not told to use HTTPS only")
			}
		}},
	{djangoDoc("SG707", "django-ssl-redirect-off", []int{319}, finding.Medium,
		"SECURE_SSL_REDIRECT is not True",
		"Requests that arrive over HTTP are served over HTTP, cookies and form data included.",
		settingsHead+"SECURE_SSL_REDIRECT = False\n", settingsHead+"SECURE_SSL_REDIRECT = True\n",
		"Set SECURE_SSL_REDIRECT = True (or redirect at the load balancer and say so with a suppression).", "django.W008"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			if !securityMiddlewareOff(d) {
				requireTrue(d, "SECURE_SSL_REDIRECT", "HTTP requests are not redirected to HTTPS", report)
			}
		}},
	{djangoDoc("SG708", "django-insecure-cookies", []int{614, 1004}, finding.Medium,
		"session or CSRF cookie without the Secure flag, or session cookie readable by scripts",
		"Without Secure the browser sends the session and CSRF cookies over plain HTTP too, where they can be captured; without HttpOnly any injected script can read the session cookie.",
		settingsHead+"SESSION_COOKIE_SECURE = False\n", settingsHead+"SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n",
		"Set SESSION_COOKIE_SECURE = True and CSRF_COOKIE_SECURE = True (not needed with CSRF_USE_SESSIONS = True, which keeps the token in the session), and keep SESSION_COOKIE_HTTPONLY at its default True.", "django.W010", "django.W012", "django.W013", "django.W016"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			// As Django's checks: session cookies matter when the sessions app
			// or middleware is in use, the CSRF cookie when CsrfViewMiddleware
			// is (and the token is not kept in the session).
			apps, mw := d.Values["INSTALLED_APPS"], d.Values["MIDDLEWARE"]
			if !(readableList(apps) && readableList(mw) && !hasItem(apps, "django.contrib.sessions") &&
				!hasItem(mw, "django.contrib.sessions.middleware.SessionMiddleware")) {
				requireTrue(d, "SESSION_COOKIE_SECURE", "the session cookie is also sent over HTTP", report)
			}
			if t, known := truthy(d.Values["CSRF_USE_SESSIONS"]); (!known || !t) && !(readableList(mw) && !hasItem(mw, "django.middleware.csrf.CsrfViewMiddleware")) {
				requireTrue(d, "CSRF_COOKIE_SECURE", "the CSRF cookie is also sent over HTTP", report)
			}
			if s := d.Values["SESSION_COOKIE_HTTPONLY"]; s != nil {
				if t, known := truthy(s); known && !t {
					report(s.Unit, s.Node, "SESSION_COOKIE_HTTPONLY is False: scripts can read the session cookie")
				}
			}
		}},
	{djangoDoc("SG709", "django-allowed-hosts", []int{183}, finding.Medium,
		"ALLOWED_HOSTS accepts any host ('*') or is empty",
		"ALLOWED_HOSTS protects against Host header attacks: with '*' a forged Host header flows into password reset links and absolute URLs, poisoning caches and emails.",
		"# settings.py\nINSTALLED_APPS = [\"django.contrib.auth\"]\nALLOWED_HOSTS = [\"*\"]\n", settingsHead,
		"List the host names the site serves.", "django.W020"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["ALLOWED_HOSTS"]
			if s == nil || s.Value == nil {
				return
			}
			if isSeq(s.Value) && len(s.Items) == 0 && !s.FromEnv {
				report(s.Unit, s.Node, "ALLOWED_HOSTS is empty")
				return
			}
			for _, it := range s.Items {
				if v, ok := constStr(s, it); ok && v == "*" {
					report(s.Unit, s.Node, "ALLOWED_HOSTS contains '*'"+envNote(s)+": any Host header is accepted")
					return
				}
			}
		}},
	{djangoDoc("SG710", "django-weak-secret-key", []int{1391}, finding.High,
		"SECRET_KEY (or a SECRET_KEY_FALLBACKS entry) is Django's insecure development key, short or low in entropy",
		"A short or generated-for-development key can be guessed or is public; with it sessions, password reset tokens and signed data can be forged.",
		settingsHead+"SECRET_KEY = \"django-insecure-3q7+x!z\"\n", settingsHead+"import os\n\nSECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\n",
		"Generate a key with django.core.management.utils.get_random_secret_key() (50 characters) and load it from the environment; keep only strong keys in SECRET_KEY_FALLBACKS and drop them once rotated.", "django.W009", "django.W025"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["SECRET_KEY"]
			if s != nil && s.Value != nil {
				if v, ok := constStr(s, s.Value); ok {
					if msg := weakSecretKey(v); msg != "" {
						report(s.Unit, s.Node, "SECRET_KEY "+msg+envNote(s))
					}
				}
			}
			// security.W025: every key in SECRET_KEY_FALLBACKS still verifies signatures.
			if f := d.Values["SECRET_KEY_FALLBACKS"]; f != nil {
				for i, it := range f.Items {
					if v, ok := constStr(f, it); ok {
						if msg := weakSecretKey(v); msg != "" {
							report(f.Unit, it, fmt.Sprintf("SECRET_KEY_FALLBACKS[%d] %s%s", i, msg, envNote(f)))
						}
					}
				}
			}
		}},
	{djangoDoc("SG711", "django-weak-password-hasher", []int{916, 328}, finding.High,
		"PASSWORD_HASHERS prefers MD5, SHA-1, unsalted or crypt hashing",
		"The first hasher in PASSWORD_HASHERS hashes every new password. Fast or unsalted hashes let a stolen user table be cracked in hours.",
		settingsHead+"PASSWORD_HASHERS = [\"django.contrib.auth.hashers.MD5PasswordHasher\"]\n", settingsHead+"PASSWORD_HASHERS = [\"django.contrib.auth.hashers.Argon2PasswordHasher\", \"django.contrib.auth.hashers.PBKDF2PasswordHasher\"]\n",
		"Put Argon2PasswordHasher, ScryptPasswordHasher or PBKDF2PasswordHasher first; keep weak ones only later in the list, for migration."),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["PASSWORD_HASHERS"]
			if s == nil || len(s.Items) == 0 {
				return
			}
			if v, ok := constStr(s, s.Items[0]); ok {
				for _, weak := range []string{"MD5PasswordHasher", "SHA1PasswordHasher", "UnsaltedMD5PasswordHasher", "UnsaltedSHA1PasswordHasher", "CryptPasswordHasher"} {
					if strings.HasSuffix(v, "."+weak) {
						report(s.Unit, s.Node, weak+" hashes new passwords; use Argon2, scrypt or PBKDF2")
					}
				}
			}
		}},
	{djangoDoc("SG712", "django-no-password-validators", []int{521}, finding.Low,
		"AUTH_PASSWORD_VALIDATORS empty: any password is accepted",
		"Without validators users may choose '123456' or their user name; credential stuffing and guessing then succeed.",
		settingsHead+"AUTH_PASSWORD_VALIDATORS = []\n", settingsHead+"AUTH_PASSWORD_VALIDATORS = [\n    {\"NAME\": \"django.contrib.auth.password_validation.MinimumLengthValidator\"},\n    {\"NAME\": \"django.contrib.auth.password_validation.CommonPasswordValidator\"},\n]\n",
		"Enable at least MinimumLengthValidator, CommonPasswordValidator and UserAttributeSimilarityValidator."),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["AUTH_PASSWORD_VALIDATORS"]
			if s != nil && isSeq(s.Value) && len(s.Items) == 0 {
				report(s.Unit, s.Node, "AUTH_PASSWORD_VALIDATORS is empty: any password is accepted")
			}
		}},
	{djangoDoc("SG713", "django-cors-allow-all", []int{942}, finding.High,
		"django-cors-headers allows every origin",
		"CORS_ALLOW_ALL_ORIGINS lets any website read the API's responses from a visitor's browser; with credentials allowed it reads them as the logged-in user.",
		settingsHead+"CORS_ALLOW_ALL_ORIGINS = True\n", settingsHead+"CORS_ALLOWED_ORIGINS = [\"https://app.example.com\"]\n",
		"List the allowed origins in CORS_ALLOWED_ORIGINS."),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			for _, name := range []string{"CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"} {
				if s := d.Values[name]; s != nil {
					if t, known := truthy(s); known && t {
						msg := name + " is True" + envNote(s) + ": every website may read the API's responses"
						if c := d.Values["CORS_ALLOW_CREDENTIALS"]; c != nil {
							if ct, ok := truthy(c); ok && ct {
								msg += ", with the user's cookies"
							}
						}
						report(s.Unit, s.Node, msg)
					}
				}
			}
		}},
	{withGuide(djangoDoc("SG714", "django-pickle-sessions", []int{502}, finding.High,
		"SESSION_SERIALIZER uses pickle",
		"With PickleSerializer anyone who learns or guesses SECRET_KEY can sign a session that runs code when Django loads it.",
		settingsHead+"SESSION_SERIALIZER = \"django.contrib.sessions.serializers.PickleSerializer\"\n", settingsHead+"SESSION_SERIALIZER = \"django.contrib.sessions.serializers.JSONSerializer\"\n",
		"Use the default JSONSerializer."), "pyscg-0023"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			if s := d.Values["SESSION_SERIALIZER"]; s != nil {
				if v, ok := constStr(s, s.Value); ok && strings.HasSuffix(v, "PickleSerializer") {
					report(s.Unit, s.Node, "sessions are unpickled: a forged session cookie runs code")
				}
			}
		}},
	{djangoDoc("SG715", "django-x-frame-options", []int{1021}, finding.Low,
		"X_FRAME_OPTIONS is not DENY",
		"Pages that other sites may frame can be overlaid for clickjacking; Django's default DENY is the safe setting.",
		settingsHead+"X_FRAME_OPTIONS = \"ALLOWALL\"\n", settingsHead+"X_FRAME_OPTIONS = \"DENY\"\n",
		"Keep X_FRAME_OPTIONS = \"DENY\" (or SAMEORIGIN where the site frames itself).", "django.W019"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			if s := d.Values["X_FRAME_OPTIONS"]; s != nil {
				if v, ok := constStr(s, s.Value); ok && v != "DENY" && v != "SAMEORIGIN" {
					report(s.Unit, s.Node, fmt.Sprintf("X_FRAME_OPTIONS is %q: other sites may frame the pages", v))
				}
			}
		}},
}

// djangoRules returns the settings rules sharing one evaluation per scan.
func djangoRules() []*analysis.Rule {
	proj := &djangoProject{}
	var out []*analysis.Rule
	for _, sc := range append(append([]settingCheck(nil), settingChecks...), deployChecks...) {
		sc := sc
		out = append(out, &analysis.Rule{Doc: sc.doc, Keeps: keepsWebUnit, RunProject: func(p *analysis.ProjectPass) {
			seen := map[string]bool{}
			for _, d := range settingVariants(proj.get(p.Units)) {
				sc.check(d, func(u *analysis.Unit, n ast.Node, msg string) {
					key := fmt.Sprintf("%s:%d:%s", u.Path, n.Pos(), msg)
					if seen[key] {
						return
					}
					seen[key] = true
					p.Report(u, n, msg)
				})
			}
		}})
	}
	return out
}

// settingVariants returns each deployed settings module as it ends, and
// once more for every value an if branch may give a setting instead.
func settingVariants(ds []deployed) []deployed {
	var out []deployed
	for _, d := range ds {
		out = append(out, d)
		keys := make([]string, 0, len(d.Values))
		for k := range d.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			for _, alt := range d.Values[k].Alts {
				vals := maps.Clone(d.Values)
				a := *alt
				a.Alts = nil
				vals[k] = &a
				out = append(out, deployed{Unit: d.Unit, Values: vals})
			}
		}
	}
	return out
}

// CSRFExempt finds views that switch off CSRF protection.
var CSRFExempt = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG716", Name: "django-csrf-exempt", CWE: []int{352},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "view exempted from CSRF protection with csrf_exempt (as a decorator, through method_decorator or by wrapping it)",
		Why: "csrf_exempt removes Django's check that a state-changing request comes from the site's own pages; " +
			"any website can then make a logged-in user's browser submit it.",
		Vulnerable: "from django.views.decorators.csrf import csrf_exempt\nfrom django.http import JsonResponse\n\n@csrf_exempt\ndef transfer(request):\n    return JsonResponse({\"ok\": True})\n",
		Secure:     "from django.http import JsonResponse\nfrom django.views.decorators.http import require_POST\n\n@require_POST\ndef transfer(request):\n    return JsonResponse({\"ok\": True})\n",
		Fix:        "Remove csrf_exempt; for APIs called by other services use token authentication that is not sent automatically by browsers.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/csrf/", "https://cwe.mitre.org/data/definitions/352.html"},
		Tags:       []string{"django", "csrf"},
	},
	// Every use counts: @csrf_exempt, method_decorator(csrf_exempt) on a
	// class-based view, and csrf_exempt(view) in a URL configuration.
	Run: func(p *analysis.Pass) {
		const exempt = "django.views.decorators.csrf.csrf_exempt"
		if !p.Unit.ImportsUnder("django") {
			return
		}
		m := p.Unit.Model()
		decorated := map[ast.Expr]string{}
		ast.Inspect(p.Unit.Parse().Module, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FunctionDef); ok {
				for _, d := range fn.DecoratorList {
					decorated[d] = fn.Name
				}
			}
			e, ok := n.(ast.Expr)
			if !ok {
				return true
			}
			switch e.(type) {
			case *ast.Name, *ast.Attribute:
			default:
				return true
			}
			if m.QualifiedName(e) != exempt {
				return true
			}
			if name, ok := decorated[e]; ok {
				p.Reportf(e, "@csrf_exempt turns off CSRF protection for %s", name)
			} else {
				p.Report(e, "csrf_exempt turns off CSRF protection for the view it wraps")
			}
			return false
		})
	},
}

// weakSecretKey says what is wrong with a signing key by Django's own
// measure (50 characters, 5 distinct, not a django-insecure key), or "".
func weakSecretKey(v string) string {
	uniq := map[rune]bool{}
	for _, r := range v {
		uniq[r] = true
	}
	switch {
	case strings.HasPrefix(v, "django-insecure"):
		return "is a django-insecure development key"
	case len(v) < 50 || len(uniq) < 5:
		return fmt.Sprintf("has %d characters (%d distinct); use 50 random characters", len(v), len(uniq))
	}
	return ""
}

// readableList says whether a list setting's items are all known strings.
func readableList(s *setting) bool {
	if s == nil || (len(s.Items) == 0 && !isSeq(s.Value)) {
		return false
	}
	for _, it := range s.Items {
		if _, ok := constStr(s, it); !ok {
			return false
		}
	}
	return true
}

func isSeq(e ast.Expr) bool {
	switch e.(type) {
	case *ast.List, *ast.Tuple:
		return true
	}
	return false
}
