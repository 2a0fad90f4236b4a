// Package network holds the rules for TLS, HTTP clients, cleartext
// protocols, SSH host keys, listening sockets, XML parsers, archives and
// file permissions.
package network

import (
	"fmt"
	"net"
	neturl "net/url"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{VerifyDisabled, OldTLS, UnverifiedContext, NoTimeout, Cleartext, SSHAutoAdd,
		SSHExecCommand, BindAll, UnsafeXML, TarExtract, Chmod, Mktemp, HardcodedTmp, URLOpenScheme, XMLRPC, SNMPInsecure, WrapSocket, CGIProxyHeader}
}

func httpClientFunc(name string) bool {
	for _, pre := range []string{"requests.", "httpx.", "requests.sessions.Session.", "httpx.Client.", "httpx.AsyncClient."} {
		if strings.HasPrefix(name, pre) {
			switch name[len(pre):] {
			case "get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "Client", "AsyncClient", "send":
				return true
			}
		}
	}
	return false
}

// VerifyDisabled finds HTTP clients with certificate checks turned off.
var VerifyDisabled = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG501", Name: "tls-verify-disabled", CWE: []int{295},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "HTTPS request with certificate verification turned off (verify=False)",
		Why: "Without certificate verification anyone on the network path (a Wi-Fi hotspot, a compromised router, " +
			"a proxy) can impersonate the server, read the traffic including credentials, and change the responses.",
		Vulnerable: "import requests\n\ndef fetch_report(url):\n    return requests.get(url, verify=False, timeout=10).json()\n",
		Secure:     "import requests\n\ndef fetch_report(url):\n    return requests.get(url, verify=\"/etc/ssl/certs/internal-ca.pem\", timeout=10).json()\n",
		Fix:        "Leave verify at its default (True) or point it at the CA bundle that signs the server's certificate.",
		References: []string{"https://cwe.mitre.org/data/definitions/295.html"},
		Aliases:    []string{"B501", "S501"},
		Tags:       []string{"tls", "network"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if !httpClientFunc(cs.Name) && !strings.HasPrefix(cs.Name, "urllib3.") && !strings.HasPrefix(cs.Name, "aiohttp.") {
				continue
			}
			for _, kw := range []string{"verify", "verify_ssl", "ssl"} {
				if v := analysis.Keyword(cs.Call, kw); v != nil && analysis.IsFalse(m, v) {
					if _, isConst := m.ConstValue(v); isConst {
						p.Reportf(v, "%s=False turns off certificate verification", kw)
					}
				}
			}
			if strings.HasPrefix(cs.Name, "urllib3.") {
				if v := analysis.Keyword(cs.Call, "cert_reqs"); v != nil {
					if s, ok := analysis.ConstString(m, v); (ok && s == "CERT_NONE") || strings.HasSuffix(m.QualifiedName(v), "CERT_NONE") {
						p.Report(v, "cert_reqs=CERT_NONE turns off certificate verification")
					}
				}
			}
		}
	},
}

var oldProtocols = map[string]string{
	"ssl.PROTOCOL_SSLv2": "SSLv2", "ssl.PROTOCOL_SSLv3": "SSLv3", "ssl.PROTOCOL_TLSv1": "TLS 1.0", "ssl.PROTOCOL_TLSv1_1": "TLS 1.1",
	"OpenSSL.SSL.SSLv2_METHOD": "SSLv2", "OpenSSL.SSL.SSLv3_METHOD": "SSLv3", "OpenSSL.SSL.TLSv1_METHOD": "TLS 1.0",
	"OpenSSL.SSL.TLSv1_1_METHOD": "TLS 1.1", "ssl.TLSVersion.TLSv1": "TLS 1.0", "ssl.TLSVersion.TLSv1_1": "TLS 1.1",
	"ssl.TLSVersion.SSLv3": "SSLv3",
}

// oldProtocolAttrs holds the last part of each name of oldProtocols: an
// attribute named otherwise is none of them.
var oldProtocolAttrs = func() map[string]bool {
	out := map[string]bool{}
	for q := range oldProtocols {
		out[q[strings.LastIndexByte(q, '.')+1:]] = true
	}
	return out
}()

