package sample

import (
	"k8s.io/kubernetes/test/e2e/framework"
	e2epod "k8s.io/kubernetes/test/e2e/framework/pod"
)

// modelPod pins its pod to Windows when the node OS distro is Windows, as
// the network policy model does.
func modelPod(name string) interface{} {
	pod := e2epod.MakePod(name, "")
	if framework.NodeOSDistroIs("windows") {
		pod.Spec.NodeSelector = map[string]string{
			"kubernetes.io/os": "windows", // at:distro
		}
	}
	return pod
}
