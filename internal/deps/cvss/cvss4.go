package cvss

import (
	"fmt"
	"math"
	"strings"
)

// macroScores holds the CVSS v4.0 score of every MacroVector (the
// expert-rated table of the specification), in tenths. The outer index is
// 2*EQ1 + EQ2; inside, EQ3 0 and 1 take 18 entries each in the order
// EQ4, EQ5, EQ6, and EQ3 2 (which only exists with EQ6 1) takes 9 in the
// order EQ4, EQ5.
var macroScores = [6][45]uint8{
	{ // EQ1 0, EQ2 0
		100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90, 89, 80, 81, 68,
		98, 95, 95, 92, 90, 84, 93, 92, 89, 81, 81, 65, 88, 80, 78, 70, 69, 48,
		92, 82, 72, 79, 69, 50, 69, 55, 27,
	},
	{ // EQ1 0, EQ2 1
		99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71, 92, 81, 82, 71, 72, 53,
		95, 93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52, 50, 30,
		86, 75, 52, 71, 52, 29, 63, 29, 17,
	},
	{ // EQ1 1, EQ2 0
		98, 95, 94, 87, 91, 81, 94, 89, 86, 74, 77, 64, 87, 75, 74, 63, 63, 49,
		94, 89, 88, 77, 76, 67, 86, 76, 74, 58, 59, 50, 72, 57, 57, 52, 52, 25,
		83, 70, 54, 65, 58, 26, 53, 21, 13,
	},
	{ // EQ1 1, EQ2 1
		95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66, 68, 59, 52, 30,
		89, 78, 76, 67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24, 16,
		71, 59, 30, 58, 26, 15, 23, 13, 6,
	},
	{ // EQ1 2, EQ2 0
		93, 87, 86, 72, 75, 58, 86, 74, 74, 61, 56, 34, 70, 54, 52, 40, 40, 22,
		85, 75, 74, 55, 62, 51, 72, 57, 55, 41, 46, 19, 53, 36, 34, 19, 19, 8,
		64, 51, 20, 47, 21, 11, 24, 9, 4,
	},
	{ // EQ1 2, EQ2 1
		88, 75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22, 20, 11,
		75, 55, 58, 45, 40, 21, 61, 51, 48, 18, 20, 9, 46, 18, 17, 7, 8, 2,
		53, 24, 14, 24, 12, 5, 10, 3, 1,
	},
}

// macro is a MacroVector: the equivalence classes EQ1 to EQ6.
type macro [6]int

// score returns the table score of m, or false if m does not exist.
func (m macro) score() (float64, bool) {
	lim := [6]int{2, 1, 2, 2, 2, 1}
	for i, v := range m {
		if v < 0 || v > lim[i] {
			return 0, false
		}
	}
	var i int
	switch {
	case m[2] < 2:
		i = m[2]*18 + m[3]*6 + m[4]*2 + m[5]
	case m[5] == 1:
		i = 36 + m[3]*3 + m[4]
	default:
		return 0, false
	}
	return float64(macroScores[2*m[0]+m[1]][i]) / 10, true
}

// Severity levels of the metric values: the distance from the most severe
// value, in steps of 0.1.
var v4Levels = map[string]map[string]float64{
	"AV": {"N": 0, "A": 0.1, "L": 0.2, "P": 0.3},
	"PR": {"N": 0, "L": 0.1, "H": 0.2},
	"UI": {"N": 0, "P": 0.1, "A": 0.2},
	"AC": {"L": 0, "H": 0.1},
	"AT": {"N": 0, "P": 0.1},
	"VC": {"H": 0, "L": 0.1, "N": 0.2},
	"VI": {"H": 0, "L": 0.1, "N": 0.2},
	"VA": {"H": 0, "L": 0.1, "N": 0.2},
	"SC": {"H": 0.1, "L": 0.2, "N": 0.3},
	"SI": {"S": 0, "H": 0.1, "L": 0.2, "N": 0.3},
	"SA": {"S": 0, "H": 0.1, "L": 0.2, "N": 0.3},
	"CR": {"H": 0, "M": 0.1, "L": 0.2},
	"IR": {"H": 0, "M": 0.1, "L": 0.2},
	"AR": {"H": 0, "M": 0.1, "L": 0.2},
}

var v4Base = []string{"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"}

