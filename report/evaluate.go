package report

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"sigs.k8s.io/wincspec/internal/verdict"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Verdicts of a requirement (see package verdict).
const (
	VerdictPass   = verdict.Pass
	VerdictFail   = verdict.Fail
	VerdictNotRun = verdict.NotRun
	VerdictGap    = verdict.Gap
	VerdictNA     = verdict.NA

	VerdictNotWindows = verdict.NotWindows
)

// Levels of a profile, worst first (see package verdict).
const (
	LevelFailure    = verdict.Failure
	LevelIncomplete = verdict.Incomplete
	LevelPartial    = verdict.Partial
	LevelSuccess    = verdict.Success
)

// Verdict and Level are the types of a requirement's verdict and a
// profile's level.
type (
	Verdict = verdict.Verdict
	Level   = verdict.Level
)

// VerdictHelp explains the verdicts, for command help.
func VerdictHelp() string {
	var b strings.Builder
	b.WriteString("Verdicts per requirement, in this order:\n")
	for _, r := range verdict.VerdictRules {
		b.WriteString(wrap(fmt.Sprintf("  %-8s ", r.Verdict), r.Meaning, 76))
	}
	b.WriteString("A required test is a spec its test references select in the release. When a\nspec appears more than once, a failure anywhere wins, then a pass.")
	return b.String()
}

// LevelHelp explains the levels, for command help.
func LevelHelp() string {
	var b strings.Builder
	b.WriteString("Levels per profile, worst first:\n")
	for _, r := range verdict.LevelRules {
		b.WriteString(wrap(fmt.Sprintf("  %-11s ", r.Level), r.Meaning, 76))
	}
	b.WriteString(strings.TrimSuffix(wrap("", verdict.Gate, 76), "\n"))
	return b.String()
}

