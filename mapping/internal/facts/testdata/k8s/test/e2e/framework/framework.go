// Package framework stands in for the e2e framework.
package framework

import "k8s.io/kubernetes/third_party/ginkgo"

// Framework creates a namespace per spec.
type Framework struct {
	BaseName  string
	Namespace string
}

// TestContext holds the test flags.
var TestContext struct {
	Provider     string
	NodeOSDistro string
}

func NewDefaultFramework(baseName string) *Framework {
	return NewFramework(baseName, nil)
}

func NewFramework(baseName string, client interface{}) *Framework {
	f := &Framework{BaseName: baseName}
	ginkgo.BeforeEach(f.BeforeEach)
	return f
}

func NewFrameworkWithCustomTimeouts(baseName string, timeout int) *Framework {
	f := NewDefaultFramework(baseName)
	return f
}

func (f *Framework) BeforeEach() { f.Namespace = f.BaseName }

func (f *Framework) It(text string, args ...interface{}) bool { return ginkgo.It(text, args...) }

func It(text string, args ...interface{}) bool { return ginkgo.It(text, args...) }

func ConformanceIt(text string, args ...interface{}) bool { return ginkgo.It(text, args...) }

func Context(text string, args ...interface{}) bool { return ginkgo.Context(text, args...) }

// SIGDescribe returns a Describe for a SIG.
func SIGDescribe(sig string) func(string, ...interface{}) bool {
	return func(text string, args ...interface{}) bool {
		return ginkgo.Describe("[sig-"+sig+"] "+text, args...)
	}
}

func NodeOSDistroIs(distros ...string) bool {
	for _, d := range distros {
		if d == TestContext.NodeOSDistro {
			return true
		}
	}
	return false
}

func ProviderIs(providers ...string) bool {
	for _, p := range providers {
		if p == TestContext.Provider {
			return true
		}
	}
	return false
}
