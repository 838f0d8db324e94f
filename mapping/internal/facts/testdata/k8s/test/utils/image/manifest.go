// Package image stands in for the e2e test images.
package image

// ImageID identifies a test image.
type ImageID int

const (
	// None is to be used for unset/default images.
	None ImageID = iota
	Agnhost
	BusyBox
	Httpd
	Nginx
	Pause
	Redis
)

// imageConfigs is a registry table holding every image.
var imageConfigs = map[ImageID]string{
	Agnhost: "agnhost",
	BusyBox: "busybox",
	Httpd:   "httpd",
	Nginx:   "nginx",
	Pause:   "pause",
	Redis:   "redis",
}

func GetE2EImage(id ImageID) string { return imageConfigs[id] }

func GetPauseImageName() string { return GetE2EImage(Pause) }
