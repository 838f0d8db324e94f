package facts

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fixtureRepo is a tiny Kubernetes-like module with stand-ins for Ginkgo,
// the e2e framework, its skipper, the image manifest and the core API.
const fixtureRepo = "testdata/k8s"

// specDir holds the fixture's specs. In its files, a "// spec:NAME" comment
// marks the line Ginkgo would report for spec NAME, and "// at:NAME" a
// line the expectations write {NAME}.
const specDir = "test/e2e/sample"

var marker = regexp.MustCompile(`// (spec|at):(\w+)`)

// fixture is the fixture's analysis, computed once.
var fixture struct {
	once  sync.Once
	res   *Result
	err   error
	specs map[string]Location
	at    map[string]string // NAME -> "file:line"
}

// fixtureEnv is the environment go/packages runs in for the fixture: a
// module of its own, with no dependencies to download.
func fixtureEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
}

// analyzeFixture returns the analysis of every marked spec of the fixture.
func analyzeFixture(t *testing.T) (*Result, map[string]Location) {
	t.Helper()
	fixture.once.Do(func() {
		fixture.specs, fixture.at, fixture.err = readMarkers()
		if fixture.err != nil {
			return
		}
		var locs []Location
		for _, l := range fixture.specs {
			locs = append(locs, l)
		}
		slices.SortFunc(locs, compareLocations)
		fixture.res, fixture.err = Analyze(context.Background(), locs, Options{
			RepoDir: fixtureRepo,
			Env:     fixtureEnv(),
		})
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.res, fixture.specs
}

// readMarkers reads the markers of the fixture's spec files.
func readMarkers() (specs map[string]Location, at map[string]string, err error) {
	specs = map[string]Location{}
	at = map[string]string{}
	entries, err := os.ReadDir(filepath.Join(fixtureRepo, filepath.FromSlash(specDir)))
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		rel := path.Join(specDir, e.Name())
		data, err := os.ReadFile(filepath.Join(fixtureRepo, filepath.FromSlash(rel)))
		if err != nil {
			return nil, nil, err
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for line := 1; sc.Scan(); line++ {
			for _, m := range marker.FindAllStringSubmatch(sc.Text(), -1) {
				switch m[1] {
				case "spec":
					specs[m[2]] = Location{File: rel, Line: line}
				case "at":
					at[m[2]] = fmt.Sprintf("%s:%d", rel, line)
				}
			}
		}
	}
	return specs, at, nil
}

// expand replaces the {NAME} references of s by the lines marked NAME.
func expand(t *testing.T, s string) string {
	t.Helper()
	return regexp.MustCompile(`\{(\w+)\}`).ReplaceAllStringFunc(s, func(ref string) string {
		name := ref[1 : len(ref)-1]
		pos, ok := fixture.at[name]
		if !ok {
			t.Fatalf("no line marked at:%s", name)
		}
		return pos
	})
}

// factsOf returns the facts of the spec marked name.
func factsOf(t *testing.T, name string) *Facts {
	t.Helper()
	res, specs := analyzeFixture(t)
	l, ok := specs[name]
	if !ok {
		t.Fatalf("no spec marked spec:%s", name)
	}
	f, ok := res.Facts[l]
	if !ok {
		t.Fatalf("spec %s at %s:%d unresolved", name, l.File, l.Line)
	}
	return f
}

func TestImages(t *testing.T) {
	tests := []struct {
		spec      string
		direct    string
		reachable string
	}{
		{spec: "direct", direct: "agnhost pause"},
		{spec: "iface", reachable: "httpd"},
		{spec: "closure", reachable: "nginx"},
		{spec: "method", reachable: "redis"},
		{spec: "none"},
		{spec: "field", reachable: "busybox"},
		{spec: "entry", direct: "httpd redis"},
		{spec: "setup", reachable: "agnhost busybox"},
		{spec: "shared", reachable: "agnhost pause"},
		{spec: "windows", direct: "agnhost"},
		{spec: "linux", reachable: "busybox"},
		{spec: "hybrid", direct: "agnhost nginx"},
		{spec: "suite"},
		{spec: "writer", direct: "httpd"},
		{spec: "reader"},
		{spec: "loop", reachable: "nginx pause"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			f := factsOf(t, tt.spec)
			if got := strings.Join(f.Images.Direct, " "); got != tt.direct {
				t.Errorf("direct: got %q, want %q", got, tt.direct)
			}
			if got := strings.Join(f.Images.Reachable, " "); got != tt.reachable {
				t.Errorf("reachable: got %q, want %q", got, tt.reachable)
			}
		})
	}
}

func TestPlacement(t *testing.T) {
	tests := []struct {
		spec  string
		os    string
		via   string // Via joined with ", "
		podOS bool
	}{
		{spec: "windows", os: "windows", via: "nodeSelector {winsel}"},
		{spec: "linux", os: "linux", via: "affinity {linaff}"},
		{spec: "notin"},
		{spec: "hybrid", os: "both", via: "nodeSelector {hybridsel}"},
		{spec: "hybridlinux", os: "linux", via: "nodeSelector {hybridsel}"},
		{spec: "unpinned"},
		{spec: "distro", os: "windows", via: "distro-helper {distro}"},
		{spec: "distrofwd", os: "windows", via: "distro-helper {pinto}"},
		{spec: "fwd", os: "linux", via: "nodeSelector {pinto}"},
		{spec: "distroelse", os: "both", via: "distro-helper {distro2}, nodeSelector {gci}"},
		{spec: "podos", os: "windows", via: "podOS {podos}", podOS: true},
		{spec: "podosvar", podOS: true},
		{spec: "index", os: "linux", via: "nodeSelector {index}"},
		{spec: "direct"},
		{spec: "always"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			p := factsOf(t, tt.spec).Placement
			if p.OS != tt.os {
				t.Errorf("OS: got %q, want %q", p.OS, tt.os)
			}
			if got, want := strings.Join(p.Via, ", "), expand(t, tt.via); got != want {
				t.Errorf("Via: got %q, want %q", got, want)
			}
			if p.PodOS != tt.podOS {
				t.Errorf("PodOS: got %v, want %v", p.PodOS, tt.podOS)
			}
		})
	}
}

