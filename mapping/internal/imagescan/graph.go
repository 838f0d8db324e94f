package imagescan

import (
	"go/ast"
	"math/bits"
)

// set is a set of image bit indices.
type set []uint64

func newSet(n int) set { return make(set, (n+63)/64) }

func (s set) add(i int) { s[i/64] |= 1 << (i % 64) }

func (s set) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }

func (s set) union(t set) {
	for i := range s {
		s[i] |= t[i]
	}
}

func (s set) clone() set { return append(set(nil), s...) }

// each calls fn for every index in s, in increasing order.
func (s set) each(fn func(int)) {
	for w, word := range s {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			fn(w*64 + b)
			word &^= 1 << b
		}
	}
}

// node is a piece of code that may run: a function declaration, a function
// literal, or an expression that defines a variable's value.
type node struct {
	root ast.Node
	file *file

	walked bool
	own    set     // images referenced in root's own syntax
	edges  []*node // code root refers to

	// Tarjan's strongly connected components, to compute all.
	index, low int
	onStack    bool
	done       bool
	all        set // own, plus the images of everything reachable
}

// node returns the memoised node for root, declared in f.
func (s *scanner) node(root ast.Node, f *file) *node {
	if n, ok := s.nodes[root]; ok {
		return n
	}
	n := &node{root: root, file: f}
	s.nodes[root] = n
	return n
}

// walk collects the images and edges of n's syntax, once.
func (s *scanner) walk(n *node) {
	if n.walked {
		return
	}
	n.walked = true
	n.own = newSet(len(s.ids))
	w := &walker{s: s, f: n.file, own: n.own}
	switch r := n.root.(type) {
	case *ast.FuncDecl:
		if r.Body != nil {
			w.visit(r.Body)
		}
	case *ast.FuncLit:
		w.visit(r.Body)
	default:
		w.visit(r)
	}
	n.edges = w.edges
}

// closure returns the images n refers to, directly or through the code it
// reaches.
func (s *scanner) closure(n *node) set {
	if !n.done {
		s.connect(n)
	}
	return n.all
}

// connect is Tarjan's strongconnect: every node of a strongly connected
// component (functions that call each other) gets the same image set.
func (s *scanner) connect(v *node) {
	s.walk(v)
	s.counter++
	v.index, v.low = s.counter, s.counter
	s.stack = append(s.stack, v)
	v.onStack = true
	for _, w := range v.edges {
		switch {
		case w.index == 0:
			s.connect(w)
			v.low = min(v.low, w.low)
		case w.onStack:
			v.low = min(v.low, w.index)
		}
	}
	if v.low != v.index {
		return
	}
	var members []*node
	for {
		w := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		w.onStack = false
		members = append(members, w)
		if w == v {
			break
		}
	}
	all := newSet(len(s.ids))
	for _, m := range members {
		all.union(m.own)
		for _, w := range m.edges {
			if w.done {
				all.union(w.all)
			}
		}
	}
	for _, m := range members {
		m.all = all
		m.done = true
	}
}

// walker collects the image references and edges of one piece of syntax.
type walker struct {
	s     *scanner
	f     *file
	own   set
	edges []*node
}

// add records an image reference and the code referred to. A call of a
// function of the image package, such as GetPauseImageName, counts as a
// reference to the images that function refers to. Computing them while
// another search is under way is safe: code of the image package calls
// only code of the image package, and a search never nests inside it.
func (w *walker) add(bit int, targets []*node) {
	if bit >= 0 {
		w.own.add(bit)
	}
	for _, t := range targets {
		if t.file.pkg == w.s.imagePkg && w.f.pkg != w.s.imagePkg {
			w.own.union(w.s.closure(t))
			continue
		}
		w.edges = append(w.edges, t)
	}
}

func (w *walker) visit(root ast.Node) {
	ast.Inspect(root, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncType, *ast.TypeSpec:
			return false
		case *ast.CompositeLit:
			for _, e := range x.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					w.visit(e)
					continue
				}
				// A struct field name is not a reference.
				if id, ok := kv.Key.(*ast.Ident); !ok || id.Obj != nil {
					w.visit(kv.Key)
				}
				w.visit(kv.Value)
			}
			return false
		case *ast.SelectorExpr:
			w.selector(x)
			return false
		case *ast.Ident:
			w.add(w.s.identTargets(w.f, x))
		}
		return true
	})
}

// selector handles pkg.Name and x.Method.
func (w *walker) selector(x *ast.SelectorExpr) {
	if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil {
		if dir, ok := w.f.imports[id.Name]; ok {
			if p := w.s.pkgs[dir]; p != nil {
				w.add(w.s.pkgMember(p, x.Sel.Name))
			}
			return
		}
		if _, ok := w.f.pkg.values[id.Name]; !ok {
			// An import from outside the module, or a package-level
			// function or type: not a value with methods.
			return
		}
	}
	w.visit(x.X)
	w.add(-1, w.s.methodTargets(w.f, x.X, x.Sel.Name))
}
