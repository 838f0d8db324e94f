// Package sample holds the specs the fixture tests analyse. A comment
// "spec:" followed by a name marks the line Ginkgo reports for that spec,
// and "at:" a line the expectations refer to.
package sample

import (
	"context"

	"k8s.io/kubernetes/test/e2e/framework"
	e2epod "k8s.io/kubernetes/test/e2e/framework/pod"
	e2eskipper "k8s.io/kubernetes/test/e2e/framework/skipper"
	v1 "k8s.io/kubernetes/test/fakeapi/core/v1"
	"k8s.io/kubernetes/test/fakeapi/labels"
	imageutils "k8s.io/kubernetes/test/utils/image"
	"k8s.io/kubernetes/third_party/ginkgo"
)

const (
	linuxOS   = "linux"
	windowsOS = "windows"
)

var sigDescribe = framework.SIGDescribe("windows")

// skipUnlessWindows wraps a container body with a BeforeEach skipping
// unless the node OS is Windows.
func skipUnlessWindows(cb func()) func() {
	return func() {
		ginkgo.BeforeEach(func() {
			e2eskipper.SkipUnlessNodeOSDistroIs("windows") // at:wrapperskip
		})
		cb()
	}
}

var _ = sigDescribe("Placement", skipUnlessWindows(func() {
	f := framework.NewDefaultFramework("placement")

	ginkgo.It("pins to windows", func(ctx context.Context) { // spec:windows
		pod := e2epod.MakePod("a", imageutils.GetE2EImage(imageutils.Agnhost))
		pod.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "windows"} // at:winsel
		_ = f
	})

	ginkgo.It("pins to linux", func(ctx context.Context) { // spec:linux
		pod := e2epod.MakePod("b", e2epod.DefaultImage())
		pod.Spec.Affinity = &v1.Affinity{NodeAffinity: &v1.NodeAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: &v1.NodeSelector{
				NodeSelectorTerms: []v1.NodeSelectorTerm{{
					MatchExpressions: []v1.NodeSelectorRequirement{{ // at:linaff
						Key:      v1.LabelOSStable,
						Operator: v1.NodeSelectorOpIn,
						Values:   []string{string(v1.Linux)},
					}},
				}},
			},
		}}
	})

	ginkgo.It("does not pin with NotIn", func(ctx context.Context) { // spec:notin
		pod := e2epod.MakePod("b", "")
		pod.Spec.Affinity = &v1.Affinity{NodeAffinity: &v1.NodeAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: &v1.NodeSelector{
				NodeSelectorTerms: []v1.NodeSelectorTerm{{
					MatchExpressions: []v1.NodeSelectorRequirement{{
						Key:      v1.LabelOSStable,
						Operator: v1.NodeSelectorOpNotIn,
						Values:   []string{string(v1.Windows)},
					}},
				}},
			},
		}}
	})

	ginkgo.Context("hybrid", func() {
		ginkgo.It("pins to both", func(ctx context.Context) { // spec:hybrid
			linuxPod := createTestPod(imageutils.GetE2EImage(imageutils.Nginx), linuxOS)
			windowsPod := createTestPod(imageutils.GetE2EImage(imageutils.Agnhost), windowsOS)
			_, _ = linuxPod, windowsPod
		})

		ginkgo.It("pins to linux through the helper", func(ctx context.Context) { // spec:hybridlinux
			_ = createTestPod(imageutils.GetE2EImage(imageutils.Nginx), linuxOS)
		})
	})

	ginkgo.It("selects nodes but does not pin", func(ctx context.Context) { // spec:unpinned
		selector := labels.Set{"kubernetes.io/os": "windows"}
		_ = selector.String()
		_ = e2epod.MakePod("c", "")
	})

	ginkgo.It("pins through a distro helper", func(ctx context.Context) { // spec:distro
		_ = modelPod("x")
	})

	ginkgo.It("pins through an if-else distro helper", func(ctx context.Context) { // spec:distroelse
		_ = distroPod("y")
	})

	ginkgo.It("pins through forwarded parameters under a distro test", func(ctx context.Context) { // spec:distrofwd
		_ = distroForward("z")
	})

	ginkgo.It("pins through forwarded parameters", func(ctx context.Context) { // spec:fwd
		pinVia(e2epod.MakePod("f", ""), linuxOS)
	})

	ginkgo.It("sets the pod OS", func(ctx context.Context) { // spec:podos
		pod := e2epod.MakePod("d", "")
		pod.Spec.OS = &v1.PodOS{Name: v1.Windows} // at:podos
	})

	ginkgo.It("sets the pod OS to a variable", func(ctx context.Context) { // spec:podosvar
		pod := e2epod.MakePod("d", "")
		name := v1.OSName(framework.TestContext.NodeOSDistro)
		pod.Spec.OS = &v1.PodOS{Name: name}
	})

	ginkgo.It("pins with an index assignment", func(ctx context.Context) { // spec:index
		pod := e2epod.MakePod("e", "")
		pod.Spec.NodeSelector[v1.LabelOSStable] = string(v1.Linux) // at:index
	})
}))

// createTestPod pins a pod to os.
func createTestPod(image string, os string) *v1.Pod {
	pod := e2epod.MakePod("pod-"+os, image)
	pod.Spec.NodeSelector = map[string]string{
		"kubernetes.io/os": os, // at:hybridsel
	}
	return pod
}
