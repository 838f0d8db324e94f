package facts

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

var (
	// leafNames are the functions declaring a spec: Ginkgo's and the
	// e2e framework's wrappers (framework.It, f.It, framework.ConformanceIt).
	leafNames = map[string]bool{
		"It": true, "FIt": true, "PIt": true, "XIt": true,
		"Specify": true, "FSpecify": true, "PSpecify": true, "XSpecify": true,
		"ConformanceIt": true,
		"Entry":         true, "FEntry": true, "PEntry": true, "XEntry": true,
	}
	// entryNames are the leaf functions whose body is their table's.
	entryNames = map[string]bool{"Entry": true, "FEntry": true, "PEntry": true, "XEntry": true}
	// tableNames are the functions declaring a table of Entry specs.
	tableNames = map[string]bool{
		"DescribeTable": true, "FDescribeTable": true, "PDescribeTable": true, "XDescribeTable": true,
	}
	// setupNames are the functions registering code that runs around the
	// specs of the container they are called in.
	setupNames = map[string]bool{
		"BeforeEach": true, "JustBeforeEach": true, "AfterEach": true, "JustAfterEach": true,
		"BeforeAll": true, "AfterAll": true, "DeferCleanup": true,
	}
	// beforeNames are the setup nodes that run before the spec's body: a
	// skip they always reach means the spec never runs.
	beforeNames = map[string]bool{"BeforeEach": true, "JustBeforeEach": true, "BeforeAll": true}
)

// leaf is a call declaring a spec, with its enclosing calls and functions
// (*ast.CallExpr, *ast.FuncLit, *ast.FuncDecl), outermost first.
type leaf struct {
	call *ast.CallExpr
	path []ast.Node
}

// callName returns the name of the function a call calls: F for F(),
// x.F(), F[T]() and x.F[T]().
func callName(fun ast.Expr) string {
	switch x := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return callName(x.X)
	case *ast.IndexListExpr:
		return callName(x.X)
	}
	return ""
}

// nameLine returns the line of the name of the function a call calls: the
// line Go reports for the call, and so the line of Ginkgo's code location.
func (a *analyzer) nameLine(fun ast.Expr) int {
	fun = ast.Unparen(fun)
	switch x := fun.(type) {
	case *ast.SelectorExpr:
		return a.fset.Position(x.Sel.Pos()).Line
	case *ast.IndexExpr:
		return a.nameLine(x.X)
	case *ast.IndexListExpr:
		return a.nameLine(x.X)
	}
	return a.fset.Position(fun.Pos()).Line
}

// leafsOf returns the leaf calls of f by line, computed once.
func (a *analyzer) leafsOf(f *srcFile) map[int][]leaf {
	if m, ok := a.leafs[f]; ok {
		return m
	}
	m := map[int][]leaf{}
	inspectPaths(f.ast, func(n ast.Node, path []ast.Node) {
		if call, ok := n.(*ast.CallExpr); ok && leafNames[callName(call.Fun)] {
			line := a.nameLine(call.Fun)
			m[line] = append(m[line], leaf{call: call, path: path})
		}
	})
	a.leafs[f] = m
	return m
}

// inspectPaths calls fn for every call and function in root, with a copy
// of the calls and functions enclosing it, outermost first.
func inspectPaths(root ast.Node, fn func(n ast.Node, path []ast.Node)) {
	var path []ast.Node
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n.(type) {
		case *ast.CallExpr, *ast.FuncLit, *ast.FuncDecl:
		default:
			return true
		}
		fn(n, slices.Clone(path))
		path = append(path, n)
		switch n := n.(type) {
		case *ast.CallExpr:
			ast.Inspect(n.Fun, visit)
			for _, a := range n.Args {
				ast.Inspect(a, visit)
			}
		case *ast.FuncLit:
			ast.Inspect(n.Body, visit)
		case *ast.FuncDecl:
			if n.Body != nil {
				ast.Inspect(n.Body, visit)
			}
		}
		path = path[:len(path)-1]
		return false
	}
	ast.Inspect(root, visit)
}

// spec accumulates the code of the specs at one location.
type spec struct {
	own        []*node // the spec's own code: its call's arguments, its table's body
	setup      []*node // setup nodes of its containers, and arguments of the calls declaring it
	before     []*node // setup nodes running before the body
	namespaces map[string]bool
	seen       map[*types.Func]bool
	wrapped    map[*types.Func]bool
}

