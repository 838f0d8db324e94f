package imagescan

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

const (
	// modulePath is the import path of the Kubernetes main module.
	modulePath = "k8s.io/kubernetes"
	// imageDir is the package holding the ImageID constants, relative to
	// the repository root.
	imageDir = "test/utils/image"
	// manifestFile declares the ImageID constants.
	manifestFile = imageDir + "/manifest.go"
)

// rootDirs are the trees whose packages are always loaded, with every
// module package they import.
var rootDirs = []string{"test/e2e", "test/utils"}

// pkg is one parsed package of the module.
type pkg struct {
	dir   string // slash-separated, relative to the repository root
	name  string
	files []*file
	// funcs are the package-level functions by name. A name may have
	// several declarations when files differ in build constraints.
	funcs map[string][]*ast.FuncDecl
	// methods are the methods by receiver type name, then method name.
	methods map[string]map[string][]*ast.FuncDecl
	// recvs are the receiver type names by method name.
	recvs map[string][]string
	// values are the package-level variables and constants by name.
	values map[string][]valueDecl
	// initDefs are the values init functions assign package-level
	// variables, by name.
	initDefs map[string][]fileExpr
	// types are the package-level type declarations by name.
	types map[string]typeDecl
	// declFile is the file of each function declaration.
	declFile map[*ast.FuncDecl]*file
}

// valueDecl is one name of a package-level var or const declaration.
type valueDecl struct {
	spec  *ast.ValueSpec
	index int
	file  *file
}

// fileExpr is an expression and the file it is written in.
type fileExpr struct {
	expr ast.Expr
	file *file
}

// typeDecl is a package-level type declaration.
type typeDecl struct {
	spec *ast.TypeSpec
	file *file
}

// file is one parsed Go file.
type file struct {
	pkg  *pkg
	name string // slash-separated, relative to the repository root
	ast  *ast.File
	// imports maps the local names of module imports to package
	// directories relative to the repository root.
	imports map[string]string
	// bare holds the directories of module imports without a local name,
	// whose package name may differ from the last path element.
	bare []string
	// defs holds, per local or file-level variable, the expressions that
	// define its value: its initialiser and the plain assignments made in
	// the function that declares it.
	defs map[*ast.Object][]ast.Expr
}

// loader parses the packages of a repository concurrently.
type loader struct {
	repo  string
	fset  *token.FileSet
	extra map[string][]string // dir -> extra files to parse (spec files named _test.go)

	mu   sync.Mutex
	wg   sync.WaitGroup
	sem  chan struct{}
	pkgs map[string]*pkg
	errs []error
}

// load parses the packages under the root directories and the directories
// of files, then every module package they import, transitively.
func load(repo string, fset *token.FileSet, files []string) (map[string]*pkg, error) {
	l := &loader{
		repo:  repo,
		fset:  fset,
		extra: map[string][]string{},
		sem:   make(chan struct{}, 4),
		pkgs:  map[string]*pkg{},
	}
	var dirs []string
	for _, root := range rootDirs {
		err := filepath.WalkDir(filepath.Join(repo, filepath.FromSlash(root)), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			if n := d.Name(); n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
				return filepath.SkipDir
			}
			rel, err := filepath.Rel(repo, p)
			if err != nil {
				return err
			}
			dirs = append(dirs, filepath.ToSlash(rel))
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, fmt.Errorf("listing %s: %w", root, err)
		}
	}
	for _, f := range files {
		if !filepath.IsLocal(filepath.FromSlash(f)) {
			continue
		}
		dir := path.Dir(f)
		if strings.HasSuffix(f, "_test.go") {
			l.extra[dir] = append(l.extra[dir], path.Base(f))
		}
		dirs = append(dirs, dir)
	}
	dirs = append(dirs, imageDir)
	for _, dir := range dirs {
		l.enqueue(dir)
	}
	l.wg.Wait()
	if len(l.errs) > 0 {
		slices.SortFunc(l.errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(l.errs...)
	}
	for dir, p := range l.pkgs {
		if p == nil {
			delete(l.pkgs, dir)
		}
	}
	for _, p := range l.pkgs {
		for _, f := range p.files {
			for _, dir := range f.bare {
				if q := l.pkgs[dir]; q != nil {
					f.imports[q.name] = dir
				}
			}
		}
	}
	return l.pkgs, nil
}

// enqueue starts parsing dir unless it was seen before.
func (l *loader) enqueue(dir string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.pkgs[dir]; ok {
		return
	}
	l.pkgs[dir] = nil
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		l.sem <- struct{}{}
		p, imports, err := l.parseDir(dir)
		<-l.sem
		l.mu.Lock()
		if err != nil {
			l.errs = append(l.errs, err)
		}
		if p != nil {
			l.pkgs[dir] = p
		}
		l.mu.Unlock()
		for _, imp := range imports {
			l.enqueue(imp)
		}
	}()
}