func TestSkips(t *testing.T) {
	const (
		wrapper  = "node-os-distro e2eskipper.SkipUnlessNodeOSDistroIs(windows) {wrapperskip}"
		provider = "provider e2eskipper.SkipUnlessProviderIs(gce,gke) {provider}"
	)
	tests := []struct {
		spec  string
		skips []string // Skip.String(), in order
	}{
		{spec: "windows", skips: []string{wrapper}},
		{spec: "hybrid", skips: []string{wrapper}},
		{spec: "always", skips: []string{provider, "always e2eskipper.Skipf(skipping test until fixed) {always}"}},
		{spec: "alwayshelper", skips: []string{"always e2eskipper.Skipf(not ready) {helperskip}", provider}},
		{spec: "conditional", skips: []string{
			provider,
			"other? e2eskipper.Skipf(no local %s) {condskipf}",
			"node-os-distro? e2eskipper.SkipIfNodeOSDistroIs(windows) {distroskip}",
			"feature-gate e2eskipper.SkipUnlessFeatureGateEnabled(Foo) {gate}",
			"node-count e2eskipper.SkipUnlessNodeCountIsAtLeast() {count}",
			"other e2eskipper.SkipUnlessSSHKeyPresent() {ssh}",
			"other? ginkgo.Skip(kind) {ginkgoskip}",
			"other? e2eskipper.Skip(loop) {loopskip}",
			"other? e2eskipper.Skipf(after an early return) {afterreturn}",
		}},
		{spec: "condhelper", skips: []string{"other e2eskipper.Skipf(not ready) {helperskip}", provider}},
		{spec: "closureskip", skips: []string{provider, "other e2eskipper.Skipf(in a closure) {closureskip}"}},
		{spec: "inner", skips: []string{provider, "always ginkgo.Skip(inner always skips) {innerskip}"}},
		{spec: "sibling", skips: []string{provider}},
		{spec: "suite", skips: []string{"node-count e2eskipper.SkipUnlessNodeCountIsAtLeast() {suiteskip}"}},
		{spec: "direct"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			var got []string
			for _, s := range factsOf(t, tt.spec).Skips {
				got = append(got, s.String())
			}
			var want []string
			for _, s := range tt.skips {
				want = append(want, expand(t, s))
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
			for _, s := range factsOf(t, tt.spec).Skips {
				if s.Kind == KindAlways && s.Conditional {
					t.Errorf("always skip %v is conditional", s)
				}
			}
		})
	}
}

