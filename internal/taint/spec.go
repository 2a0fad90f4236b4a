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
	"slices"
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
	Session         Kind = "session"
)

// kinds lists every sink kind, for checking a project's specification.
var kinds = []Kind{SQL, Command, Code, Template, Path, SSRF, XSS, Redirect, Deserialization, LDAP, XPath,
	Regex, Reflection, Log, Header, NoSQL, XXE, Session}

// knownKind reports a sink kind the engine has rules for ("all" too,
// where allowAll).
func knownKind(k string, allowAll bool) bool {
	return (allowAll && k == "all") || slices.Contains(kinds, Kind(k))
}

// SourceSpec names where untrusted data comes from: an attribute or a
// call, or "*.m" for a method m of any receiver (whose spelling or
// assigned value must contain Receiver, when given).
type SourceSpec struct {
	Name       string `yaml:"name"`
	What       string `yaml:"what"`
	Confidence string `yaml:"confidence"`
	// Class is who chose the data: remote (the default), local, response
	// or file; it decides where the data is reported (see reportedAt).
	Class    string `yaml:"class"`
	Receiver string `yaml:"receiver"`
	// Args are arguments the call fills with the data (recv_into(buf)).
	Args []int `yaml:"args"`
	// Content, when given, makes the value an object whose data is read
	// only through these attributes and methods (a response's text).
	Content []string `yaml:"content"`

	content map[string]bool
}

// HandlerSpec makes attributes of self untrusted in subclasses of a
// request handler class.
type HandlerSpec struct {
	Base       string   `yaml:"base"`
	What       string   `yaml:"what"`
	Confidence string   `yaml:"confidence"`
	Class      string   `yaml:"class"`
	Attributes []string `yaml:"attributes"`

	attrs map[string]bool
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
	// PageWith, when set, makes the call a sink only when one of these
	// arguments is given with one of its values: aiohttp's
	// web.Response(text=...) is plain text unless content_type says
	// text/html.
	PageWith []SafeArg
	// Text, when set, makes a positional argument count only when it is a
	// string built at run time: SQLAlchemy's Query.filter takes SQL text
	// as a str and column expressions otherwise.
	Text bool
	// ExternalWith, when set, makes the call a sink only when the SAX
	// parser it names (an argument, or the receiver) loads external
	// entities (minidom.parseString(data, parser) after
	// parser.setFeature(feature_external_ges, True)).
	ExternalWith *ParserArg
}

