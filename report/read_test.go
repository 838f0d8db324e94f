package report

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/types"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		kind  string
		cases int
		hooks int
		// one testcase to look at: its text, status and message
		text, message string
		status        Status
	}{{
		name: "Ginkgo v2 JUnit, Kubernetes style", path: "testdata/junit/k8s-v2.xml", kind: KindJUnit, cases: 31, hooks: 7,
		text:   "[sig-windows] Hybrid cluster network for all supported CNIs should have stable networking for Linux and Windows pods",
		status: StatusFailed, message: "[FAILED] Timed out after 300.000s.",
	}, {
		name: "XML-escaped name", path: "testdata/junit/k8s-v2.xml", kind: KindJUnit, cases: 31, hooks: 7,
		text:   `[sig-api-machinery] client-go should negotiate watch and report errors with accept "application/json"`,
		status: StatusSkipped, message: "skipped",
	}, {
		name: "timed out", path: "testdata/junit/k8s-v2.xml", kind: KindJUnit, cases: 31, hooks: 7,
		text:   "[sig-windows] [Feature:Windows] Kubelet-Stats Kubelet stats collection for Windows nodes when running 3 pods should return within 10 seconds",
		status: StatusTimedout, message: "[TIMEDOUT] A suite timeout occurred",
	}, {
		name: "Ginkgo v1 JUnit, skip message as text", path: "testdata/junit/k8s-v1.xml", kind: KindJUnit, cases: 6, hooks: 1,
		text:   "[sig-windows] [Feature:Windows] DNS should support configurable pod DNS servers",
		status: StatusSkipped, message: "Only supported for node OS distro [windows] (not debian)",
	}, {
		name: "generic Ginkgo JUnit with labels and an escaped apostrophe", path: "testdata/junit/ginkgo-labels.xml", kind: KindJUnit, cases: 5, hooks: 1,
		text:   "[sig-windows] [Feature:Windows] Memory Limits attempt to deploy past allocatable memory limits should fail deployments of pods once there isn't enough memory [Serial] [Slow] [sig-windows, Feature:Windows, Serial, Slow]",
		status: StatusPassed,
	}, {
		name: "Ginkgo JSON", path: "testdata/ginkgo/report.json", kind: KindGinkgoJSON, cases: 7, hooks: 4,
		text:   "[sig-network] Services should preserve source pod IP for traffic thru service cluster IP [LinuxOnly]",
		status: StatusSkipped, message: "Not supported for node OS distro [windows] (is windows)",
	}, {
		name: "Sonobuoy tarball", path: "testdata/sonobuoy/windows-2022.tar.gz", kind: KindSonobuoy, cases: 70, hooks: 14,
		text:   "[sig-windows] [Feature:Windows] Memory Limits attempt to deploy past allocatable memory limits should fail deployments of pods once there isn't enough memory [Serial] [Slow]",
		status: StatusPassed,
	}, {
		name: "old Sonobuoy tarball", path: "testdata/sonobuoy/linux-only.tar.gz", kind: KindSonobuoy, cases: 31, hooks: 7,
		text:   "[sig-windows] [Feature:Windows] DNS should support configurable pod DNS servers",
		status: StatusSkipped, message: "skipped - Only supported for node OS distro [windows] (not debian)",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]string{tt.path}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Inputs) != 1 || res.Inputs[0].Kind != tt.kind || res.Inputs[0].Testcases != tt.cases {
				t.Errorf("got inputs %+v, want one %s input with %d testcases", res.Inputs, tt.kind, tt.cases)
			}
			if len(res.Cases) != tt.cases {
				t.Errorf("got %d cases, want %d", len(res.Cases), tt.cases)
			}
			hooks := 0
			for _, c := range res.Cases {
				if c.Hook {
					hooks++
				}
			}
			if hooks != tt.hooks {
				t.Errorf("got %d hooks, want %d", hooks, tt.hooks)
			}
			// A spec can appear twice, as in the parallel and the serial
			// results of a Sonobuoy tarball.
			i := slices.IndexFunc(res.Cases, func(c Case) bool { return c.Text == tt.text && c.Status == tt.status })
			if i < 0 {
				t.Fatalf("no case with text %q and status %q", tt.text, tt.status)
			}
			c := res.Cases[i]
			if c.Message != tt.message {
				t.Errorf("got message %q, want %q", c.Message, tt.message)
			}
			if !strings.HasPrefix(c.Source, tt.path) {
				t.Errorf("got source %q, want it to start with %q", c.Source, tt.path)
			}
		})
	}
}

