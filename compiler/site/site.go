package site

import (
	"bytes"
	"fmt"
	"html"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/internal/verdict"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// SiteCommand is the command that writes the documentation site.
const SiteCommand = "docs"

// siteCommand is the command that writes the site of an edition.
func siteCommand(res *mapping.Resolution) string {
	return strings.Join(append([]string{SiteCommand}, compiler.EditionArgs(res.Spec.Edition)...), " ")
}

// sitePage is one page of the documentation site.
type sitePage struct {
	name, title string
	md          bytes.Buffer
}

func (p *sitePage) f(format string, args ...any) { fmt.Fprintf(&p.md, format, args...) }

// Render renders the documentation site: Markdown pages and the same pages
// as HTML (with one style sheet, navigation and no JavaScript), keyed by
// file name. Pages link to each other relatively; the HTML pages link to
// the HTML ones. Links to generated outputs (../<release>/<profile>/...)
// assume the site sits in generated/site.
func Render(res *mapping.Resolution) (map[string][]byte, error) {
	pages := sitePages(res)
	files := map[string][]byte{}
	header := fmt.Sprintf("<!-- %s -->\n\n", compiler.Header(siteCommand(res)))
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(
			util.Prioritized(mdToHTMLLinks{}, 100), util.Prioritized(coverageCells{}, 101))),
	)
	for _, p := range pages {
		files[p.name+".md"] = append([]byte(header), p.md.Bytes()...)
		var body bytes.Buffer
		ctx := parser.NewContext(parser.WithIDs(newSlugger()))
		if err := md.Convert(p.md.Bytes(), &body, parser.WithContext(ctx)); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", p.name, err)
		}
		files[p.name+".html"] = htmlPage(p, pages, body.Bytes(), res)
	}
	files["style.css"] = []byte(siteCSS)
	return files, nil
}

// mdToHTMLLinks rewrites links to sibling Markdown pages (page.md,
// page.md#anchor), and to the pages of another edition's site
// (../kep-2578/site/index.md), into links to their HTML renderings.
type mdToHTMLLinks struct{}

func (mdToHTMLLinks) Transform(doc *gast.Document, _ text.Reader, _ parser.Context) {
	gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if l, ok := n.(*gast.Link); ok && entering {
			dest := string(l.Destination)
			page, frag, _ := strings.Cut(dest, "#")
			// Sibling pages, and the pages of another edition's site.
			if strings.HasSuffix(page, ".md") && (!strings.Contains(page, "/") || path.Base(path.Dir(page)) == "site") {
				dest = strings.TrimSuffix(page, ".md") + ".html"
				if frag != "" {
					dest += "#" + frag
				}
				l.Destination = []byte(dest)
			}
		}
		return gast.WalkContinue, nil
	})
}

// coverageCells gives the table cells that hold only a coverage level (or
// a support word) a class, so that the style sheet colours them: readers
// scan the matrix and the gap report for colour, and the word stays for
// those who cannot see it.
type coverageCells struct{}

// coverageClass maps a cell's text to its class.
var coverageClass = map[mapping.Coverage]string{
	mapping.CoverageFull: "cov-full", mapping.CoveragePartial: "cov-partial", mapping.CoverageGap: "cov-gap",
	mapping.CoverageNone: "cov-none", mapping.CoverageNA: "cov-na",
	"supported": "cov-supported", "not supported": "cov-not-supported",
}

