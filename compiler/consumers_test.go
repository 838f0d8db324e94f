package compiler

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/internal/runlayout"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// tinyPlan resolves a specification whose requirements name every spec of
// the tiny suite, so that its plan has a parallel and a serial set.
func tinyPlan(t *testing.T, inv *mapping.Inventory) *Plan {
	t.Helper()
	var refs []spec.TestRef
	for _, s := range inv.Specs {
		if strings.Contains(s.Text, "[Flaky]") || strings.Contains(s.Text, "lookalike") {
			continue // left out, so that the expressions have something to exclude
		}
		refs = append(refs, spec.TestRef{Name: s.Text, Coverage: "full"})
	}
	s := tinySpec(req("CORE-NET-01", "core", refs...))
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(res, inv.Release(), []string{"core"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sets) != 2 {
		t.Fatalf("plan has %d sets, want parallel and serial", len(p.Sets))
	}
	return p
}

// TestE2EScriptRuns runs the generated e2e.sh with a real ginkgo CLI and the
// tiny suite in place of e2e.test, and checks from the JUnit reports each
// invocation writes that every set ran exactly its specs: the parallel set
// in two Ginkgo processes, the serial set alone.
func TestE2EScriptRuns(t *testing.T) {
	b := needTinySuite(t)
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	ginkgo := filepath.Join(b.tmp, "ginkgo")
	if _, err := os.Stat(ginkgo); err != nil {
		cmd := exec.Command("go", "build", "-o", ginkgo, "github.com/onsi/ginkgo/v2/ginkgo")
		cmd.Dir = b.dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building ginkgo: %v\n%s", err, out)
		}
	}
	p := tinyPlan(t, b.inv)
	dir := t.TempDir()
	script := filepath.Join(dir, "e2e.sh")
	if err := os.WriteFile(script, E2EScript(p, "v2.34.0", "test"), 0o755); err != nil {
		t.Fatal(err)
	}
	// kubectl stands in as a script that prints an empty node list and
	// a version, as the real one's -o json does.
	kubectl := filepath.Join(dir, "kubectl")
	standIn := "#!/bin/sh\ncase \"$*\" in\n\"get nodes -o json\") echo '{\"apiVersion\": \"v1\", \"items\": [], \"kind\": \"List\", \"metadata\": {\"resourceVersion\": \"\"}}' ;;\n\"version -o json\") echo '{\"serverVersion\": {\"gitVersion\": \"v1.37.2\"}}' ;;\n*) exit 1 ;;\nesac\n"
	if err := os.WriteFile(kubectl, []byte(standIn), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KUBECONFIG=/dev/null", "E2E_TEST="+b.bin, "GINKGO="+ginkgo, "PROCS=2", "REPORT_DIR="+filepath.Join(dir, "results"), "KUBECTL="+kubectl)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("e2e.sh: %v\n%s", err, out)
	}
	for _, f := range []string{"cluster/nodes.json", "cluster/version.json", "parallel/e2e-flags.txt", "serial/e2e-flags.txt"} {
		if _, err := os.Stat(filepath.Join(dir, "results", f)); err != nil {
			t.Errorf("e2e.sh did not write %s: %v", f, err)
		}
	}
	for _, set := range p.Sets {
		got := passedInJUnit(t, filepath.Join(dir, "results", set.Name, "junit_01.xml"))
		if !slices.Equal(got, set.Specs) {
			t.Errorf("%s set ran\n%q\nwant\n%q", set.Name, got, set.Specs)
		}
	}
}

func passedInJUnit(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Suites []struct {
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Status  string    `xml:"status,attr"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			if text, ok := strings.CutPrefix(c.Name, "[It] "); ok && c.Status == "passed" {
				out = append(out, text)
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestShellQuote(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for _, s := range []string{`plain`, `it's`, `\[sig-windows\] (?:a|b)$`, `"double" $HOME ` + "`cmd`", `''`, `a\'b`} {
		out, err := exec.Command("sh", "-c", "printf '%s' "+shellQuote(s)).Output()
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != s {
			t.Errorf("sh read %q back as %q", s, out)
		}
	}
}

