package imagescan

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fakeRepo is a tiny Kubernetes-like repository.
const fakeRepo = "testdata/repo"

// specFile holds the fake specs. A "// spec:NAME" comment marks the line
// Ginkgo would report for spec NAME.
const specFile = "test/e2e/foo/foo.go"

var marker = regexp.MustCompile(`// spec:(\w+)`)

// markedSpecs returns the location of each marked spec of specFile.
func markedSpecs(t *testing.T) map[string]Location {
	t.Helper()
	fh, err := os.Open(filepath.Join(fakeRepo, filepath.FromSlash(specFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	specs := map[string]Location{}
	sc := bufio.NewScanner(fh)
	for line := 1; sc.Scan(); line++ {
		if m := marker.FindStringSubmatch(sc.Text()); m != nil {
			specs[m[1]] = Location{File: specFile, Line: line}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return specs
}

// format writes refs as "id:kind id:kind".
func format(refs []Ref) string {
	var parts []string
	for _, r := range refs {
		parts = append(parts, r.ID+":"+r.Kind)
	}
	return strings.Join(parts, " ")
}

func TestScan(t *testing.T) {
	specs := markedSpecs(t)
	var locs []Location
	for _, l := range specs {
		locs = append(locs, l)
	}
	res, err := Scan(fakeRepo, locs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want string
	}{
		{name: "none", want: ""},
		{name: "direct", want: "agnhost:direct"},
		{name: "pausefunc", want: "nginx:direct pause:direct"},
		{name: "crosspkg", want: "agnhost:reachable busybox:reachable"},
		{name: "cycle", want: "busybox:reachable"},
		{name: "named", want: "httpd:direct"},
		{name: "pkgvar", want: "httpd:reachable nginx:reachable"},
		{name: "multiline", want: "busybox:direct"},
		{name: "closure", want: "agnhost:reachable nginx:reachable pause:reachable"},
		{name: "nested", want: "agnhost:reachable pause:reachable"},
		{name: "sibling", want: ""},
		{name: "methods", want: "agnhost:reachable httpd:reachable nginx:reachable"},
		{name: "entry", want: "busybox:direct nginx:direct"},
		{name: "entry2", want: "busybox:direct"},
		{name: "entry3", want: "agnhost:reachable busybox:reachable"},
		{name: "helper", want: "httpd:reachable pause:reachable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := specs[tt.name]
			if !ok {
				t.Fatalf("no spec:%s marker in %s", tt.name, specFile)
			}
			refs, ok := res.Images[l]
			if !ok {
				t.Fatalf("%s:%d unresolved", l.File, l.Line)
			}
			if got := format(refs); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if len(res.Images) != len(tests) {
		t.Errorf("got %d resolved locations, want %d", len(res.Images), len(tests))
	}
}

func TestScanIDs(t *testing.T) {
	res, err := Scan(fakeRepo, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(res.IDs, " ")
	want := "agnhost busybox httpd nginx pause unused"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestScanUnresolved(t *testing.T) {
	specs := markedSpecs(t)
	tests := []struct {
		name string
		loc  Location
	}{
		{name: "no call at line", loc: Location{File: specFile, Line: 1}},
		{name: "setup node", loc: Location{File: specFile, Line: specs["closure"].Line - 4}},
		{name: "missing file", loc: Location{File: "test/e2e/foo/missing.go", Line: 3}},
		{name: "line past end", loc: Location{File: specFile, Line: 10000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Scan(fakeRepo, []Location{tt.loc, specs["direct"], tt.loc})
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(res.Unresolved)
			want := fmt.Sprint([]Location{tt.loc})
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if _, ok := res.Images[tt.loc]; ok {
				t.Errorf("got images for %v, want none", tt.loc)
			}
		})
	}
}

func TestScanSortedUnresolved(t *testing.T) {
	locs := []Location{
		{File: specFile, Line: 2},
		{File: "test/e2e/foo/a.go", Line: 9},
		{File: specFile, Line: 1},
	}
	res, err := Scan(fakeRepo, locs)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(locs)
	slices.SortFunc(want, func(a, b Location) int {
		return strings.Compare(fmt.Sprintf("%s:%09d", a.File, a.Line), fmt.Sprintf("%s:%09d", b.File, b.Line))
	})
	if got, want := fmt.Sprint(res.Unresolved), fmt.Sprint(want); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestScanErrors(t *testing.T) {
	manifest, err := os.ReadFile(filepath.Join(fakeRepo, filepath.FromSlash(manifestFile)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "no manifest",
			files: map[string]string{"test/e2e/foo/foo.go": "package foo\n"},
			want:  "manifest.go not found",
		},
		{
			name:  "no ImageID constants",
			files: map[string]string{manifestFile: "package image\n\nconst Agnhost = 1\n"},
			want:  "no ImageID constants",
		},
		{
			name: "syntax error",
			files: map[string]string{
				manifestFile:          string(manifest),
				"test/e2e/foo/foo.go": "package foo\n\nfunc {\n",
			},
			want: "parsing test/e2e/foo/foo.go:3:6: expected",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := t.TempDir()
			for name, data := range tt.files {
				p := filepath.Join(repo, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Scan(repo, nil)
			if err == nil {
				t.Fatalf("got no error, want one containing %q", tt.want)
			}
			if got := err.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}
