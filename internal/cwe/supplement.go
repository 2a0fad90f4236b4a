package cwe

import "fmt"

// The published CWE lists of the OWASP Top 10 and the CWE column of ASVS
// 4.0.3 do not name every weakness snakeguard reports. The tables below map
// those CWEs by the definition of the category, requirement or chapter. They
// are reviewed by hand: each entry names its basis, and Map records a note
// whenever one is used, so a report never passes a judgement off as OWASP's.

type supplement struct {
	entries []string
	basis   string
}

const (
	byCategory    = "by category definition"
	byRequirement = "by requirement text"
	byChapter     = "by chapter scope"
)

func note(framework string, c int, s supplement) string {
	if s.basis == byChapter {
		return fmt.Sprintf("%s: OWASP's mappings give no chapter for CWE-%d; mapped %s", framework, c, s.basis)
	}
	return fmt.Sprintf("%s: CWE-%d is not in the published list; mapped %s", framework, c, s.basis)
}

// supplement2021 covers CWEs that OWASP's 2021 lists do not name.
var supplement2021 = map[int]supplement{
	155:  {[]string{"A03:2021-Injection"}, byCategory},                                // wildcard injection into shell commands
	215:  {[]string{"A05:2021-Security Misconfiguration"}, byCategory},                // debug information left on
	390:  {[]string{"A09:2021-Security Logging and Monitoring Failures"}, byCategory}, // errors detected and dropped unrecorded
	396:  {[]string{"A04:2021-Insecure Design"}, byCategory},                          // catch-all exception handling
	454:  {[]string{"A05:2021-Security Misconfiguration"}, byCategory},                // request headers become trusted environment variables (CGI)
	400:  {[]string{"A04:2021-Insecure Design"}, byCategory},                          // unbounded waits and resource use
	489:  {[]string{"A05:2021-Security Misconfiguration"}, byCategory},                // debug code active
	625:  {[]string{"A03:2021-Injection"}, byCategory},                                // input becomes a regular expression
	693:  {[]string{"A05:2021-Security Misconfiguration"}, byCategory},                // protective middleware not configured
	703:  {[]string{"A04:2021-Insecure Design"}, byCategory},                          // checks that vanish under -O
	732:  {[]string{"A01:2021-Broken Access Control"}, byCategory},                    // file permissions
	939:  {[]string{"A10:2021-Server-Side Request Forgery (SSRF)"}, byCategory},       // URL scheme not restricted
	943:  {[]string{"A03:2021-Injection"}, byCategory},                                // NoSQL query injection
	1327: {[]string{"A05:2021-Security Misconfiguration"}, byCategory},                // listening on every interface
	1333: {[]string{"A03:2021-Injection"}, byCategory},                                // ReDoS through injected patterns
	1336: {[]string{"A03:2021-Injection"}, byCategory},                                // server-side template injection
	1357: {[]string{"A06:2021-Vulnerable and Outdated Components"}, byCategory},       // unpinned or undeclared components
	1391: {[]string{"A07:2021-Identification and Authentication Failures"}, byCategory},
	1395: {[]string{"A06:2021-Vulnerable and Outdated Components"}, byCategory}, // known-vulnerable dependency
}

// supplement2025 covers CWEs that OWASP's 2025 lists do not name.
var supplement2025 = map[int]supplement{
	155:  {[]string{"A05:2025-Injection"}, byCategory},
	400:  {[]string{"A10:2025-Mishandling of Exceptional Conditions"}, byCategory}, // the category names resource exhaustion and missing limits
	625:  {[]string{"A05:2025-Injection"}, byCategory},
	939:  {[]string{"A01:2025-Broken Access Control"}, byCategory}, // SSRF is part of A01 in 2025
	943:  {[]string{"A05:2025-Injection"}, byCategory},
	1327: {[]string{"A02:2025-Security Misconfiguration"}, byCategory},
	1333: {[]string{"A05:2025-Injection"}, byCategory},
	1336: {[]string{"A05:2025-Injection"}, byCategory},
	392:  {[]string{"A10:2025-Mishandling of Exceptional Conditions"}, byCategory}, // a failed task whose error nobody collects
	404:  {[]string{"A10:2025-Mishandling of Exceptional Conditions"}, byCategory}, // resources not released on every path
	584:  {[]string{"A10:2025-Mishandling of Exceptional Conditions"}, byCategory}, // a return in finally discards the exception
	775:  {[]string{"A10:2025-Mishandling of Exceptional Conditions"}, byCategory},
}

