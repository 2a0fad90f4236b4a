package taint

import (
	"regexp"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// djangoConverter matches a Django route variable whose converter admits
// only digits, a UUID or a slug ([-a-zA-Z0-9_]+): none can carry quotes,
// spaces, dots, slashes or markup.
var djangoConverter = regexp.MustCompile(`<(?:int|uuid|slug):(\w+)>`)

// urlConverted reads the project's Django URL configuration (path() calls
// with a constant route and a view function of the project) and returns,
// by function key, the parameters its converters make digits, UUIDs or
// slugs. A view routed by several patterns counts a parameter as
// converted only if every pattern converts it.
func (p *project) urlConverted(units []*analysis.Unit) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	seen := map[string]bool{}
	for _, u := range units {
		for _, cs := range u.Calls() {
			if cs.Name != "django.urls.path" && cs.Name != "django.conf.urls.path" {
				continue
			}
			route, ok := analysis.ConstString(u.Model(), analysis.Arg(cs.Call, 0, "route"))
			view := analysis.Arg(cs.Call, 1, "view")
			if !ok || view == nil {
				continue
			}
			if _, isCall := view.(*ast.Call); isCall {
				continue // include(...), Class.as_view()
			}
			key := p.keyFor(u.Model().QualifiedName(view), u)
			if key == "" {
				continue
			}
			params := map[string]bool{}
			for _, m := range djangoConverter.FindAllStringSubmatch(route, -1) {
				params[m[1]] = true
			}
			if !seen[key] {
				seen[key] = true
				out[key] = params
				continue
			}
			for name := range out[key] {
				if !params[name] {
					delete(out[key], name)
				}
			}
		}
	}
	return out
}
