package scan

import (
	"context"
	"os"
	"testing"

	"github.com/snakeguard/snakeguard/internal/config"
)

// BenchmarkScan scans SNAKEGUARD_CORPUS (a directory of Python files) with
// every rule, or this package's directory when it is not set.
func BenchmarkScan(b *testing.B) {
	dir := os.Getenv("SNAKEGUARD_CORPUS")
	if dir == "" {
		dir = "."
	}
	cfg := config.Default()
	cfg.ExtendExclude = append(cfg.ExtendExclude, "site-packages")
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Options{Paths: []string{dir}, Config: cfg}); err != nil {
			b.Fatal(err)
		}
	}
}
