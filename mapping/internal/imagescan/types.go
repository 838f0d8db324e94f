package imagescan

import (
	"go/ast"
	"go/token"
)

// Type inference here is syntactic: it follows declarations (parameters,
// variables, function results, struct fields, range clauses) to a type
// expression, without type checking. It is used only to pick the methods a
// call x.M() may run.

// texpr is a type expression and the file it is written in. A nil e stands
// for a type known not to have module methods, such as a basic type.
type texpr struct {
	e ast.Expr
	f *file
}

// typeRef is a named type declared in the module.
type typeRef struct {
	pkg  *pkg
	name string
}

// The kinds of type a type expression names.
const (
	unknownType = iota // cannot tell: a type parameter, a local type
	otherType          // from outside the module, basic or unnamed
	moduleType         // a named type of the module
)

// maxDepth bounds the declarations type inference follows.
const maxDepth = 12

// named returns the module type a type expression names, following
// pointers, instantiations and aliases.
func (s *scanner) named(t texpr, depth int) (typeRef, int) {
	if t.e == nil {
		return typeRef{}, otherType
	}
	if depth > maxDepth {
		return typeRef{}, unknownType
	}
	switch x := t.e.(type) {
	case *ast.ParenExpr:
		return s.named(texpr{x.X, t.f}, depth+1)
	case *ast.StarExpr:
		return s.named(texpr{x.X, t.f}, depth+1)
	case *ast.IndexExpr:
		return s.named(texpr{x.X, t.f}, depth+1)
	case *ast.IndexListExpr:
		return s.named(texpr{x.X, t.f}, depth+1)
	case *ast.Ident:
		if predeclared[x.Name] {
			return typeRef{}, otherType
		}
		if x.Obj != nil && x.Obj.Decl != t.f.pkg.types[x.Name].spec {
			return typeRef{}, unknownType // a type parameter, or a type declared in a function
		}
		return s.namedIn(t.f.pkg, x.Name, depth)
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return typeRef{}, unknownType
		}
		dir, ok := t.f.imports[id.Name]
		if !ok {
			return typeRef{}, otherType
		}
		p := s.pkgs[dir]
		if p == nil {
			return typeRef{}, otherType
		}
		return s.namedIn(p, x.Sel.Name, depth)
	}
	return typeRef{}, otherType
}

// namedIn returns the type name of p, following aliases.
func (s *scanner) namedIn(p *pkg, name string, depth int) (typeRef, int) {
	td, ok := p.types[name]
	if !ok {
		return typeRef{}, unknownType // a type parameter
	}
	if td.spec.Assign.IsValid() {
		return s.named(texpr{td.spec.Type, td.file}, depth+1)
	}
	return typeRef{pkg: p, name: name}, moduleType
}

// predeclared lists Go's predeclared type names.
var predeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true,
	"complex128": true, "error": true, "float32": true, "float64": true, "int": true,
	"int8": true, "int16": true, "int32": true, "int64": true, "rune": true,
	"string": true, "uint": true, "uint8": true, "uint16": true, "uint32": true,
	"uint64": true, "uintptr": true,
}

// underlying returns the type expression a module type is defined as, or t
// itself.
func (s *scanner) underlying(t texpr) texpr {
	for range maxDepth {
		if st, ok := t.e.(*ast.StarExpr); ok {
			t.e = st.X
			continue
		}
		tr, kind := s.named(t, 0)
		if kind != moduleType {
			return t
		}
		td := tr.pkg.types[tr.name]
		t = texpr{td.spec.Type, td.file}
	}
	return t
}

// elemType returns the type of the keys (key true) or elements of a
// slice, array, map, channel or variadic parameter.
func (s *scanner) elemType(t texpr, key bool) (texpr, bool) {
	u := s.underlying(t)
	switch x := u.e.(type) {
	case *ast.ArrayType:
		if key {
			return texpr{}, true
		}
		return texpr{x.Elt, u.f}, true
	case *ast.Ellipsis:
		if key {
			return texpr{}, true
		}
		return texpr{x.Elt, u.f}, true
	case *ast.MapType:
		if key {
			return texpr{x.Key, u.f}, true
		}
		return texpr{x.Value, u.f}, true
	case *ast.ChanType:
		return texpr{x.Value, u.f}, true
	case *ast.Ident:
		return texpr{}, predeclared[x.Name]
	}
	return texpr{}, false
}

// typeOf infers the type of an expression written in f. It reports false
// when it cannot.
func (s *scanner) typeOf(f *file, e ast.Expr, depth int) (texpr, bool) {
	if depth > maxDepth {
		return texpr{}, false
	}
	if m, ok := s.types[e]; ok {
		return m.t, m.ok
	}
	s.types[e] = typeMemo{} // breaks cycles through recursive declarations
	t, ok := s.inferType(f, e, depth)
	s.types[e] = typeMemo{t, ok}
	return t, ok
}

