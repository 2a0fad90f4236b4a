package framework

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Values Django accepts, from django/core/checks/security/base.py.
var (
	referrerPolicies = map[string]bool{"no-referrer": true, "no-referrer-when-downgrade": true, "origin": true,
		"origin-when-cross-origin": true, "same-origin": true, "strict-origin": true,
		"strict-origin-when-cross-origin": true, "unsafe-url": true}
	openerPolicies = map[string]bool{"same-origin": true, "same-origin-allow-popups": true, "unsafe-none": true}
)

const securityMiddleware = "django.middleware.security.SecurityMiddleware"

// securityMiddlewareOff says whether MIDDLEWARE is a readable list without
// SecurityMiddleware: the header settings then have no effect, and SG705
// already reports the missing middleware.
func securityMiddlewareOff(d deployed) bool {
	s := d.Values["MIDDLEWARE"]
	if s == nil || (len(s.Items) == 0 && !isSeq(s.Value)) {
		return false
	}
	return !hasItem(s, securityMiddleware)
}

// hstsOn says whether SECURE_HSTS_SECONDS is known to be non-zero.
func hstsOn(d deployed) bool {
	t, known := truthy(d.Values["SECURE_HSTS_SECONDS"])
	return known && t
}

// policyValues splits a policy setting (a comma-separated string, or a
// list or tuple of strings) into its values; ok is false when any part is
// not a constant.
func policyValues(s *setting) (vals []string, isNone, ok bool) {
	if s == nil || s.Value == nil {
		return nil, false, false
	}
	m := s.Unit.Model()
	if v, known := m.ConstValue(s.Value); known {
		switch v.Kind {
		case semantic.NoneValue:
			return nil, true, true
		case semantic.StrValue:
			for _, part := range strings.Split(v.Str, ",") {
				vals = append(vals, strings.TrimSpace(part))
			}
			return vals, false, true
		}
		return nil, false, false
	}
	if !isSeq(s.Value) {
		return nil, false, false
	}
	for _, it := range s.Items {
		v, known := constStr(s, it)
		if !known {
			return nil, false, false
		}
		vals = append(vals, strings.TrimSpace(v))
	}
	return vals, false, true
}