// The most severe vectors of each equivalence class (for EQ3 together
// with EQ6), from which a vector's severity distance is measured.
var (
	maxEQ1 = [][]string{{"AV:N/PR:N/UI:N"}, {"AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"}, {"AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"}}
	maxEQ2 = [][]string{{"AC:L/AT:N"}, {"AC:H/AT:N", "AC:L/AT:P"}}
	// indexed by EQ3, then EQ6
	maxEQ3EQ6 = [3][2][]string{
		{{"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"}, {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"}},
		{{"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"}, {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"}},
		{nil, {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"}},
	}
	maxEQ4 = [][]string{{"SC:H/SI:S/SA:S"}, {"SC:H/SI:H/SA:H"}, {"SC:L/SI:L/SA:L"}}
	// depth of each class in steps of 0.1
	depthEQ1    = []float64{1, 4, 5}
	depthEQ2    = []float64{1, 2}
	depthEQ3EQ6 = [3][2]float64{{7, 6}, {8, 8}, {0, 10}}
	depthEQ4    = []float64{6, 5, 4}
)

// ScoreV4 returns the CVSS-B base score of a CVSS v4.0 vector such as
// "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N".
// Threat, environmental and supplemental metrics are accepted and left
// out, as a base score requires.
func ScoreV4(vector string) (float64, error) {
	rest, ok := strings.CutPrefix(vector, "CVSS:4.0/")
	if !ok {
		return 0, fmt.Errorf("cvss: %q is not a CVSS v4.0 vector", vector)
	}
	all, err := parseMetrics(rest)
	if err != nil {
		return 0, fmt.Errorf("cvss: %q: %w", vector, err)
	}
	m := map[string]string{"CR": "H", "IR": "H", "AR": "H"}
	for _, k := range v4Base {
		val, ok := all[k]
		if !ok {
			return 0, fmt.Errorf("cvss: %q: missing base metric %s", vector, k)
		}
		if _, ok := v4Levels[k][val]; !ok || ((k == "SI" || k == "SA") && val == "S") {
			return 0, fmt.Errorf("cvss: %q: bad value %s:%s", vector, k, val)
		}
		m[k] = val
	}
	return scoreV4(m), nil
}

func scoreV4(m map[string]string) float64 {
	if m["VC"] == "N" && m["VI"] == "N" && m["VA"] == "N" && m["SC"] == "N" && m["SI"] == "N" && m["SA"] == "N" {
		return 0
	}
	mv := macroVector(m)
	value, _ := mv.score()

	lower := func(d macro) float64 {
		s, ok := d.score()
		if !ok {
			return math.NaN()
		}
		return s
	}
	next := func(i, by int) macro { n := mv; n[i] += by; return n }
	lowerEQ1 := lower(next(0, 1))
	lowerEQ2 := lower(next(1, 1))
	var lowerEQ3EQ6 float64
	switch eq3, eq6 := mv[2], mv[5]; {
	case eq3 == 0 && eq6 == 0:
		lowerEQ3EQ6 = math.Max(lower(next(5, 1)), lower(next(2, 1)))
	case eq6 == 0: // 10 -> 11
		lowerEQ3EQ6 = lower(next(5, 1))
	case eq3 < 2: // 01 -> 11, 11 -> 21
		lowerEQ3EQ6 = lower(next(2, 1))
	default: // 21 has nothing below
		lowerEQ3EQ6 = math.NaN()
	}
	lowerEQ4 := lower(next(3, 1))
	lowerEQ5 := lower(next(4, 1))

	d := severityDistances(m, mv)
	dEQ1 := d["AV"] + d["PR"] + d["UI"]
	dEQ2 := d["AC"] + d["AT"]
	dEQ3EQ6 := d["VC"] + d["VI"] + d["VA"] + d["CR"] + d["IR"] + d["AR"]
	dEQ4 := d["SC"] + d["SI"] + d["SA"]

	const step = 0.1
	var sum float64
	n := 0
	add := func(lowerScore, dist, depth float64) {
		if math.IsNaN(lowerScore) {
			return
		}
		n++
		if depth > 0 {
			sum += (value - lowerScore) * dist / (depth * step)
		}
	}
	add(lowerEQ1, dEQ1, depthEQ1[mv[0]])
	add(lowerEQ2, dEQ2, depthEQ2[mv[1]])
	add(lowerEQ3EQ6, dEQ3EQ6, depthEQ3EQ6[mv[2]][mv[5]])
	add(lowerEQ4, dEQ4, depthEQ4[mv[3]])
	add(lowerEQ5, 0, 0) // EQ5 (exploit maturity) is not part of a base score
	if n > 0 {
		value -= sum / float64(n)
	}
	value = math.Min(math.Max(value, 0), 10)
	return math.Round(value*10) / 10
}

func macroVector(m map[string]string) macro {
	var mv macro
	switch {
	case m["AV"] == "N" && m["PR"] == "N" && m["UI"] == "N":
		mv[0] = 0
	case (m["AV"] == "N" || m["PR"] == "N" || m["UI"] == "N") && m["AV"] != "P":
		mv[0] = 1
	default:
		mv[0] = 2
	}
	if !(m["AC"] == "L" && m["AT"] == "N") {
		mv[1] = 1
	}
	switch {
	case m["VC"] == "H" && m["VI"] == "H":
		mv[2] = 0
	case m["VC"] == "H" || m["VI"] == "H" || m["VA"] == "H":
		mv[2] = 1
	default:
		mv[2] = 2
	}
	switch {
	case m["SI"] == "S" || m["SA"] == "S":
		mv[3] = 0
	case m["SC"] == "H" || m["SI"] == "H" || m["SA"] == "H":
		mv[3] = 1
	default:
		mv[3] = 2
	}
	mv[4] = 0 // exploit maturity not given: assume attacked
	if !((m["CR"] == "H" && m["VC"] == "H") || (m["IR"] == "H" && m["VI"] == "H") || (m["AR"] == "H" && m["VA"] == "H")) {
		mv[5] = 1
	}
	return mv
}

// severityDistances measures, per metric, how far m lies below the first
// most severe vector of its MacroVector that is at least as severe in every
// metric.
func severityDistances(m map[string]string, mv macro) map[string]float64 {
	var d map[string]float64
	for _, a := range maxEQ1[mv[0]] {
		for _, b := range maxEQ2[mv[1]] {
			for _, c := range maxEQ3EQ6[mv[2]][mv[5]] {
				for _, e := range maxEQ4[mv[3]] {
					d = map[string]float64{}
					neg := false
					for _, part := range strings.Split(a+"/"+b+"/"+c+"/"+e, "/") {
						k, v, _ := strings.Cut(part, ":")
						d[k] = v4Levels[k][m[k]] - v4Levels[k][v]
						neg = neg || d[k] < 0
					}
					if !neg {
						return d
					}
				}
			}
		}
	}
	return d
}
