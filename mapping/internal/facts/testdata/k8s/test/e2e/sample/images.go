package sample

import (
	"context"

	"k8s.io/kubernetes/test/e2e/framework"
	e2epod "k8s.io/kubernetes/test/e2e/framework/pod"
	"k8s.io/kubernetes/test/e2e/sample/creators"
	v1 "k8s.io/kubernetes/test/fakeapi/core/v1"
	imageutils "k8s.io/kubernetes/test/utils/image"
	"k8s.io/kubernetes/third_party/ginkgo"
)

// newFramework returns a framework, as some helpers do.
func newFramework(name string) *framework.Framework {
	return framework.NewDefaultFramework(name + "-x")
}

const helperName = "images-helper"

// common holds a framework, as some test helpers do.
type common struct {
	f *framework.Framework
}

func newCommon() common {
	name := "in-struct"
	return common{f: framework.NewDefaultFramework(name)}
}

// maker holds a function in a field.
type maker struct {
	make func() string
}

// dialer creates pods with a method.
type dialer struct{}

func (dialer) dial() string { return imageutils.GetE2EImage(imageutils.Redis) }

var _ = ginkgo.Describe("Images", func() {
	f := newFramework(helperName)
	_ = f

	createNginx := func() *v1.Pod {
		return e2epod.MakePod("n", imageutils.GetE2EImage(imageutils.Nginx))
	}

	ginkgo.It("uses images directly", func(ctx context.Context) { // spec:direct
		_ = e2epod.MakePod("a", imageutils.GetE2EImage(imageutils.Agnhost))
		_ = imageutils.GetPauseImageName()
	})

	ginkgo.It("uses an image through an interface", func(ctx context.Context) { // spec:iface
		var c e2epod.Creator = creators.New()
		_ = c.Create(e2epod.MakePod("b", ""))
	})

	ginkgo.It("uses an image through a closure", func(ctx context.Context) { // spec:closure
		_ = createNginx()
	})

	ginkgo.It("uses an image through a method", func(ctx context.Context) { // spec:method
		var d dialer
		_ = d.dial()
	})

	ginkgo.It("uses nothing", func(ctx context.Context) { // spec:none
	})

	ginkgo.It("uses an image through a function field", func(ctx context.Context) { // spec:field
		m := maker{make: func() string { return "" }}
		_ = m.make()
	})

	ginkgo.DescribeTable("table",
		func(ctx context.Context, id imageutils.ImageID) {
			_ = imageutils.GetE2EImage(imageutils.Httpd)
		},
		ginkgo.Entry("with redis", imageutils.Redis), // spec:entry
	)

	ginkgo.Context("variables", func() {
		var out string

		ginkgo.It("writes a variable of its container", func(ctx context.Context) { // spec:writer
			out = imageutils.GetE2EImage(imageutils.Httpd)
		})

		ginkgo.It("reads it", func(ctx context.Context) { // spec:reader
			_ = out
		})
	})

	for _, tc := range []struct{ id imageutils.ImageID }{{imageutils.Nginx}, {imageutils.Pause}} {
		ginkgo.It("is declared in a loop", func(ctx context.Context) { // spec:loop
			_ = imageutils.GetE2EImage(tc.id)
		})
	}

	ginkgo.Context("struct", func() {
		c := &struct{ common }{newCommon()}

		ginkgo.It("gets its framework from a struct", func(ctx context.Context) { // spec:structfw
			_ = c
		})
	})

	ginkgo.Context("setup", func() {
		ginkgo.BeforeEach(func() {
			_ = e2epod.DefaultImage()
		})
		ginkgo.AfterEach(func() {
			_ = imageutils.GetE2EImage(imageutils.Agnhost)
		})

		framework.ConformanceIt("uses the images of its setup nodes", func(ctx context.Context) { // spec:setup
		})
	})
})

// otherMaker gives maker.make another value, which every spec calling
// make may run.
var otherMaker = maker{make: func() string { return imageutils.GetE2EImage(imageutils.BusyBox) }}
