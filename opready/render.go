package opready

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Summary is what the comparison counts.
type Summary struct {
	Cases int `json:"cases"`
	// ToolRuns are the e2e.test processes the tool starts; Ours are
	// wincspec's, per edition, for the same releases: one per execution
	// set of each profile.
	ToolRuns int            `json:"toolRuns"`
	Ours     map[string]int `json:"wincspecRuns"`
	Provider string         `json:"provider"`
}

func verified(v []Verified) string {
	if len(v) == 0 {
		return "none"
	}
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = x.ID + " " + string(x.Coverage)
	}
	return strings.Join(parts, ", ")
}

func quoteAll(ss []string) string {
	if len(ss) == 0 || (len(ss) == 1 && ss[0] == "") {
		return "none"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " | ")
}

// WriteText writes one block per case: its focus and skip, then per
// release the specs it runs and, per edition, the requirements they verify,
// the specs no requirement needs and those the intended requirements miss.
func WriteText(w io.Writer, rows []Row, sum Summary) error {
	var b strings.Builder
	var last *TestCase
	for _, r := range rows {
		c := r.Case
		if c != last {
			last = c
			fmt.Fprintf(&b, "\n%s #%d: %s (%s:%d)\n", c.Category, c.Index+1, c.Description, c.File, c.Line)
			fmt.Fprintf(&b, "  focus %s; skip %s\n", quoteAll(c.Focus), quoteAll(c.Skip))
			if len(c.SkipProviders) > 0 {
				fmt.Fprintf(&b, "  skipped for providers %s\n", strings.Join(c.SkipProviders, ", "))
			}
		}
		fmt.Fprintf(&b, "  %-9s %s\n", r.Release, compiler.SpecCount(len(r.Selected)))
		for _, sp := range r.Selected {
			fmt.Fprintf(&b, "    runs %s\n", sp.Text)
		}
		for _, e := range r.Editions {
			fmt.Fprintf(&b, "    %s: verifies %s", e.Edition, verified(e.Verifies))
			if len(e.Intended) > 0 {
				fmt.Fprintf(&b, "; its description is %s", strings.Join(e.Intended, ", "))
			}
			b.WriteString("\n")
			for _, sp := range e.Extra {
				fmt.Fprintf(&b, "      needed by no requirement: %s\n", sp.Text)
			}
			for _, sp := range e.Missing {
				fmt.Fprintf(&b, "      not run, though %s needs it: %s\n", strings.Join(e.Intended, ", "), sp.Text)
			}
		}
	}
	fmt.Fprintf(&b, "\n%d test cases; the tool starts %d e2e.test processes (provider %s)", sum.Cases, sum.ToolRuns, sum.Provider)
	for _, ed := range sortedKeys(sum.Ours) {
		fmt.Fprintf(&b, "; wincspec %s %d", ed, sum.Ours[ed])
	}
	b.WriteString(" in the newest release\n")
	_, err := io.WriteString(w, strings.TrimPrefix(b.String(), "\n"))
	return err
}

// sortedKeys returns the editions of m, the default one first, then by
// name.
func sortedKeys(m map[string]int) []string {
	out := slices.Sorted(maps.Keys(m))
	if i := slices.Index(out, spec.DefaultEdition); i > 0 {
		out = slices.Concat([]string{spec.DefaultEdition}, out[:i], out[i+1:])
	}
	return out
}