func TestReadSonobuoy(t *testing.T) {
	tests := []struct {
		path          string
		nodesFile     string
		nodes         []string // name/os/build
		plugins       []string // name: testcases distros
		serverVersion string
	}{{
		path:      "testdata/sonobuoy/windows-2022.tar.gz",
		nodesFile: "resources/cluster/core_v1_nodes.json",
		nodes: []string{
			"capz-conf-6dpcz-control-plane-x7k2n/linux/6.8.0-1017-azure",
			"capz-conf-w4k9p/windows/10.0.20348.2340",
			"capz-conf-wq2mz/windows/10.0.20348.2340",
		},
		plugins: []string{
			"wincspec-core-parallel: 35 [windows windows]",
			"wincspec-core-serial: 35 [windows windows]",
		},
		serverVersion: "v1.37.2",
	}, {
		path:          "testdata/sonobuoy/linux-only.tar.gz",
		nodesFile:     "resources/cluster/Nodes.json",
		nodes:         []string{"kind-control-plane/linux/6.8.0-45-generic", "kind-worker/linux/6.8.0-45-generic"},
		plugins:       []string{"e2e: 31 [debian]"},
		serverVersion: "v1.37.2",
	}}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			res, err := Read([]string{tt.path}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("got warnings %q, want none", res.Warnings)
			}
			checkCluster(t, res, tt.nodesFile, tt.nodes, tt.plugins, tt.serverVersion)
			for _, c := range res.Cases {
				if c.Cluster != res.Clusters[0] || c.Plugin == "" {
					t.Fatalf("case %q: got cluster %p plugin %q, want the tarball's cluster and a plugin", c.Name, c.Cluster, c.Plugin)
				}
			}
		})
	}
}

func checkCluster(t *testing.T, res *Results, nodesFile string, nodes, plugins []string, serverVersion string) {
	t.Helper()
	if len(res.Clusters) != 1 {
		t.Fatalf("got %d clusters, want 1", len(res.Clusters))
	}
	cl := res.Clusters[0]
	if cl.NodesFile != nodesFile || cl.ServerVersion != serverVersion {
		t.Errorf("got nodes file %q, server version %q, want %q %q", cl.NodesFile, cl.ServerVersion, nodesFile, serverVersion)
	}
	var gotNodes []string
	for _, n := range cl.Nodes {
		gotNodes = append(gotNodes, n.Name+"/"+n.OS+"/"+n.Build())
	}
	if !slices.Equal(gotNodes, nodes) {
		t.Errorf("got nodes %q, want %q", gotNodes, nodes)
	}
	var gotPlugins []string
	for _, p := range cl.Plugins {
		var ds []string
		for _, d := range p.Distros {
			ds = append(ds, d.Value)
		}
		gotPlugins = append(gotPlugins, p.Name+": "+itoa(p.Testcases)+" ["+strings.Join(ds, " ")+"]")
	}
	if !slices.Equal(gotPlugins, plugins) {
		t.Errorf("got plugins %q, want %q", gotPlugins, plugins)
	}
}

