// Package report turns the results of a real e2e run into per-requirement
// and per-profile verdicts, traced to each test and checked against the
// evidence of the cluster the tests ran on.
//
// # Inputs
//
// Read takes Sonobuoy results tarballs (read as a stream, never extracted),
// JUnit XML reports (Ginkgo v1 names have no "[It] " prefix, Ginkgo v2 names
// do), Ginkgo JSON reports, and directories of those, a directory laid out
// like an extracted Sonobuoy tarball, or a run directory of the generated
// e2e.sh and hydrophone.sh (its layout is in package runlayout: the nodes,
// the server version, and each set's e2e.test flags beside its results).
// A tarball given by path must have Sonobuoy's layout (ErrNotSonobuoy).
// ReadOptions.Nodes gives a "kubectl get nodes -o json" file as the node
// evidence of plain JUnit and Ginkgo JSON. Every input's SHA-256 is kept.
// From Sonobuoy results it reads:
//
//	plugins/NAME/results/**/*.xml       JUnit results of each plugin
//	plugins/NAME/definition.json        the plugin (old tarballs: defintion.json)
//	plugins/NAME/errors/NODE/error.json errors Sonobuoy recorded
//	plugins/NAME/results/**/e2e.log     go-runner output
//	podlogs/NS/sonobuoy-NAME-job-ID/logs/*.txt  plugin pod logs
//	resources/cluster/core_v1_nodes.json  the nodes (older layouts:
//	                                    resources/cluster/Nodes.json,
//	                                    resources/non-ns/Nodes.json)
//	serverversion.json                  the API server's version
//	meta/config.json                    the Sonobuoy version
//
// Entry names may start with "./". Entries with "..", absolute names, links,
// devices, and entries over ReadOptions.MaxFileBytes are skipped with a
// warning; more than ReadOptions.MaxTotalBytes of data, tarballs counted
// decompressed, is an error. XML DTDs are refused, so no entity is expanded.
// Specs of a Ginkgo --dry-run report count as skipped.
//
// # Matching testcases to specs
//
// A testcase's text is its name without Ginkgo's "[It] " prefix. It matches
// the inventory spec with exactly that text or, failing that, the spec whose
// text it is followed by " [l1, l2]" where the list holds exactly the spec's
// labels (generic Ginkgo JUnit reports append labels; Kubernetes' do not).
// Suite-level nodes ([SynchronizedBeforeSuite], [ReportAfterSuite] ..., and
// Ginkgo v1's BeforeSuite and AfterSuite) are hooks, not specs.
//
// # Accounting
//
// Every testcase is counted exactly once: as mapped (a spec that a
// requirement of an evaluated profile requires in the release, with the
// requirements it serves), unmapped, or a suite hook. Testcases = mapped +
// unmapped + hooks. A spec may appear more than once, as when a parallel and
// a serial run both list it, or Ginkgo v1 wrote one file per process: each
// occurrence is counted in its category, and Duplicates counts those after
// the first. For the verdict, a spec's occurrences combine as follows: a
// failure anywhere wins, then a pass anywhere (the serial run passed what
// the parallel run skipped), then a skip; a spec with no occurrence is
// absent.
//
// # Verdicts
//
// The required tests of a requirement in a release are the specs its test
// references resolve to there (mapping.InRelease.Specs). Its verdict is,
// in this order:
//
//   - n.a.: the requirement does not apply to the release;
//   - fail: a required test failed, timed out or errored;
//   - gap: the specification maps no test to it in the release, so it can
//     never pass;
//   - not-run: a required test is absent from the results, skipped or
//     pending. This is never a pass;
//   - pass: every required test passed. When the tests cover the
//     requirement only in part (coverage partial), the verdict says so,
//     with the specification's gap reason.
//
// # Levels
//
// A profile gets a level, worst first (package verdict holds the rules and
// their wording):
//
//   - failure: a requirement failed, or an evidence check failed;
//   - incomplete: a requirement did not run, evidence is missing, or no
//     requirement of the profile could be tested;
//   - partial: every requirement that has tests passed on verified Windows
//     nodes, and some are gaps (untestable today) or covered only in part;
//   - success: every requirement passed with full coverage on verified
//     Windows nodes.
//
// A profile passes (ProfileResult.Passed) at partial or success; with
// Options.Strict only at success; with Options.AllowUnverified also when
// it is incomplete only for want of evidence. Report.OK holds when every
// required profile passes. Its one-line Summary gives the level and "N of
// M requirements verified, K untestable today", naming the IDs.
//
// # Documents
//
// Report.Document is the publishable form (WriteJSON, WriteYAML), a
// versioned WindowsConformanceReport whose schema is schema.cue in this
// directory. Verify recomputes one from its inputs and lists every
// difference.
//
// # Evidence
//
// Test results alone can pass on the wrong cluster, as the KEP's LCOW
// concern warns. For each Sonobuoy input and profile, Evaluate checks:
//
//   - windows-nodes: the nodes file lists a Windows node
//     (status.nodeInfo.operatingSystem, or the kubernetes.io/os label);
//   - os-build: every Windows node runs a Windows Server release that the
//     cluster's Kubernetes release supports (spec.Spec.WindowsSupport, for
//     the cluster's server version, else the evaluated release): its
//     kernel version, or else its node.kubernetes.io/windows-build label,
//     is that release's build or a revision of it (10.0.20348.2340 is
//     10.0.20348). One node of an unsupported build fails the check, and
//     the check names it;
//   - node-os-distro: for each plugin with results, wherever its definition
//     (E2E_EXTRA_ARGS, split as the go-runner does, or the container's
//     command and args), the go-runner command line in its logs, or the e2e
//     framework's "node OS distro" skip messages show the --node-os-distro
//     value, it is windows. A command line without the flag means e2e.test's
//     default, debian.
//
// The same checks apply to a run directory (its sets stand for plugins,
// and their e2e-flags.txt shows the distro) and to a nodes file given
// apart (each plain input stands for a plugin; only skip messages can show
// its distro). Every plugin or set with results must pass the
// node-os-distro check: a tarball that also holds an e2e run with another
// distro, such as Sonobuoy's default e2e plugin, fails it, because passes
// on Linux nodes cannot be told apart; run such plugins separately. A
// failed check makes the profile a failure. A tarball without a nodes
// file, and plain JUnit or Ginkgo JSON without ReadOptions.Nodes, carry no
// node evidence: their checks are "unverified", and a profile whose tests
// all pass is then incomplete. Skip messages in plain results that show
// another distro still fail the profile.
//
// # Placement
//
// The generated scripts and plugins record, while the tests run, the node
// of every pod and the e2e-framework label of every namespace (package
// runlayout; Sonobuoy keeps the plugins' recorder logs under podlogs/).
// For every passed test, Evaluate joins the spec's namespaces (the e2e
// framework base names the inventory's static facts give) to the recorded
// namespaces of those names, their pods, the pods' nodes and the nodes' OS
// (TestResult.Placement). A requirement whose passing tests ran pods on
// Windows nodes has placement "windows"; one whose tests ran pods only on
// other nodes is not a pass (verdict not-windows), which makes its profile
// a failure; one without a recording, or whose tests have no namespace
// facts, has placement "unknown", and its profile cannot reach success
// (the default gate still passes at partial; --strict does not). Specs
// that share a namespace base name share its pods: the join cannot tell
// them apart.
package report
