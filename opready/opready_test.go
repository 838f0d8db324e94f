package opready

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

func TestReadDir(t *testing.T) {
	files, err := ReadDir(os.DirFS("testdata"), ".")
	if err != nil {
		t.Fatal(err)
	}
	cases := Cases(files)
	if len(files) != 3 || len(cases) != 4 {
		t.Fatalf("got %d files and %d cases, want 3 and 4 (the commented-out case is not read)", len(files), len(cases))
	}
	c := cases[1]
	if c.Category != "Core.Network" || c.Index != 1 || c.Line != 8 || c.File != "specifications/core-network/spec.yaml" {
		t.Errorf("case 1: %+v", c)
	}
	// The tool joins focus and skip strings with "|".
	if fs := c.FocusSkip(); fs.Focus != "should provide DNS for the cluster|should provide DNS for services" || fs.Skip != "Conformance" {
		t.Errorf("case 1 focus/skip: %+v", fs)
	}
	// skip: [''] is an empty skip, which skips nothing.
	if fs := cases[0].FocusSkip(); fs.Skip != "" {
		t.Errorf("case 0 skip %q, want empty", fs.Skip)
	}
	// A folded description reads as one line.
	if d := cases[3].Description; !strings.HasPrefix(d, "Ability to protect IPv4 pods from accessing other pods when TCP NetworkPolicys are present") {
		t.Errorf("case 3 description %q", d)
	}
	if n := Invocations(cases, "local"); n != 4 {
		t.Errorf("%d runs for provider local, want 4", n)
	}
	if n := Invocations(cases, "aws"); n != 3 {
		t.Errorf("%d runs for provider aws, want 3 (one case skips aws)", n)
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct{ data, want string }{
		"no category":    {"testCases: []\n", "spec.yaml:1: no category"},
		"empty file":     {"", "spec.yaml:1: empty file"},
		"no description": {"category: Core.Network\ntestCases:\n  - focus: [x]\n", "spec.yaml:3: test case 0: no description"},
		"empty focus":    {"category: Core.Network\ntestCases:\n  - description: d\n    focus: ['']\n", "spec.yaml:3: test case 0 (\"d\"): no focus"},
		"no focus":       {"category: Core.Network\ntestCases:\n  - description: d\n", "no focus"},
		"bad regexp":     {"category: Core.Network\ntestCases:\n  - description: d\n    focus: ['(']\n", "spec.yaml:3: test case 0 (\"d\"): focus: error parsing regexp"},
		"bad skip":       {"category: Core.Network\ntestCases:\n  - description: d\n    focus: [x]\n    skip: ['[']\n", "skip: error parsing regexp"},
		"not yaml":       {"category: [\n", "spec.yaml"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := Parse([]byte(tt.data), "x/spec.yaml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, %v; want an error containing %q", f, err, tt.want)
			}
		})
	}
	// What the tool ignores or accepts is read, with a warning.
	f, err := Parse([]byte("category: Core.GPU\ntestCases:\n  - description: d\n    focsu: [x]\n    focus: [y]\n    labels: [z]\n"), "x/spec.yaml")
	if err != nil || len(f.TestCases) != 1 || len(f.Warnings) != 3 ||
		!strings.Contains(f.Warnings[0], `x/spec.yaml:1: category "Core.GPU"`) || !strings.Contains(f.Warnings[1], `x/spec.yaml:4: field "focsu"`) {
		t.Errorf("lenient parse: %v, %+v", err, f)
	}
	if _, err := ReadDir(fstest.MapFS{"a/b.txt": {}}, "."); err == nil || !strings.Contains(err.Error(), "no <category>/spec.yaml files") {
		t.Errorf("a directory without spec files: %v", err)
	}
	bad := fstest.MapFS{"specifications/x/spec.yaml": {Data: []byte("testCases: []\n")}, "specifications/y/spec.yaml": {Data: []byte("category: Core.Network\ntestCases:\n  - description: d\n")}}
	_, err = ReadDir(bad, ".")
	if err == nil || !strings.Contains(err.Error(), "x/spec.yaml") || !strings.Contains(err.Error(), "y/spec.yaml") {
		t.Errorf("two bad files: %v; want both named", err)
	}
}

