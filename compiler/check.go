package compiler

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Severity ranks findings.
type Severity int

// Severities, in increasing order.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// MarshalText makes a severity print as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("invalid severity %q: want error, warning or info", s)
}

// Finding codes.
const (
	CodeDangling   = "dangling"
	CodeUncovered  = "uncovered"
	CodeLinuxOnly  = "linux-only"
	CodeImage      = "image"
	CodeBroadMatch = "broad-match"
	CodeSuspect    = "suspect"
	CodeExecution  = "execution"
	CodeDeadTest   = "dead-test"
	CodeSkip       = "skip"
	CodeUnpinned   = "unpinned"
	CodePodOS      = "pod-os"
	// CodeNoRelease is a test reference whose releases match no release.
	CodeNoRelease = "no-release"
	// CodeWaiver is a waiver that has expired or matches no finding.
	CodeWaiver = "waiver"
	// CodeSpec is a specification that does not load: malformed CUE, a
	// schema violation, or a rule the schema cannot express.
	CodeSpec = "spec"
)

// Waivable lists the finding codes a waiver may name; spec/schema.cue's
// #Waiver.finding must list the same (TestWaivableMatchesSchema). Spec
// errors and findings about waivers themselves cannot be waived.
var Waivable = []string{CodeDangling, CodeUncovered, CodeLinuxOnly, CodeImage, CodeBroadMatch, CodeSuspect, CodeExecution, CodeDeadTest, CodeSkip, CodeUnpinned, CodePodOS, CodeNoRelease}

// SpecFindings turns the errors of a specification that does not load into
// error findings at the same positions, for the JSON and GitHub formats.
func SpecFindings(errs spec.Errors) []Finding {
	out := []Finding{}
	for _, e := range errs {
		f := Finding{Code: CodeSpec, Severity: Error, Pos: e.Pos, Message: e.Message}
		if e.Field != "" {
			f.Message = e.Field + ": " + e.Message
		}
		f.Requirement = e.DeclID()
		out = append(out, f)
	}
	return out
}

// Finding is one result of Check.
type Finding struct {
	Code        string   `json:"code"`
	Severity    Severity `json:"severity"`
	Requirement string   `json:"requirement"`
	Pos         spec.Pos `json:"-"`
	// Releases lists the releases the finding holds in, when it depends on
	// the release.
	Releases []string `json:"releases,omitempty"`
	// Spec is the full text of the e2e spec concerned, if any.
	Spec string `json:"spec,omitempty"`
	// Images lists the images outside the profile's allowed ones (image).
	Images  []string `json:"images,omitempty"`
	Message string   `json:"message"`
	// Waiver is the ID of the waiver that acknowledges the finding, if
	// one does: the finding is counted, not printed, and fails nothing.
	Waiver string `json:"waiver,omitempty"`
}

// File, Line and Column give the finding's position for JSON output.
func (f Finding) File() string { return f.Pos.File }

// CheckOptions tune Check.
type CheckOptions struct {
	// BroadMatch is the number of specs above which a match or labels
	// reference is reported as broad. Zero means DefaultBroadMatch.
	BroadMatch int
	// Today is the date (YYYY-MM-DD) waivers expire against; empty checks
	// no expiry.
	Today string
	// SpecDir is the specification directory the hints name (--spec);
	// empty for the embedded specification.
	SpecDir string
	// AllReleases reports that the resolution holds every release there
	// is, so that a reference whose releases match none of them is stale.
	AllReleases bool
}

// DefaultBroadMatch is the default BroadMatch threshold.
const DefaultBroadMatch = 25