// wrap writes text after prefix, wrapped at width, with continuation
// lines indented as far as the prefix.
func wrap(prefix, text string, width int) string {
	var b strings.Builder
	line := prefix
	indent := strings.Repeat(" ", len(prefix))
	for i, w := range strings.Fields(text) {
		if i > 0 && len(line)+1+len(w) > width {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent
		} else if i > 0 {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
	return b.String()
}

// Evidence levels of a profile, and statuses of one evidence check.
const (
	EvidenceVerified   = "verified"   // every check that applies holds
	EvidenceUnverified = "unverified" // no check failed, but some results have no node evidence
	EvidenceFailed     = "failed"     // a check failed: the profile cannot pass

	CheckOK         CheckStatus = "ok"
	CheckFailed     CheckStatus = "failed"
	CheckUnverified CheckStatus = "unverified"
	CheckNotChecked CheckStatus = "not-checked"
)

// CheckName names an evidence check; CheckStatus is its outcome.
type (
	CheckName   string
	CheckStatus string
)

// The evidence checks.
const (
	CheckWindowsNodes CheckName = "windows-nodes"  // the results show a Windows node
	CheckOSBuild      CheckName = "os-build"       // every Windows node runs a supported build
	CheckNodeOSDistro CheckName = "node-os-distro" // the run passed --node-os-distro=windows
	CheckNodeEvidence CheckName = "node-evidence"  // the results carry node evidence at all
)

// StatusAbsent is the status of a required test that is not in the results.
const StatusAbsent Status = "absent"

// Unverified is how a profile without node evidence is described.
const Unverified = "unverified: no node evidence"

// UnverifiedDistro is how a profile is described whose node evidence holds
// but whose run shows no --node-os-distro.
const UnverifiedDistro = "unverified: no --node-os-distro evidence"

// Options are the choices Evaluate makes.
type Options struct {
	// Profiles are the profiles to evaluate; all, in the spec's order,
	// when empty.
	Profiles []string
	// Required are the profiles that decide Report.OK; every evaluated
	// profile when empty.
	Required []string
	// AllowUnverified lets a required profile whose tested requirements
	// all pass but that lacks node evidence count as passing in
	// Report.OK. Its level stays incomplete.
	AllowUnverified bool
	// Strict makes Report.OK need the success level: no gap and no
	// requirement covered only in part, for a claim of complete
	// conformance.
	Strict bool
	// ReleaseNote says how the release was chosen; it is printed as is.
	ReleaseNote string
	// Requested is the release the user asked for (--kubernetes), if any,
	// recorded so that a verifier chooses the release the same way.
	Requested string
	// Product is what the report is published for, if anything.
	Product *Product
	// Version is the wincspec version that judges the results.
	Version string
}

// Report is the evaluation of test results against a specification in one
// release.
type Report struct {
	Release     string `json:"release"`
	ReleaseNote string `json:"releaseNote,omitempty"`
	// ServerVersion is the API server's version the results show (the
	// first cluster's that has one).
	ServerVersion string   `json:"serverVersion,omitempty"`
	Product       *Product `json:"product,omitempty"`
	Tool          Tool     `json:"wincspec"`
	// Required are the profiles that decide OK.
	Required        []string `json:"required"`
	AllowUnverified bool     `json:"allowUnverified"`
	Strict          bool     `json:"strict"`
	Requested       string   `json:"requested,omitempty"`
	// OK reports whether every required profile passed: its level is
	// partial or success (success only, with Strict), or, with
	// AllowUnverified, it is incomplete only for want of node evidence.
	OK           bool                 `json:"ok"`
	Profiles     []*ProfileResult     `json:"profiles"`
	Requirements []*RequirementResult `json:"requirements"`
	Clusters     []*Cluster           `json:"clusters"`
	Accounting   Accounting           `json:"accounting"`
	// Testcases are every testcase of the results, in input order.
	Testcases []TestcaseResult `json:"testcases"`
	Inputs    []Input          `json:"inputs"`
	Warnings  []string         `json:"warnings"`
}

// ProfileResult is the verdict on one profile.
type ProfileResult struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Required bool   `json:"required"`
	// Level is one of the Level constants.
	Level Level `json:"level"`
	// Passed reports whether the profile counts as passed for Report.OK.
	Passed bool `json:"passed"`
	// Evidence is one of the Evidence constants.
	Evidence string `json:"evidence"`
	Counts   Counts `json:"counts"`
	// Failed, NotRun, Untestable and PartlyCovered list the requirement
	// IDs with verdict fail, not-run and gap, and the passing
	// requirements whose tests cover them only in part.
	Failed        []string `json:"failed"`
	NotRun        []string `json:"notRun"`
	Untestable    []string `json:"untestable"`
	PartlyCovered []string `json:"partlyCovered"`
	// PlacementUnknown lists the passing requirements for which the run
	// recorded no placement of their tests' pods.
	PlacementUnknown []string `json:"placementUnknown"`
	// Reasons say why the level is not success.
	Reasons []string `json:"reasons,omitempty"`
	// Checks are the evidence checks, in order.
	Checks []Check `json:"checks"`
}

// Counts are the number of requirements with each verdict.
type Counts struct {
	// Applicable counts the requirements that apply to the release:
	// Pass + Fail + NotRun + Gap.
	Applicable int `json:"applicable"`
	Pass       int `json:"pass"`
	Fail       int `json:"fail"`
	NotRun     int `json:"notRun"`
	Gap        int `json:"gap"`
	NA         int `json:"na"`
	// Partial counts the passing requirements whose tests cover them only
	// in part.
	Partial int `json:"partial"`
}

// Check is one evidence check against false positives.
type Check struct {
	// Name is one of the Check constants.
	Name CheckName `json:"name"`
	// Status is one of the CheckOK, CheckFailed, CheckUnverified and
	// CheckNotChecked constants.
	Status CheckStatus `json:"status"`
	Detail string      `json:"detail"`

	short string // the failure in a few words, for the profile's reasons
}

// RequirementResult is the verdict on one requirement.
type RequirementResult struct {
	ID      string  `json:"id"`
	Profile string  `json:"profile"`
	Title   string  `json:"title"`
	Verdict Verdict `json:"verdict"`
	// Coverage is the requirement's coverage in the release (see
	// mapping.Coverage*).
	Coverage mapping.Coverage `json:"coverage"`
	// Detail says why, in one line.
	Detail string `json:"detail"`
	// Gap is the specification's gap reason, if it records one.
	Gap string `json:"gap,omitempty"`
	// Tests are the required tests, sorted by text.
	Tests []TestResult `json:"tests"`
	// Placement says whether the run's recording shows the pods of the
	// passing tests on Windows nodes: "windows", "not-windows", or
	// "unknown" (no recording, or no namespace facts); empty unless every
	// test passed.
	Placement string `json:"placement,omitempty"`
}

// Placement values of a requirement.
const (
	PlacementWindows    = "windows"
	PlacementNotWindows = "not-windows"
	PlacementUnknown    = "unknown"
)

// TestResult is one required test of a requirement, and its outcome.
type TestResult struct {
	Text string `json:"text"`
	// Coverage is the strongest coverage the references that select the
	// test claim: full or partial.
	Coverage mapping.Coverage `json:"coverage"`
	// Status is a testcase status, or StatusAbsent.
	Status  Status `json:"status"`
	Message string `json:"message,omitempty"`
	// Occurrences is the number of testcases of the test in the results.
	Occurrences int `json:"occurrences"`
	// Sources are the files the testcases come from, in input order.
	Sources []string `json:"sources,omitempty"`
	// Placement is where the test's pods ran, for a passed test.
	Placement *TestPlacement `json:"placement,omitempty"`
}

// Accounting counts every testcase of the results exactly once, as mapped,
// unmapped or a suite hook: Testcases = Mapped + Unmapped + Hooks.
type Accounting struct {
	Testcases int `json:"testcases"`
	// Mapped testcases are specs that a requirement of an evaluated
	// profile requires in the release.
	Mapped int `json:"mapped"`
	// Unmapped testcases are the other specs; NotInInventory of them are
	// not specs of the release's inventory at all.
	Unmapped       int `json:"unmapped"`
	NotInInventory int `json:"notInInventory"`
	// Hooks are suite-level nodes such as [SynchronizedBeforeSuite].
	Hooks int `json:"hooks"`
	// Duplicates are the spec testcases (mapped or unmapped) whose spec
	// already appeared earlier in the results. They are counted in their
	// category too.
	Duplicates int `json:"duplicates"`
}

// TestcaseResult is how one testcase was accounted for.
type TestcaseResult struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	Status Status `json:"status"`
	// Category is "mapped", "unmapped" or "hook".
	Category string `json:"category"`
	// Spec is the inventory spec the testcase matched, when it is not the
	// testcase's text (a label suffix was stripped).
	Spec string `json:"spec,omitempty"`
	// InInventory is false for a spec that is not in the release's
	// inventory.
	InInventory  bool     `json:"inInventory"`
	Requirements []string `json:"requirements,omitempty"`
	Duplicate    bool     `json:"duplicate,omitempty"`
}

