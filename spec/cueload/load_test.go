package cueload_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"sigs.k8s.io/wincspec/spec"
	"sigs.k8s.io/wincspec/spec/cueload"
)

// fixtureFiles are a small specification used by the error tests, so that
// positions in expected messages do not move when the real one changes.
var fixtureFiles = map[string]string{
	"core/networking.cue": `package spec

_net: {
	profile:  "core"
	category: "networking"
	since:    "1.23"
	source: section: "Basic Networking"
}

requirements: "CORE-NET-01": _net & {
	title:     "Host volume mounts"
	statement: "A Windows pod MUST be able to mount a host directory."
	source: {
		bullet:  1
		kepText: "Ability to mount host volumes"
	}
	tests: []
}

requirements: "CORE-NET-02": _net & {
	title:     "Windows to Linux by ClusterIP"
	statement: "A Windows pod MUST reach a Linux pod through a ClusterIP."
	source: bullet: 2
	tests: [{name: "[sig-windows] a test", coverage: "full", why: "It connects."}]
}
`,
	"hostprocess/hostprocess.cue": `package spec

_hp: {
	profile:  "hostProcess"
	category: "hostProcess"
	since:    "1.23"
	source: section: "Windows HostProcess Conformance"
}

requirements: "HP-01": _hp & {
	title:     "API access"
	statement: "A HostProcess container MUST reach the API server."
	source: bullet: 1
	tests: []
}
`,
	"serviceproxy/serviceproxy.cue": `package spec

_sp: {
	profile:  "serviceProxy"
	category: "serviceProxy"
	since:    "1.23"
	source: section: "Windows Service Proxying"
}

requirements: "SP-01": _sp & {
	title:     "ClusterIP"
	statement: "A Windows pod MUST reach a Linux pod by ClusterIP."
	source: bullet: 1
	tests: []
}

requirements: "SP-02": _sp & {
	title:     "NodePort"
	statement: "A Windows pod MUST reach a Linux pod by NodePort."
	source: bullet: 2
	tests: []
}
`,
}

