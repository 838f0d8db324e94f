package mapping

import (
	"slices"
	"strings"
)

// Diff is what changed between two inventories.
type Diff struct {
	From, To string
	// Added and Removed are spec texts, sorted.
	Added, Removed []string
	// Renamed pairs a removed and an added spec at the same leaf location.
	Renamed []Rename
	// Relabeled lists specs whose text stayed and whose labels changed.
	Relabeled []Relabel
	// Refacted lists specs whose text stayed and whose static facts
	// (placement or skips) changed, when both inventories have facts.
	Refacted []Refact
}

// Refact is a spec whose placement or skips changed.
type Refact struct {
	Text string
	// FromPlacement and ToPlacement are the placement OS, when it changed.
	FromPlacement, ToPlacement string `json:",omitempty"`
	// AddedSkips and RemovedSkips are the skip calls, "kind func(args)",
	// that appeared or disappeared.
	AddedSkips, RemovedSkips []string `json:",omitempty"`
}

// Rename is a spec whose text changed while its location did not.
type Rename struct {
	Location string
	From, To string
}

// Relabel is a spec whose labels changed.
type Relabel struct {
	Text           string
	Added, Removed []string
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Renamed) == 0 && len(d.Relabeled) == 0 && len(d.Refacted) == 0
}

// skipKeys renders skips for comparison across releases, without their
// lines, which move with unrelated edits.
func skipKeys(skips []Skip) []string {
	var out []string
	for _, sk := range skips {
		k := sk.Kind + " " + sk.Func + "(" + strings.Join(sk.Args, ", ") + ")"
		if sk.Conditional {
			k += " under a condition"
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Compare returns the changes from inventory a to inventory b. A spec that
// disappears and one that appears at the same leaf location (file and line),
// when that location has exactly one of each, is a rename rather than a
// removal and an addition.
func Compare(a, b *Inventory) *Diff {
	d := &Diff{From: a.Release(), To: b.Release()}
	var removed, added []*Spec
	for _, s := range a.Specs {
		t := b.Lookup(s.Text)
		if t == nil {
			removed = append(removed, s)
			continue
		}
		if !slices.Equal(s.Labels, t.Labels) {
			d.Relabeled = append(d.Relabeled, Relabel{Text: s.Text, Added: minus(t.Labels, s.Labels), Removed: minus(s.Labels, t.Labels)})
		}
		if s.Placement != nil && t.Placement != nil {
			r := Refact{Text: s.Text}
			if s.Placement.OS != t.Placement.OS {
				r.FromPlacement, r.ToPlacement = s.Placement.OS, t.Placement.OS
			}
			from, to := skipKeys(s.Skips), skipKeys(t.Skips)
			r.AddedSkips, r.RemovedSkips = minus(to, from), minus(from, to)
			if r.FromPlacement != "" || len(r.AddedSkips) > 0 || len(r.RemovedSkips) > 0 {
				d.Refacted = append(d.Refacted, r)
			}
		}
	}
	for _, s := range b.Specs {
		if a.Lookup(s.Text) == nil {
			added = append(added, s)
		}
	}
	byLoc := func(specs []*Spec) map[string][]*Spec {
		m := map[string][]*Spec{}
		for _, s := range specs {
			if loc := s.Location(); loc != "" {
				m[loc] = append(m[loc], s)
			}
		}
		return m
	}
	rl, al := byLoc(removed), byLoc(added)
	renamed := map[*Spec]bool{}
	for loc, rs := range rl {
		if as := al[loc]; len(rs) == 1 && len(as) == 1 {
			d.Renamed = append(d.Renamed, Rename{Location: loc, From: rs[0].Text, To: as[0].Text})
			renamed[rs[0]], renamed[as[0]] = true, true
		}
	}
	for _, s := range removed {
		if !renamed[s] {
			d.Removed = append(d.Removed, s.Text)
		}
	}
	for _, s := range added {
		if !renamed[s] {
			d.Added = append(d.Added, s.Text)
		}
	}
	slices.SortFunc(d.Renamed, func(x, y Rename) int {
		if x.From < y.From {
			return -1
		}
		if x.From > y.From {
			return 1
		}
		return 0
	})
	return d
}

// minus returns the elements of a not in b, in a's order.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
