package mapping

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoBuilderDependencies keeps the builder out of mapping: resolving
// references must not link the go tool runner or the source loader. It
// checks what mapping adds to the dependencies of package spec, which still
// links CUE (and, through CUE, os/exec) until its types and its loader are
// separate packages.
func TestNoBuilderDependencies(t *testing.T) {
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	viaSpec := map[string]bool{}
	for _, p := range deps("sigs.k8s.io/wincspec/spec") {
		viaSpec[p] = true
	}
	for _, p := range deps(".") {
		if viaSpec[p] {
			continue
		}
		switch p {
		case "os/exec", "golang.org/x/tools/go/packages", "sigs.k8s.io/wincspec/mapping/builder", "sigs.k8s.io/wincspec/mapping/internal/facts":
			t.Errorf("mapping depends on %s", p)
		}
	}
}
