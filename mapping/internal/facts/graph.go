package facts

import (
	"go/ast"
	"go/token"
	"go/types"
	"math/bits"
)

// set is a set of bit indices: image bits first (0 to len(ids)-1), then a
// fact ID plus len(ids) for every fact. Sets grow as facts are found.
type set []uint64

func (s set) add(i int) set {
	for len(s) <= i/64 {
		s = append(s, 0)
	}
	s[i/64] |= 1 << (i % 64)
	return s
}

func (s set) has(i int) bool { return i/64 < len(s) && s[i/64]&(1<<(i%64)) != 0 }

// union adds t to s, which it may grow; it returns the result.
func (s set) union(t set) set {
	for len(s) < len(t) {
		s = append(s, 0)
	}
	for i, w := range t {
		s[i] |= w
	}
	return s
}

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

// The kinds of fact.
const (
	factSkip  = "skip"
	factPodOS = "podOS-set" // spec.os is set, whatever its value
)

// fact is a skip call or a pin, found in the code.
type fact struct {
	kind string // factSkip, factPodOS, or a Via kind
	os   string // for a pin
	pos  token.Pos
	skip *skipSite
}

// skipSite is a skip call.
type skipSite struct {
	fn   string // "e2eskipper.Skipf"
	kind string // its kind when not reached unconditionally
	args []string
	cond bool
}

type factKey struct {
	kind string
	os   string
	pos  token.Pos
}

// skipFact returns the bit of a skip call. A call analysed from two nodes
// is conditional if either finds it so.
func (a *analyzer) skipFact(info *types.Info, c *ast.CallExpr, name, kind string, cond bool) int {
	pos := c.Fun.Pos()
	if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
		pos = sel.Sel.Pos()
	}
	key := factKey{kind: factSkip, pos: pos}
	if id, ok := a.factIDs[key]; ok {
		if cond {
			a.facts[id].skip.cond = true
		}
		return len(a.ids) + id
	}
	s := &skipSite{fn: name, kind: kind, cond: cond}
	for _, arg := range c.Args {
		if v := constString(info, arg); v != "" {
			s.args = append(s.args, v)
		}
	}
	a.facts = append(a.facts, fact{kind: factSkip, pos: pos, skip: s})
	a.factIDs[key] = len(a.facts) - 1
	return len(a.ids) + len(a.facts) - 1
}

// pinFact returns the bit of a pin.
func (a *analyzer) pinFact(kind, os string, pos token.Pos) int {
	key := factKey{kind: kind, os: os, pos: pos}
	if id, ok := a.factIDs[key]; ok {
		return len(a.ids) + id
	}
	a.facts = append(a.facts, fact{kind: kind, os: os, pos: pos})
	a.factIDs[key] = len(a.facts) - 1
	return len(a.ids) + len(a.facts) - 1
}

// closure returns the images and facts n refers to, directly or through
// the code it reaches.
func (a *analyzer) closure(n *node) set {
	if !n.done {
		a.connect(n)
	}
	return n.all
}

// connect is Tarjan's strongconnect: every node of a strongly connected
// component (functions that call each other) gets the same set.
func (a *analyzer) connect(v *node) {
	a.walk(v)
	a.derive(v)
	a.counter++
	v.index, v.low = a.counter, a.counter
	a.stack = append(a.stack, v)
	v.onStack = true
	for _, w := range v.edges {
		switch {
		case w.done:
		case w.index == 0:
			a.connect(w)
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
		w := a.stack[len(a.stack)-1]
		a.stack = a.stack[:len(a.stack)-1]
		w.onStack = false
		members = append(members, w)
		if w == v {
			break
		}
	}
	var all set
	for _, m := range members {
		all = all.union(m.own)
		for _, w := range m.edges {
			if w.done {
				all = all.union(w.all)
			}
		}
	}
	for _, m := range members {
		m.all = all
		m.done = true
	}
}

// derive adds to n's own facts the pins of the functions it calls whose OS
// is a parameter n passes a constant for: createTestPod(f, img, "linux").
func (a *analyzer) derive(n *node) {
	if n.derived {
		return
	}
	n.derived = true
	for _, r := range n.calls {
		for _, p := range a.paramPins(r.target) {
			if p.param >= len(r.call.Args) || r.call.Ellipsis.IsValid() && p.param >= len(r.call.Args)-1 {
				continue
			}
			vals, _ := a.osValues(n, r.call.Args[p.param], 0)
			kind := p.kind
			if r.distro || p.distro {
				kind = ViaDistroHelper
			}
			for _, v := range vals {
				if os := normOS(v); os != "" {
					n.own = n.own.add(a.pinFact(kind, os, p.pos))
				}
			}
		}
	}
}

// paramPins returns the pins of n whose OS is one of its parameters,
// directly or by passing the parameter to a function that pins with it.
func (a *analyzer) paramPins(n *node) []paramPin {
	switch n.pinned {
	case 1:
		return n.ownPins // a recursive call: what is known so far
	case 2:
		return n.pins
	}
	n.pinned = 1
	a.walk(n)
	pins := append([]paramPin(nil), n.ownPins...)
	for _, r := range n.calls {
		for _, p := range a.paramPins(r.target) {
			if p.param >= len(r.call.Args) || r.call.Ellipsis.IsValid() && p.param >= len(r.call.Args)-1 {
				continue
			}
			_, params := a.osValues(n, r.call.Args[p.param], 0)
			for _, i := range params {
				pins = append(pins, paramPin{param: i, kind: p.kind, pos: p.pos, distro: p.distro || r.distro})
			}
		}
	}
	n.pins = dedupPins(pins)
	n.pinned = 2
	return n.pins
}

func dedupPins(pins []paramPin) []paramPin {
	seen := map[paramPin]bool{}
	out := pins[:0]
	for _, p := range pins {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// implementations returns the concrete methods of the module implementing
// the interface method im, for an interface declared in the module.
func (a *analyzer) implementations(im *types.Func) []*types.Func {
	if impls, ok := a.impls[im]; ok {
		return impls
	}
	a.impls[im] = nil
	if !a.source[im.Pkg()] {
		return nil
	}
	recv := types.Unalias(im.Signature().Recv().Type())
	if named, ok := recv.(*types.Named); ok && named.TypeParams().Len() > 0 {
		return nil // a generic interface
	}
	iface, ok := recv.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var impls []*types.Func
	for _, m := range a.methods[im.Name()] {
		t := recvNamed(m)
		if t == nil || t.TypeParams().Len() > 0 || types.IsInterface(t) {
			continue
		}
		if types.Implements(t, iface) || types.Implements(types.NewPointer(t), iface) {
			impls = append(impls, m)
		}
	}
	a.impls[im] = impls
	return impls
}

// recvNamed returns the named type of a method's receiver.
func recvNamed(m *types.Func) *types.Named {
	recv := m.Signature().Recv()
	if recv == nil {
		return nil
	}
	t := types.Unalias(recv.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, _ := t.(*types.Named)
	return n
}

// unconditional returns the unconditional skip calls reached from roots
// without a condition on the way.
func (a *analyzer) unconditional(roots []*node) map[int]bool {
	a.gen++
	found := map[int]bool{}
	queue := make([]*node, 0, len(roots))
	for _, r := range roots {
		switch r.root.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			if r.mark != a.gen {
				r.mark = a.gen
				queue = append(queue, r)
			}
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		a.walk(n)
		for _, id := range n.uncondSkips {
			found[id] = true
		}
		for _, t := range n.uncond {
			if t.mark != a.gen {
				t.mark = a.gen
				queue = append(queue, t)
			}
		}
	}
	return found
}
