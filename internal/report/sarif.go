package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// SARIF 2.1.0 output. Only the parts snakeguard fills are modelled; field
// names follow the specification.

const (
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion   = "2.1.0"
	// srcRoot is the uriBaseId of every artifact location.
	srcRoot = "SRCROOT"
	// InformationURI is the project's home page.
	InformationURI = "https://github.com/snakeguard/snakeguard"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifMultiformat   `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
	ProblemSeverity  string   `json:"problem.severity"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	CodeFlows           []sarifCodeFlow    `json:"codeFlows,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int           `json:"startLine"`
	StartColumn int           `json:"startColumn,omitempty"`
	EndLine     int           `json:"endLine,omitempty"`
	EndColumn   int           `json:"endColumn,omitempty"`
	Snippet     *sarifSnippet `json:"snippet,omitempty"`
}

type sarifSnippet struct {
	Text string `json:"text"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifThreadFlowLocation struct {
	Location sarifLocation `json:"location"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// SecuritySeverity is the CVSS-like score code-scanning services read from
// a rule's properties["security-severity"]: over 9.0 is shown as critical,
// 7.0–8.9 high, 4.0–6.9 medium, below that low. It is a string that holds a
// number.
func SecuritySeverity(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return "9.5"
	case finding.High:
		return "8.0"
	case finding.Medium:
		return "5.5"
	case finding.Low:
		return "3.0"
	}
	return "0.0"
}

// sarifLevel maps a severity to a SARIF result level. An unrated finding
// (a vulnerability no database scores) is a warning, not a note.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Critical, finding.High:
		return "error"
	case finding.Medium, finding.SeverityUnknown:
		return "warning"
	}
	return "note"
}

// sarifPrecision maps a confidence to the "precision" rule property.
func sarifPrecision(c finding.Confidence) string {
	switch c {
	case finding.HighConfidence:
		return "high"
	case finding.MediumConfidence:
		return "medium"
	}
	return "low"
}

func writeSARIF(w io.Writer, r *Report) error {
	docs := r.ruleDocs()
	index := make(map[string]int, len(docs))
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "snakeguard",
			Version:        r.ToolVersion,
			InformationURI: InformationURI,
			Rules:          make([]sarifRule, 0, len(docs)),
		}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	for i, d := range docs {
		index[d.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, toSARIFRule(d))
	}
	if r.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: rootURI(r.Root)}}
	}
	for _, f := range r.visible() {
		run.Results = append(run.Results, toSARIFResult(f, index[f.RuleID]))
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, n := range r.sortedNotices() {
		sn := sarifNotification{Level: noticeLevel(n.Level), Message: sarifText{Text: n.Message}}
		if n.Path != "" {
			sn.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(finding.Location{Path: n.Path, Line: n.Line}, "")}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sn)
	}
	run.Invocations = []sarifInvocation{inv}
	log := sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func noticeLevel(l string) string {
	switch l {
	case LevelError, LevelWarning, LevelNote:
		return l
	}
	return LevelNote
}

func toSARIFRule(d finding.RuleDoc) sarifRule {
	tags := []string{"security"}
	for _, c := range d.CWE {
		tags = append(tags, fmt.Sprintf("external/cwe/cwe-%d", c))
	}
	tags = append(tags, d.Tags...)
	short := firstLine(d.Summary)
	if short == "" {
		short = d.ID
	}
	full := strings.TrimSpace(d.Summary + "\n\n" + d.Why)
	if full == "" {
		full = short
	}
	return sarifRule{
		ID:                   d.ID,
		Name:                 d.Name,
		ShortDescription:     sarifText{Text: short},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifMultiformat{Text: RuleHelpText(d), Markdown: RuleHelpMarkdown(d)},
		HelpURI:              d.HelpURI(),
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(d.Severity)},
		Properties: sarifRuleProps{
			Tags:             tags,
			SecuritySeverity: SecuritySeverity(d.Severity),
			Precision:        sarifPrecision(d.Confidence),
			ProblemSeverity:  problemSeverity(d.Severity),
		},
	}
}

// problemSeverity maps a severity to the "problem.severity" property
// (error, warning, recommendation) used where security-severity is not.
func problemSeverity(s finding.Severity) string {
	switch s {
	case finding.Critical, finding.High:
		return "error"
	case finding.Medium:
		return "warning"
	}
	return "recommendation"
}

// RuleHelpText is a rule's documentation as plain text: summary, why,
// vulnerable and secure code, fix, CWEs and references. SARIF help uses it;
// so can `explain`.
func RuleHelpText(d finding.RuleDoc) string {
	var b strings.Builder
	section := func(title, body string) {
		body = strings.TrimSpace(body)
		if body == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		if title != "" {
			b.WriteString(title + ":\n")
		}
		b.WriteString(body)
	}
	section("", d.Summary)
	section("Why it matters", d.Why)
	section("Vulnerable code", d.Vulnerable)
	section("Secure code", d.Secure)
	section("Fix", d.Fix)
	section("Weaknesses", cweLabel(d.CWE))
	section("References", strings.Join(d.References, "\n"))
	if b.Len() == 0 {
		return d.ID
	}
	return b.String()
}

// RuleHelpMarkdown is a rule's documentation as Markdown, with the examples
// in fenced code blocks and CWEs linked to MITRE.
func RuleHelpMarkdown(d finding.RuleDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s", d.ID)
	if d.Name != "" {
		fmt.Fprintf(&b, ": %s", d.Name)
	}
	b.WriteString("\n")
	para := func(title, body string) {
		if body = strings.TrimSpace(body); body == "" {
			return
		}
		if title != "" {
			fmt.Fprintf(&b, "\n## %s\n", title)
		}
		b.WriteString("\n" + body + "\n")
	}
	code := func(title, body string) {
		if body = strings.TrimSpace(body); body == "" {
			return
		}
		fence := codeFence(body)
		fmt.Fprintf(&b, "\n## %s\n\n%spython\n%s\n%s\n", title, fence, body, fence)
	}
	para("", d.Summary)
	para("Why it matters", d.Why)
	code("Vulnerable code", d.Vulnerable)
	code("Secure code", d.Secure)
	para("Fix", d.Fix)
	if len(d.CWE) > 0 {
		var links []string
		for _, c := range d.CWE {
			links = append(links, fmt.Sprintf("[CWE-%d](https://cwe.mitre.org/data/definitions/%d.html)", c, c))
		}
		para("Weaknesses", strings.Join(links, ", "))
	}
	if len(d.References) > 0 {
		var refs []string
		for _, r := range d.References {
			refs = append(refs, "- <"+r+">")
		}
		para("References", strings.Join(refs, "\n"))
	}
	return b.String()
}

// codeFence returns a backtick fence longer than any run of backticks in s.
func codeFence(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

func toSARIFResult(f finding.Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: f.Message},
		Locations: []sarifLocation{{PhysicalLocation: resultLocation(f.Location, f.Snippet)}},
		Properties: map[string]any{
			"severity":   f.Severity.String(),
			"confidence": f.Confidence.String(),
		},
	}
	if res.Message.Text == "" {
		res.Message.Text = f.RuleID
	}
	for k, v := range f.Properties {
		res.Properties[k] = v
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{
			"primaryLocationLineHash": finding.PrimaryLocationLineHash(f.Fingerprint),
			"snakeguard/v1":           f.Fingerprint,
		}
	}
	if len(f.Trace) > 0 {
		tf := sarifThreadFlow{}
		for _, s := range f.Trace {
			loc := sarifLocation{PhysicalLocation: physicalLocation(s.Location, "")}
			if s.Message != "" {
				loc.Message = &sarifText{Text: s.Message}
			}
			tf.Locations = append(tf.Locations, sarifThreadFlowLocation{Location: loc})
		}
		res.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{tf}}}
	}
	if f.Suppressed {
		kind := "inSource"
		if f.SuppressionReason == finding.SuppressedByBaseline {
			kind = "external"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Justification: f.SuppressionReason}}
	}
	return res
}

// resultLocation is a result's location. Code-scanning services reject a
// result without a line, so a whole-file finding (a dependency manifest)
// points at line 1.
func resultLocation(l finding.Location, snippet string) sarifPhysicalLocation {
	if l.Line <= 0 {
		return physicalLocation(finding.Location{Path: l.Path, Line: 1}, "")
	}
	return physicalLocation(l, snippet)
}

func physicalLocation(l finding.Location, snippet string) sarifPhysicalLocation {
	pl := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLoc{URI: relativeURI(l.Path), URIBaseID: srcRoot}}
	if l.Line > 0 {
		reg := &sarifRegion{StartLine: l.Line}
		if l.Column > 0 {
			reg.StartColumn = l.Column
		}
		if l.EndLine >= l.Line {
			reg.EndLine = l.EndLine
			if l.EndColumn > 0 && (l.EndLine > l.Line || l.EndColumn > l.Column) {
				reg.EndColumn = l.EndColumn
			}
		}
		if snippet != "" {
			reg.Snippet = &sarifSnippet{Text: snippet}
		}
		pl.Region = reg
	}
	return pl
}

// relativeURI turns a slash-separated relative path into a relative URI
// reference, escaping what needs escaping (spaces, %, #, ?).
func relativeURI(p string) string {
	p = filepath.ToSlash(p)
	u := url.URL{Path: p}
	return u.String()
}

// rootURI turns an absolute directory into a file URI ending in a slash.
func rootURI(root string) string {
	p := filepath.ToSlash(root)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive paths: file:///C:/dir/
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}
