package network

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// URLOpenScheme finds urllib opening URLs chosen at run time.
var URLOpenScheme = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG514", Name: "urlopen-any-scheme", CWE: []int{939},
		Severity: finding.Medium, Confidence: finding.LowConfidence,
		Summary: "urllib opens a URL built at run time without checking its scheme",
		Why: "urllib.request follows file://, ftp:// and data: URLs as readily as https://. A URL taken from " +
			"configuration or input can therefore read local files (file:///etc/passwd) or reach other services.",
		Vulnerable: "import urllib.request\n\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n",
		Secure:     "import requests\n\ndef fetch(url):\n    # requests refuses file:// and other non-HTTP schemes\n    return requests.get(url, timeout=10).content\n",
		Fix:        "Check that the scheme is http or https (and the host is expected) before opening, or use requests/httpx, which do not open file:// URLs.",
		References: []string{"https://cwe.mitre.org/data/definitions/939.html", "https://docs.python.org/3/library/urllib.request.html"},
		Aliases:    []string{"B310", "S310"},
		Tags:       []string{"network"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			switch cs.Name {
			case "urllib.request.urlopen", "urllib.request.urlretrieve", "urllib.request.Request", "urllib.urlopen", "urllib2.urlopen":
			default:
				continue
			}
			u := analysis.Arg(cs.Call, 0, "url")
			if u == nil || analysis.IsConstant(m, u) {
				continue
			}
			if cs.Name == "urllib.request.urlopen" && requestObject(m, u) {
				continue // a Request object is judged where it is built
			}
			if s := leadingText(m, u, 0); strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
				continue // the scheme is fixed by the code
			}
			p.Reportf(cs.Call, "%s() opens a URL built at run time; file:// and other schemes are followed too", cs.Name)
		}
	},
}

// requestObject reports whether e is a urllib Request (or another call),
// directly or through a name bound once to one.
func requestObject(m *semantic.Model, e ast.Expr) bool {
	if n, ok := e.(*ast.Name); ok {
		bs := m.Lookup(n.Id, n.Pos())
		if len(bs) != 1 || bs[0].Kind != semantic.AssignBinding || bs[0].Value == nil {
			return false
		}
		c, ok := bs[0].Value.(*ast.Call)
		return ok && m.QualifiedName(c.Func) == "urllib.request.Request"
	}
	_, isCall := e.(*ast.Call)
	return isCall
}

// leadingText returns the constant text a string built at run time starts
// with: "https://api.example.com/" in f"https://api.example.com/{path}",
// "http://" + host, "http://%s/" % host or "https://{}".format(host).
func leadingText(m *semantic.Model, e ast.Expr, depth int) string {
	if depth > 8 || e == nil {
		return ""
	}
	if s, ok := analysis.ConstString(m, e); ok {
		return s
	}
	switch x := e.(type) {
	case *ast.JoinedStr:
		if len(x.Values) > 0 {
			if c, ok := x.Values[0].(*ast.Constant); ok {
				return c.Str
			}
		}
	case *ast.BinOp:
		if x.Op == ast.Add || x.Op == ast.Mod {
			return leadingText(m, x.Left, depth+1)
		}
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "format" {
			return leadingText(m, a.Value, depth+1)
		}
	case *ast.Name:
		bs := m.Lookup(x.Id, x.Pos())
		if len(bs) == 1 && bs[0].Kind == semantic.AssignBinding {
			return leadingText(m, bs[0].Value, depth+1)
		}
	}
	return ""
}

// XMLRPC finds the standard library's XML-RPC modules.
var XMLRPC = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG515", Name: "xmlrpc-unsafe-parser", CWE: []int{776},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "xmlrpc client or server without defusedxml's protection",
		Why: "The standard library's XML-RPC parses untrusted XML with expat and expands entities, so a small " +
			"request or response ('billion laughs') can exhaust memory and CPU.",
		Vulnerable: "from xmlrpc.server import SimpleXMLRPCServer\n\nserver = SimpleXMLRPCServer((\"127.0.0.1\", 8000))\n",
		Secure:     "from defusedxml.xmlrpc import monkey_patch\nfrom xmlrpc.server import SimpleXMLRPCServer\n\nmonkey_patch()\nserver = SimpleXMLRPCServer((\"127.0.0.1\", 8000))\n",
		Fix:        "Call defusedxml.xmlrpc.monkey_patch() before using xmlrpc, or use a JSON-based RPC.",
		References: []string{"https://cwe.mitre.org/data/definitions/776.html", "https://docs.python.org/3/library/xmlrpc.html"},
		Aliases:    []string{"B411", "S411"},
		Tags:       []string{"xml"},
	},
	// defusedxml.xmlrpc.monkey_patch() patches the xmlrpc modules for the
	// whole process: projects call it once at start-up, so a call in any
	// file of the project counts.
	Keeps: func(u *analysis.Unit) bool {
		return u.ImportsUnder("xmlrpc") || u.ImportsUnder("xmlrpclib") || u.ImportsUnder("SimpleXMLRPCServer") || u.ImportsUnder("defusedxml")
	},
	RunProject: func(p *analysis.ProjectPass) {
		for _, u := range p.Units {
			if !u.MayName("defusedxml") {
				continue
			}
			for _, cs := range u.Calls() {
				if cs.Name == "defusedxml.xmlrpc.monkey_patch" {
					return
				}
			}
		}
		for _, u := range p.Units {
			if !u.MayName("xmlrpc") && !u.MayName("xmlrpclib") && !u.MayName("SimpleXMLRPCServer") {
				continue
			}
			for _, cs := range u.Calls() {
				if !strings.HasPrefix(cs.Name, "xmlrpc.client.") && !strings.HasPrefix(cs.Name, "xmlrpc.server.") &&
					!strings.HasPrefix(cs.Name, "xmlrpclib.") && !strings.HasPrefix(cs.Name, "SimpleXMLRPCServer.") {
					continue
				}
				switch cs.Name[strings.LastIndexByte(cs.Name, '.')+1:] {
				case "ServerProxy", "SimpleXMLRPCServer", "DocXMLRPCServer", "CGIXMLRPCRequestHandler", "loads", "Server":
					p.Report(u, cs.Call, cs.Name+" parses XML with entity expansion; call defusedxml.xmlrpc.monkey_patch() first")
				}
			}
		}
	},
}

