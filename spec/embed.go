package spec

import "embed"

// files is the default specification, as committed.
//
//go:embed cue.mod/module.cue *.cue core/*.cue hostprocess/*.cue activedirectory/*.cue networkpolicy/*.cue serviceproxy/*.cue
var files embed.FS

// FS returns the embedded default specification, rooted at its module root.
func FS() embed.FS { return files }

// Default loads the specification embedded in the binary. Positions name
// files as spec/<dir>/<file>.cue, as in the repository.
func Default() (*Spec, error) {
	return Load(files, ".", "spec")
}
