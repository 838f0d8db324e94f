package builder

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/inventory"
)

// TestBuildPipeline runs the real compile-and-list pipeline on the tiny
// Ginkgo suite in testdata/suite: go test -c, a dry run with a JSON
// report, and decoding.
func TestBuildPipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a Ginkgo suite")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir, err := filepath.Abs("testdata/suite")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "suite.test")
	if err := CompileSuite(context.Background(), "go", dir, ".", bin, nil); err != nil {
		t.Fatal(err)
	}
	specs, err := ListSuite(context.Background(), bin, dir)
	if err != nil {
		t.Fatal(err)
	}
	inv := &inventory.Inventory{Provenance: inventory.Provenance{Release: "v0.0.1", Method: "test"}, Specs: specs}
	inv.Normalize()
	if len(inv.Specs) != 18 {
		t.Fatalf("listed %d specs, want 18", len(inv.Specs))
	}
	// Specs the Kubernetes default skip would drop ([Flaky], [Feature:...])
	// and specs in tables are listed like any other.
	for _, text := range []string{
		"[sig-network] Services should work after the service has been recreated [Flaky]",
		"[sig-network] Services should route by type NodePort [Feature:NodePortRange]",
		"[sig-storage] HostPath should support subPath [Slow] [Feature:Volumes]",
		`[sig-network] Services should be $5 ^cheap^ *or* +free+? {1,2} \backslash\`,
	} {
		s := inv.Lookup(text)
		if s == nil {
			t.Errorf("missing spec %q", text)
			continue
		}
		if s.File != "suite_test.go" || s.Line == 0 {
			t.Errorf("%q: location %q, want suite_test.go:N relative to the suite", text, s.Location())
		}
	}
	entry := inv.Lookup("[sig-network] Services should route by type NodePort [Feature:NodePortRange]")
	if entry != nil && (entry.Leaf != "NodePort [Feature:NodePortRange]" || len(entry.Containers) != 2) {
		t.Errorf("table entry: leaf %q containers %q", entry.Leaf, entry.Containers)
	}
}

func TestCompileSuiteError(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/broken\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x_test.go"), []byte("package broken\n\nfunc TestX(t *testing.T) { undefined() }\n"), 0o644)
	out := filepath.Join(dir, "x.test")
	err := CompileSuite(context.Background(), "go", dir, ".", out, nil)
	if err == nil || !strings.Contains(err.Error(), "undefined") {
		t.Errorf("got %v, want the compiler's error", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed compile left %s behind", out)
	}
	if _, err := os.Stat(out + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed compile left %s.tmp behind", out)
	}
}

func TestBuildModule(t *testing.T) {
	gomod := filepath.Join(t.TempDir(), "go.mod")
	os.WriteFile(gomod, []byte(`module k8s.io/kubernetes

go 1.26.0

godebug default=go1.26

require (
	k8s.io/api v0.0.0
	github.com/onsi/ginkgo/v2 v2.32.0
)

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/client-go => ./staging/src/k8s.io/client-go
	example.com/other => example.com/fork v1.0.0
)
`), 0o644)
	got, err := buildModule(gomod, "v1.37.2")
	if err != nil {
		t.Fatal(err)
	}
	want := `module wincspec.local/e2e-v1.37.2

go 1.26.0

require k8s.io/kubernetes v1.37.2

replace k8s.io/api => k8s.io/api v0.37.2

replace k8s.io/client-go => k8s.io/client-go v0.37.2
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct{ release, want string }{
		{"1.37.2", `prepare: invalid release "1.37.2"`},
		{"v1.37", `prepare: invalid release "v1.37"`},
	}
	for _, tt := range tests {
		_, err := Build(context.Background(), tt.release, BuildOptions{CacheDir: t.TempDir()})
		var be *BuildError
		if !errors.As(err, &be) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.release) {
			t.Errorf("Build(%q): got %v, want a BuildError containing %q", tt.release, err, tt.want)
		}
	}
}

// TestBuildStepErrors runs Build with a stand-in for the go command that
// fails one step, and checks the error names the step and the release.
func TestBuildStepErrors(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	kube := filepath.Join(dir, "kubernetes")
	os.MkdirAll(kube, 0o755)
	os.WriteFile(filepath.Join(kube, "go.mod"), []byte("module k8s.io/kubernetes\n\ngo 1.26.0\n\nreplace k8s.io/api => ./staging/src/k8s.io/api\n"), 0o644)
	tests := []struct {
		name, script, step string
	}{{
		name:   "module not served",
		script: `echo '{"Path":"k8s.io/kubernetes","Version":"v1.99.0","Error":"k8s.io/kubernetes@v1.99.0: reading https://proxy.golang.org/k8s.io/kubernetes/@v/v1.99.0.info: 404 Not Found"}'; exit 1`,
		step:   `building inventory for Kubernetes v1.99.0: download: go mod download k8s.io/kubernetes@v1.99.0: k8s.io/kubernetes@v1.99.0: reading https://proxy.golang.org/k8s.io/kubernetes/@v/v1.99.0.info: 404 Not Found`,
	}, {
		name: "compile failure",
		script: `case "$1" in
mod) echo '{"Dir":"` + kube + `","Sum":"h1:x=","GoMod":"` + kube + `/go.mod"}';;
test) echo 'test/e2e/e2e.go:1:1: syntax error' >&2; exit 1;;
esac`,
		step: `building inventory for Kubernetes v1.99.0: compile: go test -c k8s.io/kubernetes/test/e2e: exit status 1`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := filepath.Join(t.TempDir(), "go")
			os.WriteFile(fake, []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755)
			cache := t.TempDir()
			inv, err := Build(context.Background(), "v1.99.0", BuildOptions{Go: fake, CacheDir: cache})
			if inv != nil || err == nil || !strings.HasPrefix(err.Error(), tt.step) {
				t.Errorf("got %v, want an error starting %q", err, tt.step)
			}
			if _, err := os.Stat(filepath.Join(cache, "v1.99.0", "e2e.test")); err == nil {
				t.Error("a failed build left an e2e.test behind")
			}
		})
	}
}
