package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	e2einv "sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Real v1.37.2 specs, with their labels as the inventory records them.
const (
	dnsWindows = "[sig-windows] [Feature:Windows] DNS should support configurable pod DNS servers"
	hybrid     = "[sig-windows] Hybrid cluster network for all supported CNIs should have stable networking for Linux and Windows pods"
	hostPath   = "[sig-storage] HostPath should support r/w [NodeConformance]"
	nodePort   = "[sig-windows] Services should be able to create a functioning NodePort service for Windows"
	endpoint   = "[sig-network] Services should serve a basic endpoint from pods [Conformance]"
	hostProc   = "[sig-windows] [Feature:WindowsHostProcessContainers] HostProcess containers should support querying api-server using in-cluster config"
)

// supported is the synthetic specification's Windows support: v1.37
// supports Windows Server 2019, 2022 and 2025, as the real one does.
var supported = []*spec.WindowsSupport{{Release: "1.37", Servers: []spec.WindowsServer{
	{Name: "Windows Server 2019", Build: "10.0.17763", Sources: []string{"test"}},
	{Name: "Windows Server 2022", Build: "10.0.20348", Sources: []string{"test"}},
	{Name: "Windows Server 2025", Build: "10.0.26100", Sources: []string{"test"}},
}}}

// synthetic resolves a small specification against a small v1.37.2
// inventory:
//
//	R-PASS     dnsWindows (full)
//	R-TWO      hybrid (full), hostPath (partial)
//	R-GAP      no test, a gap recorded
//	R-PARTIAL  nodePort (partial), a gap recorded
//	R-NA       endpoint (full), since 1.38
//	HP-1       hostProc (full), profile hostProcess
func synthetic(t testing.TB) *mapping.Resolution {
	t.Helper()
	inv := &mapping.Inventory{Provenance: mapping.Provenance{Release: "v1.37.2", Method: "test"}}
	for _, s := range []struct {
		text   string
		labels []string
		os, ns string
	}{
		{hostPath, []string{"NodeConformance", "sig-storage"}, e2einv.PlacementNone, "hostpath"},
		{endpoint, []string{"Conformance", "sig-network"}, e2einv.PlacementNone, "services"},
		{hybrid, []string{"sig-windows"}, e2einv.PlacementBoth, "hybrid-network"},
		{nodePort, []string{"sig-windows"}, e2einv.PlacementWindows, "services"},
		{dnsWindows, []string{"Feature:Windows", "sig-windows"}, e2einv.PlacementWindows, "dns"},
		{hostProc, []string{"Feature:WindowsHostProcessContainers", "sig-windows"}, e2einv.PlacementWindows, "host-process-test-windows"},
	} {
		inv.Specs = append(inv.Specs, &mapping.Spec{Text: s.text, Leaf: s.text, Labels: s.labels,
			Placement: &mapping.Placement{OS: s.os}, Namespaces: []string{s.ns}})
	}
	slices.SortFunc(inv.Specs, func(a, b *mapping.Spec) int { return strings.Compare(a.Text, b.Text) })
	full := func(name string) spec.TestRef { return spec.TestRef{Name: name, Coverage: "full", Why: "test"} }
	partial := func(name string) spec.TestRef { return spec.TestRef{Name: name, Coverage: "partial", Why: "test"} }
	req := func(id, profile, since string, gap *spec.Gap, tests ...spec.TestRef) *spec.Requirement {
		return &spec.Requirement{ID: id, Profile: profile, Title: id + " title", Since: since, Tests: tests, Gap: gap}
	}
	s := &spec.Spec{
		Requirements: []*spec.Requirement{
			req("R-PASS", "core", "1.23", nil, full(dnsWindows)),
			req("R-TWO", "core", "1.23", nil, full(hybrid), partial(hostPath)),
			req("R-GAP", "core", "1.23", &spec.Gap{Reason: "No e2e test does it."}),
			req("R-PARTIAL", "core", "1.23", &spec.Gap{Reason: "Only half of it."}, partial(nodePort)),
			req("R-NA", "core", "1.38", nil, full(endpoint)),
			req("HP-1", "hostProcess", "1.23", nil, full(hostProc)),
		},
		Profiles: []*spec.Profile{
			{ID: "core", Title: "Core"},
			{ID: "hostProcess", Title: "HostProcess"},
		},
		WindowsSupport: supported,
	}
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func tc(text string, status Status) Case {
	return Case{Name: "[It] " + text, Text: text, Node: "It", Status: status, Source: "junit.xml"}
}

func hook(name string) Case {
	return Case{Name: name, Text: strings.TrimPrefix(strings.TrimPrefix(name, "[SynchronizedBeforeSuite]"), " "), Node: "SynchronizedBeforeSuite", Hook: true, Status: StatusPassed, Source: "junit.xml"}
}

func verdicts(rep *Report) map[string]Verdict {
	out := map[string]Verdict{}
	for _, r := range rep.Requirements {
		out[r.ID] = r.Verdict
	}
	return out
}

func TestVerdicts(t *testing.T) {
	tests := []struct {
		name  string
		cases []Case
		want  map[string]Verdict
	}{{
		name:  "nothing ran",
		cases: nil,
		want:  map[string]Verdict{"R-PASS": VerdictNotRun, "R-TWO": VerdictNotRun, "R-GAP": VerdictGap, "R-PARTIAL": VerdictNotRun, "R-NA": VerdictNA, "HP-1": VerdictNotRun},
	}, {
		name:  "everything passed",
		cases: []Case{tc(dnsWindows, StatusPassed), tc(hybrid, StatusPassed), tc(hostPath, StatusPassed), tc(nodePort, StatusPassed), tc(endpoint, StatusPassed), tc(hostProc, StatusPassed)},
		want:  map[string]Verdict{"R-PASS": VerdictPass, "R-TWO": VerdictPass, "R-GAP": VerdictGap, "R-PARTIAL": VerdictPass, "R-NA": VerdictNA, "HP-1": VerdictPass},
	}, {
		name:  "a partial test failed",
		cases: []Case{tc(dnsWindows, StatusPassed), tc(hybrid, StatusPassed), tc(hostPath, StatusFailed)},
		want:  map[string]Verdict{"R-PASS": VerdictPass, "R-TWO": VerdictFail},
	}, {
		name:  "a required test is absent",
		cases: []Case{tc(hybrid, StatusPassed)},
		want:  map[string]Verdict{"R-TWO": VerdictNotRun},
	}, {
		name:  "skipped and pending are not run, never passes",
		cases: []Case{tc(dnsWindows, StatusSkipped), tc(hybrid, StatusPassed), tc(hostPath, StatusPending)},
		want:  map[string]Verdict{"R-PASS": VerdictNotRun, "R-TWO": VerdictNotRun},
	}, {
		name:  "timed out and errors are failures",
		cases: []Case{tc(dnsWindows, StatusTimedout), tc(hybrid, StatusError)},
		want:  map[string]Verdict{"R-PASS": VerdictFail, "R-TWO": VerdictFail},
	}, {
		name:  "a failed partial test fails its requirement",
		cases: []Case{tc(nodePort, StatusFailed)},
		want:  map[string]Verdict{"R-PARTIAL": VerdictFail},
	}, {
		name:  "the test of a requirement that does not apply is ignored",
		cases: []Case{tc(endpoint, StatusFailed)},
		want:  map[string]Verdict{"R-NA": VerdictNA},
	}, {
		name:  "duplicates: skipped in the parallel run, passed in the serial run",
		cases: []Case{tc(dnsWindows, StatusSkipped), tc(dnsWindows, StatusPassed)},
		want:  map[string]Verdict{"R-PASS": VerdictPass},
	}, {
		name:  "duplicates: a failure anywhere wins",
		cases: []Case{tc(dnsWindows, StatusPassed), tc(dnsWindows, StatusFailed), tc(dnsWindows, StatusPassed)},
		want:  map[string]Verdict{"R-PASS": VerdictFail},
	}, {
		name:  "duplicates: skipped twice is not run",
		cases: []Case{tc(dnsWindows, StatusSkipped), tc(dnsWindows, StatusPending)},
		want:  map[string]Verdict{"R-PASS": VerdictNotRun},
	}, {
		name:  "label suffix stripped when it lists the spec's labels",
		cases: []Case{tc(dnsWindows+" [sig-windows, Feature:Windows]", StatusPassed)},
		want:  map[string]Verdict{"R-PASS": VerdictPass},
	}, {
		name:  "label suffix kept when it is not the spec's labels",
		cases: []Case{tc(dnsWindows+" [sig-windows]", StatusPassed)},
		want:  map[string]Verdict{"R-PASS": VerdictNotRun},
	}}
	res := synthetic(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Evaluate(res, "v1.37.2", &Results{Cases: tt.cases}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := verdicts(rep)
			for id, want := range tt.want {
				if got[id] != want {
					t.Errorf("%s: got %q, want %q", id, got[id], want)
				}
			}
			checkAccounting(t, rep)
		})
	}
}

