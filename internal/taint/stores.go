package taint

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// StoreSpec makes an item assignment a sink: `obj[key] = value` where obj
// was made by the call Object (Django: response["X-Name"] = value), or
// `x.Attribute[key] = value` on any object (response.headers[...] = value).
type StoreSpec struct {
	Object    string `yaml:"object"`
	Attribute string `yaml:"attribute"`
	Kind      Kind   `yaml:"kind"`
}

// storeSinks reports tainted values stored into the item of a sink object.
func (c *fnCtx) storeSinks(target *ast.Subscript, t taint) {
	if len(t) == 0 {
		return
	}
	switch v := target.Value.(type) {
	case *ast.Attribute:
		for _, s := range c.p.spec.storesByAttr[v.Attr] {
			c.storeHit(s.Kind, exprText(v)+"[...]", target, t.reaching(s.Kind))
		}
	case *ast.Name:
		for _, b := range c.f.Unit.Model.Lookup(v.Id, v.Pos()) {
			call, ok := b.Value.(*ast.Call)
			if !ok {
				continue
			}
			for _, s := range c.p.spec.storesByObject[c.f.Unit.Model.QualifiedName(call.Func)] {
				c.storeHit(s.Kind, v.Id+"[...]", target, t.reaching(s.Kind))
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
