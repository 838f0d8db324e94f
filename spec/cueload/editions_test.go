package cueload_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/spec"
	"sigs.k8s.io/wincspec/spec/cueload"
)

// kepBullets reads the bullets of a KEP text, by section heading: the
// top-level ones, or with nested also those indented under them.
func kepBullets(t *testing.T, name string, nested bool) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "kep", name))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case strings.HasPrefix(line, "#"):
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
		case strings.HasPrefix(trimmed, "- ") && (nested || trimmed == line):
			out[section] = append(out[section], strings.TrimPrefix(trimmed, "- "))
		}
	}
	return out
}

// requirementSections are the sections of each text that state
// requirements, one per bullet.
var requirementSections = map[string][]string{
	"draft": {"Basic Networking", "Basic Service accounts and local storage", "Basic Scheduling", "Basic performance",
		"Windows HostProcess Conformance", "Active Directory", "Network Policies", "Windows Service Proxying"},
	"kep-2578": {"Basic Networking", "Basic Service accounts and local storage", "Basic Scheduling", "Basic concurrent functionality",
		"Windows HostProcess Operational Readiness", "Active Directory", "Network Policies",
		"Windows Advanced Networking and Service Proxying", "Windows Worker Configuration"},
}

var kepFiles = map[string]string{"draft": "windows-conformance-kep.md", "kep-2578": "kep-2578-operational-readiness.md"}

// TestEditionsMatchKEPTexts checks both editions against their texts: every
// bullet of every requirement section is the source of exactly one
// requirement, at its section and position, with its words; so the
// differences that diff finds between the encoded editions are every
// difference between the two texts.
func TestEditionsMatchKEPTexts(t *testing.T) {
	all, err := cueload.Load(os.DirFS(".."), ".", "spec")
	if err != nil {
		t.Fatal(err)
	}
	for _, edition := range []string{"draft", "kep-2578"} {
		s, err := all.InEdition(edition)
		if err != nil {
			t.Fatal(err)
		}
		bullets := kepBullets(t, kepFiles[edition], false)
		sections := requirementSections[edition]
		total := 0
		for _, sec := range sections {
			if len(bullets[sec]) == 0 {
				t.Errorf("%s: no bullets in section %q of %s", edition, sec, kepFiles[edition])
			}
			for i, text := range bullets[sec] {
				total++
				var found []*spec.Requirement
				for _, r := range s.Requirements {
					if r.Source.Section == sec && r.Source.Bullet == i+1 {
						found = append(found, r)
					}
				}
				switch {
				case len(found) != 1:
					t.Errorf("%s: %q bullet %d (%q): %d requirements, want 1", edition, sec, i+1, text, len(found))
				case found[0].Source.KEPText != text:
					t.Errorf("%s: %s quotes %q bullet %d as %q; the text says %q", edition, found[0].ID, sec, i+1, found[0].Source.KEPText, text)
				}
			}
		}
		if total != len(s.Requirements) {
			t.Errorf("%s: %d bullets in the requirement sections, %d requirements", edition, total, len(s.Requirements))
		}
		for _, r := range s.Requirements {
			if !slices.Contains(sections, r.Source.Section) {
				t.Errorf("%s: %s cites section %q, not a requirement section of %s", edition, r.ID, r.Source.Section, kepFiles[edition])
			}
		}
	}
}

