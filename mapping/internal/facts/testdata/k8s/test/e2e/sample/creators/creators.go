// Package creators implements pod creators.
package creators

import (
	e2epod "k8s.io/kubernetes/test/e2e/framework/pod"
	v1 "k8s.io/kubernetes/test/fakeapi/core/v1"
	imageutils "k8s.io/kubernetes/test/utils/image"
)

// New returns a creator.
func New() e2epod.Creator { return &HttpdCreator{} }

// HttpdCreator implements e2epod.Creator.
type HttpdCreator struct{}

func (c *HttpdCreator) Create(p *v1.Pod) *v1.Pod {
	p.Spec.Containers[0].Image = imageutils.GetE2EImage(imageutils.Httpd)
	return p
}

// Other has a Create method of another signature: not a Creator.
type Other struct{}

func (Other) Create(name string) string { return imageutils.GetE2EImage(imageutils.Redis) }
