package mapping

import (
	"slices"
	"testing"
)

func TestCompare(t *testing.T) {
	a := &Inventory{Provenance: Provenance{Release: "v1.36.5"}, Specs: []*Spec{
		{Leaf: "kept", Labels: []string{"x"}, File: "f.go", Line: 1},
		{Leaf: "old name [Serial]", File: "f.go", Line: 2},
		{Leaf: "gone", File: "f.go", Line: 3},
		{Leaf: "shared one", File: "s.go", Line: 9},
		{Leaf: "shared two", File: "s.go", Line: 9},
	}}
	b := &Inventory{Provenance: Provenance{Release: "v1.37.2"}, Specs: []*Spec{
		{Leaf: "kept", Labels: []string{"y"}, File: "f.go", Line: 1},
		{Leaf: "new name [Serial]", File: "f.go", Line: 2},
		{Leaf: "fresh", File: "g.go", Line: 3},
		{Leaf: "shared three", File: "s.go", Line: 9},
		{Leaf: "shared four", File: "s.go", Line: 9},
	}}
	a.Normalize()
	b.Normalize()
	d := Compare(a, b)
	if want := []string{"fresh", "shared four", "shared three"}; !slices.Equal(d.Added, want) {
		t.Errorf("added %q, want %q", d.Added, want)
	}
	if want := []string{"gone", "shared one", "shared two"}; !slices.Equal(d.Removed, want) {
		t.Errorf("removed %q, want %q", d.Removed, want)
	}
	if want := []Rename{{"f.go:2", "old name [Serial]", "new name [Serial]"}}; !slices.Equal(d.Renamed, want) {
		t.Errorf("renamed %+v, want %+v", d.Renamed, want)
	}
	if len(d.Relabeled) != 1 || d.Relabeled[0].Text != "kept" || !slices.Equal(d.Relabeled[0].Added, []string{"y"}) || !slices.Equal(d.Relabeled[0].Removed, []string{"x"}) {
		t.Errorf("relabeled %+v", d.Relabeled)
	}
	if d := Compare(a, a); !d.Empty() {
		t.Errorf("an inventory differs from itself: %+v", d)
	}
}
