package report

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2/types"
	"github.com/rogpeppe/go-internal/txtar"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/mapping"
)

var update = flag.Bool("update", false, "rewrite golden files and generated fixtures")

// fixtureTime is the modification time of every generated tarball entry.
var fixtureTime = time.Date(2026, 11, 20, 10, 43, 0, 0, time.UTC)

// tarballPrefixes are the entry name prefixes of the generated tarballs:
// old Sonobuoy versions wrote "./" before every name.
var tarballPrefixes = map[string]string{"linux-only": "./"}

// tarGz builds a tarball laid out as Sonobuoy writes one: a directory entry
// before the files of each directory, files 0644, directories 0755.
func tarGz(t testing.TB, files []txtar.File, prefix string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	dirs := map[string]bool{}
	for _, f := range files {
		var parents []string
		for d := path.Dir(f.Name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			parents = append(parents, d)
		}
		slices.Reverse(parents)
		for _, d := range parents {
			hdr := &tar.Header{Typeflag: tar.TypeDir, Name: prefix + d + "/", Mode: 0o755, ModTime: fixtureTime, Uname: "nonroot", Gname: "nonroot", Uid: 65532, Gid: 65532}
			if err := tw.WriteHeader(hdr); err != nil {
				t.Fatal(err)
			}
		}
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: prefix + f.Name, Mode: 0o644, Size: int64(len(f.Data)), ModTime: fixtureTime, Uname: "nonroot", Gname: "nonroot", Uid: 65532, Gid: 65532}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarEntries lists a tarball's entries and contents, for comparing
// tarballs whatever their compression.
func tarEntries(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var b strings.Builder
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(hdr.Name + " " + string(hdr.Typeflag) + "\n" + string(content) + "\n")
	}
	return b.String()
}

// TestFixtures checks that the committed fixtures are what their sources
// make: each testdata/sonobuoy/NAME.tar.gz from NAME.txtar, and the Ginkgo
// JSON report from real v1.37.2 specs. With -update it rewrites them.
func TestFixtures(t *testing.T) {
	sources, err := filepath.Glob("testdata/sonobuoy/*.txtar")
	if err != nil || len(sources) == 0 {
		t.Fatalf("no tarball sources: %v", err)
	}
	for _, src := range sources {
		name := strings.TrimSuffix(filepath.Base(src), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(src)
			if err != nil {
				t.Fatal(err)
			}
			want := tarGz(t, ar.Files, tarballPrefixes[name])
			checkFixture(t, strings.TrimSuffix(src, ".txtar")+".tar.gz", want, func(got []byte) bool {
				return tarEntries(t, got) == tarEntries(t, want)
			})
		})
	}
	t.Run("ginkgo-json", func(t *testing.T) {
		want := ginkgoReportFixture(t)
		checkFixture(t, "testdata/ginkgo/report.json", want, func(got []byte) bool { return bytes.Equal(got, want) })
	})
}

func checkFixture(t *testing.T, file string, want []byte, same func([]byte) bool) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run TestFixtures -update)", err)
	}
	if !same(got) {
		t.Errorf("%s is out of date: run go test ./report -run TestFixtures -update", file)
	}
}

// inventory returns the embedded inventory of a release.
func inventory(t testing.TB, release string) *mapping.Inventory {
	t.Helper()
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	inv, err := cat.Inventory(release)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// ginkgoReportFixture is a Ginkgo JSON report, as e2e.test
// --ginkgo.json-report writes it, of a run of real v1.37.2 specs on a
// Windows cluster: one passes, one fails, one skips itself as Linux-only.
func ginkgoReportFixture(t *testing.T) []byte {
	inv := inventory(t, "v1.37.2")
	start := time.Date(2026, 11, 20, 10, 2, 11, 0, time.UTC)
	at := func(s int) time.Time { return start.Add(time.Duration(s) * time.Second) }
	suiteNode := func(nt types.NodeType, text string, s int) types.SpecReport {
		return types.SpecReport{LeafNodeType: nt, LeafNodeText: text, LeafNodeLocation: types.CodeLocation{FileName: "k8s.io/kubernetes/test/e2e/e2e.go", LineNumber: 69},
			State: types.SpecStatePassed, StartTime: at(s), EndTime: at(s + 1), RunTime: time.Second, ParallelProcess: 1, NumAttempts: 1}
	}
	spec := func(text string, state types.SpecState, msg string, s int) types.SpecReport {
		sp := inv.Lookup(text)
		if sp == nil {
			t.Fatalf("no spec %q in v1.37.2", text)
		}
		r := types.SpecReport{
			ContainerHierarchyTexts: sp.Containers,
			LeafNodeType:            types.NodeTypeIt,
			LeafNodeLocation:        types.CodeLocation{FileName: "k8s.io/kubernetes/" + sp.File, LineNumber: sp.Line},
			LeafNodeLabels:          sp.Labels,
			LeafNodeText:            sp.Leaf,
			State:                   state,
			StartTime:               at(s),
			EndTime:                 at(s + 30),
			RunTime:                 30 * time.Second,
			ParallelProcess:         1,
			NumAttempts:             1,
		}
		for range sp.Containers {
			r.ContainerHierarchyLocations = append(r.ContainerHierarchyLocations, types.CodeLocation{FileName: "k8s.io/kubernetes/" + sp.File, LineNumber: 40})
			r.ContainerHierarchyLabels = append(r.ContainerHierarchyLabels, []string{})
		}
		if msg != "" {
			r.Failure = types.Failure{Message: msg, Location: r.LeafNodeLocation, FailureNodeContext: types.FailureNodeIsLeafNode}
		}
		return r
	}
	rep := types.Report{
		SuitePath:        "/usr/local/bin",
		SuiteDescription: focus.SuiteDescription,
		SuiteSucceeded:   false,
		PreRunStats:      types.PreRunStats{TotalSpecs: len(inv.Specs), SpecsThatWillRun: 3},
		StartTime:        start,
		EndTime:          at(400),
		RunTime:          400 * time.Second,
		SuiteConfig: types.SuiteConfig{
			RandomSeed:        1763632931,
			RandomizeAllSpecs: true,
			FocusStrings:      []string{`\[sig-windows\] Hybrid`, `\[Feature:Windows\] DNS`, `preserve source pod IP`},
			ParallelProcess:   1,
			ParallelTotal:     1,
			Timeout:           24 * time.Hour,
		},
		SpecReports: types.SpecReports{
			suiteNode(types.NodeTypeReportBeforeSuite, "", 0),
			suiteNode(types.NodeTypeSynchronizedBeforeSuite, "", 1),
			spec("[sig-windows] [Feature:Windows] DNS should support configurable pod DNS servers", types.SpecStatePassed, "", 2),
			spec("[sig-network] Services should preserve source pod IP for traffic thru service cluster IP [LinuxOnly]", types.SpecStateSkipped, "Not supported for node OS distro [windows] (is windows)", 40),
			spec("[sig-windows] Hybrid cluster network for all supported CNIs should have stable networking for Linux and Windows pods", types.SpecStateFailed,
				"Timed out after 300.000s.\nExpected success, but got an error:\n    error while running command: curl.exe: connection refused", 50),
			suiteNode(types.NodeTypeSynchronizedAfterSuite, "", 390),
			suiteNode(types.NodeTypeReportAfterSuite, "Kubernetes e2e suite report", 391),
		},
	}
	data, err := json.MarshalIndent([]types.Report{rep}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, '\n')
}

// writeTree writes the files of a txtar archive under dir, as an extracted
// tarball.
func writeTree(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
