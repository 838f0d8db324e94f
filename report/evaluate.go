package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Verdicts of a requirement.
const (
	VerdictPass   = "pass"    // every required test passed
	VerdictFail   = "fail"    // a required test failed, timed out or errored
	VerdictNotRun = "not-run" // a required test is absent or skipped
	VerdictGap    = "gap"     // the specification maps no test to the requirement in the release
	VerdictNA     = "n.a."    // the requirement does not apply to the release
)

// Results of a profile.
const (
	ResultPass = "pass"
	ResultFail = "fail"
)

// Evidence levels of a profile, and statuses of one evidence check.
const (
	EvidenceVerified   = "verified"   // every check that applies holds
	EvidenceUnverified = "unverified" // no check failed, but some results have no node evidence
	EvidenceFailed     = "failed"     // a check failed: the profile cannot pass

	CheckOK         = "ok"
	CheckFailed     = "failed"
	CheckUnverified = "unverified"
	CheckNotChecked = "not-checked"
)

// StatusAbsent is the status of a required test that is not in the results.
const StatusAbsent = "absent"

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
	// AllowUnverified lets a required profile whose requirements all pass
	// but that has no node evidence count as passing in Report.OK.
	AllowUnverified bool
	// ReleaseNote says how the release was chosen; it is printed as is.
	ReleaseNote string
}

// Report is the evaluation of test results against a specification in one
// release.
type Report struct {
	Release     string `json:"release"`
	ReleaseNote string `json:"releaseNote,omitempty"`
	// Required are the profiles that decide OK.
	Required        []string `json:"required"`
	AllowUnverified bool     `json:"allowUnverified"`
	// OK reports whether every required profile passes with node evidence
	// (or, with AllowUnverified, without it).
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
	// Result is ResultPass only when every requirement of the profile
	// that applies passes, at least one applies, and no evidence check
	// failed.
	Result string `json:"result"`
	// Evidence is one of the Evidence constants.
	Evidence string `json:"evidence"`
	Counts   Counts `json:"counts"`
	// Reasons say why the profile fails, or why it is unverified.
	Reasons []string `json:"reasons,omitempty"`
	// Checks are the evidence checks, in order.
	Checks []Check `json:"checks"`
}

// Counts are the number of requirements with each verdict.
type Counts struct {
	Pass   int `json:"pass"`
	Fail   int `json:"fail"`
	NotRun int `json:"notRun"`
	Gap    int `json:"gap"`
	NA     int `json:"na"`
	// Partial counts the passing requirements whose tests cover them only
	// in part.
	Partial int `json:"partial"`
}

// Check is one evidence check against false positives.
type Check struct {
	// Name is "windows-nodes", "os-build", "node-os-distro" or
	// "node-evidence".
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"`

	short string // the failure in a few words, for the profile's reasons
}

// RequirementResult is the verdict on one requirement.
type RequirementResult struct {
	ID      string `json:"id"`
	Profile string `json:"profile"`
	Title   string `json:"title"`
	Verdict string `json:"verdict"`
	// Coverage is the requirement's coverage in the release (see
	// mapping.Coverage*).
	Coverage string `json:"coverage"`
	// Detail says why, in one line.
	Detail string `json:"detail"`
	// Gap is the specification's gap reason, if it records one.
	Gap string `json:"gap,omitempty"`
	// Tests are the required tests, sorted by text.
	Tests []TestResult `json:"tests"`
}

// TestResult is one required test of a requirement, and its outcome.
type TestResult struct {
	Text string `json:"text"`
	// Coverage is the strongest coverage the references that select the
	// test claim: full or partial.
	Coverage string `json:"coverage"`
	// Status is a testcase status, or StatusAbsent.
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
	// Occurrences is the number of testcases of the test in the results.
	Occurrences int `json:"occurrences"`
	// Sources are the files the testcases come from, in input order.
	Sources []string `json:"sources,omitempty"`
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
	Status string `json:"status"`
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
	status, message string
	occurrences     int
	sources         []string
}