// location returns the facts of the specs at l, or false when no leaf
// call is there.
func (a *analyzer) location(l Location) (*Facts, bool) {
	f := a.byRel[l.File]
	if f == nil {
		return nil, false
	}
	leafs := a.leafsOf(f)[l.Line]
	if len(leafs) == 0 {
		return nil, false
	}
	sp := &spec{namespaces: map[string]bool{}, seen: map[*types.Func]bool{}, wrapped: map[*types.Func]bool{}}
	for _, lf := range leafs {
		a.leafRoots(f, lf, sp)
	}
	var direct, reach set
	for _, n := range sp.own {
		a.walk(n)
		direct = direct.union(n.own)
		reach = reach.union(a.closure(n))
	}
	for _, n := range sp.setup {
		reach = reach.union(a.closure(n))
	}
	always := a.unconditional(append(slices.Clone(sp.own), sp.before...))

	res := &Facts{Namespaces: []string{}}
	for i, id := range a.ids {
		switch {
		case direct.has(i):
			res.Images.Direct = append(res.Images.Direct, id)
		case reach.has(i):
			res.Images.Reachable = append(res.Images.Reachable, id)
		}
	}
	oses := map[string]bool{}
	via := map[string]bool{}
	reach.each(func(bit int) {
		if bit < len(a.ids) {
			return
		}
		ft := a.facts[bit-len(a.ids)]
		file, line := a.position(ft.pos)
		switch ft.kind {
		case factSkip:
			s := Skip{Kind: ft.skip.kind, Func: ft.skip.fn, Args: slices.Clone(ft.skip.args), Conditional: ft.skip.cond, File: file, Line: line}
			if always[bit] {
				s.Kind, s.Conditional = KindAlways, false
			}
			res.Skips = append(res.Skips, s)
		case factPodOS:
			res.Placement.PodOS = true
		default:
			oses[ft.os] = true
			via[fmt.Sprintf("%s %s:%d", ft.kind, file, line)] = true
		}
	})
	switch {
	case oses[OSWindows] && oses[OSLinux]:
		res.Placement.OS = OSBoth
	case oses[OSWindows]:
		res.Placement.OS = OSWindows
	case oses[OSLinux]:
		res.Placement.OS = OSLinux
	}
	for v := range via {
		res.Placement.Via = append(res.Placement.Via, v)
	}
	slices.Sort(res.Placement.Via)
	slices.SortFunc(res.Skips, func(x, y Skip) int {
		return cmp.Or(strings.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line),
			strings.Compare(x.Kind, y.Kind), strings.Compare(x.Func, y.Func))
	})
	for ns := range sp.namespaces {
		res.Namespaces = append(res.Namespaces, ns)
	}
	slices.Sort(res.Namespaces)
	return res, true
}

// leafRoots adds the code a leaf runs: its own (the arguments of the call
// and, for an Entry, the body of its table) and that of the setup nodes
// registered in its enclosing containers.
func (a *analyzer) leafRoots(f *srcFile, lf leaf, sp *spec) {
	for _, arg := range lf.call.Args {
		sp.own = append(sp.own, a.argNodes(f, arg)...)
	}
	if entryNames[callName(lf.call.Fun)] {
		for i := len(lf.path) - 1; i >= 0; i-- {
			tc, ok := lf.path[i].(*ast.CallExpr)
			if !ok || !tableNames[callName(tc.Fun)] || len(tc.Args) == 0 {
				continue
			}
			for _, arg := range tc.Args[1:] {
				if body := a.funcArg(f, arg); len(body) > 0 {
					sp.own = append(sp.own, body...)
					break
				}
			}
			break
		}
	}
	a.containers(f, lf.path, sp)
}

// containers adds the setup nodes registered and the frameworks created in
// the functions of path, in f, and those of wrappers such as
// skipUnlessWindows(func() {...}) that register setup nodes around the
// containers passed to them. When the outermost function is a function
// declaring specs for its callers, it adds the arguments of every call of
// it and the containers around those calls, recursively.
func (a *analyzer) containers(f *srcFile, path []ast.Node, sp *spec) {
	for i, n := range path {
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.FuncLit:
			body = n.Body
		case *ast.FuncDecl:
			body = n.Body
		}
		if body == nil {
			continue
		}
		for _, call := range directCalls(body) {
			name := callName(call.Fun)
			if !setupNames[name] {
				for _, ns := range a.frameworkNames(f, call, nil, 0) {
					sp.namespaces[ns] = true
				}
				continue
			}
			for _, arg := range call.Args {
				roots := a.argNodes(f, arg)
				sp.setup = append(sp.setup, roots...)
				if beforeNames[name] {
					sp.before = append(sp.before, roots...)
				}
			}
		}
		if lit, ok := n.(*ast.FuncLit); ok && i > 0 {
			if c, ok := path[i-1].(*ast.CallExpr); ok && isArg(c, lit) {
				a.wrapperSetup(c, f, sp)
			}
		}
	}
	if len(path) == 0 {
		return
	}
	fd, ok := path[0].(*ast.FuncDecl)
	if !ok {
		return
	}
	fn, ok := f.info.Defs[fd.Name].(*types.Func)
	if !ok || sp.seen[fn] {
		return
	}
	sp.seen[fn] = true
	for _, s := range a.callersOf(fn) {
		if s.isCall {
			for _, arg := range s.call.Args {
				sp.setup = append(sp.setup, a.argNodes(s.file, arg)...)
			}
		}
		a.containers(s.file, a.enclosing(s), sp)
	}
}

