package site

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// siteResolution is a small two-release resolution with a rename between
// the releases, a gap, a LinuxOnly test and a serial test.
func siteResolution(t *testing.T) *mapping.Resolution {
	t.Helper()
	old := tinyInventory("v1.36.5",
		&mapping.Spec{Containers: []string{"[sig-windows] Hybrid network"}, Leaf: "should reach a Linux pod | by IP", Labels: []string{"sig-windows"}, File: "test/e2e/windows/hybrid_network.go", Line: 53, Images: mapping.Images{Direct: []string{"agnhost", "nginx"}}},
		&mapping.Spec{Containers: []string{"[sig-windows] [Feature:Windows] Memory Limits [Serial]"}, Leaf: "should fail", Labels: []string{"Serial"}, File: "test/e2e/windows/memory_limits.go", Line: 61, Images: mapping.Images{Reachable: []string{"pause"}}},
		&mapping.Spec{Containers: []string{"[sig-network] DNS"}, Leaf: "should resolve `names` [LinuxOnly]", File: "test/e2e/network/dns.go", Line: 9},
	)
	cur := tinyInventory("v1.37.2",
		&mapping.Spec{Containers: []string{"[sig-windows] Hybrid network"}, Leaf: "should reach a Linux pod | by IP", Labels: []string{"sig-windows"}, File: "test/e2e/windows/hybrid_network.go", Line: 53, Images: mapping.Images{Direct: []string{"agnhost", "nginx"}}},
		&mapping.Spec{Containers: []string{"[sig-windows] [Feature:Windows] Memory Limits"}, Leaf: "should fail [Serial]", Labels: []string{"Serial"}, File: "test/e2e/windows/memory_limits.go", Line: 61, Images: mapping.Images{Reachable: []string{"pause"}}},
	)
	full := req("CORE-NET-06", "core", spec.TestRef{Name: "[sig-windows] Hybrid network should reach a Linux pod | by IP", Coverage: "full", Why: "It connects by pod IP."})
	full.Title = "Windows to Linux by pod IP"
	full.Category = "networking"
	full.Source = spec.Source{Section: "Basic Networking", Bullet: 6, KEPText: "Ability to access linux container IPs *by pod IP* from windows containers"}
	partial := req("CORE-SCH-02", "core",
		spec.TestRef{Name: "[sig-windows] [Feature:Windows] Memory Limits [Serial] should fail", Releases: "<1.37", Coverage: "partial", Why: "It waits for one event."},
		spec.TestRef{Name: "[sig-windows] [Feature:Windows] Memory Limits should fail [Serial]", Releases: ">=1.37", Coverage: "partial", Why: "It waits for one event."},
		spec.TestRef{Name: "[sig-network] DNS should resolve `names` [LinuxOnly]", Releases: "<1.37", Coverage: "partial", Why: "It resolves."},
	)
	partial.Title = "Over-sized requests stay Pending"
	partial.Gap = &spec.Gap{Reason: "No test checks Pending over time."}
	gap := req("CORE-PERF-01", "core")
	gap.Title = "Deployment pod churn"
	gap.Gap = &spec.Gap{Reason: "No e2e test deletes a pod 50 times."}
	s := tinySpec(full, partial, gap)
	s.Profiles[0].Title, s.Profiles[0].Description = "Windows Core Conformance", "What every Windows cluster must do."
	s.Profiles[1].Title, s.Profiles[1].Description = "Windows HostProcess", "Privileged containers."
	s.Rules = []*spec.Rule{{ID: "CORE-RULE-02", Title: "Pause image only", Statement: "Tests MUST use pause.", Source: spec.Source{Section: "Windows Core Conformance", Bullet: 6}, Profile: "core"}}
	res, err := mapping.Resolve(s, []*mapping.Inventory{old, cur})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSiteMarkdown(t *testing.T) {
	files, err := Render(siteResolution(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.md", "core.md", "matrix.md", "gaps.md"} {
		golden(t, "site-"+name, files[name])
	}
	page := string(files["core.html"])
	for _, want := range []string{
		`<h2 id="core-net-06-windows-to-linux-by-pod-ip">CORE-NET-06: Windows to Linux by pod IP</h2>`,
		`<a href="https://github.com/kubernetes/kubernetes/blob/v1.37.2/test/e2e/windows/hybrid_network.go#L53">v1.37.2</a>`,
		`<a href="core.html#core-sch-02-over-sized-requests-stay-pending">CORE-SCH-02</a>`,
		`<a href="core.html" class="current" aria-current="page">`,
		`<link rel="stylesheet" href="style.css">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("core.html lacks %s", want)
		}
	}
	if strings.Contains(page, "<script") {
		t.Error("core.html has JavaScript")
	}
}

// TestSiteLinks checks every link of the committed HTML site: each page or
// file it points to exists, and each #fragment names an element of its
// page.
func TestSiteLinks(t *testing.T) {
	root := filepath.Join("..", "..", "generated", "site")
	pages, err := filepath.Glob(filepath.Join(root, "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in %s: %v", root, err)
	}
	ids := map[string]map[string]bool{}
	links := map[string][]string{}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		name := filepath.Base(p)
		ids[name] = map[string]bool{}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					switch a.Key {
					case "id":
						ids[name][a.Val] = true
					case "href", "src":
						links[name] = append(links[name], a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	checked := 0
	for page, hrefs := range links {
		for _, href := range hrefs {
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", page, href, err)
				continue
			}
			if u.Scheme == "mailto" {
				// The site links to no mailbox: a mailto link is text
				// such as module@version that Markdown took for an
				// address.
				t.Errorf("%s: link %q: text taken for an e-mail address", page, href)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // external
			}
			target := page
			if u.Path != "" {
				target = filepath.Clean(filepath.Join(filepath.Dir(page), u.Path))
				if _, err := os.Stat(filepath.Join(root, target)); err != nil {
					t.Errorf("%s: link %q: %v", page, href, err)
					continue
				}
			}
			if u.Fragment != "" {
				if ids[target] == nil || !ids[target][u.Fragment] {
					t.Errorf("%s: link %q: no element with id %q in %s", page, href, u.Fragment, target)
				}
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d internal links checked", checked)
	}
}

// mdLink matches the destination of a Markdown inline link.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// markdownAnchors returns the anchors GitHub gives the headings of a
// Markdown file (ATX headings outside fenced code, inline code and
// emphasis markers removed from their text).
func markdownAnchors(t *testing.T, file string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	sl := newSlugger()
	fenced := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		text = strings.NewReplacer("`", "", "**", "", "*", "").Replace(text)
		out[sl.next(text)] = true
	}
	return out
}

// TestMarkdownAnchors checks every link between the Markdown pages of the
// site, the docs and the README the way GitHub renders them: the file
// exists, and its #fragment is the anchor GitHub gives one of its headings.
func TestMarkdownAnchors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "generated", "site", "*.md"))
	// Other editions' sites too.
	more, _ := filepath.Glob(filepath.Join("..", "..", "generated", "*", "site", "*.md"))
	files = append(files, more...)
	if err != nil || len(files) == 0 {
		t.Fatalf("no Markdown pages: %v", err)
	}
	docs, _ := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	files = append(append(files, docs...), filepath.Join("..", "..", "README.md"))
	anchors := map[string]map[string]bool{}
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(data), -1) {
			dest := m[1]
			if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
				continue
			}
			page, frag, _ := strings.Cut(dest, "#")
			target := f
			if page != "" {
				target = filepath.Clean(filepath.Join(filepath.Dir(f), page))
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s: link %q: %v", f, dest, err)
					continue
				}
			}
			if frag == "" {
				continue
			}
			if !strings.HasSuffix(target, ".md") {
				continue // #L42 line links into source files
			}
			if anchors[target] == nil {
				anchors[target] = markdownAnchors(t, target)
			}
			if !anchors[target][frag] {
				t.Errorf("%s: link %q: no heading of %s has the GitHub anchor %q", f, dest, target, frag)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d anchor links checked", checked)
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"CORE-NET-01: Host volume mounts", "core-net-01-host-volume-mounts"},
		{"HP-02: Host networking (HCN) rules", "hp-02-host-networking-hcn-rules"},
		{`HP-05: NT AUTHORITY\Network Service on host networking`, "hp-05-nt-authoritynetwork-service-on-host-networking"},
		{"Supported Windows Server releases", "supported-windows-server-releases"},
		{"Ümlaut and under_score, 2025!", "ümlaut-and-under_score-2025"},
	} {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
	s := newSlugger()
	if a, b, c := s.next("Evidence"), s.next("Evidence"), s.next("Evidence"); a != "evidence" || b != "evidence-1" || c != "evidence-2" {
		t.Errorf("duplicates: got %q %q %q", a, b, c)
	}
}
