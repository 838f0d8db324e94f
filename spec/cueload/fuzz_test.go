package cueload_test

import (
	"testing"
	"testing/fstest"

	"sigs.k8s.io/wincspec/spec/cueload"
)

// FuzzLoad feeds arbitrary CUE text to the loader as one more file of the
// real specification. Load must return either a specification or an error
// with a position, and never panic.
func FuzzLoad(f *testing.F) {
	base := specFS(f)
	f.Add("package spec\n")
	f.Add("package spec\n\nrequirements: \"X-01\": {title: \"t\"}\n")
	f.Add("package spec\n\nrequirements: \"CORE-NET-01\": tests: [{match: \"(\", coverage: \"full\", why: \"w\"}]\n")
	f.Add("package spec\n\nrequirements: \"NEW-01\": {\n\ttitle: \"t\"\n\tstatement: \"It MUST.\"\n\tsource: {section: \"s\", bullet: 1}\n\tprofile: \"core\"\n\tcategory: \"networking\"\n\tsince: \"1.30\"\n\ttests: [{labels: \"Feature: containsAny {a}\", coverage: \"partial\", why: \"w\"}]\n}\n")
	f.Add("package spec\n\nprofiles: core: gating: false\n")
	f.Add("package spec\nimport \"strings\"\nx: strings.Repeat(\"a\", 3)\n")
	f.Add("{{{")
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["core/fuzz.cue"] = &fstest.MapFile{Data: []byte(src)}
		s, err := cueload.Load(fsys, ".", "spec")
		if (s == nil) == (err == nil) {
			t.Fatalf("Load returned spec %v and error %v: want exactly one", s != nil, err)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
		if s != nil && len(s.Requirements) < fixtureRequirements {
			t.Fatalf("a successful load lost requirements: %d", len(s.Requirements))
		}
	})
}
