// Package runlayout names the files that the generated e2e.sh and
// hydrophone.sh scripts write beside their test results, so that the
// scripts (written by package compiler) and their reader (package report)
// agree on one layout.
//
// A run directory is the scripts' REPORT_DIR or OUTPUT_DIR:
//
//	cluster/nodes.json     kubectl get nodes -o json, before the tests
//	cluster/version.json   kubectl version -o json
//	cluster/pods.txt       the node of every pod, recorded during the run
//	cluster/namespaces.txt the e2e-framework label of every namespace
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

// The placement recording: while the tests run, the generated scripts (and
// sidecars of the Sonobuoy plugins) watch every pod and every namespace of
// the cluster with kubectl, one line per change.
const (
	// Pods holds lines "NAMESPACE\tPOD\tNODE" (NODE empty while the pod
	// is not scheduled).
	Pods = "cluster/pods.txt"
	// Namespaces holds lines "NAMESPACE\tBASENAME", BASENAME being the
	// namespace's e2e-framework label (empty for other namespaces).
	Namespaces = "cluster/namespaces.txt"

	// PodsTemplate and NamespacesTemplate are the kubectl jsonpath
	// templates that write those lines.
	PodsTemplate       = `{.metadata.namespace}{"\t"}{.metadata.name}{"\t"}{.spec.nodeName}{"\n"}`
	NamespacesTemplate = `{.metadata.name}{"\t"}{.metadata.labels.e2e-framework}{"\n"}`

	// PodsContainer and NamespacesContainer are the names of the Sonobuoy
	// plugins' recording sidecars; Sonobuoy keeps their logs as
	// podlogs/NAMESPACE/POD/logs/NAME.txt.
	PodsContainer       = "wincspec-pods"
	NamespacesContainer = "wincspec-namespaces"
)