// TestDiffSample checks differences between the draft and KEP-2578 that a
// reader of the two texts sees, one of each kind.
func TestDiffSample(t *testing.T) {
	all, err := cueload.Load(os.DirFS(".."), ".", "spec")
	if err != nil {
		t.Fatal(err)
	}
	draft, _ := all.InEdition("draft")
	kep, err := all.InEdition("kep-2578")
	if err != nil {
		t.Fatal(err)
	}
	d := spec.DiffEditions(draft, kep)
	ids := func(rs []*spec.Requirement) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	// Draft HostProcess bullet 5 (NT Authority/Network Service) is not in
	// KEP-2578, which adds two HostProcess bullets, RunAsUserName,
	// dual-stack and four worker configuration bullets.
	if got := ids(d.Removed); !slices.Equal(got, []string{"HP-05"}) {
		t.Errorf("removed %v, want [HP-05]", got)
	}
	if got, want := ids(d.Added), []string{"AD-04", "HP-06", "HP-07", "SP-05", "WC-01", "WC-02", "WC-03", "WC-04"}; !slices.Equal(got, want) {
		t.Errorf("added %v, want %v", got, want)
	}
	change := func(id string) spec.RequirementChange {
		for _, c := range d.Changed {
			if c.To.ID == id {
				return c
			}
		}
		t.Fatalf("%s: no change", id)
		return spec.RequirementChange{}
	}
	// Host volumes moved from Basic Networking to Basic Service accounts
	// and local storage.
	if c := change("CORE-NET-01"); !c.Moved || c.Reworded || c.To.Source.Section != "Basic Service accounts and local storage" {
		t.Errorf("CORE-NET-01: %+v, want moved to the storage section", c)
	}
	// "GSMA" became "GMSA".
	if c := change("AD-01"); !c.Reworded || c.Moved || !strings.Contains(c.From.Source.KEPText, "GSMA") || !strings.Contains(c.To.Source.KEPText, "GMSA") {
		t.Errorf("AD-01: %+v, want reworded GSMA to GMSA", c)
	}
	// KEP-2578 states service recreation twice.
	if c := change("CORE-SAS-03"); !c.Duplicate || c.From.ID != "CORE-NET-12" {
		t.Errorf("CORE-SAS-03: %+v, want CORE-NET-12 listed twice", c)
	}
	// The concurrency section's bullets are the draft's performance ones.
	if c := change("CORE-PERF-02"); !c.Moved || c.To.Source.Section != "Basic concurrent functionality" {
		t.Errorf("CORE-PERF-02: %+v, want moved to Basic concurrent functionality", c)
	}
	// Within Basic Networking, the two texts number their bullets apart.
	if c := change("CORE-NET-02"); !c.Renumbered || c.Moved {
		t.Errorf("CORE-NET-02: %+v, want renumbered", c)
	}
	if !slices.Equal(d.ProfilesAdded, []string{"advancedNetworking", "workerConfiguration"}) || !slices.Equal(d.ProfilesRemoved, []string{"serviceProxy"}) {
		t.Errorf("profiles added %v removed %v", d.ProfilesAdded, d.ProfilesRemoved)
	}
	var rules []string
	for _, r := range d.RulesAdded {
		rules = append(rules, r.ID)
	}
	if !slices.Equal(rules, []string{"CORE-RULE-04", "CORE-RULE-05"}) {
		t.Errorf("rules added %v, want the preamble's Linux conformance and node count", rules)
	}
	// An edition against itself does not differ.
	if !spec.DiffEditions(kep, kep).Empty() || !spec.DiffEditions(draft, draft).Empty() {
		t.Error("an edition differs from itself")
	}
}

