package scanner

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// benchCorpus loads the decoded .py files under SNAKEGUARD_BENCH_DIR, or
// else under the standard library of the python3 on PATH, up to about
// 16 MB.
func benchCorpus(b *testing.B) []*token.File {
	b.Helper()
	root := os.Getenv("SNAKEGUARD_BENCH_DIR")
	if root == "" {
		out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
		if err != nil {
			b.Skip("no corpus: set SNAKEGUARD_BENCH_DIR or install python3")
		}
		root = strings.TrimSpace(string(out))
	}
	paths := pyFiles(root)
	sort.Strings(paths)
	var files []*token.File
	total := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		text, err := source.Decode(raw)
		if err != nil {
			continue
		}
		files = append(files, token.NewFile(filepath.Base(p), text))
		total += len(text)
		if total > 16<<20 {
			break
		}
	}
	if len(files) == 0 {
		b.Skip("empty corpus")
	}
	return files
}

func BenchmarkScan(b *testing.B) {
	files := benchCorpus(b)
	size := 0
	for _, f := range files {
		size += len(f.Src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			Scan(f, 0)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	files := benchCorpus(b)
	size := 0
	for _, f := range files {
		size += len(f.Src)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			if _, err := source.Decode(f.Src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