var deployChecks = []settingCheck{
	{djangoDoc("SG724", "django-hsts-subdomains-off", []int{319}, finding.Low,
		"HSTS is on but SECURE_HSTS_INCLUDE_SUBDOMAINS is not True",
		"Without includeSubDomains the HSTS header protects only the exact host. A subdomain reached over plain HTTP can be spoofed by an attacker on the network and used to set or read cookies scoped to the parent domain.",
		settingsHead+"SECURE_HSTS_SECONDS = 31536000\n", settingsHead+"SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n",
		"Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain is served over HTTPS.", "django.W005"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			if !hstsOn(d) || securityMiddlewareOff(d) {
				return
			}
			requireTrue(d, "SECURE_HSTS_INCLUDE_SUBDOMAINS", "the HSTS header does not cover subdomains", report)
		}},
	{djangoDoc("SG725", "django-hsts-preload-off", []int{319}, finding.Low,
		"HSTS is on but SECURE_HSTS_PRELOAD is not True",
		"HSTS only protects a browser after its first visit over HTTPS. Without the preload directive the site cannot join the browsers' preload list, so that first request may still go out over plain HTTP and be intercepted.",
		settingsHead+"SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n", settingsHead+"SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n",
		"Set SECURE_HSTS_PRELOAD = True and submit the domain to the preload list (hstspreload.org) when the whole domain is HTTPS-only.", "django.W021"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			if !hstsOn(d) || securityMiddlewareOff(d) {
				return
			}
			requireTrue(d, "SECURE_HSTS_PRELOAD", "the site cannot be preloaded into browsers' HSTS lists", report)
		}},
	{djangoDoc("SG726", "django-content-type-nosniff-off", []int{693}, finding.Low,
		"SECURE_CONTENT_TYPE_NOSNIFF set to False",
		"Without the X-Content-Type-Options: nosniff header browsers may guess a response's type from its content, so an uploaded text or image file that contains markup or script can be run as HTML or JavaScript. Django sends the header by default since 3.0; this rule reports a setting that turns it off (a missing setting takes the default and is not reported).",
		settingsHead+"SECURE_CONTENT_TYPE_NOSNIFF = False\n", settingsHead+"SECURE_CONTENT_TYPE_NOSNIFF = True\n",
		"Remove the setting (the default is True) or set it to True.", "django.W006"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["SECURE_CONTENT_TYPE_NOSNIFF"]
			if s == nil || securityMiddlewareOff(d) {
				return
			}
			if t, known := truthy(s); known && !t {
				report(s.Unit, s.Node, "SECURE_CONTENT_TYPE_NOSNIFF is False"+envNote(s)+": browsers may sniff responses into HTML or script")
			}
		}},
	{djangoDoc("SG727", "django-referrer-policy", []int{200}, finding.Low,
		"SECURE_REFERRER_POLICY is None, leaks full URLs cross-origin, or is not a valid policy",
		"The Referer header carries the full URL of the page a request came from, including paths and query strings that may hold tokens or personal data. Django sends same-origin by default since 3.1; None sends no policy header at all, and unsafe-url or no-referrer-when-downgrade hand full URLs to other sites.",
		settingsHead+"SECURE_REFERRER_POLICY = None\n", settingsHead+"SECURE_REFERRER_POLICY = \"strict-origin-when-cross-origin\"\n",
		"Keep the default (same-origin) or choose strict-origin-when-cross-origin or no-referrer.", "django.W022", "django.E023"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["SECURE_REFERRER_POLICY"]
			if s == nil || securityMiddlewareOff(d) {
				return
			}
			vals, isNone, ok := policyValues(s)
			switch {
			case !ok:
				return
			case isNone:
				report(s.Unit, s.Node, "SECURE_REFERRER_POLICY is None"+envNote(s)+": no Referrer-Policy header is sent")
				return
			}
			for _, v := range vals {
				switch {
				case !referrerPolicies[v]:
					report(s.Unit, s.Node, fmt.Sprintf("SECURE_REFERRER_POLICY has the invalid value %q%s", v, envNote(s)))
				case v == "unsafe-url" || v == "no-referrer-when-downgrade":
					report(s.Unit, s.Node, fmt.Sprintf("SECURE_REFERRER_POLICY %q%s sends full URLs to other sites", v, envNote(s)))
				}
			}
		}},
	{djangoDoc("SG728", "django-cross-origin-opener-policy", []int{1021}, finding.Low,
		"SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid policy",
		"The Cross-Origin-Opener-Policy header keeps cross-origin windows that the site opens, or that open it, out of its browsing context group, which blocks cross-window attacks and side channels. An invalid value makes Django refuse the configuration (security.E024), so the deployment either fails its checks or runs without the header it was meant to send.",
		settingsHead+"SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-site\"\n", settingsHead+"SECURE_CROSS_ORIGIN_OPENER_POLICY = \"same-origin\"\n",
		"Use same-origin (the default since Django 4.0), or same-origin-allow-popups where the site opens third-party popups it must talk to.", "django.E024"),
		func(d deployed, report func(*analysis.Unit, ast.Node, string)) {
			s := d.Values["SECURE_CROSS_ORIGIN_OPENER_POLICY"]
			if s == nil || securityMiddlewareOff(d) {
				return
			}
			if v, ok := constStr(s, s.Value); ok && !openerPolicies[v] {
				report(s.Unit, s.Node, fmt.Sprintf("SECURE_CROSS_ORIGIN_OPENER_POLICY has the invalid value %q%s", v, envNote(s)))
			}
		}},
	{djangoDatabaseDoc(), checkDatabasePasswords},
}