// specFS builds the fixture specification (the real schema and profiles,
// fixtureFiles for requirements) in a MapFS, applying edits: each edit
// replaces the first occurrence of old with new in one file, or writes the
// file when old is empty.
func specFS(t testing.TB, edits ...edit) fstest.MapFS {
	t.Helper()
	m, err := editedSpec(edits...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func editedSpec(edits ...edit) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	for _, name := range []string{"cue.mod/module.cue", "schema.cue", "profiles.cue"} {
		data, err := fs.ReadFile(os.DirFS(".."), name)
		if err != nil {
			return nil, err
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	for name, src := range fixtureFiles {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for _, e := range edits {
		f, ok := m[e.file]
		if e.old == "" {
			m[e.file] = &fstest.MapFile{Data: []byte(e.new)}
			continue
		}
		if !ok || !strings.Contains(string(f.Data), e.old) {
			return nil, fmt.Errorf("edit: %s does not contain %q", e.file, e.old)
		}
		f.Data = []byte(strings.Replace(string(f.Data), e.old, e.new, 1))
	}
	return m, nil
}

type edit struct{ file, old, new string }

// fixtureRequirements is the number of requirements in fixtureFiles.
const fixtureRequirements = 5

const firstTests = "\ttests: []\n}\n\nrequirements: \"CORE-NET-02\""

func withTests(refs string) edit {
	return edit{"core/networking.cue", firstTests, "\ttests: [" + refs + "]\n}\n\nrequirements: \"CORE-NET-02\""}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string // each error line, in order
	}{{
		name:  "missing field",
		edits: []edit{{"core/networking.cue", "\ttitle:     \"Host volume mounts\"\n", ""}},
		want:  []string{`spec/core/networking.cue:10:15: requirements."CORE-NET-01".title: missing required field: want =~"^.{1,80}$"`},
	}, {
		name:  "unknown field",
		edits: []edit{{"core/networking.cue", "\ttitle:     \"Host volume mounts\"\n", "\ttitle:     \"Host volume mounts\"\n\ttitel: \"x\"\n"}},
		want:  []string{`spec/core/networking.cue:12:2: requirements."CORE-NET-01".titel: unknown field "titel": did you mean "title"?`},
	}, {
		name:  "wrong type",
		edits: []edit{{"core/networking.cue", "bullet:  1\n", "bullet:  \"1\"\n"}},
		want:  []string{`spec/core/networking.cue:14:12: requirements."CORE-NET-01".source.bullet: conflicting values "1" and int (mismatched types string and int)`},
	}, {
		name:  "statement without MUST",
		edits: []edit{{"core/networking.cue", "A Windows pod MUST be able to mount", "A Windows pod can mount"}},
		want:  []string{`spec/core/networking.cue:12:13: requirements."CORE-NET-01".statement: a statement says what is required with MUST or MUST NOT`},
	}, {
		name:  "duplicate ID across files",
		edits: []edit{{"hostprocess/hostprocess.cue", `"HP-01"`, `"CORE-NET-01"`}},
		want:  []string{`spec/hostprocess/hostprocess.cue:10:15: requirements."CORE-NET-01": duplicate requirement ID "CORE-NET-01": first declared at spec/core/networking.cue:10:15`},
	}, {
		name:  "bad regex",
		edits: []edit{withTests(`{match: "foo(bar", coverage: "full", why: "x"}`)},
		want:  []string{"spec/core/networking.cue:17:10: requirements.\"CORE-NET-01\".tests[0].match: invalid RE2 pattern \"foo(bar\": missing closing ): `foo(bar`"},
	}, {
		name:  "Perl-only regex",
		edits: []edit{withTests(`{match: "a(?=b)", coverage: "full", why: "x"}`)},
		want:  []string{"spec/core/networking.cue:17:10: requirements.\"CORE-NET-01\".tests[0].match: invalid RE2 pattern \"a(?=b)\": invalid or unsupported Perl syntax: `(?=`"},
	}, {
		name:  "bad label filter",
		edits: []edit{withTests(`{labels: "Feature:X && (", coverage: "full", why: "x"}`)},
		want:  []string{`spec/core/networking.cue:17:10: requirements."CORE-NET-01".tests[0].labels: invalid Ginkgo label filter "Feature:X && (": Mismatched '(' - could not find matching ')'.`},
	}, {
		name:  "two selectors",
		edits: []edit{withTests(`{match: "foo", name: "bar", coverage: "full", why: "x"}`)},
		want:  []string{`spec/core/networking.cue:17:10: requirements."CORE-NET-01".tests[0]: a test reference sets exactly one of name, match or labels`},
	}, {
		name:  "wrong profile",
		edits: []edit{{"serviceproxy/serviceproxy.cue", `profile:  "serviceProxy"`, `profile:  "serviceproxy"`}},
		want:  []string{`spec/serviceproxy/serviceproxy.cue:4:12: requirements."SP-01".profile: "serviceproxy" is not allowed: want one of "activeDirectory", "advancedNetworking", "core", "hostProcess", "networkPolicy", "serviceProxy", "workerConfiguration"`},
	}, {
		name:  "undefined profile",
		edits: []edit{{"profiles.cue", "profiles: serviceProxy: {", "_unused: {"}},
		want: []string{
			`spec/serviceproxy/serviceproxy.cue:10:15: requirements."SP-01".profile: unknown profile "serviceProxy": no such entry in profiles`,
			`spec/serviceproxy/serviceproxy.cue:17:15: requirements."SP-02".profile: unknown profile "serviceProxy": no such entry in profiles`,
		},
	}, {
		name:  "malformed CUE",
		edits: []edit{{"core/networking.cue", `title:     "Host volume mounts"`, `title:     "Host volume mounts`}},
		want:  []string{`spec/core/networking.cue:11:13: string literal not terminated`},
	}, {
		name:  "misspelt top-level field",
		edits: []edit{{"core/networking.cue", `requirements: "CORE-NET-02"`, `requirement: "CORE-NET-02"`}},
		want:  []string{`spec/core/networking.cue:20:1: requirement: unknown top-level field "requirement": want one of requirements, profiles, rules`},
	}, {
		name:  "bad releases constraint",
		edits: []edit{withTests(`{name: "x", releases: "since 1.35", coverage: "full", why: "x"}`)},
		want:  []string{`spec/core/networking.cue:17:32: requirements."CORE-NET-01".tests[0].releases: invalid value "since 1.35"`},
	}, {
		name:  "until before since",
		edits: []edit{{"core/networking.cue", "\ttitle:     \"Host volume mounts\"\n", "\ttitle:     \"Host volume mounts\"\n\tuntil: \"1.20\"\n"}},
		want:  []string{`spec/core/networking.cue:10:15: requirements."CORE-NET-01".until: until "1.20" is before since "1.23"`},
	}, {
		name:  "file of another package",
		edits: []edit{{"core/extra.cue", "", "package foo\n\nrequirements: \"CORE-NET-99\": {}\n"}},
		want:  []string{`spec/core/extra.cue:1:1: file is in package "foo": every specification file is in package spec`},
	}, {
		name:  "file without a package clause",
		edits: []edit{{"core/extra.cue", "", "requirements: \"CORE-NET-99\": {}\n"}},
		want:  []string{`spec/core/extra.cue:1:1: file is in package "": every specification file is in package spec`},
	}, {
		name:  "bad ID",
		edits: []edit{{"core/networking.cue", `"CORE-NET-01"`, `"core-net-1"`}},
		want:  []string{`spec/core/networking.cue:10:15: requirements."core-net-1".id: invalid value "core-net-1"`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cueload.Load(specFS(t, tt.edits...), ".", "spec")
			if err == nil {
				t.Fatalf("Load succeeded with %d requirements, want errors", len(s.Requirements))
			}
			if s != nil {
				t.Errorf("Load returned a partial spec with its error")
			}
			var list spec.Errors
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want spec.Errors: %v", err, err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(tt.want), err)
			}
			for i, want := range tt.want {
				if got := list[i].Error(); !strings.HasPrefix(got, want) {
					t.Errorf("error %d:\ngot  %q\nwant %q...", i, got, want)
				}
				if !list[i].Pos.IsValid() {
					t.Errorf("error %d has no position", i)
				}
			}
		})
	}
}

// TestRepositorySpec checks the specification in the repository.
func TestRepositorySpec(t *testing.T) {
	s, err := cueload.Load(os.DirFS(".."), ".", "spec")
	if err != nil {
		t.Fatal(err)
	}
	wantPerCategory := map[string]int{
		"networking": 17, "serviceAccountsAndStorage": 2, "scheduling": 2, "performance": 3,
		"hostProcess": 5, "activeDirectory": 3, "networkPolicy": 2, "serviceProxy": 4,
	}
	got := map[string]int{}
	for _, r := range s.Requirements {
		got[r.Category]++
		if !r.Pos.IsValid() || !strings.HasPrefix(r.Pos.File, "spec/") {
			t.Errorf("%s: position %v, want one in spec/", r.ID, r.Pos)
		}
		if r.Statement == r.Source.KEPText {
			t.Errorf("%s: statement copies the KEP bullet; write it in our own words", r.ID)
		}
	}
	for c, n := range wantPerCategory {
		if got[c] != n {
			t.Errorf("category %s: got %d requirements, want %d", c, got[c], n)
		}
	}
	if len(s.Requirements) != 38 {
		t.Errorf("got %d requirements, want 38", len(s.Requirements))
	}
	var profiles []string
	for _, p := range s.Profiles {
		profiles = append(profiles, p.ID)
	}
	if !slices.Equal(profiles, spec.ProfileOrder[:5]) {
		t.Errorf("profiles %v, want %v", profiles, spec.ProfileOrder[:5])
	}
	if len(s.Rules) != 3 {
		t.Errorf("got %d rules, want 3", len(s.Rules))
	}
	core := s.Profile("core")
	if !slices.Equal(core.Rules.AllowedImages, []string{"pause"}) {
		t.Errorf("core allowed images %v, want [pause]", core.Rules.AllowedImages)
	}
	// Accepted Windows Server releases follow the Kubernetes release.
	want := map[string][]string{
		"1.34": {"Windows Server 2019 10.0.17763", "Windows Server 2022 10.0.20348"},
		"1.35": {"Windows Server 2019 10.0.17763", "Windows Server 2022 10.0.20348"},
		"1.36": {"Windows Server 2019 10.0.17763", "Windows Server 2022 10.0.20348", "Windows Server 2025 10.0.26100"},
		"1.37": {"Windows Server 2019 10.0.17763", "Windows Server 2022 10.0.20348", "Windows Server 2025 10.0.26100"},
	}
	var minors []string
	for _, w := range s.WindowsSupport {
		minors = append(minors, w.Release)
		var got []string
		for _, sv := range w.Servers {
			got = append(got, sv.Name+" "+sv.Build)
			if len(sv.Sources) == 0 {
				t.Errorf("%s %s: no sources", w.Release, sv.Name)
			}
		}
		if !slices.Equal(got, want[w.Release]) {
			t.Errorf("Windows support of %s: got %q, want %q", w.Release, got, want[w.Release])
		}
	}
	if !slices.Equal(minors, []string{"1.34", "1.35", "1.36", "1.37"}) {
		t.Errorf("Windows support for %v, want 1.34 to 1.37", minors)
	}
	if w := s.Windows("v1.37.2"); w == nil || w.Server("10.0.26100.1742") == nil || w.Server("10.0.18363.1") != nil {
		t.Errorf("v1.37.2: Windows Server 2025 should be accepted and 1909 not")
	}
	if w := s.Windows("v1.34.12"); w == nil || w.Server("10.0.26100.1742") != nil {
		t.Errorf("v1.34.12: Windows Server 2025 should not be accepted")
	}
	if s.Windows("v1.99.0") != nil {
		t.Errorf("v1.99: want no data")
	}
}

func BenchmarkLoadSpec(b *testing.B) {
	for b.Loop() {
		if _, err := cueload.Load(os.DirFS(".."), ".", "spec"); err != nil {
			b.Fatal(err)
		}
	}
}