// wrapperSetup adds the setup nodes a module function registers around
// the container body passed to it.
func (a *analyzer) wrapperSetup(c *ast.CallExpr, f *srcFile, sp *spec) {
	fn, ok := callee(f.info, c.Fun).(*types.Func)
	if !ok {
		return
	}
	fn = fn.Origin()
	d, ok := a.decls[fn]
	if !ok || d.decl.Body == nil || sp.wrapped[fn] {
		return
	}
	sp.wrapped[fn] = true
	calls, ok := a.wrappers[fn]
	if !ok {
		ast.Inspect(d.decl.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && setupNames[callName(call.Fun)] {
				calls = append(calls, call)
			}
			return true
		})
		a.wrappers[fn] = calls
	}
	for _, call := range calls {
		for _, arg := range call.Args {
			roots := a.argNodes(d.file, arg)
			sp.setup = append(sp.setup, roots...)
			if beforeNames[callName(call.Fun)] {
				sp.before = append(sp.before, roots...)
			}
		}
	}
}

// isArg reports whether e is an argument of c.
func isArg(c *ast.CallExpr, e ast.Expr) bool {
	for _, arg := range c.Args {
		if ast.Unparen(arg) == e {
			return true
		}
	}
	return false
}

// directCalls returns the calls made in a body, not counting those in
// nested function literals (other containers or specs).
func directCalls(body *ast.BlockStmt) []*ast.CallExpr {
	var calls []*ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			calls = append(calls, n)
		}
		return true
	})
	return calls
}

// argNodes returns the code an argument stands for: the function it names
// or is, or else the argument expression itself.
func (a *analyzer) argNodes(f *srcFile, e ast.Expr) []*node {
	if fns := a.funcArg(f, e); len(fns) > 0 {
		return fns
	}
	return []*node{a.node(e, f)}
}

// funcArg returns the functions an argument is or names: a function
// literal, a function or method, or a variable holding one.
func (a *analyzer) funcArg(f *srcFile, e ast.Expr) []*node {
	var obj types.Object
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		return []*node{a.node(x, f)}
	case *ast.Ident:
		obj = f.info.Uses[x]
	case *ast.SelectorExpr:
		obj = f.info.Uses[x.Sel]
	}
	var fns []*node
	switch o := obj.(type) {
	case *types.Func:
		fns = a.funcTargets(o)
	case *types.Var:
		for _, t := range a.varTargets(o) {
			switch t.root.(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				fns = append(fns, t)
			default:
				if ex, ok := t.root.(ast.Expr); ok && t.file != nil {
					if o2, ok := t.file.info.Uses[identOf(ex)].(*types.Func); ok {
						fns = append(fns, a.funcTargets(o2)...)
					}
				}
			}
		}
	}
	return fns
}

// identOf returns the identifier an expression names (x or pkg.x), or nil.
func identOf(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// site is a call of a function (call true), or a call passing it as an
// argument.
type site struct {
	call   *ast.CallExpr
	file   *srcFile
	isCall bool
}

// callersOf returns the calls of fn, and the calls passing it as an
// argument (ginkgo.Describe("x", defineTests)). For a method, the calls of
// the interface methods it implements count too.
func (a *analyzer) callersOf(fn *types.Func) []site {
	if a.sites == nil {
		a.indexSites()
	}
	sites := slices.Clone(a.sites[fn])
	if t := recvNamed(fn); t != nil && !types.IsInterface(t) {
		for _, im := range a.ifaceBy[fn.Name()] {
			if slices.Contains(a.implementations(im), fn) {
				sites = append(sites, a.sites[im]...)
			}
		}
	}
	return sites
}

// indexSites indexes the calls of module functions and methods.
func (a *analyzer) indexSites() {
	a.sites = map[types.Object][]site{}
	a.ifaceBy = map[string][]*types.Func{}
	add := func(fn *types.Func, c *ast.CallExpr, f *srcFile, isCall bool) {
		fn = fn.Origin()
		if !a.source[fn.Pkg()] {
			return
		}
		if isInterfaceMethod(fn) && len(a.sites[fn]) == 0 {
			a.ifaceBy[fn.Name()] = append(a.ifaceBy[fn.Name()], fn)
		}
		a.sites[fn] = append(a.sites[fn], site{call: c, file: f, isCall: isCall})
	}
	for _, f := range a.files {
		ast.Inspect(f.ast, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := callee(f.info, c.Fun).(*types.Func); ok {
				add(fn, c, f, true)
			}
			for _, arg := range c.Args {
				if id := identOf(arg); id != nil {
					if fn, ok := f.info.Uses[id].(*types.Func); ok {
						add(fn, c, f, false)
					}
				}
			}
			return true
		})
	}
}

