package taint

import (
	"fmt"
	"sync"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// kindDoc is the documentation of the rule for one sink kind.
type kindDoc struct {
	kind Kind
	doc  finding.RuleDoc
	what string // "SQL query", used in messages
}

var kindDocs = []kindDoc{
	{SQL, finding.RuleDoc{ID: "SG601", Name: "sql-injection", CWE: []int{89}, Severity: finding.Critical, Confidence: finding.HighConfidence,
		Guide:      []string{"pyscg-0010"},
		Summary:    "untrusted input reaches an SQL query",
		Why:        "Request data that becomes part of SQL text is parsed as SQL: a crafted value reads or changes any data the database user can reach.",
		Vulnerable: "import sqlite3\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\ndef find_user(name):\n    db = sqlite3.connect(\"app.db\")\n    return db.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\").fetchall()\n\n@app.route(\"/users\")\ndef users():\n    return {\"users\": find_user(request.args[\"name\"])}\n",
		Secure:     "import sqlite3\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\ndef find_user(name):\n    db = sqlite3.connect(\"app.db\")\n    return db.execute(\"SELECT * FROM users WHERE name = ?\", (name,)).fetchall()\n\n@app.route(\"/users\")\ndef users():\n    return {\"users\": find_user(request.args[\"name\"])}\n",
		Fix:        "Pass user values as query parameters; never concatenate them into SQL text.",
		References: []string{"https://cwe.mitre.org/data/definitions/89.html"}, Aliases: []string{"SG101", "B608", "S608", "B610", "S610", "B611", "S611"}, Tags: []string{"taint", "injection", "sql"}}, "SQL query"},
	{Command, finding.RuleDoc{ID: "SG602", Name: "command-injection", CWE: []int{78}, Severity: finding.Critical, Confidence: finding.HighConfidence,
		Guide:      []string{"pyscg-0009"},
		Summary:    "untrusted input reaches an operating-system command",
		Why:        "Request data in a shell command (or chosen as the program to run) lets its sender run commands on the server.",
		Vulnerable: "import os\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/lookup\")\ndef lookup():\n    os.system(\"nslookup \" + request.args[\"host\"])\n    return \"ok\"\n",
		Secure:     "import subprocess\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/lookup\")\ndef lookup():\n    subprocess.run([\"/usr/bin/nslookup\", \"--\", request.args[\"host\"]], check=False)\n    return \"ok\"\n",
		Fix:        "Run programs with an argument list and no shell; quote with shlex.quote() if a shell is unavoidable; never let input choose the program.",
		References: []string{"https://cwe.mitre.org/data/definitions/78.html"}, Aliases: []string{"SG102", "SG103", "SG105", "SG507", "B601", "S601", "B602", "S602", "B603", "S603", "B604", "S604", "B605", "S605", "B606", "S606"}, Tags: []string{"taint", "injection", "command"}}, "OS command"},
	{Code, finding.RuleDoc{ID: "SG603", Name: "code-injection", CWE: []int{95, 94}, Severity: finding.Critical, Confidence: finding.HighConfidence,
		Summary:    "untrusted input reaches eval, exec, compile or a dynamic import",
		Why:        "Evaluating request data runs the sender's Python code in the server process.",
		Vulnerable: "from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/calc\")\ndef calc():\n    return str(eval(request.args[\"expr\"]))\n",
		Secure:     "import ast\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/calc\")\ndef calc():\n    return str(ast.literal_eval(request.args[\"expr\"]))\n",
		Fix:        "Parse data with ast.literal_eval or json; map names to functions with a dict instead of importing or evaluating them.",
		References: []string{"https://cwe.mitre.org/data/definitions/95.html"}, Aliases: []string{"SG107", "B307", "S307", "B102", "S102"}, Tags: []string{"taint", "injection", "code"}}, "code evaluation"},
	{Template, finding.RuleDoc{ID: "SG604", Name: "template-injection", CWE: []int{1336}, Severity: finding.Critical, Confidence: finding.HighConfidence,
		Guide:      []string{"pyscg-0008"},
		Summary:    "untrusted input becomes template source (server-side template injection)",
		Why:        "Template languages can reach Python objects; a user who writes template source runs code on the server.",
		Vulnerable: "from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n@app.route(\"/hi\")\ndef hi():\n    page = \"<p>Hi \" + request.args[\"name\"] + \"</p>\"\n    return render_template_string(page)\n",
		Secure:     "from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n@app.route(\"/hi\")\ndef hi():\n    return render_template_string(\"<p>Hi {{ name }}</p>\", name=request.args[\"name\"])\n",
		Fix:        "Keep template source constant and pass user data as variables.",
		References: []string{"https://cwe.mitre.org/data/definitions/1336.html"}, Aliases: []string{"SG109", "B702", "S702"}, Tags: []string{"taint", "injection", "template"}}, "template source"},
	{Path, finding.RuleDoc{ID: "SG605", Name: "path-traversal", CWE: []int{22}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input reaches a file path",
		Why:        "A path built from request data can use `../` or an absolute path to read, overwrite or delete files outside the intended directory.",
		Vulnerable: "from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/file\")\ndef file():\n    with open(\"/srv/files/\" + request.args[\"name\"]) as f:\n        return f.read()\n",
		Secure:     "from flask import Flask, request\nfrom werkzeug.utils import secure_filename\n\napp = Flask(__name__)\n\n@app.route(\"/file\")\ndef file():\n    with open(\"/srv/files/\" + secure_filename(request.args[\"name\"])) as f:\n        return f.read()\n",
		Fix:        "Reduce names to a safe file name (secure_filename, os.path.basename) or resolve the path and check it stays inside the base directory.",
		References: []string{"https://cwe.mitre.org/data/definitions/22.html"}, Tags: []string{"taint", "filesystem"}}, "file path"},
	{SSRF, finding.RuleDoc{ID: "SG606", Name: "server-side-request-forgery", CWE: []int{918}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input chooses the URL of an outgoing request",
		Why:        "The server fetches whatever the user names: internal services, cloud metadata endpoints (169.254.169.254), local files through other schemes.",
		Vulnerable: "import requests\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/preview\")\ndef preview():\n    return requests.get(request.args[\"url\"], timeout=5).text\n",
		Secure:     "import requests\nfrom flask import Flask, request\n\napp = Flask(__name__)\nFEEDS = {\"news\": \"https://news.example.com/rss\"}\n\n@app.route(\"/preview\")\ndef preview():\n    return requests.get(FEEDS[\"news\"], timeout=5).text\n",
		Fix:        "Choose destinations from an allow-list, or validate scheme, host and resolved address before fetching.",
		References: []string{"https://cwe.mitre.org/data/definitions/918.html"}, Tags: []string{"taint", "network"}}, "request URL"},
	{XSS, finding.RuleDoc{ID: "SG607", Name: "cross-site-scripting", CWE: []int{79}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "untrusted input is returned as HTML without escaping",
		Why: "Request data written into an HTML response runs as script in other users' browsers: sessions are stolen and actions taken in their name. " +
			"HTML responses include Django's HttpResponse and Flask's Response and make_response without a non-HTML content type, Markup, " +
			"and the str (or the first element of the tuple) a Flask or Bottle view returns, which is served as text/html; returned dicts and lists are JSON.",
		Vulnerable: "from django.http import HttpResponse\n\ndef greet(request):\n    return HttpResponse(\"<h1>Hello \" + request.GET[\"name\"] + \"</h1>\")\n",
		Secure:     "from django.http import HttpResponse\nfrom django.utils.html import escape\n\ndef greet(request):\n    return HttpResponse(\"<h1>Hello \" + escape(request.GET[\"name\"]) + \"</h1>\")\n",
		Fix:        "Render through templates with autoescaping, or escape with html.escape / django.utils.html.escape / format_html; markup from users goes through a sanitizer (bleach.clean, a bleach.Cleaner's clean, nh3.clean).",
		References: []string{"https://cwe.mitre.org/data/definitions/79.html"}, Aliases: []string{"SG110", "B308", "S308", "B703", "S703"}, Tags: []string{"taint", "xss"}}, "HTML response"},
	{Redirect, finding.RuleDoc{ID: "SG608", Name: "open-redirect", CWE: []int{601}, Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input chooses a redirect target",
		Why:        "A redirect to a URL from the request lets phishing links start at your trusted domain and end on an attacker's site.",
		Vulnerable: "from flask import Flask, request, redirect\n\napp = Flask(__name__)\n\n@app.route(\"/login/done\")\ndef done():\n    return redirect(request.args[\"next\"])\n",
		Secure:     "from flask import Flask, request, redirect\n\napp = Flask(__name__)\n\n@app.route(\"/login/done\")\ndef done():\n    target = request.args[\"next\"]\n    if target not in (\"/home\", \"/account\"):\n        target = \"/home\"\n    return redirect(target)\n",
		Fix:        "Redirect only to relative paths or hosts on an allow-list (Django: url_has_allowed_host_and_scheme). Request data in the query or fragment after a checked or fixed start (f\"{checked}?{params}\") cannot change the site.",
		References: []string{"https://cwe.mitre.org/data/definitions/601.html"}, Tags: []string{"taint", "web"}}, "redirect target"},
	{Deserialization, finding.RuleDoc{ID: "SG609", Name: "untrusted-deserialization", CWE: []int{502}, Severity: finding.Critical, Confidence: finding.HighConfidence,
		Guide:      []string{"pyscg-0023"},
		Summary:    "untrusted input is deserialized with pickle, marshal, jsonpickle or an unsafe YAML loader",
		Why:        "These formats run code named by the data while loading it; request data in them is remote code execution.",
		Vulnerable: "import pickle\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/restore\", methods=[\"POST\"])\ndef restore():\n    return str(pickle.loads(request.data))\n",
		Secure:     "import json\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route(\"/restore\", methods=[\"POST\"])\ndef restore():\n    return str(json.loads(request.data))\n",
		Fix:        "Accept JSON or another data-only format from clients.",
		References: []string{"https://cwe.mitre.org/data/definitions/502.html"}, Aliases: []string{"SG201", "SG203", "B301", "S301", "B506", "S506"}, Tags: []string{"taint", "deserialization"}}, "deserializer"},
	{LDAP, finding.RuleDoc{ID: "SG610", Name: "ldap-injection", CWE: []int{90}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input reaches an LDAP search filter",
		Why:        "Characters such as `*`, `(` and `)` in a filter change what it matches, for example turning a user lookup into a match-all that bypasses a password check.",
		Vulnerable: "import ldap\nfrom django.http import JsonResponse\n\ndef find(conn, request):\n    return conn.search_s(\"dc=example,dc=com\", ldap.SCOPE_SUBTREE, \"(uid=\" + request.GET[\"user\"] + \")\")\n",
		Secure:     "import ldap\nfrom django.http import JsonResponse\nfrom ldap.filter import escape_filter_chars\n\ndef find(conn, request):\n    return conn.search_s(\"dc=example,dc=com\", ldap.SCOPE_SUBTREE, \"(uid=\" + escape_filter_chars(request.GET[\"user\"]) + \")\")\n",
		Fix:        "Escape values with ldap.filter.escape_filter_chars (or ldap3's escape_filter_chars).",
		References: []string{"https://cwe.mitre.org/data/definitions/90.html"}, Tags: []string{"taint", "injection"}}, "LDAP filter"},
	{XPath, finding.RuleDoc{ID: "SG611", Name: "xpath-injection", CWE: []int{643}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input reaches an XPath expression",
		Why:        "Quotes and operators in the value change the query, exposing nodes the query was meant to hide.",
		Vulnerable: "from django.http import JsonResponse\nfrom lxml import etree\n\ndef price(doc, request):\n    return doc.xpath(\"//item[@name='\" + request.GET[\"item\"] + \"']/price/text()\")\n",
		Secure:     "from django.http import JsonResponse\nfrom lxml import etree\n\ndef price(doc, request):\n    return doc.xpath(\"//item[@name=$name]/price/text()\", name=request.GET[\"item\"])\n",
		Fix:        "Use XPath variables ($name) and pass the value as a keyword argument.",
		References: []string{"https://cwe.mitre.org/data/definitions/643.html"}, Tags: []string{"taint", "injection", "xml"}}, "XPath expression"},
	{Regex, finding.RuleDoc{ID: "SG612", Name: "regex-injection", CWE: []int{1333, 625}, Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input is compiled as a regular expression",
		Why:        "A user-supplied pattern can take exponential time to match (ReDoS) or match far more than intended.",
		Vulnerable: "import re\nfrom django.http import JsonResponse\n\ndef search(request, lines):\n    pattern = re.compile(request.GET[\"q\"])\n    return [l for l in lines if pattern.search(l)]\n",
		Secure:     "import re\nfrom django.http import JsonResponse\n\ndef search(request, lines):\n    pattern = re.compile(re.escape(request.GET[\"q\"]))\n    return [l for l in lines if pattern.search(l)]\n",
		Fix:        "Escape user text with re.escape() when it is meant literally.",
		References: []string{"https://cwe.mitre.org/data/definitions/1333.html"}, Tags: []string{"taint", "availability"}}, "regular expression"},
	{Reflection, finding.RuleDoc{ID: "SG613", Name: "unsafe-reflection", CWE: []int{470}, Severity: finding.Medium, Confidence: finding.LowConfidence,
		Summary:    "untrusted input chooses an attribute or method by name",
		Why:        "getattr with a name from the request lets the caller reach any attribute, including private methods and dunder attributes.",
		Vulnerable: "from django.http import JsonResponse\n\ndef dispatch(handler, request):\n    return getattr(handler, request.GET[\"action\"])()\n",
		Secure:     "from django.http import JsonResponse\n\nACTIONS = {\"list\", \"show\"}\n\ndef dispatch(handler, request):\n    action = request.GET[\"action\"]\n    if action not in ACTIONS:\n        raise ValueError(\"unknown action\")\n    return getattr(handler, action)()\n",
		Fix:        "Check the name against an allow-list before looking it up.",
		References: []string{"https://cwe.mitre.org/data/definitions/470.html"}, Tags: []string{"taint"}}, "attribute lookup"},
	{Log, finding.RuleDoc{ID: "SG614", Name: "log-injection", CWE: []int{117}, Severity: finding.Low, Confidence: finding.MediumConfidence,
		Guide:      []string{"pyscg-0022"},
		Summary:    "untrusted input is written into a log message",
		Why:        "Newlines and control characters in logged request data let the sender forge log entries, hide their traces, or attack the tools that read the logs.",
		Vulnerable: "import logging\nfrom flask import Flask, request\n\napp = Flask(__name__)\nlog = logging.getLogger(__name__)\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    log.warning(\"failed login for \" + request.form[\"user\"])\n    return \"no\"\n",
		Secure:     "import logging\nfrom flask import Flask, request\n\napp = Flask(__name__)\nlog = logging.getLogger(__name__)\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    log.warning(\"failed login for %r\", request.form[\"user\"])\n    return \"no\"\n",
		Fix:        "Pass user data as logging arguments with %r (which escapes control characters), or strip CR/LF before logging; use structured logging.",
		References: []string{"https://cwe.mitre.org/data/definitions/117.html"}, Tags: []string{"taint", "logging"}}, "log message"},
	{Header, finding.RuleDoc{ID: "SG615", Name: "http-header-injection", CWE: []int{113}, Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input is written into an HTTP response header",
		Why:        "A header value with CR/LF chosen by the requester can split the response, set other cookies or poison caches; where the server or framework rejects newlines, the requester still chooses what the header says (a Location, a Content-Disposition file name, a Link). Cookie values set with set_cookie are quoted by Django, Werkzeug and Starlette and are not reported.",
		Vulnerable: "from flask import Flask, request, make_response\n\napp = Flask(__name__)\n\n@app.route(\"/lang\")\ndef lang():\n    resp = make_response(\"ok\")\n    resp.headers[\"Content-Language\"] = request.args[\"lang\"]\n    return resp\n",
		Secure:     "from flask import Flask, request, make_response\n\napp = Flask(__name__)\nLANGS = {\"en\", \"de\"}\n\n@app.route(\"/lang\")\ndef lang():\n    resp = make_response(\"ok\")\n    value = request.args[\"lang\"]\n    if value in LANGS:\n        resp.headers[\"Content-Language\"] = value\n    return resp\n",
		Fix:        "Allow only known values in headers (or strip CR/LF and validate the format).",
		References: []string{"https://cwe.mitre.org/data/definitions/113.html"}, Tags: []string{"taint", "web"}}, "response header"},
	{NoSQL, finding.RuleDoc{ID: "SG616", Name: "nosql-injection", CWE: []int{943}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary:    "untrusted input is used as a MongoDB query",
		Why:        "A query document taken from the request can carry operators such as $ne, $gt or $where: `{\"password\": {\"$ne\": \"\"}}` matches every user.",
		Vulnerable: "from flask import Flask, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\ncollection = MongoClient().shop.users\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    return str(collection.find_one(request.get_json()))\n",
		Secure:     "from flask import Flask, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\ncollection = MongoClient().shop.users\n\n@app.route(\"/login\", methods=[\"POST\"])\ndef login():\n    body = request.get_json()\n    return str(collection.find_one({\"name\": str(body[\"name\"]), \"active\": True}))\n",
		Fix:        "Build query documents in code from values converted to the expected types (str(), int()); never pass a client's JSON as the query.",
		References: []string{"https://cwe.mitre.org/data/definitions/943.html"}, Tags: []string{"taint", "injection"}}, "database query"},
	{XXE, finding.RuleDoc{ID: "SG617", Name: "xml-external-entities", CWE: []int{611}, Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "untrusted XML is parsed by a parser that loads external entities",
		Why: "An external entity names a file or URL whose contents the parser puts into the document: request XML declaring one reads local files " +
			"(and, where network access is allowed, internal URLs). lxml before 5.0 resolves them by default, and any version with resolve_entities=True; " +
			"the standard library's SAX parser, and minidom and pulldom given one, only after setFeature(feature_external_ges, True) (since Python 3.7.1); " +
			"ElementTree never does. Entity expansion without external entities is SG509's concern.",
		Vulnerable: "from flask import Flask, request\nfrom lxml import etree\n\napp = Flask(__name__)\n\n@app.route(\"/import\", methods=[\"POST\"])\ndef import_feed():\n    return etree.fromstring(request.data).tag\n",
		Secure:     "from flask import Flask, request\nimport defusedxml.lxml as safe_lxml\n\napp = Flask(__name__)\n\n@app.route(\"/import\", methods=[\"POST\"])\ndef import_feed():\n    return safe_lxml.fromstring(request.data).tag\n",
		Fix:        "Parse untrusted XML with defusedxml, or lxml with XMLParser(resolve_entities=False, no_network=True).",
		References: []string{"https://cwe.mitre.org/data/definitions/611.html", "https://docs.python.org/3/library/xml.html#xml-security"},
		Aliases:    []string{"SG509", "B317", "S317", "B318", "S318", "B319", "S319", "B320", "S320"}, Tags: []string{"taint", "xml"}}, "XML parser input"},
	{Session, finding.RuleDoc{ID: "SG618", Name: "trust-boundary-violation", CWE: []int{501}, Severity: finding.Low, Confidence: finding.LowConfidence,
		Summary: "untrusted input is stored in the server-side session",
		Why: "Code that reads the session trusts it: the server wrote it, and a signed or server-stored session cannot be edited by the client. " +
			"Request data stored there unchecked crosses that trust boundary, so a later request treats what the client once sent (a user id, a role, a flag, a session key it chose) as if the server had established it. " +
			"Escaping for HTML does not help; only validating or converting the value (int(), an allow-list, a lookup) does.",
		Vulnerable: "from flask import Flask, request, session\n\napp = Flask(__name__)\n\n@app.route(\"/prefs\", methods=[\"POST\"])\ndef prefs():\n    session[\"role\"] = request.form[\"role\"]\n    return \"saved\"\n",
		Secure:     "from flask import Flask, request, session\n\napp = Flask(__name__)\nROLES = {\"reader\", \"editor\"}\n\n@app.route(\"/prefs\", methods=[\"POST\"])\ndef prefs():\n    role = request.form[\"role\"]\n    if role not in ROLES:\n        return \"unknown role\", 400\n    session[\"role\"] = role\n    return \"saved\"\n",
		Fix:        "Store in the session only values the server established or validated: check request data against an allow-list, convert it to the expected type, or look the value up server-side; never let the request choose session keys.",
		References: []string{"https://cwe.mitre.org/data/definitions/501.html", "https://flask.palletsprojects.com/en/stable/api/#sessions", "https://docs.djangoproject.com/en/stable/topics/http/sessions/"},
		Tags:       []string{"taint", "web", "session"}}, "session entry"},
}

// engine runs the analysis once per scan for all taint rules.
type engine struct {
	mu    sync.Mutex
	extra config.TaintConfig
	units []*analysis.Unit
	hits  []sinkHit
	err   error
}

func (e *engine) run(units []*analysis.Unit) ([]sinkHit, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.units != nil && len(e.units) == len(units) && (len(units) == 0 || &e.units[0] == &units[0]) {
		return e.hits, e.err
	}
	e.units = units
	spec, err := Builtin()
	if err == nil {
		err = spec.Extend(e.extra)
	}
	if err != nil {
		e.err = err
		return nil, err
	}
	e.hits, e.err = Analyze(spec, deployed(units)), nil
	return e.hits, nil
}

// deployed leaves out the test files: test code is not deployed, a flow
// into a sink of a test file is the test's own input, and the calls a test
// makes (to a view, with a request it built) are not calls the deployed
// program makes.
func deployed(units []*analysis.Unit) []*analysis.Unit {
	out := make([]*analysis.Unit, 0, len(units))
	for _, u := range units {
		if !analysis.IsTestPath(u.Path) {
			out = append(out, u)
		}
	}
	return out
}

// Rules returns the taint rules, one per sink kind, sharing one analysis.
func Rules() []*analysis.Rule {
	return RulesWith(config.TaintConfig{})
}

// RulesWith returns the taint rules with a project's own sources, sinks
// and sanitizers ([tool.snakeguard.taint]) added to the built-in ones.
func RulesWith(extra config.TaintConfig) []*analysis.Rule {
	eng := &engine{extra: extra}
	var out []*analysis.Rule
	for _, kd := range kindDocs {
		kd := kd
		out = append(out, &analysis.Rule{Doc: kd.doc, Interprocedural: true, Keeps: keepsDeployed, RunProject: func(p *analysis.ProjectPass) {
			hits, err := eng.run(p.Units)
			if err != nil {
				panic(err)
			}
			seen := map[finding.Location]bool{}
			for _, h := range hits {
				// Test code is not deployed: a flow into a sink of a test
				// file is the test's own input.
				if h.Kind != kd.kind || seen[h.Loc] || analysis.IsTestPath(h.Loc.Path) {
					continue
				}
				seen[h.Loc] = true
				p.ReportFinding(makeFinding(kd, h))
			}
		}})
	}
	return out
}

// keepsDeployed is the Keeps of the taint rules: every file but tests.
func keepsDeployed(u *analysis.Unit) bool { return !analysis.IsTestPath(u.Path) }

func makeFinding(kd kindDoc, h sinkHit) finding.Finding {
	// The finding is as certain as its most certain flow, which it names.
	src := h.Labels[0]
	for _, l := range h.Labels[1:] {
		if l.Confidence > src.Confidence {
			src = l
		}
	}
	conf := kd.doc.Confidence
	if src.Confidence > 0 && src.Confidence < conf {
		conf = src.Confidence
	}
	msg := fmt.Sprintf("%s (line %d) %s as %s", src.What, src.Loc.Line, reachesText(h.Call), kd.what)
	if src.Loc.Path != h.Loc.Path {
		msg = fmt.Sprintf("%s (%s:%d) %s as %s", src.What, src.Loc.Path, src.Loc.Line, reachesText(h.Call), kd.what)
	}
	f := finding.Finding{
		RuleID: kd.doc.ID, RuleName: kd.doc.Name, CWE: kd.doc.CWE, Severity: kd.doc.Severity, Confidence: conf,
		Message: msg, Location: h.Loc, Snippet: h.Snippet,
	}
	trace := append([]finding.Step(nil), src.Steps...)
	if len(trace) == 0 {
		trace = append(trace, finding.Step{Location: src.Loc, Message: "untrusted data enters here: " + src.What})
	}
	trace = append(trace, h.Via...)
	if len(h.Via) == 0 {
		trace = append(trace, finding.Step{Location: h.Loc, Message: reachesText(h.Call) + " as " + kd.what})
	}
	f.Trace = trace
	return f
}
