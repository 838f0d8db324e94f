package depcheck

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// forbidden lists, per package pattern, the import paths it must not
// depend on, directly or not.
var forbidden = map[string][]string{
	"sigs.k8s.io/wincspec/spec/...":     {"sigs.k8s.io/wincspec/mapping", "sigs.k8s.io/wincspec/compiler", "sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
	"sigs.k8s.io/wincspec/mapping/...":  {"sigs.k8s.io/wincspec/compiler", "sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
	"sigs.k8s.io/wincspec/compiler/...": {"sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra", "cuelang.org/go", "sigs.k8s.io/wincspec/embedded"},
	"sigs.k8s.io/wincspec/report/...":   {"sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra", "cuelang.org/go", "sigs.k8s.io/wincspec/embedded"},
	// Resolution does not need the builder: it must not link the go tool
	// runner's package or the source loader.
	"sigs.k8s.io/wincspec/mapping": {"sigs.k8s.io/wincspec/mapping/builder", "sigs.k8s.io/wincspec/mapping/internal/facts", "golang.org/x/tools/go/packages"},
	// The library packages take a specification and inventories as
	// arguments: they link neither the CUE evaluator nor the embedded data.
	"sigs.k8s.io/wincspec/spec": {"cuelang.org/go", "sigs.k8s.io/wincspec/embedded"},
	// wincspec starts without initialising what only wincspec-full needs:
	// CUE, the site's Markdown renderer, the e2e source loader.
	"sigs.k8s.io/wincspec/cmd/wincspec":     leftOut,
	"sigs.k8s.io/wincspec/cmd/wincspec/cmd": leftOut,
	"sigs.k8s.io/wincspec/internal/...":     {"sigs.k8s.io/wincspec/spec", "sigs.k8s.io/wincspec/mapping", "sigs.k8s.io/wincspec/compiler", "sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
}

// leftOut is what the wincspec command leaves to wincspec-full.
var leftOut = []string{"cuelang.org/go", "sigs.k8s.io/wincspec/spec/cueload", "github.com/yuin/goldmark",
	"sigs.k8s.io/wincspec/compiler/site", "sigs.k8s.io/wincspec/mapping/builder", "golang.org/x/tools/go/packages"}

// lean lists the packages a library user imports alone: they may depend on
// the standard library only, and not on os/exec or embed.
var lean = []string{"sigs.k8s.io/wincspec/focus", "sigs.k8s.io/wincspec/inventory"}

// noExecNoEmbed lists the packages that may depend on modules (the Ginkgo
// label filter parser, semver) but must run no program and embed no data:
// reference resolution and the specification's types.
var noExecNoEmbed = []string{"sigs.k8s.io/wincspec/mapping", "sigs.k8s.io/wincspec/spec"}

func TestLean(t *testing.T) {
	for _, pkg := range lean {
		for _, d := range deps(t, pkg)[pkg] {
			if first, _, _ := strings.Cut(d, "/"); strings.Contains(first, ".") || d == "os/exec" || d == "embed" {
				t.Errorf("%s depends on %s; it may depend only on the standard library, without os/exec and embed", pkg, d)
			}
		}
	}
	for _, pkg := range noExecNoEmbed {
		ds := deps(t, pkg)[pkg]
		if len(ds) == 0 {
			t.Errorf("%s: no dependencies listed", pkg)
		}
		for _, d := range ds {
			if d == "os/exec" || d == "embed" {
				t.Errorf("%s depends on %s; it must run no program and embed no data", pkg, d)
			}
		}
	}
}

// deps returns the dependencies of each package pattern matches.
func deps(t *testing.T, pattern string) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-e", "-json=ImportPath,Deps,Error", pattern).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pattern, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	m := map[string][]string{}
	for dec.More() {
		var p struct {
			ImportPath string
			Deps       []string
			Error      *struct{ Err string }
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Error != nil {
			// A package that does not load lists no dependencies.
			t.Errorf("%s: %s", p.ImportPath, p.Error.Err)
		}
		m[p.ImportPath] = p.Deps
	}
	return m
}

func TestDependencies(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for pattern, bad := range forbidden {
		pkgs := deps(t, pattern)
		for path, ds := range pkgs {
			for _, d := range ds {
				for _, b := range bad {
					if d == b || strings.HasPrefix(d, b+"/") {
						t.Errorf("%s depends on %s", path, d)
					}
				}
			}
		}
		if len(pkgs) == 0 && !strings.Contains(pattern, "report") {
			t.Errorf("%s matched no package", pattern)
		}
	}
}
