package cli

import "fmt"

func runScan(e *env) int {
	fmt.Fprintln(e.stderr, "snakeguard scan: not available in this build yet")
	return ExitUsage
}
