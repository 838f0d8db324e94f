package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/mapping"
)

var (
	realMu  sync.Mutex
	realRes = map[string]*mapping.Resolution{}
)

// realResolution resolves the embedded specification against the real
// v1.37.2 inventory.
func realResolution(t testing.TB) *mapping.Resolution { return realResolutionOf(t, "v1.37.2") }

// realResolutionOf resolves the embedded specification against the real
// inventory of a release.
func realResolutionOf(t testing.TB, release string) *mapping.Resolution {
	t.Helper()
	realMu.Lock()
	defer realMu.Unlock()
	if res := realRes[release]; res != nil {
		return res
	}
	s := embedded.Spec()
	res, err := mapping.Resolve(s, []*mapping.Inventory{inventory(t, release)})
	if err != nil {
		t.Fatal(err)
	}
	realRes[release] = res
	return res
}

// checkGolden compares got with testdata/golden/name, or rewrites it with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test ./report -update and review the diff):\n%s", file, firstDiff(string(got), string(want)))
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\ngot  " + gl + "\nwant " + wl
		}
	}
	return ""
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

// TestGolden evaluates each fixture against the embedded specification and
// the v1.37.2 inventory, and compares every output format with its golden
// file.
func TestGolden(t *testing.T) {
	res := realResolution(t)
	tests := []struct {
		name    string
		paths   []string
		formats []string
	}{
		{"windows-2022", []string{"testdata/sonobuoy/windows-2022.tar.gz"}, []string{"txt", "json", "md", "xml"}},
		{"linux-only", []string{"testdata/sonobuoy/linux-only.tar.gz"}, []string{"txt"}},
		{"k8s-v2", []string{"testdata/junit/k8s-v2.xml"}, []string{"txt", "md", "xml"}},
		{"k8s-v1", []string{"testdata/junit/k8s-v1.xml"}, []string{"txt"}},
		{"ginkgo-json", []string{"testdata/ginkgo/report.json"}, []string{"txt"}},
		{"ginkgo-labels", []string{"testdata/junit/ginkgo-labels.xml"}, []string{"txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results, err := Read(tt.paths, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Evaluate(res, "v1.37.2", results, Options{Required: []string{"core"}, ReleaseNote: "from the test"})
			if err != nil {
				t.Fatal(err)
			}
			// The specification's digest changes with every edit of the
			// specification; TestVerify checks that it is compared.
			rep.Tool.SpecSHA256 = strings.Repeat("5", 64)
			for _, f := range tt.formats {
				var buf bytes.Buffer
				switch f {
				case "txt":
					err = rep.WriteText(&buf)
				case "json":
					err = rep.WriteJSON(&buf)
				case "md":
					err = rep.WriteMarkdown(&buf)
				case "xml":
					err = rep.WriteJUnit(&buf)
				}
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, tt.name+"."+f, buf.Bytes())
			}
		})
	}
}
