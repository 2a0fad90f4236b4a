package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestPURL(t *testing.T) {
	for _, tc := range []struct{ name, version, want string }{
		{"Django", "4.2.1", "pkg:pypi/django@4.2.1"},
		{"python_dateutil", "2.9.0.post0", "pkg:pypi/python-dateutil@2.9.0.post0"},
		{"zope.interface", "", "pkg:pypi/zope-interface"},
		{"torch", "2.3.0+cpu", "pkg:pypi/torch@2.3.0+cpu"},
	} {
		if got := PURL(tc.name, tc.version); got != tc.want {
			t.Errorf("PURL(%q, %q) = %q, want %q", tc.name, tc.version, got, tc.want)
		}
	}
}

func TestWriteGolden(t *testing.T) {
	db, bad, err := osv.Load(filepath.Join("..", "osv", "testdata", "pypa"))
	if err != nil || len(bad) != 1 {
		t.Fatalf("load: %v %v", bad, err)
	}
	loc := func(line int) finding.Location {
		return finding.Location{Path: "requirements.txt", Line: line, Column: 1}
	}
	pkgs := []audit.Package{
		{Name: "Jinja2", Version: "2.10", Location: loc(1)},
		{Name: "requests", Version: "2.30.0", Location: loc(2)},
		{Name: "flask", Version: "3.0.0", Location: loc(3)},
		{Name: "click", Location: loc(4)},
		{Name: "requests", Version: "2.30.0", Location: loc(5)},
	}
	results, err := audit.Audit(context.Background(), pkgs, []osv.Source{db}, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, pkgs, results, Options{ToolVersion: "1.2.3", Time: time.Date(2026, 7, 24, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["specVersion"] != "1.6" || len(doc["components"].([]any)) != 4 || len(doc["vulnerabilities"].([]any)) != 2 {
		t.Errorf("document: %s", buf.String())
	}
	golden := filepath.Join("testdata", "cyclonedx.golden.json")
	if *update {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, buf.String())
	}
}
