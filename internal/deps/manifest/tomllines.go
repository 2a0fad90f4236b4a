package manifest

import "strings"

// tableHeader returns the name of the TOML table a line opens ("packages"
// for "[packages]  # main"), and false for other lines and for array
// tables ("[[source]]").
func tableHeader(line string) (string, bool) {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[[") {
		return "", false
	}
	end := strings.IndexByte(t, ']')
	if end < 0 {
		return "", false
	}
	var parts []string
	for _, p := range strings.Split(t[1:end], ".") {
		parts = append(parts, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return strings.Join(parts, "."), true
}

// isArrayTable reports whether a line opens an array of tables.
func isArrayTable(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), "[[")
}

// startsKey reports whether a TOML line assigns key, bare or quoted, as
// itself (`key = ...`) or as the first part of a dotted key (`key.version = ...`).
func startsKey(line, key string) bool {
	t := strings.TrimSpace(line)
	for _, k := range []string{key, `"` + key + `"`, `'` + key + `'`} {
		rest, ok := strings.CutPrefix(t, k)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " \t")
		if strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, ".") {
			return true
		}
	}
	return false
}

// tableKeyLine returns the 1-based line that declares key in TOML table
// table: a `key = ...` line below the [table] header, or a [table.key]
// header; 0 if there is none.
func tableKeyLine(ls []string, table, key string) int {
	in := false
	for i, l := range ls {
		if name, ok := tableHeader(l); ok {
			if name == table+"."+key {
				return i + 1
			}
			in = name == table
			continue
		}
		if isArrayTable(l) {
			in = false
			continue
		}
		if in && startsKey(l, key) {
			return i + 1
		}
	}
	return 0
}
