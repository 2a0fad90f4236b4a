// Package injection holds the rules for code, command, SQL and template
// injection found from the shape of a call (the taint rules confirm the
// data flow separately).
package injection

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{SQLFormatting, ShellTrue, OSSystem, PartialPath, DynamicProgram, WildcardInjection,
		EvalExec, JinjaAutoescape, TemplateFromString, MarkSafe}
}

func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// methodName is the attribute name of a call like x.execute(...), or the
// last part of its qualified name.
func methodName(cs analysis.CallSite) string {
	if a, ok := cs.Call.Func.(*ast.Attribute); ok {
		return a.Attr
	}
	return lastPart(cs.Name)
}

var sqlWords = []string{"select ", "insert ", "update ", "delete ", " where ", " from ", "drop ", "create ", "alter ", " values", "replace into", " order by", " set ", "exec "}

// looksLikeSQL reports whether the constant text of a built string reads
// like SQL.
func looksLikeSQL(m *semantic.Model, e ast.Expr) bool {
	var text strings.Builder
	collectText(m, e, &text, 0)
	s := " " + strings.ToLower(text.String()) + " "
	for _, w := range sqlWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func collectText(m *semantic.Model, e ast.Expr, b *strings.Builder, depth int) {
	if depth > 8 || e == nil {
		return
	}
	if v, ok := m.ConstValue(e); ok {
		if v.Kind == semantic.StrValue {
			b.WriteString(v.Str)
			b.WriteByte(' ')
		}
		return
	}
	switch e := e.(type) {
	case *ast.JoinedStr:
		for _, p := range e.Values {
			if c, ok := p.(*ast.Constant); ok {
				b.WriteString(c.Str)
			} else {
				b.WriteString(" x ")
			}
		}
	case *ast.BinOp:
		collectText(m, e.Left, b, depth+1)
		collectText(m, e.Right, b, depth+1)
	case *ast.Call:
		if a, ok := e.Func.(*ast.Attribute); ok {
			collectText(m, a.Value, b, depth+1)
		}
	case *ast.Name:
		for _, bd := range m.Lookup(e.Id, e.Pos()) {
			if bd.Value != nil {
				collectText(m, bd.Value, b, depth+1)
			}
			if aug, ok := bd.Node.(*ast.AugAssign); ok {
				collectText(m, aug.Value, b, depth+1)
			}
		}
	}
}

// SQLFormatting finds SQL text built with f-strings, %, format() or + and
// passed to a query execution function.
var SQLFormatting = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG101", Name: "sql-string-formatting", CWE: []int{89},
		Guide:    []string{"pyscg-0010"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "SQL statement built by string formatting and passed to a query function",
		Why: "When a query is assembled with an f-string, %, format() or +, any value spliced into it becomes " +
			"part of the SQL grammar. A value such as `1 OR 1=1` or `'; DROP TABLE users; --` changes what the " +
			"database executes: rows leak, checks are bypassed, data is destroyed. Database drivers and ORMs " +
			"accept the values separately (parameters), so the driver quotes them and they can never be read as SQL.",
		Vulnerable: "import sqlite3\n\ndef find_user(conn: sqlite3.Connection, name: str):\n    cur = conn.cursor()\n    cur.execute(f\"SELECT id, email FROM users WHERE name = '{name}'\")\n    return cur.fetchone()\n",
		Secure:     "import sqlite3\n\ndef find_user(conn: sqlite3.Connection, name: str):\n    cur = conn.cursor()\n    cur.execute(\"SELECT id, email FROM users WHERE name = ?\", (name,))\n    return cur.fetchone()\n",
		Fix: "Pass values as query parameters (`?`, `%s` or `:name` placeholders, depending on the driver) in the " +
			"second argument of execute(); with Django use `raw(sql, params)`/`extra(params=...)` or the ORM; " +
			"with SQLAlchemy use `text(\"... :name\")` with bound parameters. Identifiers (table or column names) " +
			"cannot be parameters: check them against a fixed allow-list.",
		References: []string{"https://cwe.mitre.org/data/definitions/89.html", "https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html"},
		Aliases:    []string{"B608", "S608", "B610", "S610", "B611", "S611"},
		Tags:       []string{"injection", "sql"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			var q ast.Expr
			switch name := methodName(cs); {
			case name == "execute" || name == "executemany" || name == "executescript" || name == "mogrify" ||
				name == "raw" || name == "read_sql" || name == "read_sql_query" || cs.Name == "sqlalchemy.text" ||
				cs.Name == "sqlalchemy.sql.text" || cs.Name == "sqlalchemy.sql.expression.text" ||
				cs.Name == "django.db.models.expressions.RawSQL" || cs.Name == "django.db.models.RawSQL":
				q = analysis.Arg(cs.Call, 0, "sql")
				if q == nil {
					q = analysis.Arg(cs.Call, 0, "query")
				}
			case name == "extra":
				for _, kw := range []string{"where", "select", "tables", "order_by"} {
					if v := analysis.Keyword(cs.Call, kw); v != nil {
						ast.Inspect(v, func(n ast.Node) bool {
							if e, ok := n.(ast.Expr); ok && q == nil && analysis.IsBuiltString(m, e) {
								q = e
							}
							return q == nil
						})
					}
				}
				if q != nil {
					p.Report(q, "SQL passed to extra() is built by string formatting; pass values in params=")
				}
				continue
			default:
				continue
			}
			if q == nil || !analysis.IsBuiltString(m, q) || !looksLikeSQL(m, q) || quotedOnly(m, q, 0) || m.KnownAt(q) {
				continue
			}
			p.Reportf(cs.Call, "SQL query built by string formatting is passed to %s(); pass the values as query parameters", methodName(cs))
		}
	},
}

