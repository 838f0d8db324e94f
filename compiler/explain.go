package compiler

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Explanation is everything known about one requirement: its record and,
// per release, the exact tests that verify it.
type Explanation struct {
	Requirement *spec.Requirement `json:"requirement"`
	Releases    []ExplainRelease  `json:"releases"`
}

// ExplainRelease is a requirement in one release.
type ExplainRelease struct {
	Release  string           `json:"release"`
	Applies  bool             `json:"applies"`
	Coverage mapping.Coverage `json:"coverage"`
	Tests    []ExplainTest    `json:"tests"`
	// Dangling lists the references that apply and match nothing.
	Dangling []string `json:"dangling,omitempty"`
}

// ExplainTest is one e2e spec selected for a requirement.
type ExplainTest struct {
	Text     string         `json:"text"`
	Location string         `json:"location,omitempty"`
	Labels   []string       `json:"labels,omitempty"`
	Images   mapping.Images `json:"images,omitzero"`
	// Placement, Skips and Namespaces are the spec's static facts, when
	// the inventory has them.
	Placement  *mapping.Placement `json:"placement,omitempty"`
	Skips      []mapping.Skip     `json:"skips,omitempty"`
	Namespaces []string           `json:"namespaces,omitempty"`
	Coverage   mapping.Coverage   `json:"coverage"`
	Why        []string           `json:"why"`
}

// Explain returns the explanation of the requirement id (in any case), or
// nil.
func Explain(res *mapping.Resolution, id string) *Explanation {
	rr := res.Requirement(strings.ToUpper(id))
	if rr == nil {
		return nil
	}
	e := &Explanation{Requirement: rr.Requirement}
	for _, in := range rr.Releases {
		er := ExplainRelease{Release: in.Inventory.Release(), Applies: in.Applies, Coverage: in.Coverage, Tests: []ExplainTest{}}
		byText := map[string]bool{}
		for _, rm := range in.Refs {
			if !rm.Applies {
				continue
			}
			if len(rm.Specs) == 0 {
				er.Dangling = append(er.Dangling, rm.Ref.Kind()+" "+fmt.Sprintf("%q", rm.Ref.Selector()))
			}
			for _, s := range rm.Specs {
				if byText[s.Text] {
					continue
				}
				byText[s.Text] = true
				cov, why := in.SpecCoverage(s)
				er.Tests = append(er.Tests, ExplainTest{Text: s.Text, Location: s.Location(), Labels: s.Labels, Images: s.Images,
					Placement: s.Placement, Skips: s.Skips, Namespaces: s.Namespaces, Coverage: cov, Why: why})
			}
		}
		e.Releases = append(e.Releases, er)
	}
	return e
}

// WriteText prints the explanation for a terminal.
func (e *Explanation) WriteText(w io.Writer) error {
	r := e.Requirement
	fmt.Fprintf(w, "%s  %s\n", r.ID, r.Title)
	fmt.Fprintf(w, "profile %s, category %s, since %s", r.Profile, r.Category, r.Since)
	if r.Until != "" {
		fmt.Fprintf(w, ", until %s", r.Until)
	}
	fmt.Fprintf(w, "; declared at %s\n\n", r.Pos)
	fmt.Fprintf(w, "%s\n\n", r.Statement)
	src := fmt.Sprintf("KEP section %q, bullet %d", r.Source.Section, r.Source.Bullet)
	if r.Source.KEPText != "" {
		src += fmt.Sprintf(": %q", r.Source.KEPText)
	}
	fmt.Fprintf(w, "Source: %s\n", src)
	if r.Gap != nil {
		fmt.Fprintf(w, "Gap: %s\n", r.Gap.Reason)
		if r.Gap.Tracking != "" {
			fmt.Fprintf(w, "Tracking: %s\n", r.Gap.Tracking)
		}
	}
	if r.Notes != "" {
		fmt.Fprintf(w, "Notes: %s\n", r.Notes)
	}
	for _, er := range e.Releases {
		fmt.Fprintf(w, "\n%s: %s\n", er.Release, er.Coverage)
		if !er.Applies {
			continue
		}
		for _, t := range er.Tests {
			fmt.Fprintf(w, "  [%s] %s\n", t.Coverage, t.Text)
			if t.Location != "" {
				fmt.Fprintf(w, "      at %s\n", t.Location)
			}
			if len(t.Labels) > 0 {
				fmt.Fprintf(w, "      labels: %s\n", strings.Join(t.Labels, ", "))
			}
			fmt.Fprintf(w, "      images: %s\n", imagesText(t.Images))
			if t.Placement != nil {
				fmt.Fprintf(w, "      placement: %s\n", PlacementText(t.Placement))
				fmt.Fprintf(w, "      skips: %s\n", SkipsText(t.Skips))
				if len(t.Namespaces) > 0 {
					fmt.Fprintf(w, "      namespaces: %s\n", strings.Join(t.Namespaces, ", "))
				}
			}
			for _, why := range t.Why {
				fmt.Fprintf(w, "      why: %s\n", why)
			}
		}
		for _, d := range er.Dangling {
			fmt.Fprintf(w, "  [dangling] %s matches nothing\n", d)
		}
	}
	return nil
}