// rank orders statuses for combining duplicates: a failure anywhere wins,
// then a pass anywhere, then a skip; absent is lowest.
func rank(status string) int {
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
		Required:        slices.Clone(required),
		AllowUnverified: opts.AllowUnverified,
		Clusters:        results.Clusters,
		Inputs:          results.Inputs,
		Warnings:        slices.Clone(results.Warnings),
	}
	if rep.Clusters == nil {
		rep.Clusters = []*Cluster{}
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

	// Profile verdicts.
	hints := distroHints(results.Cases)
	rep.OK = true
	for _, id := range profiles {
		p := res.Spec.Profile(id)
		pr := &ProfileResult{ID: p.ID, Title: p.Title, Required: slices.Contains(required, p.ID)}
		for _, r := range byProfile[id] {
			switch r.Verdict {
			case VerdictPass:
				pr.Counts.Pass++
				if r.Coverage == mapping.CoveragePartial {
					pr.Counts.Partial++
				}
			case VerdictFail:
				pr.Counts.Fail++
			case VerdictNotRun:
				pr.Counts.NotRun++
			case VerdictGap:
				pr.Counts.Gap++
			case VerdictNA:
				pr.Counts.NA++
			}
		}
		pr.Checks = checks(results, p, hints)
		pr.Evidence = EvidenceVerified
		for _, c := range pr.Checks {
			switch {
			case c.Status == CheckFailed:
				pr.Evidence = EvidenceFailed
			case c.Status == CheckUnverified && pr.Evidence == EvidenceVerified:
				pr.Evidence = EvidenceUnverified
			}
		}
		c := pr.Counts
		var counts []string
		for _, n := range []struct {
			n    int
			what string
		}{{c.Fail, "failed"}, {c.NotRun, "not run"}, {c.Gap, gaps(c.Gap)}} {
			if n.n > 0 {
				counts = append(counts, fmt.Sprintf("%d %s", n.n, n.what))
			}
		}
		if len(counts) > 0 {
			pr.Reasons = append(pr.Reasons, strings.Join(counts, ", "))
		}
		if c.Pass+c.Fail+c.NotRun+c.Gap == 0 {
			pr.Reasons = append(pr.Reasons, fmt.Sprintf("no requirement of the profile applies to %s", release))
		}
		var evidence []string
		for _, ch := range pr.Checks {
			if ch.Status == CheckFailed && !slices.Contains(evidence, ch.short) {
				evidence = append(evidence, ch.short)
			}
		}
		if len(evidence) > 0 {
			pr.Reasons = append(pr.Reasons, "evidence: "+strings.Join(evidence, ", "))
		}
		pr.Result = ResultPass
		if len(pr.Reasons) > 0 {
			pr.Result = ResultFail
		}
		if pr.Evidence == EvidenceUnverified {
			pr.Reasons = append(pr.Reasons, pr.unverified())
		}
		if pr.Required && (pr.Result != ResultPass || (pr.Evidence != EvidenceVerified && !opts.AllowUnverified)) {
			rep.OK = false
		}
		rep.Profiles = append(rep.Profiles, pr)
	}
	if rep.Warnings == nil {
		rep.Warnings = []string{}
	}
	return rep, nil
}

func gaps(n int) string {
	if n == 1 {
		return "gap"
	}
	return "gaps"
}

// unverified says what evidence the profile lacks: node evidence, or only
// the --node-os-distro of the run.
func (p *ProfileResult) unverified() string {
	for _, c := range p.Checks {
		if c.Status == CheckUnverified && c.Name != "node-os-distro" {
			return Unverified
		}
	}
	return UnverifiedDistro
}

// Summary is the profile's verdict in a few words: "Pass", "Pass
// (unverified: no node evidence)", or "Fail: " and the reasons.
func (p *ProfileResult) Summary() string {
	switch {
	case p.Result == ResultPass:
		var notes []string
		if p.Evidence != EvidenceVerified {
			notes = append(notes, p.unverified())
		}
		if n := p.Counts.Partial; n > 0 {
			notes = append(notes, fmt.Sprintf("%d of %d requirements covered only in part", n, p.Counts.Pass))
		}
		if len(notes) == 0 {
			return "Pass"
		}
		return "Pass (" + strings.Join(notes, "; ") + ")"
	}
	return "Fail: " + strings.Join(p.Reasons, "; ")
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
		if in.Coverage == mapping.CoveragePartial {
			out.Detail += "; they cover the requirement only in part"
			if r.Gap != nil {
				out.Detail += ": " + r.Gap.Reason
			}
		}
	}
	return out
}

