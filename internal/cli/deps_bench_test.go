package cli

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkDepsOffline runs `snakeguard deps --offline` on a uv.lock of
// 500 packages end to end: reading the lock file, loading the built-in
// snapshot, matching, and writing the JSON report.
func BenchmarkDepsOffline(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	b.Setenv("HOME", b.TempDir())
	args := []string{"deps", "--lock", "testdata/deps/bench/uv.lock", "--offline", "--format", "json"}
	for b.Loop() {
		if code := Run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard); code != ExitFindings {
			b.Fatalf("exit %d", code)
		}
	}
}