// TestHydrophoneExtraArgs parses the --extra-args value of the generated
// hydrophone command as hydrophone does, with a pflag string slice, and
// checks that the conformance image's go-runner, which joins the values
// with spaces and splits them again, passes e2e.test the intended flags.
func TestHydrophoneExtraArgs(t *testing.T) {
	p := &Plan{Release: "v1.37.2", Profiles: []string{"core"}, Sets: []Set{{Name: SetParallel, Focus: "a", Specs: []string{"a"}}}}
	script := string(HydrophoneScript(p, "test"))
	_, rest, ok := strings.Cut(script, "--extra-args=")
	if !ok {
		t.Fatal("no --extra-args in the script")
	}
	quoted, _, _ := strings.Cut(rest, " ")
	out, err := exec.Command("sh", "-c", "printf '%s' "+quoted).Output()
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("hydrophone", pflag.ContinueOnError)
	var extra []string
	fs.StringSliceVar(&extra, "extra-args", nil, "")
	if err := fs.Parse([]string{"--extra-args=" + string(out)}); err != nil {
		t.Fatal(err)
	}
	for _, e := range extra {
		if !strings.HasPrefix(e, "--") || !strings.Contains(e, "=") {
			t.Errorf("hydrophone rejects %q: want --key=value", e)
		}
	}
	if got := strings.Split(strings.Join(extra, " "), " "); !slices.Equal(got, e2eArgs()) {
		t.Errorf("e2e.test would get %q, want %q", got, e2eArgs())
	}
}

// sonobuoyBinary returns the real sonobuoy binary built by "make
// sonobuoy", or the one $SONOBUOY names.
func sonobuoyBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SONOBUOY"); p != "" {
		return p
	}
	p, _ := filepath.Abs("../bin/sonobuoy")
	if _, err := os.Stat(p); err != nil {
		// make test builds it and sets WINCSPEC_REQUIRE_SONOBUOY, so
		// that the test the README promises never skips silently there.
		if os.Getenv("WINCSPEC_REQUIRE_SONOBUOY") != "" {
			t.Fatalf("no sonobuoy binary at %s: run make sonobuoy", p)
		}
		t.Skip("no sonobuoy binary: run make sonobuoy, or set SONOBUOY")
	}
	return p
}

// TestSonobuoyAcceptsPlugins gives every committed plugin to the real
// sonobuoy binary, offline, and checks that the manifest it generates
// carries the plugin with its focus, skip and image unchanged.
func TestSonobuoyAcceptsPlugins(t *testing.T) {
	bin := sonobuoyBinary(t)
	files, err := filepath.Glob("../generated/v*/*/wincspec-*.yaml")
	// Other editions' plugins too (generated/<edition>/<release>/...).
	more, _ := filepath.Glob("../generated/*/v*/*/wincspec-*.yaml")
	if err != nil || len(files) == 0 || len(more) == 0 {
		t.Fatalf("no generated plugins of both editions: %v", err)
	}
	home := t.TempDir()
	for _, f := range append(files, more...) {
		release := filepath.Base(filepath.Dir(filepath.Dir(f)))
		cmd := exec.Command(bin, "gen", "-p", f, "--kubernetes-version", release)
		cmd.Env = append(os.Environ(), "HOME="+home, "SONOBUOY_DIR="+home)
		out, err := cmd.Output()
		if err != nil {
			var stderr string
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Errorf("sonobuoy gen -p %s: %v\n%s", f, err, stderr)
			continue
		}
		var want sonobuoyPlugin
		data, _ := os.ReadFile(f)
		if err := yaml.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		got := pluginFromManifest(t, out)
		if got == nil {
			t.Errorf("%s: no plugin in sonobuoy's manifest", f)
			continue
		}
		if got.SonobuoyConfig.PluginName != want.SonobuoyConfig.PluginName || got.Spec.Image != want.Spec.Image {
			t.Errorf("%s: sonobuoy changed the plugin: %+v", f, got.SonobuoyConfig)
		}
		for _, e := range want.Spec.Env {
			if !slices.Contains(got.Spec.Env, e) {
				t.Errorf("%s: sonobuoy's manifest lacks %s=%q", f, e.Name, e.Value)
			}
		}
		// The placement recorders survive as containers of the plugin pod.
		var names []string
		for _, c := range got.PodSpec.Containers {
			names = append(names, c.Name)
			if c.Image != want.Spec.Image || len(c.Command) != 3 || c.Command[0] != "/bin/sh" {
				t.Errorf("%s: sidecar %s: image %s, command %q", f, c.Name, c.Image, c.Command)
			}
		}
		if !slices.Equal(names, []string{runlayout.PodsContainer, runlayout.NamespacesContainer}) {
			t.Errorf("%s: sonobuoy's manifest has pod containers %q, want the recorders", f, names)
		}
	}
}

