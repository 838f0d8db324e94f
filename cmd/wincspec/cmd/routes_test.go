package cmd_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/cmd/wincspec/cmd"
	"sigs.k8s.io/wincspec/internal/runlayout"
)

// The committed scripts of the core profile for v1.37.2, as operators run
// them.
const generatedCore = "../../../generated/v1.37.2/core"

// standIns are shell scripts that stand in for kubectl, ginkgo, e2e.test
// and hydrophone: each writes what the real one writes where the generated
// scripts look for it. kubectl prints $STANDIN_NODES for "get nodes -o
// json", $STANDIN_VERSION for "version -o json", and $STANDIN_PODS and
// $STANDIN_NAMESPACES for the pod and namespace watches of the placement
// recorders (then it waits, as a watch does, until killed); the runners copy
// $STANDIN_JUNIT/SET.xml to junit_01.xml in their report or output
// directory, SET being that directory's name; hydrophone also writes an
// e2e.log.
var standIns = map[string]string{
	"kubectl": `#!/bin/sh
case "$*" in
"get nodes -o json") cat "$STANDIN_NODES" ;;
"version -o json") cat "$STANDIN_VERSION" ;;
"get pods --all-namespaces --watch -o jsonpath="*) cat "$STANDIN_PODS"; exec sleep 600 ;;
"get namespaces --watch -o jsonpath="*) cat "$STANDIN_NAMESPACES"; exec sleep 600 ;;
*) echo "kubectl stand-in: unexpected arguments: $*" >&2; exit 1 ;;
esac
`,
	"e2e.test": `#!/bin/sh
for a in "$@"; do
	case "$a" in --report-dir=*) dir=${a#--report-dir=} ;; esac
done
[ -n "${dir:-}" ] || { echo "e2e.test stand-in: no --report-dir" >&2; exit 1; }
mkdir -p "$dir" && cp "$STANDIN_JUNIT/$(basename "$dir").xml" "$dir/junit_01.xml"
`,
	"ginkgo": `#!/bin/sh
# ginkgo's own flags, the suite binary, "--", then the suite's flags.
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	case "$1" in --procs=*|--no-color|--timeout=*|--focus=*|--skip=*) ;; *) bin=$1 ;; esac
	shift
done
[ "${1:-}" = "--" ] && shift
exec "$bin" "$@"
`,
	"hydrophone": `#!/bin/sh
for a in "$@"; do
	case "$a" in --output-dir=*) dir=${a#--output-dir=} ;; esac
done
[ -n "${dir:-}" ] || { echo "hydrophone stand-in: no --output-dir" >&2; exit 1; }
mkdir -p "$dir" && cp "$STANDIN_JUNIT/$(basename "$dir").xml" "$dir/junit_01.xml" &&
printf 'Running Suite: Kubernetes e2e suite - /usr/local/bin\n' > "$dir/e2e.log"
`,
}

// k8sJUnit writes a JUnit report as the Kubernetes e2e suite writes one
// (Ginkgo v2, "[It] " names, suite hooks), with every spec passed.
func k8sJUnit(specs []string) []byte {
	var b bytes.Buffer
	n := len(specs) + 3
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n  <testsuites tests=\"%d\" disabled=\"0\" errors=\"0\" failures=\"0\" time=\"812.4\">\n", n)
	fmt.Fprintf(&b, "      <testsuite name=\"Kubernetes e2e suite\" package=\"/usr/local/bin\" tests=\"%d\" disabled=\"0\" skipped=\"0\" errors=\"0\" failures=\"0\" time=\"812.4\" timestamp=\"2026-11-20T10:02:11\">\n", n)
	fmt.Fprintf(&b, "          <properties>\n              <property name=\"SuiteSucceeded\" value=\"true\"></property>\n          </properties>\n")
	names := append([]string{"[SynchronizedBeforeSuite]"}, specs...)
	names = append(names, "[SynchronizedAfterSuite]", "[ReportAfterSuite] Kubernetes e2e suite report")
	for i, name := range names {
		if i > 0 && i <= len(specs) {
			name = "[It] " + name
		}
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(name))
		fmt.Fprintf(&b, "          <testcase name=\"%s\" classname=\"Kubernetes e2e suite\" status=\"passed\" time=\"12.5\"></testcase>\n", esc.String())
	}
	b.WriteString("      </testsuite>\n  </testsuites>")
	return b.Bytes()
}