type typeMemo struct {
	t  texpr
	ok bool
}

func (s *scanner) inferType(f *file, e ast.Expr, depth int) (texpr, bool) {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return s.typeOf(f, x.X, depth+1)
	case *ast.StarExpr:
		t, ok := s.typeOf(f, x.X, depth+1)
		if st, isPtr := t.e.(*ast.StarExpr); ok && isPtr {
			t.e = st.X
		}
		return t, ok
	case *ast.UnaryExpr:
		if x.Op == token.ARROW {
			t, ok := s.typeOf(f, x.X, depth+1)
			if !ok {
				return t, ok
			}
			return s.elemType(t, false)
		}
		return s.typeOf(f, x.X, depth+1)
	case *ast.BasicLit:
		return texpr{}, true
	case *ast.CompositeLit:
		return texpr{x.Type, f}, x.Type != nil
	case *ast.TypeAssertExpr:
		return texpr{x.Type, f}, x.Type != nil
	case *ast.FuncLit:
		return texpr{}, true
	case *ast.CallExpr:
		return s.resultType(f, x, 0, depth+1)
	case *ast.IndexExpr:
		t, ok := s.typeOf(f, x.X, depth+1)
		if !ok {
			return t, ok
		}
		return s.elemType(t, false)
	case *ast.SliceExpr:
		return s.typeOf(f, x.X, depth+1)
	case *ast.Ident:
		return s.identType(f, x, depth+1)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil {
			if dir, ok := f.imports[id.Name]; ok {
				p := s.pkgs[dir]
				if p == nil {
					return texpr{}, false
				}
				return s.valueType(p, x.Sel.Name, depth+1)
			}
		}
		t, ok := s.typeOf(f, x.X, depth+1)
		if !ok {
			return t, ok
		}
		tr, kind := s.named(t, depth+1)
		if kind != moduleType {
			return texpr{}, kind == otherType
		}
		return s.fieldType(tr, x.Sel.Name, depth+1)
	}
	return texpr{}, false
}

// identType infers the type of a variable or constant.
func (s *scanner) identType(f *file, id *ast.Ident, depth int) (texpr, bool) {
	obj := id.Obj
	if obj == nil {
		return s.valueType(f.pkg, id.Name, depth)
	}
	if obj.Kind != ast.Var && obj.Kind != ast.Con {
		return texpr{}, false
	}
	switch d := obj.Decl.(type) {
	case *ast.Field:
		return texpr{d.Type, f}, true
	case *ast.ValueSpec:
		if d.Type != nil {
			return texpr{d.Type, f}, true
		}
		for i, n := range d.Names {
			if n.Obj == obj {
				return s.assignedType(f, d.Values, len(d.Names), i, depth)
			}
		}
	case *ast.AssignStmt:
		for i, lhs := range d.Lhs {
			if l, ok := lhs.(*ast.Ident); ok && l.Obj == obj {
				return s.assignedType(f, d.Rhs, len(d.Lhs), i, depth)
			}
		}
	}
	return texpr{}, false
}

// valueType infers the type of a package-level variable or constant of p.
func (s *scanner) valueType(p *pkg, name string, depth int) (texpr, bool) {
	vs := p.values[name]
	if len(vs) == 0 {
		return texpr{}, false
	}
	v := vs[0]
	if v.spec.Type != nil {
		return texpr{v.spec.Type, v.file}, true
	}
	return s.assignedType(v.file, v.spec.Values, len(v.spec.Names), v.index, depth)
}

// assignedType infers the type of the i-th of n names assigned rhs. The
// go/parser declares the variables of a range clause with an assignment
// from a unary expression with the operator token.RANGE.
func (s *scanner) assignedType(f *file, rhs []ast.Expr, n, i, depth int) (texpr, bool) {
	if len(rhs) == n {
		return s.typeOf(f, rhs[i], depth)
	}
	if len(rhs) != 1 {
		return texpr{}, false
	}
	switch r := rhs[0].(type) {
	case *ast.CallExpr:
		return s.resultType(f, r, i, depth)
	case *ast.TypeAssertExpr:
		if i == 0 {
			return texpr{r.Type, f}, r.Type != nil
		}
		return texpr{}, true
	case *ast.IndexExpr:
		if i == 0 {
			return s.typeOf(f, r, depth)
		}
		return texpr{}, true
	case *ast.UnaryExpr:
		switch r.Op {
		case token.RANGE:
			t, ok := s.typeOf(f, r.X, depth)
			if !ok {
				return t, ok
			}
			return s.elemType(t, i == 0)
		case token.ARROW:
			if i == 0 {
				return s.typeOf(f, r, depth)
			}
			return texpr{}, true
		}
	}
	return texpr{}, false
}

