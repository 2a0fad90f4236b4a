package scan

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
)

func TestMemoryLimit(t *testing.T) {
	perFile := []*analysis.Rule{{Run: func(*analysis.Pass) {}}}
	withTaint := append([]*analysis.Rule{{RunProject: func(*analysis.ProjectPass) {}, Interprocedural: true}}, perFile...)
	tests := []struct {
		name   string
		source int64
		rules  []*analysis.Rule
		want   int64
	}{
		{"small scan gets the floor", 1 << 20, withTaint, minMemoryLimit},
		{"no source", 0, perFile, minMemoryLimit},
		{"per-file rules", 100 << 20, perFile, int64(float64(100<<20*heapPerSourceByte) * limitHeadroom)},
		{"taint rules", 100 << 20, withTaint, int64(float64(100<<20*heapPerSourceByteTaint) * limitHeadroom)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := memoryLimit(tt.source, tt.rules); got != tt.want {
				t.Errorf("memoryLimit(%d) = %d, want %d", tt.source, got, tt.want)
			}
		})
	}
}

func TestSetMemoryLimitKeepsAnExistingLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)

	debug.SetMemoryLimit(math.MaxInt64)
	restore, set := setMemoryLimit(1 << 30)
	if !set || debug.SetMemoryLimit(-1) != 1<<30 {
		t.Fatalf("limit not set: set=%v limit=%d", set, debug.SetMemoryLimit(-1))
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit not restored: %d", got)
	}

	debug.SetMemoryLimit(2 << 30) // as GOMEMLIMIT would
	restore, set = setMemoryLimit(1 << 30)
	if set || debug.SetMemoryLimit(-1) != 2<<30 {
		t.Fatalf("an existing limit was replaced: set=%v limit=%d", set, debug.SetMemoryLimit(-1))
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != 2<<30 {
		t.Fatalf("existing limit changed on restore: %d", got)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "off") // the runtime reads it at start: off is no limit
	restore, set = setMemoryLimit(1 << 30)
	if set || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Fatalf("GOMEMLIMIT=off was overridden: set=%v limit=%d", set, debug.SetMemoryLimit(-1))
	}
	restore()
}

func TestPaceGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	prevLimit := debug.SetMemoryLimit(math.MaxInt64)
	prevPercent := debug.SetGCPercent(100)
	defer func() {
		debug.SetMemoryLimit(prevLimit)
		debug.SetGCPercent(prevPercent)
	}()

	for _, tt := range []struct {
		source, budget int64
	}{{1 << 20, pacedMinBudget}, {1 << 30, 1 << 30 * pacedBytesPerSourceByte}} {
		restore := paceGC(tt.source)
		if got := debug.SetMemoryLimit(-1); got != tt.budget {
			t.Errorf("source %d: budget %d, want %d", tt.source, got, tt.budget)
		}
		if got := debug.SetGCPercent(pacedGCPercent); got != pacedGCPercent {
			t.Errorf("GC percent %d, want %d", got, pacedGCPercent)
		}
		restore()
		if debug.SetMemoryLimit(-1) != math.MaxInt64 || debug.SetGCPercent(100) != 100 {
			t.Error("pacing not restored")
		}
	}

	t.Setenv("GOGC", "50") // the user's choice wins
	restore := paceGC(1 << 20)
	if debug.SetMemoryLimit(-1) != math.MaxInt64 || debug.SetGCPercent(100) != 100 {
		t.Error("pacing set although GOGC is set")
	}
	restore()
}
