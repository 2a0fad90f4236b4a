package manifest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/python/token"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// setupFunctions are the qualified names of the setup() that takes
// install_requires.
var setupFunctions = map[string]bool{"setuptools.setup": true, "distutils.core.setup": true}

// maxLiteralDepth bounds how far names and concatenations are followed.
const maxLiteralDepth = 8

// ParseSetupPy reads a setup.py without running it: the literal
// install_requires, extras_require and python_requires keywords of its
// setup() calls (setuptools.setup or distutils.core.setup, however
// imported), following module-level names bound once to a literal and
// list concatenation with +. What is computed is not guessed: it sets
// Computed and is reported as a Problem.
func ParseSetupPy(path string, data []byte) (SetupConfig, error) {
	res := parser.ParseFile(path, data)
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		return SetupConfig{}, &ParseError{Path: path, Line: e.Line, Err: fmt.Errorf("%s: %s", e.Kind, e.Msg)}
	}
	if res.File == nil {
		return SetupConfig{}, &ParseError{Path: path, Err: errors.New("cannot decode the file")}
	}
	r := &setupReader{file: res.File, model: semantic.Build(res.Module, res.File, "__main__"), ls: lines(res.File.Src)}
	calls := 0
	ast.Inspect(res.Module, func(n ast.Node) bool {
		if c, ok := n.(*ast.Call); ok && setupFunctions[r.model.QualifiedName(c.Func)] {
			calls++
			r.readCall(c)
		}
		return true
	})
	if calls == 0 {
		r.out.Computed = true
		r.out.Problems = append(r.out.Problems, Problem{Message: "setup.py calls no setuptools.setup(); its dependencies are not audited"})
	}
	return r.out, nil
}

type setupReader struct {
	file  *token.File
	model *semantic.Model
	ls    []string
	out   SetupConfig
}

func (r *setupReader) line(n ast.Node) int { return r.file.Line(n.Pos()) }

func (r *setupReader) computed(n ast.Node, field string) {
	r.out.Computed = true
	r.out.Problems = append(r.out.Problems, Problem{Line: r.line(n), Message: field + " in setup.py is computed; not audited"})
}

func (r *setupReader) readCall(c *ast.Call) {
	var install, extras bool
	var spread *ast.Keyword
	for _, kw := range c.Keywords {
		switch kw.Arg {
		case "":
			spread = kw
		case "install_requires":
			install = true
			items, ok := r.stringList(kw.Value, 0)
			if !ok {
				r.computed(kw, "install_requires")
				continue
			}
			r.add(items, "", nil, "install_requires")
		case "extras_require":
			extras = true
			r.readExtras(kw)
		case "python_requires":
			v, ok := r.model.ConstValue(kw.Value)
			if !ok || v.Kind != semantic.StrValue {
				r.out.Problems = append(r.out.Problems, Problem{Line: r.line(kw), Message: "python_requires in setup.py is computed; not read"})
				continue
			}
			r.out.PythonRequires, r.out.PythonLine = v.Str, r.line(kw)
		}
	}
	if spread != nil && (!install || !extras) {
		r.out.Computed = true
		r.out.Problems = append(r.out.Problems, Problem{Line: r.line(spread),
			Message: "setup() in setup.py takes keyword arguments from **" + exprText(r.file, spread.Value) + "; the dependencies they may hold are not audited"})
	}
}

func (r *setupReader) readExtras(kw *ast.Keyword) {
	keys, values, ok := r.dict(kw.Value, 0)
	if !ok {
		r.computed(kw, "extras_require")
		return
	}
	for i, key := range keys {
		items, ok := r.stringList(values[i], 0)
		if !ok {
			r.computed(values[i], "extras_require["+fmt.Sprintf("%q", key)+"]")
			continue
		}
		// "extra:marker" (or ":marker" for install_requires) adds a marker.
		group, markerText, _ := strings.Cut(key, ":")
		var marker *pep508.Marker
		if strings.TrimSpace(markerText) != "" {
			m, err := pep508.ParseMarker(markerText)
			if err != nil {
				r.out.Problems = append(r.out.Problems, Problem{Line: r.line(values[i]), Message: fmt.Sprintf("extras_require key %q: %v; skipped", key, err)})
				continue
			}
			marker = m
		}
		r.add(items, strings.TrimSpace(group), marker, "extras_require")
	}
}

// add parses requirement strings as setuptools does and records them.
func (r *setupReader) add(items []setupItem, group string, marker *pep508.Marker, field string) {
	before := len(r.out.Dependencies)
	r.out.addRequirements(r.ls, items, group, field)
	if marker == nil {
		return
	}
	for i := before; i < len(r.out.Dependencies); i++ {
		d := &r.out.Dependencies[i]
		if d.Marker == nil {
			d.Marker = marker
			continue
		}
		if m, err := pep508.ParseMarker("(" + marker.String() + ") and (" + d.Marker.String() + ")"); err == nil {
			d.Marker = m
		}
	}
}

