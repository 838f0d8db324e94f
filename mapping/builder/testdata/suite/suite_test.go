// Package tinysuite is a small, real Ginkgo suite whose spec names are
// chosen to be hard for focus and skip expressions: brackets, parentheses,
// dots, "|", quotes, regexp metacharacters, shared prefixes, names that are
// prefixes of others, empty container texts, tables, labels and the tags the
// Kubernetes framework uses.
package tinysuite

import (
	"flag"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/reporters"
)

// The e2e.test flags that wincspec's generated commands pass. Only
// --report-dir does anything here: like the Kubernetes e2e framework, the
// suite writes junit_01.xml there.
var (
	reportDir = flag.String("report-dir", "", "directory for junit_01.xml")
	_         = flag.String("kubeconfig", "", "ignored")
	_         = flag.String("node-os-distro", "", "ignored")
	_         = flag.String("non-blocking-taints", "", "ignored")
	_         = flag.Bool("prepull-images", false, "ignored")
)

func TestSuite(t *testing.T) {
	RunSpecs(t, "Kubernetes e2e suite")
}

var _ = ReportAfterSuite("junit", func(r Report) {
	if *reportDir == "" {
		return
	}
	err := reporters.GenerateJUnitReportWithConfig(r, filepath.Join(*reportDir, "junit_01.xml"), reporters.JunitReportConfig{OmitSpecLabels: true, OmitFailureMessageAttr: true})
	if err != nil {
		panic(err)
	}
})

var _ = Describe("[sig-windows] [Feature:Windows] Hybrid network", Label("sig-windows", "Feature:Windows"), func() {
	It("should reach a Linux pod (by pod IP)", func() {})
	It("should reach a Linux pod (by pod IP) over UDP", func() {})
	It("should reach a Linux pod", func() {})
	It("should reach a.b|c.d and \"quoted\" names", func() {})
	It("should survive a node reboot [Serial] [Disruptive]", Serial, Label("Serial", "Disruptive"), func() {})
	Context("", func() {
		It("runs inside an empty context", func() {})
	})
})

var _ = Describe("[sig-network] Services", Label("sig-network"), func() {
	It("should serve a basic endpoint from pods [Conformance]", Label("Conformance"), func() {})
	It("should serve a basic endpoint from pods [Conformance] over IPv6 [LinuxOnly]", Label("Conformance"), func() {})
	It("should be $5 ^cheap^ *or* +free+? {1,2} \\backslash\\", func() {})
	It("should work after the service has been recreated", func() {})
	It("should work after the service has been recreated [Flaky]", func() {})
	DescribeTable("should route by type",
		func(kind string) {},
		Entry("ClusterIP", "ClusterIP"),
		Entry("NodePort", "NodePort"),
		Entry("NodePort [Feature:NodePortRange]", Label("Feature:NodePortRange"), "NodePort"),
	)
})

var _ = Describe("[sig-storage] HostPath", Label("sig-storage"), func() {
	It("should support r/w [NodeConformance]", Label("NodeConformance"), func() {})
	It("should support r/w [NodeConformance] naïvely", func() {})
	It("should support subPath [Slow] [Feature:Volumes]", Label("Slow", "Feature:Volumes"), func() {})
})

var _ = Describe("Kubernetes e2e suite lookalike", func() {
	It("starts with the suite description", func() {})
})
