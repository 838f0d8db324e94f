package spec

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// Spec is a loaded specification.
type Spec struct {
	// Requirements are sorted by ID.
	Requirements []*Requirement `json:"requirements"`
	// Profiles are in the KEP's order: core first, then the optional profiles.
	Profiles []*Profile `json:"profiles"`
	// Rules are the general rules, sorted by ID.
	Rules []*Rule `json:"rules"`
	// Waivers are the acknowledged findings, sorted by ID.
	Waivers []*Waiver `json:"waivers,omitempty"`
	// WindowsSupport lists, per Kubernetes minor release, oldest first,
	// the Windows Server releases a Windows node may run.
	WindowsSupport []*WindowsSupport `json:"windowsSupport"`

	// Edition is the edition this specification is, empty for the default
	// edition (DefaultEdition), whose requirements are the top-level ones.
	Edition string `json:"edition,omitempty"`
	// Editions are the other editions a loaded specification holds, by ID;
	// InEdition gives one of them as a specification of its own.
	Editions []*Edition `json:"-"`
}

// DefaultEdition names the edition the top-level requirements, profiles and
// rules make: the 2021 KEP draft.
const DefaultEdition = "draft"

// Edition is another edition of the specification, such as the merged
// KEP-2578 text: its own requirements, profiles, rules and waivers. Its
// requirements that are the same ability as one of the default edition are
// linked to it (SameAs) and share its statement, tests and gap.
type Edition struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Source names the text the edition encodes.
	Source       string         `json:"source"`
	Requirements []*Requirement `json:"requirements"`
	Profiles     []*Profile     `json:"profiles"`
	Rules        []*Rule        `json:"rules"`
	Waivers      []*Waiver      `json:"waivers,omitempty"`

	Pos Pos `json:"-"`
}

// Waiver acknowledges the findings of one kind for some requirements.
type Waiver struct {
	ID           string   `json:"id"`
	Finding      string   `json:"finding"`
	Requirements []string `json:"requirements"`
	Tests        []string `json:"tests,omitempty"`
	Images       []string `json:"images,omitempty"`
	Releases     string   `json:"releases,omitempty"`
	Reason       string   `json:"reason"`
	Tracking     string   `json:"tracking"`
	Expires      string   `json:"expires"`

	Pos Pos `json:"-"`
}

// WindowsSupport is the Windows Server releases one Kubernetes minor
// release supports on Windows nodes.
type WindowsSupport struct {
	// Release is the minor version, such as "1.37".
	Release string `json:"release"`
	// Servers are sorted by build.
	Servers []WindowsServer `json:"servers"`
	Notes   string          `json:"notes,omitempty"`

	Pos Pos `json:"-"`
}

// WindowsServer is one accepted Windows Server release.
type WindowsServer struct {
	Name string `json:"name"`
	// Build is the build number without revision, such as 10.0.20348.
	Build   string   `json:"build"`
	Sources []string `json:"sources"`
}

// Windows returns the Windows Server releases the minor release of
// release (such as "v1.37.2" or "1.37") supports, or nil when the
// specification has no data for it.
func (s *Spec) Windows(release string) *WindowsSupport {
	m, err := ParseMinor(release)
	if err != nil {
		return nil
	}
	for _, w := range s.WindowsSupport {
		if wm, err := ParseMinor(w.Release); err == nil && wm == m {
			return w
		}
	}
	return nil
}

// Server returns the Windows Server release whose build a node's build
// (such as 10.0.20348.2340 or 10.0.20348) is, or a revision of; nil when
// none is.
func (w *WindowsSupport) Server(build string) *WindowsServer {
	for i, sv := range w.Servers {
		if BuildOf(build, sv.Build) {
			return &w.Servers[i]
		}
	}
	return nil
}

// BuildOf reports whether build is, or is a revision of, the build prefix:
// 10.0.20348.2340 and 10.0.20348 are of 10.0.20348, and 10.0.203481 is
// not.
func BuildOf(build, prefix string) bool {
	if prefix == "" || !strings.HasPrefix(build, prefix) {
		return false
	}
	return len(build) == len(prefix) || build[len(prefix)] == '.'
}