// supplementASVS4 covers CWEs that no ASVS 4.0.3 requirement row names.
var supplementASVS4 = map[int]supplement{
	113:  {[]string{"V5.3.1"}, byRequirement},            // context-specific output encoding, HTTP headers named
	155:  {[]string{"V5.3.8"}, byRequirement},            // OS command injection
	183:  {[]string{"V5.1.3"}, byRequirement},            // validation of HTTP headers (Host) against an allow list
	215:  {[]string{"V14.3.2"}, byRequirement},           // debug modes off in production
	321:  {[]string{"V2.10.4", "V6.4.1"}, byRequirement}, // keys not in source code; secrets management
	328:  {[]string{"V6.2.5"}, byRequirement},            // weak hashing algorithms named
	347:  {[]string{"V3.5.3"}, byRequirement},            // signed stateless tokens
	377:  {[]string{"V8.1.2"}, byRequirement},            // temporary copies protected from unauthorized access
	396:  {[]string{"V7.4.2"}, byRequirement},            // exception handling for expected and unexpected errors
	426:  {[]string{"V12.3.6"}, byRequirement},           // no execution of functionality from untrusted locations
	451:  {[]string{"V10.2.3"}, byRequirement},           // hidden functionality, obfuscated code
	454:  {[]string{"V5.1.3"}, byRequirement},            // HTTP headers validated before use
	470:  {[]string{"V5.2.4"}, byRequirement},            // dynamic code execution features
	501:  {[]string{"V5.1.3"}, byRequirement},            // all input, cookies named, validated with allow lists before it is trusted
	489:  {[]string{"V14.3.2"}, byRequirement},
	506:  {[]string{"V10.2.3"}, byRequirement},
	693:  {[]string{"V4.2.2", "V14.4.7"}, byRequirement},  // CSRF defence and framing protection
	703:  {[]string{"V4.1.5"}, byRequirement},             // access controls fail securely
	776:  {[]string{"V5.5.2"}, byRequirement},             // restrictive XML parser configuration
	939:  {[]string{"V5.2.6"}, byRequirement},             // SSRF: allow list of protocols
	942:  {[]string{"V14.5.3"}, byRequirement},            // strict CORS allow list
	943:  {[]string{"V5.3.4"}, byRequirement},             // parameterised queries, NoSQL named
	1336: {[]string{"V5.2.5"}, byRequirement},             // template injection
	1357: {[]string{"V14.1.1", "V14.2.4"}, byRequirement}, // repeatable builds; trusted component sources
	1391: {[]string{"V2.10.2"}, byRequirement},            // no default credentials
	1395: {[]string{"V14.2.1", "V1.14.3"}, byRequirement}, // components up to date; pipeline warns of insecure ones
	209:  {[]string{"V7.4.1"}, byRequirement},             // a generic message when an unexpected error occurs
	392:  {[]string{"V7.4.2"}, byRequirement},             // expected and unexpected error conditions accounted for
	584:  {[]string{"V7.4.2"}, byRequirement},
	460:  {[]string{"V11.1.6"}, byRequirement}, // protection against concurrency issues
	667:  {[]string{"V11.1.6"}, byRequirement},
}

// supplementASVS5 gives ASVS 5.0 chapters where the 4.0.3 to 5.0.0 mapping
// of the CWE's requirements gives none (5.0 deleted them, or no 4.0.3
// requirement applies).
var supplementASVS5 = map[int]supplement{
	390:  {[]string{"V16 Security Logging and Error Handling"}, byChapter},
	396:  {[]string{"V16 Security Logging and Error Handling"}, byChapter},
	451:  {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	494:  {[]string{"V15 Secure Coding and Architecture"}, byChapter}, // dependency integrity (V15.2)
	506:  {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	625:  {[]string{"V1 Encoding and Sanitization"}, byChapter},
	1327: {[]string{"V13 Configuration"}, byChapter},
	1333: {[]string{"V1 Encoding and Sanitization"}, byChapter}, // regular-expression escaping and ReDoS (V1.2, V1.3)
	180:  {[]string{"V1 Encoding and Sanitization"}, byChapter}, // decode to canonical form once, before validation (V1.1)
	392:  {[]string{"V16 Security Logging and Error Handling"}, byChapter},
	584:  {[]string{"V16 Security Logging and Error Handling"}, byChapter},
	754:  {[]string{"V16 Security Logging and Error Handling"}, byChapter},
	252:  {[]string{"V15 Secure Coding and Architecture"}, byChapter}, // defensive coding (V15.3)
	404:  {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	595:  {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	681:  {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	775:  {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	1077: {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	1095: {[]string{"V15 Secure Coding and Architecture"}, byChapter},
	1339: {[]string{"V15 Secure Coding and Architecture"}, byChapter},
}

// notAWeakness lists CWEs that snakeguard reports as diagnostics rather than
// weaknesses; they map only to ISO/IEC 27001 A.8.28.
var notAWeakness = map[int]string{
	1164: "a file that does not parse is a diagnostic (the file was not analysed), not a weakness an attacker can use",
}
