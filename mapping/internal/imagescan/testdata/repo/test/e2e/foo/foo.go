package foo

import (
	"context"

	"github.com/onsi/ginkgo/v2"

	"k8s.io/kubernetes/test/e2e/framework"
	e2epod "k8s.io/kubernetes/test/e2e/framework/pod"
	imageutils "k8s.io/kubernetes/test/utils/image"
)

// sharedImage is followed to its initialiser.
var sharedImage = imageutils.GetE2EImage(imageutils.Httpd)

// initImage is followed to the value init assigns it.
var initImage string

func init() {
	initImage = imageutils.GetE2EImage(imageutils.Nginx)
}

var _ = ginkgo.Describe("foo", func() {
	f := framework.NewDefaultFramework("foo")

	ginkgo.It("has no image", func() { // spec:none
	})

	ginkgo.It("refers to an image", func(ctx context.Context) { // spec:direct
		_ = imageutils.GetE2EImage(imageutils.Agnhost)
	})

	ginkgo.It("calls an image function", func() { // spec:pausefunc
		_ = imageutils.GetPauseImageName()
		_ = imageutils.GetNginxImage()
	})

	framework.ConformanceIt("calls a helper of another package", func() { // spec:crosspkg
		e2epod.MakePod(e2epod.GetDefaultTestImage())
	})

	f.It("calls a cycle", framework.WithSlow(), func() { // spec:cycle
		ping(3)
	})

	ginkgo.It("has a named body", namedBody) // spec:named

	ginkgo.It("uses a package variable", func() { // spec:pkgvar
		e2epod.MakePod(sharedImage)
		e2epod.MakePod(initImage)
	})

	ginkgo.
		It( // spec:multiline
			"spans lines",
			func() {
				_ = imageutils.GetE2EImage(imageutils.BusyBox)
			})

	ginkgo.Context("with setup", func() {
		var pod string
		createPod := func() string {
			return e2epod.MakePod(imageutils.GetE2EImage(imageutils.Nginx))
		}
		ginkgo.BeforeEach(func() {
			pod = e2epod.MakePod(imageutils.GetE2EImage(imageutils.Pause))
		})
		ginkgo.AfterEach(cleanup)

		ginkgo.It("calls a closure", func() { // spec:closure
			_ = createPod()
			_ = pod
		})

		ginkgo.Context("nested", func() {
			ginkgo.JustBeforeEach(func() {
				ginkgo.DeferCleanup(func() { _ = imageutils.GetE2EImage(imageutils.Agnhost) })
			})
			ginkgo.It("inherits setup", func() {}) // spec:nested
		})
	})

	ginkgo.Context("sibling", func() {
		ginkgo.It("does not see the other context's setup", func() {}) // spec:sibling
	})

	ginkgo.It("resolves methods by type", func() { // spec:methods
		c := e2epod.NewPodClient(f)
		c.CreateNginx()
		c.Inner().Create()
		var s scenario = fast{}
		_ = s.Pod()
	})

	ginkgo.DescribeTable("table",
		func(image string, n int) {
			_ = imageutils.GetE2EImage(imageutils.BusyBox)
		},
		ginkgo.Entry("nginx", imageutils.GetE2EImage(imageutils.Nginx), 1), // spec:entry
		ginkgo.Entry("plain", "", 2),                                       // spec:entry2
	)

	ginkgo.DescribeTable("named table", tableBody,
		ginkgo.Entry(nil, 1), // spec:entry3
	)

	defineTests(imageutils.GetE2EImage(imageutils.Httpd))
})

var _ = ginkgo.Describe("helper caller", func() {
	ginkgo.BeforeEach(func() { _ = imageutils.GetPauseImageName() })
	defineTests("")
})

// defineTests declares specs for its callers, whose setup applies.
func defineTests(image string) {
	ginkgo.It("is declared in a helper", func() { // spec:helper
		e2epod.MakePod(image)
	})
}

func namedBody(ctx context.Context) {
	_ = imageutils.GetE2EImage(imageutils.Httpd)
}

func tableBody(n int) { e2epod.MakePod(e2epod.GetDefaultTestImage()) }

func ping(n int) {
	if n > 0 {
		pong(n - 1)
	}
}

func pong(n int) {
	_ = imageutils.GetE2EImage(imageutils.BusyBox)
	ping(n)
}

func cleanup() { _ = imageutils.GetE2EImage(imageutils.Agnhost) }

// other has a method named like PodClient's: type inference keeps it out.
type other struct{}

func (other) CreateNginx() { _ = imageutils.GetE2EImage(imageutils.Unused) }

// scenario is implemented in this package.
type scenario interface{ Pod() string }

type fast struct{}

func (fast) Pod() string { return imageutils.GetE2EImage(imageutils.Agnhost) }
