package mapping

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"sigs.k8s.io/wincspec/spec"
)

// Coverage is how far the tests of a requirement cover it in one release,
// or how far one test reference's specs do.
type Coverage string

// Coverage levels of a requirement in one release.
const (
	CoverageFull    Coverage = "full"    // a full-coverage reference matches at least one spec
	CoveragePartial Coverage = "partial" // only partial references match
	CoverageGap     Coverage = "gap"     // no spec matches, and the spec records a gap
	CoverageNone    Coverage = "none"    // no spec matches, and no gap is recorded
	CoverageNA      Coverage = "n.a."    // the requirement does not apply to the release
)

// Resolution is the result of resolving every test reference of a
// specification against a set of inventories: requirement × release → the
// exact set of specs.
type Resolution struct {
	Spec        *spec.Spec
	Inventories []*Inventory // oldest release first
	// Requirements are in the specification's order.
	Requirements []*Resolved
}

// Resolved is one requirement resolved in every release.
type Resolved struct {
	Requirement *spec.Requirement
	// Releases are parallel to Resolution.Inventories.
	Releases []*InRelease
}

// InRelease is a requirement in one release.
type InRelease struct {
	Inventory *Inventory
	// Applies is false when the release is outside the requirement's
	// since/until range.
	Applies bool
	// Refs are parallel to Requirement.Tests.
	Refs []RefMatch
	// Specs are the distinct specs selected by the references that apply,
	// sorted by text.
	Specs []*Spec
	// Coverage is one of the Coverage constants.
	Coverage Coverage
}

// RefMatch is one test reference in one release.
type RefMatch struct {
	Ref *spec.TestRef
	// Applies is false when the reference's releases constraint, or the
	// requirement's range, excludes the release.
	Applies bool
	// Specs are the specs it selects, sorted by text.
	Specs []*Spec
}

// SpecCoverage returns what the references that apply say of one of the
// specs they select: the strongest coverage ("full" over "partial") and
// their why sentences, each once, in reference order. The coverage is ""
// when no reference selects the spec.
func (in *InRelease) SpecCoverage(sp *Spec) (coverage Coverage, why []string) {
	for _, rm := range in.Refs {
		if !rm.Applies || !slices.Contains(rm.Specs, sp) {
			continue
		}
		if coverage != CoverageFull {
			coverage = Coverage(rm.Ref.Coverage)
		}
		if !slices.Contains(why, rm.Ref.Why) {
			why = append(why, rm.Ref.Why)
		}
	}
	return coverage, why
}

// Matcher reports whether a spec is selected by a test reference.
type Matcher func(*Spec) bool

// NewMatcher compiles a test reference: an exact name, an RE2 pattern
// matched anywhere in the full text (as Ginkgo's focus is), or a Ginkgo
// label filter over the spec's labels.
func NewMatcher(ref *spec.TestRef) (Matcher, error) {
	switch {
	case ref.Name != "":
		name := ref.Name
		return func(s *Spec) bool { return s.Text == name }, nil
	case ref.Match != "":
		re, err := regexp.Compile(ref.Match)
		if err != nil {
			return nil, fmt.Errorf("invalid RE2 pattern %q: %w", ref.Match, err)
		}
		return func(s *Spec) bool { return re.MatchString(s.Text) }, nil
	case ref.Labels != "":
		filter, err := types.ParseLabelFilter(ref.Labels)
		if err != nil {
			return nil, fmt.Errorf("invalid label filter %q: %w", ref.Labels, err)
		}
		return func(s *Spec) bool { return filter(s.Labels) }, nil
	}
	return nil, fmt.Errorf("test reference has no name, match or labels")
}

