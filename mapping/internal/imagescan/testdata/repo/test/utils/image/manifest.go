package image

// ImageID is an e2e test image.
type ImageID int

const (
	// None is to be used for unset/default images
	None ImageID = iota
	Agnhost
	BusyBox
	Pause
	Nginx
	Httpd
	// Unused is declared but no spec refers to it.
	Unused
)

// notAnImage is an untyped constant of the same block style.
const notAnImage = 3

// imageConfigs is a registry table: following it would make every caller
// of GetE2EImage use every image.
var imageConfigs = initImageConfigs()

func initImageConfigs() map[ImageID]string {
	return map[ImageID]string{
		Agnhost: "agnhost",
		BusyBox: "busybox",
		Pause:   "pause",
		Nginx:   "nginx",
		Httpd:   "httpd",
		Unused:  "unused",
	}
}

// GetE2EImage returns the name of an image.
func GetE2EImage(id ImageID) string { return imageConfigs[id] }

// GetPauseImageName returns the pause image.
func GetPauseImageName() string { return GetE2EImage(Pause) }
