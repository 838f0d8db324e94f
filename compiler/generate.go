package compiler

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Command returns the wincspec command line that generates a target, as
// generated files name it in their header.
func Command(target string, profiles []string, release string, extra ...string) string {
	parts := []string{"gen", "--target", target}
	for _, p := range profiles {
		parts = append(parts, "--profile", p)
	}
	if release != "" {
		parts = append(parts, "--kubernetes", release)
	}
	return strings.Join(append(parts, extra...), " ")
}

// SonobuoyFiles renders one Sonobuoy plugin per profile and set, keyed by
// file name (<plugin name>.yaml).
func SonobuoyFiles(res *mapping.Resolution, release string, profiles []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, prof := range profiles {
		p, err := NewPlan(res, release, []string{prof})
		if err != nil {
			return nil, err
		}
		if err := addSonobuoyPlugins(out, p); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// addSonobuoyPlugins renders the plugins of a single-profile plan into files.
func addSonobuoyPlugins(files map[string][]byte, p *Plan) error {
	prof := p.Profiles[0]
	for i := range p.Sets {
		data, err := SonobuoyPlugin(p, &p.Sets[i], slices.Index(spec.ProfileOrder, prof), Command("sonobuoy", []string{prof}, p.Release, EditionArgs(p.Edition)...))
		if err != nil {
			return err
		}
		files[SonobuoyPluginName(p.Edition, prof, p.Sets[i].Name)+".yaml"] = data
	}
	return nil
}

// LabelFilterText renders the label filter of each set of a plan, or why
// there is none.
func LabelFilterText(p *Plan, command string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", Header(command))
	fmt.Fprintf(&b, "# Ginkgo --label-filter expressions that select exactly each set, where labels can.\n")
	for _, s := range p.Sets {
		f, err := LabelFilter(p.inventory, s.Specs)
		fmt.Fprintf(&b, "\n[%s] %s\n", s.Name, SpecCount(len(s.Specs)))
		if err != nil {
			fmt.Fprintf(&b, "# %v\n", err)
			continue
		}
		fmt.Fprintf(&b, "label-filter: %s\n", f)
	}
	return []byte(b.String())
}

// PlanOutput is one file that an output target writes for a plan: the
// one table that "gen --target", "gen --all" and the drift test walk, so
// that a target writes the same bytes whichever way it is asked for.
type PlanOutput struct {
	// Target and Format are gen's --target and --format ("" when the
	// target has one format).
	Target, Format string
	// File is the file's name under generated/<release>/<profile>/.
	File   string
	render func(p *Plan, ginkgo, command string) ([]byte, error)
}

// PlanOutputs lists the single-file outputs of a plan. Sonobuoy plugins,
// one file per set, are SonobuoyFiles.
var PlanOutputs = []PlanOutput{
	{"focus", "text", "focus.txt", func(p *Plan, _, c string) ([]byte, error) { return FocusText(p, c), nil }},
	{"focus", "json", "focus.json", func(p *Plan, _, c string) ([]byte, error) { return FocusJSON(p, c) }},
	{"e2e", "", "e2e.sh", func(p *Plan, g, c string) ([]byte, error) { return E2EScript(p, g, c), nil }},
	{"hydrophone", "", "hydrophone.sh", func(p *Plan, _, c string) ([]byte, error) { return HydrophoneScript(p, c), nil }},
	{"label-filter", "", "label-filter.txt", func(p *Plan, _, c string) ([]byte, error) { return LabelFilterText(p, c), nil }},
	{"images", "", "images.txt", func(p *Plan, _, c string) ([]byte, error) { return ImagesText(p, c), nil }},
}

// ImagesText lists the image references the plan's tests may use, one a
// line as mirroring tools take them, and the KUBE_TEST_REPO_LIST keys that
// point e2e.test at a mirror of their registries.
func ImagesText(p *Plan, command string) []byte {
	var b strings.Builder
	refs := p.inventory.Provenance.ImageRefs
	fmt.Fprintf(&b, "# %s\n", Header(command))
	fmt.Fprintf(&b, "# The images the tests of %s may use in Kubernetes %s (from the release's\n", profilesText(p.Profiles), p.Release)
	fmt.Fprintf(&b, "# test/utils/image/manifest.go), one reference a line, for an air-gapped\n# cluster's mirror. Point e2e.test at the mirror with a KUBE_TEST_REPO_LIST\n# file that sets these keys:\n")
	keys := map[string]string{}
	var lines, unknown []string
	for _, id := range p.Images() {
		r, ok := refs[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		keys[r.RegistryKey] = r.Registry
		lines = append(lines, r.String())
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		fmt.Fprintf(&b, "#   %s: %s   (the default; replace with the mirror)\n", k, keys[k])
	}
	if len(unknown) > 0 {
		fmt.Fprintf(&b, "# Image IDs without a reference in the inventory: %s.\n", strings.Join(unknown, ", "))
	}
	slices.Sort(lines)
	for _, l := range slices.Compact(lines) {
		fmt.Fprintf(&b, "%s\n", l)
	}
	return []byte(b.String())
}

// Command returns the command line that reproduces the output for a plan.
func (o PlanOutput) Command(p *Plan) string {
	if o.Format == "json" {
		return Command(o.Target, p.Profiles, p.Release, append([]string{"--format", "json"}, EditionArgs(p.Edition)...)...)
	}
	return Command(o.Target, p.Profiles, p.Release, EditionArgs(p.Edition)...)
}

// Render renders the output for a plan; ginkgo is the Ginkgo version of
// the release's e2e.test.
func (o PlanOutput) Render(p *Plan, ginkgo string) ([]byte, error) {
	return o.render(p, ginkgo, o.Command(p))
}

// PlanTargets lists the targets of PlanOutputs, each once, in order.
func PlanTargets() []string {
	var out []string
	for _, o := range PlanOutputs {
		if !slices.Contains(out, o.Target) {
			out = append(out, o.Target)
		}
	}
	return out
}

// FindPlanOutput returns the output of a target and format ("text" stands
// for the one format of a target that has one), or false.
func FindPlanOutput(target, format string) (PlanOutput, bool) {
	for _, o := range PlanOutputs {
		if o.Target == target && (o.Format == format || (o.Format == "" && format == "text")) {
			return o, true
		}
	}
	return PlanOutput{}, false
}

// Generate renders every committed output under generated/, keyed by path
// relative to it: the specification and all plans as JSON, and for each
// release and profile the focus and skip expressions, e2e.test and
// hydrophone scripts, label filters and Sonobuoy plugins.
func Generate(res *mapping.Resolution) (map[string][]byte, error) {
	files := map[string][]byte{}
	doc, err := PlanJSON(res, nil, nil, Command("json", nil, "", EditionArgs(res.Spec.Edition)...))
	if err != nil {
		return nil, err
	}
	files["wincspec.json"] = doc
	var index strings.Builder
	fmt.Fprintf(&index, "<!-- %s -->\n\n", Header("gen --all --out generated"))
	fmt.Fprintf(&index, "# Generated test selections\n\nPer Kubernetes release and profile: exact Ginkgo focus and skip expressions\n(`focus.txt`, `focus.json`), an e2e.test script (`e2e.sh`), a hydrophone script\n(`hydrophone.sh`), label filters where labels can express the set\n(`label-filter.txt`), and one Sonobuoy plugin per execution set.\n\nRun a profile with Sonobuoy, parallel set first, then the serial set:\n\n    sonobuoy run -p v1.37.2/core/%s.yaml -p v1.37.2/core/%s.yaml --wait\n    sonobuoy retrieve . && wincspec report%s --results *_sonobuoy_*.tar.gz\n\n", SonobuoyPluginName(res.Spec.Edition, "core", "parallel"), SonobuoyPluginName(res.Spec.Edition, "core", "serial"), EditionFlag(res.Spec.Edition))
	index.WriteString("| release | profile | parallel specs | serial specs |\n|---|---|---|---|\n")
	for _, inv := range res.Inventories {
		rel := inv.Release()
		for _, prof := range res.Spec.ProfileIDs() {
			p, err := NewPlan(res, rel, []string{prof})
			if err != nil {
				return nil, err
			}
			dir := path.Join(rel, prof)
			for _, o := range PlanOutputs {
				if files[path.Join(dir, o.File)], err = o.Render(p, inv.Provenance.Ginkgo); err != nil {
					return nil, err
				}
			}
			plugins := map[string][]byte{}
			if err := addSonobuoyPlugins(plugins, p); err != nil {
				return nil, err
			}
			for name, data := range plugins {
				files[path.Join(dir, name)] = data
			}
			counts := map[string]int{}
			for _, s := range p.Sets {
				counts[s.Name] = len(s.Specs)
			}
			fmt.Fprintf(&index, "| %s | [%s](%s/) | %d | %d |\n", rel, prof, dir, counts[SetParallel], counts[SetSerial])
		}
	}
	files["README.md"] = []byte(index.String())
	return files, nil
}

// planDocument is the JSON form of the compiled plans.
type planDocument struct {
	Generated    string              `json:"//"`
	Requirements []*spec.Requirement `json:"requirements"`
	Profiles     []*spec.Profile     `json:"profiles"`
	Rules        []*spec.Rule        `json:"rules"`
	Releases     []releasePlans      `json:"releases"`
}

type releasePlans struct {
	Release    string             `json:"release"`
	Provenance mapping.Provenance `json:"provenance"`
	Specs      int                `json:"specs"`
	Plans      []planView         `json:"plans"`
}

type planView struct {
	Profiles []string  `json:"profiles"`
	Count    int       `json:"count"`
	Images   []string  `json:"images"`
	Sets     []setView `json:"sets"`
}

type setView struct {
	Set
	Count int `json:"count"`
	// FocusLength is the length of the focus expression; NaiveLength that
	// of the plain alternation of the quoted names it replaces.
	FocusLength int `json:"focusLength"`
	NaiveLength int `json:"naiveLength"`
}

// PlanJSON renders the specification and its compiled plans: for each
// release (all when releases is empty), one plan per profile (every profile
// when profiles is empty) or, when profiles are given, one plan for their
// union.
func PlanJSON(res *mapping.Resolution, releases, profiles []string, command string) ([]byte, error) {
	doc := planDocument{Generated: Header(command), Requirements: res.Spec.Requirements, Profiles: res.Spec.Profiles, Rules: res.Spec.Rules, Releases: []releasePlans{}}
	groups := [][]string{profiles}
	if len(profiles) == 0 {
		groups = nil
		for _, p := range res.Spec.Profiles {
			groups = append(groups, []string{p.ID})
		}
	}
	for _, inv := range res.Inventories {
		if len(releases) > 0 && !slices.Contains(releases, inv.Release()) {
			continue
		}
		rp := releasePlans{Release: inv.Release(), Provenance: inv.Provenance, Specs: len(inv.Specs), Plans: []planView{}}
		for _, g := range groups {
			p, err := NewPlan(res, inv.Release(), g)
			if err != nil {
				return nil, err
			}
			pv := planView{Profiles: g, Count: p.Count(), Images: p.Images(), Sets: []setView{}}
			for _, s := range p.Sets {
				pv.Sets = append(pv.Sets, setView{Set: s, Count: len(s.Specs), FocusLength: len(s.Focus), NaiveLength: len(focus.Naive(s.Specs))})
			}
			rp.Plans = append(rp.Plans, pv)
		}
		doc.Releases = append(doc.Releases, rp)
	}
	return JSON(doc)
}