// OldTLS finds SSL/TLS protocol versions that are broken or deprecated.
var OldTLS = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG502", Name: "tls-old-protocol", CWE: []int{327},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "SSLv2, SSLv3, TLS 1.0 or TLS 1.1 selected",
		Why: "These protocol versions have practical attacks (POODLE, BEAST, downgrade to export ciphers) and are " +
			"disabled by modern clients and forbidden by PCI DSS.",
		Vulnerable: "import ssl\n\ncontext = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n",
		Secure:     "import ssl\n\ncontext = ssl.create_default_context()\ncontext.minimum_version = ssl.TLSVersion.TLSv1_2\n",
		Fix:        "Use ssl.create_default_context() and, if needed, set minimum_version to TLSv1_2 or TLSv1_3.",
		References: []string{"https://cwe.mitre.org/data/definitions/327.html", "https://datatracker.ietf.org/doc/html/rfc8996"},
		Aliases:    []string{"B502", "S502", "B503", "S503"},
		Tags:       []string{"tls"},
	},
	Run: func(p *analysis.Pass) {
		if !p.Unit.ImportsUnder("ssl") && !p.Unit.ImportsUnder("OpenSSL") {
			return
		}
		m := p.Unit.Model()
		old := func(e ast.Expr) bool {
			a, ok := e.(*ast.Attribute)
			return ok && oldProtocols[m.QualifiedName(a)] != ""
		}
		// Most files that import ssl name no old protocol: only those
		// need the walks below.
		named := false
		for _, n := range p.Unit.Nodes() {
			if a, ok := n.(*ast.Attribute); ok && oldProtocolAttrs[a.Attr] && old(a) {
				named = true
				break
			}
		}
		if !named {
			return
		}
		notSelected := protocolMentions(p.Unit.Parse().Module, old)
		ast.Inspect(p.Unit.Parse().Module, func(n ast.Node) bool {
			a, ok := n.(*ast.Attribute)
			if !ok {
				return true
			}
			if notSelected[a] {
				return false
			}
			if v, bad := oldProtocols[m.QualifiedName(a)]; bad {
				p.Reportf(a, "%s is broken or deprecated; require TLS 1.2 or later", v)
				return false
			}
			return true
		})
	},
}

// protocolMentions returns the protocol constants a module names without
// selecting them: operands of a comparison (`if ctx.protocol ==
// ssl.PROTOCOL_TLSv1`, `in (...)`), and the keys of translation tables
// (`{ssl.PROTOCOL_TLSv1: OpenSSL.SSL.TLSv1_METHOD}`, `table[ssl.PROTOCOL_SSLv3]
// = ...`) together with the values they translate to.
func protocolMentions(mod *ast.Module, old func(ast.Expr) bool) map[ast.Expr]bool {
	out := map[ast.Expr]bool{}
	mark := func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.Tuple:
			for _, x := range e.Elts {
				out[x] = true
			}
		case *ast.List:
			for _, x := range e.Elts {
				out[x] = true
			}
		case *ast.Set:
			for _, x := range e.Elts {
				out[x] = true
			}
		default:
			out[e] = true
		}
	}
	ast.Inspect(mod, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Compare:
			mark(n.Left)
			for _, c := range n.Comparators {
				mark(c)
			}
		case *ast.Dict:
			for i, k := range n.Keys {
				if k != nil && old(k) {
					out[k] = true
					out[n.Values[i]] = true
				}
			}
		case *ast.Subscript:
			if old(n.Slice) {
				out[n.Slice] = true
			}
		case *ast.Assign:
			for _, t := range n.Targets {
				if s, ok := t.(*ast.Subscript); ok && old(s.Slice) {
					out[n.Value] = true
				}
			}
		}
		return true
	})
	return out
}

// UnverifiedContext finds TLS contexts that skip certificate or host name
// checks.
var UnverifiedContext = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG503", Name: "tls-unverified-context", CWE: []int{295},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "TLS context that does not check certificates or host names",
		Why: "ssl._create_unverified_context(), verify_mode = CERT_NONE, cert_reqs=CERT_NONE and check_hostname = False accept any " +
			"certificate for any host, so the connection can be intercepted. Replacing ssl._create_default_https_context " +
			"with the unverified one does this for every HTTPS connection of the process.",
		Vulnerable: "import ssl\nimport urllib.request\n\ncontext = ssl._create_unverified_context()\nurllib.request.urlopen(\"https://example.org\", context=context)\n",
		Secure:     "import ssl\nimport urllib.request\n\ncontext = ssl.create_default_context()\nurllib.request.urlopen(\"https://example.org\", context=context)\n",
		Fix:        "Use ssl.create_default_context() and keep check_hostname=True and verify_mode=CERT_REQUIRED.",
		References: []string{"https://cwe.mitre.org/data/definitions/295.html"},
		Aliases:    []string{"S323"},
		Tags:       []string{"tls"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "ssl._create_unverified_context" || cs.Name == "ssl._create_stdlib_context" {
				p.Reportf(cs.Call, "%s() makes a context that accepts any certificate", cs.Name)
			}
			// ssl.wrap_socket and wrappers of it take cert_reqs (urllib3's
			// is SG501's).
			if r := analysis.Keyword(cs.Call, "cert_reqs"); r != nil && !strings.HasPrefix(cs.Name, "urllib3.") {
				if m.QualifiedName(r) == "ssl.CERT_NONE" {
					p.Report(r, "cert_reqs=CERT_NONE accepts any certificate")
				}
			}
		}
		for _, n := range p.Unit.Nodes() {
			as, ok := n.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				continue
			}
			t, ok := as.Targets[0].(*ast.Attribute)
			if !ok {
				continue
			}
			switch {
			case t.Attr == "check_hostname" && analysis.IsFalse(m, as.Value):
				p.Report(as, "check_hostname = False accepts a valid certificate for any host")
			case t.Attr == "verify_mode" && m.QualifiedName(as.Value) == "ssl.CERT_NONE":
				p.Report(as, "verify_mode = CERT_NONE accepts any certificate")
			case m.QualifiedName(t) == "ssl._create_default_https_context" && m.QualifiedName(as.Value) == "ssl._create_unverified_context":
				p.Report(as, "every HTTPS connection the standard library opens now accepts any certificate")
			}
		}
	},
}

