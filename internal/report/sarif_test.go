package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// The official SARIF 2.1.0 schema (OASIS errata01) is not copied into this
// repository. The Go module below ships it, byte for byte the same document,
// as the string constant `schema` in the file sarifSchemaFile; the test
// reads it from the module cache. CI downloads the module first with
//
//	go mod download github.com/owenrumney/go-sarif/v3@v3.3.1
//
// (the download is verified against the Go checksum database).
const (
	sarifSchemaModule  = "github.com/owenrumney/go-sarif/v3"
	sarifSchemaVersion = "v3.3.1"
	sarifSchemaFile    = "pkg/report/v210/sarif/schema.go"
)

// loadSARIFSchema returns the official schema, or skips the test (fails it
// under CI) when the module is not in the module cache.
func loadSARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	text, err := readSchemaFromModuleCache()
	if err != nil {
		msg := fmt.Sprintf("SARIF 2.1.0 schema not available (%v); run: go mod download %s@%s",
			err, sarifSchemaModule, sarifSchemaVersion)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatalf("parse SARIF schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("add SARIF schema: %v", err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile SARIF schema: %v", err)
	}
	return sch
}

func readSchemaFromModuleCache() (string, error) {
	modcache := os.Getenv("GOMODCACHE")
	if modcache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return "", fmt.Errorf("go env GOMODCACHE: %w", err)
		}
		modcache = strings.TrimSpace(string(out))
	}
	path := filepath.Join(modcache, filepath.FromSlash(sarifSchemaModule+"@"+sarifSchemaVersion), filepath.FromSlash(sarifSchemaFile))
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return "", err
	}
	var text string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "schema" || len(vs.Values) != 1 {
			return true
		}
		if lit, ok := vs.Values[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			text, _ = strconv.Unquote(lit.Value)
		}
		return false
	})
	if !strings.Contains(text, `"Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"`) {
		return "", fmt.Errorf("%s: no SARIF 2.1.0 schema constant found", path)
	}
	return text, nil
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := loadSARIFSchema(t)
	for name, c := range goldenCases() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, "sarif", c.report, c.opt); err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Errorf("SARIF output does not match the schema: %v", err)
			}
		})
	}
}

// TestSARIFSchemaRejectsBrokenLog checks that the validation can fail.
func TestSARIFSchemaRejectsBrokenLog(t *testing.T) {
	sch := loadSARIFSchema(t)
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", sampleReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log["runs"].([]any)[0].(map[string]any)
	run["results"].([]any)[0].(map[string]any)["level"] = "fatal"
	if err := sch.Validate(log); err == nil {
		t.Error("a result with level \"fatal\" passed validation")
	}
}

func TestSARIFContent(t *testing.T) {
	var buf bytes.Buffer
	r := sampleReport()
	if err := Write(&buf, "sarif", r, Options{}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := run.OriginalURIBaseIDs[srcRoot].URI, "file:///home/dev/my%20project/"; got != want {
		t.Errorf("SRCROOT = %q, want %q", got, want)
	}
	rules := map[string]sarifRule{}
	for i, rule := range run.Tool.Driver.Rules {
		rules[rule.ID] = rule
		for _, res := range run.Results {
			if res.RuleID == rule.ID && res.RuleIndex != i {
				t.Errorf("result for %s has ruleIndex %d, want %d", rule.ID, res.RuleIndex, i)
			}
		}
	}
	weak := rules["SG301"]
	if got, want := strings.Join(weak.Properties.Tags, ","), "security,external/cwe/cwe-328,external/cwe/cwe-327"; got != want {
		t.Errorf("tags = %s, want %s", got, want)
	}
	for id, want := range map[string]string{"SG102": "9.5", "SG101": "8.0", "SG110": "5.5", "SG301": "3.0"} {
		if got := rules[id].Properties.SecuritySeverity; got != want {
			t.Errorf("%s security-severity = %q, want %q", id, got, want)
		}
	}
	if _, ok := rules["SG901"]; !ok {
		t.Error("a rule with findings but no doc is missing from tool.driver.rules")
	}
	if !strings.Contains(rules["SG101"].Help.Markdown, "subprocess.run([\"ls\", path])") {
		t.Error("help markdown lacks the secure example")
	}
	// Suppressed findings are not listed without ShowSuppressed.
	for _, res := range run.Results {
		if len(res.Suppressions) > 0 {
			t.Errorf("suppressed result listed: %+v", res)
		}
	}
}

func TestSARIFSuppressionKinds(t *testing.T) {
	r := sampleReport()
	r.ShowSuppressed = true
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", r, Options{}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, res := range log.Runs[0].Results {
		for _, s := range res.Suppressions {
			kinds[s.Justification] = s.Kind
		}
	}
	if kinds["# nosec B602"] != "inSource" || kinds[finding.SuppressedByBaseline] != "external" {
		t.Errorf("suppression kinds = %v", kinds)
	}
}

func TestURIs(t *testing.T) {
	for in, want := range map[string]string{
		"app/views.py":  "app/views.py",
		"my dir/a#b.py": "my%20dir/a%23b.py",
		"c:odd.py":      "./c:odd.py",
		"100%.py":       "100%25.py",
		"ünï/code.py":   "%C3%BCn%C3%AF/code.py",
	} {
		if got := relativeURI(in); got != want {
			t.Errorf("relativeURI(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"/src/proj":  "file:///src/proj/",
		"/src/proj/": "file:///src/proj/",
		"/a b":       "file:///a%20b/",
	} {
		if got := rootURI(in); got != want {
			t.Errorf("rootURI(%q) = %q, want %q", in, got, want)
		}
	}
}