// TestRunRoutes runs the committed e2e.sh and hydrophone.sh of the core
// profile with stand-in executables, then "wincspec report" on the run
// directory they wrote: with every mapped test passed on Windows Server
// 2025 nodes the result is verified and exits 0, naming the untestable
// requirements; --strict exits 1; a cluster with a node of an unsupported
// build, or no Windows node, exits 1 naming the problem.
func TestRunRoutes(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	data, err := os.ReadFile(filepath.Join(generatedCore, "focus.json"))
	if err != nil {
		t.Fatal(err)
	}
	var focus struct {
		Sets []struct {
			Name  string   `json:"name"`
			Specs []string `json:"specs"`
		} `json:"sets"`
	}
	if err := json.Unmarshal(data, &focus); err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	for name, body := range standIns {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	junits := t.TempDir()
	for _, s := range focus.Sets {
		if err := os.WriteFile(filepath.Join(junits, s.Name+".xml"), k8sJUnit(s.Specs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	type outcome struct {
		args []string
		code int
		want []string
	}
	tests := []struct {
		nodes, pods string
		outcomes    []outcome
	}{
		{"nodes-2025.json", "pods.txt", []outcome{
			{nil, 0, []string{
				"core *           Partial",
				"ok  os-build",
				"every Windows node runs a build Kubernetes 1.37 supports: capz-w25-a7k2p 10.0.26100.4061 (Windows Server 2025), capz-w25-q9x4d 10.0.26100.4061 (Windows Server 2025)",
				"set parallel ran with --node-os-distro=windows",
				"set serial ran with --node-os-distro=windows",
				"Result: PASS (required: core): every required profile passed its tested scope; core untestable today: CORE-NET-11, CORE-NET-13, CORE-PERF-01",
			}},
			{[]string{"--strict"}, 1, []string{"Result: FAIL (required: core): core is partial, and --strict needs success"}},
		}},
		// The HostPath test pins no pod: where the recording shows its
		// pods on a Linux node, its requirements are not a pass; where it
		// shows them on a Windows node, they pass.
		{"nodes-2025.json", "pods-hostpath-linux.txt", []outcome{
			{nil, 1, []string{
				"CORE-NET-08   not-windows  Write to a hostPath volume: 2 of 2 tests passed, but the run's recording shows their pods on no Windows node",
				"core *           Failure",
			}},
		}},
		{"nodes-2025.json", "pods-hostpath-windows.txt", []outcome{
			{nil, 0, []string{
				"CORE-NET-08   pass  Write to a hostPath volume: 2 of 2 tests passed; their pods ran on Windows nodes capz-w25-a7k2p",
			}},
		}},
		{"nodes-mixed.json", "pods.txt", []outcome{
			{nil, 1, []string{"failed  os-build", "1 of 2 Windows nodes run a build Kubernetes 1.37 does not support (Windows Server 2019 10.0.17763, Windows Server 2022 10.0.20348, Windows Server 2025 10.0.26100): capz-w1909-r3m8t 10.0.18363.1556", "core is failure"}},
		}},
		{"nodes-linux.json", "pods.txt", []outcome{
			{nil, 1, []string{"failed  windows-nodes", "no Windows node among 1 nodes"}},
		}},
	}
	for _, script := range []string{"e2e.sh", "hydrophone.sh"} {
		for _, tt := range tests {
			t.Run(script+"/"+tt.nodes+"/"+tt.pods, func(t *testing.T) {
				results := filepath.Join(t.TempDir(), "results")
				sh := exec.Command("sh", abs(filepath.Join(generatedCore, script)))
				sh.Env = append(os.Environ(),
					"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
					"KUBECONFIG=/dev/null", "E2E_TEST="+filepath.Join(bin, "e2e.test"), "GINKGO="+filepath.Join(bin, "ginkgo"),
					"KUBECTL="+filepath.Join(bin, "kubectl"), "REPORT_DIR="+results, "OUTPUT_DIR="+results,
					"STANDIN_NODES="+abs(filepath.Join("testdata", "routes", tt.nodes)),
					"STANDIN_VERSION="+abs(filepath.Join("testdata", "routes", "version.json")),
					"STANDIN_PODS="+abs(filepath.Join("testdata", "routes", tt.pods)),
					"STANDIN_NAMESPACES="+abs(filepath.Join("testdata", "routes", "namespaces.txt")),
					"STANDIN_JUNIT="+junits)
				if out, err := sh.CombinedOutput(); err != nil {
					t.Fatalf("%s: %v\n%s", script, err, out)
				}
				// The recorders stopped with the script and left their
				// recordings.
				for _, f := range []string{runlayout.Pods, runlayout.Namespaces} {
					data, err := os.ReadFile(filepath.Join(results, f))
					if err != nil || len(data) == 0 {
						t.Errorf("%s: no recording %s: %v", script, f, err)
					}
				}
				if left, _ := filepath.Glob(filepath.Join(results, "cluster", "*.pid")); len(left) > 0 {
					t.Errorf("%s left %q", script, left)
				}
				for _, o := range tt.outcomes {
					var stdout, stderr bytes.Buffer
					code := cmd.Run(append([]string{"report", "--results", results}, o.args...), nil, &stdout, &stderr)
					if code != o.code {
						t.Errorf("report %q: exit %d, want %d\n%s%s", o.args, code, o.code, stdout.String(), stderr.String())
					}
					for _, w := range o.want {
						if !strings.Contains(stdout.String(), w) {
							t.Errorf("report %q: output lacks %q:\n%s", o.args, w, stdout.String())
						}
					}
				}
			})
		}
	}
}
