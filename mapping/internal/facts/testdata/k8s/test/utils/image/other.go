package image

// NotInManifest is an ImageID declared outside manifest.go: not an image.
const NotInManifest ImageID = 99
