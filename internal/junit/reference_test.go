package junit

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The former decoder, which unmarshalled the whole document into structs
// with encoding/xml's reflection. The differential fuzz test holds the
// streaming decoder to its results.

type refSuites struct {
	XMLName    xml.Name
	Suites     []refSuite    `xml:"testsuite"`
	Cases      []refCase     `xml:"testcase"`
	Properties []refProperty `xml:"properties>property"`
	Name       string        `xml:"name,attr"`
}

type refSuite struct {
	Name       string        `xml:"name,attr"`
	Properties []refProperty `xml:"properties>property"`
	Cases      []refCase     `xml:"testcase"`
	Suites     []refSuite    `xml:"testsuite"`
}

type refProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type refCase struct {
	Name      string      `xml:"name,attr"`
	Classname string      `xml:"classname,attr"`
	Status    string      `xml:"status,attr"`
	Skipped   *refMessage `xml:"skipped"`
	Failure   *refMessage `xml:"failure"`
	Error     *refMessage `xml:"error"`
}

type refMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func parseReference(r io.Reader) ([]Case, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	dec.Entity = nil
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return input, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	var root refSuites
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, errors.New("directive")
		case xml.StartElement:
			if t.Name.Local != "testsuites" && t.Name.Local != "testsuite" {
				return nil, errors.New("root")
			}
			if err := dec.DecodeElement(&root, &t); err != nil {
				return nil, err
			}
			var out []Case
			if root.XMLName.Local == "testsuite" {
				out = refAppend(out, refSuite{Name: root.Name, Properties: root.Properties, Cases: root.Cases})
			}
			for _, s := range root.Suites {
				out = refAppend(out, s)
			}
			return out, nil
		}
	}
}

func refAppend(out []Case, s refSuite) []Case {
	dryRun := false
	for _, p := range s.Properties {
		if p.Name == "DryRun" {
			dryRun = p.Value == "true"
		}
	}
	for _, c := range s.Cases {
		tc := tcase{name: c.Name, classname: c.Classname, status: c.Status}
		for _, m := range []struct {
			dst **message
			src *refMessage
		}{{&tc.skipped, c.Skipped}, {&tc.failure, c.Failure}, {&tc.error, c.Error}} {
			if m.src != nil {
				*m.dst = &message{message: m.src.Message, typ: m.src.Type, text: m.src.Text}
			}
		}
		out = append(out, newCase(s.Name, tc))
		out[len(out)-1].DryRun = dryRun
	}
	for _, sub := range s.Suites {
		out = refAppend(out, sub)
	}
	return out
}
