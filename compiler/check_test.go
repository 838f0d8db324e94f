package compiler

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

func tinyInventory(release string, specs ...*mapping.Spec) *mapping.Inventory {
	var buf strings.Builder
	inv := &mapping.Inventory{Provenance: mapping.Provenance{Release: release, Method: "test"}, Specs: specs}
	if err := inventory.Encode(&buf, inv, "test"); err != nil {
		panic(err)
	}
	out, err := inventory.Decode([]byte(buf.String()), release)
	if err != nil {
		panic(err)
	}
	return out
}

func tinySpec(reqs ...*spec.Requirement) *spec.Spec {
	rules := spec.ProfileRules{AllowedImages: []string{"pause"}}
	return &spec.Spec{
		Requirements: reqs,
		Profiles: []*spec.Profile{
			{ID: "core", Gating: true, Rules: rules},
			{ID: "hostProcess", Gating: false, Rules: rules},
		},
	}
}

var pos = spec.Pos{File: "spec/core/net.cue", Line: 1, Column: 1}

func req(id, profile string, tests ...spec.TestRef) *spec.Requirement {
	r := &spec.Requirement{ID: id, Profile: profile, Statement: "It MUST work.", Since: "1.23", Tests: tests, Pos: pos}
	for i := range r.Tests {
		r.Tests[i].Pos = pos
		if r.Tests[i].Reviewed == "-" {
			r.Tests[i].Reviewed = ""
		} else if r.Tests[i].Reviewed == "" {
			r.Tests[i].Reviewed = r.StatementHash()
		}
	}
	return r
}