// TestReadSonobuoyDir reads the fixture tarball's files extracted into a
// directory, as "sonobuoy retrieve --extract" leaves them.
func TestReadSonobuoyDir(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sonobuoy/windows-2022.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeTree(t, filepath.Join(dir, "results"), ar.Files)
	// A directory holding the extracted results is walked into them.
	res, err := Read([]string{dir}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Inputs) != 1 || res.Inputs[0].Kind != KindSonobuoy || res.Inputs[0].Path != filepath.Join(dir, "results") {
		t.Fatalf("got inputs %+v, want the results directory as Sonobuoy results", res.Inputs)
	}
	checkCluster(t, res, "resources/cluster/core_v1_nodes.json",
		[]string{"capz-conf-6dpcz-control-plane-x7k2n/linux/6.8.0-1017-azure", "capz-conf-w4k9p/windows/10.0.20348.2340", "capz-conf-wq2mz/windows/10.0.20348.2340"},
		[]string{"wincspec-core-parallel: 35 [windows windows]", "wincspec-core-serial: 35 [windows windows]"}, "v1.37.2")
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/junit/k8s-v2.xml", filepath.Join(dir, "a", "junit_01.xml"))
	copyFile(t, "testdata/ginkgo/report.json", filepath.Join(dir, "b", "report.json"))
	copyFile(t, "testdata/sonobuoy/windows-2022.tar.gz", filepath.Join(dir, "c", "202611201043_sonobuoy_2c8f1e7a.tar.gz"))
	write(t, filepath.Join(dir, "b", "package.json"), `{"name": "not a report"}`)
	copyFile(t, buildTarball(t, reg("docs/index.html", "<html></html>")), filepath.Join(dir, "d", "site.tgz"))
	write(t, filepath.Join(dir, "d", "broken.tar.gz"), "\x1f\x8bnot gzip")
	write(t, filepath.Join(dir, "notes.txt"), "ignored")
	if err := os.Symlink(filepath.Join(dir, "a", "junit_01.xml"), filepath.Join(dir, "link.xml")); err != nil {
		t.Fatal(err)
	}
	res, err := Read([]string{dir}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range res.Inputs {
		rel, _ := filepath.Rel(dir, in.Path)
		got = append(got, filepath.ToSlash(rel)+" "+in.Kind)
	}
	want := []string{"a/junit_01.xml junit", "b/report.json ginkgo-json", "c/202611201043_sonobuoy_2c8f1e7a.tar.gz sonobuoy"}
	if !slices.Equal(got, want) {
		t.Errorf("got inputs %q, want %q", got, want)
	}
	for _, w := range []string{"package.json: skipped: not a Ginkgo JSON report", "link.xml: skipped: a symbolic link",
		"site.tgz: skipped: not Sonobuoy results", "broken.tar.gz: skipped: reading results"} {
		if !slices.ContainsFunc(res.Warnings, func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("got warnings %q, want one containing %q", res.Warnings, w)
		}
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "hello.txt"), "hello")
	write(t, filepath.Join(dir, "other.json"), `{"name": "not a report"}`)
	write(t, filepath.Join(dir, "broken.xml"), `<testsuites><testsuite><testcase name="x">`)
	write(t, filepath.Join(dir, "html.xml"), `<html></html>`)
	write(t, filepath.Join(dir, "corrupt.tar.gz"), "\x1f\x8b\x08\x00garbage")
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	var trunc bytes.Buffer
	zw := gzip.NewWriter(&trunc)
	zw.Write([]byte("plugins/e2e/results/global/junit_01.xml\x00 this is not a tar header"))
	zw.Close()
	write(t, filepath.Join(dir, "truncated.tar.gz"), trunc.String())
	tests := []struct{ name, path, want string }{
		{"missing", filepath.Join(dir, "missing.xml"), "no such file"},
		{"unknown format", filepath.Join(dir, "hello.txt"), "not a gzip tarball, JUnit XML or Ginkgo JSON report"},
		{"JSON that is no Ginkgo report", filepath.Join(dir, "other.json"), "not a Ginkgo JSON report"},
		{"truncated XML", filepath.Join(dir, "broken.xml"), "unexpected EOF"},
		{"other XML", filepath.Join(dir, "html.xml"), "root element <html>"},
		{"DOCTYPE with entities", "testdata/junit/doctype.xml", "DTDs and directives are not accepted"},
		{"corrupt gzip", filepath.Join(dir, "corrupt.tar.gz"), "reading results"},
		{"not a tar", filepath.Join(dir, "truncated.tar.gz"), "not a readable tar.gz"},
		{"empty directory", filepath.Join(dir, "empty"), "no JUnit, Ginkgo JSON or Sonobuoy results in it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read([]string{tt.path}, ReadOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := Read(nil, ReadOptions{}); err == nil {
		t.Errorf("Read(nil): got no error, want one")
	}
}

// entry is one tarball entry for the safety tests.
type entry struct {
	hdr  tar.Header
	data string
}

func reg(name, data string) entry {
	return entry{tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: fixtureTime}, data}
}

