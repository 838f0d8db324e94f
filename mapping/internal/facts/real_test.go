package facts

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/wincspec/inventory"
)

// The real-data test analyses a Kubernetes release when these variables
// name a module directory in which its e2e packages build (such as
// ~/.cache/wincspec/e2e/v1.37.2/build) and its module-cache source (such as
// ~/go/pkg/mod/k8s.io/kubernetes@v1.37.2). The spec locations come from the
// committed inventory of that release, ../../inventory/VERSION.jsonl.
const (
	envModuleDir = "WINCSPEC_K8S_MODULE_DIR"
	envRepo      = "WINCSPEC_K8S_REPO"
	// envOut optionally names a file to write the facts of every spec
	// to, as JSON lines, for inspection.
	envOut = "WINCSPEC_FACTS_OUT"
)

// writeFacts writes the facts of every spec as JSON lines, with the
// committed inventory's images.
func writeFacts(t *testing.T, name string, specs []*inventory.Spec, res *Result) {
	t.Helper()
	fh, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	enc := json.NewEncoder(fh)
	for _, s := range specs {
		rec := struct {
			*inventory.Spec
			Facts *Facts `json:"facts"`
		}{s, res.Facts[Location{File: s.File, Line: s.Line}]}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
}

// readInventory reads the specs of a committed inventory.
func readInventory(t *testing.T, name string) []*inventory.Spec {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Skipf("no inventory for the release: %v", err)
	}
	inv, err := inventory.Decode(data, name)
	if err != nil {
		t.Fatal(err)
	}
	return inv.Specs
}