func TestCheck(t *testing.T) {
	plain := &mapping.Spec{Leaf: "[sig-windows] works", Images: mapping.Images{Direct: []string{"pause"}}}
	linux := &mapping.Spec{Leaf: "[sig-network] resolves [LinuxOnly]", Images: mapping.Images{Direct: []string{"pause"}}}
	agnhost := &mapping.Spec{Leaf: "[sig-windows] serves", Images: mapping.Images{Reachable: []string{"agnhost", "pause"}}}
	serial := &mapping.Spec{Leaf: "[sig-windows] reboots [Disruptive] [Serial]", Labels: []string{"Serial"}}
	gated := &mapping.Spec{Leaf: "[sig-node] resizes [FeatureGate:InPlacePodVerticalScaling] [Beta]"}
	excluded := &mapping.Spec{Leaf: "[sig-windows] [Excluded:WindowsDocker] hosts"}
	old := tinyInventory("v1.36.5", plain, linux, agnhost, serial, gated, excluded)
	cur := tinyInventory("v1.37.2", plain, agnhost, serial, gated, excluded)

	tests := []struct {
		name string
		req  *spec.Requirement
		want []string // "code severity [releases] spec-or-message fragment"
	}{
		{"clean", req("A-01", "core", spec.TestRef{Name: "[sig-windows] works", Coverage: "full"}), nil},
		{"uncovered gating", req("A-01", "core"), []string{"uncovered error"}},
		{"uncovered in the releases where no reference applies", req("A-01", "core", spec.TestRef{Name: "[sig-windows] works", Releases: ">=1.37", Coverage: "full"}),
			[]string{"uncovered error [v1.36.5] has no test in v1.36.5 and no gap"}},
		{"uncovered non-gating is fine", req("H-01", "hostProcess"), nil},
		{"gap is not uncovered", func() *spec.Requirement { r := req("A-01", "core"); r.Gap = &spec.Gap{Reason: "none"}; return r }(), nil},
		{"dangling in one release", req("A-01", "core", spec.TestRef{Name: "[sig-network] resolves [LinuxOnly]", Coverage: "full"}),
			[]string{"linux-only error [v1.36.5]", "dangling error [v1.37.2]"}},
		{"not dangling outside its releases constraint, but uncovered there", req("A-01", "core", spec.TestRef{Name: "[sig-network] resolves [LinuxOnly]", Releases: "<1.37", Coverage: "full"}),
			[]string{"linux-only error [v1.36.5]", "uncovered error [v1.37.2]"}},
		{"image", req("A-01", "core", spec.TestRef{Name: "[sig-windows] serves", Coverage: "full"}),
			[]string{"image warning [v1.36.5 v1.37.2] agnhost"}},
		{"broad match", req("A-01", "core", spec.TestRef{Match: `\[sig-windows\]`, Coverage: "partial"}),
			[]string{"broad-match warning", "image warning", "execution info [v1.36.5 v1.37.2] [Disruptive] [Serial]", "execution info [v1.36.5 v1.37.2] [Excluded:WindowsDocker]"}},
		{"labels", req("A-01", "core", spec.TestRef{Labels: "Serial", Coverage: "partial"}),
			[]string{"execution info [v1.36.5 v1.37.2] [Disruptive] [Serial]"}},
		{"feature gates", req("A-01", "core", spec.TestRef{Match: "resizes", Coverage: "partial"}),
			[]string{"execution info [v1.36.5 v1.37.2] [FeatureGate:InPlacePodVerticalScaling] [Beta]"}},
		{"suspect", req("A-01", "core", spec.TestRef{Name: "[sig-windows] works", Coverage: "full", Reviewed: "-"}),
			[]string{"suspect warning"}},
		{"stale hash", req("A-01", "core", spec.TestRef{Name: "[sig-windows] works", Coverage: "full", Reviewed: "12345678"}),
			[]string{"suspect warning"}},
		{"not applicable release", func() *spec.Requirement {
			r := req("A-01", "core", spec.TestRef{Name: "[sig-network] resolves [LinuxOnly]", Coverage: "full"})
			r.Until = "1.36"
			return r
		}(), []string{"linux-only error [v1.36.5]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := mapping.Resolve(tinySpec(tt.req), []*mapping.Inventory{old, cur})
			if err != nil {
				t.Fatal(err)
			}
			fs := Check(res, CheckOptions{BroadMatch: 2})
			var got []string
			for _, f := range fs {
				s := f.Code + " " + f.Severity.String()
				if f.Pos != pos {
					t.Errorf("%s: position %v, want the reference's %v", f.Code, f.Pos, pos)
				}
				got = append(got, s)
			}
			if len(fs) != len(tt.want) {
				t.Fatalf("got %d findings %q, want %d %q", len(fs), got, len(tt.want), tt.want)
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(fs, func(f Finding) bool { return matches(f, w) }) {
					t.Errorf("no finding matches %q; got %+v", w, fs)
				}
			}
		})
	}
}

