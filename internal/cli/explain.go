package cli

import "fmt"

func runExplain(e *env) int {
	fmt.Fprintln(e.stderr, "snakeguard explain: not available in this build yet")
	return ExitUsage
}
