package spec_test

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"sigs.k8s.io/wincspec/spec"
)

func ExampleDefault() {
	s, err := spec.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range s.Profiles {
		fmt.Printf("%s: %d requirements\n", p.ID, len(s.ByProfile(p.ID)))
	}
	r := s.Requirement("CORE-NET-08")
	fmt.Println(r.ID, r.Title, "-", r.Source.Section, "bullet", r.Source.Bullet)
	// Output:
	// core: 24 requirements
	// hostProcess: 5 requirements
	// activeDirectory: 3 requirements
	// networkPolicy: 2 requirements
	// serviceProxy: 4 requirements
	// CORE-NET-08 Write to a hostPath volume - Basic Networking bullet 8
}

func ExampleLoad() {
	// A specification is a CUE module: the schema and profiles at its root,
	// requirements in one directory per profile.
	fsys := fstest.MapFS{}
	for _, name := range []string{"cue.mod/module.cue", "schema.cue", "profiles.cue"} {
		data, _ := fs.ReadFile(spec.FS(), name)
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
	_, err := spec.Load(fsys, ".", "myspec")
	fmt.Println(err)
	// Output:
	// myspec/core/net.cue:6:48: requirements."CORE-NET-08".source.bullet: invalid value 0 (out of bound >=1)
}
