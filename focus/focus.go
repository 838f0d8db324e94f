package focus

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// SuiteDescription is the description the Kubernetes e2e suite passes to
// Ginkgo's RunSpecs. Ginkgo matches --focus and --skip against this
// description, a space and the spec's full text.
const SuiteDescription = "Kubernetes e2e suite"

// FocusSkip is a pair of Ginkgo --focus and --skip expressions. Ginkgo runs
// a spec when Focus matches "<suite description> <full text>" and Skip (when
// not empty) does not.
type FocusSkip struct {
	Focus string `json:"focus"`
	Skip  string `json:"skip"`
}

// runs reports whether Ginkgo runs the spec with this full text, after the
// Kubernetes suite description, following Ginkgo's internal/focus.go. An
// empty focus selects every spec.
func (c *compiledFocusSkip) runs(text string) bool {
	s := SuiteDescription + " " + text
	if c.focus != nil && !c.focus.MatchString(s) {
		return false
	}
	return c.skip == nil || !c.skip.MatchString(s)
}

type compiledFocusSkip struct{ focus, skip *regexp.Regexp }

// compile compiles both expressions with Go's RE2, as Ginkgo does.
func (fs FocusSkip) compile() (*compiledFocusSkip, error) {
	var c compiledFocusSkip
	var err error
	if fs.Focus != "" {
		if c.focus, err = regexp.Compile(fs.Focus); err != nil {
			return nil, fmt.Errorf("focus: %w", err)
		}
	}
	if fs.Skip != "" {
		if c.skip, err = regexp.Compile(fs.Skip); err != nil {
			return nil, fmt.Errorf("skip: %w", err)
		}
	}
	return &c, nil
}

// NotExactError lists the specs an expression pair gets wrong.
type NotExactError struct {
	// Extra are specs that would run and are not wanted; Missing are
	// wanted specs that would not run.
	Extra, Missing []string
}

func (e *NotExactError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "focus and skip are not exact: %d unwanted specs run, %d wanted specs do not", len(e.Extra), len(e.Missing))
	for _, s := range e.Extra {
		fmt.Fprintf(&b, "\n  runs but not wanted: %s", s)
	}
	for _, s := range e.Missing {
		fmt.Fprintf(&b, "\n  wanted but skipped:  %s", s)
	}
	return b.String()
}

// Exact reports, with a *NotExactError, whether fs selects exactly the
// specs want out of all, the full texts of a release's inventory.
func Exact(fs FocusSkip, all, want []string) error {
	c, err := fs.compile()
	if err != nil {
		return err
	}
	wanted := make(map[string]bool, len(want))
	for _, w := range want {
		wanted[w] = true
	}
	e := &NotExactError{}
	inAll := make(map[string]bool, len(all))
	for _, text := range all {
		inAll[text] = true
		switch runs := c.runs(text); {
		case runs && !wanted[text]:
			e.Extra = append(e.Extra, text)
		case !runs && wanted[text]:
			e.Missing = append(e.Missing, text)
		}
	}
	for _, w := range want {
		if !inAll[w] {
			return fmt.Errorf("wanted spec %q is not in the inventory", w)
		}
	}
	if len(e.Extra)+len(e.Missing) > 0 {
		slices.Sort(e.Extra)
		slices.Sort(e.Missing)
		return e
	}
	return nil
}

