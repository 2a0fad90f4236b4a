package codequality

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// logMethods are the methods of logging.Logger (and of the logging module)
// that write a record.
var logMethods = map[string]bool{
	"debug": true, "info": true, "warning": true, "warn": true, "error": true,
	"critical": true, "exception": true, "fatal": true, "log": true,
}

// loggerName matches receivers named like a logger: log, logger, _log, LOGGER, self.logger, app_log.
var loggerName = regexp.MustCompile(`(?i)^_*([a-z0-9]+_)?(log|logger)$`)

// loggerFactories return logger objects.
var loggerFactories = map[string]bool{
	"logging.getLogger": true, "logging.LoggerAdapter": true, "structlog.get_logger": true, "structlog.getLogger": true,
	"loguru.logger": true,
}

// isLogCall reports whether c writes a log record.
func isLogCall(m *semantic.Model, c *ast.Call) bool {
	a, ok := c.Func.(*ast.Attribute)
	if !ok || !logMethods[a.Attr] {
		return false
	}
	recv := a.Value
	q := m.QualifiedName(recv)
	if q == "logging" || loggerFactories[q] {
		return true
	}
	switch r := recv.(type) {
	case *ast.Call:
		return loggerFactories[m.QualifiedName(r.Func)]
	case *ast.Attribute:
		return loggerName.MatchString(r.Attr)
	case *ast.Name:
		for _, b := range m.Lookup(r.Id, r.Pos()) {
			if b.Kind == semantic.AssignBinding {
				if v, ok := b.Value.(*ast.Call); ok && loggerFactories[m.QualifiedName(v.Func)] {
					return true
				}
			}
		}
		return loggerName.MatchString(r.Id)
	}
	return false
}

// secretWords are identifier words that name a secret on their own;
// secretPairs name one together with the word before them.
var (
	secretWords = map[string]bool{"password": true, "passwd": true, "passphrase": true, "secret": true, "apikey": true, "cvv": true}
	secretPairs = map[string]bool{
		"api_key": true, "private_key": true, "secret_key": true, "access_key": true, "signing_key": true, "encryption_key": true,
		"access_token": true, "refresh_token": true, "auth_token": true, "bearer_token": true, "id_token": true,
		"session_token": true, "api_token": true, "card_number": true, "credit_card": true,
		"client_secret": true, "session_key": true, "session_id": true, "sessionid": true,
	}
	// notSecret are final words that make the identifier a property of a
	// secret rather than the secret (password_length, token_type).
	notSecret = map[string]bool{
		"len": true, "length": true, "count": true, "size": true, "field": true, "fields": true, "name": true, "names": true,
		"type": true, "policy": true, "prompt": true, "required": true, "changed": true, "reset": true, "expired": true,
		"expiry": true, "expires": true, "url": true, "file": true, "path": true, "min": true, "max": true, "ok": true,
		"valid": true, "enabled": true, "label": true, "hint": true, "attempts": true, "age": true, "algorithm": true,
		"header": true, "param": true, "env": true, "var": true, "id": true, "set": true, "mode": true, "scheme": true,
	}
)

// identWords splits an identifier into lower-case words at underscores and
// camel-case boundaries.
func identWords(s string) []string {
	var words []string
	var cur []rune
	prevLower := false
	for _, r := range s {
		switch {
		case r == '_' || r == '-' || r == ' ' || r == '.':
			if len(cur) > 0 {
				words = append(words, string(cur))
			}
			cur, prevLower = nil, false
			continue
		case unicode.IsUpper(r) && prevLower:
			words = append(words, string(cur))
			cur = nil
		}
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
		cur = append(cur, unicode.ToLower(r))
	}
	if len(cur) > 0 {
		words = append(words, string(cur))
	}
	return words
}

// isSecretName reports whether an identifier or dictionary key names a
// secret value.
func isSecretName(s string) bool {
	w := identWords(s)
	if len(w) == 0 || notSecret[w[len(w)-1]] || len(w) > 4 {
		return false
	}
	for i, x := range w {
		if secretWords[x] {
			return true
		}
		if i > 0 && secretPairs[w[i-1]+"_"+x] {
			return true
		}
	}
	return len(w) == 1 && secretPairs[w[0]]
}

