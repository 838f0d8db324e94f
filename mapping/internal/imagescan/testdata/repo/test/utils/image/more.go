package image

// GetNginxImage refers to a constant declared in another file.
func GetNginxImage() string { return GetE2EImage(Nginx) }
