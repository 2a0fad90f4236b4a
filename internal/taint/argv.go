package taint

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// Argument vectors. Without a shell, subprocess runs the first element of
// a list and hands the others to it as arguments: only untrusted data in
// the first position (the program) is command injection. Labels of data
// that sits after a clean first element are marked Tail; they reach
// every sink as usual except the program position of a process.

// asArguments marks the labels as sitting after a list's first element.
func (t taint) asArguments() taint {
	out := make(taint, 0, len(t))
	for _, l := range t {
		if !l.Tail {
			c := *l
			c.Tail = true
			l = &c
		}
		out = append(out, l)
	}
	return out
}

// asElement drops the Tail marks: an element taken out of a list may be
// put first in another.
func (t taint) asElement() taint {
	for i, l := range t {
		if l.Tail {
			out := append(taint(nil), t[:i]...)
			for _, l := range t[i:] {
				if l.Tail {
					c := *l
					c.Tail = false
					l = &c
				}
				out = append(out, l)
			}
			return out
		}
	}
	return t
}

// programs keeps the labels that may be in a program position.
func (t taint) programs() taint {
	var out taint
	for _, l := range t {
		if !l.Tail {
			out = append(out, l)
		}
	}
	return out
}

// sequence is the taint of a list or tuple display: what follows a clean
// first element is marked Tail.
func (c *fnCtx) sequence(elts []ast.Expr, st state) taint {
	if len(elts) < 2 {
		return c.exprs(elts, st)
	}
	head := c.expr(elts[0], st)
	if len(elts) >= 3 && c.shellScript(elts[0], elts[1]) {
		// ["sh", "-c", script, ...]: the shell runs the script as a
		// command line.
		return union(head, union(c.expr(elts[2], st), c.exprs(elts[3:], st).asArguments()))
	}
	rest := c.exprs(elts[1:], st)
	if _, starred := elts[0].(*ast.Starred); len(head) == 0 && !starred && len(rest) > 0 {
		return rest.asArguments()
	}
	return union(head, rest)
}

// shells are programs that run their -c (or /c, -Command) argument as a
// command line.
var shells = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "ash": true,
	"csh": true, "tcsh": true, "fish": true, "cmd": true, "cmd.exe": true, "powershell": true,
	"powershell.exe": true, "pwsh": true}

// shellScript reports an argument vector that starts with a shell and
// the flag that makes it run its next argument.
func (c *fnCtx) shellScript(prog, flag ast.Expr) bool {
	m := c.m
	p, ok := analysis.ConstString(m, prog)
	if !ok {
		return false
	}
	f, ok := analysis.ConstString(m, flag)
	if !ok {
		return false
	}
	p = strings.ToLower(p[strings.LastIndexAny(p, "/\\")+1:])
	if !shells[p] {
		return false
	}
	f = strings.ToLower(f)
	return f == "/c" || f == "-command" || (strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.HasSuffix(f, "c"))
}

// concat is the taint of a + b: ["prog", "-x"] + args puts args after the
// program.
func (c *fnCtx) concat(x *ast.BinOp, st state) taint {
	left, right := c.expr(x.Left, st), c.expr(x.Right, st)
	// Markup("<b>%s</b>") % value and Markup(...) + value escape value.
	if (x.Op == ast.Mod || x.Op == ast.Add) && (c.isMarkup(x.Left) || c.isMarkup(x.Right)) {
		return union(left, right).clearAll([]Kind{XSS})
	}
	if l, ok := x.Left.(*ast.List); ok && x.Op == ast.Add && len(left) == 0 && len(right) > 0 && plainHead(l) {
		return right.asArguments()
	}
	return union(left, right)
}

// pathClasses make pathlib paths.
var pathClasses = map[string]bool{"pathlib.Path": true, "pathlib.PurePath": true, "pathlib.PosixPath": true,
	"pathlib.WindowsPath": true, "pathlib.PurePosixPath": true, "pathlib.PureWindowsPath": true}

// pathDerived are path methods that return another path.
var pathDerived = map[string]bool{"resolve": true, "absolute": true, "joinpath": true, "with_name": true,
	"with_suffix": true, "with_stem": true, "expanduser": true}

// pathAccess are path methods that touch the file system at the path.
var pathAccess = map[string]bool{"open": true, "read_text": true, "read_bytes": true, "write_text": true,
	"write_bytes": true, "exists": true, "is_file": true, "is_dir": true, "stat": true, "unlink": true,
	"rmdir": true, "mkdir": true, "touch": true, "iterdir": true, "glob": true, "rglob": true, "rename": true,
	"replace": true, "chmod": true, "symlink_to": true, "hardlink_to": true, "lstat": true, "owner": true}

// isPath reports an expression that is a pathlib path: a path class
// called, a path joined with /, or a name bound only to those.
func (c *fnCtx) isPath(e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	m := c.m
	switch x := e.(type) {
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok && pathDerived[a.Attr] {
			return c.isPath(a.Value, depth+1)
		}
		return pathClasses[m.QualifiedName(x.Func)]
	case *ast.BinOp:
		return x.Op == ast.Div && c.isPath(x.Left, depth+1)
	case *ast.Name:
		bs := m.Lookup(x.Id, x.Pos())
		for _, b := range bs {
			if b.Value == nil || !c.isPath(b.Value, depth+1) {
				return false
			}
		}
		return len(bs) > 0
	}
	return false
}

// plainHead reports a list display with a first element that is not
// starred.
func plainHead(l *ast.List) bool {
	if len(l.Elts) == 0 {
		return false
	}
	_, starred := l.Elts[0].(*ast.Starred)
	return !starred
}

// mutators are methods that add their arguments to the receiver.
var mutators = map[string]bool{"append": true, "extend": true, "insert": true, "add": true, "update": true,
	"appendleft": true, "extendleft": true, "setdefault": true,
	// configparser and other keyed stores, queues
	"set": true, "put": true, "put_nowait": true, "read_string": true, "read_dict": true,
	// in-memory files (io.StringIO) read back with getvalue()
	"write": true, "writelines": true}

// mutate adds the arguments of `name.append(...)` and the like to the
// name's taint; appending to a list that starts with a clean program adds
// arguments, not a program.
func (c *fnCtx) mutate(call *ast.Call, st state, added taint) {
	a, ok := call.Func.(*ast.Attribute)
	if !ok || !mutators[a.Attr] || len(added) == 0 {
		return
	}
	n, ok := a.Value.(*ast.Name)
	if !ok || c.requests[n.Id] {
		return
	}
	if (a.Attr == "append" || a.Attr == "extend") && c.startsClean(n, st) {
		added = added.asArguments()
	}
	st.set(n.Id, union(st.at(n.Id), added))
}

// startsClean reports a name bound only to list displays whose first
// element is clean: ["git", "clone"] or [sys.executable, "-m", "pip"].
func (c *fnCtx) startsClean(n *ast.Name, st state) bool {
	bs := c.m.Lookup(n.Id, n.Pos())
	for _, b := range bs {
		l, ok := b.Value.(*ast.List)
		if !ok || !plainHead(l) || len(c.expr(l.Elts[0], st)) > 0 {
			return false
		}
	}
	return len(bs) > 0
}

// isMarkup reports a call that makes a markupsafe.Markup string.
func (c *fnCtx) isMarkup(e ast.Expr) bool {
	call, ok := e.(*ast.Call)
	if !ok {
		return false
	}
	switch c.m.QualifiedName(call.Func) {
	case "markupsafe.Markup", "flask.Markup", "jinja2.Markup":
		return true
	}
	return false
}
