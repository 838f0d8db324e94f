package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// Minor is a Kubernetes minor version such as 1.35, as a comparable number.
type Minor struct{ Major, Minor int }

// ParseMinor parses "1.35", "v1.35" or "v1.35.2" (the patch is ignored).
func ParseMinor(s string) (Minor, error) {
	t := strings.TrimPrefix(s, "v")
	parts := strings.SplitN(t, ".", 3)
	if len(parts) < 2 {
		return Minor{}, fmt.Errorf("invalid Kubernetes version %q: want 1.N", s)
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || major < 0 || minor < 0 {
		return Minor{}, fmt.Errorf("invalid Kubernetes version %q: want 1.N", s)
	}
	return Minor{major, minor}, nil
}

func (m Minor) String() string { return fmt.Sprintf("%d.%d", m.Major, m.Minor) }

// Compare returns -1, 0 or +1 as m is before, equal to or after o.
func (m Minor) Compare(o Minor) int {
	switch {
	case m.Major != o.Major:
		return cmpInt(m.Major, o.Major)
	default:
		return cmpInt(m.Minor, o.Minor)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// CompareMinor compares two version strings by minor version. Versions that
// do not parse compare as equal.
func CompareMinor(a, b string) int {
	ma, err1 := ParseMinor(a)
	mb, err2 := ParseMinor(b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return ma.Compare(mb)
}

// Constraint is a set of comparisons on minor versions, all of which must
// hold, as in ">=1.34 <1.37". The empty constraint admits every version.
type Constraint struct {
	clauses []clause
	text    string
}

type clause struct {
	op string
	v  Minor
}

// ParseConstraint parses a releases constraint: comparisons separated by
// spaces, each an optional operator (>=, <=, >, <, =) and a minor version.
func ParseConstraint(s string) (Constraint, error) {
	c := Constraint{text: s}
	for _, f := range strings.Fields(s) {
		op := "="
		for _, o := range []string{">=", "<=", ">", "<", "="} {
			if strings.HasPrefix(f, o) {
				op, f = o, strings.TrimPrefix(f, o)
				break
			}
		}
		m, err := ParseMinor(f)
		if err != nil {
			return Constraint{}, fmt.Errorf("invalid releases constraint %q: %w", s, err)
		}
		c.clauses = append(c.clauses, clause{op, m})
	}
	return c, nil
}

// Admits reports whether the minor version m satisfies every comparison.
func (c Constraint) Admits(m Minor) bool {
	for _, cl := range c.clauses {
		d := m.Compare(cl.v)
		ok := false
		switch cl.op {
		case ">=":
			ok = d >= 0
		case "<=":
			ok = d <= 0
		case ">":
			ok = d > 0
		case "<":
			ok = d < 0
		case "=":
			ok = d == 0
		}
		if !ok {
			return false
		}
	}
	return true
}

func (c Constraint) String() string { return c.text }

// AppliesTo reports whether the requirement applies to minor version m:
// m is at or after Since and, when Until is set, at or before Until.
func (r *Requirement) AppliesTo(m Minor) bool {
	if since, err := ParseMinor(r.Since); err == nil && m.Compare(since) < 0 {
		return false
	}
	if r.Until != "" {
		if until, err := ParseMinor(r.Until); err == nil && m.Compare(until) > 0 {
			return false
		}
	}
	return true
}

// AppliesTo reports whether the reference applies to minor version m under
// its own releases constraint. An invalid constraint admits nothing; Load
// rejects such constraints.
func (t *TestRef) AppliesTo(m Minor) bool { return admits(t.Releases, m) }

// AppliesTo reports whether the waiver covers minor version m under its
// releases constraint, as TestRef.AppliesTo does for a reference.
func (w *Waiver) AppliesTo(m Minor) bool { return admits(w.Releases, m) }

// admits reports whether a releases constraint admits m: an empty one
// admits every release, an invalid one none.
func admits(constraint string, m Minor) bool {
	if constraint == "" {
		return true
	}
	c, err := ParseConstraint(constraint)
	if err != nil {
		return false
	}
	return c.Admits(m)
}