// TestPartialPass checks that a requirement whose tests cover it only in
// part passes when they pass, says so, and that the profile line counts it.
func TestPartialPass(t *testing.T) {
	res := synthetic(t)
	res.Requirements = slices.DeleteFunc(res.Requirements, func(r *mapping.Resolved) bool { return r.Requirement.ID == "R-GAP" })
	cases := []Case{tc(dnsWindows, StatusPassed), tc(hybrid, StatusPassed), tc(hostPath, StatusPassed), tc(nodePort, StatusPassed)}
	rep, err := Evaluate(res, "v1.37.2", &Results{Cases: cases}, Options{Required: []string{"core"}, AllowUnverified: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Requirements {
		if r.ID == "R-PARTIAL" && (r.Verdict != VerdictPass || !strings.Contains(r.Detail, "only in part: Only half of it.")) {
			t.Errorf("R-PARTIAL: got %s %q", r.Verdict, r.Detail)
		}
	}
	for _, p := range rep.Profiles {
		if p.ID != "core" {
			continue
		}
		if got, want := p.Summary(), "Incomplete: 3 of 3 requirements passed; 1 covered only in part; 3 without a placement recording; unverified: no node evidence"; got != want {
			t.Errorf("core: got %q, want %q", got, want)
		}
	}
	if !rep.OK {
		t.Error("report not OK with AllowUnverified")
	}
}

func checkAccounting(t *testing.T, rep *Report) {
	t.Helper()
	a := rep.Accounting
	if a.Testcases != a.Mapped+a.Unmapped+a.Hooks {
		t.Errorf("accounting %+v: testcases != mapped + unmapped + hooks", a)
	}
	if a.Testcases != len(rep.Testcases) {
		t.Errorf("accounting %+v: %d testcases listed", a, len(rep.Testcases))
	}
	if a.NotInInventory > a.Unmapped || a.Duplicates > a.Mapped+a.Unmapped {
		t.Errorf("accounting %+v: sub-counts exceed their category", a)
	}
	counts := map[string]int{}
	dups := 0
	for _, tc := range rep.Testcases {
		counts[tc.Category]++
		if tc.Duplicate {
			dups++
		}
		if (tc.Category == CategoryMapped) != (len(tc.Requirements) > 0) {
			t.Errorf("testcase %q is %s with requirements %q", tc.Name, tc.Category, tc.Requirements)
		}
	}
	if counts[CategoryMapped] != a.Mapped || counts[CategoryUnmapped] != a.Unmapped || counts[CategoryHook] != a.Hooks || dups != a.Duplicates {
		t.Errorf("testcases %v (%d duplicates) disagree with accounting %+v", counts, dups, a)
	}
}

func TestAccounting(t *testing.T) {
	res := synthetic(t)
	cases := []Case{
		hook("[SynchronizedBeforeSuite]"),
		tc(dnsWindows, StatusSkipped),
		tc(dnsWindows, StatusPassed),                               // duplicate, mapped
		tc(dnsWindows+" [sig-windows, Feature:Windows]", "passed"), // duplicate through its labels
		tc(endpoint, StatusPassed),                                 // R-NA does not apply: unmapped
		tc(hostPath, StatusPassed),                                 // mapped to R-TWO
		tc("[sig-network] gone, renamed", StatusPassed),            // not in the inventory
		tc("[sig-network] gone, renamed", StatusFailed),            // duplicate, unmapped
		{Name: "AfterSuite", Text: "AfterSuite", Node: "AfterSuite", Hook: true, Status: StatusFailed, Source: "v1.xml"},
	}
	rep, err := Evaluate(res, "v1.37.2", &Results{Cases: cases}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Accounting{Testcases: 9, Mapped: 4, Unmapped: 3, NotInInventory: 2, Hooks: 2, Duplicates: 3}
	if rep.Accounting != want {
		t.Errorf("got %+v, want %+v", rep.Accounting, want)
	}
	checkAccounting(t, rep)
	if got := rep.Testcases[3]; got.Spec != dnsWindows || !slices.Equal(got.Requirements, []string{"R-PASS"}) {
		t.Errorf("got %+v, want the labelled name mapped to R-PASS through %q", got, dnsWindows)
	}
	r := rep.Requirements[0]
	if r.ID != "R-PASS" || len(r.Tests) != 1 || r.Tests[0].Occurrences != 3 || r.Tests[0].Status != StatusPassed {
		t.Errorf("got %+v, want R-PASS with one test seen 3 times, passed", r)
	}
	// Restricting the profiles restricts what counts as mapped.
	rep, err = Evaluate(res, "v1.37.2", &Results{Cases: []Case{tc(hostProc, StatusPassed), tc(dnsWindows, StatusPassed)}}, Options{Profiles: []string{"hostProcess"}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accounting.Mapped != 1 || rep.Accounting.Unmapped != 1 || len(rep.Requirements) != 1 || len(rep.Profiles) != 1 {
		t.Errorf("got %+v with %d requirements, want only hostProcess evaluated", rep.Accounting, len(rep.Requirements))
	}
}

// TestAccountingFixtures checks that the totals add up for every fixture
// against the real specification.
func TestAccountingFixtures(t *testing.T) {
	res := realResolution(t)
	for _, p := range []string{
		"testdata/sonobuoy/windows-2022.tar.gz", "testdata/sonobuoy/linux-only.tar.gz", "testdata/junit/k8s-v2.xml",
		"testdata/junit/k8s-v1.xml", "testdata/junit/ginkgo-labels.xml", "testdata/ginkgo/report.json",
	} {
		results, err := Read([]string{p}, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Evaluate(res, "v1.37.2", results, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(p, func(t *testing.T) { checkAccounting(t, rep) })
	}
}

// cluster is a Sonobuoy cluster for the evidence tests. Its placement
// recording puts the pods of every synthetic spec's namespace on its first
// Windows node, else on its first node.
func cluster(nodes []Node, distros ...string) *Cluster {
	cl := &Cluster{Source: "results.tar.gz", NodesFile: nodesFiles[0], Nodes: nodes}
	if len(nodes) > 0 {
		node := nodes[0].Name
		for _, n := range nodes {
			if n.Windows() {
				node = n.Name
				break
			}
		}
		cl.Recording = recordingOf(node, "dns-4821", "hybrid-network-1", "hostpath-22", "services-7", "host-process-test-windows-9")
	}
	p := &Plugin{Name: "wincspec-core-parallel", Testcases: 2}
	for _, d := range distros {
		p.Distros = append(p.Distros, Distro{Value: d, From: "plugins/wincspec-core-parallel/definition.json (E2E_EXTRA_ARGS)"})
	}
	cl.Plugins = []*Plugin{p}
	return cl
}

// recordingOf is a placement recording with one pod per namespace, on node.
func recordingOf(node string, namespaces ...string) *Recording {
	rec := newRecording()
	var pods, frameworks strings.Builder
	for _, ns := range namespaces {
		fmt.Fprintf(&pods, "%s\tpod-a\t\n%s\tpod-a\t%s\n", ns, ns, node)
		base := ns[:strings.LastIndexByte(ns, '-')]
		fmt.Fprintf(&frameworks, "%s\t%s\n", ns, base)
	}
	rec.addPods("pods.txt", strings.NewReader(pods.String()))
	rec.addNamespaces("namespaces.txt", strings.NewReader(frameworks.String()))
	return rec
}

var (
	win2022 = Node{Name: "w1", OS: "windows", KernelVersion: "10.0.20348.2340", WindowsBuild: "10.0.20348", Ready: true}
	win2025 = Node{Name: "w2", OS: "windows", KernelVersion: "10.0.26100.1742", WindowsBuild: "10.0.26100", Ready: true}
	win1909 = Node{Name: "w3", OS: "windows", KernelVersion: "10.0.18363.1556", WindowsBuild: "10.0.18363", Ready: true}
	linux   = Node{Name: "l1", OS: "linux", KernelVersion: "6.8.0-1017-azure", Ready: true}
)

func TestEvidence(t *testing.T) {
	res := passingSpec(t)
	passing := func(cl *Cluster) *Results {
		cases := []Case{tc(dnsWindows, StatusPassed), tc(hybrid, StatusPassed), tc(hostPath, StatusPassed)}
		r := &Results{}
		if cl != nil {
			for i := range cases {
				cases[i].Cluster, cases[i].Plugin = cl, "wincspec-core-parallel"
			}
			r.Clusters = []*Cluster{cl}
			r.Inputs = []Input{{Path: cl.Source, Kind: KindSonobuoy, Testcases: len(cases)}}
		} else {
			r.Inputs = []Input{{Path: "junit_01.xml", Kind: KindJUnit, Testcases: len(cases)}}
		}
		r.Cases = cases
		return r
	}
	noNodesFile := cluster(nil, "windows")
	noNodesFile.NodesFile = ""
	plainDebian := passing(nil)
	plainDebian.Cases = append(plainDebian.Cases, Case{Name: "[It] " + nodePort, Text: nodePort, Status: StatusSkipped, Message: "skipped - Only supported for node OS distro [windows] (not debian)", Source: "junit_01.xml"})
	tests := []struct {
		name            string
		results         *Results
		allowUnverified bool
		evidence        string
		summary         string
		ok              bool
	}{
		{"Windows 2022 node, windows distro", passing(cluster([]Node{linux, win2022}, "windows")), false, EvidenceVerified, "Success: 1 of 1 requirements verified", true},
		{"Windows 2025 node on v1.37", passing(cluster([]Node{linux, win2025}, "windows")), false, EvidenceVerified, "Success: 1 of 1 requirements verified", true},
		{"distro spelled Windows", passing(cluster([]Node{win2022}, "Windows")), false, EvidenceVerified, "Success: 1 of 1 requirements verified", true},
		{"no Windows node", passing(cluster([]Node{linux}, "windows")), false, EvidenceFailed, "Failure: 0 of 1 requirements passed, 1 failed (R-PASS); evidence: no Windows node", false},
		{"unsupported build only", passing(cluster([]Node{linux, win1909}, "windows")), false, EvidenceFailed, "Failure: 1 of 1 requirements passed; evidence: a Windows node of an unsupported build", false},
		{"one unsupported node of two", passing(cluster([]Node{win2025, win1909}, "windows")), false, EvidenceFailed, "Failure: 1 of 1 requirements passed; evidence: a Windows node of an unsupported build", false},
		{"missing --node-os-distro", passing(cluster([]Node{win2022}, "debian")), false, EvidenceFailed, "Failure: 1 of 1 requirements passed; evidence: --node-os-distro=debian", false},
		{"definition says windows, log says debian", passing(cluster([]Node{win2022}, "windows", "debian")), false, EvidenceFailed, "Failure: 1 of 1 requirements passed; evidence: --node-os-distro=debian", false},
		{"no plugin configuration or logs", passing(cluster([]Node{win2022})), false, EvidenceUnverified, "Incomplete: 1 of 1 requirements passed; unverified: no --node-os-distro evidence", false},
		{"tarball without nodes file", passing(noNodesFile), false, EvidenceUnverified, "Incomplete: 1 of 1 requirements passed; 1 without a placement recording; unverified: no node evidence", false},
		{"plain JUnit", passing(nil), false, EvidenceUnverified, "Incomplete: 1 of 1 requirements passed; 1 without a placement recording; unverified: no node evidence", false},
		{"plain JUnit, unverified allowed", passing(nil), true, EvidenceUnverified, "Incomplete: 1 of 1 requirements passed; 1 without a placement recording; unverified: no node evidence", true},
		{"plain JUnit whose skip messages show debian", plainDebian, true, EvidenceFailed, "Failure: 1 of 1 requirements passed; 1 without a placement recording; evidence: --node-os-distro=debian", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Evaluate(res, "v1.37.2", tt.results, Options{Profiles: []string{"core"}, AllowUnverified: tt.allowUnverified})
			if err != nil {
				t.Fatal(err)
			}
			p := rep.Profiles[0]
			if p.Evidence != tt.evidence {
				t.Errorf("got evidence %q, want %q (checks %+v)", p.Evidence, tt.evidence, p.Checks)
			}
			if got := p.Summary(); got != tt.summary {
				t.Errorf("got summary %q, want %q", got, tt.summary)
			}
			if rep.OK != tt.ok {
				t.Errorf("got OK %v, want %v", rep.OK, tt.ok)
			}
		})
	}
}

// passingSpec is a specification whose one core requirement is fully
// covered by one test, so that the evidence alone decides.
func passingSpec(t *testing.T) *mapping.Resolution {
	t.Helper()
	res := synthetic(t)
	s := *res.Spec
	s.Requirements = []*spec.Requirement{res.Spec.Requirements[0]}
	out, err := mapping.Resolve(&s, res.Inventories)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestProfileResult(t *testing.T) {
	res := passingSpec(t)
	good := cluster([]Node{win2022}, "windows")
	tests := []struct {
		name    string
		cases   []Case
		opts    Options
		summary string
		ok      bool
	}{
		{"pass", []Case{tc(dnsWindows, StatusPassed)}, Options{Profiles: []string{"core"}}, "Success: 1 of 1 requirements verified", true},
		{"pass, strict", []Case{tc(dnsWindows, StatusPassed)}, Options{Profiles: []string{"core"}, Strict: true}, "Success: 1 of 1 requirements verified", true},
		{"fail", []Case{tc(dnsWindows, StatusFailed)}, Options{Profiles: []string{"core"}}, "Failure: 0 of 1 requirements verified, 1 failed (R-PASS)", false},
		{"not run", []Case{tc(dnsWindows, StatusSkipped)}, Options{Profiles: []string{"core"}}, "Incomplete: 0 of 1 requirements verified, 1 not run (R-PASS)", false},
		{"a profile with no requirement", []Case{tc(dnsWindows, StatusPassed)}, Options{Profiles: []string{"hostProcess"}}, "Incomplete: 0 of 0 requirements verified; no requirement applies", false},
		{"not required", []Case{tc(dnsWindows, StatusPassed)}, Options{Required: []string{"core"}}, "Success: 1 of 1 requirements verified", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.cases {
				tt.cases[i].Cluster, tt.cases[i].Plugin = good, "wincspec-core-parallel"
			}
			results := &Results{Cases: tt.cases, Clusters: []*Cluster{good}, Inputs: []Input{{Path: "results.tar.gz", Kind: KindSonobuoy, Testcases: len(tt.cases)}}}
			rep, err := Evaluate(res, "v1.37.2", results, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Profiles[0].Summary(); got != tt.summary {
				t.Errorf("got %q, want %q", got, tt.summary)
			}
			if rep.OK != tt.ok {
				t.Errorf("got OK %v, want %v", rep.OK, tt.ok)
			}
		})
	}
	// Gaps and partly covered requirements: the profile passed its tested
	// scope (partial), which passes by default and fails under Strict.
	gap := synthetic(t)
	all := []Case{tc(dnsWindows, StatusPassed), tc(hybrid, StatusPassed), tc(hostPath, StatusPassed), tc(nodePort, StatusPassed)}
	for i := range all {
		all[i].Cluster, all[i].Plugin = good, "wincspec-core-parallel"
	}
	results := &Results{Cases: all, Clusters: []*Cluster{good}, Inputs: []Input{{Path: "results.tar.gz", Kind: KindSonobuoy, Testcases: len(all)}}}
	for _, strict := range []bool{false, true} {
		rep, err := Evaluate(gap, "v1.37.2", results, Options{Profiles: []string{"core"}, Strict: strict})
		if err != nil {
			t.Fatal(err)
		}
		p := rep.Profiles[0]
		if got, want := p.Summary(), "Partial: 3 of 4 requirements verified, 1 untestable today (R-GAP); 1 covered only in part"; got != want {
			t.Errorf("strict %v: got %q, want %q", strict, got, want)
		}
		if p.Level != LevelPartial || !slices.Equal(p.Untestable, []string{"R-GAP"}) || !slices.Equal(p.PartlyCovered, []string{"R-PARTIAL"}) {
			t.Errorf("strict %v: got level %s, untestable %q, partly covered %q", strict, p.Level, p.Untestable, p.PartlyCovered)
		}
		if rep.OK == strict {
			t.Errorf("strict %v: got OK %v, want %v", strict, rep.OK, !strict)
		}
		line := rep.resultLine()
		if !strict && !strings.Contains(line, "PASS") || !strings.Contains(line, "R-GAP") && !strict {
			t.Errorf("result line %q should pass and name the untestable requirement", line)
		}
		if strict && !strings.Contains(line, "core is partial, and --strict needs success") {
			t.Errorf("strict result line %q should say why", line)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	res := synthetic(t)
	tests := []struct {
		name    string
		release string
		opts    Options
		want    string
	}{
		{"unknown release", "v1.36.5", Options{}, "release v1.36.5 was not resolved"},
		{"unknown profile", "v1.37.2", Options{Profiles: []string{"nope"}}, `unknown profile "nope"`},
		{"required but not evaluated", "v1.37.2", Options{Profiles: []string{"core"}, Required: []string{"hostProcess"}}, `required profile "hostProcess" is not evaluated`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Evaluate(res, tt.release, &Results{}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	res := synthetic(t)
	inv := res.Inventories[0]
	tests := []struct{ text, want string }{
		{dnsWindows, dnsWindows},
		{dnsWindows + " [sig-windows, Feature:Windows]", dnsWindows},
		{dnsWindows + " [Feature:Windows, sig-windows]", dnsWindows},
		{dnsWindows + " [sig-windows, Feature:Windows, sig-windows]", dnsWindows},
		{dnsWindows + " [sig-windows]", ""},
		{dnsWindows + " [sig-windows, Feature:Windows, Serial]", ""},
		{dnsWindows + " [sig-windows, Feature:Windows] [x]", ""},
		{hostPath + " [sig-storage, NodeConformance]", hostPath},
		{"[sig-storage] HostPath should support r/w [sig-storage, NodeConformance]", ""},
		{"[It] " + dnsWindows, ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if sp := match(inv, tt.text); sp != nil {
			got = sp.Text
		}
		if got != tt.want {
			t.Errorf("match(%q): got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestReleaseWarning(t *testing.T) {
	res := synthetic(t)
	cl := cluster([]Node{win2022}, "windows")
	cl.ServerVersion = "v1.36.4"
	rep, err := Evaluate(res, "v1.37.2", &Results{Clusters: []*Cluster{cl}, Cases: []Case{tc("[sig-network] gone, renamed", StatusPassed)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"the cluster runs v1.36.4", "1 of 1 spec testcases are not in the v1.37.2 inventory"} {
		if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("got warnings %q, want one containing %q", rep.Warnings, want)
		}
	}
}
