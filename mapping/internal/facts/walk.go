package facts

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// node is a piece of code that may run: a function declaration, a function
// literal, or an expression that defines a variable's value.
type node struct {
	root ast.Node
	file *srcFile
	sig  *types.Signature // a function declaration's signature, for its parameters

	walked bool
	own    set     // images and facts in root's own syntax
	edges  []*node // code root refers to
	// uncond are the functions root calls unconditionally, and
	// uncondSkips the unconditional skips (Skipf, ginkgo.Skip) it calls
	// unconditionally, outside nested function literals.
	uncond      []*node
	uncondSkips []int
	// calls are root's calls of module functions taking strings, whose
	// arguments may pin pods (createTestPod(f, img, "windows")).
	calls []callRec
	// ownPins are root's pins whose OS is one of its parameters.
	ownPins []paramPin

	derived bool
	pins    []paramPin
	pinned  int // 0 not computed, 1 computing, 2 done

	// Tarjan's strongly connected components, to compute all.
	index, low int
	onStack    bool
	done       bool
	all        set // own, plus the images and facts of everything reachable

	mark int // the search generation that last visited it
}

// callRec is a call of a module function.
type callRec struct {
	target *node
	call   *ast.CallExpr
	distro bool
}

// paramPin is a pin whose OS is the value of a parameter.
type paramPin struct {
	param  int
	kind   string
	pos    token.Pos
	distro bool
}

// node returns the memoised node for root, declared in f.
func (a *analyzer) node(root ast.Node, f *srcFile) *node {
	if n, ok := a.nodes[root]; ok {
		return n
	}
	n := &node{root: root, file: f}
	if fd, ok := root.(*ast.FuncDecl); ok {
		if fn, ok := f.info.Defs[fd.Name].(*types.Func); ok {
			n.sig = fn.Signature()
		}
	}
	a.nodes[root] = n
	return n
}

// exprNode returns the node of an expression defining a value.
func (a *analyzer) exprNode(e ast.Expr) *node {
	f := a.fileAt(e.Pos())
	if f == nil {
		return nil
	}
	if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
		return a.node(lit, f)
	}
	return a.node(e, f)
}

// funcNode returns the node of a module function, or nil.
func (a *analyzer) funcNode(fn *types.Func) *node {
	d, ok := a.decls[fn.Origin()]
	if !ok || d.decl.Body == nil {
		return nil
	}
	return a.node(d.decl, d.file)
}

// walk collects the images, facts and edges of n's syntax, once.
func (a *analyzer) walk(n *node) {
	if n.walked {
		return
	}
	n.walked = true
	w := &walker{a: a, n: n, info: n.file.info}
	switch r := n.root.(type) {
	case *ast.FuncDecl:
		if r.Body != nil {
			w.visit(r.Body, state{})
		}
	case *ast.FuncLit:
		w.visit(r.Body, state{})
	default:
		// A variable's defining expression runs where it is written,
		// not where the variable is used.
		w.visit(r, state{nested: true})
	}
}

// state is where the walker is in a function.
type state struct {
	cond   bool // under a condition, a loop, or after an early return
	distro bool // where framework.NodeOSDistroIs("windows") holds
	// nonWin is where it does not: pins there do not apply to Windows
	// runs, and are left out.
	nonWin bool
	nested bool // in a function literal nested in the node's root
}

// walker collects the images, facts and edges of one node.
type walker struct {
	a    *analyzer
	n    *node
	info *types.Info
}