// Testcase categories.
const (
	CategoryMapped   = "mapped"
	CategoryUnmapped = "unmapped"
	CategoryHook     = "hook"
)

// outcome is the combined outcome of one spec's testcases.
type outcome struct {
	status      Status
	message     string
	occurrences int
	sources     []string
	clusters    []*Cluster
}

// rank orders statuses for combining duplicates: a failure anywhere wins,
// then a pass anywhere, then a skip; absent is lowest.
func rank(status Status) int {
	switch {
	case Failed(status):
		return 3
	case status == StatusPassed:
		return 2
	case status == StatusSkipped || status == StatusPending:
		return 1
	}
	return 0
}

func (o *outcome) add(c *Case) {
	if o.occurrences == 0 || rank(c.Status) > rank(o.status) {
		o.status, o.message = c.Status, c.Message
	}
	o.occurrences++
	if !slices.Contains(o.sources, c.Source) {
		o.sources = append(o.sources, c.Source)
	}
	if c.Cluster != nil && !slices.Contains(o.clusters, c.Cluster) {
		o.clusters = append(o.clusters, c.Cluster)
	}
}

// Evaluate judges results against the resolution's requirements in the
// release (one of res.Inventories). See the package documentation for the
// rules.
func Evaluate(res *mapping.Resolution, release string, results *Results, opts Options) (*Report, error) {
	idx := slices.IndexFunc(res.Inventories, func(inv *mapping.Inventory) bool { return inv.Release() == release })
	if idx < 0 {
		return nil, fmt.Errorf("release %s was not resolved", release)
	}
	inv := res.Inventories[idx]
	profiles := opts.Profiles
	if len(profiles) == 0 {
		for _, p := range res.Spec.Profiles {
			profiles = append(profiles, p.ID)
		}
	}
	for _, p := range profiles {
		if res.Spec.Profile(p) == nil {
			return nil, fmt.Errorf("unknown profile %q", p)
		}
	}
	required := opts.Required
	if len(required) == 0 {
		required = profiles
	}
	for _, p := range required {
		if !slices.Contains(profiles, p) {
			return nil, fmt.Errorf("required profile %q is not evaluated", p)
		}
	}
	rep := &Report{
		Release:         release,
		ReleaseNote:     opts.ReleaseNote,
		Product:         opts.Product,
		Required:        slices.Clone(required),
		AllowUnverified: opts.AllowUnverified,
		Strict:          opts.Strict,
		Requested:       opts.Requested,
		Tool: Tool{
			Version:          opts.Version,
			Edition:          res.Spec.Edition,
			SpecSHA256:       specDigest(res.Spec),
			Inventory:        inv.Release(),
			InventorySHA256:  inv.Digest(),
			InventoryDetails: inv.Provenance.Method,
		},
		Clusters: results.Clusters,
		Inputs:   results.Inputs,
		Warnings: slices.Clone(results.Warnings),
	}
	if rep.Clusters == nil {
		rep.Clusters = []*Cluster{}
	}
	if rep.Inputs == nil {
		rep.Inputs = []Input{}
	}
	for _, cl := range rep.Clusters {
		if cl.ServerVersion != "" {
			rep.ServerVersion = cl.ServerVersion
			break
		}
	}

	// The specs the evaluated requirements require, and by which.
	var evaluated []*mapping.Resolved
	requiredBy := map[*mapping.Spec][]string{}
	for _, rr := range res.Requirements {
		if !slices.Contains(profiles, rr.Requirement.Profile) {
			continue
		}
		evaluated = append(evaluated, rr)
		for _, sp := range rr.Releases[idx].Specs {
			requiredBy[sp] = append(requiredBy[sp], rr.Requirement.ID)
		}
	}

	// Account for every testcase, and combine each required spec's.
	outcomes := map[*mapping.Spec]*outcome{}
	seen := map[string]bool{}
	acc := &rep.Accounting
	rep.Testcases = make([]TestcaseResult, 0, len(results.Cases))
	for i := range results.Cases {
		c := &results.Cases[i]
		tr := TestcaseResult{Name: c.Name, Source: c.Source, Status: c.Status}
		acc.Testcases++
		if c.Hook {
			acc.Hooks++
			tr.Category = CategoryHook
			rep.Testcases = append(rep.Testcases, tr)
			continue
		}
		sp := match(inv, c.Text)
		key := c.Text
		if sp != nil {
			key = sp.Text
			tr.InInventory = true
			if sp.Text != c.Text {
				tr.Spec = sp.Text
			}
		}
		if seen[key] {
			acc.Duplicates++
			tr.Duplicate = true
		}
		seen[key] = true
		if reqs := requiredBy[sp]; sp != nil && len(reqs) > 0 {
			acc.Mapped++
			tr.Category = CategoryMapped
			tr.Requirements = reqs
			o := outcomes[sp]
			if o == nil {
				o = &outcome{}
				outcomes[sp] = o
			}
			o.add(c)
		} else {
			acc.Unmapped++
			tr.Category = CategoryUnmapped
			if sp == nil {
				acc.NotInInventory++
			}
		}
		rep.Testcases = append(rep.Testcases, tr)
	}
	if specs := acc.Mapped + acc.Unmapped; specs > 0 && acc.NotInInventory*2 > specs {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d of %d spec testcases are not in the %s inventory: are the results from another Kubernetes release?", acc.NotInInventory, specs, release))
	}
	minor, _ := spec.ParseMinor(release)
	for _, cl := range results.Clusters {
		if m, err := spec.ParseMinor(cl.ServerVersion); err == nil && m != minor {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: the cluster runs %s, and the results are evaluated against the %s inventory", cl.Source, cl.ServerVersion, release))
		}
	}

	// Requirement verdicts.
	byProfile := map[string][]*RequirementResult{}
	for _, rr := range evaluated {
		r := judge(rr.Requirement, rr.Releases[idx], outcomes, release)
		rep.Requirements = append(rep.Requirements, r)
		byProfile[r.Profile] = append(byProfile[r.Profile], r)
	}

	// Profile verdicts. The evidence checks do not depend on the profile.
	evidence := checks(results, res.Spec, release, distroHints(results.Cases))
	rep.OK = true
	for _, id := range profiles {
		p := res.Spec.Profile(id)
		pr := judgeProfile(p, byProfile[id], evidence, release, opts)
		pr.Required = slices.Contains(required, p.ID)
		if pr.Required && !pr.Passed {
			rep.OK = false
		}
		rep.Profiles = append(rep.Profiles, pr)
	}
	if rep.Warnings == nil {
		rep.Warnings = []string{}
	}
	return rep, nil
}

