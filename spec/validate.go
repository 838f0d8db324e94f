package spec

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/onsi/ginkgo/v2/types"
)

// Validate runs the checks a schema cannot express: profiles that are
// defined, release ranges in order, regular expressions RE2 compiles, label
// filters Ginkgo parses, waivers that name known requirements, and in other
// editions, links to requirements of the default edition that exist, with
// nothing of their own that the link would hide. The errors are sorted by
// position.
func (s *Spec) Validate() Errors {
	errs := s.validate("")
	for _, e := range s.Editions {
		base := fmt.Sprintf("editions.%q.", e.ID)
		for _, r := range e.Requirements {
			field := base + "requirements." + strconv.Quote(r.ID)
			if r.SameAs != "" {
				if s.Requirement(r.SameAs) == nil {
					errs = append(errs, errorf(r.Pos, field+".sameAs", "unknown requirement %q: no such requirement in the %s edition", r.SameAs, DefaultEdition))
				}
				for name, set := range map[string]bool{"title": r.Title != "", "statement": r.Statement != "", "since": r.Since != "",
					"until": r.Until != "", "tests": r.Tests != nil, "gap": r.Gap != nil} {
					if set {
						errs = append(errs, errorf(r.Pos, field+"."+name, "a requirement linked with sameAs takes its %s from %s: remove it here, or drop sameAs", name, r.SameAs))
					}
				}
				continue
			}
			for name, missing := range map[string]bool{"title": r.Title == "", "statement": r.Statement == "", "since": r.Since == "", "tests": r.Tests == nil} {
				if missing {
					errs = append(errs, errorf(r.Pos, field+"."+name, "a requirement without sameAs needs its own %s", name))
				}
			}
		}
		view, err := s.inEdition(e.ID, true) // broken links are reported above
		if err != nil {
			continue
		}
		errs = append(errs, view.validate(base)...)
	}
	return errs.Sorted()
}

// validate checks one edition's records; prefix is the CUE path of the
// edition, empty for the default one.
func (s *Spec) validate(prefix string) Errors {
	var errs Errors
	defined := map[string]bool{}
	for _, p := range s.Profiles {
		defined[p.ID] = true
	}
	for _, r := range s.Requirements {
		base := prefix + "requirements." + strconv.Quote(r.ID)
		if r.SameAs != "" {
			// The default edition checked what it links to.
			if !defined[r.Profile] {
				errs = append(errs, errorf(r.Pos, base+".profile", "unknown profile %q: no such entry in profiles", r.Profile))
			}
			continue
		}
		if !defined[r.Profile] {
			errs = append(errs, errorf(r.Pos, base+".profile", "unknown profile %q: no such entry in profiles", r.Profile))
		}
		if r.Until != "" && CompareMinor(r.Until, r.Since) < 0 {
			errs = append(errs, errorf(r.Pos, base+".until", "until %q is before since %q", r.Until, r.Since))
		}
		for i, t := range r.Tests {
			field := fmt.Sprintf("%s.tests[%d]", base, i)
			switch {
			case t.Match != "":
				if _, err := regexp.Compile(t.Match); err != nil {
					errs = append(errs, errorf(t.Pos, field+".match", "invalid RE2 pattern %q: %v", t.Match, trimRegexpErr(err)))
				}
			case t.Labels != "":
				if _, err := types.ParseLabelFilter(t.Labels); err != nil {
					errs = append(errs, errorf(t.Pos, field+".labels", "invalid Ginkgo label filter %q: %s", t.Labels, ginkgoMessage(err)))
				}
			}
		}
	}
	for _, r := range s.Rules {
		if !defined[r.Profile] {
			errs = append(errs, errorf(r.Pos, prefix+"rules."+strconv.Quote(r.ID)+".profile", "unknown profile %q: no such entry in profiles", r.Profile))
		}
	}
	for _, w := range s.Waivers {
		for i, id := range w.Requirements {
			if s.Requirement(id) == nil && s.Rule(id) == nil {
				errs = append(errs, errorf(w.Pos, fmt.Sprintf("%swaivers.%q.requirements[%d]", prefix, w.ID, i), "unknown requirement or rule %q", id))
			}
		}
		if w.Releases != "" {
			if _, err := ParseConstraint(w.Releases); err != nil {
				errs = append(errs, errorf(w.Pos, fmt.Sprintf("%swaivers.%q.releases", prefix, w.ID), "%v", err))
			}
		}
	}
	return errs
}

// ginkgoMessage returns the plain reason from a Ginkgo error, without its
// heading, colour markup or documentation link.
func ginkgoMessage(err error) string {
	var ge types.GinkgoError
	if !errors.As(err, &ge) {
		return err.Error()
	}
	msg := markup().ReplaceAllString(ge.Message, "")
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// markup matches Ginkgo's colour markup; it is compiled on first use.
var markup = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{[^}]*\}\}`) })

func trimRegexpErr(err error) string {
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}
