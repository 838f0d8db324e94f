// Package inventory holds the e2e test inventory of a Kubernetes release:
// every Ginkgo spec of the suite with its labels, file:line, images,
// placement and skips, and the provenance of the list. [Encode] and
// [Decode] read and write the committed JSON Lines form.
//
// The package imports only the standard library. The builder that produces
// inventories from the real e2e.test and the importers live in package
// mapping/builder, and the embedded copies in package mapping, so a program
// that reads an inventory file and synthesizes a selection with package
// focus builds small (internal/examples/select is such a program, and its
// test keeps it under 8 MB):
//
//	data, err := os.ReadFile("embedded/inventory/v1.37.2.jsonl")
//	...
//	inv, err := inventory.Decode(data, "v1.37.2.jsonl")
//	...
//	all := make([]string, len(inv.Specs))
//	for i, s := range inv.Specs {
//		all[i] = s.Text
//	}
//	fs, err := focus.Synthesize(all, want)
package inventory
