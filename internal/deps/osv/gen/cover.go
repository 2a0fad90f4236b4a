package main

import (
	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/osv"
)

// coveredByRanges reports whether version v is already affected through
// ranges, so that listing it again is redundant.
func coveredByRanges(ranges []osv.Range, v string) bool {
	return audit.CoveredByRanges(ranges, v)
}
