package compiler

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"sigs.k8s.io/wincspec/mapping"
)

// NotExpressibleError says why no label filter selects a set exactly.
type NotExpressibleError struct {
	Reason string
}

func (e *NotExpressibleError) Error() string { return "not expressible as a label filter: " + e.Reason }

// LabelFilter returns a Ginkgo label filter that selects exactly the specs
// want (full texts) of inv, or a *NotExpressibleError saying why labels
// alone cannot. The filter is an OR of one conjunction per distinct label
// set among the wanted specs: its labels, and the negation of labels that
// tell apart the unwanted specs carrying all of them. The result is
// verified with Ginkgo's own label-filter parser against every spec.
func LabelFilter(inv *mapping.Inventory, want []string) (string, error) {
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w] = true
	}
	type labelSet = map[string]bool
	set := func(s *mapping.Spec) labelSet {
		m := labelSet{}
		for _, l := range s.Labels {
			m[strings.ToLower(l)] = true
		}
		return m
	}
	superset := func(a, b labelSet) bool { // a ⊇ b
		for l := range b {
			if !a[l] {
				return false
			}
		}
		return true
	}
	var others []*mapping.Spec
	var targets []*mapping.Spec
	for _, s := range inv.Specs {
		if wanted[s.Text] {
			targets = append(targets, s)
		} else {
			others = append(others, s)
		}
	}
	if len(targets) != len(wanted) {
		return "", &NotExpressibleError{"some wanted specs are not in the inventory"}
	}
	var terms []string
	for _, s := range targets {
		ls := set(s)
		// Unwanted specs that carry every label of s must each be excluded
		// by a label they have and s does not.
		var conflicts []labelSet
		for _, u := range others {
			lu := set(u)
			if !superset(lu, ls) {
				continue
			}
			if len(lu) == len(ls) {
				return "", &NotExpressibleError{fmt.Sprintf("the wanted spec %q and the unwanted spec %q have the same labels (%s)", s.Text, u.Text, labelList(s.Labels))}
			}
			conflicts = append(conflicts, lu)
		}
		var negated []string
		for len(conflicts) > 0 {
			// Greedy hitting set: the label that excludes the most.
			count := map[string]int{}
			for _, lu := range conflicts {
				for l := range lu {
					if !ls[l] {
						count[l]++
					}
				}
			}
			best := ""
			for l, n := range count {
				if best == "" || n > count[best] || n == count[best] && l < best {
					best = l
				}
			}
			negated = append(negated, best)
			conflicts = slices.DeleteFunc(conflicts, func(lu labelSet) bool { return lu[best] })
		}
		var parts []string
		labels := slices.Clone(s.Labels)
		slices.Sort(labels)
		for _, l := range labels {
			t, err := labelTerm(l)
			if err != nil {
				return "", err
			}
			parts = append(parts, t)
		}
		slices.Sort(negated)
		for _, l := range negated {
			t, err := labelTerm(originalCase(others, l))
			if err != nil {
				return "", err
			}
			parts = append(parts, "!"+t)
		}
		if len(parts) == 0 {
			return "", &NotExpressibleError{fmt.Sprintf("the wanted spec %q has no labels", s.Text)}
		}
		term := strings.Join(parts, " && ")
		if len(parts) > 1 && len(targets) > 1 {
			term = "(" + term + ")"
		}
		if !slices.Contains(terms, term) {
			terms = append(terms, term)
		}
	}
	slices.Sort(terms)
	filter := strings.Join(terms, " || ")
	match, err := types.ParseLabelFilter(filter)
	if err != nil {
		return "", fmt.Errorf("synthesized label filter %q does not parse: %s", filter, err)
	}
	for _, s := range inv.Specs {
		if match(s.Labels) != wanted[s.Text] {
			return "", fmt.Errorf("synthesized label filter %q is not exact: it gets %q wrong", filter, s.Text)
		}
	}
	return filter, nil
}

// labelTerm writes a label as a label-filter term: bare when Ginkgo's
// tokenizer reads it back as one plain label, else as an anchored regular
// expression (which Ginkgo matches case-sensitively).
func labelTerm(l string) (string, error) {
	if !strings.ContainsAny(l, "&|!,()/") && !strings.Contains(l, ": ") && !strings.HasPrefix(l, ":") && strings.TrimSpace(l) == l {
		return l, nil
	}
	if strings.Contains(l, "/") {
		return "", &NotExpressibleError{fmt.Sprintf("label %q contains '/', which no label-filter term can match", l)}
	}
	return "/^" + regexp.QuoteMeta(l) + "$/", nil
}

// originalCase returns a label as some spec spells it.
func originalCase(specs []*mapping.Spec, lower string) string {
	for _, s := range specs {
		for _, l := range s.Labels {
			if strings.ToLower(l) == lower {
				return l
			}
		}
	}
	return lower
}

func labelList(ls []string) string {
	if len(ls) == 0 {
		return "none"
	}
	return strings.Join(ls, ", ")
}