func (w *walker) visit(x ast.Node, st state) {
	switch x := x.(type) {
	case nil:
	case *ast.FuncLit:
		w.visit(x.Body, state{nested: true, distro: st.distro, nonWin: st.nonWin})
	case *ast.BlockStmt:
		w.block(x.List, st)
	case *ast.IfStmt:
		w.visit(x.Init, st)
		w.visit(x.Cond, st)
		body := st
		body.cond = true
		els := body
		switch w.distroCond(x.Cond) {
		case 1:
			body.distro, els.nonWin = true, true
		case -1:
			body.nonWin, els.distro = true, true
		}
		w.visit(x.Body, body)
		w.visit(x.Else, els)
	case *ast.ForStmt:
		w.visit(x.Init, st)
		st.cond = true
		w.visit(x.Cond, st)
		w.visit(x.Post, st)
		w.visit(x.Body, st)
	case *ast.RangeStmt:
		w.visit(x.X, st)
		st.cond = true
		w.visit(x.Body, st)
	case *ast.SwitchStmt:
		w.visit(x.Init, st)
		w.visit(x.Tag, st)
		st.cond = true
		w.visit(x.Body, st)
	case *ast.TypeSwitchStmt:
		w.visit(x.Init, st)
		w.visit(x.Assign, st)
		st.cond = true
		w.visit(x.Body, st)
	case *ast.SelectStmt:
		st.cond = true
		w.visit(x.Body, st)
	case *ast.CaseClause:
		for _, e := range x.List {
			w.visit(e, st)
		}
		w.block(x.Body, st)
	case *ast.CommClause:
		w.visit(x.Comm, st)
		w.block(x.Body, st)
	case *ast.BinaryExpr:
		w.visit(x.X, st)
		if x.Op == token.LAND || x.Op == token.LOR {
			st.cond = true
		}
		w.visit(x.Y, st)
	case *ast.GoStmt:
		st.cond = true
		w.visit(x.Call, st)
	case *ast.CallExpr:
		w.call(x, st)
	case *ast.CompositeLit:
		w.composite(x, st)
	case *ast.AssignStmt:
		w.assign(x, st)
	case *ast.Ident:
		w.reference(w.info.Uses[x])
	case *ast.SelectorExpr:
		w.visit(x.X, st)
		w.reference(w.info.Uses[x.Sel])
	case *ast.ValueSpec:
		for _, v := range x.Values {
			w.visit(v, st)
		}
	case *ast.GenDecl:
		if x.Tok == token.VAR || x.Tok == token.CONST {
			for _, s := range x.Specs {
				w.visit(s, st)
			}
		}
	case *ast.TypeAssertExpr:
		w.visit(x.X, st)
	case *ast.FuncType, *ast.TypeSpec, *ast.InterfaceType, *ast.StructType, *ast.MapType,
		*ast.ChanType, *ast.ArrayType, *ast.BranchStmt, *ast.BasicLit, *ast.ImportSpec:
	default:
		w.children(x, st)
	}
}

// children visits the direct children of x.
func (w *walker) children(x ast.Node, st state) {
	ast.Inspect(x, func(c ast.Node) bool {
		if c == x {
			return true
		}
		if c != nil {
			w.visit(c, st)
		}
		return false
	})
}

// block visits a statement list; the statements after one that may return
// are conditional.
func (w *walker) block(list []ast.Stmt, st state) {
	returned := false
	for _, s := range list {
		c := st
		if returned {
			c.cond = true
		}
		w.visit(s, c)
		if !returned && mayReturn(s) {
			returned = true
		}
	}
}

// mayReturn reports whether a statement contains a return statement
// outside function literals.
func mayReturn(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// distroCond reports whether an if condition is
// framework.NodeOSDistroIs(..., "windows", ...) (1), its negation (-1), or
// else (0); a conjunction with it counts as it.
func (w *walker) distroCond(cond ast.Expr) int {
	switch x := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return -w.distroCond(x.X)
		}
	case *ast.BinaryExpr:
		if x.Op == token.LAND && (w.distroCond(x.X) == 1 || w.distroCond(x.Y) == 1) {
			return 1
		}
	case *ast.CallExpr:
		if callName(x.Fun) != "NodeOSDistroIs" {
			return 0
		}
		for _, arg := range x.Args {
			if w.constString(arg) == OSWindows {
				return 1
			}
		}
	}
	return 0
}

// edge records that n may run t.
func (w *walker) edge(t *node) {
	if t == nil || t == w.n {
		return
	}
	if t.file.pkg.Types == w.a.imagePkg && w.n.file.pkg.Types != w.a.imagePkg {
		// A function of the image package, such as GetPauseImageName,
		// counts as a reference to the images it refers to.
		w.n.own = w.n.own.union(w.a.imageClosure(t))
		return
	}
	w.n.edges = append(w.n.edges, t)
}