// resultType infers the type of the i-th result of a call written in f.
func (s *scanner) resultType(f *file, call *ast.CallExpr, i, depth int) (texpr, bool) {
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr:
		fun = x.X
	case *ast.IndexListExpr:
		fun = x.X
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StarExpr:
		return texpr{fun, f}, true // a conversion
	}
	var decls []*ast.FuncDecl
	switch x := fun.(type) {
	case *ast.Ident:
		switch {
		case x.Obj != nil && x.Obj.Kind == ast.Fun:
			if fd, ok := x.Obj.Decl.(*ast.FuncDecl); ok {
				decls = []*ast.FuncDecl{fd}
			}
		case x.Obj != nil:
			return texpr{}, false // a function value
		case len(f.pkg.funcs[x.Name]) > 0:
			decls = f.pkg.funcs[x.Name]
		case f.pkg.types[x.Name].spec != nil || predeclared[x.Name]:
			return texpr{fun, f}, true // a conversion
		case len(call.Args) > 0 && (x.Name == "new" || x.Name == "make"):
			return texpr{call.Args[0], f}, true
		case len(call.Args) > 0 && x.Name == "append":
			return s.typeOf(f, call.Args[0], depth)
		default:
			return texpr{}, false
		}
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil {
			if dir, ok := f.imports[id.Name]; ok {
				p := s.pkgs[dir]
				switch {
				case p == nil:
					return texpr{}, false
				case p.types[x.Sel.Name].spec != nil:
					return texpr{fun, f}, true // a conversion
				}
				decls = p.funcs[x.Sel.Name]
				break
			}
			if _, ok := f.pkg.values[id.Name]; !ok {
				return texpr{}, true // a function from outside the module
			}
		}
		t, ok := s.typeOf(f, x.X, depth)
		if !ok {
			return t, ok
		}
		tr, kind := s.named(t, depth)
		if kind != moduleType {
			return texpr{}, kind == otherType
		}
		decls, _ = s.lookupMethod(tr, x.Sel.Name, depth)
	default:
		return texpr{}, false
	}
	if len(decls) == 0 {
		return texpr{}, false
	}
	fd := decls[0]
	if fd.Type.Results == nil {
		return texpr{}, true
	}
	k := 0
	for _, r := range fd.Type.Results.List {
		n := max(len(r.Names), 1)
		if i < k+n {
			return texpr{r.Type, s.declFile[fd]}, true
		}
		k += n
	}
	return texpr{}, false
}

// fieldType returns the type of the field name of t, including promoted
// fields.
func (s *scanner) fieldType(t typeRef, name string, depth int) (texpr, bool) {
	if depth > maxDepth {
		return texpr{}, false
	}
	td := t.pkg.types[t.name]
	st, ok := td.spec.Type.(*ast.StructType)
	if !ok {
		return texpr{}, len(t.pkg.methods[t.name][name]) > 0 // a method value
	}
	for _, fld := range st.Fields.List {
		for _, n := range fld.Names {
			if n.Name == name {
				return texpr{fld.Type, td.file}, true
			}
		}
	}
	for _, fld := range st.Fields.List {
		if len(fld.Names) > 0 {
			continue
		}
		et, kind := s.named(texpr{fld.Type, td.file}, depth+1)
		if kind != moduleType {
			continue
		}
		if ft, ok := s.fieldType(et, name, depth+1); ok {
			return ft, true
		}
	}
	return texpr{}, false
}

// lookupMethod returns the methods named name of t, including those
// promoted from embedded fields. For an interface type of the module, it
// returns the interface instead.
func (s *scanner) lookupMethod(t typeRef, name string, depth int) ([]*ast.FuncDecl, *typeRef) {
	if depth > maxDepth {
		return nil, nil
	}
	if decls := t.pkg.methods[t.name][name]; len(decls) > 0 {
		return decls, nil
	}
	td := t.pkg.types[t.name]
	switch u := td.spec.Type.(type) {
	case *ast.InterfaceType:
		return nil, &t
	case *ast.StructType:
		for _, fld := range u.Fields.List {
			if len(fld.Names) > 0 {
				continue
			}
			et, kind := s.named(texpr{fld.Type, td.file}, depth+1)
			if kind != moduleType {
				continue
			}
			if decls, iface := s.lookupMethod(et, name, depth+1); len(decls) > 0 || iface != nil {
				return decls, iface
			}
		}
	}
	return nil, nil
}
