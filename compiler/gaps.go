package compiler

import (
	"sigs.k8s.io/wincspec/mapping"
)

// Gap is a requirement that is not fully covered in some release it
// applies to.
type Gap struct {
	Requirement string `json:"requirement"`
	Profile     string `json:"profile"`
	Title       string `json:"title"`
	// Coverage is the coverage level in each release, in release order.
	Coverage []ReleaseCoverage `json:"coverage"`
	// Reason is the specification's gap reason, if it gives one.
	Reason   string `json:"reason,omitempty"`
	Tracking string `json:"tracking,omitempty"`
}

// ReleaseCoverage is a coverage level in one release.
type ReleaseCoverage struct {
	Release  string           `json:"release"`
	Coverage mapping.Coverage `json:"coverage"`
}

// Gaps lists, in specification order, every requirement whose coverage is
// not full in at least one release it applies to.
func Gaps(res *mapping.Resolution) []Gap {
	var out []Gap
	for _, rr := range res.Requirements {
		r := rr.Requirement
		g := Gap{Requirement: r.ID, Profile: r.Profile, Title: r.Title}
		weak := false
		for _, in := range rr.Releases {
			g.Coverage = append(g.Coverage, ReleaseCoverage{in.Inventory.Release(), in.Coverage})
			if in.Coverage != mapping.CoverageFull && in.Coverage != mapping.CoverageNA {
				weak = true
			}
		}
		if !weak {
			continue
		}
		if r.Gap != nil {
			g.Reason, g.Tracking = r.Gap.Reason, r.Gap.Tracking
		}
		out = append(out, g)
	}
	return out
}
