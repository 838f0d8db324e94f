package inventory

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Inventory is the list of e2e specs of one Kubernetes release.
type Inventory struct {
	Provenance Provenance
	// Specs are sorted by Text.
	Specs []*Spec

	// text is the encoded inventory it was decoded from, if any, for
	// Digest.
	text       string
	digestOnce sync.Once
	digest     string
}

// Digest returns the hex SHA-256 of the inventory file the inventory was
// read from, or of its encoding when it was built in memory.
func (inv *Inventory) Digest() string {
	inv.digestOnce.Do(func() {
		text := inv.text
		if text == "" {
			var b strings.Builder
			if err := Encode(&b, inv, ""); err == nil {
				text = b.String()
			}
		}
		sum := sha256.Sum256([]byte(text))
		inv.digest = hex.EncodeToString(sum[:])
	})
	return inv.digest
}

// Provenance says where an inventory comes from.
type Provenance struct {
	// Release is the Kubernetes version, such as v1.37.2.
	Release string `json:"release"`
	// Module and Sum identify the k8s.io/kubernetes module the specs were
	// read from, as the Go module proxy served it.
	Module string `json:"module,omitempty"`
	Sum    string `json:"sum,omitempty"`
	// Ginkgo is the Ginkgo version the e2e.test binary was built with.
	Ginkgo string `json:"ginkgo,omitempty"`
	// Go is the Go toolchain that built it.
	Go string `json:"go,omitempty"`
	// Method says how the inventory was made.
	Method string `json:"method"`
	// Images says how the images of each spec were found, if they were.
	Images string `json:"images,omitempty"`
	// Flags are the e2e.test flags of the dry run that listed the specs
	// (RunFlags): the tree a Windows run builds. Empty for inventories
	// listed with e2e.test's defaults, or imported from results.
	Flags []string `json:"flags,omitempty"`
	// Facts says how each spec's placement, skips and namespaces were
	// found, if they were.
	Facts string `json:"facts,omitempty"`
	// ImageRefs are the default references of the release's e2e image
	// IDs (ReadImageRefs), for mirroring.
	ImageRefs map[string]ImageRef `json:"imageRefs,omitempty"`
	// DefaultOnly are the texts of the specs that e2e.test lists without
	// Flags but not with them, sorted. Specs it lists only with them are
	// marked Spec.WindowsOnly.
	DefaultOnly []string `json:"defaultOnly,omitempty"`
}

// Spec is one Ginkgo spec (an It) of the e2e suite.
type Spec struct {
	// Text is the full text Ginkgo's focus and skip match (after the suite
	// description and a space): the container texts and the leaf text,
	// joined by single spaces, empty texts left out.
	Text       string   `json:"text"`
	Leaf       string   `json:"leaf"`
	Containers []string `json:"containers,omitempty"`
	// Labels are the Ginkgo labels of the spec and its containers, sorted.
	Labels []string `json:"labels,omitempty"`
	// File is the leaf node's file, relative to the Kubernetes repository
	// root; Line is its line. Both are empty when the source did not say.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Images are the e2e images the spec may use.
	Images Images `json:"images,omitzero"`
	// WindowsOnly marks a spec that e2e.test lists with the inventory's
	// Flags and not with its defaults.
	WindowsOnly bool `json:"windowsOnly,omitempty"`
	// Placement, Skips and Namespaces are what static analysis of the
	// release's source found (Provenance.Facts says how); nil Placement
	// when the inventory has no facts.
	Placement *Placement `json:"placement,omitempty"`
	Skips     []Skip     `json:"skips,omitempty"`
	// Namespaces are the e2e framework base names of the namespaces the
	// spec creates: the framework labels each one e2e-framework=<name>.
	Namespaces []string `json:"namespaces,omitempty"`

	// Tags are the bracketed tags in Text, such as "[sig-windows]" and
	// "[Serial]", in order of appearance. They are derived from Text.
	Tags []string `json:"-"`
}

// Placement values: how a spec pins the pods it creates.
const (
	PlacementWindows = "windows" // to Windows nodes only
	PlacementLinux   = "linux"   // to Linux nodes only
	PlacementBoth    = "both"    // some pods to each, as hybrid tests do
	PlacementNone    = "none"    // to no OS: its pods go wherever the scheduler puts them
)

// Placement is how a spec places its pods.
type Placement struct {
	// OS is one of the Placement constants.
	OS string `json:"os"`
	// Via are the evidence, each "KIND file:line", with KIND nodeSelector,
	// affinity, podOS or distro-helper (a pin that applies only under
	// --node-os-distro=windows).
	Via []string `json:"via,omitempty"`
	// PodOS reports whether the spec sets spec.os on a pod.
	PodOS bool `json:"podOS,omitempty"`
}

// PinnedToWindows reports whether the spec places some pods on Windows
// nodes by itself.
func (p *Placement) PinnedToWindows() bool {
	return p != nil && (p.OS == PlacementWindows || p.OS == PlacementBoth)
}

// Skip kinds: what a skip call a spec may reach depends on.
const (
	SkipAlways       = "always"         // reached unconditionally: the spec never runs
	SkipProvider     = "provider"       // the --provider
	SkipNodeOSDistro = "node-os-distro" // the --node-os-distro
	SkipFeatureGate  = "feature-gate"   // a feature gate
	SkipNodeCount    = "node-count"     // the number of nodes
	SkipOther        = "other"          // anything else
)