func imagesText(im mapping.Images) string {
	var parts []string
	for _, d := range im.Direct {
		parts = append(parts, d+" (direct)")
	}
	for _, r := range im.Reachable {
		parts = append(parts, r+" (reachable)")
	}
	if len(parts) == 0 {
		return "none found"
	}
	return strings.Join(parts, ", ")
}

// Trace is the answer to "which requirements does this test serve?".
type Trace struct {
	Text string `json:"text"`
	// Releases are the releases whose inventory holds the spec.
	Releases []TraceRelease `json:"releases"`
}

// TraceRelease lists the requirements a spec serves in one release.
type TraceRelease struct {
	Release      string        `json:"release"`
	Requirements []TraceTarget `json:"requirements"`
}

// TraceTarget is one requirement a spec serves, at the coverage its
// references give it.
type TraceTarget struct {
	ID       string           `json:"id"`
	Profile  string           `json:"profile"`
	Coverage mapping.Coverage `json:"coverage"`
}

// TraceSpecs finds the specs whose full text equals query or, when none
// does, matches it as an RE2 pattern, in any release, and lists the
// requirements each serves. Specs are sorted by text.
func TraceSpecs(res *mapping.Resolution, query string) ([]Trace, error) {
	query = trimReportPrefixes(query)
	match := func(s *mapping.Spec) bool { return s.Text == query }
	exact := false
	for _, inv := range res.Inventories {
		if inv.Lookup(query) != nil {
			exact = true
		}
	}
	if !exact {
		literal := func(s *mapping.Spec) bool { return strings.Contains(s.Text, query) }
		re, err := regexp.Compile(query)
		switch {
		case err == nil && anySpec(res, func(s *mapping.Spec) bool { return re.MatchString(s.Text) }):
			match = func(s *mapping.Spec) bool { return re.MatchString(s.Text) }
		case anySpec(res, literal):
			// Spec texts are full of brackets: "[sig-windows] Hybrid"
			// is a character class as a pattern, and a text as typed.
			match = literal
		case err != nil:
			return nil, fmt.Errorf("%q is neither part of a spec's full text nor a valid RE2 pattern: %w", query, err)
		default:
			match = func(*mapping.Spec) bool { return false }
		}
	}
	byText := map[string]*Trace{}
	var order []string
	for i, inv := range res.Inventories {
		for _, s := range inv.Specs {
			if !match(s) {
				continue
			}
			tr := byText[s.Text]
			if tr == nil {
				tr = &Trace{Text: s.Text}
				byText[s.Text] = tr
				order = append(order, s.Text)
			}
			rel := TraceRelease{Release: inv.Release(), Requirements: []TraceTarget{}}
			for _, rr := range res.Requirements {
				if cov, _ := rr.Releases[i].SpecCoverage(s); cov != "" {
					rel.Requirements = append(rel.Requirements, TraceTarget{rr.Requirement.ID, rr.Requirement.Profile, cov})
				}
			}
			tr.Releases = append(tr.Releases, rel)
		}
	}
	slices.Sort(order)
	out := make([]Trace, 0, len(order))
	for _, t := range order {
		out = append(out, *byText[t])
	}
	return out, nil
}

