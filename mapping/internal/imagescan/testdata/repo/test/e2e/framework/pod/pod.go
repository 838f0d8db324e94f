package pod

import (
	"k8s.io/kubernetes/test/e2e/framework"
	imageutils "k8s.io/kubernetes/test/utils/image"
)

// MakePod returns a pod running image.
func MakePod(image string) string { return image }

// GetDefaultTestImage picks the image by OS at run time.
func GetDefaultTestImage() string {
	if framework.NodeOSDistroIs("windows") {
		return imageutils.GetE2EImage(imageutils.Agnhost)
	}
	return imageutils.GetE2EImage(imageutils.BusyBox)
}

// PodClient creates pods.
type PodClient struct {
	*framework.Framework
	inner *helper
}

type helper struct{}

// Create creates a pod.
func (*helper) Create() { MakePod(imageutils.GetE2EImage(imageutils.Httpd)) }

// NewPodClient returns a pod client.
func NewPodClient(f *framework.Framework) *PodClient { return &PodClient{Framework: f} }

// CreateNginx creates an nginx pod.
func (c *PodClient) CreateNginx() string {
	return MakePod(imageutils.GetE2EImage(imageutils.Nginx))
}

// Inner returns the helper.
func (c *PodClient) Inner() *helper { return c.inner }
