package compiler

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"sigs.k8s.io/wincspec/internal/runlayout"
	"sigs.k8s.io/wincspec/inventory"
)

// ConformanceImage returns the Kubernetes conformance image of a release.
func ConformanceImage(release string) string {
	return "registry.k8s.io/conformance:" + release
}

// e2eArgs are the e2e.test flags every generated invocation passes: the
// flags the inventories were listed with (inventory.RunFlags).
func e2eArgs() []string { return inventory.RunFlags() }

// focusDocument is the JSON form of the focus target. Scripts rely on its
// shape: release, profiles, and sets of name, focus, skip and specs.
type focusDocument struct {
	Generated string   `json:"//"`
	Release   string   `json:"release"`
	Profiles  []string `json:"profiles"`
	Sets      []Set    `json:"sets"`
}

// FocusJSON renders the plan's sets as JSON.
func FocusJSON(p *Plan, command string) ([]byte, error) {
	return JSON(focusDocument{Header(command), p.Release, p.Profiles, p.Sets})
}

// FocusText renders the plan's sets for a reader: one block per set.
func FocusText(p *Plan, command string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n", Header(command))
	fmt.Fprintf(&b, "# Windows Conformance, %s, Kubernetes %s: %s.\n", profilesText(p.Profiles), p.Release, SpecCount(p.Count()))
	fmt.Fprintf(&b, "# Ginkgo runs a spec when focus matches %q and skip does not.\n", "Kubernetes e2e suite <spec text>")
	for _, s := range p.Sets {
		fmt.Fprintf(&b, "\n[%s] %s\n", s.Name, SpecCount(len(s.Specs)))
		fmt.Fprintf(&b, "focus: %s\n", s.Focus)
		fmt.Fprintf(&b, "skip: %s\n", s.Skip)
	}
	return b.Bytes()
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// E2EScript renders a POSIX shell script that runs the plan with the
// release's e2e.test: the parallel set through the ginkgo CLI with several
// processes, the serial set with e2e.test alone. Like the conformance
// image's go-runner, it raises Ginkgo's suite timeout from 1h to 24h. It
// runs both sets and exits non-zero if either fails.
func E2EScript(p *Plan, ginkgo, command string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "#!/bin/sh\n# %s\n#\n", Header(command))
	fmt.Fprintf(&b, "# Runs the Windows Conformance tests of %s against Kubernetes %s\n", profilesText(p.Profiles), p.Release)
	fmt.Fprintf(&b, "# (%s) with the release's e2e.test, from a Linux host or pod:\n", SpecCount(p.Count()))
	for _, s := range p.Sets {
		fmt.Fprintf(&b, "# a %s invocation of %s", s.Name, SpecCount(len(s.Specs)))
		if s.Parallel() {
			fmt.Fprintf(&b, " (through ginkgo %s, PROCS processes)", ginkgo)
		}
		fmt.Fprintf(&b, ",\n")
	}
	fmt.Fprintf(&b, "# each writing its JUnit report under REPORT_DIR.\n")
	b.WriteString(operatorWarning(p.disruptive(p.Sets...)))
	b.WriteString("#\n")
	b.WriteString(evidenceComment("REPORT_DIR", p.Edition))
	fmt.Fprintf(&b, "# Environment: KUBECONFIG (required), E2E_TEST (default ./e2e.test),\n")
	fmt.Fprintf(&b, "# GINKGO (default ginkgo; use version %s), PROCS (default 4),\n", ginkgo)
	fmt.Fprintf(&b, "# REPORT_DIR (default ./results), KUBECTL (default kubectl).\n#\n")
	fmt.Fprintf(&b, "# Images these tests may use on Windows nodes (prepulled): %s.\n", strings.Join(p.Images(), ", "))
	b.WriteString(`set -u
: "${KUBECONFIG:?set KUBECONFIG to the cluster's kubeconfig}"
E2E_TEST=${E2E_TEST:-./e2e.test}
GINKGO=${GINKGO:-ginkgo}
PROCS=${PROCS:-4}
REPORT_DIR=${REPORT_DIR:-./results}
KUBECTL=${KUBECTL:-kubectl}
status=0
`)
	b.WriteString(evidenceCommands("REPORT_DIR", "e2e.sh"))
	args := strings.Join(e2eArgs(), " ")
	for _, s := range p.Sets {
		fmt.Fprintf(&b, "\n# %s: %s\n", s.Name, SpecCount(len(s.Specs)))
		b.WriteString(flagsCommand("REPORT_DIR", s.Name))
		if s.Parallel() {
			fmt.Fprintf(&b, "\"$GINKGO\" --procs=\"$PROCS\" --no-color --timeout=24h \\\n  --focus=%s \\\n", shellQuote(s.Focus))
			if s.Skip != "" {
				fmt.Fprintf(&b, "  --skip=%s \\\n", shellQuote(s.Skip))
			}
			fmt.Fprintf(&b, "  \"$E2E_TEST\" -- \\\n")
		} else {
			fmt.Fprintf(&b, "\"$E2E_TEST\" --ginkgo.no-color --ginkgo.timeout=24h \\\n  --ginkgo.focus=%s \\\n", shellQuote(s.Focus))
			if s.Skip != "" {
				fmt.Fprintf(&b, "  --ginkgo.skip=%s \\\n", shellQuote(s.Skip))
			}
		}
		fmt.Fprintf(&b, "  --kubeconfig=\"$KUBECONFIG\" %s \\\n  --report-dir=\"$REPORT_DIR/%s\" || status=1\n", args, s.Name)
	}
	b.WriteString("\nexit $status\n")
	return b.Bytes()
}