// Requirement is one testable requirement.
type Requirement struct {
	ID        string    `json:"id"`
	Profile   string    `json:"profile"`
	Category  string    `json:"category"`
	Title     string    `json:"title"`
	Statement string    `json:"statement"`
	Since     string    `json:"since"`
	Until     string    `json:"until,omitempty"`
	Source    Source    `json:"source"`
	Tests     []TestRef `json:"tests"`
	Gap       *Gap      `json:"gap"`
	Notes     string    `json:"notes,omitempty"`
	// SameAs, in an edition other than the default, links the requirement
	// to the requirement of the default edition that is the same ability:
	// it takes that one's title, statement, releases, tests and gap, and
	// keeps its own ID, profile, category and source.
	SameAs string `json:"sameAs,omitempty"`

	// Pos is where the requirement is declared.
	Pos Pos `json:"-"`
}

// Source locates a requirement or rule in the KEP.
type Source struct {
	Section    string `json:"section"`
	Bullet     int    `json:"bullet"`
	LastBullet int    `json:"lastBullet,omitempty"`
	KEPText    string `json:"kepText,omitempty"`
}

// Bullets names the source's bullets: "bullet 3" or "bullets 3 to 5".
func (s Source) Bullets() string {
	if s.LastBullet > 0 {
		return fmt.Sprintf("bullets %d to %d", s.Bullet, s.LastBullet)
	}
	return fmt.Sprintf("bullet %d", s.Bullet)
}

// Gap records why no e2e test fully verifies a requirement.
type Gap struct {
	Reason   string `json:"reason"`
	Tracking string `json:"tracking,omitempty"`
}

// TestRef points at e2e tests by exactly one of Name, Match or Labels.
type TestRef struct {
	Name     string `json:"name,omitempty"`
	Match    string `json:"match,omitempty"`
	Labels   string `json:"labels,omitempty"`
	Releases string `json:"releases,omitempty"`
	Coverage string `json:"coverage"`
	Why      string `json:"why"`
	Reviewed string `json:"reviewed,omitempty"`
	// Unpinned says why a full-coverage test that pins no pod to Windows
	// nodes still shows the behaviour on Windows.
	Unpinned string `json:"unpinned,omitempty"`

	// Pos is where the reference is declared.
	Pos Pos `json:"-"`
	// ReviewedPos is where its reviewed hash is, if it has one.
	ReviewedPos Pos `json:"-"`
}

// Kind says how a TestRef selects tests: "name", "match" or "labels".
func (t *TestRef) Kind() string {
	switch {
	case t.Name != "":
		return "name"
	case t.Match != "":
		return "match"
	default:
		return "labels"
	}
}

// Selector returns the name, pattern or label filter, whichever is set.
func (t *TestRef) Selector() string {
	switch {
	case t.Name != "":
		return t.Name
	case t.Match != "":
		return t.Match
	default:
		return t.Labels
	}
}

// Profile is a set of requirements that passes or fails as a unit.
type Profile struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Gating      bool         `json:"gating"`
	Rules       ProfileRules `json:"rules"`

	Pos Pos `json:"-"`
}

// ProfileRules are the KEP's general rules, as data.
type ProfileRules struct {
	AllowedImages []string   `json:"allowedImages"`
	Scheduling    Scheduling `json:"scheduling"`
}

// Scheduling is how tests must place pods on Windows nodes.
type Scheduling struct {
	Directive string `json:"directive"`
	GASince   string `json:"gaSince"`
	Before    string `json:"before"`
}

// Rule is a general rule of a profile.
type Rule struct {
	ID        string `json:"id"`
	Profile   string `json:"profile"`
	Title     string `json:"title"`
	Statement string `json:"statement"`
	Source    Source `json:"source"`

	Pos Pos `json:"-"`
}

