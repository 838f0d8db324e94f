package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/mapping"
)

// Recording is where the pods of a run ran, as the placement recorders of
// the generated scripts and plugins saw it (package runlayout): the node
// of every pod, and the e2e-framework label of every namespace.
type Recording struct {
	// Files are the recordings read.
	Files []string `json:"files"`
	// Pods counts the pods with a node; Namespaces the namespaces with an
	// e2e-framework label.
	Pods       int `json:"pods"`
	Namespaces int `json:"namespaces"`

	nodes      map[string]map[string]string // namespace → pod → node
	frameworks map[string]string            // namespace → e2e-framework base name
}

func newRecording() *Recording {
	return &Recording{Files: []string{}, nodes: map[string]map[string]string{}, frameworks: map[string]string{}}
}

// readLines reads tab-separated lines, each at most 64 KiB, calling fn
// with the fields of each; malformed lines are passed over.
func readLines(r io.Reader, fn func(fields []string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<10)
	for sc.Scan() {
		fn(strings.Split(sc.Text(), "\t"))
	}
	return sc.Err()
}

// addPods reads a pods recording: lines "NAMESPACE\tPOD\tNODE".
func (rec *Recording) addPods(name string, r io.Reader) error {
	rec.Files = append(rec.Files, name)
	return readLines(r, func(f []string) {
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return
		}
		pods := rec.nodes[f[0]]
		if pods == nil {
			pods = map[string]string{}
			rec.nodes[f[0]] = pods
		}
		if _, ok := pods[f[1]]; !ok {
			rec.Pods++
		}
		pods[f[1]] = f[2]
	})
}

// addNamespaces reads a namespaces recording: lines "NAMESPACE\tBASENAME".
func (rec *Recording) addNamespaces(name string, r io.Reader) error {
	rec.Files = append(rec.Files, name)
	return readLines(r, func(f []string) {
		if len(f) != 2 || f[0] == "" || f[1] == "" {
			return
		}
		if _, ok := rec.frameworks[f[0]]; !ok {
			rec.Namespaces++
		}
		rec.frameworks[f[0]] = f[1]
	})
}

// TestPlacement is where a passing test's pods ran, as the recording shows.
type TestPlacement struct {
	// Windows, Linux and Other count the test's pods on nodes of each OS
	// (Other: nodes the nodes file does not know, or of another OS).
	Windows int `json:"windows"`
	Linux   int `json:"linux"`
	Other   int `json:"other"`
	// WindowsNodes are the Windows nodes its pods ran on, sorted.
	WindowsNodes []string `json:"windowsNodes,omitempty"`
	// Namespaces are the namespaces of the test's framework base names.
	Namespaces int `json:"namespaces"`
	// Note says why there is no evidence, when there is none.
	Note string `json:"note,omitempty"`
}

// Known reports whether the recording shows any pod of the test.
func (p *TestPlacement) Known() bool { return p != nil && p.Windows+p.Linux+p.Other > 0 }

func (p *TestPlacement) String() string {
	if !p.Known() {
		return p.Note
	}
	s := fmt.Sprintf("%d pods on Windows nodes", p.Windows)
	if len(p.WindowsNodes) > 0 {
		s += " (" + strings.Join(p.WindowsNodes, ", ") + ")"
	}
	s += fmt.Sprintf(", %d on Linux nodes", p.Linux)
	if p.Other > 0 {
		s += fmt.Sprintf(", %d on other nodes", p.Other)
	}
	return s
}

// baseName returns the e2e framework base name of a namespace: its
// e2e-framework label when recorded, else its name without the numeric
// suffix the framework adds ("hybrid-network-4821" is "hybrid-network").
func (rec *Recording) baseName(ns string) string {
	if b := rec.frameworks[ns]; b != "" {
		return b
	}
	i := strings.LastIndexByte(ns, '-')
	if i <= 0 || i == len(ns)-1 {
		return ""
	}
	for _, c := range ns[i+1:] {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return ns[:i]
}

// noRecording is the note of a test whose results hold no placement
// recording.
const noRecording = "no placement recording in the results (the generated scripts and plugins record one)"

// placement joins a spec to the pods of the clusters its testcases ran
// on: spec → its framework base names → the namespaces of those names →
// their pods → their nodes → the nodes' OS. Several specs may share a base
// name, and then share its pods.
func placement(sp *mapping.Spec, clusters []*Cluster) *TestPlacement {
	out := &TestPlacement{}
	var recorded []*Cluster
	for _, cl := range clusters {
		if cl.Recording != nil && cl.Recording.Pods > 0 {
			recorded = append(recorded, cl)
		}
	}
	switch {
	case len(recorded) == 0:
		out.Note = noRecording
		return out
	case sp.Placement == nil:
		out.Note = "the inventory has no static facts for this test"
		return out
	case len(sp.Namespaces) == 0:
		out.Note = "the test's source names no e2e framework namespace"
		return out
	}
	windows := map[string]bool{}
	for _, cl := range recorded {
		os := map[string]string{}
		for _, n := range cl.Nodes {
			os[n.Name] = strings.ToLower(n.OS)
		}
		rec := cl.Recording
		for ns, pods := range rec.nodes {
			if !slices.Contains(sp.Namespaces, rec.baseName(ns)) {
				continue
			}
			out.Namespaces++
			for _, node := range pods {
				switch os[node] {
				case "windows":
					out.Windows++
					windows[node] = true
				case "linux":
					out.Linux++
				default:
					out.Other++
				}
			}
		}
	}
	for n := range windows {
		out.WindowsNodes = append(out.WindowsNodes, n)
	}
	slices.Sort(out.WindowsNodes)
	if !out.Known() {
		out.Note = fmt.Sprintf("the recording shows no pod in namespaces of %s", strings.Join(sp.Namespaces, ", "))
	}
	return out
}