// judgeProfile gives a profile its level from its requirements' verdicts
// and the evidence checks, and says whether it passed under opts.
func judgeProfile(p *spec.Profile, reqs []*RequirementResult, evidence []Check, release string, opts Options) *ProfileResult {
	pr := &ProfileResult{ID: p.ID, Title: p.Title, Checks: evidence,
		Failed: []string{}, NotRun: []string{}, Untestable: []string{}, PartlyCovered: []string{}, PlacementUnknown: []string{}}
	c := &pr.Counts
	for _, r := range reqs {
		switch r.Verdict {
		case VerdictPass:
			c.Pass++
			if r.Coverage == mapping.CoveragePartial {
				c.Partial++
				pr.PartlyCovered = append(pr.PartlyCovered, r.ID)
			}
			if r.Placement == PlacementUnknown {
				pr.PlacementUnknown = append(pr.PlacementUnknown, r.ID)
			}
		case VerdictFail, VerdictNotWindows:
			c.Fail++
			pr.Failed = append(pr.Failed, r.ID)
		case VerdictNotRun:
			c.NotRun++
			pr.NotRun = append(pr.NotRun, r.ID)
		case VerdictGap:
			c.Gap++
			pr.Untestable = append(pr.Untestable, r.ID)
		case VerdictNA:
			c.NA++
		}
	}
	c.Applicable = c.Pass + c.Fail + c.NotRun + c.Gap
	pr.Evidence = EvidenceVerified
	for _, ch := range evidence {
		switch {
		case ch.Status == CheckFailed:
			pr.Evidence = EvidenceFailed
		case ch.Status == CheckUnverified && pr.Evidence == EvidenceVerified:
			pr.Evidence = EvidenceUnverified
		}
	}

	var failedChecks []string
	for _, ch := range evidence {
		if ch.Status == CheckFailed && !slices.Contains(failedChecks, ch.short) {
			failedChecks = append(failedChecks, ch.short)
		}
	}
	if c.Fail > 0 {
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("%d failed: %s", c.Fail, strings.Join(pr.Failed, ", ")))
	}
	if n := len(pr.PlacementUnknown); n > 0 {
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("%d without a placement recording: %s", n, strings.Join(pr.PlacementUnknown, ", ")))
	}
	if len(failedChecks) > 0 {
		pr.Reasons = append(pr.Reasons, "evidence: "+strings.Join(failedChecks, ", "))
	}
	if c.NotRun > 0 {
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("%d not run: %s", c.NotRun, strings.Join(pr.NotRun, ", ")))
	}
	switch {
	case c.Applicable == 0:
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("no requirement of the profile applies to %s", release))
	case c.Pass == 0 && c.Fail == 0 && c.NotRun == 0:
		pr.Reasons = append(pr.Reasons, "no requirement of the profile can be tested today")
	}
	if pr.Evidence == EvidenceUnverified {
		pr.Reasons = append(pr.Reasons, pr.unverified())
	}
	if c.Gap > 0 {
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("%d untestable today: %s", c.Gap, strings.Join(pr.Untestable, ", ")))
	}
	if c.Partial > 0 {
		pr.Reasons = append(pr.Reasons, fmt.Sprintf("%d covered only in part: %s", c.Partial, strings.Join(pr.PartlyCovered, ", ")))
	}

	tested := c.Fail == 0 && c.NotRun == 0 && c.Pass > 0
	switch {
	case c.Fail > 0 || pr.Evidence == EvidenceFailed:
		pr.Level = LevelFailure
	case !tested || pr.Evidence != EvidenceVerified:
		pr.Level = LevelIncomplete
	case c.Gap > 0 || c.Partial > 0 || len(pr.PlacementUnknown) > 0:
		pr.Level = LevelPartial
	default:
		pr.Level = LevelSuccess
	}
	evidenceOK := pr.Evidence == EvidenceVerified || (opts.AllowUnverified && pr.Evidence == EvidenceUnverified)
	complete := c.Gap == 0 && c.Partial == 0 && len(pr.PlacementUnknown) == 0
	pr.Passed = tested && evidenceOK && (!opts.Strict || complete)
	return pr
}

