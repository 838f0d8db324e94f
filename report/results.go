package report

import (
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/internal/runlayout"
)

// Results are the test results read from one or more inputs, with the
// evidence about the cluster they ran on.
type Results struct {
	// Inputs are the files, tarballs and directories read, in the order
	// given (a directory is walked in lexical order).
	Inputs []Input
	// Cases are every testcase of every input, in input order.
	Cases []Case
	// Clusters hold the node and plugin evidence of each Sonobuoy input.
	Clusters []*Cluster
	// Warnings say which entries and files were skipped and why, which
	// suite nodes failed, which reports are from a dry run, and which
	// errors Sonobuoy recorded.
	Warnings []string
}

// Input is one results file, tarball or directory that was read.
type Input struct {
	Path string `json:"path"`
	// Kind is one of the Kind constants.
	Kind string `json:"kind"`
	// Testcases is the number of testcases read from it.
	Testcases int `json:"testcases"`
	// SHA256 is the hex SHA-256 of the file or tarball or, for a
	// directory, of the sorted "<digest>  <name>" lines of the files read
	// from it, as sha256sum writes them.
	SHA256 string `json:"sha256"`
}

// Input kinds.
const (
	KindSonobuoy   = "sonobuoy"    // a results tarball, or one extracted into a directory
	KindRun        = "run"         // a run directory of the generated scripts (package runlayout)
	KindJUnit      = "junit"       // a JUnit XML report
	KindGinkgoJSON = "ginkgo-json" // a Ginkgo JSON report
	KindNodes      = "nodes"       // a nodes file given with ReadOptions.Nodes
)

// Status is the outcome of a testcase.
type Status string

// Testcase statuses. Failed, Timedout and Error are failures; Skipped and
// Pending mean the test did not run.
const (
	StatusPassed   Status = "passed"
	StatusFailed   Status = "failed"
	StatusTimedout Status = "timedout"
	StatusError    Status = "error"
	StatusSkipped  Status = "skipped"
	StatusPending  Status = "pending"
)

// Case is one testcase of the results.
type Case struct {
	// Name is the testcase name as written in JUnit (XML-unescaped), or
	// "[<node type>] <full text>" for a Ginkgo JSON spec report.
	Name string
	// Text is the spec text: Name without Ginkgo's "[It] " prefix. A label
	// suffix that generic Ginkgo JUnit reports add is kept here; Evaluate
	// strips it when it matches.
	Text string
	// Labels are the spec's labels, known only from Ginkgo JSON reports.
	Labels []string
	// Node is the Ginkgo node type, such as "It" or
	// "SynchronizedBeforeSuite"; "" for a Ginkgo v1 spec.
	Node string
	// Hook reports a suite-level node ([SynchronizedBeforeSuite],
	// [ReportAfterSuite] ..., or v1 "BeforeSuite"/"AfterSuite"), not a spec.
	Hook bool
	// Status is one of the Status constants.
	Status Status
	// Message is the failure, error or skip message, if any.
	Message string
	// Source is the file the testcase comes from: a path, or
	// "TARBALL:ENTRY" for an entry of a Sonobuoy tarball.
	Source string
	// Cluster is the Sonobuoy results the testcase comes from, or nil for
	// plain JUnit and Ginkgo JSON, which carry no node evidence.
	Cluster *Cluster
	// Plugin is the Sonobuoy plugin or the run's set (such as parallel)
	// that produced the testcase or, for results judged with a separate
	// nodes file, the input's path.
	Plugin string
	// Input is the path of the input the testcase was read from.
	Input string
}

// Failed reports whether the status is a failure.
func Failed(status Status) bool {
	return status == StatusFailed || status == StatusTimedout || status == StatusError
}

