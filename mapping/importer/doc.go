// Package importer makes inventories from the reports of real runs, a JUnit
// XML file or a Ginkgo JSON report, and writes inventories to files. It
// runs no program and loads no source: mapping/builder, which builds an
// inventory from a release's e2e.test and source, uses it for the same
// steps.
package importer