// Check runs the coverage and mapping checks over a resolution. Findings are
// sorted by position, then code.
func Check(res *mapping.Resolution, o CheckOptions) []Finding {
	if o.BroadMatch == 0 {
		o.BroadMatch = DefaultBroadMatch
	}
	var out []Finding
	add := func(f Finding) { out = append(out, f) }
	for _, rr := range res.Requirements {
		r := rr.Requirement
		p := res.Spec.Profile(r.Profile)
		if p != nil && p.Gating && r.Gap == nil {
			// Uncovered where it applies: no test reference applies to the
			// release (one that applies and matches nothing is dangling),
			// and no gap explains why.
			var none []string
			for _, in := range rr.Releases {
				applies := false
				for _, rm := range in.Refs {
					applies = applies || rm.Applies
				}
				if in.Applies && !applies {
					none = append(none, in.Inventory.Release())
				}
			}
			// A linked requirement's tests and gap are those of the
			// default edition's requirement: say where to add them.
			linked := ""
			if r.SameAs != "" {
				linked = " (its tests and gap are those of " + r.SameAs + ", in the " + spec.DefaultEdition + " edition)"
			}
			switch {
			case len(r.Tests) == 0:
				add(Finding{Code: CodeUncovered, Severity: Error, Requirement: r.ID, Pos: r.Pos, Releases: none,
					Message: "requirement of the gating profile " + r.Profile + " has no test and no gap" + linked})
			case len(none) > 0:
				add(Finding{Code: CodeUncovered, Severity: Error, Requirement: r.ID, Pos: r.Pos, Releases: none,
					Message: "requirement of the gating profile " + r.Profile + " has no test in " + strings.Join(none, ", ") + " and no gap" + linked})
			}
		}
		for i := range r.Tests {
			t := &r.Tests[i]
			if r.Suspect(t) {
				dir := o.SpecDir
				if dir == "" {
					dir = "spec"
				}
				msg := "test reference not reviewed against the current statement (reviewed: " + orNone(t.Reviewed) + ", statement hash " + r.StatementHash() + "); review it, then run wincspec check --spec " + dir + EditionFlag(res.Spec.Edition) + " --fix-hashes"
				pos := t.Pos
				if t.ReviewedPos.IsValid() {
					pos = t.ReviewedPos
				}
				add(Finding{Code: CodeSuspect, Severity: Warning, Requirement: r.ID, Pos: pos, Message: msg})
			}
			if o.AllReleases && t.Releases != "" {
				applies := false
				for _, in := range rr.Releases {
					applies = applies || in.Refs[i].Applies
				}
				if !applies {
					var names []string
					for _, in := range rr.Releases {
						names = append(names, in.Inventory.Release())
					}
					add(Finding{Code: CodeNoRelease, Severity: Warning, Requirement: r.ID, Pos: t.Pos,
						Message: fmt.Sprintf("test reference releases %q match none of the inventories (%s): it is never checked or selected", t.Releases, strings.Join(names, ", "))})
				}
			}
			var dangling []string
			broad := 0
			for _, in := range rr.Releases {
				rm := in.Refs[i]
				if !rm.Applies {
					continue
				}
				if len(rm.Specs) == 0 {
					dangling = append(dangling, in.Inventory.Release())
				}
				broad = max(broad, len(rm.Specs))
			}
			if len(dangling) > 0 {
				add(Finding{Code: CodeDangling, Severity: Error, Requirement: r.ID, Pos: t.Pos, Releases: dangling,
					Message: fmt.Sprintf("%s %q matches no spec in %s", t.Kind(), t.Selector(), strings.Join(dangling, ", "))})
			}
			if t.Name == "" && broad > o.BroadMatch {
				add(Finding{Code: CodeBroadMatch, Severity: Warning, Requirement: r.ID, Pos: t.Pos,
					Message: fmt.Sprintf("%s %q selects %d specs (more than %d)", t.Kind(), t.Selector(), broad, o.BroadMatch)})
			}
			out = append(out, specFindings(r, p, i, rr.Releases)...)
		}
		out = append(out, placementFindings(rr)...)
	}
	out = append(out, podOSFindings(res)...)
	out = applyWaivers(res, out, o.Today)
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(
			a.Pos.Compare(b.Pos),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Spec, b.Spec),
		)
	})
	return out
}