// pluginFromManifest finds the plugin in the sonobuoy-plugins-cm ConfigMap
// of a generated Sonobuoy manifest.
func pluginFromManifest(t *testing.T, manifest []byte) *sonobuoyPlugin {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(string(manifest)))
	for {
		var obj struct {
			Kind     string                `yaml:"kind"`
			Metadata struct{ Name string } `yaml:"metadata"`
			Data     map[string]string     `yaml:"data"`
		}
		if err := dec.Decode(&obj); err != nil {
			return nil
		}
		if obj.Kind != "ConfigMap" || obj.Metadata.Name != "sonobuoy-plugins-cm" {
			continue
		}
		for _, v := range obj.Data {
			var p sonobuoyPlugin
			if err := yaml.Unmarshal([]byte(v), &p); err != nil {
				t.Fatal(err)
			}
			return &p
		}
	}
}

// TestE2ETestBinaries checks the committed plans against real e2e.test
// binaries when $WINCSPEC_E2E_CACHE names the cache of "wincspec inventory
// build" (one <release>/e2e.test per release): each set, dry-run with the
// flags a generated run passes (the suite builds part of its tree from
// them), must run exactly its specs, given directly and through the
// go-runner.
func TestE2ETestBinaries(t *testing.T) {
	cache := os.Getenv("WINCSPEC_E2E_CACHE")
	if cache == "" {
		t.Skip("set WINCSPEC_E2E_CACHE to a directory of <release>/e2e.test binaries")
	}
	all := realResolution(t)
	checked := 0
	// Every edition's plans: each profile of each edition, in each release.
	editions, err := mapping.ResolveEditions(all.Spec, all.Inventories)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range editions {
		edition := res.Spec.EditionName()
		for _, inv := range res.Inventories {
			bin := filepath.Join(cache, inv.Release(), "e2e.test")
			if _, err := os.Stat(bin); err != nil {
				t.Logf("%s: no binary", inv.Release())
				continue
			}
			for _, prof := range res.Spec.ProfileIDs() {
				p, err := NewPlan(res, inv.Release(), []string{prof})
				if err != nil {
					t.Fatal(err)
				}
				for _, set := range p.Sets {
					for _, fs := range []focus.FocusSkip{set.FocusSkip(), GoRunner(set.FocusSkip(), set.Parallel())} {
						if got := ranSpecs(t, bin, fs, inventory.RunFlags()...); !slices.Equal(got, set.Specs) {
							t.Errorf("%s %s %s %s: e2e.test ran\n%q\nwant\n%q", edition, inv.Release(), prof, set.Name, got, set.Specs)
						}
						checked++
					}
				}
			}
		}
	}
	t.Logf("%d dry runs matched", checked)
}

// TestRecorderSidecar runs a Sonobuoy plugin's placement recorder script
// with a stand-in kubectl that prints a line and then waits as a watch
// does: the script must write the watch to its output, restart the watch
// when it ends, and stop once the results' done file appears.
func TestRecorderSidecar(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	kubectl := filepath.Join(dir, "kubectl")
	// The first watch ends at once, as the API server may end one; the
	// second lasts until killed.
	standIn := "#!/bin/sh\nif [ -e " + dir + "/second ]; then echo \"dns-4821\tpod-b\tw2\"; exec sleep 600; fi\ntouch " + dir + "/second\necho \"dns-4821\tpod-a\tw1\"\n"
	if err := os.WriteFile(kubectl, []byte(standIn), 0o755); err != nil {
		t.Fatal(err)
	}
	c := recorderSidecar("v1.37.2", runlayout.PodsContainer, "pods --all-namespaces", runlayout.PodsTemplate)
	done := filepath.Join(dir, "done")
	script := strings.ReplaceAll(c.Command[2], "/tmp/sonobuoy/results/done", done)
	cmd := exec.Command(c.Command[0], c.Command[1], script)
	cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	finished := make(chan error, 1)
	go func() { finished <- cmd.Wait() }()
	// The first watch ends at once; the script notices within its
	// two-second poll and starts the second.
	time.Sleep(5 * time.Second)
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-finished:
		if err != nil {
			t.Fatalf("recorder: %v", err)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the recorder did not stop after the done file appeared")
	}
	if got, want := out.String(), "dns-4821\tpod-a\tw1\ndns-4821\tpod-b\tw2\n"; got != want {
		t.Errorf("recorded %q, want %q", got, want)
	}
}
