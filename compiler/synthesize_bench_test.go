package compiler

import (
	"testing"

	"sigs.k8s.io/wincspec/focus"
)

// BenchmarkSynthesize measures the focus synthesis for the core profile of
// the newest inventory, the largest selection the generator makes.
func BenchmarkSynthesize(b *testing.B) {
	res := realResolution(b)
	inv := res.Inventories[len(res.Inventories)-1]
	selected, err := res.Selected(inv.Release(), []string{"core"})
	if err != nil {
		b.Fatal(err)
	}
	all := make([]string, len(inv.Specs))
	for i, s := range inv.Specs {
		all[i] = s.Text
	}
	want := make([]string, len(selected))
	for i, s := range selected {
		want[i] = s.Text
	}
	b.ReportMetric(float64(len(want)), "specs")
	for b.Loop() {
		if _, err := focus.Synthesize(all, want); err != nil {
			b.Fatal(err)
		}
	}
}
