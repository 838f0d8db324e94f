package sample

import (
	"context"

	"k8s.io/kubernetes/test/e2e/features"
	"k8s.io/kubernetes/test/e2e/framework"
	e2eskipper "k8s.io/kubernetes/test/e2e/framework/skipper"
	"k8s.io/kubernetes/third_party/ginkgo"
)

// skipAlways skips whenever it is called.
func skipAlways() {
	e2eskipper.Skipf("not ready") // at:helperskip
}

var _ = ginkgo.Describe("Skips", func() {
	f := framework.NewDefaultFramework("skips")

	ginkgo.BeforeEach(func() {
		e2eskipper.SkipUnlessProviderIs("gce", "gke") // at:provider
	})

	ginkgo.It("never runs", func(ctx context.Context) { // spec:always
		e2eskipper.Skipf("skipping test until fixed") // at:always
		_ = f
	})

	ginkgo.It("never runs either", func(ctx context.Context) { // spec:alwayshelper
		skipAlways()
	})

	ginkgo.It("may be skipped", func(ctx context.Context) { // spec:conditional
		if framework.TestContext.Provider == "local" {
			e2eskipper.Skipf("no local %s", framework.TestContext.Provider) // at:condskipf
		}
		if framework.TestContext.NodeOSDistro != "" {
			e2eskipper.SkipIfNodeOSDistroIs("windows") // at:distroskip
		}
		e2eskipper.SkipUnlessFeatureGateEnabled(features.Foo) // at:gate
		e2eskipper.SkipUnlessNodeCountIsAtLeast(2)            // at:count
		e2eskipper.SkipUnlessSSHKeyPresent()                  // at:ssh
		switch framework.TestContext.Provider {
		case "kind":
			ginkgo.Skip("kind") // at:ginkgoskip
		}
		for range 2 {
			e2eskipper.Skip("loop") // at:loopskip
		}
		if framework.TestContext.Provider == "" {
			return
		}
		e2eskipper.Skipf("after an early return") // at:afterreturn
	})

	ginkgo.It("calls a skipping helper conditionally", func(ctx context.Context) { // spec:condhelper
		if framework.TestContext.Provider == "aws" {
			skipAlways()
		}
	})

	ginkgo.It("defers a skip to a closure", func(ctx context.Context) { // spec:closureskip
		ginkgo.By("skipping", func() {
			e2eskipper.Skipf("in a closure") // at:closureskip
		})
	})

	ginkgo.Context("inner", func() {
		f2 := framework.NewFrameworkWithCustomTimeouts("skips-inner", 5)

		ginkgo.BeforeEach(func() {
			ginkgo.Skip("inner always skips") // at:innerskip
		})

		ginkgo.It("is skipped by its container", func(ctx context.Context) { // spec:inner
			_ = f2
		})
	})

	ginkgo.Context("sibling", func() {
		ginkgo.It("is not skipped by the inner container", func(ctx context.Context) { // spec:sibling
		})
	})
})