// NoTimeout finds HTTP requests that can wait forever.
var NoTimeout = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG504", Name: "http-request-without-timeout", CWE: []int{400},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "requests call without a timeout",
		Why: "requests waits forever by default. A slow or malicious server, or a dropped connection, then " +
			"holds a worker thread indefinitely; a few such requests exhaust the pool and the service stops answering.",
		Vulnerable: "import requests\n\ndef fetch(url):\n    return requests.get(url).text\n",
		Secure:     "import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=(3.05, 27)).text\n",
		Fix:        "Pass timeout= (connect, read) seconds to every request, or set it on a session adapter.",
		References: []string{"https://cwe.mitre.org/data/definitions/400.html", "https://requests.readthedocs.io/en/latest/user/advanced/#timeouts"},
		Aliases:    []string{"B113", "S113"},
		Tags:       []string{"network", "availability"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			// The module-level functions only: requests.codes.get() and
			// requests.utils.DEFAULT_PORTS.get() are dictionary lookups.
			mod, verb, _ := strings.Cut(strings.Replace(cs.Name, "requests.api.", "requests.", 1), ".")
			if mod != "requests" && mod != "httpx" {
				continue
			}
			switch verb {
			case "get", "post", "put", "patch", "delete", "head", "options", "request":
			default:
				continue
			}
			t := analysis.Keyword(cs.Call, "timeout")
			if strings.HasPrefix(cs.Name, "httpx.") {
				// httpx has a default timeout; only timeout=None disables it.
				if t != nil {
					if v, ok := m.ConstValue(t); ok && v.Kind == semantic.NoneValue {
						p.Reportf(t, "%s() with timeout=None can wait forever", cs.Name)
					}
				}
				continue
			}
			if t == nil && !analysis.HasKwargs(cs.Call) {
				p.Reportf(cs.Call, "%s() without timeout= can wait forever", cs.Name)
			} else if t != nil {
				if v, ok := m.ConstValue(t); ok && v.Kind == semantic.NoneValue {
					p.Reportf(t, "%s() with timeout=None can wait forever", cs.Name)
				}
			}
		}
	},
}

// Cleartext finds Telnet and FTP clients, and HTTP clients sent to a
// constant http:// or ftp:// URL.
var Cleartext = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG505", Name: "cleartext-protocol", CWE: []int{319},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "Telnet, plain FTP, or an HTTP client sent to an http:// or ftp:// URL",
		Why: "Telnet and FTP send user names, passwords and data unencrypted; anyone on the path can read and alter them. " +
			"A request to an http:// URL likewise sends its cookies, tokens and body in the clear, and whatever comes back " +
			"(a file, a script, a price list) can be replaced on the way.",
		Vulnerable: "import ftplib\n\ndef upload(host, user, password, path):\n    with ftplib.FTP(host, user, password) as ftp:\n        ftp.storbinary(\"STOR report.csv\", open(path, \"rb\"))\n",
		Secure:     "import ftplib\n\ndef upload(host, user, password, path):\n    with ftplib.FTP_TLS(host, user, password) as ftp:\n        ftp.prot_p()\n        ftp.storbinary(\"STOR report.csv\", open(path, \"rb\"))\n",
		Fix:        "Use SSH/SFTP (paramiko) or FTPS (ftplib.FTP_TLS with prot_p()), and https:// URLs for HTTP requests.",
		References: []string{"https://cwe.mitre.org/data/definitions/319.html"},
		Aliases:    []string{"B312", "S312", "B321", "S321", "B401", "S401", "B402", "S402", "B415", "S415"},
		Tags:       []string{"network"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			switch cs.Name {
			case "telnetlib.Telnet", "telnetlib3.open_connection":
				p.Report(cs.Call, "Telnet sends credentials and data in cleartext; use SSH")
			case "ftplib.FTP":
				p.Report(cs.Call, "FTP sends credentials and data in cleartext; use SFTP or FTP_TLS")
			case "pyghmi.ipmi.command.Command", "pyghmi.ipmi.console.Console":
				p.Report(cs.Call, "IPMI exposes the BMC password: IPMI 1.5 sends it in cleartext and IPMI 2.0's RAKP hands a hash of it to anyone who asks; keep the BMC on an isolated network")
			}
		}
		if analysis.IsTestPath(p.Unit.Path) {
			return // test clients talk to test servers
		}
		for _, cs := range p.Unit.Calls() {
			url := clientURL(p.Unit.Model(), cs)
			if url == nil {
				continue
			}
			s, ok := analysis.ConstString(p.Unit.Model(), url)
			if !ok {
				continue
			}
			scheme, host, ok := cleartextURL(s)
			if !ok {
				continue
			}
			name := cs.Name
			if a, ok := cs.Call.Func.(*ast.Attribute); ok && name == "" {
				name = "." + a.Attr
			}
			if scheme == "ftp" {
				p.Reportf(url, "%s() fetches %s over plain FTP, in cleartext; use SFTP or FTPS", name, host)
				continue
			}
			p.ReportWith(url, fmt.Sprintf("%s() sends the request to %s over plain HTTP, in cleartext; use https://", name, host), func(f *finding.Finding) {
				f.Severity = finding.Medium
			})
		}
	},
}

