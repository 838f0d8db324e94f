package spec_test

import (
	"slices"
	"testing"

	"sigs.k8s.io/wincspec/spec"
)

func req(id, sameAs, section string, bullet int, text string) *spec.Requirement {
	return &spec.Requirement{ID: id, SameAs: sameAs, Profile: "core", Category: "networking",
		Source: spec.Source{Section: section, Bullet: bullet, KEPText: text}}
}

func ids(rs []*spec.Requirement) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestDiffEditionsPairing(t *testing.T) {
	draft := &spec.Spec{Requirements: []*spec.Requirement{
		req("A-01", "", "S", 1, "do a"),
		req("A-02", "", "S", 2, "do b"),
	}}
	// The edition lists A-01 twice, the renamed twin first, and drops A-02.
	ed := &spec.Spec{Edition: "e", Requirements: []*spec.Requirement{
		req("B-01", "A-01", "T", 1, "do a"),
		req("A-01", "A-01", "S", 1, "do  a"),
		req("C-01", "", "T", 2, "new"),
	}}
	d := spec.DiffEditions(draft, ed)
	if !slices.Equal(ids(d.Added), []string{"C-01"}) || !slices.Equal(ids(d.Removed), []string{"A-02"}) {
		t.Errorf("added %v removed %v, want [C-01] [A-02]", ids(d.Added), ids(d.Removed))
	}
	// A-01 pairs with A-01 (same ID, white space aside: unchanged); B-01 is
	// the second listing, renamed and moved.
	if len(d.Changed) != 1 {
		t.Fatalf("changed %+v, want B-01 only", d.Changed)
	}
	if c := d.Changed[0]; c.To.ID != "B-01" || c.From.ID != "A-01" || !c.Duplicate || !c.Renamed || !c.Moved || c.Reworded {
		t.Errorf("B-01: %+v", c)
	}
	// Backwards, the twin is removed, not lost.
	back := spec.DiffEditions(ed, draft)
	if !slices.Equal(ids(back.Removed), []string{"B-01", "C-01"}) || !slices.Equal(ids(back.Added), []string{"A-02"}) || len(back.Changed) != 0 {
		t.Errorf("backwards: added %v removed %v changed %d", ids(back.Added), ids(back.Removed), len(back.Changed))
	}
	if back.Empty() || d.Empty() {
		t.Error("a diff with changes is empty")
	}
	// Two listings on each side pair one to one.
	two := &spec.Spec{Edition: "f", Requirements: []*spec.Requirement{req("X-01", "A-01", "S", 1, "do a"), req("X-02", "A-01", "S", 3, "do a")}}
	if d := spec.DiffEditions(ed, two); len(d.Removed) != 1 || d.Removed[0].ID != "C-01" {
		t.Errorf("two against two: removed %v", ids(d.Removed))
	}
	if !spec.DiffEditions(ed, ed).Empty() {
		t.Error("an edition differs from itself")
	}
}

func TestDiffEditionsRenumberedReworded(t *testing.T) {
	a := &spec.Spec{Requirements: []*spec.Requirement{req("A-01", "", "S", 1, "linux pods")}}
	b := &spec.Spec{Edition: "e", Requirements: []*spec.Requirement{req("A-01", "A-01", "S", 2, "Linux pods")}}
	d := spec.DiffEditions(a, b)
	if len(d.Changed) != 1 || !d.Changed[0].Renumbered || d.Changed[0].Moved || !d.Changed[0].Reworded {
		t.Errorf("%+v, want renumbered and reworded", d.Changed)
	}
}

func TestInEdition(t *testing.T) {
	s := &spec.Spec{
		Requirements: []*spec.Requirement{{ID: "A-01", Title: "t", Statement: "It MUST work.", Since: "1.23", Tests: []spec.TestRef{{Name: "x", Coverage: "full"}}, Pos: spec.Pos{File: "d.cue", Line: 1}}},
		Editions: []*spec.Edition{{ID: "e", Requirements: []*spec.Requirement{
			{ID: "B-01", SameAs: "A-01", Profile: "p", Category: "c", Source: spec.Source{Section: "S", Bullet: 2}, Pos: spec.Pos{File: "e.cue", Line: 5}},
		}}},
	}
	v, err := s.InEdition("e")
	if err != nil {
		t.Fatal(err)
	}
	r := v.Requirement("B-01")
	if r == nil || r.Statement != "It MUST work." || len(r.Tests) != 1 || r.Profile != "p" || r.Pos.File != "e.cue" || v.EditionName() != "e" {
		t.Errorf("linked requirement %+v", r)
	}
	if s.Requirement("A-01").ID != "A-01" {
		t.Error("InEdition changed the default edition")
	}
	if d, _ := s.InEdition("draft"); d != s {
		t.Error("the default edition is not the specification itself")
	}
	if _, err := s.InEdition("nope"); err == nil {
		t.Error("no error for an unknown edition")
	}
	s.Editions[0].Requirements[0].SameAs = "A-09"
	if _, err := s.InEdition("e"); err == nil {
		t.Error("no error for a link to nothing")
	}
}
