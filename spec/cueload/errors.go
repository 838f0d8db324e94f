package cueload

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"

	"sigs.k8s.io/wincspec/spec"

	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"
)

// loadError is a spec.Error with CUE positions, until Load returns it.
type loadError struct {
	Pos     token.Pos
	Also    []token.Pos
	Field   string
	Message string
}

// loadErrors is a list of loadError.
type loadErrors []*loadError

// public converts the list into the errors Load returns, sorted.
func (l loadErrors) public() spec.Errors {
	out := make(spec.Errors, len(l))
	for i, e := range l {
		out[i] = &spec.Error{Pos: toPos(e.Pos), Field: e.Field, Message: e.Message}
		for _, p := range e.Also {
			out[i].Also = append(out[i].Also, toPos(p))
		}
	}
	return out.Sorted()
}

// toPos converts a CUE position.
func toPos(p token.Pos) spec.Pos {
	if !p.IsValid() {
		return spec.Pos{}
	}
	return spec.Pos{File: p.Filename(), Line: p.Line(), Column: p.Column()}
}

func errorf(pos token.Pos, field string, format string, args ...any) *loadError {
	return &loadError{Pos: pos, Field: field, Message: fmt.Sprintf(format, args...)}
}

// fromCUE turns a CUE error (often a list) into loadErrors, keeping every
// position CUE reports.
func fromCUE(err error) loadErrors {
	var out loadErrors
	for _, e := range cueerrors.Errors(err) {
		format, args := e.Msg()
		se := &loadError{Message: fmt.Sprintf(format, args...)}
		if path := e.Path(); len(path) > 0 {
			se.Field = formatPath(path)
		}
		positions := cueerrors.Positions(e)
		if p := e.Position(); p.IsValid() {
			se.Pos = p
		} else if len(positions) > 0 {
			se.Pos = positions[0]
		}
		for _, p := range positions {
			if p != se.Pos && p.IsValid() && !slices.Contains(se.Also, p) {
				se.Also = append(se.Also, p)
			}
		}
		out = append(out, se)
	}
	return out
}