// distroMessage matches the skip messages of the e2e framework's
// SkipUnlessNodeOSDistroIs and SkipIfNodeOSDistroIs, which end with the
// --node-os-distro the run used: "Only supported for node OS distro
// [windows] (not debian)", "Not supported for node OS distro [windows] (is
// windows)".
var distroMessage = regexp.MustCompile(`node OS distro \[[^\]]*\] \((?:not|is) ([^)\s]+)\)`)

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
		m := distroMessage.FindStringSubmatch(c.Message)
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

// checks runs the evidence checks for a profile: every Sonobuoy input must
// show a Windows node, a Windows node of an accepted build, and (where a
// plugin's configuration, logs or skip messages show it) a run with
// --node-os-distro=windows; plain inputs have no node evidence.
func checks(results *Results, p *spec.Profile, hints []hint) []Check {
	var out []Check
	add := func(name, status, short, format string, args ...any) {
		out = append(out, Check{Name: name, Status: status, Detail: fmt.Sprintf(format, args...), short: short})
	}
	for _, cl := range results.Clusters {
		win := cl.windowsNodes()
		switch {
		case cl.NodesFile == "":
			add("windows-nodes", CheckUnverified, "", "%s: no nodes file (%s), so no node evidence", cl.Source, nodesFiles[0])
		case len(win) == 0:
			add("windows-nodes", CheckFailed, "no Windows node", "%s: no Windows node among %d nodes", cl.Source, len(cl.Nodes))
		default:
			add("windows-nodes", CheckOK, "", "%s: %d Windows node%s of %d", cl.Source, len(win), plural(len(win)), len(cl.Nodes))
		}
		if len(win) > 0 {
			var accepted, builds []string
			for _, n := range win {
				if rel := acceptedRelease(n.Build(), p.Rules.OSBuilds); rel != "" {
					accepted = append(accepted, fmt.Sprintf("%s %s (%s)", n.Name, n.Build(), rel))
				} else {
					builds = append(builds, fmt.Sprintf("%s %s", n.Name, orUnknown(n.Build())))
				}
			}
			switch {
			case len(p.Rules.OSBuilds) == 0:
				add("os-build", CheckNotChecked, "", "%s: the profile lists no accepted Windows builds", cl.Source)
			case len(accepted) == 0:
				add("os-build", CheckFailed, "no Windows node of an accepted build", "%s: no Windows node runs an accepted build (%s): %s", cl.Source, acceptedList(p.Rules.OSBuilds), strings.Join(builds, ", "))
			default:
				add("os-build", CheckOK, "", "%s: accepted build on %s", cl.Source, strings.Join(accepted, ", "))
			}
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
			distroCheck(add, cl.Source+": plugin "+pl.Name, ds)
		}
	}
	var plain []string
	for _, in := range results.Inputs {
		if in.Kind != KindSonobuoy && in.Testcases > 0 {
			plain = append(plain, in.Path)
		}
	}
	if len(plain) > 0 {
		add("node-evidence", CheckUnverified, "", "no node evidence in plain JUnit or Ginkgo JSON: %s", strings.Join(plain, ", "))
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
		add("node-evidence", CheckUnverified, "", "no test results")
	}
	return out
}

// distroCheck adds the node-os-distro check of one plugin or of the plain
// results.
func distroCheck(add func(name, status, short, format string, args ...any), what string, ds []Distro) {
	for _, d := range ds {
		if !strings.EqualFold(d.Value, "windows") {
			add("node-os-distro", CheckFailed, "--node-os-distro="+d.Value, "%s ran with --node-os-distro=%s (%s)", what, d.Value, d.From)
			return
		}
	}
	if len(ds) == 0 {
		// Without the flag's value the run cannot count as a Windows run.
		add("node-os-distro", CheckUnverified, "", "%s: no definition, log or skip message shows --node-os-distro", what)
		return
	}
	var from []string
	for _, d := range ds {
		from = append(from, d.From)
	}
	add("node-os-distro", CheckOK, "", "%s ran with --node-os-distro=windows (%s)", what, strings.Join(from, "; "))
}

// acceptedRelease returns the Windows Server release whose build prefix
// the build has, or "".
func acceptedRelease(build string, builds []spec.OSBuild) string {
	for _, b := range builds {
		if BuildAccepted(build, b.Build) {
			return b.Release
		}
	}
	return ""
}

func acceptedList(builds []spec.OSBuild) string {
	var out []string
	for _, b := range builds {
		out = append(out, b.Build)
	}
	return strings.Join(out, ", ")
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
