package compiler

import (
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// TestFactsChecks checks the findings that come from the inventories'
// static facts: dead tests, skips a generated run hits, unpinned tests and
// the CORE-RULE-03 summary, judged per release with that release's facts.
func TestFactsChecks(t *testing.T) {
	pinned := func(os string, podOS bool) *mapping.Placement {
		return &mapping.Placement{OS: os, PodOS: podOS, Via: []string{"nodeSelector test/e2e/windows/x.go:1"}}
	}
	none := &mapping.Placement{OS: inventory.PlacementNone}
	reboot := func(skips ...mapping.Skip) *mapping.Spec {
		return &mapping.Spec{Leaf: "[sig-windows] reboots [Disruptive] [Serial]", Placement: pinned(inventory.PlacementWindows, false), Skips: skips}
	}
	always := mapping.Skip{Kind: inventory.SkipAlways, Func: "e2eskipper.Skipf", File: "test/e2e/windows/reboot_node.go", Line: 50}
	gce := mapping.Skip{Kind: inventory.SkipProvider, Func: "e2eskipper.SkipUnlessProviderIs", Args: []string{"gce", "gke"}, File: "test/e2e/network/a.go", Line: 7}
	skeleton := mapping.Skip{Kind: inventory.SkipProvider, Func: "e2eskipper.SkipUnlessProviderIs", Args: []string{"gce", "skeleton"}, File: "test/e2e/network/a.go", Line: 8}
	conditional := mapping.Skip{Kind: inventory.SkipProvider, Func: "e2eskipper.SkipUnlessProviderIs", Args: []string{"aws"}, Conditional: true, File: "test/e2e/network/a.go", Line: 9}
	debian := mapping.Skip{Kind: inventory.SkipNodeOSDistro, Func: "e2eskipper.SkipUnlessNodeOSDistroIs", Args: []string{"debian", "ubuntu"}, File: "test/e2e/node/b.go", Line: 3}
	notWindows := mapping.Skip{Kind: inventory.SkipNodeOSDistro, Func: "e2eskipper.SkipIfNodeOSDistroIs", Args: []string{"windows"}, File: "test/e2e/node/b.go", Line: 4}
	windowsOnly := mapping.Skip{Kind: inventory.SkipNodeOSDistro, Func: "e2eskipper.SkipUnlessNodeOSDistroIs", Args: []string{"windows"}, File: "test/e2e/windows/framework.go", Line: 40}

	hostPath := func(p *mapping.Placement) *mapping.Spec {
		return &mapping.Spec{Leaf: "[sig-storage] HostPath should support r/w", Placement: p}
	}
	provider := &mapping.Spec{Leaf: "[sig-network] LB works", Placement: pinned(inventory.PlacementWindows, true), Skips: []mapping.Skip{gce, skeleton, conditional}}
	distro := &mapping.Spec{Leaf: "[sig-node] runs on debian", Placement: pinned(inventory.PlacementWindows, false), Skips: []mapping.Skip{debian, notWindows, windowsOnly}}

	// v1.34: the reboot test runs; from v1.35 on, it always skips. The
	// HostPath test is unpinned in both.
	v34 := tinyInventory("v1.34.12", reboot(windowsOnly), hostPath(none), provider, distro)
	v35 := tinyInventory("v1.35.8", reboot(always, windowsOnly), hostPath(none), provider, distro)
	s := tinySpec(
		req("CORE-NET-11", "core", spec.TestRef{Name: "[sig-windows] reboots [Disruptive] [Serial]", Coverage: "partial", Why: "reboots"}),
		req("CORE-NET-08", "core", spec.TestRef{Name: "[sig-storage] HostPath should support r/w", Coverage: "full", Why: "writes"}),
		req("CORE-NET-09", "core", spec.TestRef{Name: "[sig-storage] HostPath should support r/w", Coverage: "full", Why: "reads", Unpinned: "the run has only Windows nodes schedulable"}),
		req("CORE-NET-15", "core", spec.TestRef{Name: "[sig-network] LB works", Coverage: "partial", Why: "lb"}, spec.TestRef{Name: "[sig-node] runs on debian", Coverage: "partial", Why: "x"}),
	)
	s.Rules = []*spec.Rule{{ID: "CORE-RULE-03", Profile: "core", Pos: pos}}
	res, err := mapping.Resolve(s, []*mapping.Inventory{v34, v35})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Check(res, CheckOptions{}) {
		if f.Code == CodeExecution || f.Code == CodeSuspect {
			continue
		}
		got = append(got, f.Severity.String()+" "+f.Code+" "+f.Requirement+" ["+strings.Join(f.Releases, " ")+"] "+f.Message)
	}
	want := []string{
		"error dead-test CORE-NET-11 [v1.35.8] mapped test always skips (e2eskipper.Skipf at test/e2e/windows/reboot_node.go:50): it can never pass: [sig-windows] reboots [Disruptive] [Serial]",
		"warning unpinned CORE-NET-08 [v1.34.12 v1.35.8] full coverage from a test that pins no pod to Windows nodes needs a reason (unpinned: ...): a pass may come from Linux nodes: [sig-storage] HostPath should support r/w",
		"warning unpinned CORE-NET-08 [v1.34.12 v1.35.8] no mapped test pins a pod to Windows nodes: a pass may come from Linux nodes",
		"warning unpinned CORE-NET-09 [v1.34.12 v1.35.8] no mapped test pins a pod to Windows nodes: a pass may come from Linux nodes",
		"warning skip CORE-NET-15 [v1.34.12 v1.35.8] mapped test skips unless --provider is gce or gke (e2eskipper.SkipUnlessProviderIs at test/e2e/network/a.go:7): [sig-network] LB works",
		"warning skip CORE-NET-15 [v1.34.12 v1.35.8] mapped test skips unless --node-os-distro is debian or ubuntu, and Windows runs pass windows (e2eskipper.SkipUnlessNodeOSDistroIs at test/e2e/node/b.go:3): [sig-node] runs on debian",
		"warning skip CORE-NET-15 [v1.34.12 v1.35.8] mapped test skips when --node-os-distro is windows (e2eskipper.SkipIfNodeOSDistroIs at test/e2e/node/b.go:4): [sig-node] runs on debian",
		"info pod-os CORE-RULE-03 [v1.34.12] 1 of 3 mapped tests that pin pods to Windows set spec.os; the others use a kubernetes.io/os node selector or affinity (4 mapped tests, 1 pin nothing)",
		"info pod-os CORE-RULE-03 [v1.35.8] 1 of 3 mapped tests that pin pods to Windows set spec.os; the others use a kubernetes.io/os node selector or affinity (4 mapped tests, 1 pin nothing)",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestImagesPerRelease checks that an image finding names the images of
// each release's version of a spec, not the first release's.
func TestImagesPerRelease(t *testing.T) {
	v34 := tinyInventory("v1.34.12", &mapping.Spec{Leaf: "[sig-windows] serves", Images: mapping.Images{Direct: []string{"agnhost", "pause"}}})
	v37 := tinyInventory("v1.37.2", &mapping.Spec{Leaf: "[sig-windows] serves", Images: mapping.Images{Direct: []string{"busybox", "pause"}}})
	s := tinySpec(req("CORE-NET-01", "core", spec.TestRef{Name: "[sig-windows] serves", Coverage: "full", Why: "serves"}))
	res, err := mapping.Resolve(s, []*mapping.Inventory{v34, v37})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Check(res, CheckOptions{}) {
		if f.Code == CodeImage {
			got = append(got, strings.Join(f.Images, ",")+" in "+strings.Join(f.Releases, ","))
		}
	}
	want := []string{"agnhost in v1.34.12", "busybox in v1.37.2"}
	if !slices.Equal(got, want) {
		t.Errorf("got image findings %q, want %q", got, want)
	}
}

// TestWaivers checks that a waiver acknowledges exactly the findings it
// names: a new test, or a known test with a new image, is not waived; a
// waiver past its date, or one that matches nothing, is an error.
func TestWaivers(t *testing.T) {
	agnhost := &mapping.Spec{Leaf: "[sig-windows] serves", Images: mapping.Images{Direct: []string{"agnhost", "pause"}}}
	busybox := &mapping.Spec{Leaf: "[sig-windows] writes", Images: mapping.Images{Direct: []string{"busybox"}}}
	inv := tinyInventory("v1.37.2", agnhost, busybox)
	waiver := &spec.Waiver{ID: "images", Finding: CodeImage, Requirements: []string{"CORE-NET-01"}, Tests: []string{"[sig-windows] serves"},
		Images: []string{"agnhost"}, Reason: "known", Tracking: "gaps.md", Expires: "2027-06-01", Pos: pos}
	check := func(today string, w []*spec.Waiver, refs ...spec.TestRef) []string {
		s := tinySpec(req("CORE-NET-01", "core", refs...))
		s.Waivers = w
		res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		fs := Check(res, CheckOptions{Today: today})
		for _, f := range fs {
			if f.Waiver == "" && f.Severity >= Warning {
				out = append(out, f.Code+": "+f.Message)
			}
		}
		if Fails(fs, Warning) != (len(out) > 0) {
			t.Errorf("Fails disagrees with the unwaived findings %q", out)
		}
		return out
	}
	serves := spec.TestRef{Name: "[sig-windows] serves", Coverage: "full", Why: "serves"}
	writes := spec.TestRef{Name: "[sig-windows] writes", Coverage: "partial", Why: "writes"}
	if got := check("2026-12-01", []*spec.Waiver{waiver}, serves); len(got) != 0 {
		t.Errorf("waived finding reported: %q", got)
	}
	if got := check("2026-12-01", []*spec.Waiver{waiver}, serves, writes); len(got) != 1 || !strings.Contains(got[0], "busybox") {
		t.Errorf("a new image test: got %q, want its image finding", got)
	}
	if got := check("2027-06-02", []*spec.Waiver{waiver}, serves); len(got) != 1 || !strings.Contains(got[0], "waiver images expired on 2027-06-01") {
		t.Errorf("expired: got %q", got)
	}
	other := *waiver
	other.Requirements = []string{"CORE-NET-02"}
	if got := check("2026-12-01", []*spec.Waiver{&other}, serves); len(got) != 2 || !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "waiver images matches no image finding") }) {
		t.Errorf("unused waiver: got %q", got)
	}
}