// reference handles a use of obj.
func (w *walker) reference(obj types.Object) {
	switch o := obj.(type) {
	case *types.Const:
		if b, ok := w.a.imageBit[o]; ok {
			w.n.own = w.n.own.add(b)
		}
	case *types.Func:
		for _, t := range w.a.funcTargets(o) {
			w.edge(t)
		}
	case *types.Var:
		for _, t := range w.a.varTargets(o) {
			w.edge(t)
		}
	}
}

// funcTargets returns the code a function or method may run: its
// declaration, or for an interface method, the implementations in the
// module of interfaces declared in the module. The skipper package's
// functions are not followed: their calls are facts.
func (a *analyzer) funcTargets(fn *types.Func) []*node {
	fn = fn.Origin()
	if fn.Pkg() == nil || isSkipperPkg(fn.Pkg()) {
		return nil
	}
	if isInterfaceMethod(fn) {
		var targets []*node
		for _, m := range a.implementations(fn) {
			if t := a.funcNode(m); t != nil {
				targets = append(targets, t)
			}
		}
		return targets
	}
	if t := a.funcNode(fn); t != nil {
		return []*node{t}
	}
	return nil
}

// varTargets returns the code defining a variable's value. The image
// package's variables are registry tables holding every image, and struct
// fields are followed only when they hold functions.
func (a *analyzer) varTargets(v *types.Var) []*node {
	v = v.Origin()
	if v.Pkg() == nil || v.Pkg() == a.imagePkg || v.IsField() && !isFunc(v.Type()) {
		return nil
	}
	var targets []*node
	for _, e := range a.defs[v] {
		if t := a.exprNode(e); t != nil {
			targets = append(targets, t)
		}
	}
	return targets
}

// callee returns the object a call calls: a function, a method, or a
// variable of function type; nil for conversions and builtins.
func callee(info *types.Info, fun ast.Expr) types.Object {
	switch x := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return info.Uses[x]
	case *ast.SelectorExpr:
		return info.Uses[x.Sel]
	case *ast.IndexExpr:
		return callee(info, x.X)
	case *ast.IndexListExpr:
		return callee(info, x.X)
	}
	return nil
}

// call handles a call: a skip, or a call of module code.
func (w *walker) call(c *ast.CallExpr, st state) {
	obj := callee(w.info, c.Fun)
	if name, kind, uncondKind, ok := skipFunc(obj); ok {
		id := w.a.skipFact(w.info, c, name, kind, st.cond)
		w.n.own = w.n.own.add(id)
		if uncondKind && !st.cond && !st.nested {
			w.n.uncondSkips = append(w.n.uncondSkips, id)
		}
		for _, arg := range c.Args {
			w.visit(arg, st)
		}
		return
	}
	if !st.cond && !st.nested {
		if t := w.a.callTarget(obj); t != nil && t != w.n {
			w.n.uncond = append(w.n.uncond, t)
		}
	}
	if fn, ok := obj.(*types.Func); ok && takesString(fn) && !isInterfaceMethod(fn) {
		if t := w.a.funcNode(fn); t != nil {
			if !st.nonWin {
				w.n.calls = append(w.n.calls, callRec{target: t, call: c, distro: st.distro})
			}
		}
	}
	w.visit(c.Fun, st)
	for _, arg := range c.Args {
		w.visit(arg, st)
	}
}

// callTarget returns the single piece of code a call certainly runs: a
// module function, a method of a concrete type, or the function literal
// a variable holds when it has a single definition.
func (a *analyzer) callTarget(obj types.Object) *node {
	var targets []*node
	switch o := obj.(type) {
	case *types.Func:
		targets = a.funcTargets(o)
	case *types.Var:
		targets = a.varTargets(o)
		if len(targets) == 1 {
			if _, ok := targets[0].root.(*ast.FuncLit); !ok {
				return nil
			}
		}
	}
	if len(targets) == 1 {
		return targets[0]
	}
	return nil
}