// httpClientFuncs maps HTTP client functions to the position of their URL
// argument (keyword "url").
var httpClientFuncs = map[string]int{
	"requests.get": 0, "requests.post": 0, "requests.put": 0, "requests.patch": 0, "requests.delete": 0,
	"requests.head": 0, "requests.options": 0, "requests.request": 1, "requests.Request": 1,
	"requests.api.get": 0, "requests.api.post": 0, "requests.api.request": 1,
	"httpx.get": 0, "httpx.post": 0, "httpx.put": 0, "httpx.patch": 0, "httpx.delete": 0,
	"httpx.head": 0, "httpx.options": 0, "httpx.request": 1, "httpx.stream": 1, "httpx.Request": 1,
	"urllib.request.urlopen": 0, "urllib.request.Request": 0, "urllib.request.urlretrieve": 0,
	"urllib2.urlopen": 0, "urllib2.Request": 0, "urllib.urlopen": 0, "urllib.urlretrieve": 0,
	"urllib3.request": 1,
}

// httpClientClasses are the session and opener objects whose methods take
// URLs (see httpClientMethods).
var httpClientClasses = map[string]bool{
	"requests.Session": true, "requests.session": true, "requests.sessions.Session": true,
	"httpx.Client": true, "httpx.AsyncClient": true, "aiohttp.ClientSession": true,
	"urllib.request.URLopener": true, "urllib.request.FancyURLopener": true, "urllib.request.build_opener": true,
	"urllib.request.OpenerDirector": true, "urllib3.PoolManager": true,
}

// httpClientMethods maps methods of those objects to the position of
// their URL argument.
var httpClientMethods = map[string]int{
	"get": 0, "post": 0, "put": 0, "patch": 0, "delete": 0, "head": 0, "options": 0,
	"request": 1, "stream": 1, "open": 0, "retrieve": 0, "urlopen": 1,
}

// clientURL returns the URL argument of a call to an HTTP client function,
// or of a method of a client object made in the same function (x =
// requests.Session(), or with ... as x).
func clientURL(m *semantic.Model, cs analysis.CallSite) ast.Expr {
	if i, ok := httpClientFuncs[cs.Name]; ok {
		return analysis.Arg(cs.Call, i, "url")
	}
	a, ok := cs.Call.Func.(*ast.Attribute)
	if !ok {
		return nil
	}
	i, ok := httpClientMethods[a.Attr]
	if !ok {
		return nil
	}
	var made ast.Expr
	switch recv := a.Value.(type) {
	case *ast.Call:
		made = recv // requests.Session().get(...)
	case *ast.Name:
		made = constructedBy(m, recv)
	}
	c, ok := made.(*ast.Call)
	if !ok || !httpClientClasses[m.QualifiedName(c.Func)] {
		return nil
	}
	if a.Attr == "urlopen" && !strings.HasPrefix(m.QualifiedName(c.Func), "urllib3.") {
		i = 0
	}
	return analysis.Arg(cs.Call, i, "url")
}

// constructedBy returns the expression a name was bound to, when it has one
// binding: an assignment, or the item of a with statement.
func constructedBy(m *semantic.Model, n *ast.Name) ast.Expr {
	bs := m.Lookup(n.Id, n.Pos())
	if len(bs) != 1 {
		return nil
	}
	if bs[0].Kind == semantic.AssignBinding {
		return bs[0].Value
	}
	return bs[0].ContextExpr()
}

