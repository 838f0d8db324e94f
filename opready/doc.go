// Package opready reads the test cases of kubernetes-sigs/windows-operational-readiness,
// KEP-2578's reference tool, and compares them with the specification.
//
// The tool keeps its cases in specifications/<category>/spec.yaml: a
// category and test cases, each with a description, focus and skip strings,
// kubernetesVersions and skipProviders. It runs each case as its own
// e2e.test process, with every focus string joined by "|" into one
// --ginkgo.focus and every skip string into one --ginkgo.skip, and with
// --node-os-distro windows, so Ginkgo runs each spec whose "Kubernetes e2e
// suite <text>" the focus matches, anywhere, and the skip (when not empty)
// does not. Compare applies exactly that to the inventories, and says per
// case and release which specs it runs, which requirements of each edition
// those specs verify, what it runs that no requirement needs, and what the
// requirements its description names need that it does not run.
package opready