// enclosing returns the calls and functions enclosing a site's call,
// outermost first.
func (a *analyzer) enclosing(s site) []ast.Node {
	nodes, _ := astutil.PathEnclosingInterval(s.file.ast, s.call.Pos(), s.call.End())
	var path []ast.Node
	for i := len(nodes) - 1; i >= 0; i-- {
		switch n := nodes[i].(type) {
		case *ast.CallExpr:
			if n != s.call {
				path = append(path, n)
			}
		case *ast.FuncLit, *ast.FuncDecl:
			path = append(path, n)
		}
	}
	return path
}

// env binds the parameters of a function being followed to the arguments
// of the call that reached it.
type env struct {
	sig  *types.Signature
	args []ast.Expr
	file *srcFile
	up   *env
}

// frameworkNames returns the base names of the frameworks a call creates:
// framework.NewDefaultFramework("x") or framework.NewFramework("x", ...),
// directly or through functions returning a framework.
func (a *analyzer) frameworkNames(f *srcFile, call *ast.CallExpr, up *env, depth int) []string {
	fn, ok := callee(f.info, call.Fun).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	if strings.HasSuffix(fn.Pkg().Path(), frameworkSuffix) && (fn.Name() == "NewDefaultFramework" || fn.Name() == "NewFramework") {
		if len(call.Args) == 0 {
			return nil
		}
		return a.stringValues(f, call.Args[0], up, 0)
	}
	d, ok := a.decls[fn]
	if !ok || d.decl.Body == nil || depth >= 4 || !returnsFramework(fn) {
		return nil
	}
	inner := &env{sig: fn.Signature(), args: call.Args, file: f, up: up}
	var names []string
	for _, c := range directCalls(d.decl.Body) {
		names = append(names, a.frameworkNames(d.file, c, inner, depth+1)...)
	}
	return names
}

// returnsFramework reports whether fn returns an e2e framework, or a
// struct (or pointer to one) holding one in a field.
func returnsFramework(fn *types.Func) bool {
	rs := fn.Signature().Results()
	for i := range rs.Len() {
		t := deref(rs.At(i).Type())
		if isFramework(t) {
			return true
		}
		if st, ok := t.Underlying().(*types.Struct); ok {
			for j := range st.NumFields() {
				if isFramework(deref(st.Field(j).Type())) {
					return true
				}
			}
		}
	}
	return false
}

// deref returns the type a pointer type points to, or t.
func deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return types.Unalias(p.Elem())
	}
	return t
}

// isFramework reports whether t is the e2e framework's Framework type.
func isFramework(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == "Framework" && n.Obj().Pkg() != nil && strings.HasSuffix(n.Obj().Pkg().Path(), frameworkSuffix)
}

// stringValues returns the constant string values e, written in f, may
// have: a constant, a variable defined as one, or a parameter bound by e.
func (a *analyzer) stringValues(f *srcFile, e ast.Expr, bound *env, depth int) []string {
	if s := constString(f.info, e); s != "" {
		return []string{s}
	}
	if depth >= 4 {
		return nil
	}
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
		var vals []string
		for _, x := range a.stringValues(f, b.X, bound, depth+1) {
			for _, y := range a.stringValues(f, b.Y, bound, depth+1) {
				vals = append(vals, x+y)
			}
		}
		return vals
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return nil
	}
	if bound != nil {
		ps := bound.sig.Params()
		for i := range ps.Len() {
			if ps.At(i) == v && i < len(bound.args) {
				return a.stringValues(bound.file, bound.args[i], bound.up, depth+1)
			}
		}
	}
	var vals []string
	for _, d := range a.defs[v.Origin()] {
		if df := a.fileAt(d.Pos()); df != nil {
			vals = append(vals, a.stringValues(df, d, bound, depth+1)...)
		}
	}
	return vals
}
