// Package v1 stands in for k8s.io/api/core/v1.
package v1

const LabelOSStable = "kubernetes.io/os"

// OSName is an operating system name.
type OSName string

const (
	Linux   OSName = "linux"
	Windows OSName = "windows"
)

type Pod struct {
	Name string
	Spec PodSpec
}

type PodSpec struct {
	NodeSelector map[string]string
	Affinity     *Affinity
	OS           *PodOS
	Containers   []Container
}

type Container struct {
	Name  string
	Image string
}

type PodOS struct {
	Name OSName
}

type Affinity struct {
	NodeAffinity *NodeAffinity
}

type NodeAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution *NodeSelector
}

type NodeSelector struct {
	NodeSelectorTerms []NodeSelectorTerm
}

type NodeSelectorTerm struct {
	MatchExpressions []NodeSelectorRequirement
}

type NodeSelectorOperator string

const (
	NodeSelectorOpIn    NodeSelectorOperator = "In"
	NodeSelectorOpNotIn NodeSelectorOperator = "NotIn"
)

type NodeSelectorRequirement struct {
	Key      string
	Operator NodeSelectorOperator
	Values   []string
}