// specFindings reports the findings that depend on the specs a reference
// selects: LinuxOnly tags, images, execution tags and, where the inventory
// has static facts, skips and placement. Each spec is judged in every
// release with that release's facts; findings that read the same in
// several releases are reported once, listing them.
func specFindings(r *spec.Requirement, p *spec.Profile, i int, releases []*mapping.InRelease) []Finding {
	t := &r.Tests[i]
	var out []Finding
	index := map[string]int{}
	add := func(f Finding, release string) {
		key := f.Code + "\x00" + f.Spec + "\x00" + f.Message
		if j, ok := index[key]; ok {
			out[j].Releases = append(out[j].Releases, release)
			return
		}
		f.Releases = []string{release}
		index[key] = len(out)
		out = append(out, f)
	}
	for _, in := range releases {
		rm := in.Refs[i]
		if !rm.Applies {
			continue
		}
		rel := in.Inventory.Release()
		for _, s := range rm.Specs {
			base := Finding{Requirement: r.ID, Pos: t.Pos, Spec: s.Text}
			if s.HasTag("[LinuxOnly]") {
				f := base
				f.Code, f.Severity = CodeLinuxOnly, Error
				f.Message = "mapped test is tagged [LinuxOnly]: " + s.Text
				add(f, rel)
			}
			if p != nil {
				if extra := DisallowedImages(s, p.Rules.AllowedImages); len(extra) > 0 {
					f := base
					f.Code, f.Severity, f.Images = CodeImage, Warning, extra
					f.Message = fmt.Sprintf("mapped test uses %s, outside the %s profile's allowed images (%s): %s",
						strings.Join(extra, ", "), p.ID, strings.Join(p.Rules.AllowedImages, ", "), s.Text)
					add(f, rel)
				}
			}
			if tags := ExecutionTags(s); len(tags) > 0 {
				f := base
				f.Code, f.Severity = CodeExecution, Info
				f.Message = fmt.Sprintf("mapped test is %s: %s", strings.Join(tags, " "), s.Text)
				add(f, rel)
			}
			for _, f := range skipFindings(base, s) {
				add(f, rel)
			}
			if s.Placement != nil && s.Placement.OS == inventory.PlacementNone && t.Coverage == "full" && t.Unpinned == "" {
				f := base
				f.Code, f.Severity = CodeUnpinned, Warning
				f.Message = "full coverage from a test that pins no pod to Windows nodes needs a reason (unpinned: ...): a pass may come from Linux nodes: " + s.Text
				add(f, rel)
			}
		}
	}
	return out
}

// RunProviders are the --provider values under which a generated run can
// take place: e2e.test's default, skeleton, and local.
var RunProviders = []string{"skeleton", "local"}

// skipFindings judges the skip calls a spec may reach: one that is always
// reached makes the test dead (an error); one that skips unless the
// provider is a cloud's, or unless the node OS distro is not Windows,
// skips in a generated run (a warning).
func skipFindings(base Finding, s *mapping.Spec) []Finding {
	var out []Finding
	for _, sk := range s.Skips {
		f := base
		switch {
		case sk.Kind == inventory.SkipAlways:
			f.Code, f.Severity = CodeDeadTest, Error
			f.Message = fmt.Sprintf("mapped test always skips (%s at %s): it can never pass: %s", sk.Func, sk.Location(), s.Text)
		case sk.Conditional:
			continue
		case sk.Kind == inventory.SkipProvider && strings.Contains(sk.Func, "SkipUnless") && len(sk.Args) > 0 && !anyIn(sk.Args, RunProviders):
			f.Code, f.Severity = CodeSkip, Warning
			f.Message = fmt.Sprintf("mapped test skips unless --provider is %s (%s at %s): %s", strings.Join(sk.Args, " or "), sk.Func, sk.Location(), s.Text)
		case sk.Kind == inventory.SkipNodeOSDistro && strings.Contains(sk.Func, "SkipUnless") && len(sk.Args) > 0 && !anyIn(sk.Args, []string{"windows"}):
			f.Code, f.Severity = CodeSkip, Warning
			f.Message = fmt.Sprintf("mapped test skips unless --node-os-distro is %s, and Windows runs pass windows (%s at %s): %s", strings.Join(sk.Args, " or "), sk.Func, sk.Location(), s.Text)
		case sk.Kind == inventory.SkipNodeOSDistro && strings.Contains(sk.Func, "SkipIf") && anyIn(sk.Args, []string{"windows"}):
			f.Code, f.Severity = CodeSkip, Warning
			f.Message = fmt.Sprintf("mapped test skips when --node-os-distro is windows (%s at %s): %s", sk.Func, sk.Location(), s.Text)
		default:
			continue
		}
		out = append(out, f)
	}
	return out
}

