package cli

import "fmt"

func runDeps(e *env) int {
	fmt.Fprintln(e.stderr, "snakeguard deps: not available in this build yet")
	return ExitUsage
}
