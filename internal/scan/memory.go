package scan

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/discover"
)

// A scan keeps the text of every file until it is done, and the trees and
// semantic models the project rules keep (see analysis.Rule.Keeps) until
// they are done; the live heap that leaves grows with the source it reads:
// at most about 3.2 bytes per byte of Python source on CPython's standard
// library when only the framework rules keep trees, and about 6.6 while
// the interprocedural taint analysis, which keeps every file but tests,
// runs (`GODEBUG=gctrace=1`, largest heap live after a collection).
// Without a limit, Go's collector lets the heap grow to twice what is live
// before it collects.
const (
	heapPerSourceByte      = 4
	heapPerSourceByteTaint = 8
	// limitHeadroom is the room above the expected heap that the limit
	// leaves, so the collector does not run all the time near the end.
	limitHeadroom = 1.25
	// minMemoryLimit keeps small scans, whose heap is mostly the
	// binary's own tables, clear of the limit.
	minMemoryLimit = 256 << 20
)

// A scan whose project rules keep few trees (no interprocedural rule, whose
// working state grows with the program) holds
// little beyond the files' text once each file's per-file rules are done,
// so with the runtime's default pacing (collect when the heap doubles) the
// collector runs often over a small heap. PaceGC lets such a scan's heap
// grow to a budget instead: the larger of pacedMinBudget and
// pacedBytesPerSourceByte bytes per byte of source, about two and a half
// times the live heap, which for a large project is a little more than
// the default pacing would reach.
const (
	pacedGCPercent          = 800
	pacedMinBudget          = 256 << 20
	pacedBytesPerSourceByte = 8
)

// paceGC sets the collector's pacing for a scan of sourceBytes bytes that
// drops its trees, unless GOGC or GOMEMLIMIT is set or a limit is in force,
// and returns a function that restores the previous settings.
func paceGC(sourceBytes int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prevLimit := debug.SetMemoryLimit(-1)
	if prevLimit != math.MaxInt64 {
		return func() {}
	}
	budget := max(sourceBytes*pacedBytesPerSourceByte, pacedMinBudget)
	debug.SetMemoryLimit(budget)
	prevPercent := debug.SetGCPercent(pacedGCPercent)
	return func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// memoryLimit is the soft memory limit for a scan of sourceBytes bytes of
// Python source with the given rules.
func memoryLimit(sourceBytes int64, ruleSet []*analysis.Rule) int64 {
	per := int64(heapPerSourceByte)
	if interprocedural(ruleSet) {
		per = heapPerSourceByteTaint
	}
	limit := int64(float64(sourceBytes*per) * limitHeadroom)
	return max(limit, minMemoryLimit)
}

// sourceSize is the total size of the Python files and notebooks of a
// scan, as the file system reports it.
func sourceSize(files []discover.File) int64 {
	var n int64
	for _, f := range files {
		if f.Kind == discover.Template || f.Path == "-" {
			continue
		}
		if st, err := os.Stat(f.Path); err == nil {
			n += st.Size()
		}
	}
	return n
}

// setMemoryLimit sets the runtime's soft memory limit for a scan unless
// one is set already or GOMEMLIMIT is set (to "off" too); it reports
// whether it did, and returns
// a function that restores the previous limit.
func setMemoryLimit(limit int64) (restore func(), set bool) {
	prev := debug.SetMemoryLimit(-1)
	if prev != math.MaxInt64 || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, false // GOMEMLIMIT=off too leaves the runtime's choice
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }, true
}

// raiseMemoryLimit lifts the limit when the heap live after the last
// collection comes close to it (source whose trees are denser than
// expected), so the collector does not run without pause.
func raiseMemoryLimit(limit int64) int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return limit
	}
	live := int64(sample[0].Value.Uint64())
	if float64(live)*limitHeadroom <= float64(limit) {
		return limit
	}
	raised := int64(float64(live) * limitHeadroom * limitHeadroom)
	debug.SetMemoryLimit(raised)
	return raised
}