// cleartextURL reports an http:// or ftp:// URL to a host that is not this
// machine, with its scheme and host.
func cleartextURL(s string) (scheme, host string, ok bool) {
	u, err := neturl.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return "", "", false
	}
	scheme = strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "ftp" {
		return "", "", false
	}
	h := strings.ToLower(u.Hostname())
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "testserver" || h == "0.0.0.0" {
		return "", "", false
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return "", "", false
	}
	return scheme, u.Host, true
}

// SSHAutoAdd finds SSH clients that trust unknown host keys.
var SSHAutoAdd = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG506", Name: "ssh-unknown-host-key-accepted", CWE: []int{295},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "paramiko AutoAddPolicy or WarningPolicy accepts unknown host keys",
		Why: "Host keys are how SSH knows it talks to the right server. Accepting any unknown key lets a man in " +
			"the middle pose as the server and capture credentials and commands.",
		Vulnerable: "import paramiko\n\nclient = paramiko.SSHClient()\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n",
		Secure:     "import paramiko\n\nclient = paramiko.SSHClient()\nclient.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n",
		Fix:        "Load known host keys and use RejectPolicy (the default).",
		References: []string{"https://cwe.mitre.org/data/definitions/295.html"},
		Aliases:    []string{"B507", "S507"},
		Tags:       []string{"ssh"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok || a.Attr != "set_missing_host_key_policy" {
				continue
			}
			pol := analysis.Arg(cs.Call, 0, "policy")
			if c, ok := pol.(*ast.Call); ok {
				pol = c.Func
			}
			switch m.QualifiedName(pol) {
			case "paramiko.AutoAddPolicy", "paramiko.WarningPolicy", "paramiko.client.AutoAddPolicy", "paramiko.client.WarningPolicy":
				p.Report(cs.Call, "unknown SSH host keys are accepted; use RejectPolicy with known hosts")
			}
		}
	},
}

// SSHExecCommand finds commands built at run time sent over SSH.
var SSHExecCommand = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG507", Name: "ssh-exec-command-dynamic", CWE: []int{78},
		Guide:    []string{"pyscg-0009"},
		Severity: finding.Medium, Confidence: finding.LowConfidence,
		Summary:    "paramiko exec_command with a command built at run time",
		Why:        "exec_command runs its string in the remote user's shell; values spliced into it can run further commands on the remote host.",
		Vulnerable: "def disk_usage(client, path):\n    return client.exec_command(\"du -sh \" + path)\n",
		Secure:     "import shlex\n\ndef disk_usage(client, path):\n    return client.exec_command(\"du -sh -- \" + shlex.quote(path))\n",
		Fix:        "Quote every variable part with shlex.quote(), or avoid remote shell commands built from input.",
		References: []string{"https://cwe.mitre.org/data/definitions/78.html"},
		Aliases:    []string{"B601", "S601"},
		Tags:       []string{"ssh", "command"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok || a.Attr != "exec_command" {
				continue
			}
			cmd := analysis.Arg(cs.Call, 0, "command")
			if cmd == nil || analysis.IsConstant(m, cmd) || quoted(m, cmd) {
				continue
			}
			p.Report(cs.Call, "exec_command() runs a command built at run time in the remote shell")
		}
	},
}

// quoted reports whether every variable part of a built command is passed
// through shlex.quote.
func quoted(m interface {
	QualifiedName(ast.Expr) string
}, e ast.Expr) bool {
	found, bad := false, false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Call:
			if m.QualifiedName(n.Func) == "shlex.quote" {
				found = true
				return false
			}
		case *ast.Name:
			bad = true
		}
		return true
	})
	return found && !bad
}

// BindAll finds servers bound to every interface.
var BindAll = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG508", Name: "bind-all-interfaces", CWE: []int{1327},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "socket or server bound to 0.0.0.0 / ::",
		Why: "Binding to all interfaces exposes the service on every network the host is attached to, including " +
			"public ones, often where only local access was intended (debug servers, admin endpoints).",
		Vulnerable: "import socket\n\nserver = socket.socket()\nserver.bind((\"0.0.0.0\", 8080))\n",
		Secure:     "import socket\n\nserver = socket.socket()\nserver.bind((\"127.0.0.1\", 8080))\n",
		Fix:        "Bind to 127.0.0.1 or a specific interface; expose services through a reverse proxy or firewall rules.",
		References: []string{"https://cwe.mitre.org/data/definitions/1327.html"},
		Aliases:    []string{"B104", "S104"},
		Tags:       []string{"network"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			var host ast.Expr
			a, isAttr := cs.Call.Func.(*ast.Attribute)
			switch {
			case isAttr && a.Attr == "bind":
				if t, ok := analysis.Arg(cs.Call, 0, "").(*ast.Tuple); ok && len(t.Elts) > 0 {
					host = t.Elts[0]
				}
			case isAttr && a.Attr == "run":
				host = analysis.Keyword(cs.Call, "host")
			case cs.Name == "uvicorn.run" || cs.Name == "socketserver.TCPServer" || cs.Name == "http.server.HTTPServer":
				host = analysis.Keyword(cs.Call, "host")
				if t, ok := analysis.Arg(cs.Call, 0, "server_address").(*ast.Tuple); ok && len(t.Elts) > 0 {
					host = t.Elts[0]
				}
			}
			if s, ok := analysis.ConstString(m, host); ok && (s == "0.0.0.0" || s == "::") {
				p.Reportf(host, "binding to %s listens on every network interface", s)
			}
		}
	},
}

