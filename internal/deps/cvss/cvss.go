// Package cvss computes base scores from CVSS vector strings, following
// the formulas of the CVSS v3.0 and v3.1 specifications published by FIRST.
package cvss

import (
	"fmt"
	"math"
	"strings"
)

// Rating is the qualitative severity of a score.
type Rating string

// Ratings, as the specifications define them.
const (
	None     Rating = "none"
	Low      Rating = "low"
	Medium   Rating = "medium"
	High     Rating = "high"
	Critical Rating = "critical"
)

// RatingOf maps a base score to its qualitative rating.
func RatingOf(score float64) Rating {
	switch {
	case score >= 9.0:
		return Critical
	case score >= 7.0:
		return High
	case score >= 4.0:
		return Medium
	case score > 0:
		return Low
	}
	return None
}

// v3 metric weights.
var (
	v3AV  = map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}
	v3AC  = map[string]float64{"L": 0.77, "H": 0.44}
	v3PRU = map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27}
	v3PRC = map[string]float64{"N": 0.85, "L": 0.68, "H": 0.5}
	v3UI  = map[string]float64{"N": 0.85, "R": 0.62}
	v3CIA = map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
	v3S   = map[string]float64{"U": 0, "C": 0}
)

var v3Base = []string{"AV", "AC", "PR", "UI", "S", "C", "I", "A"}

// ScoreV3 returns the base score of a CVSS v3.0 or v3.1 vector such as
// "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H". Temporal and
// environmental metrics may be present; they do not change the base score.
func ScoreV3(vector string) (float64, error) {
	prefix, rest, ok := strings.Cut(vector, "/")
	if !ok || (prefix != "CVSS:3.0" && prefix != "CVSS:3.1") {
		return 0, fmt.Errorf("cvss: %q is not a CVSS v3 vector", vector)
	}
	m, err := parseMetrics(rest)
	if err != nil {
		return 0, fmt.Errorf("cvss: %q: %w", vector, err)
	}
	tables := map[string]map[string]float64{"AV": v3AV, "AC": v3AC, "UI": v3UI, "S": v3S, "C": v3CIA, "I": v3CIA, "A": v3CIA, "PR": v3PRU}
	for _, k := range v3Base {
		val, ok := m[k]
		if !ok {
			return 0, fmt.Errorf("cvss: %q: missing base metric %s", vector, k)
		}
		if _, ok := tables[k][val]; !ok {
			return 0, fmt.Errorf("cvss: %q: bad value %s:%s", vector, k, val)
		}
	}
	changed := m["S"] == "C"
	pr := v3PRU[m["PR"]]
	if changed {
		pr = v3PRC[m["PR"]]
	}
	iss := 1 - (1-v3CIA[m["C"]])*(1-v3CIA[m["I"]])*(1-v3CIA[m["A"]])
	var impact float64
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	} else {
		impact = 6.42 * iss
	}
	exploitability := 8.22 * v3AV[m["AV"]] * v3AC[m["AC"]] * pr * v3UI[m["UI"]]
	if impact <= 0 {
		return 0, nil
	}
	roundUp := roundUp31
	if prefix == "CVSS:3.0" {
		roundUp = roundUp30
	}
	if changed {
		return roundUp(math.Min(1.08*(impact+exploitability), 10)), nil
	}
	return roundUp(math.Min(impact+exploitability, 10)), nil
}

// roundUp31 is the Roundup function of CVSS v3.1 (Appendix A), which
// avoids floating-point artefacts such as 4.000000001 rounding to 4.1.
func roundUp31(x float64) float64 {
	i := int64(math.Round(x * 100000))
	if i%10000 == 0 {
		return float64(i) / 100000
	}
	return float64(i/10000+1) / 10
}

// roundUp30 is the Roundup function of CVSS v3.0.
func roundUp30(x float64) float64 {
	return math.Ceil(x*10) / 10
}

// parseMetrics splits "AV:N/AC:L/..." into a map, rejecting repeated or
// malformed metrics.
func parseMetrics(s string) (map[string]string, error) {
	m := make(map[string]string, 12)
	for _, part := range strings.Split(s, "/") {
		k, v, ok := strings.Cut(part, ":")
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("malformed metric %q", part)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("metric %s given twice", k)
		}
		m[k] = v
	}
	return m, nil
}

// Score returns the base score of a v3.x or v4.0 vector.
func Score(vector string) (float64, error) {
	switch {
	case strings.HasPrefix(vector, "CVSS:3."):
		return ScoreV3(vector)
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		return ScoreV4(vector)
	}
	return 0, fmt.Errorf("cvss: unsupported vector %q", vector)
}