func tiny(t *testing.T) *mapping.Resolution {
	t.Helper()
	inv := &inventory.Inventory{Provenance: inventory.Provenance{Release: "v1.37.2", Method: "test"}, Specs: []*inventory.Spec{
		{Leaf: "a should work", Containers: []string{"[sig-x] A"}},
		{Leaf: "b should work [Conformance]", Containers: []string{"[sig-x] B"}},
		{Leaf: "c should work", Containers: []string{"[sig-x] C"}},
	}}
	var b strings.Builder
	if err := inventory.Encode(&b, inv, "test"); err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Decode([]byte(b.String()), "test")
	if err != nil {
		t.Fatal(err)
	}
	s := &spec.Spec{
		Profiles: []*spec.Profile{{ID: "core"}},
		Requirements: []*spec.Requirement{
			{ID: "R-01", Profile: "core", Since: "1.30", Source: spec.Source{KEPText: "Ability to do A and B."},
				Tests: []spec.TestRef{{Name: "[sig-x] A a should work", Coverage: "full"}, {Name: "[sig-x] B b should work [Conformance]", Coverage: "partial"}}},
		},
	}
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCompare(t *testing.T) {
	res := tiny(t)
	cases := []*TestCase{
		// Its description is R-01's KEP text (case and period aside); it
		// skips B, which R-01 needs, and runs C, which nothing needs.
		{Description: "ability to do a and b", Focus: []string{"should work"}, Skip: []string{"Conformance"}},
		// Anchored at the suite description, as Ginkgo sees the text.
		{Description: "d", Focus: []string{`^Kubernetes e2e suite \[sig-x\] B`}},
		{Description: "e", Focus: []string{"nothing"}},
	}
	rows, err := Compare(cases, []*mapping.Resolution{res})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	r := rows[0]
	e := r.Editions[0]
	if len(r.Selected) != 2 || len(e.Verifies) != 1 || e.Verifies[0] != (Verified{"R-01", "full"}) {
		t.Errorf("row 0: %d selected, verifies %v", len(r.Selected), e.Verifies)
	}
	if len(e.Intended) != 1 || len(e.Missing) != 1 || !strings.HasPrefix(e.Missing[0].Text, "[sig-x] B") || len(e.Extra) != 1 || !strings.HasPrefix(e.Extra[0].Text, "[sig-x] C") {
		t.Errorf("row 0: intended %v, missing %v, extra %v", e.Intended, e.Missing, e.Extra)
	}
	if e := rows[1].Editions[0]; len(rows[1].Selected) != 1 || e.Verifies[0] != (Verified{"R-01", "partial"}) || len(e.Intended) != 0 {
		t.Errorf("row 1: %v", e)
	}
	if len(rows[2].Selected) != 0 || len(rows[2].Editions[0].Verifies) != 0 {
		t.Errorf("row 2 selects %v", rows[2].Selected)
	}
	var out strings.Builder
	if err := WriteText(&out, rows, Summary{Cases: 3, ToolRuns: 3, Provider: "local", Ours: map[string]int{"draft": 1}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"not run, though R-01 needs it: [sig-x] B b should work [Conformance]", "needed by no requirement: [sig-x] C c should work", "0 specs", "the tool starts 3 e2e.test processes (provider local); wincspec draft 1 in the newest release"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, out.String())
		}
	}
	data, err := MarshalJSON(rows, Summary{})
	if err != nil || !bytes.Contains(data, []byte(`"missing": [
            "[sig-x] B b should work [Conformance]"`)) || !bytes.Contains(data, []byte(`"id": "R-01",
              "coverage": "full"`)) {
		t.Errorf("JSON: %v\n%s", err, data)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"core-network", "ext-network-policies", "ext-worker"} {
		data, err := os.ReadFile("testdata/specifications/" + name + "/spec.yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data, "fuzz/spec.yaml")
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for i, c := range file.TestCases {
			// Each case keeps its place: its index, its file's category,
			// and a line inside the file, after the previous case's.
			if c.Index != i || c.Category != file.Category || c.File != "fuzz/spec.yaml" || c.Line < 1 || c.Line > lines ||
				(i > 0 && c.Line <= file.TestCases[i-1].Line) {
				t.Fatalf("case %d out of place: %+v", i, c)
			}
			if _, err := focus.Selects(c.FocusSkip(), []string{"x"}); err != nil {
				t.Fatalf("accepted a case whose focus or skip Ginkgo cannot compile: %v", err)
			}
		}
	})
}
