package site

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// tinyInventory is an inventory of the given specs, through the codec, as
// a committed one would be.
func tinyInventory(release string, specs ...*mapping.Spec) *mapping.Inventory {
	var buf strings.Builder
	inv := &mapping.Inventory{Provenance: mapping.Provenance{Release: release, Method: "test"}, Specs: specs}
	if err := inventory.Encode(&buf, inv, "test"); err != nil {
		panic(err)
	}
	out, err := inventory.Decode([]byte(buf.String()), release)
	if err != nil {
		panic(err)
	}
	return out
}

// realResolution resolves the embedded specification against every
// embedded inventory.
func realResolution(t testing.TB) *mapping.Resolution {
	t.Helper()
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	invs, err := cat.All()
	if err != nil {
		t.Fatal(err)
	}
	res, err := mapping.Resolve(embedded.Spec(), invs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/golden/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run: go test ./compiler/site -run %s -update)", err, t.Name())
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run: go test ./compiler/site -run %s -update\ngot:\n%s", name, t.Name(), got)
	}
}

var pos = spec.Pos{File: "spec/core/net.cue", Line: 1, Column: 1}

// req is a requirement with the given tests, reviewed against its
// statement unless a test says Reviewed "-".
func req(id, profile string, tests ...spec.TestRef) *spec.Requirement {
	r := &spec.Requirement{ID: id, Profile: profile, Statement: "It MUST work.", Since: "1.23", Tests: tests, Pos: pos}
	for i := range r.Tests {
		r.Tests[i].Pos = pos
		if r.Tests[i].Reviewed == "-" {
			r.Tests[i].Reviewed = ""
		} else if r.Tests[i].Reviewed == "" {
			r.Tests[i].Reviewed = r.StatementHash()
		}
	}
	return r
}

// tinySpec is a specification of the given requirements with the core and
// hostProcess profiles.
func tinySpec(reqs ...*spec.Requirement) *spec.Spec {
	rules := spec.ProfileRules{AllowedImages: []string{"pause"}}
	return &spec.Spec{
		Requirements: reqs,
		Profiles: []*spec.Profile{
			{ID: "core", Gating: true, Rules: rules},
			{ID: "hostProcess", Gating: false, Rules: rules},
		},
	}
}
