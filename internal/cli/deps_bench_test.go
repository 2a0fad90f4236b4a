package cli

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkDepsOffline runs `snakeguard deps --offline` on 500 pinned
// requirements end to end: reading the file, loading the built-in
// snapshot, matching, and writing the JSON report.
func BenchmarkDepsOffline(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	b.Setenv("HOME", b.TempDir())
	args := []string{"deps", "-r", "../deps/audit/testdata/bench/requirements-500.txt", "--offline", "--format", "json"}
	for b.Loop() {
		if code := Run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard); code != ExitFindings {
			b.Fatalf("exit %d", code)
		}
	}
}
