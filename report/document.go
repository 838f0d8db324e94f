package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The versioned conformance report document.
const (
	// APIVersion is the document's apiVersion. A change that removes or
	// renames a field, or changes its meaning, needs a new version.
	APIVersion = "wincspec.sigs.k8s.io/v1alpha1"
	// DocumentKind is the document's kind.
	DocumentKind = "WindowsConformanceReport"
)

// Product describes the product a report is published for, with the
// fields of a CNCF k8s-conformance submission's PRODUCT.yaml, and a
// contact as in the Gateway API's conformance reports.
type Product struct {
	Vendor           string   `json:"vendor,omitempty" yaml:"vendor"`
	Name             string   `json:"name,omitempty" yaml:"name"`
	Version          string   `json:"version,omitempty" yaml:"version"`
	WebsiteURL       string   `json:"websiteURL,omitempty" yaml:"website_url"`
	RepoURL          string   `json:"repoURL,omitempty" yaml:"repo_url"`
	DocumentationURL string   `json:"documentationURL,omitempty" yaml:"documentation_url"`
	ProductLogoURL   string   `json:"productLogoURL,omitempty" yaml:"product_logo_url"`
	Type             string   `json:"type,omitempty" yaml:"type"`
	Description      string   `json:"description,omitempty" yaml:"description"`
	Contact          []string `json:"contact,omitempty" yaml:"contact"`
}

// IsZero reports whether no field is set.
func (p *Product) IsZero() bool {
	return p == nil || (p.Vendor == "" && p.Name == "" && p.Version == "" && p.WebsiteURL == "" && p.RepoURL == "" &&
		p.DocumentationURL == "" && p.ProductLogoURL == "" && p.Type == "" && p.Description == "" && len(p.Contact) == 0)
}

// ReadProduct reads a PRODUCT.yaml file as CNCF k8s-conformance
// submissions have it (vendor, name, version, website_url, repo_url,
// documentation_url, product_logo_url, type, description), with an
// optional contact list. Unknown fields are an error.
func ReadProduct(path string) (*Product, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading product: %w", err)
	}
	var p Product
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && err != io.EOF {
		return nil, fmt.Errorf("reading product %s: %w", path, err)
	}
	return &p, nil
}

// Tool identifies what judged the results: the wincspec version, the
// specification and the inventory.
type Tool struct {
	Version string `json:"version"`
	// Edition is the edition of the specification, when it is not the
	// default one.
	Edition string `json:"edition,omitempty"`
	// SpecSHA256 is the SHA-256 of the loaded specification's JSON form.
	SpecSHA256 string `json:"specSHA256"`
	// Inventory is the release of the e2e inventory the results were
	// judged against, and the SHA-256 of its file.
	Inventory        string `json:"inventory"`
	InventorySHA256  string `json:"inventorySHA256"`
	InventoryDetails string `json:"inventoryMethod,omitempty"`
}

// Document is the publishable form of a report, modelled on the Gateway
// API's ConformanceReport (GEP-1709) and the CNCF conformance
// submission's PRODUCT.yaml: what was tested, on which nodes, with what
// result per profile and requirement, from which inputs (with their
// digests). It leaves out the per-testcase accounting of Report, keeping
// its totals.
type Document struct {
	Header     string   `json:"//,omitempty"`
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Product    *Product `json:"product,omitempty"`
	Kubernetes struct {
		// ServerVersion is the API server's version the results show.
		ServerVersion string `json:"serverVersion,omitempty"`
		// Release is the release whose inventory judged the results.
		Release     string `json:"release"`
		ReleaseNote string `json:"releaseNote,omitempty"`
	} `json:"kubernetes"`
	Wincspec Tool `json:"wincspec"`
	Options  struct {
		Required        []string `json:"required"`
		Strict          bool     `json:"strict"`
		AllowUnverified bool     `json:"allowUnverified"`
		// Kubernetes is the release asked for (--kubernetes), if any.
		Kubernetes string `json:"kubernetes,omitempty"`
	} `json:"options"`
	Result struct {
		OK      bool   `json:"ok"`
		Summary string `json:"summary"`
	} `json:"result"`
	Nodes        []DocumentNode       `json:"nodes"`
	Profiles     []*ProfileResult     `json:"profiles"`
	Requirements []*RequirementResult `json:"requirements"`
	Clusters     []*Cluster           `json:"clusters"`
	Accounting   Accounting           `json:"accounting"`
	Inputs       []Input              `json:"inputs"`
	Warnings     []string             `json:"warnings"`
}