// specDigest is the SHA-256 of the specification's JSON form.
func specDigest(s *spec.Spec) string {
	data, err := json.Marshal(s)
	if err != nil {
		return ""
	}
	return digest(data)
}

// unverified says what evidence the profile lacks: node evidence, or only
// the --node-os-distro of the run.
func (p *ProfileResult) unverified() string {
	for _, c := range p.Checks {
		if c.Status == CheckUnverified && c.Name != CheckNodeOSDistro {
			return Unverified
		}
	}
	return UnverifiedDistro
}

// Summary is the profile's level and statistics in one line, such as
// "Partial: 21 of 24 requirements verified, 3 untestable today
// (CORE-NET-03, CORE-NET-11, CORE-PERF-01); 9 covered only in part".
func (p *ProfileResult) Summary() string {
	c := p.Counts
	var b strings.Builder
	b.WriteString(title(string(p.Level)))
	b.WriteString(": ")
	verb := "verified"
	if p.Evidence != EvidenceVerified {
		verb = "passed"
	}
	fmt.Fprintf(&b, "%d of %d requirements %s", c.Pass, c.Applicable, verb)
	if c.Fail > 0 {
		fmt.Fprintf(&b, ", %d failed (%s)", c.Fail, strings.Join(p.Failed, ", "))
	}
	if c.NotRun > 0 {
		fmt.Fprintf(&b, ", %d not run (%s)", c.NotRun, strings.Join(p.NotRun, ", "))
	}
	if c.Gap > 0 {
		fmt.Fprintf(&b, ", %d untestable today (%s)", c.Gap, strings.Join(p.Untestable, ", "))
	}
	if c.Partial > 0 {
		fmt.Fprintf(&b, "; %d covered only in part", c.Partial)
	}
	if n := len(p.PlacementUnknown); n > 0 {
		fmt.Fprintf(&b, "; %d without a placement recording", n)
	}
	var notes []string
	for _, ch := range p.Checks {
		if ch.Status == CheckFailed && !slices.Contains(notes, ch.short) {
			notes = append(notes, ch.short)
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, "; evidence: %s", strings.Join(notes, ", "))
	} else if p.Evidence == EvidenceUnverified {
		fmt.Fprintf(&b, "; %s", p.unverified())
	}
	if c.Applicable == 0 {
		b.WriteString("; no requirement applies")
	}
	return b.String()
}