// buildTarball writes entries to a .tar.gz file and returns its path.
func buildTarball(t *testing.T, entries ...entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		h := e.hdr
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if e.data != "" {
			if _, err := tw.Write([]byte(e.data)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "results.tar.gz")
	write(t, p, buf.String())
	return p
}

const oneCase = `<testsuites><testsuite name="Kubernetes e2e suite"><testcase name="[It] [sig-network] Services should serve a basic endpoint from pods [Conformance]" status="passed"></testcase></testsuite></testsuites>`

// sonobuoyLayout are entries that every Sonobuoy results tarball has, so
// that a test tarball is read as one.
func sonobuoyLayout() []entry {
	return []entry{
		reg("meta/config.json", `{"Version":"v0.57.5"}`),
		reg("plugins/e2e/sonobuoy_results.yaml", "name: e2e\nstatus: passed\n"),
	}
}

// TestReadNotSonobuoy checks that a tarball given by path without
// Sonobuoy's layout is an error that says what was expected.
func TestReadNotSonobuoy(t *testing.T) {
	for name, entries := range map[string][]entry{
		"random files":  {reg("docs/index.html", "<html></html>"), reg("main.go", "package main")},
		"no plugins":    {reg("meta/config.json", "{}"), reg("serverversion.json", "{}")},
		"only a plugin": {reg("plugins/e2e/results/global/junit_01.xml", oneCase)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Read([]string{buildTarball(t, entries...)}, ReadOptions{})
			if !errors.Is(err, ErrNotSonobuoy) || !strings.Contains(err.Error(), "sonobuoy retrieve") {
				t.Errorf("got %v, want ErrNotSonobuoy", err)
			}
		})
	}
}

