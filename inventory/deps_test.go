package inventory

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeanDependencies keeps the package cheap to import: the standard
// library and package focus only, and neither os/exec nor embed.
func TestLeanDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "sigs.k8s.io/wincspec/inventory", "sigs.k8s.io/wincspec/focus":
		default:
			t.Errorf("inventory depends on %s; it may depend only on the standard library and focus", p)
		}
	}
	out, err = exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "os/exec" || p == "embed" {
			t.Errorf("inventory depends on %s", p)
		}
	}
}
