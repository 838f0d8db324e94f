// Package junit reads JUnit XML reports as Ginkgo and Kubernetes write
// them, safely: input size is capped, and DTDs and entities are never
// expanded.
package junit

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/onsi/ginkgo/v2/types"
)

// Case is one testcase of a JUnit report.
type Case struct {
	// Name is the testcase name as written, unescaped.
	Name string
	// Text is the spec text: Name without Ginkgo's "[It] " prefix.
	Text string
	// Node is the Ginkgo node type from the name's prefix ("It",
	// "SynchronizedBeforeSuite", ...), or "" when the name has none, as in
	// Ginkgo v1 reports.
	Node string
	// Hook reports whether the testcase is a suite-level node (such as
	// [BeforeSuite] or [ReportAfterSuite]) rather than a spec.
	Hook bool
	// Status is "passed", "failed", "timedout", "skipped", "pending" or "error".
	Status string
	// Message is the failure, error or skip message, if any.
	Message string
	// Suite and Classname are the testsuite name and testcase classname.
	Suite     string
	Classname string
	// DryRun reports whether the testsuite's properties say Ginkgo ran
	// with --dry-run: the testcase was selected, not executed.
	DryRun bool
}

// suite is a <testsuite> as read: its name, DryRun property, testcases
// and nested suites, whose cases follow its own in the output.
type suite struct {
	name   string
	dryRun bool
	cases  []tcase
	suites []*suite
}

type tcase struct {
	name, classname, status string
	skipped, failure, error *message
}

type message struct {
	message, typ, text string
}

// ErrTooLarge is returned when a report is larger than the limit.
var ErrTooLarge = errors.New("report exceeds the size limit")

// Parse reads a JUnit report (a <testsuites> or <testsuite> root) of at
// most limit bytes. It rejects DTDs, so no entity can be declared, let
// alone expanded; undeclared entities are errors.
func Parse(r io.Reader, limit int64) ([]Case, error) {
	lr := &io.LimitedReader{R: r, N: limit + 1}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	dec.Entity = nil
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return input, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			if lr.N <= 0 {
				return nil, ErrTooLarge
			}
			if err == io.EOF {
				return nil, errors.New("no <testsuites> or <testsuite> element")
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, fmt.Errorf("DTDs and directives are not accepted: <!%.20s", string(t))
		case xml.StartElement:
			if t.Name.Local != "testsuites" && t.Name.Local != "testsuite" {
				return nil, fmt.Errorf("root element <%s>: want <testsuites> or <testsuite>", t.Name.Local)
			}
			// A DTD can only come before the root element, and was refused
			// above; encoding/xml never expands entities it declares anyway.
			root, err := readSuite(dec, t, 1)
			if lr.N <= 0 {
				return nil, ErrTooLarge
			}
			if err != nil {
				return nil, err
			}
			var out []Case
			if t.Name.Local == "testsuite" {
				return appendCases(out, root), nil
			}
			// Under <testsuites>, only suites hold cases.
			for _, s := range root.suites {
				out = appendCases(out, s)
			}
			return out, nil
		}
	}
}

// maxDepth bounds the nesting of <testsuite> elements, as encoding/xml's
// unmarshalling bounds any nesting (10000): a report is read token by
// token, and a deeper file is refused rather than exhausting the stack.
const maxDepth = 10000

// attr returns the value of the attribute with the given local name.
func attr(e xml.StartElement, name string) string {
	v := ""
	for _, a := range e.Attr {
		if a.Name.Local == name {
			v = a.Value
		}
	}
	return v
}

// readSuite reads a <testsuite> or <testsuites> element whose start tag
// was just read, token by token: no reflection, and elements it does not
// need (system-out, system-err and anything else) skipped unread.
func readSuite(dec *xml.Decoder, start xml.StartElement, depth int) (*suite, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("<testsuite> elements nested more than %d deep", maxDepth)
	}
	s := &suite{name: attr(start, "name")}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return s, nil
		case xml.StartElement:
			switch t.Name.Local {
			case "testsuite":
				sub, err := readSuite(dec, t, depth+1)
				if err != nil {
					return nil, err
				}
				s.suites = append(s.suites, sub)
			case "testcase":
				c, err := readCase(dec, t)
				if err != nil {
					return nil, err
				}
				s.cases = append(s.cases, c)
			case "properties":
				if err := readProperties(dec, s); err != nil {
					return nil, err
				}
			default:
				if err := dec.Skip(); err != nil {
					return nil, err
				}
			}
		}
	}
}

