package spec

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Error is a problem in a specification at a position in its CUE source.
type Error struct {
	// Pos is where the problem is.
	Pos Pos
	// Also lists other positions involved, such as the first declaration of
	// a duplicate ID.
	Also []Pos
	// Field is the CUE path of the field at fault, such as
	// requirements."CORE-NET-01".tests[0].match. It may be empty.
	Field string
	// Message says what is wrong, naming the offending value.
	Message string
}

// DeclID is the requirement, rule or profile ID the error's field is under,
// or "" when the field is not in one.
func (e *Error) DeclID() string {
	if m := declPath().FindStringSubmatch(e.Field); m != nil {
		return m[3]
	}
	return ""
}

// Error formats the error as "file:line:col: field: message".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.IsValid() {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	for i, p := range e.Also {
		if i == 0 {
			b.WriteString(" (see ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(p.String())
		if i == len(e.Also)-1 {
			b.WriteString(")")
		}
	}
	return b.String()
}

// Errors is a list of specification errors, sorted by position.
type Errors []*Error

// Error prints one error per line.
func (l Errors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives access to each error for errors.As and errors.Is.
func (l Errors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Sorted sorts the list by position and message and drops duplicates.
func (l Errors) Sorted() Errors {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			a.Pos.Compare(b.Pos),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return a.Error() == b.Error() })
}

func errorf(pos Pos, field string, format string, args ...any) *Error {
	return &Error{Pos: pos, Field: field, Message: fmt.Sprintf(format, args...)}
}

// declPath matches the CUE path of a field under a requirement, profile or
// rule; it is compiled on first use.
var declPath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:editions\."([^"]+)"\.)?(requirements|profiles|rules)\."([^"]+)"(?:\.tests\[(\d+)\])?`)
})
