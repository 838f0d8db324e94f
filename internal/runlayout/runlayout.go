// Package runlayout names the files that the generated e2e.sh and
// hydrophone.sh scripts write beside their test results, so that the
// scripts (written by package compiler) and their reader (package report)
// agree on one layout.
//
// A run directory is the scripts' REPORT_DIR or OUTPUT_DIR:
//
//	cluster/nodes.json     kubectl get nodes -o json, before the tests
//	cluster/version.json   kubectl version -o json
//	SET/e2e-flags.txt      the e2e.test flags the set passed, one a line
//	SET/junit_01.xml       the set's JUnit report (e2e.test or hydrophone)
//	SET/e2e.log            hydrophone's copy of the e2e.test output
//
// where SET is the name of an execution set, such as parallel or serial.
package runlayout

// Files of a run directory, slash-separated and relative to it.
const (
	// Nodes is the output of "kubectl get nodes -o json": a NodeList.
	Nodes = "cluster/nodes.json"
	// Version is the output of "kubectl version -o json", whose
	// serverVersion.gitVersion is the API server's version.
	Version = "cluster/version.json"
	// Flags, in each set's directory, lists the e2e.test flags of the
	// set's run, one a line.
	Flags = "e2e-flags.txt"
)