// takesString reports whether a function has a parameter of a string type.
func takesString(fn *types.Func) bool {
	ps := fn.Signature().Params()
	for i := range ps.Len() {
		if isString(ps.At(i).Type()) {
			return true
		}
	}
	return false
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isInterfaceMethod reports whether fn is an interface's method.
func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// isSkipperPkg reports whether p is the e2e framework's skipper package.
func isSkipperPkg(p *types.Package) bool {
	return p != nil && strings.HasSuffix(p.Path(), skipperSuffix)
}

// skipFunc reports whether obj is a skip function: a Skip function of the
// skipper package (or its Skip variable) or ginkgo.Skip. It returns the
// function's "package.Name" name, its kind, and whether it skips
// unconditionally.
func skipFunc(obj types.Object) (name, kind string, uncond, ok bool) {
	if obj == nil || obj.Pkg() == nil || !strings.HasPrefix(obj.Name(), "Skip") {
		return "", "", false, false
	}
	switch o := obj.(type) {
	case *types.Func:
		if isInterfaceMethod(o) || o.Signature().Recv() != nil {
			return "", "", false, false
		}
	case *types.Var:
		if !isFunc(o.Type()) {
			return "", "", false, false
		}
	default:
		return "", "", false, false
	}
	switch {
	case isSkipperPkg(obj.Pkg()):
		name = "e2eskipper." + obj.Name()
	case obj.Pkg().Name() == "ginkgo" && obj.Name() == "Skip":
		name = "ginkgo.Skip"
	default:
		return "", "", false, false
	}
	n := obj.Name()
	switch {
	case n == "Skip" || n == "Skipf":
		return name, KindOther, true, true
	case strings.Contains(n, "ProviderIs"):
		kind = KindProvider
	case strings.Contains(n, "NodeOSDistroIs"):
		kind = KindNodeOSDistro
	case strings.Contains(n, "FeatureGate"):
		kind = KindFeatureGate
	case strings.Contains(n, "NodeCountIsAt"):
		kind = KindNodeCount
	default:
		kind = KindOther
	}
	return name, kind, false, true
}

// assign handles an assignment: pod.Spec.NodeSelector["kubernetes.io/os"]
// = "windows" pins; the variables and fields assigned are definitions, not
// uses.
func (w *walker) assign(x *ast.AssignStmt, st state) {
	for i, lhs := range x.Lhs {
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
		case *ast.SelectorExpr:
			w.visit(l.X, st)
		case *ast.IndexExpr:
			if len(x.Lhs) == len(x.Rhs) && w.osLabelMap(l.X, l.Index) {
				w.pin(ViaNodeSelector, x.Rhs[i], l.Pos(), st)
			}
			w.visit(l, st)
		default:
			w.visit(l, st)
		}
	}
	for _, r := range x.Rhs {
		w.visit(r, st)
	}
}

// osLabelMap reports whether m[key] is a plain map entry on the
// kubernetes.io/os label.
func (w *walker) osLabelMap(m, key ast.Expr) bool {
	t := w.info.TypeOf(m)
	if t == nil {
		return false
	}
	if _, named := types.Unalias(t).(*types.Named); named {
		return false
	}
	if _, ok := t.Underlying().(*types.Map); !ok {
		return false
	}
	return isOSLabel(w.constString(key))
}

// isOSLabel reports whether s is the node OS label.
func isOSLabel(s string) bool {
	return s == "kubernetes.io/os" || s == "beta.kubernetes.io/os"
}

// constString returns the value of a constant string expression, or "".
func (w *walker) constString(e ast.Expr) string {
	return constString(w.info, e)
}

func constString(info *types.Info, e ast.Expr) string {
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value)
	}
	return ""
}