// evidenceComment says what the scripts save for wincspec report.
func evidenceComment(dir, edition string) string {
	return fmt.Sprintf(`# Before the tests, it saves the cluster's nodes and version under
# $%[1]s/%[2]s and each set's e2e.test flags in $%[1]s/SET/%[3]s; while
# they run, it records with kubectl watches the node of every pod and the
# e2e-framework label of every namespace (%[4]s, %[5]s).
# "wincspec report%[6]s --results $%[1]s" reads them to check that the tests
# ran on Windows nodes of a supported build, with --node-os-distro=windows.
#
`, dir, path.Dir(runlayout.Nodes), runlayout.Flags, path.Base(runlayout.Pods), path.Base(runlayout.Namespaces),
		EditionFlag(edition))
}

// evidenceCommands save the cluster's nodes and version into the run
// directory (package runlayout), and start the placement recorders: kubectl
// watches of pods and namespaces, restarted when the API server ends a
// watch, stopped when the script exits. Without the nodes the run cannot
// be verified, so a failure to read them stops the script.
func evidenceCommands(dir, script string) string {
	return fmt.Sprintf(`
# evidence for wincspec report
mkdir -p "$%[1]s/%[2]s" || exit 1
"$KUBECTL" get nodes -o json > "$%[1]s/%[3]s" || { echo "%[5]s: kubectl get nodes failed" >&2; exit 1; }
"$KUBECTL" version -o json > "$%[1]s/%[4]s" || status=1
stop="$%[1]s/%[2]s/.stop"
rm -f "$stop"
record() { # FILE KUBECTL-ARGS...: append a watch to FILE until $stop exists
	out=$1
	shift
	while [ ! -e "$stop" ]; do
		"$KUBECTL" "$@" >> "$out" 2>/dev/null &
		echo $! > "$out.pid"
		[ -e "$stop" ] && kill $! 2>/dev/null
		wait $!
		sleep 1
	done
}
record "$%[1]s/%[6]s" get pods --all-namespaces --watch -o %[8]s &
record "$%[1]s/%[7]s" get namespaces --watch -o %[9]s &
stop_recording() {
	touch "$stop"
	for f in "$%[1]s/%[6]s.pid" "$%[1]s/%[7]s.pid"; do
		[ -e "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	wait
	rm -f "$stop" "$%[1]s/%[6]s.pid" "$%[1]s/%[7]s.pid"
}
trap stop_recording EXIT
trap 'exit 130' INT TERM
`, dir, path.Dir(runlayout.Nodes), runlayout.Nodes, runlayout.Version, script, runlayout.Pods, runlayout.Namespaces,
		shellQuote("jsonpath="+runlayout.PodsTemplate), shellQuote("jsonpath="+runlayout.NamespacesTemplate))
}

// recorderSidecar is a container of a Sonobuoy plugin that records, with
// the conformance image's kubectl, a watch of one resource to its log until
// the go-runner writes the results' done file; it restarts the watch when
// the API server ends it.
func recorderSidecar(release, name, resource, template string) container {
	script := fmt.Sprintf(`done=/tmp/sonobuoy/results/done
while [ ! -e "$done" ]; do
  kubectl get %s --watch -o %s &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ ! -e "$done" ]; do sleep 2; done
  kill "$pid" 2>/dev/null
  wait "$pid"
done
exit 0
`, resource, shellQuote("jsonpath="+template))
	return container{
		Name:            name,
		Image:           ConformanceImage(release),
		Command:         []string{"/bin/sh", "-c", script},
		ImagePullPolicy: "IfNotPresent",
		Env:             []envVar{},
		VolumeMounts:    []volumeMount{{"results", "/tmp/sonobuoy/results"}},
	}
}

