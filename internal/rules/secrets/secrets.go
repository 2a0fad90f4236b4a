// Package secrets holds the rules for credentials written into source code.
package secrets

import (
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{HardcodedPassword, KnownKeyFormat}
}

var passwordName = regexp.MustCompile(`(?i)(^|_|\b)(pass(wd|word|phrase)?|pwd|secret|secret_?key|api_?key|apikey|access_?key|private_?key|auth_?token|access_?token|token|credentials?)($|_)`)

// passwordWord matches names of passwords proper (for comparisons, where
// "token" is too often a parser's token).
var passwordWord = regexp.MustCompile(`(?i)(pass(wd|word|phrase)?|pwd|secret)`)

// notSecretName excludes names that mention a secret but do not hold one.
var notSecretName = regexp.MustCompile(`(?i)(_?(file|path|dir|url|uri|name|field|key_?name|header|param|env|var|prompt|label|length|len|size|type|id|regex|re|pattern|format|template|policy|validator|hasher|required|reset|expir\w*|timeout|count|min|max|hint|column|attr|prefix|suffix|msg|message|text|description|error|end|start|type|kind|class|style|mode|method|endpoint|location|placeholder|example|colou?r|ttl|lifetime|cache)$)|^(no_|is_|has_|use_)`)

// wordLike matches values that read as an identifier or a field name
// ("next_token", "NextToken"), not a secret.
// identLike matches dictionary keys that can be setting or field names.
var identLike = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_\-]*$`)

// regexLike matches regular expressions and format templates.
var regexLike = regexp.MustCompile(`\\[wdsbWDSB]|\(\?|\[\^|\{[a-z_]*\}|%\(|%s`)

var wordLike = regexp.MustCompile(`^\p{L}[\p{L}_\-.]*$`)

// cryptHash matches a password hash in modular crypt or Django format
// ("$argon2id$v=19$...", "$2b$12$...", "pbkdf2_sha256$600000$..."): what a
// configuration should hold instead of the password.
var cryptHash = regexp.MustCompile(`^(\$(1|2[abxy]?|5|6|y|gy|7|argon2(i|d|id)|scrypt|pbkdf2(-sha\d+)?|sha1|md5)\$|(pbkdf2_sha(1|256|512)|argon2|bcrypt(_sha256)?|scrypt)\$)`)

// ansiEscape matches a terminal escape sequence spelled out in a raw
// string (r"\x1b[0m", r"\033[1;31m").
var ansiEscape = regexp.MustCompile(`(\\x1[bB]|\\033|\\u001[bB]|\\e)\[[0-9;]*[A-Za-z]`)

// placeholder reports values that are not real secrets.
func placeholder(v string) bool {
	if wordLike.MatchString(v) || strings.ContainsAny(v, " \t\n") || regexLike.MatchString(v) || cryptHash.MatchString(v) {
		return true
	}
	if controlOrSymbols(v) || ansiEscape.MatchString(v) {
		return true
	}
	l := strings.ToLower(strings.TrimSpace(v))
	if len(l) < 4 {
		return true
	}
	switch {
	case strings.HasPrefix(l, "${"), strings.HasPrefix(l, "{{"), strings.HasPrefix(l, "<") && strings.HasSuffix(l, ">"),
		strings.HasPrefix(l, "%("), strings.Contains(l, "xxxx"), strings.Contains(l, "****"),
		strings.HasPrefix(l, "your"), strings.HasPrefix(l, "example"), strings.HasPrefix(l, "dummy"),
		strings.HasPrefix(l, "fake"), strings.HasPrefix(l, "test"), strings.HasPrefix(l, "mock"),
		strings.HasPrefix(l, "placeholder"), strings.HasPrefix(l, "replace"), strings.HasPrefix(l, "todo"),
		strings.HasPrefix(l, "env:"), strings.HasPrefix(l, "vault:"):
		return true
	}
	if strings.ToUpper(v) == v && strings.Contains(v, "_") && !strings.ContainsAny(v, "0123456789") {
		return true // an environment variable name such as DB_PASSWORD
	}
	return false
}

// controlOrSymbols reports values that hold a control character (terminal
// escape sequences such as "\x1b[0m", key codes) or no letter or digit at
// all ("-->", "::="): markup and protocol tokens, never a credential.
func controlOrSymbols(v string) bool {
	alnum := false
	for _, r := range v {
		if unicode.IsControl(r) {
			return true
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			alnum = true
		}
	}
	return !alnum
}

func isStringConst(e ast.Expr) (string, bool) {
	c, ok := e.(*ast.Constant)
	if !ok || c.Kind != ast.StrConst {
		return "", false
	}
	return c.Str, true
}

func targetName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Name:
		return t.Id
	case *ast.Attribute:
		return t.Attr
	case *ast.Subscript:
		if s, ok := isStringConst(t.Slice); ok {
			return s
		}
	}
	return ""
}

// secretWords are substrings every secret-looking name contains; checking
// them first keeps the regular expressions off most names.
var secretWords = []string{"pass", "pwd", "secret", "key", "token", "credential"}

func secretLike(name string) bool {
	if name == "" || len(name) > 80 {
		return false
	}
	l := strings.ToLower(name)
	hit := false
	for _, w := range secretWords {
		if strings.Contains(l, w) {
			hit = true
			break
		}
	}
	return hit && passwordName.MatchString(name) && !notSecretName.MatchString(name)
}

// HardcodedPassword finds passwords and keys assigned, defaulted or passed
// as string literals.
var HardcodedPassword = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG401", Name: "hardcoded-password", CWE: []int{798},
		Guide:    []string{"pyscg-0041"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "password, secret or token written as a string literal",
		Why: "A credential in source code is shared with everyone who can read the repository, its history, " +
			"forks, CI logs and built packages, and it cannot be rotated without a release. Leaked repositories " +
			"are scanned for such strings within minutes.",
		Vulnerable: "import psycopg2\n\ndef connect():\n    return psycopg2.connect(host=\"db\", user=\"app\", password=\"Sup3r-s3cret!\")\n",
		Secure:     "import os\nimport psycopg2\n\ndef connect():\n    return psycopg2.connect(host=\"db\", user=\"app\", password=os.environ[\"DB_PASSWORD\"])\n",
		Fix:        "Read secrets from the environment or a secret manager at run time; rotate any secret that was committed.",
		References: []string{"https://cwe.mitre.org/data/definitions/798.html"},
		Aliases:    []string{"B105", "S105", "B106", "S106", "B107", "S107"},
		Tags:       []string{"secrets"},
	},
	Run: func(p *analysis.Pass) {
		frameworkKey := func(name string) bool {
			// The framework secret-key rule (SG703) reports these.
			return (name == "secret_key" || name == "SECRET_KEY") && importsWeb(p.Unit)
		}
		secretLike := func(name string) bool { return secretLike(name) && !frameworkKey(name) }
		expectations := testExpectations(p.Unit)
		p.Unit.EachNode(func(n ast.Node) {
			switch n := n.(type) {
			case *ast.Assign:
				if v, ok := isStringConst(n.Value); ok && !placeholder(v) {
					for _, t := range n.Targets {
						if name := targetName(t); secretLike(name) {
							p.Reportf(n.Value, "%s is set to a string literal; read it from the environment or a secret store", name)
							break
						}
					}
				}
			case *ast.AnnAssign:
				if n.Value != nil {
					if v, ok := isStringConst(n.Value); ok && !placeholder(v) {
						if name := targetName(n.Target); secretLike(name) {
							p.Reportf(n.Value, "%s is set to a string literal; read it from the environment or a secret store", name)
						}
					}
				}
			case *ast.Dict:
				for i, k := range n.Keys {
					ks, ok := isStringConst(k)
					if !ok || !identLike.MatchString(ks) || !secretLike(ks) {
						continue
					}
					if v, ok := isStringConst(n.Values[i]); ok && !placeholder(v) {
						p.Reportf(n.Values[i], "%q is set to a string literal; read it from the environment or a secret store", ks)
					}
				}
			case *ast.Call:
				for _, k := range n.Keywords {
					if v, ok := isStringConst(k.Value); ok && secretLike(k.Arg) && !placeholder(v) {
						p.Reportf(k.Value, "%s= is passed a string literal; read it from the environment or a secret store", k.Arg)
					}
				}
			case *ast.Arguments:
				defaults := n.Defaults
				params := append(append([]*ast.Arg{}, n.PosOnlyArgs...), n.Args...)
				for i, d := range defaults {
					a := params[len(params)-len(defaults)+i]
					if v, ok := isStringConst(d); ok && secretLike(a.Arg) && !placeholder(v) {
						p.Reportf(d, "parameter %s defaults to a string literal", a.Arg)
					}
				}
				for i, d := range n.KwDefaults {
					if d == nil {
						continue
					}
					if v, ok := isStringConst(d); ok && secretLike(n.KwOnlyArgs[i].Arg) && !placeholder(v) {
						p.Reportf(d, "parameter %s defaults to a string literal", n.KwOnlyArgs[i].Arg)
					}
				}
			case *ast.Compare:
				// if password == "hunter2":
				if expectations[n] {
					break
				}
				if len(n.Ops) == 1 && n.Ops[0] == ast.Eq {
					if v, ok := isStringConst(n.Comparators[0]); ok && secretLike(targetName(n.Left)) && passwordWord.MatchString(targetName(n.Left)) && !placeholder(v) {
						p.Reportf(n.Comparators[0], "%s is compared with a string literal", targetName(n.Left))
					}
				}
			}
		})
	},
}

// testExpectations returns the comparisons inside the assert statements
// of a test file: `assert resp.password == "hunter2"` checks what the code
// under test returned, it does not hold a credential of its own.
func testExpectations(u *analysis.Unit) map[*ast.Compare]bool {
	if !analysis.IsTestPath(u.Path) {
		return nil
	}
	out := map[*ast.Compare]bool{}
	u.EachNode(func(n ast.Node) {
		if a, ok := n.(*ast.Assert); ok {
			ast.Inspect(a.Test, func(n ast.Node) bool {
				if c, ok := n.(*ast.Compare); ok {
					out[c] = true
				}
				return true
			})
		}
	})
	return out
}

type keyFormat struct {
	name  string
	re    *regexp.Regexp
	hints []string // one of these must occur before the expression is tried
}

var keyFormats = []keyFormat{
	{"AWS access key id", regexp.MustCompile(`\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[A-Z2-7]{16}\b`), []string{"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA"}},
	{"GitHub token", regexp.MustCompile(`\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{82}\b`), []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}},
	{"Slack token", regexp.MustCompile(`\bxox[baprs]-[0-9A-Za-z-]{10,}`), []string{"xox"}},
	{"Slack webhook", regexp.MustCompile(`https://hooks\.slack\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]+`), []string{"hooks.slack.com"}},
	{"Stripe live key", regexp.MustCompile(`\b(sk|rk)_live_[0-9A-Za-z]{20,}`), []string{"_live_"}},
	{"Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`), []string{"AIza"}},
	{"private key", regexp.MustCompile(`-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----\s*[A-Za-z0-9+/=\r\n]{40,}`), []string{"PRIVATE KEY"}},
	{"OpenAI API key", regexp.MustCompile(`\bsk-(proj-)?[A-Za-z0-9_-]{40,}`), []string{"sk-"}},
	{"JSON Web Token", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`), []string{"eyJ"}},
}

// awsSecret matches an AWS secret access key assigned to a matching name.
var awsSecret = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)

// Entropy is the Shannon entropy of s in bits per character.
func Entropy(s string) float64 {
	if s == "" {
		return 0
	}
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	h := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}

// KnownKeyFormat finds strings that have the shape of a real credential.
var KnownKeyFormat = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG402", Name: "hardcoded-credential-format", CWE: []int{798},
		Guide:    []string{"pyscg-0041"},
		Severity: finding.Critical, Confidence: finding.HighConfidence,
		Summary: "string literal with the format of a real credential (AWS, GitHub, Slack, Stripe, Google, private key, JWT)",
		Why: "Provider keys have recognisable prefixes, and attackers scan public code for them continuously. " +
			"A live key in a repository is a compromised key.",
		Vulnerable: "import boto3\n\nclient = boto3.client(\"s3\", aws_access_key_id=\"AKIAZ7Q2MPLEK4KEYSXQ\", aws_secret_access_key=os_secret)\n",
		Secure:     "import boto3\n\nclient = boto3.client(\"s3\")  # credentials from the environment or an instance role\n",
		Fix:        "Revoke the key at the provider, remove it from the code and history, and load credentials from the environment or a secret manager.",
		References: []string{"https://cwe.mitre.org/data/definitions/798.html"},
		Tags:       []string{"secrets"},
	},
	Run: func(p *analysis.Pass) {
		p.Unit.EachNode(func(n ast.Node) {
			c, ok := n.(*ast.Constant)
			if !ok || (c.Kind != ast.StrConst && c.Kind != ast.BytesConst) || len(c.Str) < 20 {
				return
			}
			for _, kf := range keyFormats {
				hinted := false
				for _, h := range kf.hints {
					if strings.Contains(c.Str, h) {
						hinted = true
						break
					}
				}
				if !hinted {
					continue
				}
				if m := kf.re.FindString(c.Str); m != "" && !strings.Contains(strings.ToUpper(m), "EXAMPLE") {
					p.Reportf(c, "string literal holds what looks like a %s", kf.name)
					return
				}
			}
			if len(c.Str) == 40 && awsSecret.MatchString(c.Str) && Entropy(c.Str) > 4.5 && strings.ContainsAny(c.Str, "0123456789") &&
				strings.ContainsAny(c.Str, "abcdefghijklmnopqrstuvwxyz") && strings.ContainsAny(c.Str, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				p.ReportWith(c, "string literal looks like an AWS secret access key (40 random characters)", func(f *finding.Finding) {
					f.Confidence = finding.LowConfidence
					f.Severity = finding.High
				})
			}
		})
	},
}

func importsWeb(u *analysis.Unit) bool {
	for _, im := range u.Model().Imports {
		if strings.HasPrefix(im.Module, "flask") || strings.HasPrefix(im.Module, "django") {
			return true
		}
	}
	return strings.HasSuffix(u.Path, "settings.py")
}
