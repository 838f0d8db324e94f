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

type suites struct {
	XMLName    xml.Name
	Suites     []suite    `xml:"testsuite"`
	Cases      []tcase    `xml:"testcase"`            // a lone <testsuite> root
	Properties []property `xml:"properties>property"` // a lone <testsuite> root
	Name       string     `xml:"name,attr"`
}

type suite struct {
	Name       string     `xml:"name,attr"`
	Properties []property `xml:"properties>property"`
	Cases      []tcase    `xml:"testcase"`
	Suites     []suite    `xml:"testsuite"`
}

type property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type tcase struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	Status    string   `xml:"status,attr"`
	Skipped   *message `xml:"skipped"`
	Failure   *message `xml:"failure"`
	Error     *message `xml:"error"`
}

type message struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
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
	var root suites
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
			if err := dec.DecodeElement(&root, &t); err != nil {
				if lr.N <= 0 {
					return nil, ErrTooLarge
				}
				return nil, err
			}
			if lr.N <= 0 {
				return nil, ErrTooLarge
			}
			var out []Case
			if root.XMLName.Local == "testsuite" {
				out = appendCases(out, suite{Name: root.Name, Properties: root.Properties, Cases: root.Cases})
			}
			for _, s := range root.Suites {
				out = appendCases(out, s)
			}
			return out, nil
		}
	}
}

func appendCases(out []Case, s suite) []Case {
	dryRun := false
	for _, p := range s.Properties {
		if p.Name == "DryRun" {
			dryRun = p.Value == "true"
		}
	}
	for _, c := range s.Cases {
		tc := newCase(s.Name, c)
		tc.DryRun = dryRun
		out = append(out, tc)
	}
	for _, sub := range s.Suites {
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
	out := Case{Name: c.Name, Text: c.Name, Suite: suiteName, Classname: c.Classname}
	if strings.HasPrefix(c.Name, "[") {
		if end := strings.IndexByte(c.Name, ']'); end > 0 && nodePrefixes[c.Name[1:end]] {
			out.Node = c.Name[1:end]
			out.Text = strings.TrimPrefix(c.Name[end+1:], " ")
		}
	}
	switch {
	case out.Node != "":
		out.Hook = out.Node != types.NodeTypeIt.String()
	case v1Hooks[c.Name]:
		out.Hook = true
		out.Node = c.Name
	}
	switch {
	case c.Error != nil:
		out.Status, out.Message = "error", firstNonEmpty(c.Error.Message, firstLine(c.Error.Text), c.Error.Type)
	case c.Failure != nil:
		out.Status, out.Message = "failed", firstNonEmpty(c.Failure.Message, firstLine(c.Failure.Text), c.Failure.Type)
		if c.Failure.Type == "timedout" {
			out.Status = "timedout"
		}
	case c.Skipped != nil:
		// Ginkgo v2 writes the message as an attribute, Ginkgo v1 as text.
		out.Status, out.Message = "skipped", firstNonEmpty(c.Skipped.Message, firstLine(c.Skipped.Text))
		if c.Skipped.Message == "pending" || c.Status == "pending" {
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