// parseDir parses the package in dir. It returns a nil package when dir
// holds no Go files.
func (l *loader) parseDir(dir string) (*pkg, []string, error) {
	entries, err := os.ReadDir(filepath.Join(l.repo, filepath.FromSlash(dir)))
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading package %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		names = append(names, n)
	}
	names = append(names, l.extra[dir]...)
	slices.Sort(names)
	names = slices.Compact(names)
	var parsed []*ast.File
	var fnames []string
	count := map[string]int{}
	for _, n := range names {
		rel := path.Join(dir, n)
		src, err := os.ReadFile(filepath.Join(l.repo, filepath.FromSlash(rel)))
		if os.IsNotExist(err) {
			continue // a location file that does not exist
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", rel, err)
		}
		af, err := parser.ParseFile(l.fset, rel, src, 0)
		if err != nil {
			return nil, nil, fmt.Errorf("parsing %w", err) // err starts with rel
		}
		parsed = append(parsed, af)
		fnames = append(fnames, rel)
		count[af.Name.Name]++
	}
	if len(parsed) == 0 {
		return nil, nil, nil
	}
	// Generators with "//go:build ignore" often declare package main next
	// to a library package: keep the package most files declare.
	name := ""
	for n, c := range count {
		if c > count[name] || c == count[name] && n < name {
			name = n
		}
	}
	p := &pkg{
		dir:      dir,
		name:     name,
		funcs:    map[string][]*ast.FuncDecl{},
		methods:  map[string]map[string][]*ast.FuncDecl{},
		recvs:    map[string][]string{},
		values:   map[string][]valueDecl{},
		initDefs: map[string][]fileExpr{},
		types:    map[string]typeDecl{},
		declFile: map[*ast.FuncDecl]*file{},
	}
	var imports []string
	for i, af := range parsed {
		if af.Name.Name != name {
			continue
		}
		f := &file{pkg: p, name: fnames[i], ast: af, imports: map[string]string{}}
		p.files = append(p.files, f)
		for _, is := range af.Imports {
			ip, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				continue
			}
			local := ""
			if is.Name != nil {
				local = is.Name.Name
			}
			if rel, ok := strings.CutPrefix(ip, modulePath+"/"); ok {
				if local == "" {
					local = path.Base(rel)
					f.bare = append(f.bare, rel)
				}
				f.imports[local] = rel
				imports = append(imports, rel)
			}
		}
		p.index(f)
		f.defs = indexDefs(af)
	}
	return p, imports, nil
}

// index records the package-level declarations of f.
func (p *pkg) index(f *file) {
	for _, d := range f.ast.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			p.declFile[d] = f
			if d.Recv == nil || len(d.Recv.List) == 0 {
				p.funcs[d.Name.Name] = append(p.funcs[d.Name.Name], d)
				continue
			}
			recv := recvTypeName(d.Recv.List[0].Type)
			if recv == "" {
				continue
			}
			if p.methods[recv] == nil {
				p.methods[recv] = map[string][]*ast.FuncDecl{}
			}
			if len(p.methods[recv][d.Name.Name]) == 0 {
				p.recvs[d.Name.Name] = append(p.recvs[d.Name.Name], recv)
			}
			p.methods[recv][d.Name.Name] = append(p.methods[recv][d.Name.Name], d)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for i, n := range s.Names {
						p.values[n.Name] = append(p.values[n.Name], valueDecl{spec: s, index: i, file: f})
					}
				case *ast.TypeSpec:
					p.types[s.Name.Name] = typeDecl{spec: s, file: f}
				}
			}
		}
	}
	for _, d := range f.ast.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "init" && fd.Recv == nil && fd.Body != nil {
			p.indexInit(f, fd.Body)
		}
	}
}

// indexInit records the values an init function assigns package-level
// variables, outside nested function literals.
func (p *pkg) indexInit(f *file, body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN {
				return true
			}
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok || id.Name == "_" || id.Obj != nil && !isPkgLevel(p, id.Obj) {
					continue
				}
				switch {
				case len(n.Rhs) == len(n.Lhs):
					p.initDefs[id.Name] = append(p.initDefs[id.Name], fileExpr{n.Rhs[i], f})
				case len(n.Rhs) == 1:
					p.initDefs[id.Name] = append(p.initDefs[id.Name], fileExpr{n.Rhs[0], f})
				}
			}
		}
		return true
	})
}

// recvTypeName returns the type name of a method receiver: T for T, *T,
// T[P] and *T[P].
func recvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// indexDefs returns, per variable object of af, the expressions defining its
// value: the initialiser of its declaration, and the right-hand sides of
// plain assignments made in the function (or at the level) that declares
// it. Assignments in nested function literals are left out: they run only
// when that literal is called, and the literal is followed then.
func indexDefs(af *ast.File) map[*ast.Object][]ast.Expr {
	defs := map[*ast.Object][]ast.Expr{}
	declFunc := map[*ast.Object]ast.Node{}
	var stack []ast.Node // enclosing *ast.FuncDecl and *ast.FuncLit
	enclosing := func() ast.Node {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			stack = append(stack, n)
			var body *ast.BlockStmt
			if fd, ok := n.(*ast.FuncDecl); ok {
				body = fd.Body
			} else {
				body = n.(*ast.FuncLit).Body
			}
			if body != nil {
				ast.Inspect(body, visit)
			}
			stack = stack[:len(stack)-1]
			return false
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if id.Obj == nil {
					continue
				}
				declFunc[id.Obj] = enclosing()
				switch {
				case len(n.Values) == len(n.Names):
					defs[id.Obj] = append(defs[id.Obj], n.Values[i])
				case len(n.Values) == 1:
					defs[id.Obj] = append(defs[id.Obj], n.Values[0])
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok || id.Obj == nil || id.Name == "_" {
					continue
				}
				var rhs ast.Expr
				switch {
				case len(n.Rhs) == len(n.Lhs):
					rhs = n.Rhs[i]
				case len(n.Rhs) == 1:
					rhs = n.Rhs[0]
				default:
					continue
				}
				if id.Obj.Decl == n {
					declFunc[id.Obj] = enclosing()
					defs[id.Obj] = append(defs[id.Obj], rhs)
					continue
				}
				if fn, ok := declFunc[id.Obj]; ok && fn == enclosing() && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					defs[id.Obj] = append(defs[id.Obj], rhs)
				}
			}
		}
		return true
	}
	ast.Inspect(af, visit)
	return defs
}
