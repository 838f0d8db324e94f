package compiler

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"sigs.k8s.io/wincspec/spec"
)

// EditionsCommand is the command that prints the differences between the
// default edition and another.
func EditionsCommand(edition string) string {
	return "diff --edition " + spec.DefaultEdition + " --edition " + edition
}

// place says where a requirement sits in its edition's text.
func place(r *spec.Requirement) string {
	return fmt.Sprintf("%q %s (%s, %s)", r.Source.Section, r.Source.Bullets(), r.Profile, r.Category)
}

// changeKinds names what changed about one ability.
func changeKinds(c spec.RequirementChange) string {
	var kinds []string
	for _, k := range []struct {
		on   bool
		name string
	}{{c.Duplicate, "listed twice"}, {c.Renamed, "renamed"}, {c.Moved, "moved"}, {c.Renumbered, "renumbered"}, {c.Reworded, "reworded"}} {
		if k.on {
			kinds = append(kinds, k.name)
		}
	}
	return strings.Join(kinds, ", ")
}

// WriteEditionDiff writes the differences between two editions as text:
// one block per kind of change, each entry with its sources in both
// editions.
func WriteEditionDiff(w io.Writer, d *spec.EditionDiff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Edition %s against edition %s: %d added, %d removed, %d changed requirements; %d added, %d removed profiles; %d added, %d removed, %d changed rules\n",
		d.To, d.From, len(d.Added), len(d.Removed), len(d.Changed), len(d.ProfilesAdded), len(d.ProfilesRemoved),
		len(d.RulesAdded), len(d.RulesRemoved), len(d.RulesChanged))
	if len(d.Added) > 0 {
		fmt.Fprintf(&b, "\nAdded in %s:\n", d.To)
		for _, r := range d.Added {
			fmt.Fprintf(&b, "  %-12s %s\n               %s: %s\n", r.ID, r.Title, place(r), r.Source.KEPText)
		}
	}
	if len(d.Removed) > 0 {
		fmt.Fprintf(&b, "\nRemoved from %s:\n", d.From)
		for _, r := range d.Removed {
			fmt.Fprintf(&b, "  %-12s %s\n               %s: %s\n", r.ID, r.Title, place(r), r.Source.KEPText)
		}
	}
	if len(d.Changed) > 0 {
		b.WriteString("\nChanged:\n")
		for _, c := range d.Changed {
			id := c.To.ID
			if c.Renamed {
				id = c.From.ID + " -> " + c.To.ID
			}
			fmt.Fprintf(&b, "  %-12s %s: %s\n", id, changeKinds(c), c.To.Title)
			fmt.Fprintf(&b, "               %s: %s\n               %s: %s\n", d.From, place(c.From), d.To, place(c.To))
			if c.Reworded {
				fmt.Fprintf(&b, "               %s text: %s\n               %s text: %s\n", d.From, c.From.Source.KEPText, d.To, c.To.Source.KEPText)
			}
		}
	}
	if len(d.ProfilesAdded)+len(d.ProfilesRemoved) > 0 {
		fmt.Fprintf(&b, "\nProfiles: added %s; removed %s\n", orNone(strings.Join(d.ProfilesAdded, ", ")), orNone(strings.Join(d.ProfilesRemoved, ", ")))
	}
	for _, r := range d.RulesAdded {
		fmt.Fprintf(&b, "\nRule added: %s %s\n  %s\n", r.ID, r.Title, r.Statement)
	}
	for _, r := range d.RulesRemoved {
		fmt.Fprintf(&b, "\nRule removed: %s %s\n", r.ID, r.Title)
	}
	for _, c := range d.RulesChanged {
		fmt.Fprintf(&b, "\nRule changed: %s %s\n  %s: %s\n  %s: %s\n", c.To.ID, c.To.Title, d.From, c.From.Statement, d.To, c.To.Statement)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// EditionDiffMarkdown renders the differences as a Markdown page body.
func EditionDiffMarkdown(d *spec.EditionDiff) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| change | count |\n|---|---|\n| requirements added | %d |\n| requirements removed | %d |\n| requirements changed | %d |\n| profiles added | %d |\n| profiles removed | %d |\n| rules added, removed, changed | %d, %d, %d |\n\n",
		len(d.Added), len(d.Removed), len(d.Changed), len(d.ProfilesAdded), len(d.ProfilesRemoved), len(d.RulesAdded), len(d.RulesRemoved), len(d.RulesChanged))
	cell := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
	src := func(r *spec.Requirement) string {
		return cell(fmt.Sprintf("%s, %s", r.Source.Section, r.Source.Bullets()))
	}
	if len(d.Added) > 0 {
		fmt.Fprintf(&b, "### Added in %s\n\n| ID | title | profile | source | KEP text |\n|---|---|---|---|---|\n", d.To)
		for _, r := range d.Added {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.ID, cell(r.Title), r.Profile, src(r), cell(r.Source.KEPText))
		}
		b.WriteString("\n")
	}
	if len(d.Removed) > 0 {
		fmt.Fprintf(&b, "### Removed from %s\n\n| ID | title | profile | source | KEP text |\n|---|---|---|---|---|\n", d.From)
		for _, r := range d.Removed {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", r.ID, cell(r.Title), r.Profile, src(r), cell(r.Source.KEPText))
		}
		b.WriteString("\n")
	}
	if len(d.Changed) > 0 {
		fmt.Fprintf(&b, "### Changed\n\n| ID | change | %s | %s |\n|---|---|---|---|\n", d.From, d.To)
		for _, c := range d.Changed {
			id := c.To.ID
			if c.Renamed {
				id = c.From.ID + " → " + c.To.ID
			}
			from, to := src(c.From)+" ("+c.From.Profile+")", src(c.To)+" ("+c.To.Profile+")"
			if c.Reworded {
				from += ": " + cell(c.From.Source.KEPText)
				to += ": " + cell(c.To.Source.KEPText)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", id, changeKinds(c), from, to)
		}
		b.WriteString("\n")
	}
	if len(d.ProfilesAdded)+len(d.ProfilesRemoved) > 0 {
		fmt.Fprintf(&b, "### Profiles\n\nAdded: %s. Removed: %s.\n\n", orNone(strings.Join(d.ProfilesAdded, ", ")), orNone(strings.Join(d.ProfilesRemoved, ", ")))
	}
	if len(d.RulesAdded)+len(d.RulesRemoved)+len(d.RulesChanged) > 0 {
		b.WriteString("### General rules\n\n| rule | change | statement |\n|---|---|---|\n")
		for _, r := range d.RulesAdded {
			fmt.Fprintf(&b, "| %s | added | %s |\n", r.ID, cell(r.Statement))
		}
		for _, r := range d.RulesRemoved {
			fmt.Fprintf(&b, "| %s | removed | %s |\n", r.ID, cell(r.Statement))
		}
		for _, c := range d.RulesChanged {
			fmt.Fprintf(&b, "| %s | changed | %s: %s<br>%s: %s |\n", c.To.ID, d.From, cell(c.From.Statement), d.To, cell(c.To.Statement))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// EditionDiffJSON renders the differences as JSON, requirements by ID.
func EditionDiffJSON(d *spec.EditionDiff) ([]byte, error) {
	doc := editionDiffDoc(d)
	out, err := json.MarshalIndent(doc, "", "  ")
	return append(out, '\n'), err
}

// EditionDiffsJSON renders several differences as one JSON array.
func EditionDiffsJSON(ds []*spec.EditionDiff) ([]byte, error) {
	docs := []any{}
	for _, d := range ds {
		docs = append(docs, editionDiffDoc(d))
	}
	out, err := json.MarshalIndent(docs, "", "  ")
	return append(out, '\n'), err
}

func editionDiffDoc(d *spec.EditionDiff) any {
	type change struct {
		From     string `json:"from"`
		To       string `json:"to"`
		Moved    bool   `json:"moved,omitempty"`
		Renum    bool   `json:"renumbered,omitempty"`
		Reworded bool   `json:"reworded,omitempty"`
		Renamed  bool   `json:"renamed,omitempty"`
		Twice    bool   `json:"listedTwice,omitempty"`
	}
	ids := func(rs []*spec.Requirement) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	rules := func(rs []*spec.Rule) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	doc := struct {
		From            string   `json:"from"`
		To              string   `json:"to"`
		Added           []string `json:"added"`
		Removed         []string `json:"removed"`
		Changed         []change `json:"changed"`
		ProfilesAdded   []string `json:"profilesAdded"`
		ProfilesRemoved []string `json:"profilesRemoved"`
		RulesAdded      []string `json:"rulesAdded"`
		RulesRemoved    []string `json:"rulesRemoved"`
		RulesChanged    []string `json:"rulesChanged"`
	}{From: d.From, To: d.To, Added: ids(d.Added), Removed: ids(d.Removed), Changed: []change{},
		ProfilesAdded: append([]string{}, d.ProfilesAdded...), ProfilesRemoved: append([]string{}, d.ProfilesRemoved...),
		RulesAdded: rules(d.RulesAdded), RulesRemoved: rules(d.RulesRemoved), RulesChanged: []string{}}
	for _, c := range d.Changed {
		doc.Changed = append(doc.Changed, change{c.From.ID, c.To.ID, c.Moved, c.Renumbered, c.Reworded, c.Renamed, c.Duplicate})
	}
	for _, c := range d.RulesChanged {
		doc.RulesChanged = append(doc.RulesChanged, c.To.ID)
	}
	return doc
}