// identifierQuoters quote a table or column name for SQL; int() and
// float() make numbers.
var identifierQuoters = map[string]bool{"quote_name": true, "quote_ident": true, "quote_identifier": true,
	"escape_identifier": true, "int": true, "float": true}

// quotedOnly reports whether SQL text is built only from constants and
// quoted identifiers or numbers ('DROP TABLE %s' % ops.quote_name(table)).
func quotedOnly(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 8 || e == nil {
		return false
	}
	if analysis.IsConstant(m, e) {
		return true
	}
	switch x := e.(type) {
	case *ast.Call:
		fn := x.Func
		if n, ok := fn.(*ast.Name); ok {
			// qn = connection.ops.quote_name
			if bs := m.Lookup(n.Id, n.Pos()); len(bs) == 1 && bs[0].Kind == semantic.AssignBinding && bs[0].Value != nil {
				fn = bs[0].Value
			}
		}
		if identifierQuoters[lastPart(m.QualifiedName(fn))] {
			return true
		}
		if a, ok := fn.(*ast.Attribute); ok {
			if identifierQuoters[a.Attr] {
				return true
			}
			if a.Attr == "format" && analysis.IsConstant(m, a.Value) && len(x.Keywords) == 0 {
				for _, arg := range x.Args {
					if !quotedOnly(m, arg, depth+1) {
						return false
					}
				}
				return true
			}
		}
	case *ast.JoinedStr:
		for _, v := range x.Values {
			if fv, ok := v.(*ast.FormattedValue); ok && !quotedOnly(m, fv.Value, depth+1) {
				return false
			}
		}
		return true
	case *ast.BinOp:
		return (x.Op == ast.Add || x.Op == ast.Mod) && quotedOnly(m, x.Left, depth+1) && quotedOnly(m, x.Right, depth+1)
	case *ast.Tuple:
		for _, el := range x.Elts {
			if !quotedOnly(m, el, depth+1) {
				return false
			}
		}
		return true
	case *ast.Name:
		bs := m.Lookup(x.Id, x.Pos())
		return len(bs) == 1 && bs[0].Kind == semantic.AssignBinding && bs[0].Value != nil && quotedOnly(m, bs[0].Value, depth+1)
	}
	return false
}

var subprocessShellFuncs = map[string]bool{
	"subprocess.Popen": true, "subprocess.call": true, "subprocess.check_call": true,
	"subprocess.check_output": true, "subprocess.run": true,
}

