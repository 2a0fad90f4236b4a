package learn

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// StateEnv names the environment variable that overrides the progress
// file's path.
const StateEnv = "SNAKEGUARD_LEARN_STATE"

// RuleProgress is what a learner did with one rule.
type RuleProgress struct {
	Seen  int `json:"seen"`
	Right int `json:"right"` // answered with the right line and weakness
}

// Progress is a learner's record, kept as JSON between sessions.
type Progress struct {
	Version int                      `json:"version"`
	Rules   map[string]*RuleProgress `json:"rules"`
}

// NewProgress is an empty record.
func NewProgress() *Progress {
	return &Progress{Version: 1, Rules: map[string]*RuleProgress{}}
}

// Record adds one answered lesson.
func (p *Progress) Record(id string, right bool) {
	rp := p.Rules[id]
	if rp == nil {
		rp = &RuleProgress{}
		p.Rules[id] = rp
	}
	rp.Seen++
	if right {
		rp.Right++
	}
}

// Of is the record for one rule (zero when never seen).
func (p *Progress) Of(id string) RuleProgress {
	if rp := p.Rules[id]; rp != nil {
		return *rp
	}
	return RuleProgress{}
}

// Total is the number of lessons answered over all rules.
func (p *Progress) Total() int {
	n := 0
	for _, rp := range p.Rules {
		n += rp.Seen
	}
	return n
}

// StatePath is where progress is kept: $SNAKEGUARD_LEARN_STATE, else
// $XDG_STATE_HOME/snakeguard/learn.json, else
// ~/.local/state/snakeguard/learn.json.
func StatePath(getenv func(string) string) (string, error) {
	if p := getenv(StateEnv); p != "" {
		return p, nil
	}
	if dir := getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "snakeguard", "learn.json"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("no state directory: set XDG_STATE_HOME, HOME or " + StateEnv)
	}
	return filepath.Join(home, ".local", "state", "snakeguard", "learn.json"), nil
}

// LoadProgress reads a progress file; a missing file is an empty record.
func LoadProgress(path string) (*Progress, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return NewProgress(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read progress %s: %w", path, err)
	}
	p := NewProgress()
	if err := json.Unmarshal(data, p); err != nil {
		return nil, fmt.Errorf("read progress %s: %w", path, err)
	}
	if p.Rules == nil {
		p.Rules = map[string]*RuleProgress{}
	}
	return p, nil
}

// Save writes the record, creating its directory, through a temporary file
// so an interrupted write leaves the old record.
func (p *Progress) Save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".learn-*.json")
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("save progress %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save progress %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save progress %s: %w", path, err)
	}
	return nil
}

// Reset removes the progress file.
func Reset(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("reset progress: %w", err)
	}
	return nil
}