func (coverageCells) Transform(doc *gast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if c, ok := n.(*extast.TableCell); ok && entering {
			if cls, ok := coverageClass[mapping.Coverage(strings.TrimSpace(nodeText(c, src)))]; ok {
				c.SetAttributeString("class", []byte(cls))
			}
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
}

// nodeText is the text of a node's Text descendants.
func nodeText(n gast.Node, src []byte) string {
	var b strings.Builder
	gast.Walk(n, func(c gast.Node, entering bool) (gast.WalkStatus, error) {
		if t, ok := c.(*gast.Text); ok && entering {
			b.Write(t.Value(src))
		}
		return gast.WalkContinue, nil
	})
	return b.String()
}

func htmlPage(p *sitePage, pages []*sitePage, body []byte, res *mapping.Resolution) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!-- %s -->\n<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", compiler.Header(siteCommand(res)))
	fmt.Fprintf(&b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s · Windows Conformance</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<nav>\n", html.EscapeString(p.title))
	for _, q := range pages {
		cls := ""
		if q == p {
			cls = ` class="current" aria-current="page"`
		}
		fmt.Fprintf(&b, "<a href=\"%s.html\"%s>%s</a>\n", q.name, cls, html.EscapeString(navTitle(q)))
	}
	b.WriteString("</nav>\n<main>\n")
	b.Write(body)
	fmt.Fprintf(&b, "</main>\n<footer>Generated by wincspec from the specification and the e2e inventories of Kubernetes %s.</footer>\n</body>\n</html>\n", strings.Join(releasesOf(res), ", "))
	return b.Bytes()
}

func navTitle(p *sitePage) string {
	switch p.name {
	case "index":
		return "Overview"
	case "matrix":
		return "Coverage matrix"
	case "gaps":
		return "Gap report"
	case "editions":
		return "Editions"
	}
	return p.title
}

func releasesOf(res *mapping.Resolution) []string {
	var out []string
	for _, inv := range res.Inventories {
		out = append(out, inv.Release())
	}
	return out
}

// sourceURL links a spec's leaf to the Kubernetes source at the release tag.
func sourceURL(release string, s *mapping.Spec) string {
	if s.File == "" {
		return ""
	}
	u := "https://github.com/kubernetes/kubernetes/blob/" + release + "/" + s.File
	if s.Line > 0 {
		u += fmt.Sprintf("#L%d", s.Line)
	}
	return u
}

// code writes s as a Markdown code span, fencing it with more backticks
// than it contains.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// reqHeading is the heading of a requirement on its profile page.
func reqHeading(r *spec.Requirement) string { return r.ID + ": " + r.Title }

// reqLink links a requirement from any page, to the anchor GitHub and the
// HTML site give its heading.
func reqLink(r *spec.Requirement) string {
	return fmt.Sprintf("[%s](%s.md#%s)", r.ID, r.Profile, Slug(reqHeading(r)))
}

func sitePages(res *mapping.Resolution) []*sitePage {
	pages := []*sitePage{indexPage(res)}
	for _, p := range res.Spec.Profiles {
		pages = append(pages, profilePage(res, p))
	}
	pages = append(pages, matrixPage(res), gapsPage(res))
	if len(res.Spec.Editions) > 0 {
		pages = append(pages, editionsPage(res.Spec))
	}
	return pages
}

// editionsPage lists what changed from the default edition to each other
// edition, whose site sits beside this one (generated/<edition>/site).
func editionsPage(s *spec.Spec) *sitePage {
	p := &sitePage{name: "editions", title: "Editions"}
	p.f("# Editions\n\n")
	p.f("This site shows the default edition of the specification, %s: the 2021 Windows Conformance KEP draft. ", spec.DefaultEdition)
	p.f("The specification also encodes the texts below, each with its own requirements, profiles and rules. ")
	p.f("A requirement of another edition that is the same ability as one of the draft is linked to it and shares its tests and gaps, so that each ability has one mapping. ")
	p.f("Select an edition with `--edition` in every command.\n\n")
	for _, e := range s.Editions {
		view, err := s.InEdition(e.ID)
		if err != nil {
			continue
		}
		p.f("## %s\n\n", e.ID)
		p.f("%s; source: %s. Its site: [%s](../%s/site/index.md). ", e.Title, e.Source, e.ID, e.ID)
		p.f("The list below is `wincspec %s`.\n\n", compiler.EditionsCommand(e.ID))
		p.f("%s", compiler.EditionDiffMarkdown(spec.DiffEditions(s, view)))
	}
	return p
}

func indexPage(res *mapping.Resolution) *sitePage {
	s := res.Spec
	p := &sitePage{name: "index", title: "Windows Conformance for Kubernetes"}
	newest := res.Inventories[len(res.Inventories)-1].Release()
	p.f("# Windows Conformance for Kubernetes\n\n")
	p.f("This site is the SIG-Windows Windows Conformance specification in readable form. ")
	p.f("Each of its %d requirements comes from the Windows Conformance KEP, states one testable behaviour of a Windows cluster, ", len(s.Requirements))
	p.f("and names the real Kubernetes e2e tests that verify it in each supported release, or says why none does. ")
	p.f("Every page is generated from the specification and from the e2e test inventories of Kubernetes %s.\n\n", strings.Join(releasesOf(res), ", "))
	p.f("- [Coverage matrix](matrix.md): every requirement against every release.\n- [Gap report](gaps.md): what is not covered, or covered only in part, and why.\n")
	if len(s.Editions) > 0 {
		p.f("- [Editions](editions.md): the other texts of the KEP the specification encodes, and what changed in each.\n")
	}
	p.f("\n")
	if s.Edition != "" {
		p.f("This site shows edition **%s** of the specification. The default edition, the 2021 KEP draft, has [its own site](../../site/index.md), and [what changed](../../site/editions.md) between the two.\n\n", s.Edition)
	}

	p.f("## Profiles\n\nA cluster passes a profile when it passes every requirement of the profile. ")
	p.f("Core is what every Windows cluster must do; the other profiles are optional and cover features that depend on parts outside Kubernetes.\n\n")
	p.f("| Profile | Requirements | Fully covered in %s | Gating |\n|---|---|---|---|\n", newest)
	for _, prof := range s.Profiles {
		reqs := s.ByProfile(prof.ID)
		full := 0
		for _, r := range reqs {
			rr := res.Requirement(r.ID)
			if rr.Releases[len(rr.Releases)-1].Coverage == mapping.CoverageFull {
				full++
			}
		}
		gating := "no"
		if prof.Gating {
			gating = "yes"
		}
		p.f("| [%s](%s.md) | %d | %d | %s |\n", cell(prof.Title), prof.ID, len(reqs), full, gating)
	}
	p.f("\nA gating profile must have, for every requirement, tests or an explained gap; `wincspec check` enforces it.\n\n")

	p.f("## General rules\n\n")
	for _, r := range s.Rules {
		p.f("- **%s: %s.** %s (KEP %q, %s.)\n", r.ID, r.Title, r.Statement, r.Source.Section, r.Source.Bullets())
	}
	core := s.Profile("core")
	if core != nil {
		p.f("\nAllowed images in this edition: %s. Scheduling directive: %s, GA since %s.\n\n",
			strings.Join(core.Rules.AllowedImages, ", "), core.Rules.Scheduling.Directive, core.Rules.Scheduling.GASince)
	}
	windowsSupportTable(p, s)

	p.f("## Running the tests\n\n")
	p.f("For each release and profile, wincspec generates exact selections: focus and skip expressions verified against the release's whole e2e inventory, ")
	p.f("split into a parallel set and a serial set ([Serial] and [Disruptive] tests). The outputs for %s, core profile:\n\n", newest)
	dir := "../" + newest + "/core/"
	par, ser := compiler.SonobuoyPluginName(s.Edition, "core", "parallel")+".yaml", compiler.SonobuoyPluginName(s.Edition, "core", "serial")+".yaml"
	p.f("- **Sonobuoy**: [%s](%s%s) and [%s](%s%s), run with\n\n", par, dir, par, ser, dir, ser)
	p.f("      sonobuoy run -p %s -p %s --wait\n      sonobuoy retrieve .\n\n", par, ser)
	p.f("- **e2e.test** with ginkgo: [e2e.sh](%se2e.sh), from a Linux host with the release's `e2e.test` and `ginkgo`.\n", dir)
	p.f("- **hydrophone**: [hydrophone.sh](%shydrophone.sh).\n", dir)
	p.f("- The expressions alone: [focus.txt](%sfocus.txt), or [focus.json](%sfocus.json) for scripts.\n\n", dir, dir)
	ed := compiler.EditionFlag(s.Edition)
	p.f("Other releases and profiles are listed in the [index of generated outputs](../README.md). `wincspec gen --target sonobuoy --profile P --kubernetes vX.Y%s` writes them for any combination.\n\n", ed)

	p.f("## Pass or fail\n\n")
	p.f("`wincspec report%s --results <sonobuoy tarball, run directory or JUnit files>` gives each requirement a verdict for the release that ran:\n\n", ed)
	for _, r := range verdict.VerdictRules {
		p.f("- **%s**: %s;\n", r.Verdict, r.Meaning)
	}
	p.f("\nand each profile a level, worst first:\n\n")
	for _, r := range verdict.LevelRules {
		p.f("- **%s**: %s;\n", r.Level, r.Meaning)
	}
	p.f("\n%s ", verdict.Gate)
	p.f("Because Linux containers on Windows could pass tests without running Windows workloads, ")
	p.f("every level above incomplete needs evidence from the run: Windows nodes, each on a Windows Server release the Kubernetes release supports (above), and the suite run with `--node-os-distro=windows`. ")
	p.f("A requirement that no e2e test covers is untestable today: the [gap report](gaps.md) lists them, and a report names them beside its level.\n")
	return p
}

// windowsSupportTable renders the Windows Server releases each Kubernetes
// release supports, with the sources of each row.
func windowsSupportTable(p *sitePage, s *spec.Spec) {
	if len(s.WindowsSupport) == 0 {
		return
	}
	p.f("## Supported Windows Server releases\n\n")
	p.f("A Windows node counts as evidence only when it runs a Windows Server release that the cluster's Kubernetes release supports (CORE-RULE-01). ")
	p.f("The list follows each Kubernetes release, from its own sources: the Windows builds of its e2e test images and its documentation. ")
	p.f("A node matches by its build number (a node of build 10.0.20348.2340 runs Windows Server 2022).\n\n")
	var servers []spec.WindowsServer
	for _, w := range s.WindowsSupport {
		for _, sv := range w.Servers {
			if !slices.ContainsFunc(servers, func(o spec.WindowsServer) bool { return o.Name == sv.Name }) {
				servers = append(servers, sv)
			}
		}
	}
	slices.SortFunc(servers, func(a, b spec.WindowsServer) int { return spec.CompareBuilds(a.Build, b.Build) })
	p.f("| Kubernetes |")
	for _, sv := range servers {
		p.f(" %s (%s) |", cell(sv.Name), sv.Build)
	}
	p.f("\n|---|")
	for range servers {
		p.f("---|")
	}
	p.f("\n")
	for _, w := range s.WindowsSupport {
		p.f("| %s |", w.Release)
		for _, sv := range servers {
			if w.Server(sv.Build) != nil {
				p.f(" supported |")
			} else {
				p.f(" not supported |")
			}
		}
		p.f("\n")
	}
	p.f("\n")
	for _, w := range s.WindowsSupport {
		p.f("**Kubernetes %s.**", w.Release)
		if w.Notes != "" {
			p.f(" %s", w.Notes)
		}
		p.f("\n\n")
		for _, sv := range w.Servers {
			p.f("- %s (%s):\n", sv.Name, sv.Build)
			for _, src := range sv.Sources {
				p.f("  - %s\n", cell(moduleSpans(src)))
			}
		}
		p.f("\n")
	}
}

// moduleAt matches a module@version reference such as
// k8s.io/kubernetes@v1.37.2.
var moduleAt = regexp.MustCompile(`[\w./-]+@v[\w.+-]*\w`)

// moduleSpans puts module@version references in code spans: as plain text,
// GitHub and goldmark's GFM read them as e-mail addresses and link them.
func moduleSpans(s string) string {
	return moduleAt.ReplaceAllString(s, "`$0`")
}

// coverageSummary groups releases by coverage level: "full in v1.35.8,
// v1.36.5; partial in v1.34.12".
func coverageSummary(rr *mapping.Resolved) string {
	byLevel := map[mapping.Coverage][]string{}
	var order []mapping.Coverage
	for _, in := range rr.Releases {
		if byLevel[in.Coverage] == nil {
			order = append(order, in.Coverage)
		}
		byLevel[in.Coverage] = append(byLevel[in.Coverage], in.Inventory.Release())
	}
	if len(order) == 1 {
		return "**" + string(order[0]) + "** in every release"
	}
	var parts []string
	for _, l := range order {
		parts = append(parts, "**"+string(l)+"** in "+strings.Join(byLevel[l], ", "))
	}
	return strings.Join(parts, "; ")
}

// testRow is one distinct test of a requirement across releases.
type testRow struct {
	text     string
	coverage mapping.Coverage
	why      []string
	where    []string // Markdown links to the source per release
	labels   []string
	images   mapping.Images
	// newest and its placement and skips are those of the newest
	// release that has the test.
	newest    string
	placement *mapping.Placement
	skips     []mapping.Skip
}

func testRows(rr *mapping.Resolved) []*testRow {
	byText := map[string]*testRow{}
	var order []string
	for _, in := range rr.Releases {
		if !in.Applies {
			continue
		}
		rel := in.Inventory.Release()
		for _, rm := range in.Refs {
			if !rm.Applies {
				continue
			}
			for _, s := range rm.Specs {
				row := byText[s.Text]
				if row == nil {
					row = &testRow{text: s.Text}
					byText[s.Text] = row
					order = append(order, s.Text)
				}
				cov, why := in.SpecCoverage(s)
				if row.coverage != mapping.CoverageFull {
					row.coverage = cov
				}
				for _, w := range why {
					if !slices.Contains(row.why, w) {
						row.why = append(row.why, w)
					}
				}
				link := rel
				if u := sourceURL(rel, s); u != "" {
					link = fmt.Sprintf("[%s](%s)", rel, u)
				}
				if !slices.Contains(row.where, link) {
					row.where = append(row.where, link)
				}
				row.labels = s.Labels
				row.images = s.Images
				row.newest, row.placement, row.skips = rel, s.Placement, s.Skips
			}
		}
	}
	out := make([]*testRow, len(order))
	for i, t := range order {
		out[i] = byText[t]
	}
	return out
}

func imagesCell(im mapping.Images) string {
	parts := slices.Clone(im.Direct)
	for _, r := range im.Reachable {
		parts = append(parts, r+"*")
	}
	if len(parts) == 0 {
		return "none found"
	}
	return strings.Join(parts, ", ")
}

func profilePage(res *mapping.Resolution, prof *spec.Profile) *sitePage {
	p := &sitePage{name: prof.ID, title: prof.Title}
	p.f("# %s\n\n%s\n\n", prof.Title, prof.Description)
	gating := "Gating: every requirement must have tests or an explained gap."
	if !prof.Gating {
		gating = "Not gating: requirements may still lack both tests and a gap."
	}
	p.f("Profile `%s`. %s Allowed images: %s.\n\n", prof.ID, gating, strings.Join(prof.Rules.AllowedImages, ", "))
	reqs := res.Spec.ByProfile(prof.ID)
	p.f("| Requirement | Title |")
	for _, inv := range res.Inventories {
		p.f(" %s |", inv.Release())
	}
	p.f("\n|---|---|%s\n", strings.Repeat("---|", len(res.Inventories)))
	for _, r := range reqs {
		p.f("| %s | %s |", reqLink(r), cell(r.Title))
		for _, in := range res.Requirement(r.ID).Releases {
			p.f(" %s |", in.Coverage)
		}
		p.f("\n")
	}
	for _, r := range reqs {
		rr := res.Requirement(r.ID)
		p.f("\n## %s\n\n", reqHeading(r))
		p.f("> %s\n\n", r.Statement)
		p.f("- **Source:** KEP section %q, %s", r.Source.Section, r.Source.Bullets())
		if r.Source.KEPText != "" {
			p.f(": %q", r.Source.KEPText)
		}
		p.f("\n- **Category:** %s; applies since Kubernetes %s", r.Category, r.Since)
		if r.Until != "" {
			p.f(", until %s", r.Until)
		}
		p.f("\n- **Coverage:** %s\n", coverageSummary(rr))
		if r.Gap != nil {
			p.f("- **Gap:** %s\n", r.Gap.Reason)
			if r.Gap.Tracking != "" {
				p.f("- **Tracking:** %s\n", r.Gap.Tracking)
			}
		}
		if r.Notes != "" {
			p.f("- **Notes:** %s\n", r.Notes)
		}
		rows := testRows(rr)
		if len(rows) == 0 {
			p.f("\nNo e2e test is mapped to this requirement.\n")
			continue
		}
		p.f("\n| Test | Coverage | Source | Labels | Images |\n|---|---|---|---|---|\n")
		for _, row := range rows {
			p.f("| %s | %s | %s | %s | %s |\n", cell(code(row.text)), row.coverage, strings.Join(row.where, " "), cell(strings.Join(row.labels, ", ")), imagesCell(row.images))
		}
		p.f("\nWhat each test proves:\n\n")
		for _, row := range rows {
			p.f("- %s: %s\n", code(row.text), strings.Join(row.why, " "))
		}
		if slices.ContainsFunc(rows, func(r *testRow) bool { return r.placement != nil }) {
			p.f("\nWhere each test places its pods, and the skips it may reach (static analysis of the newest release that has it):\n\n")
			for _, row := range rows {
				if row.placement != nil {
					p.f("- %s (%s): %s; skips: %s\n", code(row.text), row.newest, cell(compiler.PlacementText(row.placement)), cell(compiler.SkipsText(row.skips)))
				}
			}
		}
		for _, in := range rr.Releases {
			for _, rm := range in.Refs {
				if rm.Applies && len(rm.Specs) == 0 {
					p.f("\n**Dangling in %s:** %s %s matches no test.\n", in.Inventory.Release(), rm.Ref.Kind(), code(rm.Ref.Selector()))
				}
			}
		}
	}
	p.f("\nImages marked * are reached through helper functions or setup nodes rather than used in the test body.\n")
	return p
}

func matrixPage(res *mapping.Resolution) *sitePage {
	p := &sitePage{name: "matrix", title: "Coverage matrix"}
	p.f("# Coverage matrix\n\nEach cell is the coverage of a requirement in a release: ")
	p.f("**full** (a test verifies the whole requirement), **partial** (tests verify part of it), **gap** (no test, with a reason), ")
	p.f("**none** (no test and no reason) or **n.a.** (the requirement does not apply to the release).\n\n")
	p.f("| Requirement | Profile | Title |")
	for _, inv := range res.Inventories {
		p.f(" %s |", inv.Release())
	}
	p.f("\n|---|---|---|%s\n", strings.Repeat("---|", len(res.Inventories)))
	counts := make([]map[mapping.Coverage]int, len(res.Inventories))
	for i := range counts {
		counts[i] = map[mapping.Coverage]int{}
	}
	for _, rr := range res.Requirements {
		r := rr.Requirement
		p.f("| %s | %s | %s |", reqLink(r), r.Profile, cell(r.Title))
		for i, in := range rr.Releases {
			p.f(" %s |", in.Coverage)
			counts[i][in.Coverage]++
		}
		p.f("\n")
	}
	p.f("\n| Totals | | |")
	for _, c := range counts {
		var parts []string
		for _, l := range []mapping.Coverage{mapping.CoverageFull, mapping.CoveragePartial, mapping.CoverageGap, mapping.CoverageNone, mapping.CoverageNA} {
			if c[l] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c[l], l))
			}
		}
		p.f(" %s |", strings.Join(parts, ", "))
	}
	p.f("\n")
	return p
}