// ShellTrue finds subprocess calls that run a command through the shell.
var ShellTrue = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG102", Name: "subprocess-shell-true", CWE: []int{78},
		Guide:    []string{"pyscg-0009"},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "subprocess call with shell=True",
		Why: "With shell=True the command is handed to /bin/sh (or cmd.exe), which interprets `;`, `|`, `&&`, " +
			"`$(...)`, backquotes and globbing. Any part of the command that comes from a request, a file name or " +
			"a configuration value can then run further commands with the program's privileges. Even a constant " +
			"command invites the next change to splice a variable into it.",
		Vulnerable: "import subprocess\n\ndef ping(host):\n    return subprocess.run(f\"ping -c 1 {host}\", shell=True, capture_output=True)\n",
		Secure:     "import subprocess\n\ndef ping(host):\n    return subprocess.run([\"ping\", \"-c\", \"1\", \"--\", host], capture_output=True)\n",
		Fix: "Pass the program and its arguments as a list and leave shell=False (the default). If a shell feature " +
			"is really needed, build the command from constants and quote every variable part with shlex.quote().",
		References: []string{"https://cwe.mitre.org/data/definitions/78.html", "https://docs.python.org/3/library/subprocess.html#security-considerations"},
		Aliases:    []string{"B602", "S602", "B604", "S604"},
		Tags:       []string{"injection", "command"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "asyncio.create_subprocess_shell" || cs.Name == "asyncio.subprocess.create_subprocess_shell" {
				cmd := analysis.Arg(cs.Call, 0, "cmd")
				if cmd != nil && !analysis.IsConstant(m, cmd) {
					p.Report(cs.Call, "asyncio.create_subprocess_shell() runs a command built at run time through the shell")
				}
				continue
			}
			shell := analysis.Keyword(cs.Call, "shell")
			if shell == nil || !analysis.IsTrue(m, shell) {
				continue
			}
			cmd := analysis.Arg(cs.Call, 0, "args")
			constant := cmd != nil && (analysis.IsConstant(m, cmd) || m.KnownAt(cmd))
			var elts []ast.Expr
			switch l := cmd.(type) {
			case *ast.List:
				elts = l.Elts
			case *ast.Tuple:
				elts = l.Elts
			}
			if elts != nil {
				constant = true
				for _, e := range elts {
					if !analysis.IsConstant(m, e) {
						constant = false
					}
				}
			}
			if subprocessShellFuncs[cs.Name] {
				// A constant command cannot be injected into (its wildcards
				// are SG106's).
				if !constant {
					p.Reportf(cs.Call, "%s() runs a command built at run time through the shell (shell=True)", lastPart(cs.Name))
				}
				continue
			}
			if cs.Name == "functools.partial" {
				if fn := analysis.Arg(cs.Call, 0, ""); fn != nil && subprocessShellFuncs[m.QualifiedName(fn)] {
					p.Reportf(cs.Call, "functools.partial() fixes shell=True for %s(): every command it is given runs through the shell", m.QualifiedName(fn))
				}
				continue
			}
			if cs.Name != "" && !constant && runsCommands(lastPart(cs.Name)) {
				p.ReportWith(cs.Call, lastPart(cs.Name)+"() is called with shell=True and a command built at run time", func(f *finding.Finding) {
					f.Severity, f.Confidence = finding.Medium, finding.LowConfidence
				})
			}
		}
	},
}

// runsCommands reports whether a function's name says it runs commands
// (run, call, Popen, execute, spawn, system, shell, command ...), for
// wrappers that take shell=True; dict(shell=True) or quote(arg, shell=True)
// run nothing.
func runsCommands(name string) bool {
	l := strings.ToLower(name)
	if strings.Contains(l, "quote") || strings.Contains(l, "escape") {
		return false
	}
	for _, w := range []string{"run", "call", "popen", "exec", "spawn", "system", "shell", "command", "cmd", "check_output", "invoke"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

var osShellFuncs = map[string]bool{
	"os.system": true, "os.popen": true, "os.popen2": true, "os.popen3": true, "os.popen4": true,
	"popen2.popen2": true, "popen2.popen3": true, "popen2.popen4": true, "popen2.Popen3": true, "popen2.Popen4": true,
	"commands.getoutput": true, "commands.getstatusoutput": true,
	"subprocess.getoutput": true, "subprocess.getstatusoutput": true,
}

// OSSystem finds functions that always run their argument through the
// shell.
var OSSystem = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG103", Name: "os-system-shell", CWE: []int{78},
		Guide:    []string{"pyscg-0009"},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "os.system, os.popen or subprocess.getoutput with a command built at run time",
		Why: "These functions always pass their string to the shell. A host name, file name or any other value " +
			"placed in the string can end the intended command and start another one (`x; rm -rf ~`).",
		Vulnerable: "import os\n\ndef archive(name):\n    os.system(\"tar czf /backups/out.tgz \" + name)\n",
		Secure:     "import subprocess\n\ndef archive(name):\n    subprocess.run([\"tar\", \"czf\", \"/backups/out.tgz\", \"--\", name], check=True)\n",
		Fix:        "Use subprocess.run() with a list of arguments and without shell=True.",
		References: []string{"https://cwe.mitre.org/data/definitions/78.html"},
		Aliases:    []string{"B605", "S605"},
		Tags:       []string{"injection", "command"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if !osShellFuncs[cs.Name] {
				continue
			}
			cmd := analysis.Arg(cs.Call, 0, "cmd")
			if cmd == nil {
				cmd = analysis.Arg(cs.Call, 0, "command")
			}
			if cmd != nil && analysis.IsConstant(m, cmd) {
				continue // a constant command cannot be injected into (wildcards: SG106)
			}
			p.Reportf(cs.Call, "%s() runs a command built at run time through the shell", cs.Name)
		}
	},
}

var startProcessFuncs = map[string]int{ // function -> index of the program argument
	"subprocess.Popen": 0, "subprocess.call": 0, "subprocess.check_call": 0, "subprocess.check_output": 0, "subprocess.run": 0,
	"os.execl": 0, "os.execle": 0, "os.execlp": 0, "os.execlpe": 0, "os.execv": 0, "os.execve": 0, "os.execvp": 0, "os.execvpe": 0,
	"os.spawnl": 1, "os.spawnle": 1, "os.spawnlp": 1, "os.spawnlpe": 1, "os.spawnv": 1, "os.spawnve": 1, "os.spawnvp": 1, "os.spawnvpe": 1,
	"os.startfile": 0, "asyncio.create_subprocess_exec": 0, "asyncio.subprocess.create_subprocess_exec": 0,
}

