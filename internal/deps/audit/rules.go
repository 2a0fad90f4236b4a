package audit

import "github.com/snakeguard/snakeguard/internal/finding"

// Rule ids of the dependency audit (family SG9xx).
const (
	RuleVulnerable     = "SG901"
	RuleUnpinned       = "SG902"
	RuleMissingHashes  = "SG903"
	RuleTyposquat      = "SG904"
	RuleMissingLock    = "SG905"
	RuleStaleLock      = "SG906"
	RuleUndeclaredUse  = "SG907"
	refPipAudit        = "https://pypi.org/project/pip-audit/"
	refOSV             = "https://ossf.github.io/osv-schema/"
	refPEP665Hashes    = "https://pip.pypa.io/en/stable/topics/secure-installs/"
	refCWE1395         = "https://cwe.mitre.org/data/definitions/1395.html"
	refCWE1357         = "https://cwe.mitre.org/data/definitions/1357.html"
	refCWE494          = "https://cwe.mitre.org/data/definitions/494.html"
	refCWE829          = "https://cwe.mitre.org/data/definitions/829.html"
	refLockSpec        = "https://packaging.python.org/en/latest/specifications/pylock-toml/"
	refTyposquatReport = "https://blog.pypi.org/posts/2024-03-25-mitigating-typosquatting/"
)

