// Package pod has pod helpers.
package pod

import (
	v1 "k8s.io/kubernetes/test/fakeapi/core/v1"
	imageutils "k8s.io/kubernetes/test/utils/image"
)

// Creator creates pods.
type Creator interface {
	Create(p *v1.Pod) *v1.Pod
}

func MakePod(name, image string) *v1.Pod {
	return &v1.Pod{Name: name, Spec: v1.PodSpec{Containers: []v1.Container{{Name: name, Image: image}}}}
}

func DefaultImage() string { return imageutils.GetE2EImage(imageutils.BusyBox) }