var unsafeXML = map[string]string{
	"xml.etree.ElementTree.parse": "", "xml.etree.ElementTree.iterparse": "", "xml.etree.ElementTree.fromstring": "",
	"xml.etree.ElementTree.XML": "", "xml.etree.ElementTree.XMLParser": "", "xml.etree.ElementTree.fromstringlist": "",
	"xml.etree.cElementTree.parse": "", "xml.etree.cElementTree.fromstring": "", "xml.etree.cElementTree.iterparse": "",
	"xml.dom.minidom.parse": "", "xml.dom.minidom.parseString": "", "xml.dom.pulldom.parse": "", "xml.dom.pulldom.parseString": "",
	"xml.sax.parse": "", "xml.sax.parseString": "", "xml.sax.make_parser": "", "xml.dom.expatbuilder.parse": "",
	"xml.parsers.expat.ParserCreate": "", "lxml.etree.parse": "lxml", "lxml.etree.fromstring": "lxml",
	"lxml.etree.XML": "lxml", "lxml.etree.XMLParser": "lxml", "lxml.etree.iterparse": "lxml",
}

// saxParserArg is where the standard library's DOM builders take a SAX
// parser of the caller's (parse(file, parser), parseString(s, parser)).
var saxParserArg = map[string]bool{
	"xml.dom.minidom.parse": true, "xml.dom.minidom.parseString": true,
	"xml.dom.pulldom.parse": true, "xml.dom.pulldom.parseString": true,
}