// program returns the expression naming the program a call starts.
func program(cs analysis.CallSite, idx int) ast.Expr {
	a := analysis.Arg(cs.Call, idx, "args")
	if idx > 0 {
		a = analysis.Arg(cs.Call, idx, "")
	}
	if l, ok := a.(*ast.List); ok && len(l.Elts) > 0 {
		return l.Elts[0]
	}
	if t, ok := a.(*ast.Tuple); ok && len(t.Elts) > 0 {
		return t.Elts[0]
	}
	return a
}

// PartialPath finds processes started by a bare program name.
var PartialPath = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG104", Name: "start-process-partial-path", CWE: []int{426},
		Guide:    []string{"pyscg-0013"},
		Severity: finding.Low, Confidence: finding.HighConfidence,
		Summary: "process started with a program name that is not an absolute path",
		Why: "A bare name like `git` is looked up in PATH at run time. Whoever controls PATH or a directory early " +
			"in it (a writable working directory on Windows, a poisoned CI environment) decides which binary runs.",
		Vulnerable: "import subprocess\n\nsubprocess.run([\"git\", \"pull\"], check=True)\n",
		Secure:     "import subprocess\n\nsubprocess.run([\"/usr/bin/git\", \"pull\"], check=True)\n",
		Fix:        "Use the absolute path of the program, or resolve it once with shutil.which() from a PATH you control and check the result.",
		References: []string{"https://cwe.mitre.org/data/definitions/426.html"},
		Aliases:    []string{"B607", "S607"},
		Tags:       []string{"command"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			idx, ok := startProcessFuncs[cs.Name]
			if !ok || analysis.IsTrue(m, analysis.Keyword(cs.Call, "shell")) {
				continue
			}
			prog := program(cs, idx)
			s, ok := analysis.ConstString(m, prog)
			if !ok || s == "" {
				continue
			}
			if _, isList := analysis.Arg(cs.Call, idx, "args").(*ast.List); !isList && strings.ContainsAny(s, " ") {
				s = strings.Fields(s)[0]
			}
			if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "\\") || (len(s) > 2 && s[1] == ':') || strings.HasPrefix(s, ".") {
				continue
			}
			p.Reportf(prog, "%s() starts %q found through PATH; use an absolute path", cs.Name, s)
		}
	},
}

// DynamicProgram finds processes whose program is chosen at run time.
var DynamicProgram = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG105", Name: "start-process-dynamic-program", CWE: []int{78},
		Guide:    []string{"pyscg-0009"},
		Severity: finding.Medium, Confidence: finding.LowConfidence,
		Summary: "process started with a program or argument list computed at run time",
		Why: "Without a shell the arguments cannot inject commands, but when the program itself, or the whole " +
			"argument list, comes from outside, the caller chooses what runs. Options smuggled in as arguments " +
			"(`--upload-pack=...`, `-o ProxyCommand=...`) can do the same.",
		Vulnerable: "import subprocess\n\ndef run_tool(request):\n    tool = request.args[\"tool\"]\n    subprocess.run([tool, \"--version\"])\n",
		Secure:     "import subprocess\n\nTOOLS = {\"git\": \"/usr/bin/git\", \"hg\": \"/usr/bin/hg\"}\n\ndef run_tool(request):\n    subprocess.run([TOOLS[\"git\"], \"--version\"])\n",
		Fix:        "Choose the program from a fixed mapping of allowed values, and put `--` before arguments that come from users.",
		References: []string{"https://cwe.mitre.org/data/definitions/78.html"},
		Aliases:    []string{"B603", "S603", "B606", "S606"},
		Tags:       []string{"command"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			idx, ok := startProcessFuncs[cs.Name]
			if !ok || analysis.IsTrue(m, analysis.Keyword(cs.Call, "shell")) {
				continue
			}
			prog := program(cs, idx)
			if prog == nil || analysis.IsConstant(m, prog) || fromConstantTable(m, prog) || ownInterpreter(m, prog, 0) || m.KnownAt(prog) {
				continue
			}
			if _, ok := prog.(*ast.Starred); ok {
				continue
			}
			p.Reportf(prog, "%s() starts a program chosen at run time", cs.Name)
		}
	},
}

var wildcardTools = map[string]bool{"tar": true, "chown": true, "chmod": true, "rsync": true, "zip": true}

// commandSeparators split a shell command line into simple commands.
var commandSeparators = strings.NewReplacer("&&", ";", "||", ";", "|", ";", "&", ";", "\n", ";", "(", ";", ")", ";")

