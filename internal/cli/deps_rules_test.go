package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// ruleFindings reads the manifests in dir (written from files) and
// returns the manifest checks' findings as "RULE package" strings.
func ruleFindings(t *testing.T, files map[string]string, o depsOptions) []string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o.paths = []string{dir}
	in, err := collectDependencies(&o)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range in.findings {
		subject, _ := f.Properties["package"].(string)
		if subject == "" {
			subject = filepath.Base(f.Location.Path)
		}
		got = append(got, f.RuleID+" "+subject)
	}
	sort.Strings(got)
	return got
}

// The requirements-file checks, both ways: unpinned (SG902), without a
// hash where hashes are required (SG903) and typosquatted (SG904).
func TestRequirementsFileRules(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		hashes bool
		want   []string
	}{
		{"range and bare name", "flask>=2.0\nrequests\n", false, []string{"SG902 flask", "SG902 requests"}},
		{"compatible release and wildcard are ranges", "django~=4.2.0\ncelery==5.*\n", false, []string{"SG902 celery", "SG902 django"}},
		{"exact pins", "flask==3.1.3\nrequests===2.33.0\nclick == 8.1.7  # cli\n", false, nil},
		{"direct references are pinned by their URL", "shop-lib @ https://files.example.com/shop_lib-1.0-py3-none-any.whl\n", false, nil},
		{"marker excludes the target", "pywin32>=306; sys_platform == \"win32\"\n", false, nil},
		{"marker includes the target", "uvloop>=0.19; sys_platform == \"linux\"\n", false, []string{"SG902 uvloop"}},
		{"comments and options are not requirements", "# pinned by the platform team\n--index-url https://pypi.org/simple\n\n", false, nil},
		{"hashes required", "urllib3==2.7.0\n", true, []string{"SG903 urllib3"}},
		{"hashes given", "urllib3==2.7.0 \\\n    --hash=sha256:3fc47733c7e419d4bc3f6b3dc2b4f890bb743906a30d56ba4a5bfa4bbff92760\n", true, nil},
		{"hashes not required", "urllib3==2.7.0\n", false, nil},
		{"typosquat", "reqeusts==2.31.0\n", false, []string{"SG904 reqeusts"}},
		{"popular names and their spellings", "requests==2.33.0\nPyYAML==6.0.2\npython_dateutil==2.9.0\nscikit-learn==1.5.0\n", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ruleFindings(t, map[string]string{"requirements.txt": tt.text}, depsOptions{requireHashes: tt.hashes})
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("findings = %v, want %v", got, tt.want)
			}
		})
	}
}

// SG905 both ways: a pyproject.toml with dependencies needs a lock file
// (or a requirements file) beside it.
func TestMissingLockFile(t *testing.T) {
	const declares = "[project]\nname = \"shop\"\ndependencies = [\"django==4.2.20\"]\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"no lock", map[string]string{"pyproject.toml": declares}, []string{"SG905 pyproject.toml"}},
		{"uv.lock beside it", map[string]string{"pyproject.toml": declares, "uv.lock": "version = 1\n\n[[package]]\nname = \"django\"\nversion = \"4.2.20\"\n"}, nil},
		{"compiled requirements beside it", map[string]string{"pyproject.toml": declares, "requirements-prod.txt": "django==4.2.20\n"}, nil},
		{"lock in another directory", map[string]string{"svc/pyproject.toml": declares, "uv.lock": "version = 1\n\n[[package]]\nname = \"django\"\nversion = \"4.2.20\"\n"}, []string{"SG905 pyproject.toml"}},
		{"no dependencies", map[string]string{"pyproject.toml": "[project]\nname = \"tool\"\n\n[tool.ruff]\nline-length = 100\n", "docs/requirements.txt": "sphinx==8.1.3\n"}, nil},
		{"poetry dependencies", map[string]string{"pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.12\"\ndjango = \"^5.0\"\n"}, []string{"SG905 pyproject.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range ruleFindings(t, tt.files, depsOptions{}) {
				if strings.HasPrefix(f, "SG905") {
					got = append(got, f)
				}
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("findings = %v, want %v", got, tt.want)
			}
		})
	}
}

// SG906 both ways: the lock beside a pyproject.toml must hold every main
// dependency, at a version inside the declared range.
func TestStaleLockFile(t *testing.T) {
	const project = "[project]\nname = \"shop\"\ndependencies = [\n    \"django>=5.0\",\n    \"requests>=2.31\",\n    \"celery>=5.3\",\n]\n\n[project.optional-dependencies]\ndocs = [\"sphinx>=7\"]\n"
	const uvLock = "version = 1\n\n[[package]]\nname = \"django\"\nversion = \"4.2.11\"\n\n[[package]]\nname = \"requests\"\nversion = \"2.32.3\"\n"
	const freshLock = "version = 1\n\n[[package]]\nname = \"Django\"\nversion = \"5.1.4\"\n\n[[package]]\nname = \"requests\"\nversion = \"2.32.3\"\n\n[[package]]\nname = \"celery\"\nversion = \"5.4.0\"\n"
	const poetry = "[tool.poetry.dependencies]\npython = \"^3.12\"\ndjango = \"^5.0\"\nrequests = \"^2.31\"\n"
	const poetryLock = "[[package]]\nname = \"django\"\nversion = \"5.0.9\"\n\n[[package]]\nname = \"requests\"\nversion = \"2.32.3\"\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"out of date", map[string]string{"pyproject.toml": project, "uv.lock": uvLock}, []string{"SG906 celery", "SG906 django"}},
		{"regenerated", map[string]string{"pyproject.toml": project, "uv.lock": freshLock}, nil},
		{"poetry ranges", map[string]string{"pyproject.toml": poetry, "poetry.lock": poetryLock}, nil},
		{"poetry lock behind", map[string]string{"pyproject.toml": poetry, "poetry.lock": strings.Replace(poetryLock, "5.0.9", "4.2.11", 1)}, []string{"SG906 django"}},
		{"requirements file is not a lock", map[string]string{"pyproject.toml": project, "requirements.txt": "django==4.2.11\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range ruleFindings(t, tt.files, depsOptions{}) {
				if strings.HasPrefix(f, "SG906") {
					got = append(got, f)
				}
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("findings = %v, want %v", got, tt.want)
			}
		})
	}
}