// SNMPInsecure finds SNMP v1/v2c and SNMPv3 without privacy.
var SNMPInsecure = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG516", Name: "snmp-insecure", CWE: []int{319},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "SNMP v1/v2c community strings, or SNMPv3 without authentication and privacy",
		Why: "SNMP v1 and v2c send the community string, which is the password, in cleartext; SNMPv3 without " +
			"auth and priv protocols offers neither integrity nor confidentiality.",
		Vulnerable: "from pysnmp.hlapi import CommunityData\n\nauth = CommunityData(\"public\", mpModel=0)\n",
		Secure:     "from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol, usmAesCfb128Protocol\n\nauth = UsmUserData(\"monitor\", auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)\n",
		Fix:        "Use SNMPv3 with authentication and privacy (authPriv).",
		References: []string{"https://cwe.mitre.org/data/definitions/319.html"},
		Aliases:    []string{"B508", "S508", "B509", "S509"},
		Tags:       []string{"network"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if !strings.HasPrefix(cs.Name, "pysnmp.") {
				continue
			}
			switch cs.Name[strings.LastIndexByte(cs.Name, '.')+1:] {
			case "CommunityData":
				p.Report(cs.Call, "SNMP v1/v2c sends the community string in cleartext; use SNMPv3 with authPriv")
			case "UsmUserData":
				if len(cs.Call.Args) < 3 && analysis.Keyword(cs.Call, "privKey") == nil {
					p.Report(cs.Call, "SNMPv3 user without a privacy key: traffic is not encrypted")
					continue
				}
				for _, kw := range [][2]string{{"authProtocol", "usmNoAuthProtocol"}, {"privProtocol", "usmNoPrivProtocol"}} {
					if v := analysis.Keyword(cs.Call, kw[0]); v != nil && strings.HasSuffix(p.Unit.Model().QualifiedName(v), "."+kw[1]) {
						p.Reportf(v, "%s=%s turns SNMPv3 protection off", kw[0], kw[1])
					}
				}
			}
		}
	},
}

// WrapSocket finds ssl.wrap_socket.
var WrapSocket = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG517", Name: "ssl-wrap-socket", CWE: []int{295},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "ssl.wrap_socket() (no host name check, removed in Python 3.12)",
		Why: "ssl.wrap_socket does not check the server's host name and, without arguments, not even its " +
			"certificate; it was deprecated in 3.7 and removed in 3.12.",
		Vulnerable: "import socket\nimport ssl\n\nsock = ssl.wrap_socket(socket.create_connection((\"example.org\", 443)))\n",
		Secure:     "import socket\nimport ssl\n\ncontext = ssl.create_default_context()\nsock = context.wrap_socket(socket.create_connection((\"example.org\", 443)), server_hostname=\"example.org\")\n",
		Fix:        "Use ssl.create_default_context().wrap_socket(sock, server_hostname=host).",
		References: []string{"https://docs.python.org/3/library/ssl.html#ssl.SSLContext.wrap_socket"},
		Aliases:    []string{"B504", "S504"},
		Tags:       []string{"tls"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "ssl.wrap_socket" {
				p.Report(cs.Call, "ssl.wrap_socket() does not verify host names; use SSLContext.wrap_socket with server_hostname")
			}
		}
	},
}

// CGIProxyHeader finds WSGI apps served as CGI scripts, where the
// request's Proxy header becomes the HTTP_PROXY variable ("httpoxy").
var CGIProxyHeader = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG518", Name: "cgi-httpoxy", CWE: []int{454},
		Severity: finding.Low, Confidence: finding.LowConfidence,
		Summary: "WSGI app or script served through CGI, where a request's Proxy header becomes HTTP_PROXY",
		Why: "CGI passes every request header to the program as an HTTP_* environment variable, so a client's " +
			"`Proxy:` header arrives as HTTP_PROXY, the variable many HTTP clients read to pick an outgoing proxy. " +
			"Python's urllib ignores it under CGI since 2.7.13 and 3.5.3, but other clients and older interpreters " +
			"send the app's outgoing requests, credentials included, through the client's proxy.",
		Vulnerable: "from wsgiref.handlers import CGIHandler\n\nfrom shop import app\n\nCGIHandler().run(app)\n",
		Secure:     "from waitress import serve\n\nfrom shop import app\n\nserve(app, host=\"127.0.0.1\", port=8080)\n",
		Fix:        "Serve the app with a WSGI server instead of CGI; if CGI stays, drop the Proxy header in the web server and never read HTTP_PROXY while REQUEST_METHOD is set.",
		References: []string{"https://httpoxy.org/", "https://cwe.mitre.org/data/definitions/454.html"},
		Aliases:    []string{"B412", "S412"},
		Tags:       []string{"network", "cgi"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			switch cs.Name {
			case "wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory":
				p.Reportf(cs.Call, "%s runs the app as CGI: a request's Proxy header becomes HTTP_PROXY", cs.Name)
			}
		}
	},
}