// flagsCommand records the e2e.test flags of one set in its directory.
func flagsCommand(dir, set string) string {
	var quoted []string
	for _, a := range e2eArgs() {
		quoted = append(quoted, shellQuote(a))
	}
	return fmt.Sprintf("mkdir -p \"$%[1]s/%[2]s\" && printf '%%s\\n' %[3]s > \"$%[1]s/%[2]s/%[4]s\" || status=1\n",
		dir, set, strings.Join(quoted, " "), runlayout.Flags)
}

// HydrophoneScript renders hydrophone command lines for the plan, one per
// set, with the release's conformance image.
func HydrophoneScript(p *Plan, command string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "#!/bin/sh\n# %s\n#\n", Header(command))
	fmt.Fprintf(&b, "# Runs the Windows Conformance tests of %s against Kubernetes %s\n", profilesText(p.Profiles), p.Release)
	fmt.Fprintf(&b, "# (%s) with hydrophone (sigs.k8s.io/hydrophone), one run per set.\n", SpecCount(p.Count()))
	b.WriteString(operatorWarning(p.disruptive(p.Sets...)))
	b.WriteString(`#
# hydrophone's test pod has no node selector and tolerates every taint; on a
# cluster with schedulable Windows nodes it can land on one, where the Linux
# conformance image cannot run. Use the Sonobuoy plugins there, or taint the
# Windows nodes with a taint hydrophone's pod does not tolerate.
#
#
`)
	b.WriteString(evidenceComment("OUTPUT_DIR", p.Edition))
	b.WriteString(`# Environment: PROCS (default 4), OUTPUT_DIR (default ./results),
# KUBECTL (default kubectl); hydrophone and kubectl read KUBECONFIG.
set -u
PROCS=${PROCS:-4}
OUTPUT_DIR=${OUTPUT_DIR:-./results}
KUBECTL=${KUBECTL:-kubectl}
status=0
`)
	b.WriteString(evidenceCommands("OUTPUT_DIR", "hydrophone.sh"))
	var extra []string
	for _, a := range e2eArgs() {
		// --extra-args is a pflag string slice: CSV, so a value with a
		// comma is written in double quotes.
		if strings.Contains(a, ",") {
			a = `"` + a + `"`
		}
		extra = append(extra, a)
	}
	for _, s := range p.Sets {
		fmt.Fprintf(&b, "\n# %s: %s\n", s.Name, SpecCount(len(s.Specs)))
		b.WriteString(flagsCommand("OUTPUT_DIR", s.Name))
		parallel := "1"
		if s.Parallel() {
			parallel = `"$PROCS"`
		}
		fmt.Fprintf(&b, "hydrophone --conformance-image=%s \\\n  --parallel=%s \\\n  --focus=%s \\\n", ConformanceImage(p.Release), parallel, shellQuote(s.Focus))
		if s.Skip != "" {
			fmt.Fprintf(&b, "  --skip=%s \\\n", shellQuote(s.Skip))
		}
		fmt.Fprintf(&b, "  --extra-args=%s \\\n  --output-dir=\"$OUTPUT_DIR/%s\" || status=1\n", shellQuote(strings.Join(extra, ",")), s.Name)
	}
	b.WriteString("\nexit $status\n")
	return b.Bytes()
}

// Sonobuoy plugin manifest, with the field names of Sonobuoy's
// pkg/plugin/manifest (v0.57).
type sonobuoyPlugin struct {
	SonobuoyConfig sonobuoyConfig `yaml:"sonobuoy-config"`
	Spec           container      `yaml:"spec"`
	PodSpec        podSpec        `yaml:"podSpec"`
}

type sonobuoyConfig struct {
	Driver       string `yaml:"driver"`
	PluginName   string `yaml:"plugin-name"`
	ResultFormat string `yaml:"result-format"`
	Description  string `yaml:"description"`
	Order        int    `yaml:"order,omitempty"`
}

type container struct {
	Name            string        `yaml:"name"`
	Image           string        `yaml:"image"`
	Command         []string      `yaml:"command"`
	ImagePullPolicy string        `yaml:"imagePullPolicy"`
	Env             []envVar      `yaml:"env,omitempty"`
	VolumeMounts    []volumeMount `yaml:"volumeMounts"`
}

type envVar struct {
	Name  string `yaml:"name"`
	Value string `yaml:"value"`
}

type volumeMount struct {
	Name      string `yaml:"name"`
	MountPath string `yaml:"mountPath"`
}

type podSpec struct {
	Containers         []container       `yaml:"containers"`
	RestartPolicy      string            `yaml:"restartPolicy"`
	ServiceAccountName string            `yaml:"serviceAccountName"`
	NodeSelector       map[string]string `yaml:"nodeSelector"`
	Tolerations        []toleration      `yaml:"tolerations"`
}

type toleration struct {
	Key      string `yaml:"key"`
	Operator string `yaml:"operator"`
	Effect   string `yaml:"effect,omitempty"`
}