// Cluster is the evidence a Sonobuoy results tarball (or directory), a run
// directory or a separate nodes file holds about the cluster and the
// plugins or sets that ran.
type Cluster struct {
	// Source is the tarball or directory, or the nodes file.
	Source string `json:"source"`
	// Kind is KindSonobuoy, KindRun or KindNodes.
	Kind string `json:"kind"`
	// ServerVersion is the API server's gitVersion (serverversion.json).
	ServerVersion string `json:"serverVersion,omitempty"`
	// SonobuoyVersion is the Sonobuoy version (meta/config.json).
	SonobuoyVersion string `json:"sonobuoyVersion,omitempty"`
	// NodesFile is the nodes file read, such as
	// resources/cluster/core_v1_nodes.json or cluster/nodes.json; "" when
	// there is none.
	NodesFile string `json:"nodesFile,omitempty"`
	// Nodes are every node of the cluster, sorted by name.
	Nodes []Node `json:"nodes"`
	// Plugins are the plugins with results, a definition or logs, sorted
	// by name.
	Plugins []*Plugin `json:"plugins"`
	// Recording is the pods' placement the run recorded, if it did.
	Recording *Recording `json:"recording,omitempty"`
}

// recording returns the cluster's recording, adding one if needed.
func (c *Cluster) recording() *Recording {
	if c.Recording == nil {
		c.Recording = newRecording()
	}
	return c.Recording
}

// Node is one node of the cluster, as the nodes file shows it.
type Node struct {
	Name string `json:"name"`
	// OS is status.nodeInfo.operatingSystem or, when empty, the
	// kubernetes.io/os label: "windows", "linux", or another value.
	OS            string `json:"os"`
	KernelVersion string `json:"kernelVersion,omitempty"`
	OSImage       string `json:"osImage,omitempty"`
	// WindowsBuild is the node.kubernetes.io/windows-build label.
	WindowsBuild            string `json:"windowsBuild,omitempty"`
	KubeletVersion          string `json:"kubeletVersion,omitempty"`
	ContainerRuntimeVersion string `json:"containerRuntimeVersion,omitempty"`
	Ready                   bool   `json:"ready"`
}

// Windows reports whether the node runs Windows.
func (n Node) Windows() bool { return strings.EqualFold(n.OS, "windows") }

// Build is the node's Windows build: the kernel version the kubelet reports
// (such as 10.0.20348.2340) or, when it is empty, the
// node.kubernetes.io/windows-build label (such as 10.0.20348).
func (n Node) Build() string {
	if n.KernelVersion != "" {
		return n.KernelVersion
	}
	return n.WindowsBuild
}

// Plugin is a Sonobuoy plugin of the results, or a set of a run directory.
type Plugin struct {
	Name string `json:"name"`
	// Testcases is the number of testcases of its JUnit results.
	Testcases int `json:"testcases"`
	// Distros are the --node-os-distro values its run used, each with the
	// file that shows it: its definition (E2E_EXTRA_ARGS, command, args)
	// and the go-runner command line in its logs. A command line without
	// the flag shows e2e.test's default, debian.
	Distros []Distro `json:"distros,omitempty"`
	// Errors are the errors Sonobuoy recorded for the plugin
	// (plugins/NAME/errors/NODE/error.json).
	Errors []string `json:"errors,omitempty"`
}

// Distro is a --node-os-distro value and where it was found.
type Distro struct {
	Value string `json:"value"`
	From  string `json:"from"`
}

// VersionFile names the file the cluster's server version was read from.
func (c *Cluster) VersionFile() string {
	if c.Kind == KindRun {
		return runlayout.Version
	}
	return "serverversion.json"
}

// windowsNodes returns the Windows nodes.
func (c *Cluster) windowsNodes() []Node {
	var out []Node
	for _, n := range c.Nodes {
		if n.Windows() {
			out = append(out, n)
		}
	}
	return out
}

// plugin returns the named plugin, adding it if needed.
func (c *Cluster) plugin(name string) *Plugin {
	for _, p := range c.Plugins {
		if p.Name == name {
			return p
		}
	}
	p := &Plugin{Name: name}
	c.Plugins = append(c.Plugins, p)
	slices.SortFunc(c.Plugins, func(a, b *Plugin) int { return strings.Compare(a.Name, b.Name) })
	return p
}