// Synthesize returns a focus and skip that select exactly want out of all
// (the full spec texts of a release's inventory) when Ginkgo matches them
// after the Kubernetes suite description.
//
// The focus follows the wanted names through a trie of every name in the
// inventory, and stops as soon as a prefix is shared by wanted names only,
// carrying on to the end of the word it is in so that it stays readable. A
// wanted name that other names extend ends with $. Alternatives share their
// common prefixes and suffixes, quoted with regexp.QuoteMeta, and none is
// empty. Ginkgo's match is unanchored; when such prefixes also occur inside
// other names, the focus starts with the suite description, which anchors
// it at the start of the spec text without relying on ^. The skip is empty
// unless some name contains the suite description followed by a wanted
// prefix, in which case it lists those names, anchored. The result is
// verified against all before it is returned: it is exact for that
// inventory, and may select more in another release.
func Synthesize(all, want []string) (FocusSkip, error) {
	if len(want) == 0 {
		return FocusSkip{}, errors.New("no specs to select: an empty focus would run the whole suite")
	}
	names := slices.Clone(want)
	slices.Sort(names)
	names = slices.Compact(names)
	for _, n := range names {
		if !slices.Contains(all, n) {
			return FocusSkip{}, fmt.Errorf("wanted spec %q is not in the inventory", n)
		}
	}
	focus := selector(all, names)
	fs := FocusSkip{Focus: focus}
	err := Exact(fs, all, names)
	var ne *NotExactError
	if errors.As(err, &ne) && len(ne.Missing) == 0 {
		// Unwanted specs whose text contains the suite description and a
		// wanted prefix: skip exactly them.
		fs.Skip = selector(all, ne.Extra)
		err = Exact(fs, all, names)
	}
	if err != nil {
		return FocusSkip{}, err
	}
	return fs, nil
}

// selector returns an expression that matches the names want, and as few
// others of all as it can: exactly want, unless some name contains the
// suite description and a wanted prefix.
func selector(all, want []string) string {
	t := newNameTrie(all, want)
	body := t.regexp(0, len(t.names), 0).String()
	if Exact(FocusSkip{Focus: body}, all, want) == nil {
		return body
	}
	return regexp.QuoteMeta(SuiteDescription+" ") + body
}

// nameTrie is the rune trie of a sorted list of names, walked without
// being built: the names below a node are a range of the list, so a node
// is (lo, hi, depth), where names[lo:hi] share their first depth bytes.
type nameTrie struct {
	names []string
	// wantedBefore[i] is the number of wanted names among names[:i].
	wantedBefore []int
	wanted       map[string]bool
}

func newNameTrie(all, want []string) *nameTrie {
	t := &nameTrie{names: slices.Clone(all), wanted: make(map[string]bool, len(want))}
	for _, w := range want {
		t.wanted[w] = true
	}
	slices.Sort(t.names)
	t.names = slices.Compact(t.names)
	t.wantedBefore = make([]int, len(t.names)+1)
	for i, n := range t.names {
		t.wantedBefore[i+1] = t.wantedBefore[i]
		if t.wanted[n] {
			t.wantedBefore[i+1]++
		}
	}
	return t
}

// counts returns the numbers of wanted and unwanted names in [lo, hi).
func (t *nameTrie) counts(lo, hi int) (wanted, unwanted int) {
	w := t.wantedBefore[hi] - t.wantedBefore[lo]
	return w, hi - lo - w
}

// endsAt reports whether a name ends at the node; it sorts first.
func (t *nameTrie) endsAt(lo, hi, depth int) bool { return lo < hi && len(t.names[lo]) == depth }

// child is the range of names continuing a node with rune r.
type child struct {
	r      rune
	lo, hi int
	size   int
}

// children lists a node's children in rune order.
func (t *nameTrie) children(lo, hi, depth int) []child {
	var out []child
	i := lo
	if t.endsAt(lo, hi, depth) {
		i++
	}
	for i < hi {
		r, size := utf8.DecodeRuneInString(t.names[i][depth:])
		key := t.names[i][depth : depth+size]
		j := i + sort.Search(hi-i, func(k int) bool {
			n := t.names[i+k]
			return n[depth:min(len(n), depth+size)] > key
		})
		out = append(out, child{r, i, j, size})
		i = j
	}
	return out
}

