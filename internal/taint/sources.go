package taint

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Source classes say who chose the data, and so where it is reported.
const (
	// Remote: the peer of a request or connection (web requests, sockets).
	Remote = "remote"
	// Local: the user running the program (arguments, console, environment).
	Local = "local"
	// Response: a server the program called (HTTP responses).
	Response = "response"
	// File: the contents of files the program reads; off unless a project
	// turns it on (file-sources = true).
	File = "file"
	// RequestPath: the path of the request being served. The peer chose
	// it, but it routed to this view, so it is a path of this site:
	// reported everywhere but at redirects.
	RequestPath = "path"
	// Referer: the Referer header of the request being served. The
	// browser sets it to the page the user came from; a site that links
	// a victim here can make it its own page, where the victim already
	// was, and nothing else: reported everywhere but at redirects.
	Referer = "referer"
)

// reportedAt says whether data of a source class is reported at a kind of
// sink. Remote data is reported everywhere. Local input is the program's
// own input for files, URLs, patterns, pages and logs; it is reported only
// where it becomes code, commands, SQL, templates or objects, and so are
// file contents. A response is reported everywhere except where a program
// follows what the server it called tells it: the next URL to fetch, a
// redirect (pagination, OAuth), and where it is only logged or passed on in
// a header.
func reportedAt(class string, k Kind) bool {
	switch class {
	case Local, File:
		switch k {
		case SQL, Command, Code, Template, Deserialization:
			return true
		}
		return false
	case Response:
		switch k {
		case SSRF, Redirect, Log, Header, Session:
			return false
		}
	case RequestPath, Referer:
		return k != Redirect
	}
	return true
}

// specSource is the taint of a source from the specification: nil for a
// class the project has not turned on (the data is the program's own).
func (c *fnCtx) specSource(n ast.Node, src SourceSpec) taint {
	if src.Class == File && !c.p.spec.FileSources {
		return nil
	}
	t := c.source(n, src.What, confidenceOf(src.Confidence))
	t[0].Class = src.Class
	if len(src.Content) > 0 {
		t[0].Content = src.content
	}
	return t
}

// namedBy is the taint a file's contents get from its name: a file the
// remote peer names may be one they uploaded, so its contents are reported
// where local input is (code, commands, SQL, templates, objects); the
// local user's files are the program's own.
func namedBy(name taint) taint {
	var out taint
	for _, l := range name {
		if l.Param < 0 && (l.Class == "" || l.Class == Remote || l.Class == RequestPath || l.Class == Referer) {
			c := *l.opened()
			c.Class = Local
			out = append(out, &c)
		}
	}
	return out
}

// methodSource finds a "*.m" source for a method call, checking its
// receiver as sinks do.
func (c *fnCtx) methodSource(call *ast.Call, q string) (SourceSpec, bool) {
	a, ok := call.Func.(*ast.Attribute)
	if !ok {
		return SourceSpec{}, false
	}
	recv := ""
	for _, src := range c.p.spec.methodSources["*."+a.Attr] {
		if src.Receiver != "" {
			if recv == "" {
				recv = c.receiverText(a)
			}
			if !strings.Contains(recv, src.Receiver) {
				continue
			}
		}
		if q != "" && !strings.HasSuffix(q, "."+a.Attr) {
			continue
		}
		return src, true
	}
	return SourceSpec{}, false
}

// receiverText is what a receiver's name says about it, lower case: its
// qualified name, its spelling, and what the name was assigned.
func (c *fnCtx) receiverText(a *ast.Attribute) string {
	m := c.m
	recv := strings.ToLower(m.QualifiedName(a.Value) + " " + exprText(a.Value))
	if n, ok := a.Value.(*ast.Name); ok {
		for _, b := range m.Lookup(n.Id, n.Pos()) {
			if v := boundValue(b); v != nil {
				recv += " " + strings.ToLower(exprText(v))
			}
		}
	}
	return recv
}

// boundValue is the value a binding gives its name: the assigned value, or
// for `with X(...) as name` the constructor call X(...). The sessions,
// clients, connections and parsers the receivers of sources and sinks name
// all return themselves from __enter__.
func boundValue(b *semantic.Binding) ast.Expr {
	if b.Value != nil {
		return b.Value
	}
	if call, ok := b.ContextExpr().(*ast.Call); ok {
		return call
	}
	return nil
}

// fill taints the arguments a source call writes into (sock.recv_into(buf)).
func (c *fnCtx) fill(call *ast.Call, src SourceSpec, t taint, st state) {
	for _, i := range src.Args {
		if i < len(call.Args) {
			c.bind(call.Args[i], t, st, false)
		}
	}
}

// Content carriers. A response object is not data itself: its text,
// content, json() and the like are. A label with Content stands for such
// an object; reading one of those attributes yields the data, reading any
// other (status_code, ok, url) yields nothing.

