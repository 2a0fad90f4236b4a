package compliance

import "github.com/snakeguard/snakeguard/internal/cwe"

// Requirement is one entry of a framework: an OWASP category, an ASVS
// requirement or chapter, a PCI DSS attack class, an ISO control.
type Requirement struct {
	ID    string
	Title string // may be empty
}

// view is one list of requirements of a framework and how a rule's
// mapping names them.
type view struct {
	title        string
	requirements []Requirement
	entries      func(cwe.Mapping) []string
}

// framework is what a report is about.
type framework struct {
	key, title string
	views      []view
	// beyond lists what a static scan does not establish: requirements of
	// the framework that need a process, a running system or a person.
	beyond []Gap
}

// Gap is a requirement static analysis does not cover, and why.
type Gap struct {
	ID, Title, Reason string
}

// Frameworks lists the --compliance values.
func Frameworks() []string {
	return []string{"asvs", "iso27001", "owasp-top10", "owasp-top10-2021", "pci-dss"}
}

func lookup(key string) (framework, bool) {
	switch key {
	case "pci-dss":
		return pciDSS(), true
	case "asvs":
		return asvs(), true
	case "iso27001":
		return iso27001(), true
	case "owasp-top10":
		return owaspTop10(false), true
	case "owasp-top10-2021":
		return owaspTop10(true), true
	}
	return framework{}, false
}

func plain(ids []string) []Requirement {
	out := make([]Requirement, len(ids))
	for i, id := range ids {
		out[i] = Requirement{ID: id}
	}
	return out
}

func pciDSS() framework {
	return framework{
		key:   "pci-dss",
		title: "PCI DSS v4.0.1 requirement 6.2.4",
		views: []view{{
			title:        "Requirement 6.2.4: software engineering techniques prevent or mitigate common software attacks",
			requirements: plain(cwe.PCIClasses),
			entries:      func(m cwe.Mapping) []string { return m.PCIDSS },
		}},
		beyond: []Gap{
			{"6.2.1", "Bespoke and custom software is developed securely", "a development process; a scan is one piece of evidence for it"},
			{"6.2.2", "Developer training in secure software", "people and records, not code"},
			{"6.2.3", "Code is reviewed before release", "needs a reviewer; the scan supports the review, it does not replace it"},
			{"6.2.4", "Business-logic and access-control flaws specific to the application", "whether the application enforces its own rules needs its specification; the scan finds only known insecure patterns"},
			{"6.3.1", "Security vulnerabilities are identified and ranked", "the dependency audit covers known advisories of declared Python packages only"},
			{"6.3.2", "Inventory of bespoke software and third-party components", "an inventory process (an SBOM helps)"},
			{"6.3.3", "Security patches are installed in time", "deployment state, not source code"},
			{"6.4.1, 6.4.2", "Public-facing web applications are protected against attacks", "a running system (assessment or an automated protection in front of it)"},
			{"6.5", "Changes to system components are managed", "change-management process"},
		},
	}
}

func asvs() framework {
	var reqs []Requirement
	for _, r := range cwe.ASVS4Requirements() {
		reqs = append(reqs, Requirement{ID: r.ID, Title: r.Section})
	}
	return framework{
		key:   "asvs",
		title: "OWASP Application Security Verification Standard 4.0.3 (with 5.0 chapters)",
		views: []view{
			{
				title:        "ASVS 4.0.3 requirements",
				requirements: reqs,
				entries:      func(m cwe.Mapping) []string { return m.ASVS4 },
			},
			{
				title:        "ASVS 5.0 chapters",
				requirements: plain(cwe.ASVS5Chapters()),
				entries:      func(m cwe.Mapping) []string { return m.ASVS5 },
			},
		},
		beyond: []Gap{
			{"V1", "Architecture, design and threat modeling", "design documents and processes, not code patterns"},
			{"V2, V3, V4", "Authentication, session management and access control logic", "only configuration and library misuse are checked; whether every route enforces authorization needs the application's rules"},
			{"V8, V9", "Data protection and communication in deployment", "server, proxy and TLS configuration outside the Python code"},
			{"V11", "Business logic", "needs the application's specification"},
		},
	}
}

func iso27001() framework {
	return framework{
		key:   "iso27001",
		title: "ISO/IEC 27001:2022 Annex A",
		views: []view{{
			title:        "Annex A technological controls",
			requirements: []Requirement{{ID: cwe.ISO27001}},
			entries: func(m cwe.Mapping) []string {
				if m.ISO27001 == "" {
					return nil
				}
				return []string{m.ISO27001}
			},
		}},
		beyond: []Gap{
			{"A.8.8", "Management of technical vulnerabilities", "the dependency audit (SG9xx) is evidence for Python packages only; the control covers every system"},
			{"A.8.25", "Secure development life cycle", "a process"},
			{"A.8.26", "Application security requirements", "requirements documents"},
			{"A.8.27", "Secure system architecture and engineering principles", "design, not code patterns"},
			{"A.8.29", "Security testing in development and acceptance", "static analysis is one test among those the control expects (dynamic, penetration and acceptance tests)"},
		},
	}
}

func owaspTop10(y2021 bool) framework {
	if y2021 {
		return framework{
			key:   "owasp-top10-2021",
			title: "OWASP Top 10 2021",
			views: []view{{title: "Categories", requirements: plain(cwe.Categories2021()), entries: func(m cwe.Mapping) []string { return m.OWASP2021 }}},
			beyond: []Gap{
				{"A04:2021", "Insecure Design", "design flaws need threat modeling; only a few code-level symptoms are checked"},
				{"A06:2021", "Vulnerable and Outdated Components", "only declared Python dependencies are audited, not the runtime, OS packages or JavaScript"},
			},
		}
	}
	return framework{
		key:   "owasp-top10",
		title: "OWASP Top 10 2025",
		views: []view{{title: "Categories", requirements: plain(cwe.Categories2025()), entries: func(m cwe.Mapping) []string { return m.OWASP2025 }}},
		beyond: []Gap{
			{"A03:2025", "Software Supply Chain Failures", "only declared Python dependencies are audited; build systems, CI and artifact repositories are not"},
			{"A06:2025", "Insecure Design", "design flaws need threat modeling; only a few code-level symptoms are checked"},
		},
	}
}
