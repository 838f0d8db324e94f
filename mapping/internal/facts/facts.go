package facts

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Location identifies a spec's leaf node (the line Ginkgo reports for an
// It/Entry/ConformanceIt call): a slash-separated path relative to the
// Kubernetes repository root, and a 1-based line.
type Location struct {
	File string
	Line int
}

// Options say where the source is.
type Options struct {
	// RepoDir is the Kubernetes repository (module) root, e.g.
	// /root/go/pkg/mod/k8s.io/kubernetes@v1.37.2. Location files are
	// relative to it.
	RepoDir string
	// ModuleDir is the directory of a Go module in which the Kubernetes
	// e2e packages build (its go.mod requires k8s.io/kubernetes at that
	// version and replaces the staging modules); go/packages runs there.
	// For the fixture tests it can be RepoDir itself.
	ModuleDir string
	// Patterns are the package patterns to load, default
	// "k8s.io/kubernetes/test/e2e/..." (fixtures pass their own).
	Patterns []string
	// Env is passed to go/packages (nil: os.Environ()).
	Env []string
}

// Facts are what the analysis found for one spec.
type Facts struct {
	Images    Images
	Placement Placement
	Skips     []Skip
	// Namespaces are the e2e framework base names (the argument of
	// framework.NewDefaultFramework / NewFramework) of the frameworks the
	// spec's containers create, sorted, deduplicated; the framework labels
	// each namespace e2e-framework=<base name>.
	Namespaces []string
}

// Images are lower-cased ImageID constant names of
// k8s.io/kubernetes/test/utils/image ("agnhost", "busybox", "pause", ...),
// sorted; an ID is listed once, direct winning over reachable.
type Images struct {
	Direct, Reachable []string
}

// Placement is how a spec pins the pods it creates to an operating system.
type Placement struct {
	// OS is how the spec pins the pods it creates: "windows", "linux",
	// "both" (it pins some pods to each, as hybrid tests do), or ""
	// (unpinned: it pins none).
	OS string
	// Via lists the evidence, sorted and deduplicated, each "KIND
	// file:line" with KIND one of "nodeSelector" (a kubernetes.io/os node
	// selector key/value, or corev1.LabelOSStable), "affinity" (a node
	// affinity term on kubernetes.io/os), "podOS" (spec.os.name /
	// v1.PodOS{Name: v1.Windows|v1.Linux}), "distro-helper" (a pin that
	// applies only under --node-os-distro=windows, such as
	// `if framework.NodeOSDistroIs("windows") { pod.Spec.NodeSelector =
	// {"kubernetes.io/os": "windows"} }`); file relative to RepoDir.
	Via []string
	// PodOS reports whether the spec sets spec.os on any pod it creates.
	PodOS bool
}

// Skip is a skip call a spec may reach.
type Skip struct {
	// Kind: "always" (a skip call reached unconditionally from the spec's
	// body or its containers' setup nodes: the spec can never run),
	// "provider" (e2eskipper.SkipUnlessProviderIs / SkipIfProviderIs
	// ...), "node-os-distro" (SkipUnlessNodeOSDistroIs /
	// SkipIfNodeOSDistroIs), "feature-gate" (SkipUnlessFeatureGateEnabled
	// and friends), "node-count" (SkipUnlessNodeCountIsAtLeast/AtMost),
	// "other" (any other skip: e2eskipper.Skipf inside a condition,
	// SkipUnlessSSHKeyPresent, ginkgo.Skip, ...).
	Kind string
	// Func is the called skip function, "e2eskipper.SkipUnlessProviderIs"
	// style (package name.func).
	Func string
	// Args are the constant string arguments when they are constants
	// (e.g. ["gce","gke"] or ["windows"]), else empty.
	Args []string
	// Conditional reports that the call sits under an
	// if/switch/loop/select in the function that makes it (so it may not
	// run); "always" skips are never conditional.
	Conditional bool
	// File and Line are where the skip call is, File relative to RepoDir.
	File string
	Line int
}

// The kinds of Skip.
const (
	KindAlways       = "always"
	KindProvider     = "provider"
	KindNodeOSDistro = "node-os-distro"
	KindFeatureGate  = "feature-gate"
	KindNodeCount    = "node-count"
	KindOther        = "other"
)

// The values of Placement.OS.
const (
	OSWindows = "windows"
	OSLinux   = "linux"
	OSBoth    = "both"
)

// The kinds of Placement.Via evidence.
const (
	ViaNodeSelector = "nodeSelector"
	ViaAffinity     = "affinity"
	ViaPodOS        = "podOS"
	ViaDistroHelper = "distro-helper"
)

// Result is what Analyze found.
type Result struct {
	Facts      map[Location]*Facts
	Unresolved []Location // locations where no spec call was found, sorted
	ImageIDs   []string   // every ImageID constant found in test/utils/image/manifest.go, lower-cased, sorted
}

// Analyze loads the Kubernetes e2e packages described by o and returns the
// facts of the specs at locs.
func Analyze(ctx context.Context, locs []Location, o Options) (*Result, error) {
	a, err := load(ctx, o)
	if err != nil {
		return nil, err
	}
	res := &Result{Facts: map[Location]*Facts{}, ImageIDs: slices.Clone(a.ids)}
	seen := map[Location]bool{}
	for _, l := range locs {
		if seen[l] {
			continue
		}
		seen[l] = true
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, ok := a.location(l)
		if !ok {
			res.Unresolved = append(res.Unresolved, l)
			continue
		}
		res.Facts[l] = f
	}
	slices.SortFunc(res.Unresolved, compareLocations)
	return res, nil
}

func compareLocations(a, b Location) int {
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
}

// String formats a skip as "KIND FUNC(ARGS) FILE:LINE", with "?" marking a
// conditional call.
func (s Skip) String() string {
	q := ""
	if s.Conditional {
		q = "?"
	}
	return fmt.Sprintf("%s%s %s(%s) %s:%d", s.Kind, q, s.Func, strings.Join(s.Args, ","), s.File, s.Line)
}