// read is the taint of attribute attr of a value.
func (t taint) read(attr string) taint {
	for i, l := range t {
		if l.Content != nil {
			out := append(taint(nil), t[:i]...)
			for _, l := range t[i:] {
				if l.Content == nil {
					out = append(out, l)
				} else if l.Content[attr] {
					out = append(out, l.opened())
				}
			}
			return out
		}
	}
	return t
}

// opened is the taint of a value handed to a function that reads it
// (json.load(response)): carriers become their content.
func (t taint) opened() taint {
	for i, l := range t {
		if l.Content != nil {
			out := append(taint(nil), t[:i]...)
			for _, l := range t[i:] {
				out = append(out, l.opened())
			}
			return out
		}
	}
	return t
}

func (l *label) opened() *label {
	if l.Content == nil {
		return l
	}
	c := *l
	c.Content = nil
	return &c
}

// Request handler classes. In a subclass of socketserver's or
// http.server's handlers, self.path, self.headers, self.rfile and
// self.request hold what the client sent.

// classBases maps each class (keyed like functions: module.Class) to the
// qualified names of its bases.
func classBases(units []*analysis.Unit) map[string][]string {
	out := map[string][]string{}
	for _, u := range units {
		var visit func(body []ast.Stmt, prefix string)
		visit = func(body []ast.Stmt, prefix string) {
			for _, st := range body {
				switch s := st.(type) {
				case *ast.ClassDef:
					var bases []string
					for _, b := range s.Bases {
						if q := u.Model().QualifiedName(b); q != "" {
							bases = append(bases, q)
						}
					}
					out[prefix+s.Name] = bases
					visit(s.Body, prefix+s.Name+".")
				case *ast.FunctionDef:
					if definesIn(s.Body) {
						visit(s.Body, prefix+s.Name+".")
					}
				case *ast.If:
					visit(s.Body, prefix)
					visit(s.Orelse, prefix)
				case *ast.Try:
					visit(s.Body, prefix)
				}
			}
		}
		prefix := ""
		if u.Module != "" {
			prefix = u.Module + "."
		}
		visit(u.Parse().Module.Body, prefix)
	}
	return out
}

// handlerFor returns the handler specification a class derives from, if
// any, following the project's own base classes.
func (p *project) handlerFor(class string) *HandlerSpec {
	if h, ok := p.handlers[class]; ok {
		return h
	}
	p.handlers[class] = nil // a cycle of bases ends here
	var found *HandlerSpec
	for _, b := range p.bases[class] {
		if h := p.spec.handlers[b]; h != nil {
			found = h
			break
		}
		if _, ok := p.bases[b]; ok {
			if h := p.handlerFor(b); h != nil {
				found = h
				break
			}
		}
	}
	p.handlers[class] = found
	return found
}

// handlerSource is the taint of self.<attr> in a request handler class.
func (c *fnCtx) handlerSource(x *ast.Attribute) taint {
	h := c.p.handlerFor(c.f.Class)
	if h == nil || !h.attrs[x.Attr] {
		return nil
	}
	t := c.source(x, h.What+" (self."+x.Attr+")", confidenceOf(h.Confidence))
	t[0].Class = h.Class
	return t
}

// labelClassOf reads the class of a project's own source from its kind.
func labelClassOf(kind string) string {
	switch strings.ToLower(kind) {
	case Local, Response, File:
		return strings.ToLower(kind)
	}
	return Remote
}

// refererRead gives the Referer class to a read of the request's Referer
// header: request.headers.get("Referer"), request.headers["referer"],
// request.META.get("HTTP_REFERER"), request.META["HTTP_REFERER"] (also on
// self.request). A default given to get() keeps its own taint.
func (c *fnCtx) refererRead(e ast.Expr, t taint) taint {
	var key, mapping ast.Expr
	switch x := e.(type) {
	case *ast.Subscript:
		key, mapping = x.Slice, x.Value
	case *ast.Call:
		a, ok := x.Func.(*ast.Attribute)
		if !ok || a.Attr != "get" || len(x.Args) == 0 || len(x.Keywords) != 0 {
			return t
		}
		key, mapping = x.Args[0], a.Value
	default:
		return t
	}
	k, ok := key.(*ast.Constant)
	if !ok || k.Kind != ast.StrConst {
		return t
	}
	m, ok := mapping.(*ast.Attribute)
	if !ok || !c.isRequest(m.Value) {
		return t
	}
	switch {
	case m.Attr == "headers" && strings.EqualFold(k.Str, "referer"):
	case m.Attr == "META" && k.Str == "HTTP_REFERER":
	default:
		return t
	}
	// Only the header's own data: a default given to get() keeps its taint.
	header := c.loc(m)
	out := make(taint, len(t))
	for i, l := range t {
		if l.Param < 0 && (l.Class == "" || l.Class == Remote) && l.Loc == header {
			cl := *l
			cl.Class = Referer
			l = &cl
		}
		out[i] = l
	}
	return out
}