// UnsafeXML finds XML parsers that expand entities, and those that load
// external entities.
var UnsafeXML = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG509", Name: "xml-unsafe-parser", CWE: []int{776, 611},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "XML parsed with a standard-library or lxml parser instead of defusedxml",
		Why: "The standard library's parsers (ElementTree, minidom, pulldom, sax, expat) expand the entities a document declares: " +
			"with an Expat older than 2.6.0 (a system library, or an old Python) a 'billion laughs' or quadratic-blowup document " +
			"of a few hundred bytes exhausts memory and CPU (CWE-776). They do not load external entities: ElementTree and minidom " +
			"never do, and since Python 3.7.1 the SAX parser (and pulldom and minidom built on it) only does when " +
			"setFeature(feature_external_ges, True) turns it on. A parser with that feature on, and lxml before 5.0 with its " +
			"default resolve_entities=True (or any version with resolve_entities=True), read local files named by the document " +
			"(XXE, CWE-611); lxml's no_network default only keeps them off the network. A document the program supplies itself " +
			"(a literal, or a value the function's constant analysis knows) is not reported as XXE.",
		Vulnerable: "import xml.etree.ElementTree as ET\n\ndef read_order(upload):\n    return ET.fromstring(upload.read())\n",
		Secure:     "import defusedxml.ElementTree as ET\n\ndef read_order(upload):\n    return ET.fromstring(upload.read())\n",
		Fix: "Parse untrusted XML with the defusedxml equivalents; never turn on feature_external_ges for it; " +
			"for lxml pass XMLParser(resolve_entities=False, no_network=True, huge_tree=False).",
		References: []string{"https://cwe.mitre.org/data/definitions/776.html", "https://cwe.mitre.org/data/definitions/611.html",
			"https://docs.python.org/3/library/xml.html#xml-security", "https://lxml.de/5.0/changes-5.0.0.html"},
		Aliases: []string{"B313", "S313", "B314", "S314", "B315", "S315", "B316", "S316", "B317", "S317", "B318", "S318", "B319", "S319", "B320", "S320", "B405", "B406", "B407", "B408", "B409", "B410", "S405", "S406", "S407", "S408", "S409", "S410"},
		Tags:    []string{"xml"},
	},
	Run: func(p *analysis.Pass) {
		u := p.Unit
		m := u.Model()
		xxe := func(n ast.Node, conf finding.Confidence, msg string) {
			p.ReportWith(n, msg, func(f *finding.Finding) {
				f.CWE = []int{611}
				f.Confidence = conf
			})
		}
		expansion := func(n ast.Node, msg string) {
			p.ReportWith(n, msg, func(f *finding.Finding) { f.CWE = []int{776} })
		}
		for _, cs := range u.Calls() {
			// parser.parse(source) on a SAX parser with external entities on.
			if a, ok := cs.Call.Func.(*ast.Attribute); ok && (a.Attr == "parse" || a.Attr == "feed") && len(cs.Call.Args) > 0 &&
				!ownDocument(m, cs.Call.Args[0]) && analysis.SAXParserResolvesExternal(u, a.Value) {
				xxe(cs.Call, finding.MediumConfidence, "this SAX parser loads external entities (feature_external_ges is on): a document can read local files and URLs")
				continue
			}
			lib, ok := unsafeXML[cs.Name]
			if !ok {
				continue
			}
			if lib == "lxml" {
				if cs.Name == "lxml.etree.XMLParser" {
					re := analysis.Keyword(cs.Call, "resolve_entities")
					switch {
					case re == nil:
						xxe(cs.Call, finding.LowConfidence, "lxml XMLParser before lxml 5.0 resolves external entities unless resolve_entities=False")
					case analysis.IsTrue(m, re):
						if s, ok := analysis.ConstString(m, re); ok && s == "internal" {
							continue
						}
						xxe(re, finding.HighConfidence, "resolve_entities=True makes lxml load external entities: a document can read local files")
					}
					continue
				}
				if parser := analysis.Arg(cs.Call, 1, "parser"); parser != nil {
					continue
				}
				if doc := analysis.Arg(cs.Call, 0, ""); doc != nil && ownDocument(m, doc) {
					continue
				}
				xxe(cs.Call, finding.LowConfidence, cs.Name+"() with the default parser resolves external entities before lxml 5.0; use defusedxml or a parser with resolve_entities=False")
				continue
			}
			if saxParserArg[cs.Name] {
				if parser := analysis.Arg(cs.Call, 1, "parser"); parser != nil && analysis.SAXParserResolvesExternal(u, parser) {
					if doc := analysis.Arg(cs.Call, 0, ""); doc != nil && ownDocument(m, doc) {
						continue // the program's own document, not one a requester sends
					}
					xxe(cs.Call, finding.MediumConfidence, cs.Name+"() with a SAX parser that loads external entities (feature_external_ges is on): a document can read local files and URLs")
					continue
				}
			}
			expansion(cs.Call, cs.Name+"() expands the entities a document declares (billion laughs with an Expat older than 2.6.0); use defusedxml for untrusted XML")
		}
	},
}

// ownDocument reports an XML document the program itself supplies: a
// constant, or a value the function's constant analysis knows (one of two
// literals under a test that is always true, a configparser value the
// function set to a literal). Loading external entities from it reads
// only what its author wrote into it.
func ownDocument(m *semantic.Model, e ast.Expr) bool {
	return analysis.IsConstant(m, e) || m.KnownAt(e)
}

// TarExtract finds tar extraction without a filter.
var TarExtract = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG510", Name: "tarfile-extract-unfiltered", CWE: []int{22},
		Guide:    []string{"pyscg-0012"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "tarfile extractall() or extract() without a filter",
		Why: "Tar members may be named `../../etc/cron.d/x`, be absolute, or be links pointing outside the target; " +
			"extracting them unfiltered writes files anywhere the process can (CVE-2007-4559).",
		Vulnerable: "import tarfile\n\ndef unpack(path, dest):\n    with tarfile.open(path) as tar:\n        tar.extractall(dest)\n",
		Secure:     "import tarfile\n\ndef unpack(path, dest):\n    with tarfile.open(path) as tar:\n        tar.extractall(dest, filter=\"data\")\n",
		Fix:        "Pass filter=\"data\" (Python 3.12+, backported to security releases) or check each member's resolved path before extracting.",
		References: []string{"https://cwe.mitre.org/data/definitions/22.html", "https://peps.python.org/pep-0706/"},
		Aliases:    []string{"B202", "S202"},
		Tags:       []string{"filesystem"},
	},
	Run: func(p *analysis.Pass) {
		u := p.Unit
		if !importsModule(u, "tarfile") {
			return
		}
		for _, cs := range u.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok || (a.Attr != "extractall" && a.Attr != "extract") {
				continue
			}
			if strings.HasPrefix(cs.Name, "zipfile.") || analysis.Keyword(cs.Call, "filter") != nil || analysis.HasKwargs(cs.Call) {
				continue
			}
			if analysis.Keyword(cs.Call, "members") != nil {
				continue
			}
			p.Reportf(cs.Call, "%s() without filter= can write outside the target directory", a.Attr)
		}
	},
}

