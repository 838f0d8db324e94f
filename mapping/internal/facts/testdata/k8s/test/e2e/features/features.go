// Package features declares feature gate names.
package features

import "k8s.io/kubernetes/test/e2e/framework/skipper"

const Foo skipper.Feature = "Foo"
