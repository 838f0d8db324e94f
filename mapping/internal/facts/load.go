package facts

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

const (
	// modulePath is the import path of the Kubernetes main module. Its
	// packages are loaded from source; all others from export data.
	modulePath = "k8s.io/kubernetes"
	// defaultPattern is the package pattern loaded by default.
	defaultPattern = modulePath + "/test/e2e/..."
	// imagePath is the package declaring the ImageID constants.
	imagePath = modulePath + "/test/utils/image"
	// manifestFile is the file of the image package declaring them.
	manifestFile = "manifest.go"
	// frameworkSuffix and skipperSuffix end the import paths of the e2e
	// framework and of its skipper package.
	frameworkSuffix = "/test/e2e/framework"
	skipperSuffix   = "/test/e2e/framework/skipper"
)

// srcFile is a type-checked file of a module package.
type srcFile struct {
	ast  *ast.File
	pkg  *packages.Package
	rel  string // slash-separated, relative to the repository root
	info *types.Info
}

// funcDecl is the declaration of a function or method of the module.
type funcDecl struct {
	decl *ast.FuncDecl
	file *srcFile
}

// analyzer holds the loaded packages, their indices and the memoised
// analysis of each piece of code.
type analyzer struct {
	fset  *token.FileSet
	repo  string
	files []*srcFile
	// fileOf finds the file of a position.
	fileOf map[*token.File]*srcFile
	byRel  map[string]*srcFile
	// source holds the module packages loaded from source.
	source map[*types.Package]bool
	// decls are the module's function and method declarations.
	decls map[*types.Func]funcDecl
	// defs are the expressions defining the value of variables: their
	// initialisers and the right-hand sides of assignments to them,
	// anywhere in the module; for struct fields of function type, the
	// values composite literals and assignments give them.
	defs map[*types.Var][]ast.Expr
	// methods are the concrete methods declared in the module, by name.
	methods map[string][]*types.Func

	imagePkg *types.Package
	ids      []string             // lower-cased image IDs, sorted; bit i is ids[i]
	imageBit map[*types.Const]int // ImageID constant -> bit

	nodes    map[ast.Node]*node
	facts    []fact
	factIDs  map[factKey]int
	impls    map[*types.Func][]*types.Func
	imgMemo  map[*node]set
	leafs    map[*srcFile]map[int][]leaf
	sites    map[types.Object][]site // lazily built by callersOf
	ifaceBy  map[string][]*types.Func
	counter  int
	stack    []*node
	gen      int
	wrappers map[*types.Func][]*ast.CallExpr
}

// load loads the packages matching o.Patterns, then type-checks from source
// every package of the Kubernetes module they depend on, and indexes them.
func load(ctx context.Context, o Options) (*analyzer, error) {
	repo, err := filepath.Abs(o.RepoDir)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(cmp.Or(o.ModuleDir, o.RepoDir))
	if err != nil {
		return nil, err
	}
	env := o.Env
	if env == nil {
		env = os.Environ()
	}
	patterns := o.Patterns
	if len(patterns) == 0 {
		patterns = []string{defaultPattern}
	}

	// Find the module packages the patterns need.
	cfg := &packages.Config{
		Context: ctx,
		Dir:     dir,
		Env:     env,
		Mode:    packages.NeedName | packages.NeedImports | packages.NeedDeps,
	}
	listed, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", strings.Join(patterns, " "), err)
	}
	var roots []string
	var errs []error
	packages.Visit(listed, nil, func(p *packages.Package) {
		if !inModule(p.PkgPath) {
			return
		}
		roots = append(roots, p.PkgPath)
		for _, e := range p.Errors {
			errs = append(errs, e)
		}
	})
	if len(errs) > 0 {
		return nil, loadError("listing packages", errs)
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("no package of %s matches %s", modulePath, strings.Join(patterns, " "))
	}
	if !slices.Contains(roots, imagePath) {
		roots = append(roots, imagePath)
	}
	slices.Sort(roots)

	// Type-check them from source, their other dependencies from export
	// data.
	cfg = &packages.Config{
		Context: ctx,
		Dir:     dir,
		Env:     env,
		Fset:    token.NewFileSet(),
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
		ParseFile: func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			return parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
		},
	}
	pkgs, err := packages.Load(cfg, roots...)
	if err != nil {
		return nil, fmt.Errorf("loading %d packages: %w", len(roots), err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return nil, loadError("loading packages", errs)
	}

	a := &analyzer{
		fset:     cfg.Fset,
		repo:     repo,
		fileOf:   map[*token.File]*srcFile{},
		byRel:    map[string]*srcFile{},
		source:   map[*types.Package]bool{},
		decls:    map[*types.Func]funcDecl{},
		defs:     map[*types.Var][]ast.Expr{},
		methods:  map[string][]*types.Func{},
		nodes:    map[ast.Node]*node{},
		factIDs:  map[factKey]int{},
		impls:    map[*types.Func][]*types.Func{},
		imgMemo:  map[*node]set{},
		leafs:    map[*srcFile]map[int][]leaf{},
		wrappers: map[*types.Func][]*ast.CallExpr{},
	}
	for _, p := range pkgs {
		if p.Types == nil || p.TypesInfo == nil {
			continue
		}
		a.source[p.Types] = true
		if p.PkgPath == imagePath {
			a.imagePkg = p.Types
		}
		for _, af := range p.Syntax {
			tf := a.fset.File(af.FileStart)
			if tf == nil {
				continue
			}
			f := &srcFile{ast: af, pkg: p, rel: a.relPath(tf.Name()), info: p.TypesInfo}
			a.files = append(a.files, f)
			a.fileOf[tf] = f
			a.byRel[f.rel] = f
		}
	}
	if err := a.readManifest(); err != nil {
		return nil, err
	}
	for _, f := range a.files {
		a.index(f)
	}
	return a, nil
}