func readProperties(dec *xml.Decoder, s *suite) error {
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local == "property" && attr(t, "name") == "DryRun" {
				s.dryRun = attr(t, "value") == "true"
			}
			if err := dec.Skip(); err != nil {
				return err
			}
		}
	}
}

func readCase(dec *xml.Decoder, start xml.StartElement) (tcase, error) {
	c := tcase{name: attr(start, "name"), classname: attr(start, "classname"), status: attr(start, "status")}
	for {
		tok, err := dec.Token()
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return c, nil
		case xml.StartElement:
			var dst **message
			switch t.Name.Local {
			case "skipped":
				dst = &c.skipped
			case "failure":
				dst = &c.failure
			case "error":
				dst = &c.error
			default:
				if err := dec.Skip(); err != nil {
					return c, err
				}
				continue
			}
			m, err := readMessage(dec, t, *dst)
			if err != nil {
				return c, err
			}
			*dst = m
		}
	}
}

// readMessage reads a <skipped>, <failure> or <error> element: its
// attributes and the character data directly inside it. A repeated
// element updates the first (prev), as unmarshalling into one struct did:
// attributes it has replace those read before, and its text replaces theirs.
func readMessage(dec *xml.Decoder, start xml.StartElement, prev *message) (*message, error) {
	m := &message{}
	if prev != nil {
		*m = *prev
	}
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "message":
			m.message = a.Value
		case "type":
			m.typ = a.Value
		}
	}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			m.text = text.String()
			return m, nil
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			if err := dec.Skip(); err != nil {
				return nil, err
			}
		}
	}
}

func appendCases(out []Case, s *suite) []Case {
	for _, c := range s.cases {
		tc := newCase(s.name, c)
		tc.DryRun = s.dryRun
		out = append(out, tc)
	}
	for _, sub := range s.suites {
		out = appendCases(out, sub)
	}
	return out
}

// nodePrefixes are the "[NodeType]" prefixes Ginkgo v2 puts on names.
var nodePrefixes = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range []types.NodeType{
		types.NodeTypeIt, types.NodeTypeBeforeSuite, types.NodeTypeAfterSuite,
		types.NodeTypeSynchronizedBeforeSuite, types.NodeTypeSynchronizedAfterSuite,
		types.NodeTypeReportBeforeSuite, types.NodeTypeReportAfterSuite,
		types.NodeTypeCleanupAfterSuite,
	} {
		m[n.String()] = true
	}
	return m
}()

// v1Hooks are the names Ginkgo v1 gave suite-level testcases.
var v1Hooks = map[string]bool{"BeforeSuite": true, "AfterSuite": true, "SynchronizedBeforeSuite": true, "SynchronizedAfterSuite": true}

func newCase(suiteName string, c tcase) Case {
	out := Case{Name: c.name, Text: c.name, Suite: suiteName, Classname: c.classname}
	if strings.HasPrefix(c.name, "[") {
		if end := strings.IndexByte(c.name, ']'); end > 0 && nodePrefixes[c.name[1:end]] {
			out.Node = c.name[1:end]
			out.Text = strings.TrimPrefix(c.name[end+1:], " ")
		}
	}
	switch {
	case out.Node != "":
		out.Hook = out.Node != types.NodeTypeIt.String()
	case v1Hooks[c.name]:
		out.Hook = true
		out.Node = c.name
	}
	switch {
	case c.error != nil:
		out.Status, out.Message = "error", firstNonEmpty(c.error.message, firstLine(c.error.text), c.error.typ)
	case c.failure != nil:
		out.Status, out.Message = "failed", firstNonEmpty(c.failure.message, firstLine(c.failure.text), c.failure.typ)
		if c.failure.typ == "timedout" {
			out.Status = "timedout"
		}
	case c.skipped != nil:
		// Ginkgo v2 writes the message as an attribute, Ginkgo v1 as text.
		out.Status, out.Message = "skipped", firstNonEmpty(c.skipped.message, firstLine(c.skipped.text))
		if c.skipped.message == "pending" || c.status == "pending" {
			out.Status = "pending"
		}
	default:
		out.Status = "passed"
	}
	return out
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
