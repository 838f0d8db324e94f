// Package mapping resolves the specification's test references against the
// real e2e test inventories of Kubernetes releases, and keeps a catalog of
// inventories per release.
//
// An Inventory lists every Ginkgo spec of one release's e2e.test binary: its
// full text exactly as Ginkgo's focus and skip see it (without the suite
// description), its container and leaf texts, labels, leaf code location
// relative to the Kubernetes repository, the bracketed tags in its text, and
// the e2e images it may use. Inventories are built from a real e2e.test or
// imported from a real run's JUnit or Ginkgo JSON report by packages
// mapping/builder and mapping/importer, and committed under
// embedded/inventory/; package embedded compiles them into the command.
// This package runs no program and embeds no data.
//
// The Inventory type and its codec live in package inventory, which imports
// only the standard library and package focus; mapping refers to them by
// alias. A program that needs only an inventory and a selection should
// import those two packages, as internal/examples/select does.
package mapping
