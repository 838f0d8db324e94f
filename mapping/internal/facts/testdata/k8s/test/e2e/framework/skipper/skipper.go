// Package skipper stands in for the e2e framework's skipper.
package skipper

import (
	"fmt"

	"k8s.io/kubernetes/test/e2e/framework"
	"k8s.io/kubernetes/third_party/ginkgo"
)

// Feature is a feature gate name.
type Feature string

func skipInternalf(caller int, format string, args ...interface{}) {
	ginkgo.Skip(fmt.Sprintf(format, args...), caller+1)
}

func Skipf(format string, args ...interface{}) { skipInternalf(1, format, args...) }

// Skip is an alias for ginkgo.Skip.
var Skip = ginkgo.Skip

func SkipUnlessProviderIs(providers ...string) {
	if !framework.ProviderIs(providers...) {
		skipInternalf(1, "provider")
	}
}

func SkipIfProviderIs(providers ...string) {
	if framework.ProviderIs(providers...) {
		skipInternalf(1, "provider")
	}
}

func SkipUnlessNodeOSDistroIs(distros ...string) {
	if !framework.NodeOSDistroIs(distros...) {
		skipInternalf(1, "distro")
	}
}

func SkipIfNodeOSDistroIs(distros ...string) {
	if framework.NodeOSDistroIs(distros...) {
		skipInternalf(1, "distro")
	}
}

func SkipUnlessFeatureGateEnabled(gate Feature) { skipInternalf(1, "gate %s", gate) }

func SkipUnlessNodeCountIsAtLeast(n int) { skipInternalf(1, "nodes %d", n) }

func SkipUnlessSSHKeyPresent() { skipInternalf(1, "ssh") }
