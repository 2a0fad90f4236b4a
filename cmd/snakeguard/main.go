// Command snakeguard is a security analyzer for Python projects.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/snakeguard/snakeguard/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