// secretOperand returns the name of the secret that e is, or "".
func secretOperand(m *semantic.Model, e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		if isSecretName(e.Id) {
			return e.Id
		}
	case *ast.Attribute:
		if isSecretName(e.Attr) {
			return e.Attr
		}
	case *ast.Subscript:
		if k, ok := analysis.ConstString(m, e.Slice); ok && isSecretName(k) {
			return k
		}
	case *ast.Call:
		// request.form.get("password"), os.environ.get("API_KEY")
		if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "get" && len(e.Args) > 0 {
			if k, ok := analysis.ConstString(m, e.Args[0]); ok && isSecretName(k) {
				return k
			}
		}
	}
	return ""
}

// loggedSecret returns the secret that a log argument writes out, looking
// through f-strings, % and str.format but not into other calls (len(x),
// mask(x) do not log x).
func loggedSecret(m *semantic.Model, e ast.Expr) string {
	if s := secretOperand(m, e); s != "" {
		return s
	}
	switch e := e.(type) {
	case *ast.JoinedStr:
		for _, v := range e.Values {
			if fv, ok := v.(*ast.FormattedValue); ok {
				if s := loggedSecret(m, fv.Value); s != "" {
					return s
				}
			}
		}
	case *ast.BinOp:
		if e.Op == ast.Mod || e.Op == ast.Add {
			if s := loggedSecret(m, e.Left); s != "" {
				return s
			}
			return loggedSecret(m, e.Right)
		}
	case *ast.Tuple:
		for _, x := range e.Elts {
			if s := loggedSecret(m, x); s != "" {
				return s
			}
		}
	case *ast.Dict:
		for i, v := range e.Values {
			if k, ok := analysis.ConstString(m, e.Keys[i]); ok && isSecretName(k) {
				return k
			}
			if s := loggedSecret(m, v); s != "" {
				return s
			}
		}
	case *ast.Call:
		if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "format" {
			for _, x := range e.Args {
				if s := loggedSecret(m, x); s != "" {
					return s
				}
			}
			for _, k := range e.Keywords {
				if s := loggedSecret(m, k.Value); s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// secretLabel matches text that labels the value after it as a secret:
// "password=", "token: ", "api key ".
var secretLabel = regexp.MustCompile(`(?i)\b(password|passwd|passphrase|secret|token|api[_ -]?key|private[_ -]?key|access[_ -]?key)\s*[:=]?\s*['"(\[]?$`)

// notSecretTokens are words that make a "token" something else: a
// pagination or idempotency token, or a grammar's token.
var notSecretTokens = map[string]bool{"idempotency": true, "pagination": true, "page": true, "next": true,
	"starting": true, "continuation": true, "sync": true, "cancellation": true, "illegal": true, "unexpected": true,
	"grammar": true, "lexer": true, "parser": true, "end": true}

// labelBefore returns the secret label that ends text ("password=",
// "token: "), or "".
func labelBefore(text string) string {
	loc := secretLabel.FindStringSubmatchIndex(text)
	if loc == nil {
		return ""
	}
	label := text[loc[2]:loc[3]]
	if strings.EqualFold(label, "token") {
		// "idempotency token (%s)", or "... starting token parser. For token: %s".
		words := strings.Fields(strings.ToLower(text[:loc[3]]))
		for i := 1; i < len(words); i++ {
			if strings.HasPrefix(words[i], "token") && notSecretTokens[strings.Trim(words[i-1], ":=,(")] {
				return ""
			}
		}
	}
	return label
}

// percentField matches one printf-style conversion.
var percentField = regexp.MustCompile(`%(\([^)]*\))?[-#0 +]*(\*|\d+)?(\.(\*|\d+))?[a-zA-Z%]`)

// notSecretValue are identifier words of values that a secret-labelled
// message names beside the secret (the user, the client, the URL).
var notSecretValue = map[string]bool{
	"email": true, "user": true, "username": true, "name": true, "owner": true, "id": true, "url": true,
	"host": true, "org": true, "client": true, "resource": true, "scope": true, "scopes": true, "type": true,
	"count": true, "len": true, "length": true, "path": true, "file": true, "filename": true, "status": true,
}

// plainValue reports whether e is a variable, attribute or item, not a
// call that might mask or measure it, nor a value named as something other
// than a secret.
func plainValue(e ast.Expr) bool {
	var ident string
	switch e := e.(type) {
	case *ast.Name:
		ident = e.Id
	case *ast.Attribute:
		ident = e.Attr
	case *ast.Subscript:
		return true
	default:
		return false
	}
	for _, w := range identWords(ident) {
		if notSecretValue[w] {
			return false
		}
	}
	return true
}

// labelledSecret finds a value that the message itself calls a secret:
// log.info("token: %s", t) or f"password={pw}".
func labelledSecret(m *semantic.Model, args []ast.Expr) string {
	if len(args) == 0 {
		return ""
	}
	if js, ok := args[0].(*ast.JoinedStr); ok {
		for i := 1; i < len(js.Values); i++ {
			c, ok := js.Values[i-1].(*ast.Constant)
			fv, ok2 := js.Values[i].(*ast.FormattedValue)
			if ok && ok2 && c.Kind == ast.StrConst && plainValue(fv.Value) {
				if l := labelBefore(c.Str); l != "" {
					return l
				}
			}
		}
		return ""
	}
	format, ok := analysis.ConstString(m, args[0])
	if !ok {
		return ""
	}
	n := 0
	for _, loc := range percentField.FindAllStringIndex(format, -1) {
		if format[loc[1]-1] == '%' {
			continue // %%
		}
		n++
		if l := labelBefore(format[:loc[0]]); l != "" && n < len(args) && plainValue(args[n]) {
			return l
		}
	}
	return ""
}

// SecretLogged finds passwords, tokens and keys written to logs.
var SecretLogged = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG811", Name: "sensitive-data-logged", CWE: []int{532},
		Guide:    []string{"pyscg-0019"},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "password, token, API key or other secret passed to a logging call",
		Why: "Logs are copied to files, collectors, dashboards and support tickets, kept for months and read by many " +
			"more people than the credential store. A password or token in a log record is a leaked credential, and " +
			"anyone who reads the logs can replay it.",
		Vulnerable: "import logging\n\nlog = logging.getLogger(__name__)\n\ndef login(username, password):\n    log.info(\"login attempt user=%s password=%s\", username, password)\n    return authenticate(username, password)\n",
		Secure:     "import logging\n\nlog = logging.getLogger(__name__)\n\ndef login(username, password):\n    log.info(\"login attempt user=%s\", username)\n    return authenticate(username, password)\n",
		Fix:        "Leave secrets out of log records; log an identifier of the user or key instead, or install a logging.Filter that redacts them.",
		References: []string{"https://cwe.mitre.org/data/definitions/532.html", "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude"},
		Tags:       []string{"logging", "secrets"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if !isLogCall(m, cs.Call) {
				continue
			}
			args := cs.Call.Args
			if a := cs.Call.Func.(*ast.Attribute); a.Attr == "log" && len(args) > 0 {
				args = args[1:] // the level
			}
			for _, k := range cs.Call.Keywords {
				if k.Arg == "extra" {
					args = append(args[:len(args):len(args)], k.Value)
				}
			}
			reported := false
			for _, a := range args {
				if s := loggedSecret(m, a); s != "" {
					p.Reportf(a, "%s is written to the log; leave secrets out of log records", strings.TrimSpace(s))
					reported = true
					break
				}
			}
			if l := labelledSecret(m, args); l != "" && !reported {
				p.Reportf(cs.Call, "the log message writes out a value it labels %q; leave secrets out of log records", strings.ToLower(l))
			}
		}
	},
}