// regexp builds a sequence matching the wanted names below a node, and no
// unwanted one: it follows wanted names while unwanted ones share their
// prefix, and stops at the end of the word where they stop sharing it.
func (t *nameTrie) regexp(lo, hi, depth int) seq {
	var out seq
	for {
		wanted, unwanted := t.counts(lo, hi)
		if unwanted == 0 {
			return append(out, t.wordRest(lo, hi, depth)...)
		}
		if wanted == 0 {
			return out
		}
		endWanted := t.endsAt(lo, hi, depth) && t.wanted[t.names[lo]]
		kids := t.wantedChildren(lo, hi, depth)
		if len(kids) == 1 && !endWanted {
			c := kids[0]
			out = append(out, atom{lit: regexp.QuoteMeta(string(c.r))})
			lo, hi, depth = c.lo, c.hi, depth+c.size
			continue
		}
		var alts []seq
		if endWanted {
			alts = append(alts, seq{{lit: "$"}})
		}
		for _, c := range kids {
			alts = append(alts, append(seq{{lit: regexp.QuoteMeta(string(c.r))}}, t.regexp(c.lo, c.hi, depth+c.size)...))
		}
		if len(alts) == 1 {
			return append(out, alts[0]...)
		}
		// Factor out the longest common suffix that leaves every
		// alternative non-empty.
		n := commonSuffix(alts)
		tail := slices.Clone(alts[0][len(alts[0])-n:])
		for i := range alts {
			alts[i] = alts[i][:len(alts[i])-n]
		}
		return append(append(out, atom{alts: alts}), tail...)
	}
}

// wantedChildren returns the children leading to wanted names.
func (t *nameTrie) wantedChildren(lo, hi, depth int) []child {
	kids := t.children(lo, hi, depth)
	return slices.DeleteFunc(kids, func(c child) bool {
		w, _ := t.counts(c.lo, c.hi)
		return w == 0
	})
}

// wordRest continues a prefix that only wanted names share to the end of
// its word, while there is a single way to go.
func (t *nameTrie) wordRest(lo, hi, depth int) seq {
	var out seq
	for !t.endsAt(lo, hi, depth) {
		kids := t.children(lo, hi, depth)
		if len(kids) != 1 || kids[0].r == ' ' {
			break
		}
		out = append(out, atom{lit: regexp.QuoteMeta(string(kids[0].r))})
		depth += kids[0].size
	}
	return out
}

// A seq is a regular expression as a sequence of atoms: a quoted rune, the
// end anchor, or a group of alternatives. Atoms are never split, so common
// suffixes can be factored out safely.
type seq []atom

type atom struct {
	lit  string // quoted literal, or "$"
	alts []seq  // a non-capturing group when lit is ""
}

func (a atom) String() string {
	if a.alts == nil {
		return a.lit
	}
	parts := make([]string, len(a.alts))
	for i, s := range a.alts {
		parts[i] = s.String()
	}
	return "(?:" + strings.Join(parts, "|") + ")"
}

func (s seq) String() string {
	var b strings.Builder
	for _, a := range s {
		b.WriteString(a.String())
	}
	return b.String()
}

func commonSuffix(alts []seq) int {
	n := 0
	for {
		var a0 string
		for i, s := range alts {
			if len(s) <= n+1 { // keep at least one atom in every alternative
				return n
			}
			a := s[len(s)-1-n].String()
			if i == 0 {
				a0 = a
			} else if a != a0 {
				return n
			}
		}
		n++
	}
}

// Naive returns the plain alternation of quoted names that Synthesize
// improves on, for comparison.
func Naive(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = regexp.QuoteMeta(n)
	}
	return strings.Join(q, "|")
}

// Selects returns the texts of all that Ginkgo runs with fs, in their
// order: those whose "<suite description> <text>" Focus matches (every one
// when Focus is empty) and Skip, when not empty, does not.
func Selects(fs FocusSkip, all []string) ([]string, error) {
	c, err := fs.compile()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range all {
		if c.runs(t) {
			out = append(out, t)
		}
	}
	return out, nil
}
