package report_test

import (
	"fmt"
	"log"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/report"
	"sigs.k8s.io/wincspec/spec"
)

// Judge a Sonobuoy results tarball against the embedded specification in
// Kubernetes v1.37.
func Example() {
	results, err := report.Read([]string{"testdata/sonobuoy/windows-2022.tar.gz"}, report.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	s, err := spec.Default()
	if err != nil {
		log.Fatal(err)
	}
	cat, err := mapping.Embedded()
	if err != nil {
		log.Fatal(err)
	}
	inv, err := cat.Inventory("v1.37")
	if err != nil {
		log.Fatal(err)
	}
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		log.Fatal(err)
	}
	rep, err := report.Evaluate(res, inv.Release(), results, report.Options{Required: []string{"core"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range rep.Profiles {
		fmt.Printf("%s: %s\n", p.ID, p.Summary())
	}
	a := rep.Accounting
	fmt.Printf("%d testcases = %d mapped + %d unmapped + %d hooks\n", a.Testcases, a.Mapped, a.Unmapped, a.Hooks)
	fmt.Println("ok:", rep.OK)
	// Output:
	// core: Fail: 2 failed, 3 gaps
	// hostProcess: Fail: 3 not run, 2 gaps
	// activeDirectory: Fail: 1 not run, 2 gaps
	// networkPolicy: Fail: 2 not run
	// serviceProxy: Fail: 1 gap
	// 70 testcases = 52 mapped + 4 unmapped + 14 hooks
	// ok: false
}
