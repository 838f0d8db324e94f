package cueload

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
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

	"sigs.k8s.io/wincspec/spec"
)

// topLevel lists the regular fields a specification may declare.
var topLevel = []string{"requirements", "profiles", "rules", "waivers", "windowsSupport", "editions"}

// Load reads the specification rooted at the directory root of fsys: a CUE
// module (cue.mod/module.cue) whose package spec spans root and its
// sub-directories. In positions, file names are shown under display, so that
// display "spec" gives "spec/core/networking.cue:42:5".
//
// On any problem Load returns nil and a spec.Errors value listing every problem
// found, each with its position.
func Load(fsys fs.FS, root, display string) (*spec.Spec, error) {
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
		return nil, pkgErrs.public()
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
	var errs loadErrors
	for _, inst := range insts {
		if inst.Err != nil {
			errs = append(errs, fromCUE(inst.Err)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs.public()
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
		return nil, errs.public()
	}
	s := d.spec()
	if errs := s.Validate(); len(errs) > 0 {
		return nil, errs
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
func checkPackages(fsys fs.FS, files []string, display string) (loadErrors, error) {
	var errs loadErrors
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
func declarations(insts []*build.Instance) (map[string]*ast.Field, loadErrors) {
	var errs loadErrors
	first := map[string]*ast.Field{}
	seenFile := map[string]bool{}
	editionDir := map[string]string{} // edition ID -> directory of its first file
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
				if name == "editions" {
					editionDecls(lit, first, &errs)
					// An edition's header and records must all be in the
					// one CUE instance of its directory.
					for _, e := range structFields(lit) {
						id, _, err := ast.LabelName(e.Label)
						if err != nil {
							continue
						}
						dir := path.Dir(f.Filename)
						if prev, ok := editionDir[id]; ok && prev != dir {
							if editionDir[id+"\x00"+dir] != "" {
								continue
							}
							editionDir[id+"\x00"+dir] = dir
							errs = append(errs, errorf(e.Label.Pos(), "editions."+strconv.Quote(id),
								"edition %s is declared in %s and %s: keep an edition's files in one directory", id, prev, dir))
							continue
						}
						editionDir[id] = dir
					}
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
					if _, dup := first[key]; dup && name == "editions" {
						// An edition spans files: its declarations unify.
						continue
					}
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

// editionKey is the declaration key of a record of an edition, such as
// its requirement HP-06.
func editionKey(edition, field, id string) string {
	return declKey("editions."+edition+"."+field, id)
}

// editionDecls records, from the value of an editions field, where each
// record of each edition is declared: editions: "kep-2578": requirements:
// "HP-06": {...}, in that form or with braces. The first declaration wins.
func editionDecls(editions *ast.StructLit, first map[string]*ast.Field, errs *loadErrors) {
	for _, e := range structFields(editions) {
		edition, _, err := ast.LabelName(e.Label)
		if err != nil {
			continue
		}
		lit, ok := e.Value.(*ast.StructLit)
		if !ok {
			continue
		}
		for _, kind := range structFields(lit) {
			field, _, err := ast.LabelName(kind.Label)
			if err != nil {
				continue
			}
			records, ok := kind.Value.(*ast.StructLit)
			if !ok {
				continue
			}
			for _, r := range structFields(records) {
				id, _, err := ast.LabelName(r.Label)
				if err != nil {
					continue
				}
				key := editionKey(edition, field, id)
				if prev, dup := first[key]; dup {
					*errs = append(*errs, errorf(r.Label.Pos(), fmt.Sprintf("editions.%q.%s.%q", edition, field, id),
						"duplicate %s ID %q in edition %s: first declared at %s", singular(field), id, edition, prev.Label.Pos()))
					continue
				}
				first[key] = r
			}
		}
	}
}

// structFields returns the fields of a struct literal.
func structFields(lit *ast.StructLit) []*ast.Field {
	var out []*ast.Field
	for _, e := range lit.Elts {
		if f, ok := e.(*ast.Field); ok {
			out = append(out, f)
		}
	}
	return out
}

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
	requirements []*spec.Requirement
	profiles     []*spec.Profile
	rules        []*spec.Rule
	windows      []*spec.WindowsSupport
	waivers      []*spec.Waiver
	editions     []*spec.Edition
	errs         loadErrors
}

func (d *decoder) decode(v cue.Value) {
	d.each(v, "requirements", func(id string, rv cue.Value, pos token.Pos) {
		if r := d.requirement(rv, "requirements."+strconv.Quote(id), pos, d.decls[declKey("requirements", id)]); r != nil {
			d.requirements = append(d.requirements, r)
		}
	})
	d.each(v, "profiles", func(id string, pv cue.Value, pos token.Pos) {
		var p spec.Profile
		if err := pv.Decode(&p); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		p.Pos = toPos(pos)
		d.profiles = append(d.profiles, &p)
	})
	d.each(v, "rules", func(id string, rv cue.Value, pos token.Pos) {
		var r spec.Rule
		if err := rv.Decode(&r); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		r.Pos = toPos(pos)
		d.rules = append(d.rules, &r)
	})
	d.each(v, "waivers", func(id string, wv cue.Value, pos token.Pos) {
		var w spec.Waiver
		if err := wv.Decode(&w); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		w.Pos = toPos(pos)
		d.waivers = append(d.waivers, &w)
	})
	d.each(v, "windowsSupport", func(id string, wv cue.Value, pos token.Pos) {
		var w struct {
			Release string                        `json:"release"`
			Servers map[string]spec.WindowsServer `json:"servers"`
			Notes   string                        `json:"notes"`
		}
		if err := wv.Decode(&w); err != nil {
			d.errs = append(d.errs, fromCUE(err)...)
			return
		}
		ws := &spec.WindowsSupport{Release: w.Release, Notes: w.Notes, Pos: toPos(pos)}
		for _, sv := range w.Servers {
			ws.Servers = append(ws.Servers, sv)
		}
		slices.SortFunc(ws.Servers, func(a, b spec.WindowsServer) int { return spec.CompareBuilds(a.Build, b.Build) })
		d.windows = append(d.windows, ws)
	})
	// An edition may span directories, and so instances: merge its
	// records, each decoded once.
	fields(v, "editions", func(id string, ev cue.Value) {
		e := d.edition(id, ev)
		if e == nil {
			return
		}
		// once reports whether a record is new, with where it is declared.
		once := func(field, rid string, rv cue.Value) (token.Pos, *ast.Field, bool) {
			key := editionKey(id, field, rid)
			if d.seen[key] {
				return token.NoPos, nil, false
			}
			d.seen[key] = true
			if decl, ok := d.decls[key]; ok {
				return decl.Label.Pos(), decl, true
			}
			return rv.Pos(), nil, true
		}
		base := "editions." + strconv.Quote(id) + "."
		fields(ev, "requirements", func(rid string, rv cue.Value) {
			if pos, decl, ok := once("requirements", rid, rv); ok {
				if r := d.requirement(rv, base+"requirements."+strconv.Quote(rid), pos, decl); r != nil {
					e.Requirements = append(e.Requirements, r)
				}
			}
		})
		fields(ev, "profiles", func(pid string, pv cue.Value) {
			if pos, _, ok := once("profiles", pid, pv); ok {
				var p spec.Profile
				if err := pv.Decode(&p); err != nil {
					d.errs = append(d.errs, fromCUE(err)...)
					return
				}
				p.Pos = toPos(pos)
				e.Profiles = append(e.Profiles, &p)
			}
		})
		fields(ev, "rules", func(rid string, rv cue.Value) {
			if pos, _, ok := once("rules", rid, rv); ok {
				var r spec.Rule
				if err := rv.Decode(&r); err != nil {
					d.errs = append(d.errs, fromCUE(err)...)
					return
				}
				r.Pos = toPos(pos)
				e.Rules = append(e.Rules, &r)
			}
		})
		fields(ev, "waivers", func(wid string, wv cue.Value) {
			if pos, _, ok := once("waivers", wid, wv); ok {
				var w spec.Waiver
				if err := wv.Decode(&w); err != nil {
					d.errs = append(d.errs, fromCUE(err)...)
					return
				}
				w.Pos = toPos(pos)
				e.Waivers = append(e.Waivers, &w)
			}
		})
	})
}

// edition returns the edition being decoded with this ID, made on first
// sight from its title and source.
func (d *decoder) edition(id string, ev cue.Value) *spec.Edition {
	for _, e := range d.editions {
		if e.ID == id {
			return e
		}
	}
	var head struct {
		Title  string `json:"title"`
		Source string `json:"source"`
	}
	if err := ev.Decode(&head); err != nil {
		d.errs = append(d.errs, fromCUE(err)...)
		return nil
	}
	e := &spec.Edition{ID: id, Title: head.Title, Source: head.Source, Pos: toPos(ev.Pos())}
	if decl, ok := d.decls[declKey("editions", id)]; ok {
		e.Pos = toPos(decl.Label.Pos())
	}
	d.editions = append(d.editions, e)
	return e
}

// requirement decodes one requirement declared at decl (nil when not
// known), whose CUE path is path, and checks the fields of its test
// references, which CUE does not check for all of them.
func (d *decoder) requirement(rv cue.Value, path string, pos token.Pos, decl *ast.Field) *spec.Requirement {
	var r spec.Requirement
	if err := rv.Decode(&r); err != nil {
		d.errs = append(d.errs, fromCUE(err)...)
		return nil
	}
	r.Pos = toPos(pos)
	lits := testLiterals(decl)
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
				field := fmt.Sprintf("%s.tests[%d].%s", path, i, name)
				d.errs = append(d.errs, errorf(f.Label.Pos(), field, "%s", unknownField(field)))
			}
		}
	}
	for i := range r.Tests {
		r.Tests[i].Pos = r.Pos
		if i < len(lits) {
			r.Tests[i].Pos = toPos(lits[i].Pos())
			if f := fieldOf(lits[i], "reviewed"); f != nil {
				r.Tests[i].ReviewedPos = toPos(f.Value.Pos())
			}
		}
	}
	return &r
}

// fields calls fn for every field of the struct at path in v.
func fields(v cue.Value, path string, fn func(id string, v cue.Value)) {
	it, err := v.LookupPath(cue.MakePath(cue.Str(path))).Fields()
	if err != nil {
		return
	}
	for it.Next() {
		fn(it.Selector().Unquoted(), it.Value())
	}
}

// sortRecords puts requirements in profile, category and ID order, profiles
// in the KEPs' order, and rules and waivers by ID.
func sortRecords(reqs *[]*spec.Requirement, profiles *[]*spec.Profile, rules *[]*spec.Rule, waivers *[]*spec.Waiver) {
	slices.SortFunc(*waivers, func(a, b *spec.Waiver) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(*reqs, func(a, b *spec.Requirement) int {
		return cmp.Or(
			cmp.Compare(slices.Index(spec.ProfileOrder, a.Profile), slices.Index(spec.ProfileOrder, b.Profile)),
			cmp.Compare(slices.Index(spec.CategoryOrder, a.Category), slices.Index(spec.CategoryOrder, b.Category)),
			strings.Compare(a.ID, b.ID),
		)
	})
	slices.SortFunc(*rules, func(a, b *spec.Rule) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(*profiles, func(a, b *spec.Profile) int {
		return cmp.Compare(slices.Index(spec.ProfileOrder, a.ID), slices.Index(spec.ProfileOrder, b.ID))
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

func (d *decoder) spec() *spec.Spec {
	s := &spec.Spec{Requirements: d.requirements, Profiles: d.profiles, Rules: d.rules, Waivers: d.waivers, WindowsSupport: d.windows}
	sortRecords(&s.Requirements, &s.Profiles, &s.Rules, &s.Waivers)
	slices.SortFunc(s.WindowsSupport, func(a, b *spec.WindowsSupport) int {
		return spec.CompareMinor(a.Release, b.Release)
	})
	slices.SortFunc(d.editions, func(a, b *spec.Edition) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range d.editions {
		sortRecords(&e.Requirements, &e.Profiles, &e.Rules, &e.Waivers)
	}
	s.Editions = d.editions
	return s
}
