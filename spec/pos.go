package spec

import "strconv"

// Pos is a position in the CUE source of a specification: a file name as
// the loader displays it (such as spec/core/networking.cue), a line and a
// column, both counted from 1. The zero Pos is no position.
type Pos struct {
	File   string
	Line   int
	Column int
}

// IsValid reports whether p is a position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as file:line:col, as compilers do, or "-" for no
// position.
func (p Pos) String() string {
	if !p.IsValid() {
		if p.File != "" {
			return p.File
		}
		return "-"
	}
	s := p.File + ":" + strconv.Itoa(p.Line)
	if p.Column > 0 {
		s += ":" + strconv.Itoa(p.Column)
	}
	return s
}

// Compare orders positions by file, line and column.
func (p Pos) Compare(q Pos) int {
	switch {
	case p.File != q.File:
		if p.File < q.File {
			return -1
		}
		return 1
	case p.Line != q.Line:
		return cmpInt(p.Line, q.Line)
	default:
		return cmpInt(p.Column, q.Column)
	}
}
