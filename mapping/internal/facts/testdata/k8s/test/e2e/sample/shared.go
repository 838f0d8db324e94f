package sample

import (
	"context"

	"k8s.io/kubernetes/test/e2e/framework"
	e2eskipper "k8s.io/kubernetes/test/e2e/framework/skipper"
	imageutils "k8s.io/kubernetes/test/utils/image"
	"k8s.io/kubernetes/third_party/ginkgo"
)

// defineSharedTests declares specs for its callers.
func defineSharedTests(f *framework.Framework, id imageutils.ImageID) {
	f.It("shared spec", func(ctx context.Context) { // spec:shared
		_ = imageutils.GetE2EImage(id)
	})
}

var _ = ginkgo.Describe("Shared", func() {
	f := framework.NewDefaultFramework("shared")
	ginkgo.BeforeEach(func() {
		_ = imageutils.GetPauseImageName()
	})
	defineSharedTests(f, imageutils.Agnhost)
})

// TestSuite is a storage-like test suite.
type TestSuite interface {
	DefineTests(name string)
}

type volumeSuite struct{}

func (volumeSuite) DefineTests(name string) {
	f := framework.NewFrameworkWithCustomTimeouts("volume", 1)
	ginkgo.It("stores data", func(ctx context.Context) { // spec:suite
		_ = f
	})
}

// RegisterTests declares a suite's specs in a container.
func RegisterTests(s TestSuite) {
	framework.Context("suite", func() {
		s.DefineTests("x")
	})
}

var _ = ginkgo.Describe("Storage", func() {
	ginkgo.BeforeEach(func() {
		e2eskipper.SkipUnlessNodeCountIsAtLeast(1) // at:suiteskip
	})
	RegisterTests(volumeSuite{})
})

var _ = ginkgo.Describe("Named container", describeNamed)

func describeNamed() {
	framework.NewDefaultFramework("named")
	ginkgo.Specify("in a named container", func() { // spec:named
	})
}

// nothing here // spec:unresolved
