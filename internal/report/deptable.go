package report

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// Findings of the dependency audit carry these Properties; the text format
// lists those with a package and advisory ids as one table, the way
// pip-audit users expect, instead of one block per finding.
const (
	PropPackage     = "package"      // string: the distribution name
	PropVersion     = "version"      // string: the installed or pinned version
	PropIDs         = "ids"          // []string: advisory ids (GHSA-…, PYSEC-…, CVE-…)
	PropFixVersions = "fix_versions" // []string: versions that fix it
)

// depRow is one line of the dependency table.
type depRow struct {
	pkg, version, ids, fixes, severity, where string
}

// dependencyVuln returns the table row of a vulnerable-dependency finding;
// ok is false for any other finding.
func dependencyVuln(f finding.Finding) (row depRow, ok bool) {
	pkg, _ := f.Properties[PropPackage].(string)
	ids := stringList(f.Properties[PropIDs])
	if pkg == "" || len(ids) == 0 {
		return depRow{}, false
	}
	version, _ := f.Properties[PropVersion].(string)
	fixes := strings.Join(stringList(f.Properties[PropFixVersions]), ", ")
	if fixes == "" {
		fixes = "none"
	}
	where := f.Location.Path
	if f.Location.Line > 0 {
		where = fmt.Sprintf("%s:%d", f.Location.Path, f.Location.Line)
	}
	return depRow{pkg, version, strings.Join(ids, ", "), fixes, f.Severity.String(), where}, true
}

// stringList reads a []string property, also in the []any shape it has
// after a JSON round trip.
func stringList(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		var out []string
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func writeDependencyTable(w *bufio.Writer, p painter, fs []finding.Finding) {
	if len(fs) == 0 {
		return
	}
	header := depRow{"Package", "Version", "ID", "Fix versions", "Severity", "Where"}
	rows := []depRow{header}
	for _, f := range fs {
		row, _ := dependencyVuln(f)
		rows = append(rows, row)
	}
	var width [6]int
	cells := func(r depRow) [6]string {
		return [6]string{r.pkg, r.version, r.ids, r.fixes, r.severity, r.where}
	}
	for _, r := range rows {
		for i, c := range cells(r) {
			width[i] = max(width[i], utf8.RuneCountInString(safeText(c, false)))
		}
	}
	w.WriteString(p.paint(ansiBold, "Vulnerable dependencies:") + "\n")
	for n, r := range rows {
		var line strings.Builder
		for i, c := range cells(r) {
			c = safeText(c, false)
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+2)
			switch {
			case n == 0:
				c = p.paint(ansiBold, c)
			case i == 4:
				c = p.paint(severityStyle(fs[n-1].Severity), c)
			}
			line.WriteString(c)
			if i < len(width)-1 {
				line.WriteString(pad)
			}
		}
		w.WriteString(line.String() + "\n")
	}
	w.WriteString("\n")
}