func gapsPage(res *mapping.Resolution) *sitePage {
	p := &sitePage{name: "gaps", title: "Gap report"}
	p.f("# Gap report\n\nWhere the e2e suite falls short of the specification, release by release.\n\n")

	p.f("## Requirements without a test\n\n")
	n := 0
	for _, rr := range res.Requirements {
		var rels []string
		level := mapping.CoverageGap
		for _, in := range rr.Releases {
			if in.Coverage == mapping.CoverageGap || in.Coverage == mapping.CoverageNone {
				rels = append(rels, in.Inventory.Release())
				if in.Coverage == mapping.CoverageNone {
					level = mapping.CoverageNone
				}
			}
		}
		if len(rels) == 0 {
			continue
		}
		if n == 0 {
			p.f("| Requirement | Title | Coverage | Releases | Reason |\n|---|---|---|---|---|\n")
		}
		n++
		reason := "no reason recorded"
		if g := rr.Requirement.Gap; g != nil {
			reason = g.Reason
		}
		p.f("| %s | %s | %s | %s | %s |\n", reqLink(rr.Requirement), cell(rr.Requirement.Title), level, releaseSpan(rels, res), cell(reason))
	}
	if n == 0 {
		p.f("None.\n")
	}

	p.f("\n## Partial coverage\n\nRequirements whose tests verify only part of the statement; the gap says what is missing.\n\n")
	n = 0
	for _, rr := range res.Requirements {
		var rels []string
		for _, in := range rr.Releases {
			if in.Coverage == mapping.CoveragePartial {
				rels = append(rels, in.Inventory.Release())
			}
		}
		if len(rels) == 0 {
			continue
		}
		if n == 0 {
			p.f("| Requirement | Title | Coverage | Releases | What is missing |\n|---|---|---|---|---|\n")
		}
		n++
		missing := "no reason recorded"
		if g := rr.Requirement.Gap; g != nil {
			missing = g.Reason
		}
		p.f("| %s | %s | %s | %s | %s |\n", reqLink(rr.Requirement), cell(rr.Requirement.Title), mapping.CoveragePartial, releaseSpan(rels, res), cell(missing))
	}
	if n == 0 {
		p.f("None.\n")
	}

	// Tests with images outside their profile's allowed ones, by image.
	byImage := map[string]map[string][]string{} // image -> test -> requirement links
	linux := map[string][]string{}
	exec := map[string][]string{}
	execTags := map[string]string{}
	for _, rr := range res.Requirements {
		r := rr.Requirement
		prof := res.Spec.Profile(r.Profile)
		for _, in := range rr.Releases {
			for _, s := range in.Specs {
				for _, im := range compiler.DisallowedImages(s, prof.Rules.AllowedImages) {
					if byImage[im] == nil {
						byImage[im] = map[string][]string{}
					}
					byImage[im][s.Text] = appendOnce(byImage[im][s.Text], reqLink(r))
				}
				if s.HasTag("[LinuxOnly]") {
					linux[s.Text] = appendOnce(linux[s.Text], reqLink(r))
				}
				if tags := compiler.ExecutionTags(s); len(tags) > 0 {
					exec[s.Text] = appendOnce(exec[s.Text], reqLink(r))
					execTags[s.Text] = strings.Join(tags, " ")
				}
			}
		}
	}
	allowed, noun := "pause", "image"
	if core := res.Spec.Profile("core"); core != nil && len(core.Rules.AllowedImages) > 0 {
		allowed = strings.Join(core.Rules.AllowedImages, " and ")
		if len(core.Rules.AllowedImages) > 1 {
			noun = "images"
		}
	}
	p.f("\n## Tests using images other than %s\n\nThe KEP allows only the %s %s in this edition. Mapped tests that use others, grouped by image:\n\n", allowed, allowed, noun)
	if len(byImage) == 0 {
		p.f("None.\n")
	}
	for _, im := range slices.Sorted(maps.Keys(byImage)) {
		tests := byImage[im]
		p.f("### %s\n\n%s:\n\n", im, strings.Replace(compiler.SpecCount(len(tests)), "spec", "test", 1))
		for _, t := range slices.Sorted(maps.Keys(tests)) {
			p.f("- %s: %s\n", code(t), strings.Join(tests[t], ", "))
		}
		p.f("\n")
	}
	p.f("\n## LinuxOnly conflicts\n\nMapped tests tagged [LinuxOnly], which cannot verify Windows behaviour:\n\n")
	if len(linux) == 0 {
		p.f("None.\n")
	}
	for _, t := range slices.Sorted(maps.Keys(linux)) {
		p.f("- %s: %s\n", code(t), strings.Join(linux[t], ", "))
	}
	p.f("\n## Serial, disruptive and feature-gated tests\n\nMapped tests that must run alone, take long, disrupt the cluster, need a feature gate, or are excluded on some setups:\n\n")
	if len(exec) == 0 {
		p.f("None.\n")
	} else {
		p.f("| Test | Tags | Requirements |\n|---|---|---|\n")
		for _, t := range slices.Sorted(maps.Keys(exec)) {
			p.f("| %s | %s | %s |\n", cell(code(t)), cell(execTags[t]), strings.Join(exec[t], ", "))
		}
	}

	p.f("\n## Changes between releases\n\nTests that a requirement loses from one release to the next: removed, or renamed (same source location, new text).\n\n")
	n = 0
	for i := 1; i < len(res.Inventories); i++ {
		prev, cur := res.Inventories[i-1], res.Inventories[i]
		renamed := map[string]string{}
		for _, r := range mapping.Compare(prev, cur).Renamed {
			renamed[r.From] = r.To
		}
		var lines []string
		for _, rr := range res.Requirements {
			a, b := rr.Releases[i-1], rr.Releases[i]
			if !a.Applies || !b.Applies {
				continue
			}
			for _, s := range a.Specs {
				if slices.ContainsFunc(b.Specs, func(x *mapping.Spec) bool { return x.Text == s.Text }) {
					continue
				}
				if to, ok := renamed[s.Text]; ok {
					lines = append(lines, fmt.Sprintf("- %s renamed %s to %s", reqLink(rr.Requirement), code(s.Text), code(to)))
				} else if cur.Lookup(s.Text) == nil {
					lines = append(lines, fmt.Sprintf("- %s lost %s: removed from the suite", reqLink(rr.Requirement), code(s.Text)))
				} else {
					lines = append(lines, fmt.Sprintf("- %s no longer maps %s", reqLink(rr.Requirement), code(s.Text)))
				}
			}
		}
		if len(lines) == 0 {
			continue
		}
		n++
		p.f("### %s to %s\n\n%s\n\n", prev.Release(), cur.Release(), strings.Join(lines, "\n"))
	}
	if n == 0 {
		p.f("None.\n")
	}
	return p
}

