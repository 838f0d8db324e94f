// Package labels stands in for k8s.io/apimachinery/pkg/labels.
package labels

// Set is a label set, used to select nodes, not to pin pods.
type Set map[string]string

func (s Set) String() string { return "" }