func TestNamespaces(t *testing.T) {
	tests := []struct {
		spec string
		want string
	}{
		{spec: "windows", want: "placement"},
		{spec: "always", want: "skips"},
		{spec: "inner", want: "skips skips-inner"},
		{spec: "sibling", want: "skips"},
		{spec: "direct", want: "images-helper-x"},
		{spec: "shared", want: "shared"},
		{spec: "suite", want: "volume"},
		{spec: "named", want: "named"},
		{spec: "structfw", want: "images-helper-x in-struct"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			if got := strings.Join(factsOf(t, tt.spec).Namespaces, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResult(t *testing.T) {
	res, specs := analyzeFixture(t)
	if got, want := fmt.Sprint(res.Unresolved), fmt.Sprint([]Location{specs["unresolved"]}); got != want {
		t.Errorf("Unresolved: got %q, want %q", got, want)
	}
	if got, want := strings.Join(res.ImageIDs, " "), "agnhost busybox httpd nginx pause redis"; got != want {
		t.Errorf("ImageIDs: got %q, want %q", got, want)
	}
	if got, want := len(res.Facts), len(specs)-1; got != want {
		t.Errorf("got facts for %d specs, want %d", got, want)
	}
	for name, l := range specs {
		f, ok := res.Facts[l]
		if !ok {
			continue
		}
		if f.Namespaces == nil {
			t.Errorf("%s: got nil Namespaces, want a non-nil slice", name)
		}
		for _, s := range f.Skips {
			if strings.HasPrefix(s.File, "/") || s.Line <= 0 {
				t.Errorf("%s: got skip at %q line %d, want a path relative to the repository", name, s.File, s.Line)
			}
		}
	}
}

func TestAnalyzeDuplicatesAndMissing(t *testing.T) {
	_, specs := analyzeFixture(t)
	l := specs["windows"]
	missing := Location{File: "test/e2e/sample/nosuchfile.go", Line: 3}
	res, err := Analyze(context.Background(), []Location{l, l, missing}, Options{
		RepoDir:   fixtureRepo,
		ModuleDir: fixtureRepo,
		Patterns:  []string{"k8s.io/kubernetes/test/e2e/sample"},
		Env:       fixtureEnv(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Facts); got != 1 {
		t.Errorf("got facts for %d locations, want 1", got)
	}
	if got, want := res.Facts[l].Placement.OS, OSWindows; got != want {
		t.Errorf("OS: got %q, want %q", got, want)
	}
	if got, want := fmt.Sprint(res.Unresolved), fmt.Sprint([]Location{missing}); got != want {
		t.Errorf("Unresolved: got %q, want %q", got, want)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	tests := []struct {
		name string
		o    Options
		want string // a substring of the error
	}{
		{
			name: "no matching package",
			o:    Options{RepoDir: fixtureRepo, Patterns: []string{"example.com/nothing/..."}, Env: fixtureEnv()},
			want: "no package of k8s.io/kubernetes",
		},
		{
			name: "no module",
			o:    Options{RepoDir: "testdata/nosuchdir", Env: fixtureEnv()},
			want: "nosuchdir",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Analyze(context.Background(), nil, tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