func TestReadTarballSafety(t *testing.T) {
	junitPath := "plugins/e2e/results/global/junit_01.xml"
	tests := []struct {
		name    string
		entries []entry
		opts    ReadOptions
		warning string
	}{
		{"dot-dot", []entry{reg("../"+junitPath, oneCase)}, ReadOptions{}, `entry "../plugins/e2e/results/global/junit_01.xml" skipped: unsafe name`},
		{"dot-dot inside", []entry{reg("plugins/e2e/results/../../../x.xml", oneCase)}, ReadOptions{}, "unsafe name"},
		{"absolute", []entry{reg("/"+junitPath, oneCase)}, ReadOptions{}, `entry "/plugins/e2e/results/global/junit_01.xml" skipped: unsafe name`},
		{"backslash", []entry{reg(`plugins\e2e\results\global\junit_01.xml`, oneCase)}, ReadOptions{}, "unsafe name"},
		{"drive letter", []entry{reg("C:/"+junitPath, oneCase)}, ReadOptions{}, "unsafe name"},
		{"symlink", []entry{{tar.Header{Typeflag: tar.TypeSymlink, Name: junitPath, Linkname: "/etc/passwd", ModTime: fixtureTime}, ""}}, ReadOptions{}, `skipped: a link (to "/etc/passwd")`},
		{"hard link", []entry{reg("plugins/e2e/x", oneCase), {tar.Header{Typeflag: tar.TypeLink, Name: junitPath, Linkname: "plugins/e2e/x", ModTime: fixtureTime}, ""}}, ReadOptions{}, "skipped: a link"},
		{"character device", []entry{{tar.Header{Typeflag: tar.TypeChar, Name: junitPath, Devmajor: 1, Devminor: 3, ModTime: fixtureTime}, ""}}, ReadOptions{}, "not a regular file"},
		{"fifo", []entry{{tar.Header{Typeflag: tar.TypeFifo, Name: junitPath, ModTime: fixtureTime}, ""}}, ReadOptions{}, "not a regular file"},
		{"oversized entry", []entry{reg(junitPath, oneCase)}, ReadOptions{MaxFileBytes: 64}, "over the 64-byte limit"},
		{"DOCTYPE entry", []entry{reg(junitPath, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><testsuites/>`)}, ReadOptions{}, "DTDs and directives are not accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]string{buildTarball(t, append(sonobuoyLayout(), tt.entries...)...)}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Cases) != 0 {
				t.Errorf("got %d cases, want none read from an unsafe entry", len(res.Cases))
			}
			if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, tt.warning) }) {
				t.Errorf("got warnings %q, want one containing %q", res.Warnings, tt.warning)
			}
		})
	}
	t.Run("safe entries next to unsafe ones are read", func(t *testing.T) {
		res, err := Read([]string{buildTarball(t, append(sonobuoyLayout(), reg("../evil.xml", oneCase), reg("./"+junitPath, oneCase))...)}, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Cases) != 1 || res.Cases[0].Plugin != "e2e" {
			t.Errorf("got cases %+v, want the one of %s", res.Cases, junitPath)
		}
	})
}

// TestReadBomb checks that a small tarball that decompresses to more than
// the cap is refused, whether the big entry is read or passed over.
func TestReadBomb(t *testing.T) {
	zeros := strings.Repeat("\x00", 8<<20)
	for _, name := range []string{"plugins/e2e/results/global/junit_01.xml", "resources/ns/default/core_v1_pods.json"} {
		t.Run(name, func(t *testing.T) {
			p := buildTarball(t, reg(name, zeros))
			if fi, err := os.Stat(p); err != nil || fi.Size() > 64<<10 {
				t.Fatalf("the bomb is %d bytes, want under 64 KiB (%v)", fi.Size(), err)
			}
			_, err := Read([]string{p}, ReadOptions{MaxTotalBytes: 1 << 20, MaxFileBytes: 16 << 20})
			if !errors.Is(err, ErrLimit) {
				t.Errorf("got error %v, want ErrLimit", err)
			}
		})
	}
	t.Run("extracted directory", func(t *testing.T) {
		ar, err := txtar.ParseFile("testdata/sonobuoy/windows-2022.txtar")
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		writeTree(t, dir, ar.Files)
		_, err = Read([]string{dir}, ReadOptions{MaxTotalBytes: 10000})
		if !errors.Is(err, ErrLimit) {
			t.Errorf("got error %v, want ErrLimit", err)
		}
	})
	t.Run("over several inputs", func(t *testing.T) {
		_, err := Read([]string{"testdata/junit/k8s-v2.xml", "testdata/junit/k8s-v2.xml"}, ReadOptions{MaxTotalBytes: 10000})
		if !errors.Is(err, ErrLimit) {
			t.Errorf("got error %v, want ErrLimit", err)
		}
	})
}

func TestReadFileLimit(t *testing.T) {
	opts := ReadOptions{MaxFileBytes: 1000}
	_, err := Read([]string{"testdata/junit/k8s-v2.xml"}, opts)
	if err == nil || !strings.Contains(err.Error(), "larger than the 1000-byte limit") {
		t.Errorf("got error %v, want the file limit", err)
	}
	dir := t.TempDir()
	copyFile(t, "testdata/junit/k8s-v2.xml", filepath.Join(dir, "big.xml"))
	copyFile(t, "testdata/junit/ginkgo-labels.xml", filepath.Join(dir, "small.xml"))
	res, err := Read([]string{dir}, ReadOptions{MaxFileBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Inputs) != 1 || !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "big.xml: skipped: larger than the 2000-byte limit") }) {
		t.Errorf("got inputs %+v, warnings %q, want big.xml skipped with a warning", res.Inputs, res.Warnings)
	}
}

func TestReadDryRun(t *testing.T) {
	p := filepath.Join(t.TempDir(), "junit.xml")
	write(t, p, `<testsuites><testsuite name="Kubernetes e2e suite"><properties><property name="DryRun" value="true"></property></properties>`+
		`<testcase name="[SynchronizedBeforeSuite]" status="passed"></testcase>`+
		`<testcase name="[It] [sig-network] Services should serve a basic endpoint from pods [Conformance]" status="passed"></testcase></testsuite></testsuites>`)
	res, err := Read([]string{p}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Cases[1].Status; got != StatusSkipped {
		t.Errorf("got status %q, want %q for a dry-run spec", got, StatusSkipped)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "dry-run") {
		t.Errorf("got warnings %q, want a dry-run warning", res.Warnings)
	}
}

func TestParseNodes(t *testing.T) {
	win := `{"metadata":{"name":"w1","labels":{"kubernetes.io/os":"windows","node.kubernetes.io/windows-build":"10.0.17763"}},"status":{"nodeInfo":{"kernelVersion":"","osImage":"Windows Server 2019 Datacenter","operatingSystem":"windows"},"conditions":[{"type":"Ready","status":"True"}]}}`
	lnx := `{"metadata":{"name":"l1","labels":{"beta.kubernetes.io/os":"linux"}},"status":{"conditions":[{"type":"Ready","status":"False"}]}}`
	tests := []struct{ name, data, want string }{
		{"NodeList", `{"apiVersion":"v1","kind":"NodeList","items":[` + lnx + `,` + win + `]}`, "l1/linux//false w1/windows/10.0.17763/true"},
		{"bare array", ` [` + win + `]`, "w1/windows/10.0.17763/true"},
		{"empty list", `{"items":[]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes, err := parseNodes([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range nodes {
				got = append(got, n.Name+"/"+n.OS+"/"+n.Build()+"/"+map[bool]string{true: "true", false: "false"}[n.Ready])
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
	if _, err := parseNodes([]byte(`{"items": 3}`)); err == nil {
		t.Errorf("got no error for a malformed nodes file")
	}
}

func TestDistro(t *testing.T) {
	def := func(env, args string) string {
		return `{"Definition":{"sonobuoy-config":{"plugin-name":"e2e"},"spec":{"command":["/run_e2e.sh"],"args":[` + args + `],"env":[` + env + `]}}}`
	}
	defTests := []struct{ name, data, want string }{
		{"E2E_EXTRA_ARGS", def(`{"name":"E2E_EXTRA_ARGS","value":"--progress-report-url=http://localhost:8099/progress --node-os-distro=windows"}`, ""), "windows"},
		{"last flag wins", def(`{"name":"E2E_EXTRA_ARGS","value":"--node-os-distro=windows --node-os-distro=debian"}`, ""), "debian"},
		{"separator", def(`{"name":"E2E_EXTRA_ARGS","value":"--node-os-distro:windows:--x=1"},{"name":"E2E_EXTRA_ARGS_SEP","value":":"}`, ""), "windows"},
		{"single dash, two arguments", def(`{"name":"E2E_EXTRA_ARGS","value":"-node-os-distro windows"}`, ""), "windows"},
		{"container args", def(``, `"--node-os-distro=Windows"`), "Windows"},
		{"no flag", def(`{"name":"E2E_EXTRA_ARGS","value":"--progress-report-url=http://localhost:8099/progress"}`, ""), "debian"},
	}
	for _, tt := range defTests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := definitionDistro([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if d.value != tt.want {
				t.Errorf("got %q (%s), want %q", d.value, d.how, tt.want)
			}
		})
	}
	logTests := []struct {
		name, log, want string
		found           bool
	}{
		{"go-runner line", "2026/11/20 10:02:09 Running command:\nArgs (comma-delimited): /usr/local/bin/ginkgo,--focus=x,--skip=,/usr/local/bin/e2e.test,--,--provider=local,--node-os-distro=windows\n", "windows", true},
		{"no flag", "Args (comma-delimited): /usr/local/bin/ginkgo,--focus=x,/usr/local/bin/e2e.test,--,--provider=local\r\n", "debian", true},
		{"flag before --", "Args (comma-delimited): /usr/local/bin/ginkgo,--node-os-distro=windows,/usr/local/bin/e2e.test,--,--provider=local", "debian", true},
		{"no command line", "Running Suite: Kubernetes e2e suite\n", "", false},
		{"long line", "Args (comma-delimited): " + strings.Repeat("x", 2<<20) + ",--node-os-distro=debian\nArgs (comma-delimited): a,--,--node-os-distro=windows\n", "windows", true},
	}
	for _, tt := range logTests {
		t.Run(tt.name, func(t *testing.T) {
			d, found, err := logDistro(strings.NewReader(tt.log))
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.found || d.value != tt.want {
				t.Errorf("got %q found %v, want %q %v", d.value, found, tt.want, tt.found)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name   string
		kind   int
		plugin string
	}{
		{"plugins/e2e/results/global/junit_01.xml", entryJUnit, "e2e"},
		{"plugins/e2e/results/global/ginkgo/report.xml", entryJUnit, "e2e"},
		{"plugins/e2e/results/junit_01.xml", entryIgnored, ""},
		{"plugins/e2e/definition.json", entryDefinition, "e2e"},
		{"plugins/e2e/defintion.json", entryDefinition, "e2e"},
		{"plugins/e2e/errors/global/error.json", entryPluginError, "e2e"},
		{"plugins/e2e/results/global/e2e.log", entryLog, "e2e"},
		{"plugins/e2e/sonobuoy_results.yaml", entryIgnored, ""},
		{"podlogs/sonobuoy/sonobuoy-wincspec-core-serial-job-5f3c0a9b81d64e2a/logs/e2e.txt", entryLog, "wincspec-core-serial"},
		{"podlogs/sonobuoy/sonobuoy-systemd-logs-daemon-set-5f3c0a9b81d64e2a-x7k2n/logs/sonobuoy-worker.txt", entryLog, "systemd-logs"},
		{"podlogs/kube-system/coredns-5d78c9869d-x7k2n/logs/coredns.txt", entryIgnored, ""},
		{"resources/cluster/core_v1_nodes.json", entryNodes, ""},
		{"resources/non-ns/Nodes.json", entryNodes, ""},
		{"resources/ns/default/core_v1_pods.json", entryIgnored, ""},
		{"serverversion.json", entryServerVersion, ""},
		{"serverversion/serverversion.json", entryServerVersion, ""},
		{"meta/config.json", entryConfig, ""},
	}
	for _, tt := range tests {
		kind, plugin := classify(tt.name)
		if kind != tt.kind || plugin != tt.plugin {
			t.Errorf("classify(%q): got %d %q, want %d %q", tt.name, kind, plugin, tt.kind, tt.plugin)
		}
	}
}

func TestCleanEntryName(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"./plugins/e2e/definition.json", "plugins/e2e/definition.json", true},
		{"plugins/e2e/", "plugins/e2e", true},
		{"../x", "", false},
		{"a/../../x", "", false},
		{"/etc/passwd", "", false},
		{`a\..\x`, "", false},
		{"C:x", "", false},
		{"a\x00b", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := cleanEntryName(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("cleanEntryName(%q): got %q %v, want %q %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPluginErrors(t *testing.T) {
	p := buildTarball(t,
		reg("meta/config.json", `{"Version":"v0.57.5"}`),
		reg("plugins/e2e/results/global/junit_01.xml", oneCase),
		reg("plugins/e2e/errors/global/error.json", `{"error":"Plugin timeout while waiting for results so there are no results. Check pod logs or other cluster debugging information.","pod":{}}`),
	)
	res, err := Read([]string{p}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pl := res.Clusters[0].Plugins[0]
	if len(pl.Errors) != 1 || !strings.HasPrefix(pl.Errors[0], "Plugin timeout") {
		t.Errorf("got plugin errors %q, want the timeout", pl.Errors)
	}
	if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "Sonobuoy recorded an error") }) {
		t.Errorf("got warnings %q, want the plugin error", res.Warnings)
	}
}

func write(t testing.TB, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(data))
}

func TestSpecStatus(t *testing.T) {
	tests := []struct {
		state types.SpecState
		want  Status
	}{
		{types.SpecStatePassed, StatusPassed},
		{types.SpecStateSkipped, StatusSkipped},
		{types.SpecStatePending, StatusPending},
		{types.SpecStateFailed, StatusFailed},
		{types.SpecStateAborted, StatusFailed},
		{types.SpecStateTimedout, StatusTimedout},
		{types.SpecStatePanicked, StatusError},
		{types.SpecStateInterrupted, StatusError},
		{types.SpecStateInvalid, StatusError},
	}
	for _, tt := range tests {
		if got := specStatus(tt.state); got != tt.want {
			t.Errorf("specStatus(%v): got %q, want %q", tt.state, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  [FAILED] x\nstack", "[FAILED] x ..."},
		{strings.Repeat("é", 150), strings.Repeat("é", 100) + " ..."},
		{"short", "short"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