// composite handles a composite literal: node selectors, node affinity
// requirements and pod OS fields pin pods. Struct field names are not
// references.
func (w *walker) composite(x *ast.CompositeLit, st state) {
	t := w.info.TypeOf(x)
	if t == nil {
		w.children(x, st)
		return
	}
	switch t.Underlying().(type) {
	case *types.Map:
		if _, named := types.Unalias(t).(*types.Named); !named {
			for _, e := range x.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok && isOSLabel(w.constString(kv.Key)) {
					w.pin(ViaNodeSelector, kv.Value, kv.Pos(), st)
				}
			}
		}
	case *types.Struct:
		fields := map[string]ast.Expr{}
		for _, e := range x.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					fields[id.Name] = kv.Value
				}
				w.visit(kv.Value, st)
				continue
			}
			w.visit(e, st)
		}
		switch typeName(t) {
		case "NodeSelectorRequirement":
			w.affinity(x, fields, st)
		case "PodOS":
			w.n.own = w.n.own.add(w.a.pinFact(factPodOS, "", x.Pos()))
			if v, ok := fields["Name"]; ok {
				w.pin(ViaPodOS, v, x.Pos(), st)
			}
		}
		return
	}
	for _, e := range x.Elts {
		w.visit(e, st)
	}
}

// affinity handles a node selector requirement on the OS label: In (or no
// operator) with the OS values.
func (w *walker) affinity(x *ast.CompositeLit, fields map[string]ast.Expr, st state) {
	key, ok := fields["Key"]
	if !ok || !isOSLabel(w.constString(key)) {
		return
	}
	if op, ok := fields["Operator"]; ok && w.constString(op) != "In" {
		return
	}
	vals, ok := ast.Unparen(fields["Values"]).(*ast.CompositeLit)
	if !ok {
		return
	}
	for _, v := range vals.Elts {
		w.pin(ViaAffinity, v, x.Pos(), st)
	}
}

// typeName returns the name of a named type or of the type a pointer
// points to, or "".
func typeName(t types.Type) string {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// pin records that the code pins pods with the OS value e: a constant, a
// variable defined as one, or one of the function's parameters (then
// resolved at the calls).
func (w *walker) pin(kind string, e ast.Expr, pos token.Pos, st state) {
	if st.nonWin {
		return
	}
	if st.distro {
		kind = ViaDistroHelper
	}
	vals, params := w.a.osValues(w.n, e, 0)
	for _, v := range vals {
		if os := normOS(v); os != "" {
			w.n.own = w.n.own.add(w.a.pinFact(kind, os, pos))
		}
	}
	for _, p := range params {
		w.n.ownPins = append(w.n.ownPins, paramPin{param: p, kind: kind, pos: pos, distro: st.distro})
	}
}

// normOS returns the OS a pin value names, or "".
func normOS(v string) string {
	switch strings.ToLower(v) {
	case OSWindows:
		return OSWindows
	case OSLinux:
		return OSLinux
	}
	return ""
}

// osValues returns the constant string values e may have in n, and the
// indices of n's parameters it may be.
func (a *analyzer) osValues(n *node, e ast.Expr, depth int) (vals []string, params []int) {
	f := a.fileAt(e.Pos())
	if f == nil {
		return nil, nil
	}
	if s := constString(f.info, e); s != "" {
		return []string{s}, nil
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok {
		return nil, nil
	}
	if n.sig != nil {
		ps := n.sig.Params()
		for i := range ps.Len() {
			if ps.At(i) == v {
				if n.sig.Variadic() && i == ps.Len()-1 {
					return nil, nil
				}
				return nil, []int{i}
			}
		}
	}
	if depth >= 3 || v.IsField() {
		return nil, nil
	}
	for _, d := range a.defs[v.Origin()] {
		vs, ps := a.osValues(n, d, depth+1)
		vals = append(vals, vs...)
		params = append(params, ps...)
	}
	return vals, params
}

// imageClosure returns the images a function of the image package refers
// to, directly or through the image package functions it calls.
func (a *analyzer) imageClosure(n *node) set {
	if s, ok := a.imgMemo[n]; ok {
		return s
	}
	a.imgMemo[n] = nil // breaks cycles
	a.walk(n)
	var s set
	s = s.union(n.own)
	for _, t := range n.edges {
		s = s.union(a.imageClosure(t))
	}
	a.imgMemo[n] = s
	return s
}
