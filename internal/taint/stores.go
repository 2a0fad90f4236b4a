package taint

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// StoreSpec makes an item assignment a sink: `obj[key] = value` where obj
// was made by the call Object (Django: response["X-Name"] = value), or
// `x.Attribute[key] = value` on any object (response.headers[...] = value).
//
// Name makes stores into an object known by its qualified name sinks
// (flask.session[key] = value); Request limits Attribute to an attribute
// of a web request object (Django's request.session[key] = value); Keys
// says the key is as dangerous as the value (a session entry named by the
// client).
type StoreSpec struct {
	Object    string `yaml:"object"`
	Attribute string `yaml:"attribute"`
	Name      string `yaml:"name"`
	Request   bool   `yaml:"request"`
	Keys      bool   `yaml:"keys"`
	Kind      Kind   `yaml:"kind"`
}

// storeSinks reports tainted values (and, for some sinks, keys) stored
// into the item of a sink object.
func (c *fnCtx) storeSinks(target *ast.Subscript, t, key taint) {
	if len(t) == 0 && len(key) == 0 {
		return
	}
	reach := func(s StoreSpec) taint {
		if s.Keys {
			return union(t, key).reaching(s.Kind)
		}
		return t.reaching(s.Kind)
	}
	if q := c.m.QualifiedName(target.Value); q != "" {
		for _, s := range c.p.spec.storesByName[q] {
			c.storeHit(s.Kind, q+"[...]", target, reach(s))
		}
	}
	switch v := target.Value.(type) {
	case *ast.Attribute:
		for _, s := range c.p.spec.storesByAttr[v.Attr] {
			if s.Request && !c.isRequest(v.Value) {
				continue
			}
			c.storeHit(s.Kind, exprText(v)+"[...]", target, reach(s))
		}
	case *ast.Name:
		for _, b := range c.m.Lookup(v.Id, v.Pos()) {
			call, ok := b.Value.(*ast.Call)
			if !ok {
				continue
			}
			for _, s := range c.p.spec.storesByObject[c.m.QualifiedName(call.Func)] {
				c.storeHit(s.Kind, v.Id+"[...]", target, reach(s))
				return
			}
		}
	}
}

// isStore reports a sink name made by storeSinks.
func isStore(name string) bool { return strings.HasSuffix(name, "[...]") }

// reachesText says how data arrives at a sink: "reaches os.system()" or
// "is stored in response[...]".
func reachesText(name string) string {
	if fn, ok := strings.CutPrefix(name, "return:"); ok {
		return "is returned by the route handler " + fn + "()"
	}
	if isStore(name) {
		return "is stored in " + name
	}
	return "reaches " + name + "()"
}