// TestEditionLoadErrors checks that mistakes in an edition's records give
// positioned errors, as in the draft's, and lose nothing silently.
func TestEditionLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, dir string)
		want []string
	}{
		{"duplicate record", func(t *testing.T, dir string) {
			write(t, dir, "kep2578/dup.cue", "package spec\n\neditions: \"kep-2578\": requirements: \"HP-01\": notes: \"x\"\n")
		}, []string{`spec/kep2578/linked.cue:6:37: editions."kep-2578".requirements."HP-01": duplicate requirement ID "HP-01" in edition kep-2578: first declared at spec/kep2578/dup.cue:3:37`}},
		{"unknown test field", func(t *testing.T, dir string) {
			replace(t, dir, "kep2578/new.cue", "reviewed: \"", "reviewd: \"")
		}, []string{`spec/kep2578/new.cue:43:4: editions."kep-2578".requirements."HP-07".tests[0].reviewd: unknown field "reviewd"`}},
		{"missing field", func(t *testing.T, dir string) {
			replace(t, dir, "kep2578/core.cue", "\tcategory: \"networking\"\n", "")
		}, []string{`spec/kep2578/core.cue:7:37: editions."kep-2578".requirements."CORE-NET-02".category: missing required field`}},
		{"split directory", func(t *testing.T, dir string) {
			write(t, dir, "kep2578wc/wc.cue", "package spec\n\neditions: \"kep-2578\": requirements: \"WC-09\": {sameAs: \"CORE-NET-01\", profile: \"core\", category: \"networking\", source: {section: \"x\", bullet: 1}}\n")
		}, []string{`spec/kep2578wc/wc.cue:3:11: editions."kep-2578": edition kep-2578 is declared in spec/kep2578 and spec/kep2578wc: keep an edition's files in one directory`}},
		{"linked with tests", func(t *testing.T, dir string) {
			replace(t, dir, "kep2578/linked.cue", "\tsameAs:   \"HP-01\"\n", "\tsameAs:   \"HP-01\"\n\tsince:    \"1.30\"\n")
		}, []string{`editions."kep-2578".requirements."HP-01".since: a requirement linked with sameAs takes its since from HP-01: remove it here, or drop sameAs`}},
		{"link to nothing", func(t *testing.T, dir string) {
			replace(t, dir, "kep2578/linked.cue", "\tsameAs:   \"HP-01\"\n", "\tsameAs:   \"HP-09\"\n")
		}, []string{`editions."kep-2578".requirements."HP-01".sameAs: unknown requirement "HP-09": no such requirement in the draft edition`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("..")); err != nil {
				t.Fatal(err)
			}
			tt.edit(t, dir)
			_, err := cueload.Load(os.DirFS(dir), ".", "spec")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("errors lack %q:\n%v", w, err)
				}
			}
		})
	}
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func replace(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	write(t, dir, name, strings.Replace(string(data), old, new, 1))
}

// TestEditionErrorsTogether checks that a broken link does not hide the
// edition's other errors.
func TestEditionErrorsTogether(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("..")); err != nil {
		t.Fatal(err)
	}
	replace(t, dir, "kep2578/linked.cue", "\tsameAs:   \"HP-01\"\n", "\tsameAs:   \"HP-09\"\n")
	replace(t, dir, "kep2578/waivers.cue", `requirements: ["AD-01", "AD-04"]`, `requirements: ["AD-01", "AD-77"]`)
	_, err := cueload.Load(os.DirFS(dir), ".", "spec")
	if err == nil || !strings.Contains(err.Error(), `unknown requirement "HP-09"`) || !strings.Contains(err.Error(), `unknown requirement or rule "AD-77"`) {
		t.Errorf("got %v, want both errors", err)
	}
}

// TestRulesMatchKEPTexts checks that every general rule quotes, in its
// source, bullets of the section it cites, word for word (several bullets
// joined with " / ").
func TestRulesMatchKEPTexts(t *testing.T) {
	all, err := cueload.Load(os.DirFS(".."), ".", "spec")
	if err != nil {
		t.Fatal(err)
	}
	for _, edition := range []string{"draft", "kep-2578"} {
		s, _ := all.InEdition(edition)
		bullets := kepBullets(t, kepFiles[edition], true)
		if len(s.Rules) == 0 {
			t.Errorf("%s: no rules", edition)
		}
		for _, r := range s.Rules {
			if len(bullets[r.Source.Section]) == 0 {
				t.Errorf("%s: %s cites section %q, which %s does not have", edition, r.ID, r.Source.Section, kepFiles[edition])
				continue
			}
			for _, part := range strings.Split(r.Source.KEPText, " / ") {
				if !slices.Contains(bullets[r.Source.Section], part) {
					t.Errorf("%s: %s quotes %q, which is no bullet of %q", edition, r.ID, part, r.Source.Section)
				}
			}
		}
	}
}
