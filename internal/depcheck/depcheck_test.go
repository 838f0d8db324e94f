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
	"sigs.k8s.io/wincspec/internal/...": {"sigs.k8s.io/wincspec/spec", "sigs.k8s.io/wincspec/mapping", "sigs.k8s.io/wincspec/compiler", "sigs.k8s.io/wincspec/report", "sigs.k8s.io/wincspec/cmd", "github.com/spf13/cobra"},
}

func TestDependencies(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for pattern, bad := range forbidden {
		out, err := exec.Command("go", "list", "-e", "-json=ImportPath,Deps", pattern).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pattern, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(out)))
		n := 0
		for dec.More() {
			var p struct {
				ImportPath string
				Deps       []string
			}
			if err := dec.Decode(&p); err != nil {
				t.Fatal(err)
			}
			n++
			for _, d := range p.Deps {
				for _, b := range bad {
					if d == b || strings.HasPrefix(d, b+"/") {
						t.Errorf("%s depends on %s", p.ImportPath, d)
					}
				}
			}
		}
		if n == 0 && !strings.Contains(pattern, "report") {
			t.Errorf("%s matched no package", pattern)
		}
	}
}