func importsModule(u *analysis.Unit, mod string) bool {
	for _, im := range u.Model().Imports {
		if im.Module == mod || strings.HasPrefix(im.Module, mod+".") {
			return true
		}
	}
	return false
}

// Chmod finds world-writable permissions.
var Chmod = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG511", Name: "permissive-file-mode", CWE: []int{732},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "file made writable by every user (or executable and group-writable)",
		Why: "A world-writable file or directory can be replaced or modified by any local user or compromised " +
			"service, turning a configuration file or script into a way to run code as its owner.",
		Vulnerable: "import os\n\nos.chmod(\"/etc/myapp/config.ini\", 0o777)\n",
		Secure:     "import os\n\nos.chmod(\"/etc/myapp/config.ini\", 0o600)\n",
		Fix:        "Grant the least permission needed: 0o600 or 0o640 for files, 0o700 or 0o750 for directories.",
		References: []string{"https://cwe.mitre.org/data/definitions/732.html"},
		Aliases:    []string{"B103", "S103"},
		Tags:       []string{"filesystem"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			var mode ast.Expr
			switch {
			case cs.Name == "os.chmod" || cs.Name == "os.fchmod" || cs.Name == "os.lchmod":
				mode = analysis.Arg(cs.Call, 1, "mode")
			default:
				if a, ok := cs.Call.Func.(*ast.Attribute); ok && a.Attr == "chmod" && strings.Contains(cs.Name, "Path") {
					mode = analysis.Arg(cs.Call, 0, "mode")
				}
			}
			v, ok := m.ConstValue(mode)
			if !ok || v.Int == nil || !v.Int.IsInt64() {
				continue
			}
			if bits := v.Int.Int64(); bits&0o002 != 0 {
				p.Reportf(mode, "mode %#o makes the file writable by every user", bits)
			}
		}
	},
}

// Mktemp finds tempfile.mktemp.
var Mktemp = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG512", Name: "insecure-temp-file", CWE: []int{377},
		Severity: finding.Medium, Confidence: finding.HighConfidence,
		Summary: "tempfile.mktemp() returns a name another process can take first",
		Why: "mktemp only returns a name; between that call and opening the file another user can create it (or a " +
			"symlink with that name) and read or redirect what the program writes.",
		Vulnerable: "import tempfile\n\npath = tempfile.mktemp(suffix=\".csv\")\nwith open(path, \"w\") as f:\n    f.write(\"report\")\n",
		Secure:     "import tempfile\n\nwith tempfile.NamedTemporaryFile(\"w\", suffix=\".csv\", delete=False) as f:\n    f.write(\"report\")\n",
		Fix:        "Use tempfile.NamedTemporaryFile, mkstemp or mkdtemp, which create the file atomically.",
		References: []string{"https://cwe.mitre.org/data/definitions/377.html"},
		Aliases:    []string{"B306", "S306"},
		Tags:       []string{"filesystem"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "tempfile.mktemp" || cs.Name == "os.tempnam" || cs.Name == "os.tmpnam" {
				p.Reportf(cs.Call, "%s() is racy; use tempfile.mkstemp() or NamedTemporaryFile()", cs.Name)
			}
		}
	},
}

// HardcodedTmp finds fixed paths under shared temporary directories.
var HardcodedTmp = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG513", Name: "hardcoded-temp-path", CWE: []int{377},
		Severity: finding.Low, Confidence: finding.MediumConfidence,
		Summary: "fixed file path in /tmp, /var/tmp or /dev/shm",
		Why: "Shared temporary directories are writable by every user. A fixed name can be pre-created or " +
			"symlinked by someone else before the program uses it.",
		Vulnerable: "def save(data):\n    with open(\"/tmp/export.json\", \"w\") as f:\n        f.write(data)\n",
		Secure:     "import tempfile\n\ndef save(data):\n    with tempfile.NamedTemporaryFile(\"w\", suffix=\".json\", delete=False) as f:\n        f.write(data)\n",
		Fix:        "Create temporary files with the tempfile module, or use a directory only the program can write.",
		References: []string{"https://cwe.mitre.org/data/definitions/377.html"},
		Aliases:    []string{"B108", "S108"},
		Tags:       []string{"filesystem"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			for _, a := range cs.Call.Args {
				c, ok := a.(*ast.Constant)
				if !ok || c.Kind != ast.StrConst {
					continue
				}
				for _, pre := range []string{"/tmp/", "/var/tmp/", "/dev/shm/"} {
					if strings.HasPrefix(c.Str, pre) && len(c.Str) > len(pre) {
						p.Reportf(c, "fixed path %q in a directory every user can write", c.Str)
					}
				}
			}
		}
	},
}