// DocumentNode is one node of the cluster, as the report's evidence
// shows it.
type DocumentNode struct {
	Node
	// Build is the Windows build judged (kernel version, else the
	// node.kubernetes.io/windows-build label); empty on other nodes.
	Build string `json:"build,omitempty"`
	// Source is the results the node was read from.
	Source string `json:"source"`
}

// Document returns the publishable form of the report.
func (rep *Report) Document() *Document {
	d := &Document{APIVersion: APIVersion, Kind: DocumentKind, Wincspec: rep.Tool}
	if !rep.Product.IsZero() {
		d.Product = rep.Product
	}
	d.Kubernetes.ServerVersion = rep.ServerVersion
	d.Kubernetes.Release = rep.Release
	d.Kubernetes.ReleaseNote = rep.ReleaseNote
	d.Options.Required = rep.Required
	d.Options.Strict = rep.Strict
	d.Options.AllowUnverified = rep.AllowUnverified
	d.Options.Kubernetes = rep.Requested
	d.Result.OK = rep.OK
	d.Result.Summary = rep.resultLine()
	d.Nodes = []DocumentNode{}
	for _, cl := range rep.Clusters {
		for _, n := range cl.Nodes {
			dn := DocumentNode{Node: n, Source: cl.Source}
			if n.Windows() {
				dn.Build = n.Build()
			}
			d.Nodes = append(d.Nodes, dn)
		}
	}
	d.Profiles = rep.Profiles
	d.Requirements = rep.Requirements
	d.Clusters = rep.Clusters
	d.Accounting = rep.Accounting
	d.Inputs = rep.Inputs
	d.Warnings = rep.Warnings
	return d
}

// WriteJSON writes the report's Document as indented JSON, with a "//" key
// that holds Header.
func (rep *Report) WriteJSON(w io.Writer) error {
	d := rep.Document()
	d.Header = Header
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// WriteYAML writes the report's Document as YAML, with the keys in the
// JSON form's order and a comment that holds Header.
func (rep *Report) WriteYAML(w io.Writer) error {
	data, err := json.Marshal(rep.Document())
	if err != nil {
		return err
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return err
	}
	blockStyle(&n)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n", Header)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// blockStyle clears the flow style JSON gives every mapping and sequence,
// and the quoting of strings that need none.
func blockStyle(n *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		n.Style = 0
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			n.Style = 0
			if strings.Contains(n.Value, "\n") {
				n.Style = yaml.LiteralStyle
			}
		}
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// DecodeDocument reads a report document in JSON or YAML into a generic
// value with JSON's types, for comparison.
func DecodeDocument(data []byte) (map[string]any, error) {
	var v any
	trimmed := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("decoding report: %w", err)
		}
	} else {
		if err := yaml.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("decoding report: %w", err)
		}
		// Round-trip through JSON so that numbers and maps have JSON's
		// types.
		js, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("decoding report: %w", err)
		}
		v = nil
		if err := json.Unmarshal(js, &v); err != nil {
			return nil, fmt.Errorf("decoding report: %w", err)
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("decoding report: not a %s document", DocumentKind)
	}
	if m["kind"] != DocumentKind {
		return nil, fmt.Errorf("decoding report: kind is %v, want %s", m["kind"], DocumentKind)
	}
	if m["apiVersion"] != APIVersion {
		return nil, fmt.Errorf("decoding report: apiVersion is %v, want %s", m["apiVersion"], APIVersion)
	}
	delete(m, "//")
	return m, nil
}