// match returns the inventory spec of a testcase text: the spec with
// exactly that text or, when there is none, the spec whose text is the
// testcase's without a trailing " [label, label]" group that lists exactly
// the spec's labels, as generic Ginkgo JUnit reports append them.
func match(inv *mapping.Inventory, text string) *mapping.Spec {
	if sp := inv.Lookup(text); sp != nil {
		return sp
	}
	if !strings.HasSuffix(text, "]") {
		return nil
	}
	for i := strings.LastIndex(text, " ["); i > 0; i = strings.LastIndex(text[:i], " [") {
		if sp := inv.Lookup(text[:i]); sp != nil && labelsMatch(text[i+2:len(text)-1], sp.Labels) {
			return sp
		}
	}
	return nil
}

// labelsMatch reports whether list, labels joined by ", " as Ginkgo writes
// them (containers' first), holds exactly the labels (sorted, as in an
// inventory).
func labelsMatch(list string, labels []string) bool {
	if len(labels) == 0 {
		return false
	}
	got := strings.Split(list, ", ")
	slices.Sort(got)
	return slices.Equal(slices.Compact(got), labels)
}

// judge gives a requirement's verdict in one release.
func judge(r *spec.Requirement, in *mapping.InRelease, outcomes map[*mapping.Spec]*outcome, release string) *RequirementResult {
	out := &RequirementResult{ID: r.ID, Profile: r.Profile, Title: r.Title, Coverage: in.Coverage, Tests: []TestResult{}}
	if r.Gap != nil {
		out.Gap = r.Gap.Reason
	}
	if !in.Applies {
		out.Verdict = VerdictNA
		span := "since " + r.Since
		if r.Until != "" {
			span += ", until " + r.Until
		}
		out.Detail = fmt.Sprintf("does not apply to %s (%s)", release, span)
		return out
	}
	var failed, passed, skipped, absent int
	firstFailed := -1
	for _, sp := range in.Specs {
		cov, _ := in.SpecCoverage(sp)
		t := TestResult{Text: sp.Text, Coverage: cov, Status: StatusAbsent}
		if o := outcomes[sp]; o != nil {
			t.Status, t.Message, t.Occurrences, t.Sources = o.status, o.message, o.occurrences, o.sources
			if t.Status == StatusPassed {
				t.Placement = placement(sp, o.clusters)
			}
		}
		switch {
		case Failed(t.Status):
			if firstFailed < 0 {
				firstFailed = len(out.Tests)
			}
			failed++
		case t.Status == StatusPassed:
			passed++
		case t.Status == StatusAbsent:
			absent++
		default:
			skipped++
		}
		out.Tests = append(out.Tests, t)
	}
	n := len(in.Specs)
	switch {
	case failed > 0:
		out.Verdict = VerdictFail
		t := out.Tests[firstFailed]
		out.Detail = fmt.Sprintf("%d of %d tests failed; %s: %s", failed, n, t.Status, t.Text)
	case n == 0:
		out.Verdict = VerdictGap
		out.Detail = "no test in the specification"
		if r.Gap != nil {
			out.Detail += ": " + r.Gap.Reason
		} else {
			out.Detail += ", and no gap recorded"
		}
	case skipped+absent > 0:
		out.Verdict = VerdictNotRun
		var parts []string
		if absent > 0 {
			parts = append(parts, fmt.Sprintf("%d absent", absent))
		}
		if skipped > 0 {
			parts = append(parts, fmt.Sprintf("%d skipped", skipped))
		}
		out.Detail = fmt.Sprintf("%d of %d tests did not run (%s)", skipped+absent, n, strings.Join(parts, ", "))
	default:
		out.Verdict = VerdictPass
		out.Detail = fmt.Sprintf("%d of %d tests passed", passed, n)
		out.Placement = PlacementUnknown
		known, windows := 0, 0
		for _, t := range out.Tests {
			if t.Placement.Known() {
				known++
				if t.Placement.Windows > 0 {
					windows++
				}
			}
		}
		switch {
		case windows > 0:
			out.Placement = PlacementWindows
			var nodes []string
			for _, t := range out.Tests {
				if t.Placement != nil {
					for _, n := range t.Placement.WindowsNodes {
						if !slices.Contains(nodes, n) {
							nodes = append(nodes, n)
						}
					}
				}
			}
			slices.Sort(nodes)
			out.Detail += "; their pods ran on Windows nodes " + strings.Join(nodes, ", ")
		case known > 0:
			out.Placement = PlacementNotWindows
			out.Verdict = VerdictNotWindows
			out.Detail = fmt.Sprintf("%d of %d tests passed, but the run's recording shows their pods on no Windows node", passed, n)
			return out
		}
		if out.Placement == PlacementUnknown {
			out.Detail += "; " + unknownPlacement(out.Tests)
		}
		if in.Coverage == mapping.CoveragePartial {
			out.Detail += "; they cover the requirement only in part"
			if r.Gap != nil {
				out.Detail += ": " + r.Gap.Reason
			}
		}
	}
	return out
}

