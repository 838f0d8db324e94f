package imagescan

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
)

// Location identifies a spec's leaf node: a slash-separated path relative
// to the Kubernetes repository root, and a 1-based line.
type Location struct {
	File string
	Line int
}

// Ref is one image a spec may use.
type Ref struct {
	ID   string // the ImageID constant name, lower-cased: "agnhost", "busybox", "pause", ...
	Kind string // "direct" (referenced in the spec's own body) or "reachable" (through functions, closures or setup nodes it runs)
}

// The kinds of Ref.
const (
	kindDirect    = "direct"
	kindReachable = "reachable"
)

// Result is what Scan found.
type Result struct {
	Images     map[Location][]Ref // per location, sorted by ID; each ID once, "direct" winning over "reachable"
	Unresolved []Location         // locations where no It/Entry call could be found, sorted
	IDs        []string           // every image ID found in manifest.go, sorted
}

// scanner holds the parsed module and the memoised call graph.
type scanner struct {
	fset     *token.FileSet
	pkgs     map[string]*pkg
	files    map[string]*file
	declFile map[*ast.FuncDecl]*file
	imagePkg *pkg
	ids      []string       // lower-cased image IDs, sorted; a set bit i means ids[i]
	bit      map[string]int // ImageID constant name -> bit

	nodes map[ast.Node]*node
	types map[ast.Expr]typeMemo
	impls map[implKey][]*ast.FuncDecl
	leafs map[*file]map[int][]leaf
	sites map[*pkg]map[string][]callSite

	counter int
	stack   []*node
}

// Scan analyses the Kubernetes repository at repoDir (e.g. the module cache
// dir /root/go/pkg/mod/k8s.io/kubernetes@v1.37.2) for the given locations.
func Scan(repoDir string, locs []Location) (*Result, error) {
	var names []string
	for _, l := range locs {
		names = append(names, l.File)
	}
	s, err := newScanner(repoDir, names)
	if err != nil {
		return nil, err
	}
	res := &Result{Images: map[Location][]Ref{}, IDs: s.ids}
	seen := map[Location]bool{}
	for _, l := range locs {
		if seen[l] {
			continue
		}
		seen[l] = true
		refs, ok := s.scanLocation(l)
		if !ok {
			res.Unresolved = append(res.Unresolved, l)
			continue
		}
		res.Images[l] = refs
	}
	slices.SortFunc(res.Unresolved, func(a, b Location) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return res, nil
}

// newScanner parses the packages of the repository at repo: those under
// the root directories, those holding files, and every module package they
// import.
func newScanner(repo string, files []string) (*scanner, error) {
	s := &scanner{
		fset:     token.NewFileSet(),
		files:    map[string]*file{},
		declFile: map[*ast.FuncDecl]*file{},
		nodes:    map[ast.Node]*node{},
		types:    map[ast.Expr]typeMemo{},
		impls:    map[implKey][]*ast.FuncDecl{},
		leafs:    map[*file]map[int][]leaf{},
		sites:    map[*pkg]map[string][]callSite{},
	}
	pkgs, err := load(repo, s.fset, files)
	if err != nil {
		return nil, err
	}
	s.pkgs = pkgs
	for _, p := range pkgs {
		for _, f := range p.files {
			s.files[f.name] = f
		}
		for fd, f := range p.declFile {
			s.declFile[fd] = f
		}
	}
	s.imagePkg = pkgs[imageDir]
	if err := s.readManifest(); err != nil {
		return nil, err
	}
	return s, nil
}

// readManifest finds the ImageID constants in manifest.go. The constant
// None, "to be used for unset/default images", is not an image.
func (s *scanner) readManifest() error {
	f := s.files[manifestFile]
	if f == nil || s.imagePkg == nil {
		return fmt.Errorf("reading image IDs: %s not found", filepath.FromSlash(manifestFile))
	}
	var consts []string
	for _, d := range f.ast.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		typed := false
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			switch {
			case vs.Type != nil:
				id, ok := vs.Type.(*ast.Ident)
				typed = ok && id.Name == "ImageID"
			case len(vs.Values) > 0:
				typed = false // an untyped constant, or a typed one with an explicit type
			}
			if !typed {
				continue
			}
			for _, n := range vs.Names {
				if n.Name != "None" && n.Name != "_" {
					consts = append(consts, n.Name)
				}
			}
		}
	}
	if len(consts) == 0 {
		return fmt.Errorf("reading image IDs: no ImageID constants in %s", filepath.FromSlash(manifestFile))
	}
	slices.SortFunc(consts, func(a, b string) int {
		return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
	})
	s.bit = map[string]int{}
	for _, c := range consts {
		id := strings.ToLower(c)
		if len(s.ids) == 0 || s.ids[len(s.ids)-1] != id {
			s.ids = append(s.ids, id)
		}
		s.bit[c] = len(s.ids) - 1
	}
	return nil
}

// scanLocation returns the images of the spec at l, or false when no leaf
// node call is at l.
func (s *scanner) scanLocation(l Location) ([]Ref, bool) {
	f := s.files[l.File]
	if f == nil {
		return nil, false
	}
	leafs := s.leafsOf(f)[l.Line]
	if len(leafs) == 0 {
		return nil, false
	}
	direct := newSet(len(s.ids))
	reach := newSet(len(s.ids))
	for _, lf := range leafs {
		d, r := s.scanLeaf(f, lf)
		direct.union(d)
		reach.union(r)
	}
	refs := []Ref{}
	for i, id := range s.ids {
		switch {
		case direct.has(i):
			refs = append(refs, Ref{ID: id, Kind: kindDirect})
		case reach.has(i):
			refs = append(refs, Ref{ID: id, Kind: kindReachable})
		}
	}
	return refs, true
}
