package report_test

import (
	"fmt"
	"log"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/report"
)

// Judge a Sonobuoy results tarball against the embedded specification in
// Kubernetes v1.37.
func Example() {
	results, err := report.Read([]string{"testdata/sonobuoy/windows-2022.tar.gz"}, report.ReadOptions{})
	if err != nil {
		log.Fatal(err)
	}
	s := embedded.Spec()
	cat, err := embedded.Catalog()
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
	// core: Failure: 18 of 24 requirements verified, 2 failed (CORE-NET-06, CORE-NET-07), 1 not run (CORE-NET-03), 3 untestable today (CORE-NET-11, CORE-NET-13, CORE-PERF-01); 11 covered only in part; 18 without a placement recording
	// hostProcess: Incomplete: 0 of 5 requirements verified, 3 not run (HP-01, HP-03, HP-04), 2 untestable today (HP-02, HP-05)
	// activeDirectory: Incomplete: 0 of 3 requirements verified, 1 not run (AD-01), 2 untestable today (AD-02, AD-03)
	// networkPolicy: Incomplete: 0 of 2 requirements verified, 2 not run (NP-01, NP-02)
	// serviceProxy: Incomplete: 3 of 4 requirements verified, 1 not run (SP-03); 3 covered only in part; 3 without a placement recording
	// 70 testcases = 48 mapped + 8 unmapped + 14 hooks
	// ok: false
}
