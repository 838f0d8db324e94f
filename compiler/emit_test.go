package compiler

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with
// -update.
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
		t.Fatalf("%v (run: go test ./compiler -run %s -update)", err, t.Name())
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run: go test ./compiler -run %s -update\ngot:\n%s", name, t.Name(), got)
	}
}

// goldenPlan is a small plan with both sets, names that need quoting, a
// spec the focus must exclude, labels and images.
func goldenPlan(t *testing.T) *Plan {
	t.Helper()
	inv := tinyInventory("v1.37.2",
		&mapping.Spec{Containers: []string{"[sig-windows] Hybrid network"}, Leaf: "should reach a Linux pod (by pod IP)", Labels: []string{"sig-windows"}, File: "test/e2e/windows/hybrid_network.go", Line: 53, Images: mapping.Images{Direct: []string{"agnhost", "nginx"}}},
		&mapping.Spec{Containers: []string{"[sig-windows] Hybrid network"}, Leaf: "should reach a Linux pod (by pod IP) over UDP", Labels: []string{"sig-windows", "Feature:UDP"}, File: "test/e2e/windows/hybrid_network.go", Line: 60},
		&mapping.Spec{Containers: []string{"[sig-windows] [Feature:Windows] Memory Limits"}, Leaf: "should fail once there isn't enough memory [Serial] [Slow]", Labels: []string{"sig-windows", "Feature:Windows", "Serial", "Slow"}, Images: mapping.Images{Reachable: []string{"pause"}}},
		&mapping.Spec{Containers: []string{"[sig-network] Services"}, Leaf: "should serve a.b|c.d [Conformance]", Labels: []string{"sig-network", "Conformance"}},
		&mapping.Spec{Containers: []string{"[sig-network] Services"}, Leaf: "should serve a.b|c.d [Conformance] over IPv6 [LinuxOnly]", Labels: []string{"sig-network", "Conformance"}},
	)
	s := tinySpec(req("CORE-NET-01", "core",
		spec.TestRef{Name: "[sig-windows] Hybrid network should reach a Linux pod (by pod IP)", Coverage: "full"},
		spec.TestRef{Name: "[sig-windows] [Feature:Windows] Memory Limits should fail once there isn't enough memory [Serial] [Slow]", Coverage: "partial"},
		spec.TestRef{Name: "[sig-network] Services should serve a.b|c.d [Conformance]", Coverage: "partial"},
	))
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(res, "v1.37.2", []string{"core"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEmitters(t *testing.T) {
	p := goldenPlan(t)
	cmd := Command("TARGET", []string{"core"}, "v1.37.2")
	golden(t, "focus.txt", FocusText(p, cmd))
	data, err := FocusJSON(p, cmd)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "focus.json", data)
	golden(t, "e2e.sh", E2EScript(p, "v2.32.0", cmd))
	golden(t, "hydrophone.sh", HydrophoneScript(p, cmd))
	golden(t, "label-filter.txt", LabelFilterText(p, cmd))
	for i := range p.Sets {
		data, err := SonobuoyPlugin(p, &p.Sets[i], 0, cmd)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "sonobuoy-"+p.Sets[i].Name+".yaml", data)
	}
}
