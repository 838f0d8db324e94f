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
	"sigs.k8s.io/wincspec/compiler/...": {"sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
	"sigs.k8s.io/wincspec/report/...":   {"sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
	// Resolution does not need the builder: it must not link the go tool
	// runner's package or the source loader.
	"sigs.k8s.io/wincspec/mapping":      {"sigs.k8s.io/wincspec/mapping/builder", "sigs.k8s.io/wincspec/mapping/internal/facts", "golang.org/x/tools/go/packages"},
	"sigs.k8s.io/wincspec/internal/...": {"sigs.k8s.io/wincspec/spec", "sigs.k8s.io/wincspec/mapping", "sigs.k8s.io/wincspec/compiler", "sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
}

// lean lists the packages a library user imports alone: they may depend on
// the standard library only, and not on os/exec or embed.
var lean = []string{"sigs.k8s.io/wincspec/focus", "sigs.k8s.io/wincspec/inventory"}

func TestLean(t *testing.T) {
	for _, pkg := range lean {
		for _, d := range deps(t, pkg)[pkg] {
			if first, _, _ := strings.Cut(d, "/"); strings.Contains(first, ".") || d == "os/exec" || d == "embed" {
				t.Errorf("%s depends on %s; it may depend only on the standard library, without os/exec and embed", pkg, d)
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
