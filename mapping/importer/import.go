package importer

import (
	"bytes"
	"fmt"

	"sigs.k8s.io/wincspec/internal/junit"
	"sigs.k8s.io/wincspec/inventory"
)

// MaxReportSize caps the size of a report read by ImportJUnit.
const MaxReportSize = 512 << 20

// ImportJUnit builds an inventory from a JUnit report of a real run. Every
// testcase that is a spec counts, whatever its status, skipped ones
// included; suite-level nodes such as [SynchronizedBeforeSuite] do not.
// Ginkgo v2 names start with "[It] ", which is removed; Ginkgo v1 names
// have no prefix. JUnit reports carry neither container texts, labels nor
// locations, so each spec's leaf is its full text.
func ImportJUnit(data []byte, release string) (*inventory.Inventory, error) {
	cases, err := junit.Parse(bytes.NewReader(data), MaxReportSize)
	if err != nil {
		return nil, fmt.Errorf("reading JUnit report: %w", err)
	}
	inv := &inventory.Inventory{Provenance: inventory.Provenance{Release: release, Method: "imported from a JUnit report"}}
	seen := map[string]bool{}
	for _, c := range cases {
		if c.Hook || c.Text == "" || seen[c.Text] {
			continue
		}
		seen[c.Text] = true
		inv.Specs = append(inv.Specs, &inventory.Spec{Text: c.Text, Leaf: c.Text})
	}
	if len(inv.Specs) == 0 {
		return nil, fmt.Errorf("reading JUnit report: no specs in it")
	}
	inv.Normalize()
	return inv, nil
}

// ImportGinkgoJSON builds an inventory from a Ginkgo JSON report of a real
// run (or a dry run). repoRoot, if set, is removed from leaf paths.
func ImportGinkgoJSON(data []byte, release, repoRoot string) (*inventory.Inventory, error) {
	specs, err := FromGinkgoReport(data, repoRoot)
	if err != nil {
		return nil, err
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("decoding Ginkgo JSON report: no specs in it")
	}
	inv := &inventory.Inventory{Provenance: inventory.Provenance{Release: release, Method: "imported from a Ginkgo JSON report"}, Specs: specs}
	inv.Normalize()
	return inv, nil
}