func appendOnce(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// releaseSpan writes a list of releases, or "every release".
func releaseSpan(rels []string, res *mapping.Resolution) string {
	if len(rels) == len(res.Inventories) {
		return "every release"
	}
	return strings.Join(rels, ", ")
}

const siteCSS = `/* Code generated by "wincspec docs"; DO NOT EDIT. */
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b5cad; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--bg-soft); }
nav a { color: var(--accent); text-decoration: none; font-weight: 500; }
nav a.current { color: var(--fg); border-bottom: 2px solid var(--accent); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); font-size: .875rem; border-top: 1px solid var(--line); }
h1 { font-size: 2rem; margin-top: 1rem; }
h2 { margin-top: 2.5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h2:target { background: #fff8c5; }
a { color: var(--accent); }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: 4px solid var(--accent); background: var(--bg-soft); }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); padding: .1em .3em; border-radius: 4px; white-space: normal; overflow-wrap: anywhere; }
pre code { display: block; padding: .75rem 1rem; white-space: pre; overflow-x: auto; }
td.cov-full { background: #d1f0d9; color: #0f4d22; font-weight: 600; }
td.cov-partial { background: #fff0c2; color: #5c4300; font-weight: 600; }
td.cov-gap { background: #fbd5d8; color: #6e0b14; font-weight: 600; }
td.cov-none { background: #6e0b14; color: #ffffff; font-weight: 600; }
td.cov-na { background: #eceff1; color: #424a53; }
td.cov-supported { background: #d1f0d9; color: #0f4d22; }
td.cov-not-supported { background: #eceff1; color: #424a53; }
`
