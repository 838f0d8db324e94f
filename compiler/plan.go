package compiler

import (
	"fmt"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/mapping"
)

// Execution set names.
const (
	SetParallel = "parallel"
	SetSerial   = "serial"
)

// Plan is how to run the tests of some profiles against one release: a
// parallel invocation and a serial one, each with exact focus and skip
// expressions.
type Plan struct {
	// Edition is the edition of the specification, empty for the default.
	Edition  string   `json:"edition,omitempty"`
	Release  string   `json:"release"`
	Profiles []string `json:"profiles"`
	// Sets are the parallel set, then the serial set; an empty set is
	// left out.
	Sets []Set `json:"sets"`

	inventory *mapping.Inventory
	specs     map[string]*mapping.Spec
}

// Set is one invocation of the e2e suite.
type Set struct {
	Name  string `json:"name"`
	Focus string `json:"focus"`
	Skip  string `json:"skip"`
	// Specs are the full texts the set runs, sorted.
	Specs []string `json:"specs"`
}

// Parallel reports whether the set may run with several Ginkgo processes.
func (s *Set) Parallel() bool { return s.Name == SetParallel }

// FocusSkip returns the set's expressions.
func (s *Set) FocusSkip() focus.FocusSkip { return focus.FocusSkip{Focus: s.Focus, Skip: s.Skip} }

// Serial reports whether a spec must run alone: it is tagged or labelled
// Serial or Disruptive.
func Serial(s *mapping.Spec) bool { return marked(s, "Serial") || marked(s, "Disruptive") }

// marked reports whether a spec is tagged [name] in its text or carries
// the Ginkgo label name (in any case).
func marked(s *mapping.Spec, name string) bool {
	return s.HasTag("["+name+"]") || slices.ContainsFunc(s.Labels, func(l string) bool { return strings.EqualFold(l, name) })
}

// NewPlan selects the specs that the requirements of profiles resolve to in
// release, splits them into a parallel and a serial set, and synthesizes
// each set's focus and skip. It verifies, against the release's whole
// inventory, that each set selects exactly its specs both when Ginkgo is
// given the expressions directly and under the conformance image's
// go-runner, which skips [Serial] on a parallel run with an empty skip.
func NewPlan(res *mapping.Resolution, release string, profiles []string) (*Plan, error) {
	var inv *mapping.Inventory
	for _, i := range res.Inventories {
		if i.Release() == release {
			inv = i
		}
	}
	if inv == nil {
		return nil, fmt.Errorf("release %s was not resolved", release)
	}
	for _, p := range profiles {
		if res.Spec.Profile(p) == nil {
			return nil, fmt.Errorf("unknown profile %q: want one of %s", p, strings.Join(res.Spec.ProfileIDs(), ", "))
		}
	}
	selected, err := res.Selected(release, profiles)
	if err != nil {
		return nil, err
	}
	if len(selected) == 0 {
		return nil, fmt.Errorf("profiles %s select no spec in %s", strings.Join(profiles, ", "), release)
	}
	p := &Plan{Edition: res.Spec.Edition, Release: release, Profiles: slices.Clone(profiles), inventory: inv, specs: map[string]*mapping.Spec{}}
	var parallel, serial []string
	for _, s := range selected {
		p.specs[s.Text] = s
		if Serial(s) {
			serial = append(serial, s.Text)
		} else {
			parallel = append(parallel, s.Text)
		}
	}
	all := make([]string, len(inv.Specs))
	for i, s := range inv.Specs {
		all[i] = s.Text
	}
	for _, set := range []struct {
		name  string
		specs []string
	}{{SetParallel, parallel}, {SetSerial, serial}} {
		if len(set.specs) == 0 {
			continue
		}
		fs, err := focus.Synthesize(all, set.specs)
		if err != nil {
			return nil, fmt.Errorf("%s, %s set: %w", release, set.name, err)
		}
		if err := focus.Exact(GoRunner(fs, set.name == SetParallel), all, set.specs); err != nil {
			return nil, fmt.Errorf("%s, %s set, as the go-runner runs it: %w", release, set.name, err)
		}
		p.Sets = append(p.Sets, Set{Name: set.name, Focus: fs.Focus, Skip: fs.Skip, Specs: set.specs})
	}
	return p, nil
}

// GoRunner returns the expressions the conformance image's go-runner
// passes to Ginkgo for E2E_FOCUS and E2E_SKIP set to fs: an empty focus
// becomes \[Conformance\], and an empty skip on a parallel run becomes
// \[Serial\] (test/conformance/image/go-runner/cmd.go).
func GoRunner(fs focus.FocusSkip, parallel bool) focus.FocusSkip {
	if fs.Focus == "" {
		fs.Focus = `\[Conformance\]`
	}
	if parallel && fs.Skip == "" {
		fs.Skip = `\[Serial\]`
	}
	return fs
}

// Specs returns the specs of a set, in its order.
func (p *Plan) Specs(set *Set) []*mapping.Spec {
	out := make([]*mapping.Spec, len(set.Specs))
	for i, t := range set.Specs {
		out[i] = p.specs[t]
	}
	return out
}

// Images returns the images the specs of the plan may use, sorted.
func (p *Plan) Images() []string {
	var out []string
	for _, s := range p.specs {
		out = append(out, s.Images.All()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Count returns the number of specs in the plan.
func (p *Plan) Count() int { return len(p.specs) }

// disruptive returns the texts of the specs of sets tagged or labelled
// [Disruptive] (they may reboot nodes or restart system components), in
// set order.
func (p *Plan) disruptive(sets ...Set) []string {
	var out []string
	for _, set := range sets {
		for _, sp := range p.Specs(&set) {
			if sp != nil && marked(sp, "Disruptive") {
				out = append(out, sp.Text)
			}
		}
	}
	return out
}

// operatorWarning is the comment block that names the disruptive tests d
// of a run, for the generated scripts and plugins; empty when there are
// none.
func operatorWarning(d []string) string {
	if len(d) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#\n# WARNING: %d test%s of this run %s [Disruptive]: run %s on a cluster you can\n# afford to disturb (nodes may reboot, system components restart):\n",
		len(d), plural(len(d), "s"), map[bool]string{true: "is", false: "are"}[len(d) == 1], map[bool]string{true: "it", false: "them"}[len(d) == 1])
	for _, t := range d {
		fmt.Fprintf(&b, "#   %s\n", t)
	}
	return b.String()
}

func plural(n int, s string) string {
	if n == 1 {
		return ""
	}
	return s
}

// EditionArgs are the flags that select a specification's edition in a
// command line: none for the default edition.
func EditionArgs(edition string) []string {
	if edition == "" {
		return nil
	}
	return []string{"--edition", edition}
}

// EditionFlag is EditionArgs as a command line suffix: " --edition X",
// or nothing for the default edition.
func EditionFlag(edition string) string {
	if edition == "" {
		return ""
	}
	return " " + strings.Join(EditionArgs(edition), " ")
}