// stringList reads a literal list, tuple or set of strings, a string of
// requirement lines, a name bound once at module level to one of those
// (and never changed in place), or a + of such lists.
func (r *setupReader) stringList(e ast.Expr, depth int) ([]setupItem, bool) {
	if depth > maxLiteralDepth {
		return nil, false
	}
	switch e := e.(type) {
	case *ast.List:
		return r.elements(e.Elts, depth)
	case *ast.Tuple:
		return r.elements(e.Elts, depth)
	case *ast.Set:
		return r.elements(e.Elts, depth)
	case *ast.Constant:
		if e.Kind != ast.StrConst {
			return nil, false
		}
		var items []setupItem
		for i, l := range strings.Split(e.Str, "\n") {
			items = append(items, setupItem{l, r.line(e) + i})
		}
		return items, true
	case *ast.Name:
		v, ok := r.boundOnce(e)
		if !ok {
			return nil, false
		}
		return r.stringList(v, depth+1)
	case *ast.BinOp:
		if e.Op != ast.Add {
			return nil, false
		}
		a, ok := r.stringList(e.Left, depth+1)
		if !ok {
			return nil, false
		}
		b, ok := r.stringList(e.Right, depth+1)
		if !ok {
			return nil, false
		}
		return append(a, b...), true
	}
	return nil, false
}

func (r *setupReader) elements(elts []ast.Expr, depth int) ([]setupItem, bool) {
	var out []setupItem
	for _, el := range elts {
		if s, ok := el.(*ast.Starred); ok {
			inner, ok := r.stringList(s.Value, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, inner...)
			continue
		}
		v, ok := r.model.ConstValue(el)
		if !ok || v.Kind != semantic.StrValue {
			return nil, false
		}
		out = append(out, setupItem{v.Str, r.line(el)})
	}
	return out, true
}

// dict reads a literal dict with string keys, dict(key=...) with keyword
// arguments, or a name bound once to one of those.
func (r *setupReader) dict(e ast.Expr, depth int) ([]string, []ast.Expr, bool) {
	if depth > maxLiteralDepth {
		return nil, nil, false
	}
	switch e := e.(type) {
	case *ast.Dict:
		var keys []string
		for _, k := range e.Keys {
			if k == nil { // **other
				return nil, nil, false
			}
			v, ok := r.model.ConstValue(k)
			if !ok || v.Kind != semantic.StrValue {
				return nil, nil, false
			}
			keys = append(keys, v.Str)
		}
		return keys, e.Values, true
	case *ast.Call:
		if r.model.QualifiedName(e.Func) != "dict" || len(e.Args) > 0 {
			return nil, nil, false
		}
		var keys []string
		var values []ast.Expr
		for _, kw := range e.Keywords {
			if kw.Arg == "" {
				return nil, nil, false
			}
			keys, values = append(keys, kw.Arg), append(values, kw.Value)
		}
		return keys, values, true
	case *ast.Name:
		v, ok := r.boundOnce(e)
		if !ok {
			return nil, nil, false
		}
		return r.dict(v, depth+1)
	}
	return nil, nil, false
}

// boundOnce returns the value of a module-level name that one plain
// assignment binds, when nothing changes it in place (append, extend,
// item or slice assignment, update ...).
func (r *setupReader) boundOnce(n *ast.Name) (ast.Expr, bool) {
	bs := r.model.Lookup(n.Id, n.Pos())
	if len(bs) != 1 || bs[0].Kind != semantic.AssignBinding || bs[0].Value == nil || bs[0].Scope != r.model.Root {
		return nil, false
	}
	if r.mutated(n.Id) {
		return nil, false
	}
	return bs[0].Value, true
}

// mutators are the list and dict methods that change a value in place.
var mutators = map[string]bool{
	"append": true, "extend": true, "insert": true, "remove": true, "pop": true, "clear": true,
	"sort": true, "reverse": true, "update": true, "setdefault": true, "popitem": true,
	"__iadd__": true, "__setitem__": true, "__delitem__": true,
}

// mutated reports whether the module changes the value of name in place
// anywhere: a mutating method call, an item or slice assignment or del.
func (r *setupReader) mutated(name string) bool {
	// isName: e is name, or an item or attribute of it (EXTRA["dev"]).
	isName := func(e ast.Expr) bool {
		for {
			switch x := e.(type) {
			case *ast.Name:
				return x.Id == name
			case *ast.Subscript:
				e = x.Value
			case *ast.Attribute:
				e = x.Value
			default:
				return false
			}
		}
	}
	found := false
	ast.Inspect(r.model.Root.Node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Call:
			if a, ok := n.Func.(*ast.Attribute); ok && mutators[a.Attr] && isName(a.Value) {
				found = true
			}
		case *ast.Subscript:
			if n.Ctx != ast.Load && isName(n.Value) {
				found = true
			}
		}
		return !found
	})
	return found
}

// exprText is the source text of an expression.
func exprText(f *token.File, e ast.Expr) string {
	return f.Text(int32(e.Pos()), int32(e.End()))
}