// WriteMarkdown writes one table row per case: the specs it runs in each
// release, and in the newest release the requirements of each edition they
// verify and what is extra or missing.
func WriteMarkdown(w io.Writer, rows []Row, sum Summary) error {
	var b strings.Builder
	byCase := map[*TestCase][]Row{}
	var order []*TestCase
	for _, r := range rows {
		if _, ok := byCase[r.Case]; !ok {
			order = append(order, r.Case)
		}
		byCase[r.Case] = append(byCase[r.Case], r)
	}
	if len(order) == 0 {
		return nil
	}
	first := byCase[order[0]]
	var releases []string
	for _, r := range first {
		releases = append(releases, r.Release)
	}
	newest := releases[len(releases)-1]
	var eds []string
	for _, e := range first[0].Editions {
		eds = append(eds, e.Edition)
	}
	fmt.Fprintf(&b, "| case | description | focus (skip) | specs run in %s | in %s: requirements verified (%s) | specs no requirement needs | specs the named requirement needs but the case does not run |\n",
		strings.Join(releases, ", "), newest, strings.Join(eds, "; "))
	b.WriteString("|---|---|---|---|---|---|---|\n")
	cell := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") }
	for _, c := range order {
		rs := byCase[c]
		var counts []string
		for _, r := range rs {
			counts = append(counts, fmt.Sprint(len(r.Selected)))
		}
		r := rs[len(rs)-1]
		var req, extra, missing []string
		for _, e := range r.Editions {
			s := verified(e.Verifies)
			if len(e.Intended) > 0 {
				s += " (description: " + strings.Join(e.Intended, ", ") + ")"
			}
			req = append(req, s)
			if len(e.Extra) > 0 {
				extra = append(extra, e.Edition+": "+specList(e.Extra))
			}
			if len(e.Missing) > 0 {
				missing = append(missing, e.Edition+": "+specList(e.Missing))
			}
		}
		fs := "`" + cell(strings.Join(c.Focus, "|")) + "`"
		if sk := strings.Join(c.Skip, "|"); sk != "" {
			fs += " (`" + cell(sk) + "`)"
		}
		fmt.Fprintf(&b, "| %s #%d | %s | %s | %s | %s | %s | %s |\n", c.Category, c.Index+1, cell(c.Description), fs,
			strings.Join(counts, " / "), cell(strings.Join(req, "; ")), cell(orNone(strings.Join(extra, "; "))), cell(orNone(strings.Join(missing, "; "))))
	}
	fmt.Fprintf(&b, "\n%d test cases. The tool starts %d e2e.test processes (provider %s)", sum.Cases, sum.ToolRuns, sum.Provider)
	for _, ed := range sortedKeys(sum.Ours) {
		fmt.Fprintf(&b, "; wincspec's plans of edition %s start %d", ed, sum.Ours[ed])
	}
	b.WriteString(" in the newest release.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func specList(specs []*mapping.Spec) string {
	t := make([]string, len(specs))
	for i, s := range specs {
		t[i] = s.Text
	}
	return strings.Join(t, "; ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// MarshalJSON renders the comparison.
func MarshalJSON(rows []Row, sum Summary) ([]byte, error) {
	type ed struct {
		Edition  string     `json:"edition"`
		Intended []string   `json:"intended"`
		Verifies []Verified `json:"verifies"`
		Extra    []string   `json:"extra"`
		Missing  []string   `json:"missing"`
	}
	type row struct {
		Category    string   `json:"category"`
		Index       int      `json:"index"`
		Description string   `json:"description"`
		File        string   `json:"file"`
		Line        int      `json:"line"`
		Focus       string   `json:"focus"`
		Skip        string   `json:"skip"`
		Release     string   `json:"release"`
		Selected    []string `json:"selected"`
		Editions    []ed     `json:"editions"`
	}
	texts := func(specs []*mapping.Spec) []string {
		out := []string{}
		for _, s := range specs {
			out = append(out, s.Text)
		}
		return out
	}
	doc := struct {
		Summary Summary `json:"summary"`
		Rows    []row   `json:"rows"`
	}{Summary: sum, Rows: []row{}}
	for _, r := range rows {
		fs := r.Case.FocusSkip()
		out := row{Category: r.Case.Category, Index: r.Case.Index, Description: r.Case.Description, File: r.Case.File, Line: r.Case.Line,
			Focus: fs.Focus, Skip: fs.Skip, Release: r.Release, Selected: texts(r.Selected)}
		for _, e := range r.Editions {
			v := e.Verifies
			if v == nil {
				v = []Verified{}
			}
			in := e.Intended
			if in == nil {
				in = []string{}
			}
			out.Editions = append(out.Editions, ed{e.Edition, in, v, texts(e.Extra), texts(e.Missing)})
		}
		doc.Rows = append(doc.Rows, out)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	return append(data, '\n'), err
}
