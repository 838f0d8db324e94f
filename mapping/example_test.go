package mapping_test

import (
	"fmt"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/mapping"
)

func ExampleResolve() {
	s := embedded.Spec()
	cat, err := embedded.Catalog()
	if err != nil {
		fmt.Println(err)
		return
	}
	inv, err := cat.Inventory("v1.37") // the latest v1.37 patch
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		fmt.Println(err)
		return
	}
	in := res.Requirement("CORE-NET-08").Releases[0]
	fmt.Println(inv.Release(), in.Coverage)
	for _, sp := range in.Specs {
		fmt.Println(sp.Location())
	}
	// Output:
	// v1.37.2 full
	// test/e2e/common/storage/host_path.go:69
	// test/e2e/windows/volumes.go:76
}
