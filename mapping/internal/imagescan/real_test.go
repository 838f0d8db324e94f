package imagescan

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	// realRepo is the Kubernetes release the real-data test scans, if the
	// module cache has it.
	realRepo = "/root/go/pkg/mod/k8s.io/kubernetes@v1.37.2"
	// realReport is a "ginkgo --dry-run --json-report" of that release.
	realReport = "/tmp/dry-1.37.2.json"
)

// dryRunSpecs reads the It specs of a Ginkgo JSON report, with their
// locations relative to repo, and their full texts by location.
func dryRunSpecs(t *testing.T, report, repo string) ([]Location, map[Location][]string) {
	t.Helper()
	data, err := os.ReadFile(report)
	if err != nil {
		t.Skipf("no dry-run report: %v", err)
	}
	var reports []struct {
		SpecReports []struct {
			LeafNodeType     string
			LeafNodeLocation struct {
				FileName   string
				LineNumber int
			}
			ContainerHierarchyTexts []string
			LeafNodeText            string
		}
	}
	if err := json.Unmarshal(data, &reports); err != nil {
		t.Fatalf("decoding %s: %v", report, err)
	}
	var locs []Location
	texts := map[Location][]string{}
	for _, r := range reports {
		for _, sr := range r.SpecReports {
			if sr.LeafNodeType != "It" {
				continue
			}
			rel, err := filepath.Rel(repo, sr.LeafNodeLocation.FileName)
			if err != nil || strings.HasPrefix(rel, "..") {
				t.Fatalf("spec %q outside %s", sr.LeafNodeText, repo)
			}
			l := Location{File: filepath.ToSlash(rel), Line: sr.LeafNodeLocation.LineNumber}
			locs = append(locs, l)
			text := strings.Join(append(sr.ContainerHierarchyTexts, sr.LeafNodeText), " ")
			texts[l] = append(texts[l], text)
		}
	}
	return locs, texts
}

func TestScanRelease(t *testing.T) {
	if _, err := os.Stat(realRepo); err != nil {
		t.Skipf("no Kubernetes source: %v", err)
	}
	locs, texts := dryRunSpecs(t, realReport, realRepo)
	start := time.Now()
	res, err := Scan(realRepo, locs)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)

	resolved, withImage, withDirect := 0, 0, 0
	count := map[string]int{}
	for _, l := range locs {
		refs, ok := res.Images[l]
		if !ok {
			continue
		}
		resolved++
		if len(refs) > 0 {
			withImage++
		}
		hasDirect := false
		for _, r := range refs {
			count[r.ID]++
			hasDirect = hasDirect || r.Kind == kindDirect
		}
		if hasDirect {
			withDirect++
		}
	}
	unresolved := len(locs) - resolved
	t.Logf("%d specs at %d locations, scanned in %v", len(locs), len(texts), elapsed.Round(time.Millisecond))
	t.Logf("resolved %d (%.1f%%), with an image %d (%.1f%%), with a direct image %d (%.1f%%)",
		resolved, pct(resolved, len(locs)), withImage, pct(withImage, len(locs)), withDirect, pct(withDirect, len(locs)))
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(count[b], count[a]), strings.Compare(a, b)) })
	for i, id := range ids {
		if i == 10 {
			break
		}
		t.Logf("  %-24s %d specs", id, count[id])
	}
	for _, l := range res.Unresolved {
		t.Logf("unresolved %s:%d %q", l.File, l.Line, texts[l][0])
	}
	if pct(unresolved, len(locs)) >= 2 {
		t.Errorf("unresolved %d of %d specs, want < 2%%", unresolved, len(locs))
	}
	if !slices.Contains(res.IDs, "agnhost") || !slices.Contains(res.IDs, "busybox") || slices.Contains(res.IDs, "none") {
		t.Errorf("IDs = %q, want agnhost and busybox, not none", res.IDs)
	}

	// Specs whose source was read: the image, and how the spec gets it.
	tests := []struct {
		name string
		text string // a substring of exactly one spec's full text
		want Ref
	}{
		{
			name: "HostProcess pod built in the body",
			text: "HostProcess containers should run as a process on the host/node",
			want: Ref{ID: "busybox", Kind: kindDirect},
		},
		{
			name: "HostProcess in-cluster config",
			text: "HostProcess containers should support querying api-server using in-cluster config",
			want: Ref{ID: "agnhost", Kind: kindDirect},
		},
		{
			name: "variable of the enclosing Describe",
			text: "Cpu Resources Container limits should not be exceeded after waiting 2 minutes",
			want: Ref{ID: "busybox", Kind: kindReachable},
		},
		{
			name: "helper calling GetPauseImageName",
			text: "should verify ResourceQuota's priority class scope (quota set to pod count: 1) against 2 pods with same priority class.",
			want: Ref{ID: "pause", Kind: kindReachable},
		},
		{
			name: "BeforeEach filling a YAML template",
			text: "Kubectl client Simple pod should support exec using resource/name",
			want: Ref{ID: "agnhost", Kind: kindReachable},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found []Location
			for l, ts := range texts {
				for _, text := range ts {
					if strings.Contains(text, tt.text) {
						found = append(found, l)
						break
					}
				}
			}
			if len(found) != 1 {
				t.Fatalf("got %d specs matching %q, want 1", len(found), tt.text)
			}
			refs := res.Images[found[0]]
			i := slices.IndexFunc(refs, func(r Ref) bool { return r.ID == tt.want.ID })
			if i < 0 {
				t.Fatalf("%s:%d: got %v, want %q", found[0].File, found[0].Line, refs, tt.want.ID)
			}
			if got := refs[i]; got != tt.want {
				t.Errorf("%s:%d: got %q, want %q", found[0].File, found[0].Line, got.ID+":"+got.Kind, tt.want.ID+":"+tt.want.Kind)
			}
		})
	}
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(max(of, 1)) }
