// Package taint follows untrusted data from where it enters a program
// (sources: web requests, command-line arguments, console input) to the
// calls where it must not arrive unchecked (sinks: SQL, shell commands,
// eval, templates, file paths, outgoing URLs, HTML responses), across
// functions and modules, stopping at sanitizers and guards that make it
// safe for a given kind of sink.
package taint

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/finding"
)

//go:embed spec.yaml
var builtinSpec []byte

// Kind is a kind of sink; sanitizers clear kinds.
type Kind string

// Sink kinds.
const (
	SQL             Kind = "sql"
	Command         Kind = "command"
	Code            Kind = "code"
	Template        Kind = "template"
	Path            Kind = "path"
	SSRF            Kind = "ssrf"
	XSS             Kind = "xss"
	Redirect        Kind = "redirect"
	Deserialization Kind = "deserialization"
	LDAP            Kind = "ldap"
	XPath           Kind = "xpath"
	Regex           Kind = "regex"
	Reflection      Kind = "reflection"
	Log             Kind = "log"
	Header          Kind = "header"
	NoSQL           Kind = "nosql"
	XXE             Kind = "xxe"
)

// SourceSpec names where untrusted data comes from.
type SourceSpec struct {
	Name       string `yaml:"name"`
	What       string `yaml:"what"`
	Confidence string `yaml:"confidence"`
}

// SinkSpec names a call whose arguments must not be tainted. A name
// "*.m" matches any method called m.
type SinkSpec struct {
	Name     string `yaml:"name"`
	Args     []int  `yaml:"args"`
	Keywords []string
	Kind     Kind   `yaml:"kind"`
	Receiver string `yaml:"receiver"`
	SafeWith []SafeArg
}

// SafeArg is an argument that makes a sink call safe: yaml.load with
// Loader=yaml.SafeLoader, lxml's fromstring with a parser of its own (the
// parser's construction is judged by the pattern rule SG509). The
// argument is given at position Arg (when set) or as Keyword; when Values
// is not empty its qualified name must be one of them.
type SafeArg struct {
	Arg     *int     `yaml:"arg"`
	Keyword string   `yaml:"keyword"`
	Values  []string `yaml:"values"`
}

// SanitizerSpec names a call whose result is safe for some kinds.
type SanitizerSpec struct {
	Name   string   `yaml:"name"`
	Clears []string `yaml:"clears"`
}

// Spec is a complete taint specification.
type Spec struct {
	Sources           []SourceSpec    `yaml:"sources"`
	RequestAttributes []string        `yaml:"request_attributes"`
	Sinks             []SinkSpec      `yaml:"sinks"`
	Sanitizers        []SanitizerSpec `yaml:"sanitizers"`

	sources    map[string]SourceSpec
	sinks      map[string][]SinkSpec // by exact name, or "*.m" by "*.m"
	sanitizers map[string][]Kind
	requestAt  map[string]bool
}

type sinkYAML struct {
	Name     string    `yaml:"name"`
	Args     []int     `yaml:"args"`
	Keywords []string  `yaml:"keywords"`
	Kind     string    `yaml:"kind"`
	Receiver string    `yaml:"receiver"`
	SafeWith []SafeArg `yaml:"safe_with"`
}

// Builtin returns the specification built into snakeguard.
func Builtin() (*Spec, error) {
	return parseSpec(builtinSpec, "spec.yaml")
}

func parseSpec(data []byte, name string) (*Spec, error) {
	var raw struct {
		Sources           []SourceSpec    `yaml:"sources"`
		RequestAttributes []string        `yaml:"request_attributes"`
		Sinks             []sinkYAML      `yaml:"sinks"`
		Sanitizers        []SanitizerSpec `yaml:"sanitizers"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("taint spec %s: %w", name, err)
	}
	s := &Spec{Sources: raw.Sources, RequestAttributes: raw.RequestAttributes, Sanitizers: raw.Sanitizers}
	for i, k := range raw.Sinks {
		if k.Name == "" || k.Kind == "" {
			return nil, fmt.Errorf("taint spec %s: sink %d needs a name and a kind", name, i+1)
		}
		s.Sinks = append(s.Sinks, SinkSpec{Name: k.Name, Args: k.Args, Keywords: k.Keywords, Kind: Kind(k.Kind), Receiver: k.Receiver, SafeWith: k.SafeWith})
	}
	s.index()
	return s, nil
}

func (s *Spec) index() {
	s.sources = map[string]SourceSpec{}
	for _, src := range s.Sources {
		s.sources[src.Name] = src
	}
	s.sinks = map[string][]SinkSpec{}
	for _, k := range s.Sinks {
		s.sinks[k.Name] = append(s.sinks[k.Name], k)
	}
	s.sanitizers = map[string][]Kind{}
	for _, z := range s.Sanitizers {
		for _, c := range z.Clears {
			s.sanitizers[z.Name] = append(s.sanitizers[z.Name], Kind(c))
		}
	}
	s.requestAt = map[string]bool{}
	for _, a := range s.RequestAttributes {
		s.requestAt[a] = true
	}
}

// Extend adds a project's own entries from [tool.snakeguard.taint]:
// qualname, kind (the sink kind, or for a sanitizer the kinds it clears,
// comma-separated, or "all") and args (positions or keyword names).
func (s *Spec) Extend(tc config.TaintConfig) error {
	for _, e := range tc.Sources {
		s.Sources = append(s.Sources, SourceSpec{Name: e.QualName, What: "project source " + e.QualName})
	}
	for _, e := range tc.Sinks {
		if e.Kind == "" {
			return fmt.Errorf("taint sink %s: kind is required", e.QualName)
		}
		k := SinkSpec{Name: e.QualName, Kind: Kind(e.Kind)}
		for _, a := range e.Args {
			switch v := a.(type) {
			case int64:
				k.Args = append(k.Args, int(v))
			case int:
				k.Args = append(k.Args, v)
			case string:
				k.Keywords = append(k.Keywords, v)
			}
		}
		if len(k.Args) == 0 && len(k.Keywords) == 0 {
			k.Args = []int{0}
		}
		s.Sinks = append(s.Sinks, k)
	}
	for _, e := range tc.Sanitizers {
		kinds := strings.Split(e.Kind, ",")
		if e.Kind == "" {
			kinds = []string{"all"}
		}
		for i := range kinds {
			kinds[i] = strings.TrimSpace(kinds[i])
		}
		s.Sanitizers = append(s.Sanitizers, SanitizerSpec{Name: e.QualName, Clears: kinds})
	}
	s.index()
	return nil
}

func confidenceOf(s string) finding.Confidence {
	switch strings.ToLower(s) {
	case "low":
		return finding.LowConfidence
	case "medium":
		return finding.MediumConfidence
	}
	return finding.HighConfidence
}