// Difference is one field in which two report documents differ.
type Difference struct {
	// Path is the field, such as profiles[0].level.
	Path string
	// Got is the value in the document checked, Want the recomputed one;
	// "(absent)" when the field is missing.
	Got, Want string
}

func (d Difference) String() string {
	return fmt.Sprintf("%s: the report says %s, the results give %s", d.Path, d.Got, d.Want)
}

// Verify compares a report document (JSON or YAML) with the document
// recomputed from the inputs, and returns every difference, in document
// order. Inputs read from other paths than the report names are matched
// by position and digest: when input i has the same SHA-256 in both, its
// path in the recomputed document is rewritten to the report's before the
// comparison, so that only content counts.
func Verify(published []byte, recomputed *Report) ([]Difference, error) {
	got, err := DecodeDocument(published)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := recomputed.WriteJSON(&b); err != nil {
		return nil, err
	}
	want, err := DecodeDocument(b.Bytes())
	if err != nil {
		return nil, err
	}
	renames := inputRenames(got, want)
	var out []Difference
	diffValues(&out, "", got, rename(want, renames))
	return out, nil
}

// inputRenames pairs the recomputed inputs' paths with the report's where
// the digests agree, longest path first.
func inputRenames(got, want map[string]any) [][2]string {
	g, _ := got["inputs"].([]any)
	w, _ := want["inputs"].([]any)
	var out [][2]string
	for i := 0; i < len(g) && i < len(w); i++ {
		gi, _ := g[i].(map[string]any)
		wi, _ := w[i].(map[string]any)
		if gi == nil || wi == nil || gi["sha256"] != wi["sha256"] {
			continue
		}
		gp, _ := gi["path"].(string)
		wp, _ := wi["path"].(string)
		if gp != wp && gp != "" && wp != "" {
			out = append(out, [2]string{wp, gp})
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int { return len(b[0]) - len(a[0]) })
	return out
}

// rename replaces the paths in every string of v: a string that is a path,
// or starts with one followed by ":" or "/" or ": ", or holds it after
// "; " or ", ".
func rename(v any, renames [][2]string) any {
	if len(renames) == 0 {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = rename(e, renames)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = rename(e, renames)
		}
		return x
	case string:
		for _, r := range renames {
			x = strings.ReplaceAll(x, r[0], r[1])
		}
		return x
	}
	return v
}

// diffValues appends the differences between got and want under path.
func diffValues(out *[]Difference, path string, got, want any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*out = append(*out, Difference{path, show(got), show(want)})
			return
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			gv, gok := g[k]
			wv, wok := w[k]
			switch {
			case !gok:
				*out = append(*out, Difference{p, "(absent)", show(wv)})
			case !wok:
				*out = append(*out, Difference{p, show(gv), "(absent)"})
			default:
				diffValues(out, p, gv, wv)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			*out = append(*out, Difference{path, show(got), show(want)})
			return
		}
		for i := 0; i < len(g) || i < len(w); i++ {
			p := fmt.Sprintf("%s[%d]", path, i)
			switch {
			case i >= len(g):
				*out = append(*out, Difference{p, "(absent)", show(w[i])})
			case i >= len(w):
				*out = append(*out, Difference{p, show(g[i]), "(absent)"})
			default:
				diffValues(out, p, g[i], w[i])
			}
		}
	default:
		if !equalScalar(got, want) {
			*out = append(*out, Difference{path, show(got), show(want)})
		}
	}
}

func equalScalar(a, b any) bool {
	switch a.(type) {
	case map[string]any, []any:
		return false
	}
	return a == b
}

// show renders a value for a difference, shortened.
func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(data)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}