// unknownPlacement says why no test of a requirement has placement
// evidence: the first test's note.
func unknownPlacement(tests []TestResult) string {
	for _, t := range tests {
		if t.Placement != nil && t.Placement.Note != "" {
			if t.Placement.Note == noRecording {
				return "placement not recorded"
			}
			return "placement unknown: " + t.Placement.Note
		}
	}
	return "placement unknown"
}

// distroMessage matches the skip messages of the e2e framework's
// SkipUnlessNodeOSDistroIs and SkipIfNodeOSDistroIs, which end with the
// --node-os-distro the run used: "Only supported for node OS distro
// [windows] (not debian)", "Not supported for node OS distro [windows] (is
// windows)".
var distroMessage = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`node OS distro \[[^\]]*\] \((?:not|is) ([^)\s]+)\)`)
})

// hint is a --node-os-distro value seen in a skip message.
type hint struct {
	cluster *Cluster
	plugin  string
	source  string
	value   string
	test    string
}

// distroHints returns the distinct distro values that skip messages show,
// per source, in input order.
func distroHints(cases []Case) []hint {
	var out []hint
	for i := range cases {
		c := &cases[i]
		if c.Status != StatusSkipped || !strings.Contains(c.Message, "node OS distro") {
			continue
		}
		m := distroMessage().FindStringSubmatch(c.Message)
		if m == nil {
			continue
		}
		h := hint{cluster: c.Cluster, plugin: c.Plugin, source: c.Source, value: m[1], test: c.Text}
		if !slices.ContainsFunc(out, func(o hint) bool { return o.source == h.source && o.value == h.value }) {
			out = append(out, h)
		}
	}
	return out
}