func anyIn(vals, set []string) bool {
	for _, v := range vals {
		if slices.Contains(set, v) {
			return true
		}
	}
	return false
}

// placementFindings reports, per requirement, the releases in which no
// test it maps pins a pod to Windows nodes: a pass may come from Linux
// nodes.
func placementFindings(rr *mapping.Resolved) []Finding {
	r := rr.Requirement
	var releases []string
	for _, in := range rr.Releases {
		if !in.Applies || len(in.Specs) == 0 {
			continue
		}
		known, pinned := 0, 0
		for _, s := range in.Specs {
			if s.Placement == nil {
				continue
			}
			known++
			if s.Placement.PinnedToWindows() {
				pinned++
			}
		}
		if known == len(in.Specs) && pinned == 0 {
			releases = append(releases, in.Inventory.Release())
		}
	}
	if len(releases) == 0 {
		return nil
	}
	return []Finding{{Code: CodeUnpinned, Severity: Warning, Requirement: r.ID, Pos: r.Pos, Releases: releases,
		Message: "no mapped test pins a pod to Windows nodes: a pass may come from Linux nodes"}}
}

// podOSFindings checks CORE-RULE-03 (Pod.OS as the only scheduling
// directive) against the placement facts: one summary per release of how
// the mapped tests that pin pods to Windows do it.
func podOSFindings(res *mapping.Resolution) []Finding {
	rule := res.Spec.Rule("CORE-RULE-03")
	if rule == nil {
		return nil
	}
	var out []Finding
	for i, inv := range res.Inventories {
		seen := map[*mapping.Spec]bool{}
		var pinned, podOS, known, total int
		for _, rr := range res.Requirements {
			for _, s := range rr.Releases[i].Specs {
				if seen[s] {
					continue
				}
				seen[s] = true
				total++
				if s.Placement == nil {
					continue
				}
				known++
				if s.Placement.PinnedToWindows() {
					pinned++
					if s.Placement.PodOS {
						podOS++
					}
				}
			}
		}
		if known == 0 {
			continue
		}
		out = append(out, Finding{Code: CodePodOS, Severity: Info, Requirement: rule.ID, Pos: rule.Pos, Releases: []string{inv.Release()},
			Message: fmt.Sprintf("%d of %d mapped tests that pin pods to Windows set spec.os; the others use a kubernetes.io/os node selector or affinity (%d mapped tests, %d pin nothing)",
				podOS, pinned, total, known-pinned)})
	}
	return out
}

// ExecutionTags returns the tags of a spec that shape how it must be run:
// [Serial], [Slow] and [Disruptive]; feature gates ([Alpha], [Beta],
// [Feature:OffByDefault], [FeatureGate:...]); and [Excluded:...].
func ExecutionTags(s *mapping.Spec) []string {
	var out []string
	for _, t := range s.Tags {
		switch {
		case t == "[Serial]", t == "[Slow]", t == "[Disruptive]",
			t == "[Alpha]", t == "[Beta]", t == "[Feature:OffByDefault]",
			strings.HasPrefix(t, "[FeatureGate:"), strings.HasPrefix(t, "[Excluded:"):
			out = append(out, t)
		}
	}
	return out
}

// DisallowedImages returns the images a spec uses that are not in allowed.
func DisallowedImages(s *mapping.Spec, allowed []string) []string {
	var out []string
	for _, im := range s.Images.All() {
		if !slices.Contains(allowed, im) {
			out = append(out, im)
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Count returns the number of findings of each severity, waived ones left
// out.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		if f.Waiver != "" {
			continue
		}
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}

// Fails reports whether any finding is at least as severe as threshold.
func Fails(fs []Finding, threshold Severity) bool {
	for _, f := range fs {
		if f.Waiver == "" && f.Severity >= threshold {
			return true
		}
	}
	return false
}