// wildcardOption returns the tool of a shell command line that gets a
// wildcard which may expand to a file name starting with "-" (a bare `*`
// or `*.txt`, before any `--`), or "". `./*`, `/srv/*` and words after
// `--` expand to names that cannot be read as options.
func wildcardOption(cmdline string) string {
	for _, cmd := range strings.Split(commandSeparators.Replace(cmdline), ";") {
		words := strings.Fields(cmd)
		for len(words) > 0 && (words[0] == "sudo" || words[0] == "nice" || words[0] == "exec" || strings.Contains(words[0], "=")) {
			words = words[1:] // prefixes and VAR=value assignments
		}
		if len(words) == 0 {
			continue
		}
		tool := words[0][strings.LastIndexByte(words[0], '/')+1:]
		if !wildcardTools[tool] {
			continue
		}
		for _, w := range words[1:] {
			if w == "--" {
				break
			}
			if w[0] == '*' || w[0] == '?' || w[0] == '[' {
				return tool
			}
		}
	}
	return ""
}

// WildcardInjection finds shell commands that pass a wildcard to tools
// that read options from file names.
var WildcardInjection = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG106", Name: "shell-wildcard-injection", CWE: []int{155},
		Guide:    []string{"pyscg-0009"},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "shell command expands a wildcard for tar, chown, chmod, rsync or zip",
		Why: "The shell expands `*` to the names of the files in the directory. A file named `--checkpoint-action=exec=sh x.sh` " +
			"becomes an option to tar; `--reference=evil` changes what chown does. Whoever can create files there controls the command.",
		Vulnerable: "import os\n\nos.system(\"tar czf /backups/site.tgz *\")\n",
		Secure:     "import subprocess\n\nsubprocess.run([\"/bin/tar\", \"czf\", \"/backups/site.tgz\", \"--\", \".\"], check=True)\n",
		Fix: "Do not use shell globbing for these tools: pass explicit paths (or `.`) after `--` in an argument list. " +
			"Where a shell command must stay, write `-- *` or `./*`: the expanded names then cannot be read as options.",
		References: []string{"https://cwe.mitre.org/data/definitions/155.html"},
		Aliases:    []string{"B609", "S609"},
		Tags:       []string{"command"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			shell := osShellFuncs[cs.Name] || (subprocessShellFuncs[cs.Name] && analysis.IsTrue(m, analysis.Keyword(cs.Call, "shell")))
			if !shell {
				continue
			}
			s, ok := analysis.ConstString(m, analysis.Arg(cs.Call, 0, "args"))
			if !ok {
				continue
			}
			if tool := wildcardOption(s); tool != "" {
				p.Reportf(cs.Call, "the shell expands * into the arguments of %s; a file name can become an option", tool)
			}
		}
	},
}

// EvalExec finds eval, exec and compile on code that is not a constant.
var EvalExec = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG107", Name: "eval-exec-dynamic-code", CWE: []int{95},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "eval(), exec() or compile() of code built at run time",
		Why: "eval and exec run arbitrary Python. If any part of the string comes from a request, a file or a " +
			"message, its author runs code in your process: `__import__('os').system(...)` needs no imports of its own. " +
			"Restricting globals does not make eval safe. Code the program supplies itself (a constant, or a value the " +
			"function's constant analysis knows) is not reported, nor is a name an earlier test proved to be one quoted " +
			"string literal (`if not s.startswith(\"'\") or not s.endswith(\"'\") or \"'\" in s[1:-1]: return`, with s not " +
			"assigned after it): eval() of it only makes a str.",
		Vulnerable: "def calculate(expression):\n    return eval(expression)\n",
		Secure:     "import ast\n\ndef calculate(expression):\n    return ast.literal_eval(expression)\n",
		Fix: "Parse data with ast.literal_eval(), json.loads() or a real parser; dispatch on names with a dict of " +
			"allowed functions instead of building code.",
		References: []string{"https://cwe.mitre.org/data/definitions/95.html", "https://docs.python.org/3/library/ast.html#ast.literal_eval"},
		Aliases:    []string{"B307", "S307", "B102", "S102"},
		Tags:       []string{"injection", "code"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			switch cs.Name {
			case "eval", "exec", "compile", "builtins.eval", "builtins.exec", "builtins.compile":
			default:
				continue
			}
			code := analysis.Arg(cs.Call, 0, "source")
			if code == nil {
				code = analysis.Arg(cs.Call, 0, "")
			}
			if code == nil || analysis.IsConstant(m, code) || m.KnownAt(code) || literalChecked(m, code) {
				continue
			}
			p.Reportf(cs.Call, "%s() runs code that is not a constant", lastPart(cs.Name))
		}
	},
}

// literalChecked reports code that an earlier test proved to be one
// quoted string literal: `if not x.startswith("'") or not x.endswith("'")
// or "'" in x[1:-1]: return` before the call, in a block holding it, with
// x bound only before the test. eval() of it can only make a str, and
// exec() of it does nothing.
func literalChecked(m *semantic.Model, code ast.Expr) bool {
	n, ok := code.(*ast.Name)
	if !ok {
		return false
	}
	return analysis.CheckedBefore(m, n, func(test ast.Expr) bool {
		b, ok := test.(*ast.BoolOp)
		return ok && analysis.LiteralCheck(b) == n.Id
	})
}

