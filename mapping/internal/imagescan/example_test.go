package imagescan_test

import (
	"fmt"

	"sigs.k8s.io/wincspec/mapping/internal/imagescan"
)

func ExampleScan() {
	// testdata/repo is a tiny repository laid out like Kubernetes'.
	res, err := imagescan.Scan("testdata/repo", []imagescan.Location{
		{File: "test/e2e/foo/foo.go", Line: 29},
		{File: "test/e2e/foo/foo.go", Line: 70},
		{File: "test/e2e/foo/foo.go", Line: 71},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("images:", res.IDs)
	for _, line := range []int{29, 70} {
		fmt.Printf("foo.go:%d:", line)
		for _, r := range res.Images[imagescan.Location{File: "test/e2e/foo/foo.go", Line: line}] {
			fmt.Printf(" %s (%s)", r.ID, r.Kind)
		}
		fmt.Println()
	}
	fmt.Println("unresolved:", res.Unresolved)
	// Output:
	// images: [agnhost busybox httpd nginx pause unused]
	// foo.go:29: agnhost (direct)
	// foo.go:70: agnhost (reachable) nginx (reachable) pause (reachable)
	// unresolved: [{test/e2e/foo/foo.go 71}]
}
