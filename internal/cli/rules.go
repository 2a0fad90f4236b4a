package cli

import "fmt"

func runRules(e *env) int {
	fmt.Fprintln(e.stderr, "snakeguard rules: not available in this build yet")
	return ExitUsage
}