// JinjaAutoescape finds Jinja2 environments without autoescaping.
var JinjaAutoescape = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG108", Name: "jinja2-autoescape-disabled", CWE: []int{79},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "jinja2.Environment without autoescaping",
		Why: "Jinja2 does not escape HTML by default. Every `{{ value }}` that holds user text can then carry " +
			"`<script>` into the page: stored or reflected cross-site scripting.",
		Vulnerable: "from jinja2 import Environment, FileSystemLoader\n\nenv = Environment(loader=FileSystemLoader(\"templates\"))\n",
		Secure:     "from jinja2 import Environment, FileSystemLoader, select_autoescape\n\nenv = Environment(loader=FileSystemLoader(\"templates\"), autoescape=select_autoescape())\n",
		Fix:        "Pass autoescape=True or autoescape=select_autoescape() (escapes .html/.xml templates).",
		References: []string{"https://cwe.mitre.org/data/definitions/79.html", "https://jinja.palletsprojects.com/en/stable/api/#autoescaping"},
		Aliases:    []string{"B701", "S701"},
		Tags:       []string{"xss", "template"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if cs.Name == "aiohttp_jinja2.setup" {
				// aiohttp_jinja2.setup escapes by default; only an explicit
				// autoescape=False turns it off.
				if ae := analysis.Keyword(cs.Call, "autoescape"); ae != nil && analysis.IsFalse(m, ae) {
					p.Report(ae, "aiohttp_jinja2.setup(autoescape=False) does not escape HTML")
				}
				continue
			}
			if cs.Name != "jinja2.Environment" && cs.Name != "jinja2.environment.Environment" {
				continue
			}
			ae := analysis.Keyword(cs.Call, "autoescape")
			switch {
			case ae == nil && !analysis.HasKwargs(cs.Call):
				p.Report(cs.Call, "jinja2.Environment() without autoescape= does not escape HTML")
			case ae != nil && analysis.IsFalse(m, ae):
				p.Report(ae, "jinja2.Environment(autoescape=False) does not escape HTML")
			}
		}
	},
}

var templateCtors = map[string]string{
	"jinja2.Template": "jinja2", "jinja2.environment.Template": "jinja2",
	"flask.render_template_string": "Flask", "mako.template.Template": "Mako",
	"django.template.Template": "Django", "django.template.base.Template": "Django",
}

// TemplateFromString finds templates compiled from text built at run time.
var TemplateFromString = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG109", Name: "template-from-dynamic-string", CWE: []int{1336},
		Guide:    []string{"pyscg-0008"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "template compiled from a string built at run time (server-side template injection)",
		Why: "Template languages are programs: `{{ ''.__class__.__mro__[1].__subclasses__() }}` in Jinja2 reaches " +
			"arbitrary Python. When user text becomes part of the template source instead of a value passed to it, the user writes code that runs on the server.",
		Vulnerable: "from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n@app.route(\"/hello\")\ndef hello():\n    return render_template_string(\"<h1>Hello \" + request.args[\"name\"] + \"</h1>\")\n",
		Secure:     "from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n@app.route(\"/hello\")\ndef hello():\n    return render_template_string(\"<h1>Hello {{ name }}</h1>\", name=request.args[\"name\"])\n",
		Fix:        "Keep template source constant (files or literals) and pass user data as context variables.",
		References: []string{"https://cwe.mitre.org/data/definitions/1336.html"},
		Aliases:    []string{"B702", "S702"},
		Tags:       []string{"injection", "template"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			lib, ok := templateCtors[cs.Name]
			src := analysis.Arg(cs.Call, 0, "source")
			if !ok {
				if a, isAttr := cs.Call.Func.(*ast.Attribute); isAttr && a.Attr == "from_string" && templateEngine(p.Unit, a.Value) {
					lib, ok = "Jinja2", true
				}
			}
			if lib == "Mako" && src == nil {
				src = analysis.Keyword(cs.Call, "text")
			}
			if !ok || src == nil || analysis.IsConstant(m, src) || shippedText(m, src, 0) {
				continue
			}
			if analysis.IsBuiltString(m, src) {
				p.Reportf(cs.Call, "%s template compiled from a string built at run time; pass user data as template variables", lib)
				continue
			}
			if _, isName := src.(*ast.Name); isName && lib != "Flask" {
				// A template read from a variable (often a file) is not flagged unless it is built.
				continue
			}
			p.ReportWith(cs.Call, lib+" template compiled from a value computed at run time; make sure no user input becomes template source", func(f *finding.Finding) {
				f.Confidence = finding.LowConfidence
			})
		}
	},
}

// templateModules are the packages whose import makes a from_string()
// call a template compilation.
var templateModules = []string{"jinja2", "django", "flask", "mako", "starlette", "fastapi", "quart", "sanic_ext", "tornado.template", "aiohttp_jinja2"}

