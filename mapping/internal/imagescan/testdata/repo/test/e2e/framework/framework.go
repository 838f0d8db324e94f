package framework

import "github.com/onsi/ginkgo/v2"

// Framework is the e2e test framework.
type Framework struct{ Name string }

// NewDefaultFramework returns a framework.
func NewDefaultFramework(name string) *Framework {
	f := &Framework{Name: name}
	ginkgo.BeforeEach(func() {})
	return f
}

// It declares a spec.
func (f *Framework) It(args ...interface{}) bool { return ginkgo.It("", args...) }

// It declares a spec.
func It(args ...interface{}) bool { return ginkgo.It("", args...) }

// ConformanceIt declares a conformance spec.
func ConformanceIt(args ...interface{}) bool { return ginkgo.It("", args...) }

// WithSlow is a decorator.
func WithSlow() interface{} { return nil }

// NodeOSDistroIs reports the node OS.
func NodeOSDistroIs(string) bool { return false }