// peakRSS returns the process's peak resident set size, from /proc.
func peakRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func TestRelease(t *testing.T) {
	moduleDir, repo := os.Getenv(envModuleDir), os.Getenv(envRepo)
	if moduleDir == "" || repo == "" {
		t.Skipf("set %s to a module directory where the Kubernetes e2e packages build and %s to the matching Kubernetes source (module cache) to run", envModuleDir, envRepo)
	}
	_, version, ok := strings.Cut(filepath.Base(filepath.Clean(repo)), "@")
	if !ok {
		t.Fatalf("%s=%s: want a module cache directory, k8s.io/kubernetes@VERSION", envRepo, repo)
	}
	specs := readInventory(t, filepath.Join("..", "..", "inventory", version+".jsonl"))
	var locs []Location
	byText := map[string]Location{}
	texts := map[Location][]string{}
	for _, s := range specs {
		l := Location{File: s.File, Line: s.Line}
		if _, ok := texts[l]; !ok {
			locs = append(locs, l)
		}
		texts[l] = append(texts[l], s.Text)
		byText[s.Text] = l
	}

	start := time.Now()
	res, err := Analyze(context.Background(), locs, Options{
		RepoDir:   repo,
		ModuleDir: moduleDir,
		Env:       append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv(envOut); out != "" {
		writeFacts(t, out, specs, res)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%s: %d specs at %d locations analysed in %v; peak RSS %s, heap %d MiB",
		version, len(specs), len(locs), time.Since(start).Round(time.Millisecond), peakRSS(), ms.HeapAlloc>>20)

	// Resolution.
	for _, l := range res.Unresolved {
		t.Logf("unresolved %s:%d %q", l.File, l.Line, texts[l][0])
	}
	if n := len(res.Unresolved); n*50 >= len(locs) {
		t.Errorf("unresolved %d of %d locations, want < 2%%", n, len(locs))
	}
	if !slices.Contains(res.ImageIDs, "agnhost") || slices.Contains(res.ImageIDs, "none") {
		t.Errorf("ImageIDs = %q, want agnhost, not none", res.ImageIDs)
	}

	// Images, against the committed inventory.
	withImage, committedWithImage, differ, kindDiffer := 0, 0, 0, 0
	for _, s := range specs {
		f := res.Facts[Location{File: s.File, Line: s.Line}]
		var got, want []string
		if f != nil {
			got = append(slices.Clone(f.Images.Direct), f.Images.Reachable...)
		}
		want = append(slices.Clone(s.Images.Direct), s.Images.Reachable...)
		slices.Sort(got)
		slices.Sort(want)
		if len(got) > 0 {
			withImage++
		}
		if len(want) > 0 {
			committedWithImage++
		}
		switch {
		case !slices.Equal(got, want):
			differ++
		case f != nil && (!slices.Equal(f.Images.Direct, s.Images.Direct) || !slices.Equal(f.Images.Reachable, s.Images.Reachable)):
			kindDiffer++
		}
	}
	t.Logf("images: %d of %d specs have one (committed inventory: %d); image sets differ for %d specs, only direct/reachable for %d more",
		withImage, len(specs), committedWithImage, differ, kindDiffer)
	if withImage < committedWithImage {
		t.Errorf("got %d specs with an image, want at least the committed inventory's %d", withImage, committedWithImage)
	}

	// Placement and skips, overall.
	oses := map[string]int{}
	podOS := 0
	for _, s := range specs {
		if f := res.Facts[Location{File: s.File, Line: s.Line}]; f != nil {
			oses[f.Placement.OS]++
			if f.Placement.PodOS {
				podOS++
			}
		}
	}
	t.Logf("placement: windows %d, linux %d, both %d, unpinned %d; podOS %d", oses[OSWindows], oses[OSLinux], oses[OSBoth], oses[""], podOS)
	for _, s := range specs {
		f := res.Facts[Location{File: s.File, Line: s.Line}]
		if f == nil {
			continue
		}
		for _, sk := range f.Skips {
			if sk.Kind == KindAlways {
				t.Logf("always skipped: %q (%s at %s:%d)", s.Text, sk.Func, sk.File, sk.Line)
			}
		}
	}

	// Facts checked by reading the source of v1.37.2.
	if version != "v1.37.2" {
		return
	}
	get := func(t *testing.T, text string) *Facts {
		t.Helper()
		l, ok := byText[text]
		if !ok {
			t.Fatalf("no spec %q in the inventory", text)
		}
		f := res.Facts[l]
		if f == nil {
			t.Fatalf("spec %q at %s:%d unresolved", text, l.File, l.Line)
		}
		return f
	}
	t.Run("RebootHost always skips", func(t *testing.T) {
		var found []string
		for _, s := range specs {
			if s.File != "test/e2e/windows/reboot_node.go" {
				continue
			}
			for _, sk := range get(t, s.Text).Skips {
				if sk.Kind == KindAlways && sk.Func == "e2eskipper.Skipf" && sk.File == "test/e2e/windows/reboot_node.go" {
					found = append(found, s.Text)
				}
			}
		}
		if len(found) == 0 {
			t.Errorf("got no always skip in test/e2e/windows/reboot_node.go, want the Skipf of the RebootHost spec")
		}
	})
	t.Run("hybrid network pins both", func(t *testing.T) {
		f := get(t, "[sig-windows] Hybrid cluster network for all supported CNIs should have stable networking for Linux and Windows pods")
		if f.Placement.OS != OSBoth {
			t.Errorf("OS: got %q, want %q (via %q)", f.Placement.OS, OSBoth, f.Placement.Via)
		}
		if !slices.Contains(f.Namespaces, "hybrid-network") {
			t.Errorf("Namespaces: got %q, want hybrid-network", f.Namespaces)
		}
		if !hasSkip(f, KindNodeOSDistro, "e2eskipper.SkipUnlessNodeOSDistroIs", "test/e2e/windows/framework.go") {
			t.Errorf("got skips %v, want SkipUnlessNodeOSDistroIs(windows) from test/e2e/windows/framework.go", f.Skips)
		}
		// The Linux-only spec calls the same helper with "linux" only.
		f = get(t, "[sig-windows] Hybrid cluster network for all supported CNIs should provide Internet connection for Linux containers [Feature:Networking-IPv4]")
		if f.Placement.OS != OSLinux {
			t.Errorf("Linux containers: OS: got %q, want %q (via %q)", f.Placement.OS, OSLinux, f.Placement.Via)
		}
	})
	t.Run("netpol pins windows through the distro helper", func(t *testing.T) {
		n := 0
		for _, s := range specs {
			if !strings.HasPrefix(s.File, "test/e2e/network/netpol/") {
				continue
			}
			n++
			f := get(t, s.Text)
			if s.File == "test/e2e/network/netpol/network_policy_api.go" {
				// These only call the API: they create no pods.
				if f.Placement.OS != "" {
					t.Errorf("%q: got OS %q via %q, want unpinned", s.Text, f.Placement.OS, f.Placement.Via)
				}
				continue
			}
			if f.Placement.OS != OSWindows || !slices.ContainsFunc(f.Placement.Via, func(v string) bool {
				return strings.HasPrefix(v, ViaDistroHelper+" test/e2e/network/netpol/model.go:")
			}) {
				t.Errorf("%q: got OS %q via %q, want windows via distro-helper in model.go", s.Text, f.Placement.OS, f.Placement.Via)
			}
		}
		if n == 0 {
			t.Errorf("got no spec in test/e2e/network/netpol")
		}
	})
	t.Run("namespaces", func(t *testing.T) {
		for text, want := range map[string]string{
			"[sig-network] Networking should check kube-proxy urls":                                                                              "nettest",
			"[sig-windows] [Feature:Windows] Cpu Resources Container limits should not be exceeded after waiting 2 minutes [Serial]":             "cpu-resources-test-windows",
			"[sig-network] DNS configMap nameserver Forward PTR lookup should forward PTR records lookup to upstream nameserver [Serial] [Slow]": "dns-config-map",
		} {
			if got := strings.Join(get(t, text).Namespaces, " "); got != want {
				t.Errorf("%q: got %q, want %q", text, got, want)
			}
		}
	})
	t.Run("HostPath unpinned", func(t *testing.T) {
		f := get(t, "[sig-storage] HostPath should support r/w [NodeConformance]")
		if f.Placement.OS != "" {
			t.Errorf("OS: got %q, want unpinned (via %q)", f.Placement.OS, f.Placement.Via)
		}
	})
	t.Run("Windows specs skip unless the node OS distro is windows", func(t *testing.T) {
		n := 0
		for _, s := range specs {
			if !strings.HasPrefix(s.File, "test/e2e/windows/") {
				continue
			}
			n++
			f := get(t, s.Text)
			if !slices.ContainsFunc(f.Skips, func(sk Skip) bool {
				return sk.Kind == KindNodeOSDistro && sk.Func == "e2eskipper.SkipUnlessNodeOSDistroIs" && slices.Equal(sk.Args, []string{"windows"})
			}) {
				t.Errorf("%q: got skips %v, want SkipUnlessNodeOSDistroIs(windows)", s.Text, f.Skips)
			}
		}
		if n == 0 {
			t.Errorf("got no spec in test/e2e/windows")
		}
	})
}

// hasSkip reports whether f has a skip of that kind and function, made in
// file.
func hasSkip(f *Facts, kind, fn, file string) bool {
	return slices.ContainsFunc(f.Skips, func(s Skip) bool {
		return s.Kind == kind && s.Func == fn && s.File == file
	})
}
