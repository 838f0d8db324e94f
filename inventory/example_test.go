package inventory_test

import (
	"fmt"
	"os"
	"strings"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/inventory"
)

// A library user reads a committed inventory and synthesizes an exact
// selection for some of its specs, without CUE, the builder or the
// embedded inventories.
func Example() {
	data, err := os.ReadFile("../embedded/inventory/v1.37.2.jsonl")
	if err != nil {
		fmt.Println(err)
		return
	}
	inv, err := inventory.Decode(data, "v1.37.2.jsonl")
	if err != nil {
		fmt.Println(err)
		return
	}
	var all, want []string
	for _, s := range inv.Specs {
		all = append(all, s.Text)
		if strings.HasPrefix(s.File, "test/e2e/windows/") {
			want = append(want, s.Text)
		}
	}
	fs, err := focus.Synthesize(all, want)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.Release(), len(want), focus.Exact(fs, all, want) == nil)
	// Output:
	// v1.37.2 39 true
}
