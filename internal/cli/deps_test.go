package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/report"
)

var updateGolden = flag.Bool("update", false, "rewrite golden files")

const (
	depsReq = "testdata/deps/requirements.txt"
	depsDB  = "../deps/osv/testdata/pypa"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "deps", name)
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -run %s -update to accept):\n%s", path, t.Name(), got)
	}
}

func TestDepsTextGolden(t *testing.T) {
	code, out, errs := runCLI(t, "deps", "-r", depsReq, "--db", depsDB)
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	golden(t, "text.golden", out)
}

func TestDepsJSON(t *testing.T) {
	code, out, errs := runCLI(t, "deps", "-r", depsReq, "--db", depsDB, "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var doc struct {
		Findings []struct {
			RuleID     string         `json:"rule_id"`
			Properties map[string]any `json:"properties"`
			Path       string         `json:"path"`
			Line       int            `json:"line"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	golden(t, "json.golden", out)
	seen := map[string]int{}
	for _, f := range doc.Findings {
		if f.RuleID == "SG901" {
			seen[f.Properties["package"].(string)] = f.Line
		}
	}
	if seen["Jinja2"] != 2 || seen["requests"] != 3 {
		t.Errorf("vulnerable packages and lines = %v", seen)
	}
}

func TestDepsCycloneDX(t *testing.T) {
	code, out, errs := runCLI(t, "deps", "-r", depsReq, "--db", depsDB, "--format", "cyclonedx")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["specVersion"] != "1.6" || len(doc["components"].([]any)) != 3 || len(doc["vulnerabilities"].([]any)) != 2 {
		t.Errorf("bom = %s", out)
	}
}

func TestDepsIgnoreAndThreshold(t *testing.T) {
	// Ignoring by alias: CVE id of the jinja2 flaw, GHSA id of the requests one.
	code, _, errs := runCLI(t, "deps", "-r", depsReq, "--db", depsDB, "--ignore-vuln", "CVE-2019-10906", "--ignore-vuln", "ghsa-j8r2-6x86-q33q")
	if code != ExitOK {
		t.Errorf("exit %d after ignoring both, stderr %s", code, errs)
	}
	// requests' flaw is rated 6.1 (medium); jinja2's is unrated and stays.
	code, out, _ := runCLI(t, "deps", "-r", depsReq, "--db", depsDB, "--severity-threshold", "high", "--format", "json")
	if code != ExitFindings || strings.Contains(out, "GHSA-j8r2-6x86-q33q") || !strings.Contains(out, "PYSEC-2019-217") {
		t.Errorf("threshold high: exit %d\n%s", code, out)
	}
}

func TestDepsUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"deps", "--format", "yaml"},
		{"deps", "--severity-threshold", "severe"},
		{"deps", "--dry-run"},
		{"deps", "-r", "testdata/deps/missing.txt", "--offline"},
		{"deps", "--no-such-flag"},
		{"deps", "-r", depsReq, "--db", "testdata/deps/no-such-db"},
		{"deps", "db"},
	} {
		if code, _, _ := runCLI(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestDepsOfflineSnapshot(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // no downloaded export
	t.Setenv("HOME", t.TempDir())
	code, out, errs := runCLI(t, "deps", "-r", depsReq, "--offline")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(out, "2026-07-23") || !strings.Contains(out, "PYSEC-2019-217") {
		t.Errorf("offline output lacks the snapshot date or the jinja2 advisory:\n%s", out)
	}
}

func TestDepsNetworkFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, _, errs := runCLI(t, "deps", "-r", depsReq, "--osv-url", srv.URL, "--retries", "0")
	if code != ExitUsage || !strings.Contains(errs, "--offline") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
}

func TestDepsOnline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/querybatch":
			var body struct {
				Queries []struct {
					Package struct{ Name string } `json:"package"`
				} `json:"queries"`
			}
			json.NewDecoder(r.Body).Decode(&body)
			var results []map[string]any
			for _, q := range body.Queries {
				var vulns []map[string]string
				if q.Package.Name == "requests" {
					vulns = append(vulns, map[string]string{"id": "GHSA-j8r2-6x86-q33q", "modified": "2023-06-21T20:48:15Z"})
				}
				results = append(results, map[string]any{"vulns": vulns})
			}
			json.NewEncoder(w).Encode(map[string]any{"results": results})
		case "/v1/vulns/GHSA-j8r2-6x86-q33q":
			data, _ := os.ReadFile(filepath.Join(depsDB, "vulns", "requests", "GHSA-j8r2-6x86-q33q.json"))
			w.Write(data)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, errs := runCLI(t, "deps", "-r", depsReq, "--osv-url", srv.URL, "--format", "json")
	if code != ExitFindings || !strings.Contains(out, "GHSA-j8r2-6x86-q33q") || strings.Contains(out, "PYSEC-2019-217") {
		t.Errorf("exit %d, stderr %s\n%s", code, errs, out)
	}
}

func TestDepsFix(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join(dir, "requirements.txt")
	src, _ := os.ReadFile(depsReq)
	os.WriteFile(req, src, 0o644)

	code, _, errs := runCLI(t, "deps", "-r", req, "--db", depsDB, "--fix", "--dry-run")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(errs, "\n-Jinja2==2.10  # templates\n") || !strings.Contains(errs, "\n+Jinja2==2.10.1  # templates\n") ||
		!strings.Contains(errs, "\n+requests==2.31.0\n") || !strings.Contains(errs, "--- "+req+"\n") {
		t.Errorf("diff:\n%s", errs)
	}
	if got, _ := os.ReadFile(req); !bytes.Equal(got, src) {
		t.Error("--dry-run changed the file")
	}

	runCLI(t, "deps", "-r", req, "--db", depsDB, "--fix")
	got, _ := os.ReadFile(req)
	want := strings.NewReplacer("Jinja2==2.10 ", "Jinja2==2.10.1 ", "requests==2.30.0", "requests==2.31.0").Replace(string(src))
	if string(got) != want {
		t.Errorf("after --fix:\n%s", got)
	}
	if code, _, _ := runCLI(t, "deps", "-r", req, "--db", depsDB); code != ExitOK {
		t.Errorf("still findings after --fix: exit %d", code)
	}
}

func TestDepsDBUpdate(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("GHSA-j8r2-6x86-q33q.json")
	data, _ := os.ReadFile(filepath.Join(depsDB, "vulns", "requests", "GHSA-j8r2-6x86-q33q.json"))
	w.Write(data)
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(buf.Bytes()) }))
	defer srv.Close()
	cache := t.TempDir()
	code, out, errs := runCLI(t, "deps", "db", "update", "--url", srv.URL+"/PyPI/all.zip", "--cache-dir", cache)
	if code != ExitOK || !strings.Contains(out, "saved 1 advisories") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(cache, "PyPI-all.zip")); err != nil {
		t.Error(err)
	}
}

func TestDepsSnapshotAgeWarning(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	o := &depsOptions{offline: true}
	for _, tc := range []struct {
		now  time.Time
		warn bool
	}{
		{time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		_, notices, err := advisorySources(o, tc.now)
		if err != nil {
			t.Fatal(err)
		}
		var dated, warned bool
		for _, n := range notices {
			dated = dated || strings.Contains(n.Message, "2026-07-23")
			warned = warned || (n.Level == report.LevelWarning && strings.Contains(n.Message, "days old"))
		}
		if !dated || warned != tc.warn {
			t.Errorf("at %s: notices %+v", tc.now.Format(time.DateOnly), notices)
		}
	}
}

func TestDepsSARIF(t *testing.T) {
	code, out, errs := runCLI(t, "deps", "-r", depsReq, "--db", depsDB, "--format", "sarif")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID     string         `json:"ruleId"`
				Properties map[string]any `json:"properties"`
				Locations  []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 2 {
		t.Fatalf("sarif = %s", out)
	}
	r := log.Runs[0].Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "SG901" || loc.ArtifactLocation.URI != depsReq || loc.Region.StartLine != 2 || r.Properties["ids"] == nil {
		t.Errorf("first result = %+v", r)
	}
}

func TestDepsConfig(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(depsReq)
	os.WriteFile(filepath.Join(dir, "requirements.txt"), src, 0o644)
	cfg := filepath.Join(dir, "snakeguard.toml")
	os.WriteFile(cfg, []byte("[deps]\nignore-vulns = [\"CVE-2019-10906\"]\n"), 0o644)
	code, out, errs := runCLI(t, "deps", "-r", filepath.Join(dir, "requirements.txt"), "--db", depsDB, "--config", cfg, "--format", "json")
	if code != ExitFindings || strings.Contains(out, "PYSEC-2019-217") || !strings.Contains(out, "PYSEC-2023-74") {
		t.Errorf("exit %d, stderr %s\n%s", code, errs, out)
	}
	os.WriteFile(cfg, []byte("ignore = [\"SG901\"]\n"), 0o644)
	if code, out, _ := runCLI(t, "deps", "-r", filepath.Join(dir, "requirements.txt"), "--db", depsDB, "--config", cfg); code != ExitOK {
		t.Errorf("SG901 ignored by config: exit %d\n%s", code, out)
	}
	os.WriteFile(cfg, []byte("[deps]\nbogus = 1\n"), 0o644)
	if code, _, errs := runCLI(t, "deps", "-r", filepath.Join(dir, "requirements.txt"), "--db", depsDB, "--config", cfg); code != ExitUsage {
		t.Errorf("bad config: exit %d %s", code, errs)
	}
}

func TestReadRequirements(t *testing.T) {
	in, err := collectDependencies(&depsOptions{requirements: listFlag{"testdata/deps/nested/requirements.txt"}, requireHashes: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range in.packages {
		got = append(got, fmt.Sprintf("%s %s=%s:%d", p.Name, p.Version, p.Location.Path, p.Location.Line))
	}
	want := []string{
		"Jinja2 2.10=testdata/deps/nested/base.txt:1",
		"Django 3.2.0=testdata/deps/nested/requirements.txt:5",
		"requests 2.30.0=testdata/deps/nested/requirements.txt:6",
		"flask =testdata/deps/nested/requirements.txt:8",
		"celery =testdata/deps/nested/requirements.txt:9",
		"pkg =testdata/deps/nested/requirements.txt:11",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("packages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(in.notices) != 1 || in.notices[0].Line != 12 {
		t.Errorf("notices = %+v", in.notices)
	}
	// --require-hashes: everything but requests lacks a hash.
	var unhashed []string
	for _, f := range in.findings {
		if f.RuleID == "SG903" {
			unhashed = append(unhashed, f.Properties["package"].(string))
		}
	}
	if strings.Join(unhashed, " ") != "Jinja2 Django flask celery pkg" {
		t.Errorf("SG903 findings for %v", unhashed)
	}
}

// The vulnerable example of each requirements-file rule must fire and the
// secure one must not, audited offline against the built-in snapshot.
func TestDepsRuleExamples(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	for _, doc := range audit.Rules() {
		if !strings.HasPrefix(doc.Vulnerable, "# requirements.txt\n") {
			continue
		}
		for _, tc := range []struct {
			example string
			fire    bool
		}{{doc.Vulnerable, true}, {doc.Secure, false}} {
			req := filepath.Join(t.TempDir(), "requirements.txt")
			os.WriteFile(req, []byte(tc.example), 0o644)
			_, out, errs := runCLI(t, "deps", "-r", req, "--offline", "--require-hashes", "--format", "json")
			if fired := strings.Contains(out, `"rule_id": "`+doc.ID+`"`); fired != tc.fire {
				t.Errorf("%s on\n%s: fired = %v, want %v\n%s%s", doc.ID, tc.example, fired, tc.fire, out, errs)
			}
		}
	}
}

func TestDepsPathAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "svc", ".venv"), 0o755)
	src, _ := os.ReadFile(depsReq)
	os.WriteFile(filepath.Join(dir, "svc", "requirements-prod.txt"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "svc", ".venv", "requirements.txt"), []byte("django==1.0\n"), 0o644)
	out := filepath.Join(dir, "report.json")
	code, stdout, errs := runCLI(t, "deps", "--db", depsDB, "--format", "json", "-o", out, dir)
	if code != ExitFindings || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, errs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "requirements-prod.txt") || strings.Contains(string(data), ".venv") {
		t.Errorf("report:\n%s", data)
	}
	if code, _, errs := runCLI(t, "deps", "--db", depsDB, t.TempDir()); code != ExitUsage || !strings.Contains(errs, "no requirements or lock files") {
		t.Errorf("empty dir: exit %d %s", code, errs)
	}
}

func TestDepsInstalledEnvironment(t *testing.T) {
	code, out, errs := runCLI(t, "deps", "--path", "testdata/deps/venv", "--db", depsDB, "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	meta := "testdata/deps/venv/lib/python3.12/site-packages/Jinja2-2.10.dist-info/METADATA"
	if !strings.Contains(out, `"path": "`+meta+`"`) || !strings.Contains(out, "PYSEC-2019-217") || !strings.Contains(out, "METADATA without Name or Version") {
		t.Errorf("output:\n%s", out)
	}
	if code, _, _ := runCLI(t, "deps", "--path", "testdata/deps", "--db", depsDB); code != ExitUsage {
		t.Errorf("directory without site-packages: exit %d", code)
	}
}

func TestDepsLockFiles(t *testing.T) {
	for file, lines := range map[string][2]int{
		"uv.lock":      {6, 20},
		"poetry.lock":  {4, 20},
		"pylock.toml":  {6, 16},
		"Pipfile.lock": {12, 19},
	} {
		code, out, errs := runCLI(t, "deps", "--lock", "testdata/deps/locks/"+file, "--db", depsDB, "--format", "json")
		if code != ExitFindings {
			t.Errorf("%s: exit %d, stderr %s", file, code, errs)
			continue
		}
		var doc struct {
			Findings []struct {
				RuleID     string         `json:"rule_id"`
				Line       int            `json:"line"`
				Properties map[string]any `json:"properties"`
			} `json:"findings"`
		}
		json.Unmarshal([]byte(out), &doc)
		got := map[string]int{}
		for _, f := range doc.Findings {
			if f.RuleID == "SG901" {
				got[f.Properties["package"].(string)] = f.Line
			}
		}
		if len(got) != 2 || got["jinja2"] != lines[0] || got["requests"] != lines[1] {
			t.Errorf("%s: vulnerable packages at %v, want jinja2:%d requests:%d", file, got, lines[0], lines[1])
		}
	}
	// Found under a PATH: the four lock files give 2 vulnerable packages each.
	code, out, errs := runCLI(t, "deps", "--db", depsDB, "--format", "json", "testdata/deps/locks")
	if code != ExitFindings || strings.Count(out, `"rule_id": "SG901"`) != 8 {
		t.Errorf("PATH with lock files: exit %d, %d findings, stderr %s", code, strings.Count(out, `"rule_id": "SG901"`), errs)
	}
	if code, _, errs := runCLI(t, "deps", "--lock", depsReq, "--db", depsDB); code != ExitUsage {
		t.Errorf("requirements file as lock: exit %d %s", code, errs)
	}
}

func TestDepsEveryFormat(t *testing.T) {
	for _, format := range append(report.Formats(), "cyclonedx", "md") {
		code, out, errs := runCLI(t, "deps", "-r", depsReq, "--db", depsDB, "--format", format)
		if code != ExitFindings || !strings.Contains(out, "PYSEC-2019-217") {
			t.Errorf("%s: exit %d, stderr %s\n%s", format, code, errs, out)
		}
	}
}

// --python-version and --platform leave out the dependencies whose
// markers are false for the target; the default target is CPython 3.13
// on Linux.
func TestDepsMarkerTarget(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	all := []string{"pywin32", "uvloop", "tomli", "importlib-metadata", "backports-zoneinfo", "appnope", "colorama", "requests", "kernel-tools"}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"uvloop", "requests", "kernel-tools"}},
		{[]string{"--python-version", "3.8", "--platform", "win32"}, []string{"pywin32", "tomli", "importlib-metadata", "backports-zoneinfo", "colorama", "requests", "kernel-tools"}},
		{[]string{"--python-version", "3.10", "--platform", "darwin"}, []string{"uvloop", "tomli", "importlib-metadata", "appnope", "requests", "kernel-tools"}},
		{[]string{"--python-version", "3.10.2", "--platform", "macos"}, []string{"uvloop", "tomli", "appnope", "requests", "kernel-tools"}},
	} {
		args := append([]string{"deps", "-r", "testdata/deps/markers/requirements.txt", "--db", depsDB, "--format", "cyclonedx"}, c.args...)
		code, out, errs := runCLI(t, args...)
		if code == ExitUsage {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		var got []string
		for _, name := range all {
			if strings.Contains(out, `"name": "`+name+`"`) {
				got = append(got, name)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%v: components %v, want %v", c.args, got, c.want)
		}
	}
	code, _, errs := runCLI(t, "deps", "-r", "testdata/deps/markers/requirements.txt", "--db", depsDB, "--python-version", "3")
	if code != ExitUsage || !strings.Contains(errs, "--python-version") {
		t.Errorf("--python-version 3: exit %d, %s", code, errs)
	}
	_, out, _ := runCLI(t, "deps", "-r", "testdata/deps/markers/requirements.txt", "--db", depsDB)
	if !strings.Contains(out, "6 dependencies were left out: their environment markers are false for Python 3.13 on linux") {
		t.Errorf("no note about the excluded dependencies:\n%s", out)
	}
}

// exampleFile starts a file of a multi-file rule example: a comment line
// naming a manifest ("# uv.lock, regenerated with uv lock").
var exampleFile = regexp.MustCompile(`^# (pyproject\.toml|Pipfile|Pipfile\.lock|setup\.cfg|setup\.py|poetry\.lock|uv\.lock|pdm\.lock|requirements\.txt)\b`)

// writeExample writes each file of a rule example into dir.
func writeExample(t *testing.T, dir, example string) {
	t.Helper()
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(example, "\n") {
		if m := exampleFile.FindStringSubmatch(line); m != nil {
			flush()
			name = m[1]
		}
		body.WriteString(line)
	}
	flush()
}

// The examples of the manifest and lock-file rules, written out file by
// file: the vulnerable one must fire and the secure one must not.
func TestDepsManifestRuleExamples(t *testing.T) {
	for _, id := range []string{audit.RuleMissingLock, audit.RuleStaleLock} {
		doc, _ := audit.Rule(id)
		for _, tc := range []struct {
			example string
			fire    bool
		}{{doc.Vulnerable, true}, {doc.Secure, false}} {
			dir := t.TempDir()
			writeExample(t, dir, tc.example)
			_, out, errs := runCLI(t, "deps", "--db", depsDB, "--format", "json", dir)
			if fired := strings.Contains(out, `"rule_id": "`+id+`"`); fired != tc.fire {
				t.Errorf("%s on\n%s: fired = %v, want %v\n%s%s", id, tc.example, fired, tc.fire, out, errs)
			}
		}
	}
}

// Pipfile, setup.cfg, setup.py and pyproject.toml are found under a PATH
// and audited; declarations their locks do not satisfy are SG906 at the
// declaration's line.
func TestDepsManifests(t *testing.T) {
	code, out, errs := runCLI(t, "deps", "--db", depsDB, "--format", "json", "testdata/deps/manifests")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var doc struct {
		Findings []struct {
			RuleID     string         `json:"rule_id"`
			Path       string         `json:"path"`
			Line       int            `json:"line"`
			Message    string         `json:"message"`
			Properties map[string]any `json:"properties"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d %v", f.RuleID, strings.TrimPrefix(f.Path, "testdata/deps/manifests/"), f.Line, f.Properties["package"]))
	}
	sort.Strings(got)
	want := []string{
		"SG901 app/Pipfile.lock:19 jinja2",
		"SG901 app/Pipfile.lock:23 requests",
		"SG901 app/Pipfile:7 jinja2",
		"SG901 lib/setup.cfg:7 requests",
		"SG901 poetry/poetry.lock:13 requests",
		"SG901 poetry/poetry.lock:4 jinja2",
		"SG901 setuppy/setup.py:3 jinja2",
		"SG906 app/Pipfile:10 flask",
		"SG906 app/Pipfile:8 requests",
		"SG906 poetry/pyproject.toml:7 requests",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(out, "requests is declared as >=2.31 but testdata/deps/manifests/app/Pipfile.lock locks 2.30.0") {
		t.Errorf("SG906 message:\n%s", out)
	}
	// A dependency whose marker is false for the target need not be locked.
	code, out, _ = runCLI(t, "deps", "--db", depsDB, "--format", "json", "--platform", "win32", "testdata/deps/manifests/app")
	if code != ExitFindings || !strings.Contains(out, "pywin32 is declared but") {
		t.Errorf("win32: exit %d\n%s", code, out)
	}
}

// A setup.py whose install_requires is computed is reported, not
// guessed; a setup.py that does not parse is an error notice naming its
// line, and the other manifests are still audited.
func TestDepsSetupPyNotices(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "setup.py"), []byte("from setuptools import setup\nsetup(install_requires=open('r.txt').read().split())\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "broken"), 0o755)
	os.WriteFile(filepath.Join(dir, "broken", "setup.py"), []byte("from setuptools import setup\nsetup(\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("jinja2==2.10\n"), 0o644)
	code, out, errs := runCLI(t, "deps", "--db", depsDB, "--format", "json", dir)
	if code != ExitUsage { // the broken file is an input error
		t.Errorf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"install_requires in setup.py is computed; not audited", `"line": 2`, "PYSEC-2019-217", "SyntaxError"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// A Pipfile.lock records the hash of the Pipfile it was locked from; an
// edit that leaves every declaration satisfied is still caught by it.
func TestDepsPipfileHash(t *testing.T) {
	_, out, errs := runCLI(t, "deps", "--db", depsDB, "--format", "json", "testdata/deps/pipfilehash/fresh")
	if strings.Contains(out, `"rule_id": "SG906"`) {
		t.Errorf("fresh lock reported:\n%s%s", out, errs)
	}
	_, out, errs = runCLI(t, "deps", "--db", depsDB, "--format", "json", "testdata/deps/pipfilehash/edited")
	if strings.Count(out, `"rule_id": "SG906"`) != 1 || !strings.Contains(out, "was locked from a different Pipfile") || !strings.Contains(out, `"line": 7`) {
		t.Errorf("edited Pipfile:\n%s%s", out, errs)
	}
	_, out, _ = scanCLI(t, "", "scan", "--format", "json", "testdata/undeclaredsetup")
	if strings.Contains(out, `"rule_id": "SG906"`) {
		t.Errorf("undeclaredsetup's lock is fresh:\n%s", out)
	}
}
