package taint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/taint"
)

// BenchmarkAnalyze runs the taint analysis over SNAKEGUARD_CORPUS (a
// directory of Python files), or over the fixtures when it is not set.
func BenchmarkAnalyze(b *testing.B) {
	dir := os.Getenv("SNAKEGUARD_CORPUS")
	if dir == "" {
		dir = "testdata/src"
	}
	var units []*analysis.Unit
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			if src, err := os.ReadFile(p); err == nil {
				rel, _ := filepath.Rel(dir, p)
				mod := strings.TrimSuffix(strings.ReplaceAll(filepath.ToSlash(rel), "/", "."), ".py")
				units = append(units, analysis.NewUnit(rel, mod, parser.ParseFile(rel, src)))
			}
		}
		return nil
	})
	spec, err := taint.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		taint.Analyze(spec, units)
	}
}
