// Package deserialization holds the rules for loading objects from data
// with formats that can run code while loading.
package deserialization

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Rules returns the family's rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{PickleLoad, MarshalLoad, YAMLLoad, TorchLoad}
}

var pickleLoaders = map[string]string{
	"pickle.load": "pickle", "pickle.loads": "pickle", "pickle.Unpickler": "pickle",
	"_pickle.load": "pickle", "_pickle.loads": "pickle", "cPickle.load": "pickle", "cPickle.loads": "pickle",
	"dill.load": "dill", "dill.loads": "dill", "shelve.open": "shelve", "shelve.DbfilenameShelf": "shelve",
	"jsonpickle.decode": "jsonpickle", "jsonpickle.unpickler.decode": "jsonpickle",
	"joblib.load": "joblib", "pandas.read_pickle": "pandas", "cloudpickle.load": "cloudpickle", "cloudpickle.loads": "cloudpickle",
	"keras.models.load_model": "", "numpy.lib.format.read_array": "",
}

// PickleLoad finds pickle-based deserialization.
var PickleLoad = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG201", Name: "pickle-deserialization", CWE: []int{502},
		Guide:    []string{"pyscg-0023"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "data loaded with pickle, dill, shelve, jsonpickle, joblib or pandas.read_pickle",
		Why: "Unpickling calls whatever callables the data names (`__reduce__`), so loading a pickle is running a " +
			"program written by whoever produced the bytes. A cache file, an upload, a message queue entry or a model " +
			"downloaded from the internet is enough to take over the process.",
		Vulnerable: "import pickle\n\ndef restore(blob: bytes):\n    return pickle.loads(blob)\n",
		Secure:     "import json\n\ndef restore(blob: bytes):\n    return json.loads(blob)\n",
		Fix: "Use a data-only format (JSON, MessagePack, protobuf) for anything that crosses a trust boundary. If " +
			"pickle must stay, authenticate the bytes with an HMAC before loading them and keep them where only the program can write.",
		References: []string{"https://cwe.mitre.org/data/definitions/502.html", "https://docs.python.org/3/library/pickle.html"},
		Aliases:    []string{"B301", "S301", "B403", "S403"},
		Tags:       []string{"deserialization"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			lib, ok := pickleLoaders[cs.Name]
			if !ok || lib == "" || roundTrip(p.Unit.Model(), cs) || constantData(p.Unit.Model(), cs) {
				continue
			}
			p.Reportf(cs.Call, "%s() deserializes with %s, which runs code named by the data", cs.Name, lib)
		}
	},
}

// roundTrip reports whether a loads() call reads back bytes that a dumps()
// call of the program made in the same expression, or through a name bound
// once to one (pickle.loads(pickle.dumps(obj)), the way to copy an object or
// test that it pickles): the data never left the process.
func roundTrip(m *semantic.Model, cs analysis.CallSite) bool {
	if !strings.HasSuffix(cs.Name, ".loads") && !strings.HasSuffix(cs.Name, ".decode") {
		return false
	}
	arg := analysis.Arg(cs.Call, 0, "")
	if n, ok := arg.(*ast.Name); ok {
		if bs := m.Lookup(n.Id, n.Pos()); len(bs) == 1 && bs[0].Kind == semantic.AssignBinding {
			arg = bs[0].Value
		}
	}
	c, ok := arg.(*ast.Call)
	if !ok {
		return false
	}
	dump := m.QualifiedName(c.Func)
	lib := cs.Name[:strings.LastIndexByte(cs.Name, '.')]
	return dump == lib+".dumps" || dump == lib+".encode" || (lib == "_pickle" || lib == "cPickle") && dump == "pickle.dumps"
}

// constantData reports a loader given a constant of the program (a bytes
// or str literal, or a name bound once to one), or data the flow analysis
// knows is built from the program's own constants where it stands: no one
// else chose the data.
func constantData(m *semantic.Model, cs analysis.CallSite) bool {
	arg := analysis.Arg(cs.Call, 0, "")
	return arg != nil && (analysis.IsConstant(m, arg) || m.KnownAt(arg))
}

