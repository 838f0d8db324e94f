package cueload_test

import (
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"

	"sigs.k8s.io/wincspec/spec/cueload"
)

func ExampleLoad() {
	// A specification is a CUE module: the schema and profiles at its root,
	// requirements in one directory per profile.
	fsys := fstest.MapFS{}
	for _, name := range []string{"cue.mod/module.cue", "schema.cue", "profiles.cue"} {
		data, _ := fs.ReadFile(os.DirFS(".."), name) // the repository's spec/
		fsys[name] = &fstest.MapFile{Data: data}
	}
	fsys["core/net.cue"] = &fstest.MapFile{Data: []byte(`package spec

requirements: "CORE-NET-08": {
	title:     "Write to a hostPath volume"
	statement: "A Windows pod MUST be able to write to a hostPath volume."
	source: {section: "Basic Networking", bullet: 0}
	profile:  "core"
	category: "networking"
	since:    "1.23"
	tests: []
}
`)}
	_, err := cueload.Load(fsys, ".", "myspec")
	fmt.Println(err)
	// Output:
	// myspec/core/net.cue:6:48: requirements."CORE-NET-08".source.bullet: invalid value 0 (out of bound >=1)
}