// matches reports whether f fits "code severity [releases] fragment".
func matches(f Finding, want string) bool {
	fields := strings.SplitN(want, " ", 3)
	if f.Code != fields[0] || f.Severity.String() != fields[1] {
		return false
	}
	if len(fields) < 3 {
		return true
	}
	rest := fields[2]
	if strings.HasPrefix(rest, "[v") {
		end := strings.Index(rest, "]")
		if rels := strings.Fields(rest[1:end]); !slices.Equal(rels, f.Releases) {
			return false
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	return strings.Contains(f.Message, rest)
}

func TestCoverageLevels(t *testing.T) {
	inv := tinyInventory("v1.37.2", &mapping.Spec{Leaf: "a"}, &mapping.Spec{Leaf: "b"})
	tests := []struct {
		name string
		req  *spec.Requirement
		want mapping.Coverage
	}{
		{"full", req("A-01", "core", spec.TestRef{Name: "a", Coverage: "full"}, spec.TestRef{Name: "b", Coverage: "partial"}), mapping.CoverageFull},
		{"partial", req("A-01", "core", spec.TestRef{Name: "b", Coverage: "partial"}), mapping.CoveragePartial},
		{"dangling full counts for nothing", req("A-01", "core", spec.TestRef{Name: "x", Coverage: "full"}, spec.TestRef{Name: "b", Coverage: "partial"}), mapping.CoveragePartial},
		{"gap", func() *spec.Requirement { r := req("A-01", "core"); r.Gap = &spec.Gap{Reason: "r"}; return r }(), mapping.CoverageGap},
		{"none", req("A-01", "core"), mapping.CoverageNone},
		{"n.a.", func() *spec.Requirement { r := req("A-01", "core"); r.Since = "1.38"; return r }(), mapping.CoverageNA},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := mapping.Resolve(tinySpec(tt.req), []*mapping.Inventory{inv})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Requirements[0].Releases[0].Coverage; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRealSpec checks the committed specification against every committed
// inventory: no errors, and every requirement covered or explained.
func TestRealSpec(t *testing.T) {
	res := realResolution(t)
	fs := Check(res, CheckOptions{})
	for _, f := range fs {
		if f.Severity == Error {
			t.Errorf("%s: %s: %s: %s", f.Pos, f.Code, f.Requirement, f.Message)
		}
		if f.Code == CodeSuspect {
			t.Errorf("%s: %s: %s", f.Pos, f.Requirement, f.Message)
		}
	}
	for _, g := range Gaps(res) {
		if g.Reason == "" {
			t.Errorf("%s is not fully covered (%v) and gives no gap reason", g.Requirement, g.Coverage)
		}
	}
}

func realResolution(t testing.TB) *mapping.Resolution {
	t.Helper()
	s := embedded.Spec()
	cat, err := embedded.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	invs, err := cat.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(invs) < 4 {
		t.Fatalf("only %d inventories", len(invs))
	}
	res, err := mapping.Resolve(s, invs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// BenchmarkCheck measures resolving and checking the full specification
// against every inventory (loaded once, as the command loads them once).
func BenchmarkCheck(b *testing.B) {
	s := embedded.Spec()
	cat, err := embedded.Catalog()
	if err != nil {
		b.Fatal(err)
	}
	invs, err := cat.All()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := mapping.Resolve(s, invs)
		if err != nil {
			b.Fatal(err)
		}
		Check(res, CheckOptions{})
		Gaps(res)
	}
}

// BenchmarkCheckCold measures what "wincspec check" does on each run: load
// the specification and all four inventories, resolve, check and list the
// gaps.
func BenchmarkCheckCold(b *testing.B) {
	for b.Loop() {
		s := embedded.Spec()
		cat, err := embedded.NewCatalog()
		if err != nil {
			b.Fatal(err)
		}
		invs, err := cat.All()
		if err != nil {
			b.Fatal(err)
		}
		res, err := mapping.Resolve(s, invs)
		if err != nil {
			b.Fatal(err)
		}
		Check(res, CheckOptions{})
		Gaps(res)
	}
}

// TestWaivableMatchesSchema keeps the codes a waiver may name in the
// schema the same as the Go list the checks use.
func TestWaivableMatchesSchema(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "spec", "schema.cue"))
	if err != nil {
		t.Fatal(err)
	}
	v := cuecontext.New().CompileBytes(data, cue.Filename("schema.cue"))
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	f := v.LookupPath(cue.ParsePath("#Waiver.finding"))
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	op, args := f.Expr()
	if op != cue.OrOp {
		t.Fatalf("#Waiver.finding is not a disjunction of strings (%v)", op)
	}
	var schema []string
	for _, a := range args {
		s, err := a.String()
		if err != nil {
			t.Fatalf("#Waiver.finding: %v", err)
		}
		schema = append(schema, s)
	}
	slices.Sort(schema)
	goList := slices.Sorted(slices.Values(Waivable))
	if !slices.Equal(schema, goList) {
		t.Errorf("#Waiver.finding in spec/schema.cue lists %q; compiler.Waivable lists %q", schema, goList)
	}
}
