package cueload

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"sigs.k8s.io/wincspec/internal/atomicfile"
	"sigs.k8s.io/wincspec/spec"
)

// FixHashes writes the current statement hash into the reviewed field of
// every test reference whose hash is missing or stale, editing the CUE
// files in place (atomically, one file at a time) and keeping them
// formatted. The specification must have been loaded from the host file
// system, with positions that name its files. It returns the files it
// changed, sorted.
func FixHashes(s *spec.Spec) ([]string, error) {
	// file -> position of the test reference literal -> hash
	edits := map[string]map[spec.Pos]string{}
	for _, r := range s.Requirements {
		for i := range r.Tests {
			t := &r.Tests[i]
			if !r.Suspect(t) {
				continue
			}
			if !t.Pos.IsValid() || t.Pos == r.Pos {
				return nil, fmt.Errorf("%s: %s: test reference %d has no position of its own", r.Pos, r.ID, i)
			}
			f := t.Pos.File
			if edits[f] == nil {
				edits[f] = map[spec.Pos]string{}
			}
			edits[f][t.Pos] = r.StatementHash()
		}
	}
	var changed []string
	for f := range edits {
		changed = append(changed, f)
	}
	slices.Sort(changed)
	for _, f := range changed {
		if err := fixFile(f, edits[f]); err != nil {
			return nil, err
		}
	}
	return changed, nil
}

func fixFile(name string, hashes map[spec.Pos]string) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("fixing hashes: %w", err)
	}
	f, err := parser.ParseFile(name, src, parser.ParseComments)
	if err != nil {
		return fmt.Errorf("fixing hashes: %w", err)
	}
	done := 0
	ast.Walk(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.StructLit)
		if !ok {
			return true
		}
		hash, ok := findPos(hashes, lit.Pos())
		if !ok {
			return true
		}
		value := &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(hash)}
		if field := fieldOf(lit, "reviewed"); field != nil {
			field.Value = value
		} else {
			field := &ast.Field{Label: ast.NewIdent("reviewed"), Value: value}
			// Keep a struct written on one line on one line.
			if n := len(lit.Elts); n > 0 && lit.Elts[n-1].Pos().Line() == lit.Lbrace.Line() {
				ast.SetRelPos(field, token.Blank)
			} else {
				ast.SetRelPos(field, token.Newline)
			}
			lit.Elts = append(lit.Elts, field)
		}
		done++
		return false
	}, nil)
	if done != len(hashes) {
		return fmt.Errorf("fixing hashes: %s: found %d of %d test references; was the file edited since it was loaded?", name, done, len(hashes))
	}
	out, err := format.Node(f)
	if err != nil {
		return fmt.Errorf("fixing hashes: formatting %s: %w", name, err)
	}
	if bytes.Equal(out, src) {
		return nil
	}
	if err := atomicfile.Write(name, out, 0o644); err != nil {
		return fmt.Errorf("fixing hashes: writing %s: %w", name, err)
	}
	return nil
}

// findPos looks a position up by line and column: positions from two
// parses of the same file are equal in place but not as values.
func findPos(m map[spec.Pos]string, p token.Pos) (string, bool) {
	for q, v := range m {
		if q.Line == p.Line() && q.Column == p.Column() {
			return v, true
		}
	}
	return "", false
}
