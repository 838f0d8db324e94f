package builder

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadImageRefs(t *testing.T) {
	dir := t.TempDir()
	manifest := filepath.Join(dir, "test", "utils", "image", "manifest.go")
	if err := os.MkdirAll(filepath.Dir(manifest), 0o755); err != nil {
		t.Fatal(err)
	}
	// The shape of test/utils/image/manifest.go in v1.34 to v1.37.
	src := `package image

type RegistryList struct {
	PromoterE2eRegistry string ` + "`yaml:\"promoterE2eRegistry\"`" + `
	GcRegistry          string ` + "`yaml:\"gcRegistry\"`" + `
}

type Config struct{ registry, name, version string }

type ImageID int

const (
	Agnhost ImageID = iota
	Pause
	Odd
)

var (
	initRegistry = RegistryList{
		PromoterE2eRegistry: "registry.k8s.io/e2e-test-images",
		GcRegistry:          "registry.k8s.io",
	}
)

func initImageConfigs(list RegistryList) (map[ImageID]Config, map[ImageID]Config) {
	configs := map[ImageID]Config{}
	configs[Agnhost] = Config{list.PromoterE2eRegistry, "agnhost", "2.66.1"}
	configs[Pause] = Config{list.GcRegistry, "pause", "3.10.2"}
	configs[Odd] = Config{list.GcRegistry, "odd", version()}
	return configs, configs
}

func version() string { return "1" }
`
	if err := os.WriteFile(manifest, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	refs, err := ReadImageRefs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refs["agnhost"].String(), "registry.k8s.io/e2e-test-images/agnhost:2.66.1"; got != want {
		t.Errorf("agnhost: got %q, want %q", got, want)
	}
	if got := refs["pause"]; got.RegistryKey != "gcRegistry" || got.String() != "registry.k8s.io/pause:3.10.2" {
		t.Errorf("pause: got %+v", got)
	}
	if _, ok := refs["odd"]; ok || len(refs) != 2 {
		t.Errorf("got %d refs (%v), want the two literal ones", len(refs), refs)
	}
	if _, err := ReadImageRefs(t.TempDir()); err == nil {
		t.Error("no manifest: want an error")
	}
	// The real manifest, where the module cache has it.
	if repo := os.Getenv("WINCSPEC_K8S_REPO"); repo != "" {
		refs, err := ReadImageRefs(repo)
		if err != nil || refs["agnhost"].Name != "agnhost" || refs["pause"].Name != "pause" {
			t.Errorf("%s: got %v, %v", repo, refs["agnhost"], err)
		}
		t.Logf("%s: %d image references", repo, len(refs))
	}
}