// Resolve resolves every test reference of s against each inventory. The
// specification must have been loaded by spec.Load, which rejects patterns
// and filters that do not compile.
func Resolve(s *spec.Spec, invs []*Inventory) (*Resolution, error) {
	res := &Resolution{Spec: s, Inventories: invs}
	minors := make([]spec.Minor, len(invs))
	for i, inv := range invs {
		m, err := spec.ParseMinor(inv.Release())
		if err != nil {
			return nil, fmt.Errorf("inventory %s: %w", inv.Release(), err)
		}
		minors[i] = m
	}
	for _, r := range s.Requirements {
		rr := &Resolved{Requirement: r}
		matchers := make([]Matcher, len(r.Tests))
		for i := range r.Tests {
			m, err := NewMatcher(&r.Tests[i])
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", r.Pos, r.ID, err)
			}
			matchers[i] = m
		}
		for i, inv := range invs {
			in := &InRelease{Inventory: inv, Applies: r.AppliesTo(minors[i])}
			seen := map[*Spec]bool{}
			full, partial := false, false
			for j := range r.Tests {
				ref := &r.Tests[j]
				rm := RefMatch{Ref: ref, Applies: in.Applies && ref.AppliesTo(minors[i])}
				if rm.Applies {
					rm.Specs = selectSpecs(inv, ref, matchers[j])
					for _, sp := range rm.Specs {
						if !seen[sp] {
							seen[sp] = true
							in.Specs = append(in.Specs, sp)
						}
					}
					if len(rm.Specs) > 0 {
						full = full || Coverage(ref.Coverage) == CoverageFull
						partial = partial || Coverage(ref.Coverage) == CoveragePartial
					}
				}
				in.Refs = append(in.Refs, rm)
			}
			slices.SortFunc(in.Specs, compareText)
			switch {
			case !in.Applies:
				in.Coverage = CoverageNA
			case full:
				in.Coverage = CoverageFull
			case partial:
				in.Coverage = CoveragePartial
			case r.Gap != nil:
				in.Coverage = CoverageGap
			default:
				in.Coverage = CoverageNone
			}
			rr.Releases = append(rr.Releases, in)
		}
		res.Requirements = append(res.Requirements, rr)
	}
	return res, nil
}

// selectSpecs returns the specs of inv that m selects, in inventory order.
// An exact name is looked up rather than compared with every spec.
func selectSpecs(inv *Inventory, ref *spec.TestRef, m Matcher) []*Spec {
	if ref.Name != "" {
		if sp := inv.Lookup(ref.Name); sp != nil {
			return []*Spec{sp}
		}
		return nil
	}
	var out []*Spec
	for _, sp := range inv.Specs {
		if m(sp) {
			out = append(out, sp)
		}
	}
	return out
}

func compareText(a, b *Spec) int { return strings.Compare(a.Text, b.Text) }

// Requirement returns the resolution of one requirement, or nil.
func (res *Resolution) Requirement(id string) *Resolved {
	for _, r := range res.Requirements {
		if r.Requirement.ID == id {
			return r
		}
	}
	return nil
}

// Selected returns the distinct specs that the requirements of the given
// profiles select in the inventory of release, sorted by text.
func (res *Resolution) Selected(release string, profiles []string) ([]*Spec, error) {
	idx := -1
	for i, inv := range res.Inventories {
		if inv.Release() == release {
			idx = i
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("release %s was not resolved", release)
	}
	seen := map[*Spec]bool{}
	var out []*Spec
	for _, r := range res.Requirements {
		if !slices.Contains(profiles, r.Requirement.Profile) {
			continue
		}
		for _, sp := range r.Releases[idx].Specs {
			if !seen[sp] {
				seen[sp] = true
				out = append(out, sp)
			}
		}
	}
	slices.SortFunc(out, compareText)
	return out, nil
}

// ResolveEditions resolves every edition of s (spec.Spec.EditionIDs: the
// default one first) against the same inventories.
func ResolveEditions(s *spec.Spec, invs []*Inventory) ([]*Resolution, error) {
	var out []*Resolution
	for _, id := range s.EditionIDs() {
		view, err := s.InEdition(id)
		if err != nil {
			return nil, err
		}
		res, err := Resolve(view, invs)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}
