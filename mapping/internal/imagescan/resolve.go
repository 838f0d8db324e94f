package imagescan

import "go/ast"

// identTargets resolves a bare identifier in f: an ImageID constant (inside
// the image package), a function, or a variable whose defining expressions
// are then followed. It returns the image bit, or -1, and the code the
// identifier refers to.
func (s *scanner) identTargets(f *file, id *ast.Ident) (int, []*node) {
	obj := id.Obj
	switch {
	case id.Name == "_":
		return -1, nil
	case obj == nil || obj.Kind == ast.Fun || isPkgLevel(f.pkg, obj):
		return s.pkgMember(f.pkg, id.Name)
	case obj.Kind == ast.Con || obj.Kind == ast.Var:
		var targets []*node
		for _, e := range f.defs[obj] {
			targets = append(targets, s.node(e, f))
		}
		return -1, targets
	}
	return -1, nil
}

// isPkgLevel reports whether obj is a package-level variable or constant of p.
func isPkgLevel(p *pkg, obj *ast.Object) bool {
	for _, v := range p.values[obj.Name] {
		if v.spec == obj.Decl {
			return true
		}
	}
	return false
}

// pkgMember resolves a package-level name of p: an ImageID constant, the
// functions of that name, or the initialisers of the variables and
// constants of that name, with the values init functions assign them. The variables of the image package are its
// registry tables, which hold every image; they are not followed.
func (s *scanner) pkgMember(p *pkg, name string) (int, []*node) {
	if p == s.imagePkg {
		if b, ok := s.bit[name]; ok {
			return b, nil
		}
	}
	var targets []*node
	for _, fd := range p.funcs[name] {
		targets = append(targets, s.node(fd, p.declFile[fd]))
	}
	if p == s.imagePkg {
		return -1, targets
	}
	for _, v := range p.values[name] {
		if e := v.value(); e != nil {
			targets = append(targets, s.node(e, v.file))
		}
	}
	for _, d := range p.initDefs[name] {
		targets = append(targets, s.node(d.expr, d.file))
	}
	return -1, targets
}

// value returns the initialiser of v, or nil.
func (v valueDecl) value() ast.Expr {
	switch {
	case len(v.spec.Values) == len(v.spec.Names):
		return v.spec.Values[v.index]
	case len(v.spec.Values) == 1:
		return v.spec.Values[0]
	}
	return nil
}

// methodTargets resolves the method or field name of recv, written in f.
// When recv's type can be inferred, that type's methods (including promoted
// ones) are followed; for an interface of the module, the implementations
// in the interface's package. When the type cannot be inferred, every
// method of that name declared in f's package is followed.
func (s *scanner) methodTargets(f *file, recv ast.Expr, name string) []*node {
	t, ok := s.typeOf(f, recv, 0)
	if !ok {
		return s.funcNodes(s.pkgMethods(f.pkg, name))
	}
	tr, kind := s.named(t, 0)
	switch kind {
	case otherType:
		return nil
	case unknownType:
		return s.funcNodes(s.pkgMethods(f.pkg, name))
	}
	decls, iface := s.lookupMethod(tr, name, 0)
	if iface != nil {
		decls = s.implementations(*iface, name)
	}
	return s.funcNodes(decls)
}

// funcNodes returns the nodes of function declarations.
func (s *scanner) funcNodes(decls []*ast.FuncDecl) []*node {
	var nodes []*node
	for _, fd := range decls {
		nodes = append(nodes, s.node(fd, s.declFile[fd]))
	}
	return nodes
}

// pkgMethods returns the methods named name declared in p, on any type.
func (s *scanner) pkgMethods(p *pkg, name string) []*ast.FuncDecl {
	var decls []*ast.FuncDecl
	for _, recv := range p.recvs[name] {
		decls = append(decls, p.methods[recv][name]...)
	}
	return decls
}

// implementations returns the methods named name of the types declared in
// the package of the interface it that declare every method of it. Types
// of other packages are left out: a call through a widely implemented
// interface (storage drivers, for one) would otherwise reach every
// implementation. Methods promoted from embedded fields are not considered.
func (s *scanner) implementations(it typeRef, name string) []*ast.FuncDecl {
	key := implKey{it, name}
	if decls, ok := s.impls[key]; ok {
		return decls
	}
	want := map[string]bool{}
	s.interfaceMethods(it, want, 0)
	p := it.pkg
	var decls []*ast.FuncDecl
types:
	for _, recv := range p.recvs[name] {
		for m := range want {
			if len(p.methods[recv][m]) == 0 {
				continue types
			}
		}
		decls = append(decls, p.methods[recv][name]...)
	}
	s.impls[key] = decls
	return decls
}

// implKey identifies a method of an interface.
type implKey struct {
	iface  typeRef
	method string
}

// interfaceMethods adds the method names of the interface it to names,
// with those of the module interfaces it embeds.
func (s *scanner) interfaceMethods(it typeRef, names map[string]bool, depth int) {
	td := it.pkg.types[it.name]
	iface, ok := td.spec.Type.(*ast.InterfaceType)
	if !ok || depth > maxDepth {
		return
	}
	for _, m := range iface.Methods.List {
		for _, n := range m.Names {
			names[n.Name] = true
		}
		if len(m.Names) == 0 {
			if et, kind := s.named(texpr{m.Type, td.file}, depth+1); kind == moduleType {
				s.interfaceMethods(et, names, depth+1)
			}
		}
	}
}