// templateEngine reports whether recv, the receiver of a from_string()
// call, is a template environment: the file imports a template package,
// or the receiver is named like one (env, jinja_env, engine, templates).
// z3 solvers, traitlets and others have from_string methods too.
func templateEngine(u *analysis.Unit, recv ast.Expr) bool {
	if mod := u.Model().ModulePath; mod == "jinja2" || strings.HasPrefix(mod, "jinja2.") {
		return true
	}
	for _, im := range u.Model().Imports {
		for _, t := range templateModules {
			if im.Module == t || strings.HasPrefix(im.Module, t+".") {
				return true
			}
		}
	}
	var name string
	switch r := recv.(type) {
	case *ast.Name:
		name = r.Id
	case *ast.Attribute:
		name = r.Attr
	case *ast.Subscript:
		if n, ok := r.Value.(*ast.Name); ok {
			name = n.Id
		}
	}
	l := strings.ToLower(name)
	return strings.Contains(l, "env") || strings.Contains(l, "jinja") || strings.Contains(l, "engine") || strings.Contains(l, "template")
}

// shippedText reports whether e is text the program reads from its own
// files: open(...).read(), Path.read_text(), importlib.resources,
// pkgutil.get_data, or a string built only from such text and constants.
// A template file is written by the developers; a user who can change it
// can change the code as well.
func shippedText(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 8 || e == nil {
		return false
	}
	if analysis.IsConstant(m, e) {
		return true
	}
	switch e := e.(type) {
	case *ast.Call:
		switch m.QualifiedName(e.Func) {
		case "pkgutil.get_data", "importlib.resources.read_text", "importlib.resources.read_binary",
			"importlib_resources.read_text", "pkg_resources.resource_string":
			return true
		case "str":
			return len(e.Args) == 1 && shippedText(m, e.Args[0], depth+1)
		}
		a, ok := e.Func.(*ast.Attribute)
		if !ok {
			return false
		}
		switch a.Attr {
		case "read_text", "read_bytes":
			return true
		case "decode", "strip", "rstrip", "lstrip":
			return shippedText(m, a.Value, depth+1)
		case "replace":
			return shippedText(m, a.Value, depth+1) && len(e.Args) == 2 &&
				shippedText(m, e.Args[0], depth+1) && shippedText(m, e.Args[1], depth+1)
		case "read":
			return openedFile(m, a.Value, depth+1)
		case "format", "format_map":
			if !shippedText(m, a.Value, depth+1) {
				return false
			}
			for _, arg := range e.Args {
				if !shippedText(m, arg, depth+1) {
					return false
				}
			}
			return len(e.Keywords) == 0
		}
	case *ast.BinOp:
		return (e.Op == ast.Add || e.Op == ast.Mod) && shippedText(m, e.Left, depth+1) && shippedText(m, e.Right, depth+1)
	case *ast.JoinedStr:
		for _, v := range e.Values {
			if fv, ok := v.(*ast.FormattedValue); ok && !shippedText(m, fv.Value, depth+1) {
				return false
			}
		}
		return true
	case *ast.Name:
		bs := m.Lookup(e.Id, e.Pos())
		for _, b := range bs {
			if b.Kind != semantic.AssignBinding || b.Value == nil || !shippedText(m, b.Value, depth+1) {
				return false
			}
		}
		return len(bs) > 0
	}
	return false
}

// openedFile reports whether e is a file opened for reading: open(),
// io.open(), codecs.open(), pathlib's Path.open(), or a name bound to one
// (also by a with statement).
func openedFile(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := e.(type) {
	case *ast.Call:
		switch m.QualifiedName(e.Func) {
		case "open", "io.open", "codecs.open", "builtins.open":
			return true
		}
		if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "open" {
			if c, ok := a.Value.(*ast.Call); ok && strings.HasPrefix(m.QualifiedName(c.Func), "pathlib.") {
				return true
			}
		}
	case *ast.Name:
		bs := m.Lookup(e.Id, e.Pos())
		for _, b := range bs {
			switch {
			case b.Kind == semantic.AssignBinding && b.Value != nil && openedFile(m, b.Value, depth+1):
			case b.ContextExpr() != nil && openedFile(m, b.ContextExpr(), depth+1):
			default:
				return false
			}
		}
		return len(bs) > 0
	}
	return false
}

var markSafeFuncs = map[string]bool{
	"django.utils.safestring.mark_safe": true, "django.utils.html.mark_safe": true,
	"markupsafe.Markup": true, "flask.Markup": true, "jinja2.Markup": true, "jinja2.utils.Markup": true,
}

// htmlEscapers return text that is safe in HTML: escaped, or a number.
var htmlEscapers = map[string]bool{
	"html.escape": true, "django.utils.html.escape": true, "django.utils.html.conditional_escape": true,
	"django.utils.html.format_html": true, "django.utils.html.escapejs": true, "markupsafe.escape": true,
	"jinja2.escape": true, "flask.escape": true, "int": true, "float": true, "len": true,
}