// checks runs the evidence checks: every Sonobuoy input, run directory or
// nodes file must show a Windows node; every Windows node must run a
// Windows Server release that the cluster's Kubernetes release supports;
// and each plugin or set with results must show (where its configuration,
// logs or skip messages do) a run with --node-os-distro=windows. Results
// without a cluster have no node evidence.
func checks(results *Results, s *spec.Spec, release string, hints []hint) []Check {
	var out []Check
	add := func(name CheckName, status CheckStatus, short, format string, args ...any) {
		out = append(out, Check{Name: name, Status: status, Detail: fmt.Sprintf(format, args...), short: short})
	}
	for _, cl := range results.Clusters {
		win := cl.windowsNodes()
		switch {
		case cl.NodesFile == "":
			add(CheckWindowsNodes, CheckUnverified, "", "%s: no nodes file (%s), so no node evidence", cl.Source, nodesFiles[0])
		case len(win) == 0:
			add(CheckWindowsNodes, CheckFailed, "no Windows node", "%s: no Windows node among %d nodes", cl.Source, len(cl.Nodes))
		default:
			add(CheckWindowsNodes, CheckOK, "", "%s: %d Windows node%s of %d", cl.Source, len(win), plural(len(win)), len(cl.Nodes))
		}
		if len(win) > 0 {
			osBuildCheck(add, cl, win, s, release)
		}
		for _, pl := range cl.Plugins {
			if pl.Testcases == 0 {
				continue
			}
			ds := slices.Clone(pl.Distros)
			for _, h := range hints {
				if h.cluster == cl && h.plugin == pl.Name {
					ds = append(ds, Distro{Value: h.value, From: "skip message of " + h.test})
				}
			}
			what := "plugin " + pl.Name
			if cl.Kind == KindRun {
				what = "set " + pl.Name
			} else if cl.Kind == KindNodes {
				what = "results " + pl.Name
			}
			distroCheck(add, cl.Source+": "+what, ds)
		}
	}
	var plain []string
	for i := range results.Cases {
		c := &results.Cases[i]
		if c.Cluster == nil && !slices.Contains(plain, c.Input) {
			plain = append(plain, c.Input)
		}
	}
	if len(plain) > 0 {
		add(CheckNodeEvidence, CheckUnverified, "", "no node evidence for %s: plain JUnit or Ginkgo JSON (give --nodes, or the run directory of the generated scripts)", strings.Join(plain, ", "))
		var ds []Distro
		for _, h := range hints {
			if h.cluster == nil {
				ds = append(ds, Distro{Value: h.value, From: "skip message in " + h.source + " of " + h.test})
			}
		}
		if len(ds) > 0 {
			distroCheck(add, "plain results", ds)
		}
	}
	if len(results.Clusters) == 0 && len(plain) == 0 {
		add(CheckNodeEvidence, CheckUnverified, "", "no test results")
	}
	return out
}

// osBuildCheck judges every Windows node of a cluster: each must run a
// Windows Server release that the cluster's Kubernetes release supports,
// as the specification's windowsSupport lists them. The release is the
// cluster's server version when it is known, else the evaluated release.
func osBuildCheck(add func(name CheckName, status CheckStatus, short, format string, args ...any), cl *Cluster, win []Node, s *spec.Spec, release string) {
	rel, from := release, "evaluated release"
	if cl.ServerVersion != "" {
		if _, err := spec.ParseMinor(cl.ServerVersion); err == nil {
			rel, from = cl.ServerVersion, "server version"
		}
	}
	minor, _ := spec.ParseMinor(rel)
	ws := s.Windows(rel)
	if ws == nil {
		add(CheckOSBuild, CheckUnverified, "", "%s: the specification lists no supported Windows Server releases for Kubernetes %s (%s)", cl.Source, minor, from)
		return
	}
	var good, bad []string
	for _, n := range win {
		if sv := ws.Server(n.Build()); sv != nil {
			good = append(good, fmt.Sprintf("%s %s (%s)", n.Name, n.Build(), sv.Name))
		} else {
			bad = append(bad, fmt.Sprintf("%s %s", n.Name, orUnknown(n.Build())))
		}
	}
	if len(bad) > 0 {
		add(CheckOSBuild, CheckFailed, "a Windows node of an unsupported build",
			"%s: %d of %d Windows nodes run a build Kubernetes %s does not support (%s): %s", cl.Source, len(bad), len(win), minor, supportedList(ws), strings.Join(bad, ", "))
		return
	}
	add(CheckOSBuild, CheckOK, "", "%s: every Windows node runs a build Kubernetes %s supports: %s", cl.Source, minor, strings.Join(good, ", "))
}

// supportedList names the Windows Server releases of a Kubernetes release
// with their builds.
func supportedList(ws *spec.WindowsSupport) string {
	var out []string
	for _, sv := range ws.Servers {
		out = append(out, sv.Name+" "+sv.Build)
	}
	return strings.Join(out, ", ")
}

// distroCheck adds the node-os-distro check of one plugin or of the plain
// results.
func distroCheck(add func(name CheckName, status CheckStatus, short, format string, args ...any), what string, ds []Distro) {
	for _, d := range ds {
		if !strings.EqualFold(d.Value, "windows") {
			add(CheckNodeOSDistro, CheckFailed, "--node-os-distro="+d.Value, "%s ran with --node-os-distro=%s (%s)", what, d.Value, d.From)
			return
		}
	}
	if len(ds) == 0 {
		// Without the flag's value the run cannot count as a Windows run.
		add(CheckNodeOSDistro, CheckUnverified, "", "%s: no definition, log or skip message shows --node-os-distro", what)
		return
	}
	var from []string
	for _, d := range ds {
		from = append(from, d.From)
	}
	add(CheckNodeOSDistro, CheckOK, "", "%s ran with --node-os-distro=windows (%s)", what, strings.Join(from, "; "))
}

func orUnknown(s string) string {
	if s == "" {
		return "(build unknown)"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
