package compiler

import (
	"fmt"
	"io"
	"strings"

	"sigs.k8s.io/wincspec/spec"
)

// CheckReport is what "wincspec check" prints.
type CheckReport struct {
	Releases []string  `json:"releases"`
	Findings []Finding `json:"findings"`
	Gaps     []Gap     `json:"gaps"`
	Summary  Summary   `json:"summary"`
	// Waivers count the findings each waiver acknowledges.
	Waivers []WaiverCount `json:"waivers"`
}

// Summary counts findings by severity.
type Summary struct {
	Requirements int `json:"requirements"`
	Errors       int `json:"errors"`
	Warnings     int `json:"warnings"`
	Infos        int `json:"infos"`
	Waived       int `json:"waived"`
}

// NewCheckReport assembles a report from findings and gaps, with the number
// of findings each of the spec's waivers acknowledged.
func NewCheckReport(releases []string, requirements int, fs []Finding, gaps []Gap, waivers []*spec.Waiver) *CheckReport {
	e, w, i := Count(fs)
	if fs == nil {
		fs = []Finding{}
	}
	if gaps == nil {
		gaps = []Gap{}
	}
	if releases == nil {
		releases = []string{}
	}
	counts := make([]WaiverCount, len(waivers))
	index := map[string]int{}
	for i, wv := range waivers {
		counts[i] = WaiverCount{Waiver: wv.ID, Finding: wv.Finding, Expires: wv.Expires}
		index[wv.ID] = i
	}
	waived := 0
	for _, f := range fs {
		if f.Waiver != "" {
			waived++
			if i, ok := index[f.Waiver]; ok {
				counts[i].Findings++
			}
		}
	}
	return &CheckReport{Releases: releases, Findings: fs, Gaps: gaps, Summary: Summary{requirements, e, w, i, waived}, Waivers: counts}
}

// WriteText prints findings as "file:line:col: severity: code: ID: message"
// lines, those below minimum left out, then the gap report and a summary.
func (r *CheckReport) WriteText(w io.Writer, minimum Severity) error {
	for _, f := range r.Findings {
		if f.Severity < minimum || f.Waiver != "" {
			continue
		}
		fmt.Fprintf(w, "%s: %s: %s: %s: %s\n", f.Pos, f.Severity, f.Code, f.Requirement, f.Message)
	}
	if r.Summary.Waived > 0 {
		fmt.Fprintf(w, "\nWaived: %d findings acknowledged by %d waivers:", r.Summary.Waived, len(r.Waivers))
		for _, wc := range r.Waivers {
			fmt.Fprintf(w, " %s %d (%s, until %s);", wc.Waiver, wc.Findings, wc.Finding, wc.Expires)
		}
		fmt.Fprintln(w)
	}
	if len(r.Gaps) > 0 {
		fmt.Fprintf(w, "\nGap report: %d of %d requirements are not fully covered\n", len(r.Gaps), r.Summary.Requirements)
		for _, g := range r.Gaps {
			fmt.Fprintf(w, "  %-13s %s\n", g.Requirement, coverageLine(g.Coverage))
			if g.Reason != "" {
				fmt.Fprintf(w, "  %-13s reason: %s\n", "", g.Reason)
			}
		}
	}
	_, err := fmt.Fprintf(w, "\n%d errors, %d warnings, %d info (%d waived) in %d requirements against %s\n",
		r.Summary.Errors, r.Summary.Warnings, r.Summary.Infos, r.Summary.Waived, r.Summary.Requirements, strings.Join(r.Releases, ", "))
	return err
}

// coverageLine summarises coverage by release, grouping equal levels.
func coverageLine(cs []ReleaseCoverage) string {
	var parts []string
	for i := 0; i < len(cs); {
		j := i
		for j < len(cs) && cs[j].Coverage == cs[i].Coverage {
			j++
		}
		var rels []string
		for _, c := range cs[i:j] {
			rels = append(rels, c.Release)
		}
		parts = append(parts, string(cs[i].Coverage)+" in "+strings.Join(rels, " "))
		i = j
	}
	return strings.Join(parts, "; ")
}

// WriteJSON prints the whole report as indented JSON.
func (r *CheckReport) WriteJSON(w io.Writer) error {
	type finding struct {
		Finding
		File   string `json:"file"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
	}
	out := struct {
		*CheckReport
		Findings []finding `json:"findings"`
	}{CheckReport: r, Findings: []finding{}}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, finding{f, f.Pos.File, f.Pos.Line, f.Pos.Column})
	}
	data, err := JSON(out)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// WriteGitHub prints findings as GitHub Actions workflow commands, which
// annotate the pull request at each position: errors as ::error, warnings
// as ::warning and info as ::notice.
func (r *CheckReport) WriteGitHub(w io.Writer, minimum Severity) error {
	for _, f := range r.Findings {
		if f.Severity < minimum || f.Waiver != "" {
			continue
		}
		level := map[Severity]string{Error: "error", Warning: "warning", Info: "notice"}[f.Severity]
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			ghProperty(f.Pos.File), f.Pos.Line, f.Pos.Column,
			ghProperty("wincspec "+f.Code+" ("+f.Requirement+")"), ghData(f.Message))
	}
	_, err := fmt.Fprintf(w, "%d errors, %d warnings, %d info, %d waived\n", r.Summary.Errors, r.Summary.Warnings, r.Summary.Infos, r.Summary.Waived)
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
