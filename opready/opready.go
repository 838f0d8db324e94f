package opready

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/mapping"
)

// Categories are the categories the tool knows (pkg/testcases/cases.go).
var Categories = []string{"Core.Network", "Core.Storage", "Core.Scheduling", "Core.Concurrent",
	"Extend.HostProcess", "Extend.ActiveDirectory", "Extend.NetworkPolicy", "Extend.Network", "Extend.Worker"}

// File is one specifications/<dir>/spec.yaml.
type File struct {
	// Path is the file's path in the file system it was read from.
	Path      string
	Category  string
	TestCases []*TestCase
	// Warnings note what the tool accepts but this package does not
	// know: fields it ignores, categories it has no constant for.
	Warnings []string
}

// TestCase is one test case, as the tool's TestCase type holds it.
type TestCase struct {
	Description        string
	Focus, Skip        []string
	KubernetesVersions []string
	SkipProviders      []string

	// Category is the file's; Index is the case's 0-based position in
	// the file; Line is where it starts.
	Category string
	Index    int
	File     string
	Line     int
}

// FocusSkip returns the --ginkgo.focus and --ginkgo.skip the tool passes
// for the case: its strings joined with "|", as the tool joins them.
func (c *TestCase) FocusSkip() focus.FocusSkip {
	return focus.FocusSkip{Focus: strings.Join(c.Focus, "|"), Skip: strings.Join(c.Skip, "|")}
}

// SkippedFor reports whether the tool leaves the case out for a provider.
func (c *TestCase) SkippedFor(provider string) bool {
	return slices.Contains(c.SkipProviders, provider)
}

// rawFile and rawCase are the YAML schema, with unknown fields refused.
type rawFile struct {
	Category  string    `yaml:"category"`
	TestCases []rawCase `yaml:"testCases"`
}

type rawCase struct {
	Description        string   `yaml:"description"`
	Focus              []string `yaml:"focus"`
	Skip               []string `yaml:"skip"`
	KubernetesVersions []string `yaml:"kubernetesVersions"`
	SkipProviders      []string `yaml:"skipProviders"`
}

// ReadDir reads dir/*/spec.yaml from fsys, in directory order as the tool
// does. dir may be the specifications directory or a checkout of the
// repository. Every problem is an error that names the file and line, and
// nothing is returned with it.
func ReadDir(fsys fs.FS, dir string) ([]*File, error) {
	if _, err := fs.Stat(fsys, path.Join(dir, "specifications")); err == nil {
		dir = path.Join(dir, "specifications")
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var files []*File
	var errs []error
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := path.Join(dir, e.Name(), "spec.yaml")
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		f, err := Parse(data, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, f)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no <category>/spec.yaml files: want the specifications directory of kubernetes-sigs/windows-operational-readiness, or a checkout of it", dir)
	}
	return files, nil
}

// Parse reads one spec.yaml and checks what the tool checks: a category,
// and on every case a description and a focus that is not empty. Like the
// tool, it ignores fields it does not know and accepts any category, and
// notes both in File.Warnings.
func Parse(data []byte, name string) (*File, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(node.Content) == 0 {
		return nil, fmt.Errorf("%s:1: empty file: want category and testCases", name)
	}
	var raw rawFile
	if err := node.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	f := &File{Path: name, Category: raw.Category}
	if raw.Category == "" {
		return nil, fmt.Errorf("%s:%d: no category: the tool refuses it", name, line(&node, "category"))
	}
	if !slices.Contains(Categories, raw.Category) {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s:%d: category %q is none of the tool's (%s)", name, line(&node, "category"), raw.Category, strings.Join(Categories, ", ")))
	}
	f.Warnings = append(f.Warnings, unknownKeys(&node, name)...)
	lines := caseLines(&node)
	for i, rc := range raw.TestCases {
		c := &TestCase{Description: strings.Join(strings.Fields(rc.Description), " "), Focus: rc.Focus, Skip: rc.Skip,
			KubernetesVersions: rc.KubernetesVersions, SkipProviders: rc.SkipProviders,
			Category: raw.Category, Index: i, File: name}
		if i < len(lines) {
			c.Line = lines[i]
		}
		switch {
		case rc.Description == "":
			return nil, fmt.Errorf("%s:%d: test case %d: no description: the tool refuses it", name, c.Line, i)
		case len(c.Focus) == 0 || (len(c.Focus) == 1 && c.Focus[0] == ""):
			return nil, fmt.Errorf("%s:%d: test case %d (%q): no focus: the tool refuses it", name, c.Line, i, c.Description)
		}
		if _, err := focus.Selects(c.FocusSkip(), nil); err != nil {
			return nil, fmt.Errorf("%s:%d: test case %d (%q): %w", name, c.Line, i, c.Description, err)
		}
		f.TestCases = append(f.TestCases, c)
	}
	return f, nil
}

