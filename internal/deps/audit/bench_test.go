package audit

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// readPins reads "name==version" lines (no other syntax) for the benchmark.
func readPins(tb testing.TB, path string) []Package {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var pkgs []Package
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		name, ver, ok := strings.Cut(sc.Text(), "==")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		pkgs = append(pkgs, Package{Name: name, Version: ver, Location: finding.Location{Path: path, Line: n}})
	}
	return pkgs
}

// BenchmarkAuditOffline audits 500 pinned packages against the built-in
// snapshot, loading the snapshot in every iteration as a run of
// `snakeguard deps --offline` does.
func BenchmarkAuditOffline(b *testing.B) {
	pkgs := readPins(b, filepath.Join("testdata", "bench", "requirements-500.txt"))
	if len(pkgs) != 500 {
		b.Fatalf("%d packages", len(pkgs))
	}
	var vulns int
	for b.Loop() {
		db, err := osv.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		res, err := Audit(context.Background(), pkgs, []osv.Source{db}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		vulns = len(Findings(res))
	}
	b.ReportMetric(float64(vulns), "findings")
}