// escapedOnly reports whether e is built from constants and escaped values
// only: mark_safe('<a href="{0}">{0}</a>'.format(escape(url))) is safe.
func escapedOnly(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 8 || e == nil {
		return false
	}
	if analysis.IsConstant(m, e) {
		return true
	}
	all := func(es []ast.Expr) bool {
		for _, x := range es {
			if !escapedOnly(m, x, depth+1) {
				return false
			}
		}
		return true
	}
	switch x := e.(type) {
	case *ast.Call:
		if htmlEscapers[m.QualifiedName(x.Func)] {
			return true
		}
		a, ok := x.Func.(*ast.Attribute)
		if !ok || (a.Attr != "format" && a.Attr != "format_map") || !analysis.IsConstant(m, a.Value) || !all(x.Args) {
			return false
		}
		for _, k := range x.Keywords {
			if !escapedOnly(m, k.Value, depth+1) {
				return false
			}
		}
		return true
	case *ast.JoinedStr:
		for _, v := range x.Values {
			if fv, ok := v.(*ast.FormattedValue); ok && !escapedOnly(m, fv.Value, depth+1) {
				return false
			}
		}
		return true
	case *ast.BinOp:
		return (x.Op == ast.Add || x.Op == ast.Mod) && escapedOnly(m, x.Left, depth+1) && escapedOnly(m, x.Right, depth+1)
	case *ast.Tuple:
		return all(x.Elts)
	case *ast.Dict:
		return all(x.Values)
	case *ast.Name:
		bs := m.Lookup(x.Id, x.Pos())
		return len(bs) == 1 && bs[0].Kind == semantic.AssignBinding && bs[0].Value != nil && escapedOnly(m, bs[0].Value, depth+1)
	}
	return false
}

// MarkSafe finds text marked as safe HTML that is not a constant.
var MarkSafe = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG110", Name: "mark-safe-dynamic", CWE: []int{79},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "mark_safe() or Markup() on text built at run time",
		Why: "mark_safe and Markup tell the template engine not to escape the text. If it contains anything a " +
			"user wrote, their HTML and scripts reach other users' browsers.",
		Vulnerable: "from django.utils.safestring import mark_safe\n\ndef greeting(user):\n    return mark_safe(f\"<b>Hello {user.display_name}</b>\")\n",
		Secure:     "from django.utils.html import format_html\n\ndef greeting(user):\n    return format_html(\"<b>Hello {}</b>\", user.display_name)\n",
		Fix:        "Build HTML with django.utils.html.format_html() or markupsafe's Markup(...).format(), which escape the values.",
		References: []string{"https://cwe.mitre.org/data/definitions/79.html"},
		Aliases:    []string{"B308", "S308", "B703", "S703"},
		Tags:       []string{"xss"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if !markSafeFuncs[cs.Name] {
				continue
			}
			arg := analysis.Arg(cs.Call, 0, "")
			if arg == nil || escapedOnly(m, arg, 0) {
				continue
			}
			p.Reportf(cs.Call, "%s() marks text built at run time as safe HTML", lastPart(cs.Name))
		}
	},
}

// ownInterpreter reports whether e is the running Python interpreter
// (sys.executable) or a program found by name with shutil.which("git"),
// directly or through a name bound once to one: the program is fixed by
// the code, not chosen by its input.
func ownInterpreter(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	switch x := e.(type) {
	case *ast.Attribute:
		return m.QualifiedName(x) == "sys.executable"
	case *ast.Call:
		return m.QualifiedName(x.Func) == "shutil.which" && len(x.Args) > 0 && analysis.IsConstant(m, x.Args[0])
	case *ast.Name:
		if m.QualifiedName(x) == "sys.executable" {
			return true
		}
		bs := m.Lookup(x.Id, x.Pos())
		return len(bs) == 1 && bs[0].Kind == semantic.AssignBinding && bs[0].Value != nil && ownInterpreter(m, bs[0].Value, depth+1)
	}
	return false
}

// fromConstantTable reports whether e picks an entry of a table whose
// values are all constants (an allow-list lookup such as TOOLS[name]).
func fromConstantTable(m *semantic.Model, e ast.Expr) bool {
	sub, ok := e.(*ast.Subscript)
	if !ok {
		return false
	}
	n, ok := sub.Value.(*ast.Name)
	if !ok {
		return false
	}
	bs := m.Lookup(n.Id, n.Pos())
	if len(bs) != 1 || bs[0].Value == nil {
		return false
	}
	var values []ast.Expr
	switch t := bs[0].Value.(type) {
	case *ast.Dict:
		values = t.Values
	case *ast.List:
		values = t.Elts
	case *ast.Tuple:
		values = t.Elts
	default:
		return false
	}
	for _, v := range values {
		if !analysis.IsConstant(m, v) {
			return false
		}
	}
	return len(values) > 0
}