var rules = []finding.RuleDoc{
	{
		ID:         RuleVulnerable,
		Name:       "vulnerable-dependency",
		CWE:        []int{1395},
		Severity:   finding.High,
		Confidence: finding.HighConfidence,
		Summary:    "A pinned or locked dependency has a known vulnerability",
		Why: "The version the project installs is listed in a published advisory (PYSEC, GHSA or CVE). " +
			"Attackers read the same advisories, and exploits for popular packages follow within days. " +
			"The finding's severity is the advisory's CVSS base score (v3.x or v4.0) mapped to low/medium/high/critical, " +
			"or the database's own rating when no vector is given; \"unknown\" when neither exists. " +
			"Only exact versions (==, ===, lock files, installed environments) are matched; ranges are reported by " +
			RuleUnpinned + " instead.",
		Vulnerable: "# requirements.txt\ndjango==3.2.0\nrequests==2.25.0\n",
		Secure:     "# requirements.txt\ndjango==6.0.7\nrequests==2.33.0\n",
		Fix: "Upgrade to the version given as the fix (`snakeguard deps --fix` rewrites == pins, `--dry-run` shows the diff). " +
			"If no fix exists or the flaw cannot be reached from your code, record that decision with `--ignore-vuln ID` " +
			"or `ignore-vulns` in the configuration.",
		References: []string{refCWE1395, refOSV, refPipAudit, "https://github.com/pypa/advisory-database"},
		Tags:       []string{"dependencies", "supply-chain"},
	},
	{
		ID:         RuleUnpinned,
		Name:       "unpinned-dependency",
		CWE:        []int{1357},
		Severity:   finding.Low,
		Confidence: finding.MediumConfidence,
		Summary:    "An application requirement is not pinned to one version",
		Why: "A requirement such as `flask>=2.0` installs whatever is newest on the day of the build: " +
			"a compromised or broken release reaches production without review, two builds of one commit differ, " +
			"and the vulnerability audit cannot tell which version runs.",
		Vulnerable: "# requirements.txt\nflask>=2.0\nrequests\n",
		Secure:     "# requirements.txt\nflask==3.1.3\nrequests==2.33.0\n",
		Fix: "Pin every requirement of an application with `==` (for example with `pip-compile` or `uv pip compile`), " +
			"or commit the lock file of your tool. Libraries keep ranges in pyproject.toml and pin in a lock file.",
		References: []string{refCWE1357, "https://pip.pypa.io/en/stable/topics/repeatable-installs/"},
		Tags:       []string{"dependencies", "supply-chain"},
	},
	{
		ID:         RuleMissingHashes,
		Name:       "requirement-without-hash",
		CWE:        []int{494},
		Severity:   finding.Medium,
		Confidence: finding.HighConfidence,
		Summary:    "A requirement has no --hash although hashes are required",
		Why: "Without a hash pip installs whatever file the index serves for that version. " +
			"A compromised index, mirror or proxy can substitute a different file; with hashes pip refuses it.",
		Vulnerable: "# requirements.txt\nurllib3==2.7.0\n",
		Secure:     "# requirements.txt\nurllib3==2.7.0 \\\n    --hash=sha256:3fc47733c7e419d4bc3f6b3dc2b4f890bb743906a30d56ba4a5bfa4bbff92760\n",
		Fix:        "Generate hashes (`pip-compile --generate-hashes`, `uv pip compile --generate-hashes`) and install with `pip install --require-hashes`.",
		References: []string{refCWE494, refPEP665Hashes},
		Tags:       []string{"dependencies", "supply-chain"},
	},
	{
		ID:         RuleTyposquat,
		Name:       "typosquatted-dependency",
		CWE:        []int{829, 506},
		Severity:   finding.High,
		Confidence: finding.MediumConfidence,
		Summary:    "A dependency's name is one typo away from a popular package",
		Why: "Attackers publish packages named like popular ones (`reqeusts`, `python-dateutils`, `beautifulsoup`) " +
			"and wait for a typo. Installing one runs its setup code on the developer's machine and ships it to production.",
		Vulnerable: "# requirements.txt\nreqeusts==2.32.4\n",
		Secure:     "# requirements.txt\nrequests==2.33.0\n",
		Fix:        "Check the name on pypi.org and replace it with the intended package; if the name is right, suppress the finding with a reason.",
		References: []string{refCWE829, refTyposquatReport},
		Tags:       []string{"dependencies", "supply-chain"},
	},
	{
		ID:         RuleMissingLock,
		Name:       "missing-lock-file",
		CWE:        []int{1357},
		Severity:   finding.Low,
		Confidence: finding.MediumConfidence,
		Summary:    "A pyproject.toml or Pipfile declares dependencies but no lock file pins them",
		Why: "Without a lock file every installation resolves the ranges afresh, so what runs is not what was tested " +
			"and the audit cannot tell which versions are installed.",
		Vulnerable: "# pyproject.toml (no uv.lock, poetry.lock, pdm.lock or pylock.toml beside it)\n[project]\nname = \"shop\"\ndependencies = [\"django>=4.2\"]\n",
		Secure: "# pyproject.toml\n[project]\nname = \"shop\"\ndependencies = [\"django>=4.2\"]\n\n" +
			"# uv.lock, committed beside it\nversion = 1\n\n[[package]]\nname = \"django\"\nversion = \"5.2.3\"\n",
		Fix:        "Create and commit a lock file (`uv lock`, `poetry lock`, `pdm lock`, `pip lock`, `pipenv lock`) and install from it in CI and production.",
		References: []string{refCWE1357, refLockSpec},
		Tags:       []string{"dependencies", "supply-chain"},
	},
	{
		ID:         RuleStaleLock,
		Name:       "lock-file-out-of-date",
		CWE:        []int{1357},
		Severity:   finding.Low,
		Confidence: finding.MediumConfidence,
		Summary:    "The lock file does not satisfy the dependencies that pyproject.toml or Pipfile declares",
		Why: "A dependency declared in pyproject.toml or Pipfile is missing from the lock file beside it, or the lock holds it only " +
			"at versions outside the declared range. CI and production install from the lock, so they do not get what the project declares: " +
			"an upgrade made for a security fix never ships, or a new dependency is missing at run time. " +
			"It is checked where the format makes it certain: poetry.lock against [project] and Poetry's tables, " +
			"uv.lock and pdm.lock against [project] dependencies, extras and dependency groups, " +
			"and Pipfile.lock against the Pipfile's categories and the Pipfile hash pipenv records in it; " +
			"a name missing from the lock is reported for the main dependencies (and a Pipfile's dev-packages) only, since locks may leave optional groups out. " +
			"Declarations whose environment marker is not true for the target (--python-version, --platform), " +
			"direct references and ranges that do not parse are not compared.",
		Vulnerable: "# pyproject.toml\n[project]\nname = \"shop\"\ndependencies = [\"django>=5.0\"]\n\n" +
			"# uv.lock, not regenerated since django>=5.0 was declared\nversion = 1\n\n[[package]]\nname = \"django\"\nversion = \"4.2.11\"\n",
		Secure: "# pyproject.toml\n[project]\nname = \"shop\"\ndependencies = [\"django>=5.0\"]\n\n" +
			"# uv.lock, regenerated with uv lock\nversion = 1\n\n[[package]]\nname = \"django\"\nversion = \"5.2.3\"\n",
		Fix:        "Regenerate the lock file with your tool (`uv lock`, `poetry lock`, `pdm lock`, `pipenv lock`) and commit it together with the manifest.",
		References: []string{refCWE1357, refLockSpec, "https://pipenv.pypa.io/en/latest/pipfile.html"},
		Tags:       []string{"dependencies", "supply-chain"},
	},
	{
		ID:         RuleUndeclaredUse,
		Name:       "undeclared-import",
		CWE:        []int{1357},
		Severity:   finding.Low,
		Confidence: finding.LowConfidence,
		Summary:    "Code imports a third-party module that no declared dependency provides",
		Why: "The import works only because something else installed the module. A fresh environment fails, " +
			"and whoever installs the missing package by guessing its name may pick a look-alike.",
		Vulnerable: "# requirements.txt lists only flask==3.1.3\nimport yaml\n",
		Secure:     "# requirements.txt lists flask==3.1.3 and pyyaml==6.0.2\nimport yaml\n",
		Fix:        "Declare the distribution that provides the module (here PyYAML) in your requirements, pyproject.toml, Pipfile, setup.cfg or setup.py.",
		References: []string{refCWE1357},
		Tags:       []string{"dependencies", "supply-chain"},
	},
}

// Rules returns the documentation of the dependency rules, in id order.
func Rules() []finding.RuleDoc {
	out := make([]finding.RuleDoc, len(rules))
	copy(out, rules)
	return out
}

// Rule returns the documentation of one dependency rule.
func Rule(id string) (finding.RuleDoc, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return finding.RuleDoc{}, false
}