// MarshalLoad finds marshal.load(s).
var MarshalLoad = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG202", Name: "marshal-deserialization", CWE: []int{502},
		Guide:    []string{"pyscg-0023"},
		Severity: finding.Medium, Confidence: finding.MediumConfidence,
		Summary: "data loaded with marshal",
		Why: "marshal is an internal format for code objects; it is not hardened against malformed or malicious " +
			"input, and data it loads can carry code objects that are later executed.",
		Vulnerable: "import marshal\n\ndef load_cache(path):\n    with open(path, \"rb\") as f:\n        return marshal.load(f)\n",
		Secure:     "import json\n\ndef load_cache(path):\n    with open(path, \"rb\") as f:\n        return json.load(f)\n",
		Fix:        "Use JSON or another data-only format for stored or received data.",
		References: []string{"https://docs.python.org/3/library/marshal.html"},
		Aliases:    []string{"B302", "S302"},
		Tags:       []string{"deserialization"},
	},
	Run: func(p *analysis.Pass) {
		for _, cs := range p.Unit.Calls() {
			if (cs.Name == "marshal.load" || cs.Name == "marshal.loads") && !roundTrip(p.Unit.Model(), cs) && !constantData(p.Unit.Model(), cs) {
				p.Reportf(cs.Call, "%s() deserializes untrusted-format data", cs.Name)
			}
		}
	},
}

var safeYAMLLoaders = map[string]bool{
	"yaml.SafeLoader": true, "yaml.CSafeLoader": true, "yaml.BaseLoader": true, "yaml.CBaseLoader": true,
	"yaml.loader.SafeLoader": true, "yaml.cyaml.CSafeLoader": true,
}

var safeYAMLLoaderNames = map[string]bool{"SafeLoader": true, "CSafeLoader": true, "BaseLoader": true, "CBaseLoader": true}

// loaderName is the last name of a loader expression (yaml.SafeLoader ->
// SafeLoader).
func loaderName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return x.Id
	case *ast.Attribute:
		return x.Attr
	}
	return ""
}

// safeLoaderClass reports whether e names a class of this module, or a
// name bound once to one, that derives from a safe loader.
func safeLoaderClass(m *semantic.Model, e ast.Expr, depth int) bool {
	n, ok := e.(*ast.Name)
	if !ok || depth > 4 {
		return false
	}
	bs := m.Lookup(n.Id, n.Pos())
	if len(bs) != 1 {
		return false
	}
	switch b := bs[0]; b.Kind {
	case semantic.AssignBinding:
		return b.Value != nil && safeLoaderClass(m, b.Value, depth+1)
	case semantic.ClassBinding:
		cd, ok := b.Node.(*ast.ClassDef)
		if !ok {
			return false
		}
		for _, base := range cd.Bases {
			if safeYAMLLoaders[m.QualifiedName(base)] || safeLoaderClass(m, base, depth+1) {
				return true
			}
		}
	}
	return false
}

