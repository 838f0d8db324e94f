package compiler

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"cuelang.org/go/cue/token"

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
)

// Finding is one result of Check.
type Finding struct {
	Code        string    `json:"code"`
	Severity    Severity  `json:"severity"`
	Requirement string    `json:"requirement"`
	Pos         token.Pos `json:"-"`
	// Releases lists the releases the finding holds in, when it depends on
	// the release.
	Releases []string `json:"releases,omitempty"`
	// Spec is the full text of the e2e spec concerned, if any.
	Spec string `json:"spec,omitempty"`
	// Images lists the images outside the profile's allowed ones (image).
	Images  []string `json:"images,omitempty"`
	Message string   `json:"message"`
}

// File, Line and Column give the finding's position for JSON output.
func (f Finding) File() string { return f.Pos.Filename() }

// CheckOptions tune Check.
type CheckOptions struct {
	// BroadMatch is the number of specs above which a match or labels
	// reference is reported as broad. Zero means DefaultBroadMatch.
	BroadMatch int
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
			switch {
			case len(r.Tests) == 0:
				add(Finding{Code: CodeUncovered, Severity: Error, Requirement: r.ID, Pos: r.Pos, Releases: none,
					Message: "requirement of the gating profile " + r.Profile + " has no test and no gap"})
			case len(none) > 0:
				add(Finding{Code: CodeUncovered, Severity: Error, Requirement: r.ID, Pos: r.Pos, Releases: none,
					Message: "requirement of the gating profile " + r.Profile + " has no test in " + strings.Join(none, ", ") + " and no gap"})
			}
		}
		for i := range r.Tests {
			t := &r.Tests[i]
			if r.Suspect(t) {
				msg := "test reference not reviewed against the current statement (reviewed: " + orNone(t.Reviewed) + ", statement hash " + r.StatementHash() + "); review it, then run wincspec check --fix-hashes"
				pos := t.Pos
				if t.ReviewedPos.IsValid() {
					pos = t.ReviewedPos
				}
				add(Finding{Code: CodeSuspect, Severity: Warning, Requirement: r.ID, Pos: pos, Message: msg})
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
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename(), b.Pos.Filename()),
			cmp.Compare(a.Pos.Line(), b.Pos.Line()),
			cmp.Compare(a.Pos.Column(), b.Pos.Column()),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Spec, b.Spec),
		)
	})
	return out
}

// specFindings reports, once per spec a reference selects, the findings
// that depend on the spec: LinuxOnly tags, images and execution tags.
func specFindings(r *spec.Requirement, p *spec.Profile, i int, releases []*mapping.InRelease) []Finding {
	t := &r.Tests[i]
	type seen struct {
		spec     *mapping.Spec
		releases []string
	}
	var specs []*seen
	byText := map[string]*seen{}
	for _, in := range releases {
		rm := in.Refs[i]
		if !rm.Applies {
			continue
		}
		for _, s := range rm.Specs {
			e := byText[s.Text]
			if e == nil {
				e = &seen{spec: s}
				byText[s.Text] = e
				specs = append(specs, e)
			}
			e.releases = append(e.releases, in.Inventory.Release())
		}
	}
	var out []Finding
	for _, e := range specs {
		s := e.spec
		base := Finding{Requirement: r.ID, Pos: t.Pos, Spec: s.Text, Releases: e.releases}
		if s.HasTag("[LinuxOnly]") {
			f := base
			f.Code, f.Severity = CodeLinuxOnly, Error
			f.Message = "mapped test is tagged [LinuxOnly]: " + s.Text
			out = append(out, f)
		}
		if p != nil {
			if extra := disallowedImages(s, p.Rules.AllowedImages); len(extra) > 0 {
				f := base
				f.Code, f.Severity, f.Images = CodeImage, Warning, extra
				f.Message = fmt.Sprintf("mapped test uses %s, outside the %s profile's allowed images (%s): %s",
					strings.Join(extra, ", "), p.ID, strings.Join(p.Rules.AllowedImages, ", "), s.Text)
				out = append(out, f)
			}
		}
		if tags := ExecutionTags(s); len(tags) > 0 {
			f := base
			f.Code, f.Severity = CodeExecution, Info
			f.Message = fmt.Sprintf("mapped test is %s: %s", strings.Join(tags, " "), s.Text)
			out = append(out, f)
		}
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

func disallowedImages(s *mapping.Spec, allowed []string) []string {
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

// Count returns the number of findings of each severity.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
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
		if f.Severity >= threshold {
			return true
		}
	}
	return false
}
