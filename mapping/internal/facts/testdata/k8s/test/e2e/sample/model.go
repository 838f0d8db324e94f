package sample

import (
	"k8s.io/kubernetes/test/e2e/framework"
	e2epod "k8s.io/kubernetes/test/e2e/framework/pod"
	v1 "k8s.io/kubernetes/test/fakeapi/core/v1"
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

// distroPod pins its pod to the node OS distro: only the Windows pin
// applies to Windows runs.
func distroPod(name string) interface{} {
	pod := e2epod.MakePod(name, "")
	if framework.NodeOSDistroIs("windows") {
		pod.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "windows"} // at:distro2
	} else {
		pod.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "linux"}
	}
	if !framework.NodeOSDistroIs("windows") {
		pod.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "linux"}
	}
	if framework.NodeOSDistroIs("gci") {
		pod.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "linux"} // at:gci
	}
	return pod
}

// pinTo pins a pod to os.
func pinTo(pod *v1.Pod, os string) {
	pod.Spec.NodeSelector = map[string]string{v1.LabelOSStable: os} // at:pinto
}

// pinVia passes its os on.
func pinVia(pod *v1.Pod, os string) { pinTo(pod, os) }

// distroForward pins through pinTo under the distro test.
func distroForward(name string) interface{} {
	pod := e2epod.MakePod(name, "")
	if framework.NodeOSDistroIs("windows") {
		pinVia(pod, "windows")
	}
	return pod
}