// Skip is a skip call a spec may reach.
type Skip struct {
	// Kind is one of the Skip constants.
	Kind string `json:"kind"`
	// Func is the called function, such as e2eskipper.SkipUnlessProviderIs.
	Func string `json:"func"`
	// Args are its constant string arguments, such as ["gce", "gke"].
	Args []string `json:"args,omitempty"`
	// Conditional reports that the call sits under a condition of the
	// function that makes it.
	Conditional bool   `json:"conditional,omitempty"`
	File        string `json:"file"`
	Line        int    `json:"line"`
}

// Location returns "file:line".
func (s Skip) Location() string { return s.File + ":" + strconv.Itoa(s.Line) }

// Images lists image IDs (lower-cased ImageID constant names from
// test/utils/image/manifest.go, such as "agnhost") by how they were found.
type Images struct {
	// Direct images are referenced in the spec's own body.
	Direct []string `json:"direct,omitempty"`
	// Reachable images are referenced in functions, closures or setup
	// nodes the spec runs, and not directly.
	Reachable []string `json:"reachable,omitempty"`
}

// All returns every image ID, direct or reachable, sorted.
func (im Images) All() []string {
	out := slices.Concat(im.Direct, im.Reachable)
	slices.Sort(out)
	return slices.Compact(out)
}

// IsZero reports whether no image was found.
func (im Images) IsZero() bool { return len(im.Direct) == 0 && len(im.Reachable) == 0 }

// Location returns "file:line", or "" when the location is unknown.
func (s *Spec) Location() string {
	if s.File == "" {
		return ""
	}
	if s.Line == 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// HasTag reports whether the text carries the bracketed tag, such as
// "[Serial]".
func (s *Spec) HasTag(tag string) bool { return slices.Contains(s.Tags, tag) }

// TagPrefixed returns the tags that start with prefix, such as "[Feature:".
func (s *Spec) TagPrefixed(prefix string) []string {
	var out []string
	for _, t := range s.Tags {
		if strings.HasPrefix(t, prefix) {
			out = append(out, t)
		}
	}
	return out
}

// FullText joins container and leaf texts as Ginkgo does: with single
// spaces, leaving out empty texts.
func FullText(containers []string, leaf string) string {
	n := 0
	var b strings.Builder
	for _, t := range append(slices.Clip(containers), leaf) {
		if t == "" {
			continue
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		n++
	}
	return b.String()
}

// Tags returns the bracketed tags in a spec text, such as "[sig-windows]"
// or "[Feature:Windows]", in order, each once. A tag is a "[", one or more
// characters other than brackets, and a "]".
func Tags(text string) []string {
	var out []string
	for {
		i := strings.IndexByte(text, '[')
		if i < 0 {
			return out
		}
		text = text[i:]
		j := strings.IndexAny(text[1:], "[]") + 1
		switch {
		case j == 0: // no closing bracket
			return out
		case text[j] == '[': // a nested or stray "[": start again there
			text = text[j:]
			continue
		}
		if t := text[:j+1]; j > 1 && !slices.Contains(out, t) {
			out = append(out, t)
		}
		text = text[j+1:]
	}
}

// Normalize fills derived fields and sorts specs and their labels.
func (inv *Inventory) Normalize() {
	for _, s := range inv.Specs {
		if s.Text == "" {
			s.Text = FullText(s.Containers, s.Leaf)
		}
		s.Tags = Tags(s.Text)
		slices.Sort(s.Labels)
		s.Labels = slices.Compact(s.Labels)
	}
	slices.SortStableFunc(inv.Specs, func(a, b *Spec) int {
		return cmp.Or(strings.Compare(a.Text, b.Text), strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// Release returns the inventory's Kubernetes version, such as v1.37.2.
func (inv *Inventory) Release() string { return inv.Provenance.Release }

// Lookup returns the spec with exactly this full text, or nil.
func (inv *Inventory) Lookup(text string) *Spec {
	i, ok := slices.BinarySearchFunc(inv.Specs, text, func(s *Spec, t string) int { return strings.Compare(s.Text, t) })
	if !ok {
		return nil
	}
	return inv.Specs[i]
}

// ImageRef is where an e2e image ID points by default, as the release's
// test/utils/image/manifest.go says: the registry (and the key of
// KUBE_TEST_REPO_LIST that overrides it), the image name and its tag.
type ImageRef struct {
	// RegistryKey is the RegistryList field's YAML key, such as
	// promoterE2eRegistry: the key a KUBE_TEST_REPO_LIST file sets to
	// point e2e.test at a mirror.
	RegistryKey string `json:"registryKey"`
	Registry    string `json:"registry"`
	Name        string `json:"name"`
	Version     string `json:"version"`
}

// String is the image reference, such as
// registry.k8s.io/e2e-test-images/agnhost:2.66.1.
func (r ImageRef) String() string { return r.Registry + "/" + r.Name + ":" + r.Version }

// CountWindowsOnly returns how many of specs are only in the tree the
// Windows run flags build.
func CountWindowsOnly(specs []*Spec) int {
	n := 0
	for _, s := range specs {
		if s.WindowsOnly {
			n++
		}
	}
	return n
}
