package spec

import (
	"slices"
	"strings"
)

// EditionDiff is what changed between two editions of a specification:
// requirements added and removed, requirements of one ability that moved
// (another section, bullet, profile or category), were reworded (another
// KEP text) or renamed (another ID), abilities one edition lists twice, and
// the profiles and general rules of each.
type EditionDiff struct {
	From, To string
	// Added are the requirements of To that are no ability of From;
	// Removed those of From that are no ability of To.
	Added, Removed []*Requirement
	// Changed pairs the requirements of one ability, in To's order, when
	// anything but their tests differs.
	Changed []RequirementChange
	// Profiles added to and removed from To, by ID.
	ProfilesAdded, ProfilesRemoved []string
	// Rules added, removed and changed, by ID.
	RulesAdded, RulesRemoved []*Rule
	RulesChanged             []RuleChange
}

// RequirementChange is one ability in both editions.
type RequirementChange struct {
	From, To *Requirement
	// Moved: another section, profile or category. Renumbered: the same
	// section, another bullet. Reworded: another KEP text (white space
	// aside). Renamed: another ID.
	// Duplicate: To lists this ability more times than From does; this
	// one is paired with From's first listing of it.
	Moved, Renumbered, Reworded, Renamed, Duplicate bool
}

// RuleChange is a rule whose statement or source changed.
type RuleChange struct {
	From, To *Rule
}

// Empty reports whether the editions do not differ.
func (d *EditionDiff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Changed)+len(d.ProfilesAdded)+len(d.ProfilesRemoved)+
		len(d.RulesAdded)+len(d.RulesRemoved)+len(d.RulesChanged) == 0
}

// ability is what a requirement is the same as across editions: the
// default edition's requirement it is or links to, or itself.
func ability(s *Spec, r *Requirement) string {
	switch {
	case r.SameAs != "":
		return r.SameAs
	case s.Edition == "":
		return r.ID
	default:
		return s.Edition + "/" + r.ID
	}
}

// DiffEditions compares two editions, each as InEdition gives it.
// Requirements pair when they are the same ability: first those with the
// same ID, then the others in order; a requirement of To whose ability From
// lists fewer times pairs with the first of From's and is listed twice, and
// one of From that pairs with none is removed.
func DiffEditions(from, to *Spec) *EditionDiff {
	d := &EditionDiff{From: from.EditionName(), To: to.EditionName()}
	byAbility := map[string][]*Requirement{}
	for _, r := range from.Requirements {
		byAbility[ability(from, r)] = append(byAbility[ability(from, r)], r)
	}
	paired := map[*Requirement]*Requirement{} // To's requirement -> From's
	used := map[*Requirement]bool{}
	// Same ability, same ID first.
	for _, r := range to.Requirements {
		for _, o := range byAbility[ability(to, r)] {
			if o.ID == r.ID && !used[o] {
				paired[r], used[o] = o, true
				break
			}
		}
	}
	// Then the same ability under another ID.
	for _, r := range to.Requirements {
		if paired[r] != nil {
			continue
		}
		for _, o := range byAbility[ability(to, r)] {
			if !used[o] {
				paired[r], used[o] = o, true
				break
			}
		}
	}
	for _, r := range to.Requirements {
		olds := byAbility[ability(to, r)]
		old, duplicate := paired[r], false
		switch {
		case len(olds) == 0:
			d.Added = append(d.Added, r)
			continue
		case old == nil:
			old, duplicate = olds[0], true
		}
		c := RequirementChange{From: old, To: r, Duplicate: duplicate}
		c.Renamed = old.ID != r.ID
		c.Moved = old.Source.Section != r.Source.Section || old.Profile != r.Profile || old.Category != r.Category
		c.Renumbered = !c.Moved && (old.Source.Bullet != r.Source.Bullet || old.Source.LastBullet != r.Source.LastBullet)
		c.Reworded = normalize(old.Source.KEPText) != normalize(r.Source.KEPText)
		if c.Moved || c.Renumbered || c.Reworded || c.Renamed || c.Duplicate {
			d.Changed = append(d.Changed, c)
		}
	}
	for _, r := range from.Requirements {
		if !used[r] {
			d.Removed = append(d.Removed, r)
		}
	}
	fromProfiles, toProfiles := from.ProfileIDs(), to.ProfileIDs()
	for _, p := range toProfiles {
		if !slices.Contains(fromProfiles, p) {
			d.ProfilesAdded = append(d.ProfilesAdded, p)
		}
	}
	for _, p := range fromProfiles {
		if !slices.Contains(toProfiles, p) {
			d.ProfilesRemoved = append(d.ProfilesRemoved, p)
		}
	}
	for _, r := range to.Rules {
		old := from.Rule(r.ID)
		switch {
		case old == nil:
			d.RulesAdded = append(d.RulesAdded, r)
		case normalize(old.Statement) != normalize(r.Statement) || normalize(old.Source.KEPText) != normalize(r.Source.KEPText) ||
			old.Source.Section != r.Source.Section || old.Source.Bullet != r.Source.Bullet:
			d.RulesChanged = append(d.RulesChanged, RuleChange{From: old, To: r})
		}
	}
	for _, r := range from.Rules {
		if to.Rule(r.ID) == nil {
			d.RulesRemoved = append(d.RulesRemoved, r)
		}
	}
	return d
}

// normalize collapses white space, so that reflowed text compares equal.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }
