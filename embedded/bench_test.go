package embedded

import (
	"testing"
)

// BenchmarkLoadInventories measures opening the packed inventories and
// decoding every one, as a command that checks all releases does on each
// run.
func BenchmarkLoadInventories(b *testing.B) {
	var specs int
	for b.Loop() {
		c, err := NewCatalog()
		if err != nil {
			b.Fatal(err)
		}
		invs, err := c.All()
		if err != nil {
			b.Fatal(err)
		}
		specs = 0
		for _, inv := range invs {
			specs += len(inv.Specs)
		}
	}
	b.ReportMetric(float64(specs), "specs")
}

// BenchmarkSpec measures loading the compiled-in specification, which
// every command does; spec/cueload's BenchmarkLoadSpec measures evaluating
// its CUE source instead.
func BenchmarkSpec(b *testing.B) {
	var n int
	for b.Loop() {
		n = len(Spec().Requirements)
	}
	b.ReportMetric(float64(n), "requirements")
}
