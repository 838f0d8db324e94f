package imagescan

import (
	"go/ast"
	"slices"
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

// nameLine returns the line of the name of the function a call calls:
// the line Go reports for the call, and so the line of Ginkgo's code
// location.
func (s *scanner) nameLine(fun ast.Expr) int {
	fun = ast.Unparen(fun)
	switch x := fun.(type) {
	case *ast.SelectorExpr:
		return s.fset.Position(x.Sel.Pos()).Line
	case *ast.IndexExpr:
		return s.nameLine(x.X)
	case *ast.IndexListExpr:
		return s.nameLine(x.X)
	}
	return s.fset.Position(fun.Pos()).Line
}

// leafsOf returns the leaf calls of f by line, computed once.
func (s *scanner) leafsOf(f *file) map[int][]leaf {
	if m, ok := s.leafs[f]; ok {
		return m
	}
	m := map[int][]leaf{}
	inspectPaths(f.ast, func(n ast.Node, path []ast.Node) {
		if call, ok := n.(*ast.CallExpr); ok && leafNames[callName(call.Fun)] {
			line := s.nameLine(call.Fun)
			m[line] = append(m[line], leaf{call: call, path: path})
		}
	})
	s.leafs[f] = m
	return m
}

// inspectPaths calls fn for every call and function in root, with the
// calls and functions enclosing it, outermost first. fn must not keep
// path beyond the call unless it copies it; inspectPaths passes a copy.
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
		for _, c := range children(n) {
			ast.Inspect(c, visit)
		}
		path = path[:len(path)-1]
		return false
	}
	ast.Inspect(root, visit)
}

// children returns the direct children of a call or function.
func children(n ast.Node) []ast.Node {
	var c []ast.Node
	switch n := n.(type) {
	case *ast.CallExpr:
		c = append(c, n.Fun)
		for _, a := range n.Args {
			c = append(c, a)
		}
	case *ast.FuncLit:
		c = append(c, n.Body)
	case *ast.FuncDecl:
		if n.Body != nil {
			c = append(c, n.Body)
		}
	}
	return c
}

// scanLeaf returns the images referenced by a leaf's own code (direct) and
// those reachable from it or from the setup nodes of its containers.
func (s *scanner) scanLeaf(f *file, lf leaf) (direct, reach set) {
	direct = newSet(len(s.ids))
	reach = newSet(len(s.ids))
	own, setup := s.leafRoots(f, lf)
	for _, n := range own {
		s.walk(n)
		direct.union(n.own)
		reach.union(s.closure(n))
	}
	for _, n := range setup {
		reach.union(s.closure(n))
	}
	return direct, reach
}

// leafRoots returns the code a leaf runs: its own (the arguments of the
// call, its body, and for an Entry the body of its table) and that of the
// setup nodes registered in its enclosing containers.
func (s *scanner) leafRoots(f *file, lf leaf) (own, setup []*node) {
	for _, a := range lf.call.Args {
		own = append(own, s.argNodes(f, a)...)
	}
	if entryNames[callName(lf.call.Fun)] {
		for i := len(lf.path) - 1; i >= 0; i-- {
			tc, ok := lf.path[i].(*ast.CallExpr)
			if !ok || !tableNames[callName(tc.Fun)] || len(tc.Args) == 0 {
				continue
			}
			for _, a := range tc.Args[1:] {
				if body := s.funcArg(f, a); len(body) > 0 {
					own = append(own, body...)
					break
				}
			}
			break
		}
	}
	setup = s.containerRoots(f, lf.path, map[*ast.FuncDecl]bool{})
	return own, setup
}

// containerRoots returns the setup nodes registered in the functions of
// path, in f. When the outermost one is a package-level function, which
// declares specs for its callers, it adds the arguments of every call of it
// in its package and the setup nodes around those calls, recursively.
func (s *scanner) containerRoots(f *file, path []ast.Node, seen map[*ast.FuncDecl]bool) []*node {
	var roots []*node
	for _, n := range path {
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
		for _, call := range setupCalls(body) {
			for _, a := range call.Args {
				roots = append(roots, s.argNodes(f, a)...)
			}
		}
	}
	if len(path) == 0 {
		return roots
	}
	fd, ok := path[0].(*ast.FuncDecl)
	if !ok || fd.Recv != nil || seen[fd] {
		return roots
	}
	seen[fd] = true
	for _, site := range s.callSites(f.pkg)[fd.Name.Name] {
		for _, a := range site.call.Args {
			roots = append(roots, s.argNodes(site.file, a)...)
		}
		roots = append(roots, s.containerRoots(site.file, site.path, seen)...)
	}
	return roots
}

// callSite is a call of a package-level function, with its enclosing
// calls and functions, outermost first.
type callSite struct {
	file *file
	call *ast.CallExpr
	path []ast.Node
}

// callSites returns the calls f() of p's package-level functions by
// name, computed once per package.
func (s *scanner) callSites(p *pkg) map[string][]callSite {
	if m, ok := s.sites[p]; ok {
		return m
	}
	m := map[string][]callSite{}
	for _, f := range p.files {
		inspectPaths(f.ast, func(n ast.Node, path []ast.Node) {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || len(p.funcs[id.Name]) == 0 {
				return
			}
			if id.Obj != nil && id.Obj.Kind != ast.Fun {
				return // a local variable of that name
			}
			m[id.Name] = append(m[id.Name], callSite{file: f, call: call, path: path})
		})
	}
	s.sites[p] = m
	return m
}

// argNodes returns the code an argument stands for: the function it names
// or is, or else the argument expression itself.
func (s *scanner) argNodes(f *file, a ast.Expr) []*node {
	if body := s.funcArg(f, a); len(body) > 0 {
		return body
	}
	return []*node{s.node(a, f)}
}

// funcArg returns the functions an argument is or names: a function
// literal, a function, or a variable whose value is a function literal.
func (s *scanner) funcArg(f *file, a ast.Expr) []*node {
	var targets []*node
	switch x := ast.Unparen(a).(type) {
	case *ast.FuncLit:
		return []*node{s.node(x, f)}
	case *ast.Ident:
		_, targets = s.identTargets(f, x)
	case *ast.SelectorExpr:
		w := &walker{s: s, f: f, own: newSet(len(s.ids))}
		w.selector(x)
		targets = w.edges
	}
	var fns []*node
	for _, t := range targets {
		switch t.root.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			fns = append(fns, t)
		}
	}
	return fns
}

// setupCalls returns the setup node calls made in a container body, not
// counting those in nested function literals (other containers or specs).
func setupCalls(body *ast.BlockStmt) []*ast.CallExpr {
	var calls []*ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if setupNames[callName(n.Fun)] {
				calls = append(calls, n)
			}
		}
		return true
	})
	return calls
}