// formatPath joins CUE path selectors, quoting those that are not
// identifiers, as in requirements."CORE-NET-01".title.
func formatPath(sels []string) string {
	var b strings.Builder
	for i, s := range sels {
		if _, err := strconv.Atoi(s); err == nil {
			b.WriteString("[" + s + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}

var (
	disjunctionHeader = regexp.MustCompile(`^\d+ errors in empty disjunction:?$`)
	conflict          = regexp.MustCompile(`^conflicting values (.+) and (.+)$`)
	incomplete        = regexp.MustCompile(`^incomplete value (.+)$`)
	declPath          = regexp.MustCompile(`^(?:editions\."([^"]+)"\.)?(requirements|profiles|rules|waivers)\."([^"]+)"(?:\.tests\[(\d+)\])?`)
	editionPath       = regexp.MustCompile(`^editions\."([^"]+)"`)
	outOfBound        = regexp.MustCompile(`^invalid value (".*") \(out of bound .*\)$`)
)

// fieldsOf lists the fields a record of the specification may have, by
// the path that leads to it (IDs and indexes replaced by *), from the Go
// types the records decode into.
var fieldsOf = map[string][]string{
	"requirements.*":              jsonFields(spec.Requirement{}),
	"requirements.*.tests[*]":     jsonFields(spec.TestRef{}),
	"requirements.*.source":       jsonFields(spec.Source{}),
	"requirements.*.gap":          jsonFields(spec.Gap{}),
	"rules.*":                     jsonFields(spec.Rule{}),
	"rules.*.source":              jsonFields(spec.Source{}),
	"profiles.*":                  jsonFields(spec.Profile{}),
	"profiles.*.rules":            jsonFields(spec.ProfileRules{}),
	"profiles.*.rules.scheduling": jsonFields(spec.Scheduling{}),
	"windowsSupport.*":            jsonFields(spec.WindowsSupport{}),
	"waivers.*":                   jsonFields(spec.Waiver{}),
	"windowsSupport.*.servers.*":  jsonFields(spec.WindowsServer{}),
}

// jsonFields returns the JSON names of a struct's fields.
func jsonFields(v any) []string {
	var out []string
	t := reflect.TypeOf(v)
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

var pathSelector = regexp.MustCompile(`"[^"]*"|\[\d+\]`)

// unknownField says that the last element of path is not a field of its
// record, and suggests the closest field it may have meant.
func unknownField(path string) string {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "field not allowed"
	}
	parent, name := path[:i], strings.Trim(path[i+1:], `"`)
	shape := pathSelector.ReplaceAllStringFunc(parent, func(s string) string {
		if strings.HasPrefix(s, "[") {
			return "[*]"
		}
		return "*"
	})
	best, bestDist := "", 3
	for _, f := range fieldsOf[shape] {
		if d := editDistance(strings.ToLower(name), strings.ToLower(f)); d < bestDist {
			best, bestDist = f, d
		}
	}
	if best == "" {
		if fields := fieldsOf[shape]; len(fields) > 0 {
			return fmt.Sprintf("unknown field %q: want one of %s", name, strings.Join(fields, ", "))
		}
		return fmt.Sprintf("unknown field %q", name)
	}
	return fmt.Sprintf("unknown field %q: did you mean %q?", name, best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// refiner rewrites CUE's errors so that each points at the user's file, not
// at the schema, and reads as a single sentence.
type refiner struct {
	schema string // file name of the schema, as shown in positions
	decls  map[string]*ast.Field
}

func (r *refiner) refine(in loadErrors) loadErrors {
	var out loadErrors
	for i := 0; i < len(in); i++ {
		e := in[i]
		if disjunctionHeader.MatchString(e.Message) {
			// The header is followed by one conflict per alternative.
			j := i + 1
			for j < len(in) && in[j].Field == e.Field && conflict.MatchString(in[j].Message) {
				j++
			}
			if j > i+1 {
				e = r.collapse(e.Field, in[i+1:j])
				i = j - 1
			}
		}
		switch {
		case strings.Contains(e.Message, "does not satisfy matchN"):
			e.Message = "a test reference sets exactly one of name, match or labels"
		case incomplete.MatchString(e.Message):
			e.Message = "missing required field: want " + incomplete.FindStringSubmatch(e.Message)[1]
		case e.Message == "field not allowed":
			e.Message = unknownField(e.Field)
		case strings.HasSuffix(e.Field, ".statement") && outOfBound.MatchString(e.Message):
			e.Message = fmt.Sprintf("a statement says what is required with MUST or MUST NOT, in capitals (\"A Windows pod MUST ...\"): got %s", outOfBound.FindStringSubmatch(e.Message)[1])
		}
		r.anchor(e)
		out = append(out, e)
	}
	return out
}

// collapse turns the conflicts of an empty disjunction into one error that
// names the offending value and the alternatives.
func (r *refiner) collapse(field string, conflicts loadErrors) *loadError {
	count := map[string]int{}
	var order []string
	for _, c := range conflicts {
		m := conflict.FindStringSubmatch(c.Message)
		for _, v := range m[1:] {
			if count[v] == 0 {
				order = append(order, v)
			}
			count[v]++
		}
	}
	var bad string
	var alts []string
	for _, v := range order {
		if count[v] == len(conflicts) && bad == "" {
			bad = v
			continue
		}
		alts = append(alts, v)
	}
	e := &loadError{Field: field, Pos: conflicts[0].Pos, Also: conflicts[0].Also}
	if bad == "" {
		e.Message = "value matches none of the allowed alternatives"
	} else {
		e.Message = fmt.Sprintf("%s is not allowed: want one of %s", bad, strings.Join(alts, ", "))
	}
	return e
}

// anchor moves the error's position into a user file when CUE reported it
// in the schema, falling back on the declaration its path names.
func (r *refiner) anchor(e *loadError) {
	defer func() {
		e.Also = slices.DeleteFunc(e.Also, func(p token.Pos) bool { return p == e.Pos })
	}()
	if !r.inSchema(e.Pos) && e.Pos.IsValid() {
		e.Also = slices.DeleteFunc(e.Also, r.inSchema)
		return
	}
	for _, p := range e.Also {
		if !r.inSchema(p) {
			e.Pos = p
			e.Also = slices.DeleteFunc(e.Also, r.inSchema)
			return
		}
	}
	if m := declPath.FindStringSubmatch(e.Field); m != nil {
		key := declKey(m[2], m[3])
		if m[1] != "" {
			key = editionKey(m[1], m[2], m[3])
		}
		if decl := r.decls[key]; decl != nil {
			e.Pos = decl.Label.Pos()
			if m[4] != "" {
				n, _ := strconv.Atoi(m[4])
				if lits := testLiterals(decl); n < len(lits) {
					e.Pos = lits[n].Pos()
				}
			}
			e.Also = nil
			return
		}
	}
	// An error about an edition's own fields: its first declaration.
	if m := editionPath.FindStringSubmatch(e.Field); m != nil {
		if decl := r.decls[declKey("editions", m[1])]; decl != nil {
			e.Pos = decl.Label.Pos()
			e.Also = nil
		}
	}
}

func (r *refiner) inSchema(p token.Pos) bool {
	return p.IsValid() && p.Filename() == r.schema
}