// unknownKeys notes the keys, at the top and in test cases, that the
// tool's types do not have.
func unknownKeys(doc *yaml.Node, name string) []string {
	var out []string
	check := func(m *yaml.Node, known []string) {
		if m.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if k := m.Content[i]; !slices.Contains(known, k.Value) {
				out = append(out, fmt.Sprintf("%s:%d: field %q is none of the tool's; it and the tool ignore it", name, k.Line, k.Value))
			}
		}
	}
	top := doc.Content[0]
	check(top, []string{"category", "testCases"})
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "testCases" {
			for _, item := range top.Content[i+1].Content {
				check(item, []string{"description", "focus", "skip", "kubernetesVersions", "skipProviders"})
			}
		}
	}
	return out
}

// line returns the line of a top-level key.
func line(doc *yaml.Node, key string) int {
	if len(doc.Content) == 0 {
		return 1
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return m.Line
}

// caseLines returns the line of each item of testCases.
func caseLines(doc *yaml.Node) []int {
	if len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "testCases" {
			var out []int
			for _, item := range m.Content[i+1].Content {
				out = append(out, item.Line)
			}
			return out
		}
	}
	return nil
}

// Cases returns the test cases of files, in the order the tool runs them.
func Cases(files []*File) []*TestCase {
	var out []*TestCase
	for _, f := range files {
		out = append(out, f.TestCases...)
	}
	return out
}

// Verified is a requirement that a selected spec verifies, with the
// coverage its test reference claims.
type Verified struct {
	ID       string           `json:"id"`
	Coverage mapping.Coverage `json:"coverage"`
}

// InEdition is what one case's selection is in one edition.
type InEdition struct {
	Edition string
	// Intended are the requirements whose KEP text the case's
	// description repeats.
	Intended []string
	// Verifies are the requirements a selected spec verifies.
	Verifies []Verified
	// Extra are the selected specs no requirement needs; Missing are the
	// specs the intended requirements need that the case does not run.
	Extra, Missing []*mapping.Spec
}

// Row is one case in one release.
type Row struct {
	Case    *TestCase
	Release string
	// Selected are the specs the case runs in the release's tree.
	Selected []*mapping.Spec
	Editions []InEdition
}

// Compare runs every case against the inventories of the resolutions,
// which must cover the same releases, one resolution per edition.
func Compare(cases []*TestCase, editions []*mapping.Resolution) ([]Row, error) {
	if len(editions) == 0 {
		return nil, errors.New("no edition to compare with")
	}
	var rows []Row
	for _, c := range cases {
		for ri, inv := range editions[0].Inventories {
			texts := make([]string, len(inv.Specs))
			for i, s := range inv.Specs {
				texts[i] = s.Text
			}
			sel, err := focus.Selects(c.FocusSkip(), texts)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", c.File, c.Line, err)
			}
			row := Row{Case: c, Release: inv.Release()}
			for _, t := range sel {
				row.Selected = append(row.Selected, inv.Lookup(t))
			}
			for _, res := range editions {
				row.Editions = append(row.Editions, inEdition(c, res, ri, row.Selected))
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func inEdition(c *TestCase, res *mapping.Resolution, ri int, selected []*mapping.Spec) InEdition {
	out := InEdition{Edition: res.Spec.EditionName()}
	used := map[*mapping.Spec]bool{}
	desc := normalize(c.Description)
	for _, rr := range res.Requirements {
		in := rr.Releases[ri]
		if !in.Applies {
			continue
		}
		intended := desc != "" && normalize(rr.Requirement.Source.KEPText) == desc
		if intended {
			out.Intended = append(out.Intended, rr.Requirement.ID)
			for _, sp := range in.Specs {
				if !slices.Contains(selected, sp) && !slices.Contains(out.Missing, sp) {
					out.Missing = append(out.Missing, sp)
				}
			}
		}
		best := mapping.Coverage("")
		for _, sp := range in.Specs {
			used[sp] = true
			if !slices.Contains(selected, sp) {
				continue
			}
			if cov, _ := in.SpecCoverage(sp); cov == mapping.CoverageFull || best == "" {
				best = cov
			}
		}
		if best != "" {
			out.Verifies = append(out.Verifies, Verified{ID: rr.Requirement.ID, Coverage: best})
		}
	}
	for _, sp := range selected {
		if !used[sp] {
			out.Extra = append(out.Extra, sp)
		}
	}
	return out
}

// normalize compares descriptions with KEP texts: case, white space and a
// final period aside.
func normalize(s string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".")
}

// Invocations counts the e2e.test processes the tool starts: one per case
// it does not skip for the provider.
func Invocations(cases []*TestCase, provider string) int {
	n := 0
	for _, c := range cases {
		if !c.SkippedFor(provider) {
			n++
		}
	}
	return n
}
