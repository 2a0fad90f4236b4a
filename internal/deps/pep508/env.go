package pep508

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep440"
)

// Default target of marker evaluation when none is given: CPython 3.13 on
// 64-bit Linux.
const (
	DefaultPythonVersion = "3.13"
	DefaultPlatform      = "linux"
)

// platforms are the targets --platform names, with the marker values
// CPython reports on them.
var platforms = map[string]Environment{
	"linux":  {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"},
	"darwin": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"},
	"win32":  {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
}

var platformAliases = map[string]string{"macos": "darwin", "mac": "darwin", "osx": "darwin", "windows": "win32", "win": "win32"}

// TargetEnvironment builds the marker environment for a CPython version
// ("3.12" or "3.12.4"; "" is DefaultPythonVersion) on a platform ("linux",
// "darwin" or "win32", also "macos" and "windows"; "" is DefaultPlatform).
// A version given as X.Y has python_full_version X.Y.0. platform_release
// and platform_version are unknown and left empty; extra is "".
func TargetEnvironment(pythonVersion, platform string) (Environment, error) {
	if pythonVersion == "" {
		pythonVersion = DefaultPythonVersion
	}
	if platform == "" {
		platform = DefaultPlatform
	}
	v, err := pep440.Parse(pythonVersion)
	rel := v.Release()
	if err != nil || len(rel) < 2 || len(rel) > 3 || v.IsPrerelease() || v.IsPostrelease() || v.HasLocal() || strings.Contains(pythonVersion, "!") {
		return nil, fmt.Errorf("python version %q: want MAJOR.MINOR or MAJOR.MINOR.PATCH (e.g. 3.12)", pythonVersion)
	}
	full := strings.Join(rel, ".")
	if len(rel) == 2 {
		full += ".0"
	}
	key := strings.ToLower(platform)
	if a, ok := platformAliases[key]; ok {
		key = a
	}
	plat, ok := platforms[key]
	if !ok {
		return nil, fmt.Errorf("platform %q: want linux, darwin or win32", platform)
	}
	env := Environment{
		"python_version":                 rel[0] + "." + rel[1],
		"python_full_version":            full,
		"implementation_name":            "cpython",
		"implementation_version":         full,
		"platform_python_implementation": "CPython",
		"platform_release":               "",
		"platform_version":               "",
		"extra":                          "",
	}
	for k, v := range plat {
		env[k] = v
	}
	return env, nil
}

// With returns a copy of env with key set to value (for example the
// extra being installed).
func (env Environment) With(key, value string) Environment {
	out := make(Environment, len(env)+1)
	for k, v := range env {
		out[k] = v
	}
	out[key] = value
	return out
}
