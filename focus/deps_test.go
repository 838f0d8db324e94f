package focus

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStandardLibraryOnly keeps the package a leaf that library users can
// import cheaply: it may import the standard library, but not os/exec, embed
// or any module package.
func TestStandardLibraryOnly(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p != "sigs.k8s.io/wincspec/focus" {
			t.Errorf("focus depends on %s; it must depend only on the standard library", p)
		}
	}
	out, err = exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "os/exec" || p == "embed" {
			t.Errorf("focus depends on %s", p)
		}
	}
}
