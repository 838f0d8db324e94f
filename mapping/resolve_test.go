package mapping

import (
	"slices"
	"testing"

	"sigs.k8s.io/wincspec/spec"
)

func TestSpecCoverage(t *testing.T) {
	inv := &Inventory{Provenance: Provenance{Release: "v1.37.2"}, Specs: []*Spec{{Leaf: "a b"}, {Leaf: "a c"}, {Leaf: "d"}}}
	inv.Normalize()
	r := &spec.Requirement{ID: "X-01", Since: "1.23", Tests: []spec.TestRef{
		{Match: "^a", Coverage: "partial", Why: "Both a."},
		{Name: "a b", Coverage: "full", Why: "Just b."},
		{Name: "d", Releases: "<1.37", Coverage: "full", Why: "Not here."},
	}}
	res, err := Resolve(&spec.Spec{Requirements: []*spec.Requirement{r}}, []*Inventory{inv})
	if err != nil {
		t.Fatal(err)
	}
	in := res.Requirements[0].Releases[0]
	tests := []struct {
		text     string
		coverage Coverage
		why      []string
	}{
		{"a b", "full", []string{"Both a.", "Just b."}},
		{"a c", "partial", []string{"Both a."}},
		{"d", "", nil},
	}
	for _, tt := range tests {
		cov, why := in.SpecCoverage(inv.Lookup(tt.text))
		if cov != tt.coverage || !slices.Equal(why, tt.why) {
			t.Errorf("%s: got %q %q, want %q %q", tt.text, cov, why, tt.coverage, tt.why)
		}
	}
}