// YAMLLoad finds PyYAML loads that can construct arbitrary objects.
var YAMLLoad = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG203", Name: "yaml-unsafe-load", CWE: []int{502},
		Guide:    []string{"pyscg-0023"},
		Severity: finding.High, Confidence: finding.HighConfidence,
		Summary: "yaml.load without a safe loader, or yaml.unsafe_load",
		Why: "PyYAML's full and unsafe loaders build Python objects from tags such as `!!python/object/apply:os.system`, " +
			"so a YAML document can run commands while it is being read.",
		Vulnerable: "import yaml\n\ndef read_config(text):\n    return yaml.load(text, Loader=yaml.Loader)\n",
		Secure:     "import yaml\n\ndef read_config(text):\n    return yaml.safe_load(text)\n",
		Fix:        "Use yaml.safe_load() or pass Loader=yaml.SafeLoader (or CSafeLoader).",
		References: []string{"https://cwe.mitre.org/data/definitions/502.html", "https://pyyaml.org/wiki/PyYAMLDocumentation"},
		Aliases:    []string{"B506", "S506"},
		Tags:       []string{"deserialization"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			if strings.HasPrefix(cs.Name, "yaml.") && constantData(m, cs) {
				continue // a document built from the program's own constants
			}
			switch cs.Name {
			case "yaml.unsafe_load", "yaml.unsafe_load_all":
				p.Reportf(cs.Call, "%s() constructs arbitrary Python objects", cs.Name)
			case "yaml.load", "yaml.load_all":
				loader := analysis.Arg(cs.Call, 1, "Loader")
				if loader == nil && analysis.HasKwargs(cs.Call) {
					continue
				}
				if loader == nil {
					p.Reportf(cs.Call, "%s() without Loader=yaml.SafeLoader can construct arbitrary Python objects", cs.Name)
					continue
				}
				q := m.QualifiedName(loader)
				switch {
				case safeYAMLLoaders[q]:
				case q == "" && safeYAMLLoaderNames[loaderName(loader)]:
					// An unresolved SafeLoader, as inside PyYAML itself (from .loader import *).
				case strings.HasPrefix(q, "yaml."):
					p.Reportf(cs.Call, "%s() with %s can construct arbitrary Python objects; use yaml.SafeLoader", cs.Name, q)
				case safeLoaderClass(m, loader, 0):
					// class SafeOrderedLoader(yaml.SafeLoader): ...
				default:
					p.ReportWith(cs.Call, cs.Name+"() with a loader that cannot be checked; make sure it is yaml.SafeLoader or a subclass", func(f *finding.Finding) {
						f.Confidence = finding.LowConfidence
					})
				}
			}
		}
	},
}

// TorchLoad finds model and array loaders that unpickle.
var TorchLoad = &analysis.Rule{
	Doc: finding.RuleDoc{
		ID: "SG204", Name: "model-load-pickle", CWE: []int{502},
		Guide:    []string{"pyscg-0023"},
		Severity: finding.High, Confidence: finding.MediumConfidence,
		Summary: "torch.load without weights_only=True, or numpy.load with allow_pickle=True",
		Why: "Model checkpoints and .npy files may contain pickles. torch.load (before weights_only became the default) " +
			"and numpy.load(allow_pickle=True) unpickle them, so a downloaded model can run code when it is opened.",
		Vulnerable: "import torch\n\ndef load_model(path):\n    return torch.load(path)\n",
		Secure:     "import torch\n\ndef load_model(path):\n    return torch.load(path, weights_only=True)\n",
		Fix:        "Pass weights_only=True to torch.load (or use safetensors); leave allow_pickle=False in numpy.load.",
		References: []string{"https://pytorch.org/docs/stable/generated/torch.load.html"},
		Aliases:    []string{"B614", "S614"},
		Tags:       []string{"deserialization", "ml"},
	},
	Run: func(p *analysis.Pass) {
		m := p.Unit.Model()
		for _, cs := range p.Unit.Calls() {
			switch {
			case cs.Name == "torch.load":
				if w := analysis.Keyword(cs.Call, "weights_only"); w != nil && analysis.IsTrue(m, w) {
					continue
				}
				if analysis.HasKwargs(cs.Call) {
					continue
				}
				p.Report(cs.Call, "torch.load() without weights_only=True unpickles the file")
			case cs.Name == "numpy.load" || strings.HasSuffix(cs.Name, "numpy.load"):
				if a := analysis.Keyword(cs.Call, "allow_pickle"); a != nil && analysis.IsTrue(m, a) {
					p.Report(cs.Call, "numpy.load(allow_pickle=True) unpickles object arrays")
				}
			}
		}
	},
}
