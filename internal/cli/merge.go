package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/snakeguard/snakeguard/internal/report"
)

// runMergeSARIF merges SARIF logs of shards (`scan --shard I/N`) into one.
func runMergeSARIF(e *env) int {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "usage: snakeguard merge-sarif FILE.sarif... > merged.sarif")
		return ExitUsage
	}
	var readers []io.Reader
	for _, path := range e.args {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard merge-sarif: %v\n", err)
			return ExitUsage
		}
		defer f.Close()
		readers = append(readers, f)
	}
	if err := report.MergeSARIF(e.stdout, readers...); err != nil {
		fmt.Fprintf(e.stderr, "snakeguard merge-sarif: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}