// WriteTraces prints traces, grouping releases with the same answer.
func WriteTraces(w io.Writer, traces []Trace) {
	for i, tr := range traces {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, tr.Text)
		for j := 0; j < len(tr.Releases); {
			k := j
			key := targetsText(tr.Releases[j].Requirements)
			var rels []string
			for k < len(tr.Releases) && targetsText(tr.Releases[k].Requirements) == key {
				rels = append(rels, tr.Releases[k].Release)
				k++
			}
			fmt.Fprintf(w, "  %s: %s\n", strings.Join(rels, " "), key)
			j = k
		}
	}
}

func targetsText(ts []TraceTarget) string {
	if len(ts) == 0 {
		return "no requirement"
	}
	var parts []string
	for _, t := range ts {
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", t.ID, t.Profile, t.Coverage))
	}
	return strings.Join(parts, ", ")
}

// reportPrefixes are what test reports put before a spec's text: Ginkgo's
// suite description and its node type.
var reportPrefixes = []string{focus.SuiteDescription + " ", "[It] "}

// trimReportPrefixes removes the prefixes a name copied from a JUnit or
// Ginkgo report carries.
func trimReportPrefixes(q string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range reportPrefixes {
			if t, ok := strings.CutPrefix(q, p); ok {
				q, changed = t, true
			}
		}
	}
	return q
}

func anySpec(res *mapping.Resolution, match func(*mapping.Spec) bool) bool {
	for _, inv := range res.Inventories {
		if slices.ContainsFunc(inv.Specs, match) {
			return true
		}
	}
	return false
}

// PlacementText describes a spec's placement fact in a few words.
func PlacementText(p *mapping.Placement) string {
	if p == nil {
		return "unknown"
	}
	var s string
	switch p.OS {
	case inventory.PlacementWindows:
		s = "pinned to Windows"
	case inventory.PlacementLinux:
		s = "pinned to Linux"
	case inventory.PlacementBoth:
		s = "pods pinned to Windows and to Linux"
	default:
		s = "unpinned: its pods go wherever the scheduler puts them"
	}
	if p.PodOS {
		s += ", sets spec.os"
	}
	if len(p.Via) > 0 {
		s += " (" + strings.Join(p.Via, "; ") + ")"
	}
	return s
}

// SkipsText describes the skip calls a spec may reach.
func SkipsText(skips []mapping.Skip) string {
	if len(skips) == 0 {
		return "none"
	}
	var out []string
	for _, sk := range skips {
		s := sk.Kind + ": " + sk.Func
		if len(sk.Args) > 0 {
			s += "(" + strings.Join(sk.Args, ", ") + ")"
		}
		if sk.Conditional {
			s += " under a condition"
		}
		out = append(out, s+" at "+sk.Location())
	}
	return strings.Join(out, "; ")
}

// WriteRule prints a general rule of the specification for a terminal.
func WriteRule(w io.Writer, r *spec.Rule) error {
	fmt.Fprintf(w, "%s  %s\n", r.ID, r.Title)
	fmt.Fprintf(w, "general rule of profile %s; declared at %s\n\n", r.Profile, r.Pos)
	fmt.Fprintf(w, "%s\n\n", r.Statement)
	src := fmt.Sprintf("KEP section %q, %s", r.Source.Section, r.Source.Bullets())
	if r.Source.KEPText != "" {
		src += fmt.Sprintf(": %q", r.Source.KEPText)
	}
	_, err := fmt.Fprintf(w, "Source: %s\n", src)
	return err
}
