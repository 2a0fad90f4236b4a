package cli

import "fmt"

func runDebug(e *env) int {
	fmt.Fprintln(e.stderr, "snakeguard debug: not available in this build yet")
	return ExitUsage
}