// inModule reports whether an import path is a package of the Kubernetes
// main module.
func inModule(path string) bool {
	return path == modulePath || strings.HasPrefix(path, modulePath+"/")
}

// loadError summarises package errors.
func loadError(what string, errs []error) error {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	slices.Sort(msgs)
	msgs = slices.Compact(msgs)
	const most = 10
	if len(msgs) > most {
		msgs = append(msgs[:most], fmt.Sprintf("and %d more errors", len(msgs)-most))
	}
	return fmt.Errorf("%s: %w", what, errors.New(strings.Join(msgs, "\n")))
}

// relPath returns name relative to the repository, slash-separated, or
// name itself when it is outside.
func (a *analyzer) relPath(name string) string {
	if rel, err := filepath.Rel(a.repo, name); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	if real, err := filepath.EvalSymlinks(name); err == nil {
		if repo, err := filepath.EvalSymlinks(a.repo); err == nil {
			if rel, err := filepath.Rel(repo, real); err == nil && filepath.IsLocal(rel) {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(name)
}

// position returns the file (relative to the repository) and line of pos.
func (a *analyzer) position(pos token.Pos) (string, int) {
	p := a.fset.Position(pos)
	if f := a.fileOf[a.fset.File(pos)]; f != nil {
		return f.rel, p.Line
	}
	return a.relPath(p.Filename), p.Line
}

// fileAt returns the module file holding pos.
func (a *analyzer) fileAt(pos token.Pos) *srcFile {
	return a.fileOf[a.fset.File(pos)]
}

// readManifest finds the ImageID constants declared in manifest.go. The
// constant None, "to be used for unset/default images", is not an image.
func (a *analyzer) readManifest() error {
	if a.imagePkg == nil {
		return fmt.Errorf("reading image IDs: package %s not loaded", imagePath)
	}
	scope := a.imagePkg.Scope()
	var consts []*types.Const
	for _, name := range scope.Names() {
		c, ok := scope.Lookup(name).(*types.Const)
		if !ok || name == "None" || name == "_" {
			continue
		}
		named, ok := types.Unalias(c.Type()).(*types.Named)
		if !ok || named.Obj().Name() != "ImageID" || named.Obj().Pkg() != a.imagePkg {
			continue
		}
		if filepath.Base(a.fset.Position(c.Pos()).Filename) != manifestFile {
			continue
		}
		consts = append(consts, c)
	}
	if len(consts) == 0 {
		return fmt.Errorf("reading image IDs: no ImageID constants in %s/%s", imagePath, manifestFile)
	}
	slices.SortFunc(consts, func(x, y *types.Const) int {
		return cmp.Or(strings.Compare(strings.ToLower(x.Name()), strings.ToLower(y.Name())), strings.Compare(x.Name(), y.Name()))
	})
	a.imageBit = map[*types.Const]int{}
	for _, c := range consts {
		id := strings.ToLower(c.Name())
		if len(a.ids) == 0 || a.ids[len(a.ids)-1] != id {
			a.ids = append(a.ids, id)
		}
		a.imageBit[c] = len(a.ids) - 1
	}
	return nil
}

// index records the function declarations, concrete methods and variable
// definitions of f.
func (a *analyzer) index(f *srcFile) {
	info := f.info
	for _, d := range f.ast.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		fn, ok := info.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		a.decls[fn] = funcDecl{decl: fd, file: f}
		if fd.Recv != nil && fd.Body != nil {
			a.methods[fn.Name()] = append(a.methods[fn.Name()], fn)
		}
	}
	addDef := func(v *types.Var, e ast.Expr) {
		if v == nil || e == nil {
			return
		}
		v = v.Origin()
		a.defs[v] = append(a.defs[v], e)
	}
	rhsFor := func(nlhs int, rhs []ast.Expr, i int) ast.Expr {
		switch {
		case len(rhs) == nlhs:
			return rhs[i]
		case len(rhs) == 1:
			return rhs[0]
		}
		return nil
	}
	// declFunc is the function declaring each local variable: only the
	// assignments it makes define the variable's value (those made in
	// nested function literals are followed when the literal is).
	declFunc := map[*types.Var]ast.Node{}
	var stack, funcs []ast.Node
	define := func(v *types.Var, e ast.Expr) {
		if v == nil {
			return
		}
		if len(funcs) > 0 {
			declFunc[v] = funcs[len(funcs)-1]
		}
		addDef(v, e)
	}
	assign := func(v *types.Var, e ast.Expr) {
		if fn, local := declFunc[v]; local && (len(funcs) == 0 || funcs[len(funcs)-1] != fn) {
			return
		}
		addDef(v, e)
	}
	ast.Inspect(f.ast, func(n ast.Node) bool {
		if n == nil {
			switch stack[len(stack)-1].(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				funcs = funcs[:len(funcs)-1]
			}
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.FuncDecl:
			funcs = append(funcs, n)
			declareParams(info, n.Recv, n, declFunc)
			declareParams(info, n.Type.Params, n, declFunc)
			declareParams(info, n.Type.Results, n, declFunc)
		case *ast.FuncLit:
			funcs = append(funcs, n)
			declareParams(info, n.Type.Params, n, declFunc)
			declareParams(info, n.Type.Results, n, declFunc)
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if v, ok := info.Defs[id].(*types.Var); ok {
					define(v, rhsFor(len(n.Names), n.Values, i))
				}
			}
		case *ast.RangeStmt:
			// The key and value of a range clause are defined by the
			// ranged expression (for _, tc := range tests).
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok && n.Tok == token.DEFINE {
					if v, ok := info.Defs[id].(*types.Var); ok {
						define(v, n.X)
					}
				}
			}
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				return true
			}
			for i, lhs := range n.Lhs {
				rhs := rhsFor(len(n.Lhs), n.Rhs, i)
				switch l := ast.Unparen(lhs).(type) {
				case *ast.Ident:
					if v, ok := info.Defs[l].(*types.Var); ok {
						define(v, rhs)
					} else if v, ok := info.Uses[l].(*types.Var); ok {
						assign(v, rhs)
					}
				case *ast.SelectorExpr:
					if v, ok := info.Uses[l.Sel].(*types.Var); ok && v.IsField() && isFunc(v.Type()) {
						addDef(v, rhs)
					}
				}
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if id, ok := kv.Key.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() && isFunc(v.Type()) {
						addDef(v, kv.Value)
					}
				}
			}
		}
		return true
	})
}

// declareParams records fn as the function declaring the parameters of
// fields.
func declareParams(info *types.Info, fields *ast.FieldList, fn ast.Node, declFunc map[*types.Var]ast.Node) {
	if fields == nil {
		return
	}
	for _, fld := range fields.List {
		for _, id := range fld.Names {
			if v, ok := info.Defs[id].(*types.Var); ok {
				declFunc[v] = fn
			}
		}
	}
}

// isFunc reports whether t is a function type.
func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}