// ProfileOrder lists the profile IDs the schema allows, in the KEPs' order:
// the draft's, then those only KEP-2578 has. An edition has some of them;
// ProfileIDs lists those of a specification.
var ProfileOrder = []string{"core", "hostProcess", "activeDirectory", "networkPolicy", "serviceProxy",
	"advancedNetworking", "workerConfiguration"}

// CategoryOrder lists the categories the schema allows, in the KEPs' order.
var CategoryOrder = []string{"networking", "serviceAccountsAndStorage", "scheduling", "performance", "concurrency",
	"hostProcess", "activeDirectory", "networkPolicy", "serviceProxy", "advancedNetworking", "workerConfiguration"}

// ProfileIDs returns the IDs of the specification's profiles, in order.
func (s *Spec) ProfileIDs() []string {
	out := make([]string, len(s.Profiles))
	for i, p := range s.Profiles {
		out[i] = p.ID
	}
	return out
}

// EditionIDs lists the editions a loaded specification holds: the default
// one first, then the others in order.
func (s *Spec) EditionIDs() []string {
	out := []string{DefaultEdition}
	for _, e := range s.Editions {
		out = append(out, e.ID)
	}
	return out
}

// EditionName returns the edition a specification is: DefaultEdition
// when Edition is empty.
func (s *Spec) EditionName() string {
	if s.Edition == "" {
		return DefaultEdition
	}
	return s.Edition
}

// InEdition returns the specification of one edition: s itself for the
// default edition, or a specification made of the edition's requirements,
// profiles, rules and waivers and s's Windows support, with every linked
// requirement completed from the default edition's. The result shares
// values with s: treat it as read-only.
func (s *Spec) InEdition(id string) (*Spec, error) {
	return s.inEdition(id, false)
}

// inEdition is InEdition; lenient leaves out requirements whose link
// leads nowhere instead of failing, so that Validate reports the rest.
func (s *Spec) inEdition(id string, lenient bool) (*Spec, error) {
	if id == "" || id == DefaultEdition {
		return s, nil
	}
	for _, e := range s.Editions {
		if e.ID != id {
			continue
		}
		out := &Spec{Edition: e.ID, Profiles: e.Profiles, Rules: e.Rules, Waivers: e.Waivers, WindowsSupport: s.WindowsSupport}
		for _, r := range e.Requirements {
			if r.SameAs == "" {
				out.Requirements = append(out.Requirements, r)
				continue
			}
			base := s.Requirement(r.SameAs)
			if base == nil && lenient {
				continue
			}
			if base == nil {
				return nil, fmt.Errorf("%s: edition %s: requirement %s: sameAs %q: no such requirement in the %s edition", r.Pos, e.ID, r.ID, r.SameAs, DefaultEdition)
			}
			linked := *base
			linked.ID, linked.Profile, linked.Category, linked.Source, linked.SameAs, linked.Pos = r.ID, r.Profile, r.Category, r.Source, r.SameAs, r.Pos
			if r.Notes != "" {
				linked.Notes = r.Notes
			}
			out.Requirements = append(out.Requirements, &linked)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown edition %q: want one of %s", id, strings.Join(s.EditionIDs(), ", "))
}

// Requirement returns the requirement with the given ID, or nil.
func (s *Spec) Requirement(id string) *Requirement {
	for _, r := range s.Requirements {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Rule returns the rule with the given ID, or nil.
func (s *Spec) Rule(id string) *Rule {
	for _, r := range s.Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Profile returns the profile with the given ID, or nil.
func (s *Spec) Profile(id string) *Profile {
	for _, p := range s.Profiles {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// ByProfile returns the requirements of one profile, sorted by ID.
func (s *Spec) ByProfile(profile string) []*Requirement {
	var out []*Requirement
	for _, r := range s.Requirements {
		if r.Profile == profile {
			out = append(out, r)
		}
	}
	return out
}

// CompareBuilds orders Windows build numbers such as 10.0.17763 by their
// numeric parts.
func CompareBuilds(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}
