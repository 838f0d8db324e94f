package spec

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
	"github.com/onsi/ginkgo/v2/types"
)

// topLevel lists the regular fields a specification may declare.
var topLevel = []string{"requirements", "profiles", "rules", "waivers", "windowsSupport"}

// Load reads the specification rooted at the directory root of fsys: a CUE
// module (cue.mod/module.cue) whose package spec spans root and its
// sub-directories. In positions, file names are shown under display, so that
// display "spec" gives "spec/core/networking.cue:42:5".
//
// On any problem Load returns nil and an Errors value listing every problem
// found, each with its position.
func Load(fsys fs.FS, root, display string) (*Spec, error) {
	sub, err := fs.Sub(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("opening spec directory %s: %w", display, err)
	}
	if _, err := fs.Stat(sub, "cue.mod/module.cue"); err != nil {
		return nil, fmt.Errorf("reading spec directory %s: no cue.mod/module.cue: a specification is a CUE module", display)
	}
	files, err := specFiles(sub)
	if err != nil {
		return nil, fmt.Errorf("reading spec directory %s: %w", display, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("reading spec directory %s: no .cue files", display)
	}
	// The loader only reads files of package spec; any other file would
	// silently drop what it declares.
	pkgErrs, err := checkPackages(sub, files, display)
	if err != nil {
		return nil, fmt.Errorf("reading spec directory %s: %w", display, err)
	}
	if len(pkgErrs) > 0 {
		return nil, pkgErrs.sorted()
	}
	dirs := packageDirs(files)
	cfg := &load.Config{
		FS:         sub,
		Dir:        "/",
		ModuleRoot: "/",
		Package:    "spec",
		FromFSPath: func(p string) string {
			return path.Join(display, strings.TrimPrefix(p, "/"))
		},
	}
	insts := load.Instances(dirs, cfg)
	var errs Errors
	for _, inst := range insts {
		if inst.Err != nil {
			errs = append(errs, fromCUE(inst.Err)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	decls, declErrs := declarations(insts)
	errs = append(errs, declErrs...)
	ref := &refiner{schema: path.Join(display, "schema.cue"), decls: decls}

	ctx := cuecontext.New()
	d := decoder{decls: decls, seen: map[string]bool{}}
	for _, inst := range insts {
		v := ctx.BuildInstance(inst)
		if err := v.Err(); err != nil {
			errs = append(errs, ref.refine(fromCUE(err))...)
			continue
		}
		if err := v.Validate(cue.Concrete(true)); err != nil {
			errs = append(errs, ref.refine(fromCUE(err))...)
			continue
		}
		d.decode(v)
	}
	errs = append(errs, d.errs...)
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	s := d.spec()
	if errs := s.validate(); len(errs) > 0 {
		return nil, errs.sorted()
	}
	return s, nil
}

// specFiles lists the .cue files of the specification, skipping cue.mod
// and directories whose names start with "." or "_" or are "testdata", as
// the cue tool does.
func specFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != "." && (name == "cue.mod" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".cue") {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// packageDirs lists, as "./dir" patterns, the directories of files.
func packageDirs(files []string) []string {
	var dirs []string
	for _, f := range files {
		dir := "./" + path.Dir(f)
		if dir == "./." {
			dir = "."
		}
		if !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// checkPackages reports every file that is not in package spec.
func checkPackages(fsys fs.FS, files []string, display string) (Errors, error) {
	var errs Errors
	for _, p := range files {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		name := path.Join(display, p)
		f, err := parser.ParseFile(name, src, parser.PackageClauseOnly)
		if err != nil {
			errs = append(errs, fromCUE(err)...)
			continue
		}
		if pkg := f.PackageName(); pkg != "spec" {
			pos := token.NewFile(name, -1, len(src)).Pos(0, token.NoRelPos)
			if len(f.Decls) > 0 {
				pos = f.Decls[0].Pos()
			}
			errs = append(errs, errorf(pos, "", "file is in package %q: every specification file is in package spec", pkg))
		}
	}
	return errs, nil
}

// declarations finds where each requirement, profile and rule is declared,
// keyed by field name and ID. It reports what CUE would silently merge: the
// same ID declared in two places, and misspelt top-level fields.
func declarations(insts []*build.Instance) (map[string]*ast.Field, Errors) {
	var errs Errors
	first := map[string]*ast.Field{}
	seenFile := map[string]bool{}
	for _, inst := range insts {
		for _, f := range inst.Files {
			if seenFile[f.Filename] {
				continue
			}
			seenFile[f.Filename] = true
			for _, decl := range f.Decls {
				field, ok := decl.(*ast.Field)
				if !ok {
					continue
				}
				name, _, err := ast.LabelName(field.Label)
				if err != nil || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "#") {
					continue
				}
				if !slices.Contains(topLevel, name) {
					errs = append(errs, errorf(field.Label.Pos(), name, "unknown top-level field %q: want one of %s", name, strings.Join(topLevel, ", ")))
					continue
				}
				lit, ok := field.Value.(*ast.StructLit)
				if !ok {
					continue
				}
				for _, elt := range lit.Elts {
					f, ok := elt.(*ast.Field)
					if !ok {
						continue
					}
					id, _, err := ast.LabelName(f.Label)
					if err != nil {
						continue
					}
					key := declKey(name, id)
					if prev, dup := first[key]; dup {
						errs = append(errs, errorf(f.Label.Pos(), name+"."+strconv.Quote(id), "duplicate %s ID %q: first declared at %s", singular(name), id, prev.Label.Pos()))
						continue
					}
					first[key] = f
				}
			}
		}
	}
	return first, errs
}

func declKey(field, id string) string { return field + "\x00" + id }

// testLiterals returns the struct literals of the tests list in a
// requirement's declaration, in order.
func testLiterals(decl *ast.Field) []*ast.StructLit {
	if decl == nil {
		return nil
	}
	var out []*ast.StructLit
	ast.Walk(decl.Value, func(n ast.Node) bool {
		f, ok := n.(*ast.Field)
		if !ok {
			return true
		}
		if name, _, _ := ast.LabelName(f.Label); name != "tests" {
			return false
		}
		if list, ok := f.Value.(*ast.ListLit); ok {
			for _, e := range list.Elts {
				if lit, ok := e.(*ast.StructLit); ok {
					out = append(out, lit)
				}
			}
		}
		return false
	}, nil)
	return out
}

// fieldOf returns the field with the given label directly in lit, or nil.
func fieldOf(lit *ast.StructLit, label string) *ast.Field {
	for _, e := range lit.Elts {
		if f, ok := e.(*ast.Field); ok {
			if name, _, _ := ast.LabelName(f.Label); name == label {
				return f
			}
		}
	}
	return nil
}

func singular(field string) string {
	return strings.TrimSuffix(field, "s")
}

// decoder gathers requirements, profiles and rules from every instance,
// counting each ID once even when several instances include it.
type decoder struct {
	decls        map[string]*ast.Field
	seen         map[string]bool
	requirements []*Requirement
	profiles     []*Profile
	rules        []*Rule
	windows      []*WindowsSupport
	waivers      []*Waiver
	errs         Errors
}

func (d *decoder) decode(v cue.Value) {
	d.each(v, "requirements", func(id string, rv cue.Value, pos token.Pos) {
		var r Requirement
		if err := rv.Decode(&r); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		r.Pos = pos
		lits := testLiterals(d.decls[declKey("requirements", id)])
		// CUE does not report every unknown field of a test reference
		// (matchN leaves the struct open to some): check the labels.
		known := fieldsOf["requirements.*.tests[*]"]
		for i, lit := range lits {
			for _, e := range lit.Elts {
				f, ok := e.(*ast.Field)
				if !ok {
					continue
				}
				if name, _, _ := ast.LabelName(f.Label); name != "" && !slices.Contains(known, name) {
					field := fmt.Sprintf("requirements.%q.tests[%d].%s", id, i, name)
					d.errs = append(d.errs, errorf(f.Label.Pos(), field, "%s", unknownField(field)))
				}
			}
		}
		for i := range r.Tests {
			r.Tests[i].Pos = r.Pos
			if i < len(lits) {
				r.Tests[i].Pos = lits[i].Pos()
				if f := fieldOf(lits[i], "reviewed"); f != nil {
					r.Tests[i].ReviewedPos = f.Value.Pos()
				}
			}
		}
		d.requirements = append(d.requirements, &r)
	})
	d.each(v, "profiles", func(id string, pv cue.Value, pos token.Pos) {
		var p Profile
		if err := pv.Decode(&p); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		p.Pos = pos
		d.profiles = append(d.profiles, &p)
	})
	d.each(v, "rules", func(id string, rv cue.Value, pos token.Pos) {
		var r Rule
		if err := rv.Decode(&r); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		r.Pos = pos
		d.rules = append(d.rules, &r)
	})
	d.each(v, "waivers", func(id string, wv cue.Value, pos token.Pos) {
		var w Waiver
		if err := wv.Decode(&w); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		w.Pos = pos
		d.waivers = append(d.waivers, &w)
	})
	d.each(v, "windowsSupport", func(id string, wv cue.Value, pos token.Pos) {
		var w struct {
			Release string                   `json:"release"`
			Servers map[string]WindowsServer `json:"servers"`
			Notes   string                   `json:"notes"`
		}
		if err := wv.Decode(&w); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		ws := &WindowsSupport{Release: w.Release, Notes: w.Notes, Pos: pos}
		for _, sv := range w.Servers {
			ws.Servers = append(ws.Servers, sv)
		}
		slices.SortFunc(ws.Servers, func(a, b WindowsServer) int { return CompareBuilds(a.Build, b.Build) })
		d.windows = append(d.windows, ws)
	})
}

// each calls fn for every field of the struct at field, once per ID across
// instances, with the position where the ID is declared.
func (d *decoder) each(v cue.Value, field string, fn func(id string, v cue.Value, pos token.Pos)) {
	it, err := v.LookupPath(cue.MakePath(cue.Str(field))).Fields()
	if err != nil {
		return
	}
	for it.Next() {
		id := it.Selector().Unquoted()
		key := declKey(field, id)
		if d.seen[key] {
			continue
		}
		d.seen[key] = true
		pos := it.Value().Pos()
		if decl, ok := d.decls[key]; ok {
			pos = decl.Label.Pos()
		}
		fn(id, it.Value(), pos)
	}
}

func (d *decoder) spec() *Spec {
	s := &Spec{Requirements: d.requirements, Profiles: d.profiles, Rules: d.rules, Waivers: d.waivers, WindowsSupport: d.windows}
	slices.SortFunc(s.Waivers, func(a, b *Waiver) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(s.WindowsSupport, func(a, b *WindowsSupport) int {
		return CompareMinor(a.Release, b.Release)
	})
	slices.SortFunc(s.Requirements, func(a, b *Requirement) int {
		return cmp.Or(
			cmp.Compare(slices.Index(ProfileOrder, a.Profile), slices.Index(ProfileOrder, b.Profile)),
			cmp.Compare(slices.Index(CategoryOrder, a.Category), slices.Index(CategoryOrder, b.Category)),
			strings.Compare(a.ID, b.ID),
		)
	})
	slices.SortFunc(s.Rules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Profiles, func(a, b *Profile) int {
		return cmp.Compare(slices.Index(ProfileOrder, a.ID), slices.Index(ProfileOrder, b.ID))
	})
	return s
}

// validate runs the checks the schema cannot express.
func (s *Spec) validate() Errors {
	var errs Errors
	defined := map[string]bool{}
	for _, p := range s.Profiles {
		defined[p.ID] = true
	}
	for _, r := range s.Requirements {
		base := "requirements." + strconv.Quote(r.ID)
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
			errs = append(errs, errorf(r.Pos, "rules."+strconv.Quote(r.ID)+".profile", "unknown profile %q: no such entry in profiles", r.Profile))
		}
	}
	for _, w := range s.Waivers {
		for i, id := range w.Requirements {
			if s.Requirement(id) == nil && s.Rule(id) == nil {
				errs = append(errs, errorf(w.Pos, fmt.Sprintf("waivers.%q.requirements[%d]", w.ID, i), "unknown requirement or rule %q", id))
			}
		}
		if w.Releases != "" {
			if _, err := ParseConstraint(w.Releases); err != nil {
				errs = append(errs, errorf(w.Pos, fmt.Sprintf("waivers.%q.releases", w.ID), "%v", err))
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
	msg := markup.ReplaceAllString(ge.Message, "")
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

var markup = regexp.MustCompile(`\{\{[^}]*\}\}`)

func trimRegexpErr(err error) string {
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}
