package compiler

import (
	"fmt"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// waives reports whether waiver w acknowledges finding f: same code, one of
// its requirements, its test (when the waiver lists tests), images it
// lists (for image findings), and releases it admits.
func waives(w *spec.Waiver, f *Finding) bool {
	if f.Code != w.Finding || !slices.Contains(w.Requirements, f.Requirement) {
		return false
	}
	if len(w.Tests) > 0 && !slices.Contains(w.Tests, f.Spec) {
		return false
	}
	if f.Code == CodeImage && len(w.Images) > 0 {
		for _, im := range f.Images {
			if !slices.Contains(w.Images, im) {
				return false
			}
		}
	}
	for _, r := range f.Releases {
		m, err := spec.ParseMinor(r)
		if err != nil || !w.AppliesTo(m) {
			return false
		}
	}
	return true
}

// applyWaivers marks the findings the specification's waivers acknowledge
// (Finding.Waiver), and adds an error for every waiver that has expired
// by today (YYYY-MM-DD; none checked when empty) or matches no finding.
func applyWaivers(res *mapping.Resolution, findings []Finding, today string) []Finding {
	used := map[string]int{}
	for i := range findings {
		f := &findings[i]
		for _, w := range res.Spec.Waivers {
			if waives(w, f) {
				f.Waiver = w.ID
				used[w.ID]++
				break
			}
		}
	}
	for _, w := range res.Spec.Waivers {
		base := Finding{Code: CodeWaiver, Severity: Error, Requirement: strings.Join(w.Requirements, " "), Pos: w.Pos}
		switch {
		case today != "" && w.Expires < today:
			base.Message = fmt.Sprintf("waiver %s expired on %s: review its %d finding(s) (%s) and renew or remove it", w.ID, w.Expires, used[w.ID], w.Tracking)
			findings = append(findings, base)
		case used[w.ID] == 0:
			base.Message = fmt.Sprintf("waiver %s matches no %s finding: remove it", w.ID, w.Finding)
			findings = append(findings, base)
		}
	}
	return findings
}

// WaiverCount is how many findings one waiver acknowledges.
type WaiverCount struct {
	Waiver   string `json:"waiver"`
	Finding  string `json:"finding"`
	Findings int    `json:"findings"`
	Expires  string `json:"expires"`
}