func djangoDatabaseDoc() finding.RuleDoc {
	d := djangoDoc("SG729", "django-database-password-in-code", []int{798, 259}, finding.High,
		"DATABASES password written in the deployed settings",
		"A database password in the settings file is in every clone of the repository, every backup and every CI log that prints the settings. Whoever reads it can connect to the database directly, around the application's access checks.",
		settingsHead+"DATABASES = {\n    \"default\": {\n        \"ENGINE\": \"django.db.backends.postgresql\",\n        \"NAME\": \"shop\",\n        \"USER\": \"shop\",\n        \"PASSWORD\": \"Winter2024!\",\n    }\n}\n",
		settingsHead+"import os\n\nDATABASES = {\n    \"default\": {\n        \"ENGINE\": \"django.db.backends.postgresql\",\n        \"NAME\": \"shop\",\n        \"USER\": \"shop\",\n        \"PASSWORD\": os.environ[\"DB_PASSWORD\"],\n    }\n}\n",
		"Read the password from the environment or a secret manager (os.environ, django-environ's env.db()), without a literal default, and rotate the committed one.")
	d.References = append(d.References, "https://docs.djangoproject.com/en/stable/ref/settings/#databases", "https://cwe.mitre.org/data/definitions/798.html")
	d.Tags = append(d.Tags, "secrets")
	return d
}

// checkDatabasePasswords reports literal PASSWORD entries of DATABASES and
// database URLs with a password (dj-database-url, django-environ defaults),
// unless a later DATABASES[alias]["PASSWORD"] = ... replaces them.
func checkDatabasePasswords(d deployed, report func(*analysis.Unit, ast.Node, string)) {
	s := d.Values["DATABASES"]
	if s == nil || s.Value == nil {
		return
	}
	judge := func(u *analysis.Unit, v ast.Expr) {
		m := u.Model()
		if def, env := envDefault(m, v); env {
			if pw, ok := analysis.ConstString(m, def); ok && pw != "" {
				report(u, v, "the database password's default is written in the settings (used when the environment variable is not set)")
			}
			return
		}
		if pw, ok := analysis.ConstString(m, v); ok && pw != "" {
			report(u, v, "the database password is written in the settings")
		}
	}
	replaced := map[string]bool{}
	for _, st := range s.Stores {
		if len(st.Keys) == 2 && st.Keys[1] == "PASSWORD" {
			replaced[st.Keys[0]] = true
		}
		if len(st.Keys) == 1 {
			replaced[st.Keys[0]] = true
		}
	}
	m := s.Unit.Model()
	if top, ok := s.Value.(*ast.Dict); ok {
		for i, k := range top.Keys {
			alias, ok := analysis.ConstString(m, k)
			if !ok || replaced[alias] {
				continue
			}
			if inner, ok := top.Values[i].(*ast.Dict); ok {
				for j, ik := range inner.Keys {
					if key, ok := analysis.ConstString(m, ik); ok && key == "PASSWORD" {
						judge(s.Unit, inner.Values[j])
					}
				}
			}
			reportURLPasswords(s, top.Values[i], report)
		}
	} else {
		reportURLPasswords(s, s.Value, report)
	}
	for _, st := range s.Stores {
		if len(st.Keys) == 2 && st.Keys[1] == "PASSWORD" {
			judge(st.Unit, st.Value)
		}
	}
}

// reportURLPasswords reports string constants in e that are URLs with a
// password, such as dj_database_url.parse("postgres://u:pw@host/db").
func reportURLPasswords(s *setting, e ast.Expr, report func(*analysis.Unit, ast.Node, string)) {
	ast.Inspect(e, func(n ast.Node) bool {
		if c, ok := n.(*ast.Constant); ok && c.Kind == ast.StrConst && urlHasPassword(c.Str) {
			report(s.Unit, c, "the database URL carries a password"+envNote(s))
		}
		return true
	})
}

// urlHasPassword says whether s is a URL with user:password@ credentials.
func urlHasPassword(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	rest := s[i+3:]
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return false
	}
	if slash := strings.IndexByte(rest, '/'); slash >= 0 && slash < at {
		return false
	}
	colon := strings.IndexByte(rest[:at], ':')
	return colon >= 0 && colon < at-1
}
