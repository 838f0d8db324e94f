package compiler

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/mapping/builder"
)

// tinySuite compiles the small real Ginkgo suite in
// ../mapping/builder/testdata/suite once, and lists it.
var tinySuite = sync.OnceValues(func() (*tinySuiteBuild, error) {
	dir, err := filepath.Abs("../mapping/builder/testdata/suite")
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "wincspec-tinysuite-")
	if err != nil {
		return nil, err
	}
	b := &tinySuiteBuild{dir: dir, bin: filepath.Join(tmp, "suite.test"), tmp: tmp}
	if err := builder.CompileSuite(context.Background(), "go", dir, ".", b.bin, nil); err != nil {
		return nil, err
	}
	specs, err := builder.ListSuite(context.Background(), b.bin, dir)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	inv := &mapping.Inventory{Provenance: mapping.Provenance{Release: "v1.37.2", Ginkgo: "v2.34.0", Method: "tiny suite"}, Specs: specs}
	if err := inventory.Encode(&buf, inv, "test"); err != nil {
		return nil, err
	}
	if b.inv, err = inventory.Decode(buf.Bytes(), "tiny"); err != nil {
		return nil, err
	}
	return b, nil
})

type tinySuiteBuild struct {
	dir, bin, tmp string
	inv           *mapping.Inventory
}

func needTinySuite(t *testing.T) *tinySuiteBuild {
	t.Helper()
	if testing.Short() {
		t.Skip("compiles a Ginkgo suite")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	b, err := tinySuite()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ranSpecs runs a compiled Ginkgo suite with --ginkgo.dry-run and the given
// expressions, and returns the full texts of the specs Ginkgo would run.
func ranSpecs(t *testing.T, bin string, fs focus.FocusSkip, flags ...string) []string {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	args := []string{"--ginkgo.dry-run", "--ginkgo.no-color", "--ginkgo.json-report=" + report, "--ginkgo.focus=" + fs.Focus}
	if fs.Skip != "" {
		args = append(args, "--ginkgo.skip="+fs.Skip)
	}
	args = append(args, flags...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = t.TempDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, out)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var reports []types.Report
	if err := json.Unmarshal(data, &reports); err != nil {
		t.Fatal(err)
	}
	var ran []string
	for _, sr := range reports[0].SpecReports {
		if sr.LeafNodeType == types.NodeTypeIt && sr.State == types.SpecStatePassed {
			ran = append(ran, sr.FullText())
		}
	}
	slices.Sort(ran)
	return ran
}

// TestGinkgoRunsExactly synthesizes expressions for many subsets of a real
// Ginkgo suite whose names are chosen to be hard (brackets, parentheses,
// dots, |, quotes, shared prefixes, names that are prefixes of others, a
// name starting with the suite description), and checks that the suite,
// dry-run with them, runs exactly the subset: directly, and as the
// go-runner of the conformance image passes them on a parallel run.
func TestGinkgoRunsExactly(t *testing.T) {
	b := needTinySuite(t)
	var all []string
	for _, s := range b.inv.Specs {
		all = append(all, s.Text)
	}
	subsets := [][]string{all}
	for _, s := range all {
		subsets = append(subsets, []string{s})
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 12 {
		var sub []string
		for _, s := range all {
			if r.IntN(2) == 0 {
				sub = append(sub, s)
			}
		}
		if len(sub) > 0 {
			subsets = append(subsets, sub)
		}
	}
	for i, want := range subsets {
		fs, err := focus.Synthesize(all, want)
		if err != nil {
			t.Fatalf("subset %d: %v", i, err)
		}
		slices.Sort(want)
		if got := ranSpecs(t, b.bin, fs); !slices.Equal(got, want) {
			t.Errorf("subset %d: focus %q skip %q ran\n%q\nwant\n%q", i, fs.Focus, fs.Skip, got, want)
		}
		if slices.ContainsFunc(want, func(s string) bool { return Serial(b.inv.Lookup(s)) }) {
			continue
		}
		if got := ranSpecs(t, b.bin, GoRunner(fs, true)); !slices.Equal(got, want) {
			t.Errorf("subset %d through the go-runner: ran %q, want %q", i, got, want)
		}
	}
}
