//go:build tools

// This file records the ginkgo CLI as a dependency, so that tests can build
// it with "go build github.com/onsi/ginkgo/v2/ginkgo" in this module.
package tinysuite

import _ "github.com/onsi/ginkgo/v2/ginkgo"
