package mapping

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"sigs.k8s.io/wincspec/mapping/builder"
)

var updateConformance = flag.Bool("update-conformance", false, "rewrite testdata/conformance from the module cache")

// conformanceCodenames reads the codenames of a release's
// test/conformance/testdata/conformance.yaml from the Go module cache, or
// returns nil when the module is not there.
func conformanceCodenames(t *testing.T, release string) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return nil
	}
	file := filepath.Join(strings.TrimSpace(string(out)), builder.KubernetesModule+"@"+release, "test", "conformance", "testdata", "conformance.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var entries []struct {
		Codename string `yaml:"codename"`
	}
	if err := yaml.Unmarshal(data, &entries); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Codename)
	}
	slices.Sort(names)
	return names
}

// TestConformanceCodenames checks that each committed inventory holds every
// conformance test of its release, by codename. The codenames are copied
// from the release's conformance.yaml into testdata/conformance; when the
// module is in the module cache, the copy is checked against it.
func TestConformanceCodenames(t *testing.T) {
	cat, err := NewCatalog(os.DirFS(filepath.Join("..", "embedded")), "inventory")
	if err != nil {
		t.Fatal(err)
	}
	for _, release := range cat.Releases() {
		t.Run(release, func(t *testing.T) {
			fixture := filepath.Join("testdata", "conformance", release+".txt")
			fromCache := conformanceCodenames(t, release)
			if *updateConformance {
				if fromCache == nil {
					t.Fatalf("%s@%s is not in the module cache: go mod download it first", builder.KubernetesModule, release)
				}
				if err := os.WriteFile(fixture, []byte(strings.Join(fromCache, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(fixture)
			if err != nil {
				t.Fatalf("%v (run: go test ./mapping -run TestConformanceCodenames -update-conformance)", err)
			}
			names := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			if fromCache != nil && !slices.Equal(names, fromCache) {
				t.Errorf("%s differs from conformance.yaml in the module cache", fixture)
			}
			if len(names) < 100 {
				t.Fatalf("%s has only %d codenames", fixture, len(names))
			}
			inv, err := cat.Inventory(release)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				if inv.Lookup(n) == nil {
					t.Errorf("inventory %s lacks conformance test %q", release, n)
				}
			}
		})
	}
}