// ParserArg names the argument (by position or keyword) or the receiver
// that holds a SAX parser.
type ParserArg struct {
	Arg      *int   `yaml:"arg"`
	Keyword  string `yaml:"keyword"`
	Receiver bool   `yaml:"receiver"`
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

// GuardSpec names a function whose true result makes an argument safe for
// some kinds of sink (url_has_allowed_host_and_scheme(url, ...)).
type GuardSpec struct {
	Name    string   `yaml:"name"`
	Arg     int      `yaml:"arg"`
	Keyword string   `yaml:"keyword"`
	Clears  []string `yaml:"clears"`

	kinds []Kind
}

// Spec is a complete taint specification.
type Spec struct {
	Sources           []SourceSpec    `yaml:"sources"`
	RequestAttributes []string        `yaml:"request_attributes"`
	Sinks             []SinkSpec      `yaml:"sinks"`
	Sanitizers        []SanitizerSpec `yaml:"sanitizers"`
	Handlers          []HandlerSpec   `yaml:"handlers"`
	Stores            []StoreSpec     `yaml:"stores"`
	Guards            []GuardSpec     `yaml:"guards"`
	// FileSources turns on the file class of sources (file contents).
	FileSources bool

	sources        map[string]SourceSpec
	methodSources  map[string][]SourceSpec // "*.m" sources by "*.m"
	handlers       map[string]*HandlerSpec
	storesByAttr   map[string][]StoreSpec
	storesByObject map[string][]StoreSpec
	storesByName   map[string][]StoreSpec
	guards         map[string]GuardSpec
	sinks          map[string][]SinkSpec // by exact name, or "*.m" by "*.m"
	sanitizers     map[string][]Kind
	requestAt      map[string]bool
}

type sinkYAML struct {
	Name         string     `yaml:"name"`
	Args         []int      `yaml:"args"`
	Keywords     []string   `yaml:"keywords"`
	Kind         string     `yaml:"kind"`
	Receiver     string     `yaml:"receiver"`
	SafeWith     []SafeArg  `yaml:"safe_with"`
	PageWith     []SafeArg  `yaml:"page_with"`
	Text         bool       `yaml:"text"`
	ExternalWith *ParserArg `yaml:"external_with"`
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
		Handlers          []HandlerSpec   `yaml:"handlers"`
		Stores            []StoreSpec     `yaml:"stores"`
		Guards            []GuardSpec     `yaml:"guards"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("taint spec %s: %w", name, err)
	}
	s := &Spec{Sources: raw.Sources, RequestAttributes: raw.RequestAttributes, Sanitizers: raw.Sanitizers, Handlers: raw.Handlers, Stores: raw.Stores, Guards: raw.Guards}
	for i, st := range raw.Stores {
		n := 0
		for _, v := range []string{st.Object, st.Attribute, st.Name} {
			if v != "" {
				n++
			}
		}
		if n != 1 || st.Kind == "" {
			return nil, fmt.Errorf("taint spec %s: store %d needs a kind and one of object, attribute or name", name, i+1)
		}
	}
	for i, src := range raw.Sources {
		switch src.Class {
		case "", Remote, Local, Response, File, RequestPath:
		default:
			return nil, fmt.Errorf("taint spec %s: source %d (%s): unknown class %q", name, i+1, src.Name, src.Class)
		}
	}
	for i, k := range raw.Sinks {
		if k.Name == "" || k.Kind == "" {
			return nil, fmt.Errorf("taint spec %s: sink %d needs a name and a kind", name, i+1)
		}
		s.Sinks = append(s.Sinks, SinkSpec{Name: k.Name, Args: k.Args, Keywords: k.Keywords, Kind: Kind(k.Kind), Receiver: k.Receiver, SafeWith: k.SafeWith, PageWith: k.PageWith, Text: k.Text, ExternalWith: k.ExternalWith})
	}
	s.index()
	return s, nil
}

func (s *Spec) index() {
	s.sources = map[string]SourceSpec{}
	s.methodSources = map[string][]SourceSpec{}
	for _, src := range s.Sources {
		if src.Class == "" {
			src.Class = Remote
		}
		src.content = nil
		if len(src.Content) > 0 {
			src.content = map[string]bool{}
			for _, a := range src.Content {
				src.content[a] = true
			}
		}
		if strings.HasPrefix(src.Name, "*.") {
			s.methodSources[src.Name] = append(s.methodSources[src.Name], src)
		} else {
			s.sources[src.Name] = src
		}
	}
	s.handlers = map[string]*HandlerSpec{}
	for i := range s.Handlers {
		h := &s.Handlers[i]
		if h.Class == "" {
			h.Class = Remote
		}
		h.attrs = map[string]bool{}
		for _, a := range h.Attributes {
			h.attrs[a] = true
		}
		s.handlers[h.Base] = h
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
	s.storesByAttr, s.storesByObject, s.storesByName = map[string][]StoreSpec{}, map[string][]StoreSpec{}, map[string][]StoreSpec{}
	for _, st := range s.Stores {
		switch {
		case st.Attribute != "":
			s.storesByAttr[st.Attribute] = append(s.storesByAttr[st.Attribute], st)
		case st.Name != "":
			s.storesByName[st.Name] = append(s.storesByName[st.Name], st)
		default:
			s.storesByObject[st.Object] = append(s.storesByObject[st.Object], st)
		}
	}
	s.guards = map[string]GuardSpec{}
	for _, g := range s.Guards {
		g.kinds = nil
		for _, k := range g.Clears {
			g.kinds = append(g.kinds, Kind(k))
		}
		s.guards[g.Name] = g
	}
	s.requestAt = map[string]bool{}
	for _, a := range s.RequestAttributes {
		s.requestAt[a] = true
	}
}

// Extend adds a project's own entries from [tool.snakeguard.taint]:
// qualname, kind (the sink kind; for a sanitizer the kinds it clears,
// comma-separated, or "all"; for a source its class: local, response or
// file, else remote) and args (positions or keyword names).
func (s *Spec) Extend(tc config.TaintConfig) error {
	s.FileSources = tc.FileSources
	for _, e := range tc.Sources {
		if e.QualName == "" {
			return fmt.Errorf("taint source: qualname is required")
		}
		s.Sources = append(s.Sources, SourceSpec{Name: e.QualName, What: "project source " + e.QualName, Class: labelClassOf(e.Kind)})
	}
	for _, e := range tc.Sinks {
		if e.QualName == "" {
			return fmt.Errorf("taint sink: qualname is required")
		}
		if e.Kind == "" {
			return fmt.Errorf("taint sink %s: kind is required (one of %s)", e.QualName, kindList())
		}
		if !knownKind(e.Kind, false) {
			return fmt.Errorf("taint sink %s: unknown kind %q (one of %s)", e.QualName, e.Kind, kindList())
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
			if !knownKind(kinds[i], true) {
				return fmt.Errorf("taint sanitizer %s: unknown kind %q (all, or one of %s)", e.QualName, kinds[i], kindList())
			}
		}
		if e.QualName == "" {
			return fmt.Errorf("taint sanitizer: qualname is required")
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

// kindList names the sink kinds, for messages.
func kindList() string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// CheckConfig checks a project's taint specification ([tool.snakeguard.taint])
// before a scan uses it: every entry needs a qualified name, sinks a kind,
// and kinds must be ones the engine knows.
func CheckConfig(tc config.TaintConfig) error {
	s, err := Builtin()
	if err != nil {
		return err
	}
	return s.Extend(tc)
}
