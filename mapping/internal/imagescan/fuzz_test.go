package imagescan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzScan scans a fake repository whose spec file is the fuzzed source, at
// every line, and checks the result is consistent.
func FuzzScan(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join(fakeRepo, filepath.FromSlash(specFile)))
	if err != nil {
		f.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(fakeRepo, filepath.FromSlash(manifestFile)))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add("package foo\nvar _ = It(\"x\", func() { It() })\n")
	f.Add("package foo\nfunc f[T any](x T) { DescribeTable(); Entry(x.M()); for _, y := range x { y.N() } }\n")
	f.Fuzz(func(t *testing.T, src string) {
		repo := t.TempDir()
		for name, data := range map[string][]byte{manifestFile: manifest, specFile: []byte(src)} {
			p := filepath.Join(repo, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var locs []Location
		for line := range min(strings.Count(src, "\n")+1, 200) {
			locs = append(locs, Location{File: specFile, Line: line + 1})
		}
		res, err := Scan(repo, locs)
		if err != nil {
			return // not Go source
		}
		for _, l := range locs {
			_, ok := res.Images[l]
			if ok == slices.Contains(res.Unresolved, l) {
				t.Errorf("%v: resolved %v, and in Unresolved %v", l, ok, !ok)
			}
		}
		for l, refs := range res.Images {
			for i, r := range refs {
				if i > 0 && refs[i-1].ID >= r.ID {
					t.Errorf("%v: got %q after %q, want sorted unique IDs", l, r.ID, refs[i-1].ID)
				}
				if r.Kind != kindDirect && r.Kind != kindReachable || !slices.Contains(res.IDs, r.ID) {
					t.Errorf("%v: got %+v, want a known ID and kind", l, r)
				}
			}
		}
	})
}
