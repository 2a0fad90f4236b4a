package parser_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/parser"
)

// TestASTMemory measures the memory the trees of a corpus keep alive,
// relative to the source size. It runs only when SNAKEGUARD_CORPUS names a
// directory of Python files (for example a standard library).
func TestASTMemory(t *testing.T) {
	dir := os.Getenv("SNAKEGUARD_CORPUS")
	if dir == "" {
		t.Skip("SNAKEGUARD_CORPUS not set")
	}
	var srcs [][]byte
	var total int
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			if b, err := os.ReadFile(p); err == nil {
				srcs = append(srcs, b)
				total += len(b)
			}
		}
		return nil
	})
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	results := make([]*parser.Result, len(srcs))
	for i, s := range srcs {
		results[i] = parser.ParseFile("m.py", s)
		results[i].Comments = nil
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	used := float64(after.HeapInuse - before.HeapInuse)
	ratio := used / float64(total)
	t.Logf("%d files, %.1f MB source, trees and line tables %.1f MB: %.2f bytes per source byte", len(srcs), float64(total)/1e6, used/1e6, ratio)
	runtime.KeepAlive(results)
	if ratio > 8 {
		t.Errorf("trees take %.2f bytes per source byte, want at most 8", ratio)
	}
}

// BenchmarkParseCorpus parses every file of SNAKEGUARD_CORPUS (site-packages
// excluded) with one Buffers, as a scan worker does.
func BenchmarkParseCorpus(b *testing.B) {
	dir := os.Getenv("SNAKEGUARD_CORPUS")
	if dir == "" {
		b.Skip("SNAKEGUARD_CORPUS not set")
	}
	var srcs [][]byte
	var total int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") && !strings.Contains(p, "site-packages") {
			if raw, err := os.ReadFile(p); err == nil {
				srcs = append(srcs, raw)
				total += int64(len(raw))
			}
		}
		return nil
	})
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	var buf parser.Buffers
	for range b.N {
		for _, src := range srcs {
			parser.ParseFileWith("m.py", src, &buf)
		}
	}
}