// SonobuoyPluginName returns the plugin name of a profile's set: an RFC 1123
// subdomain, distinct from Sonobuoy's own "e2e" plugin, whose name Sonobuoy
// treats specially, and naming the edition unless it is the default one, so
// that the plugins of two editions can run together.
func SonobuoyPluginName(edition, profile, set string) string {
	if edition != "" {
		return "wincspec-" + edition + "-" + strings.ToLower(profile) + "-" + set
	}
	return "wincspec-" + strings.ToLower(profile) + "-" + set
}

// SonobuoyOrder is the plugin order of a set: parallel sets run first,
// together; each profile's serial set then runs alone, in profile order.
func SonobuoyOrder(profileIndex int, set *Set) int {
	if set.Parallel() {
		return 0
	}
	return 1 + profileIndex
}

// SonobuoyPlugin renders the Sonobuoy plugin that runs one set of a
// single-profile plan with the release's conformance image: a Job plugin
// with JUnit results, its pod pinned to Linux nodes, and the go-runner's
// E2E_FOCUS, E2E_SKIP, E2E_PARALLEL and E2E_EXTRA_ARGS. The header says
// how to run the plan's plugins together.
func SonobuoyPlugin(p *Plan, set *Set, profileIndex int, command string) ([]byte, error) {
	if len(p.Profiles) != 1 {
		return nil, fmt.Errorf("a Sonobuoy plugin is for one profile, got %d", len(p.Profiles))
	}
	parallel := "false"
	if set.Parallel() {
		parallel = "true"
	}
	extra := append([]string{"--progress-report-url=http://localhost:8099/progress"}, e2eArgs()...)
	env := []envVar{
		{"E2E_EXTRA_ARGS", strings.Join(extra, " ")},
		{"E2E_FOCUS", set.Focus},
		{"E2E_PARALLEL", parallel},
	}
	if set.Skip != "" {
		env = append(env, envVar{"E2E_SKIP", set.Skip})
	}
	name := SonobuoyPluginName(p.Edition, p.Profiles[0], set.Name)
	plugin := sonobuoyPlugin{
		SonobuoyConfig: sonobuoyConfig{
			Driver:       "Job",
			PluginName:   name,
			ResultFormat: "junit",
			Description:  fmt.Sprintf("Windows Conformance, profile %s, %s set: %s of Kubernetes %s", p.Profiles[0], set.Name, SpecCount(len(set.Specs)), p.Release),
			Order:        SonobuoyOrder(profileIndex, set),
		},
		Spec: container{
			Name:            "e2e",
			Image:           ConformanceImage(p.Release),
			Command:         []string{"/run_e2e.sh"},
			ImagePullPolicy: "IfNotPresent",
			Env:             env,
			VolumeMounts:    []volumeMount{{"results", "/tmp/sonobuoy/results"}},
		},
		PodSpec: podSpec{
			Containers: []container{
				recorderSidecar(p.Release, runlayout.PodsContainer, "pods --all-namespaces", runlayout.PodsTemplate),
				recorderSidecar(p.Release, runlayout.NamespacesContainer, "namespaces", runlayout.NamespacesTemplate),
			},
			RestartPolicy:      "Never",
			ServiceAccountName: "sonobuoy-serviceaccount",
			NodeSelector:       map[string]string{"kubernetes.io/os": "linux"},
			Tolerations: []toleration{
				{Key: "node-role.kubernetes.io/master", Operator: "Exists", Effect: "NoSchedule"},
				{Key: "node-role.kubernetes.io/control-plane", Operator: "Exists", Effect: "NoSchedule"},
				{Key: "CriticalAddonsOnly", Operator: "Exists"},
				{Key: "kubernetes.io/e2e-evict-taint-key", Operator: "Exists"},
			},
		},
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n", Header(command))
	var run []string
	for _, s := range p.Sets {
		run = append(run, "-p "+SonobuoyPluginName(p.Edition, p.Profiles[0], s.Name)+".yaml")
	}
	fmt.Fprintf(&b, "# Run the profile with: sonobuoy run %s --wait\n", strings.Join(run, " "))
	fmt.Fprintf(&b, "# Plugins of lower order finish before those of higher order start.\n")
	if w := operatorWarning(p.disruptive(*set)); w != "" {
		b.WriteString(strings.TrimPrefix(w, "#\n"))
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(plugin); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SpecCount writes "1 spec" or "N specs".
func SpecCount(n int) string {
	if n == 1 {
		return "1 spec"
	}
	return fmt.Sprintf("%d specs", n)
}

// profilesText writes "profile core" or "profiles core, networkPolicy".
func profilesText(ps []string) string {
	if len(ps) == 1 {
		return "profile " + ps[0]
	}
	return "profiles " + strings.Join(ps, ", ")
}
