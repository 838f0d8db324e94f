package junit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse feeds Parse arbitrary bytes. It must not panic, must refuse
// DTDs, and what it returns must be consistent: known statuses, a text
// that ends the name, and hooks with a node type.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../mapping/importer/testdata/junit/*.xml", "../../report/testdata/junit/*.xml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(`<testsuite name="s"><testcase name="BeforeSuite"><failure type="Failure">x</failure></testcase></testsuite>`))
	f.Add([]byte(`<testsuites><testsuite><properties><property name="DryRun" value="true"/></properties><testcase name="[It] a" status="pending"><skipped message="pending"/></testcase></testsuite></testsuites>`))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><testsuites/>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><testsuites><testsuite><testcase name="&a;"/></testsuite></testsuites>`))
	const limit = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := Parse(bytes.NewReader(data), limit)
		ref, refErr := parseReference(bytes.NewReader(data))
		if (err == nil) != (refErr == nil) && !strings.Contains(fmt.Sprint(err), "directive") {
			t.Fatalf("streaming decoder error %v, reflection decoder error %v", err, refErr)
		}
		if err != nil {
			return
		}
		if !reflect.DeepEqual(cases, ref) {
			t.Fatalf("streaming decoder:\n%+v\nreflection decoder:\n%+v", cases, ref)
		}
		if m := firstMarkup(data); strings.HasPrefix(m, "<!") && !strings.HasPrefix(m, "<![CDATA[") {
			t.Fatalf("accepted a directive before the root element: %q", data)
		}
		for _, c := range cases {
			switch c.Status {
			case "passed", "failed", "timedout", "skipped", "pending", "error":
			default:
				t.Fatalf("case %q: status %q", c.Name, c.Status)
			}
			if !strings.HasSuffix(c.Name, c.Text) {
				t.Fatalf("case %q: text %q does not end the name", c.Name, c.Text)
			}
			if c.Hook && c.Node == "" {
				t.Fatalf("case %q: a hook without a node type", c.Name)
			}
		}
	})
}

// firstMarkup returns the input from its first "<" that starts an element,
// a directive or a CDATA section: processing instructions and comments are
// passed over.
func firstMarkup(data []byte) string {
	s := string(data)
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return ""
		}
		switch {
		case strings.HasPrefix(s[i:], "<?"):
			j := strings.Index(s[i:], "?>")
			if j < 0 {
				return ""
			}
			s = s[i+j+2:]
		case strings.HasPrefix(s[i:], "<!--"):
			j := strings.Index(s[i:], "-->")
			if j < 0 {
				return ""
			}
			s = s[i+j+3:]
		default:
			return s[i:]
		}
	}
}

// BenchmarkParse reads a large JUnit report, as "make bench-cli" does
// through the command; JUNIT names it (a dry-run of the e2e suite gives
// 3,213 testcases), and the benchmark is skipped without it.
func BenchmarkParse(b *testing.B) {
	file := os.Getenv("JUNIT")
	if file == "" {
		b.Skip("JUNIT is not set")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), 1<<30); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParseEdges pins behaviours the differential fuzz test found: repeated
// message elements merge as unmarshalling did, what follows the root is
// not read, and deep nesting is refused, not a stack overflow.
func TestParseEdges(t *testing.T) {
	for _, in := range []string{
		`<testsuite><testcase name="a"><skipped message="pending"/><skipped/></testcase></testsuite>`,
		`<testsuite><testcase name="a"><failure message="m1"/><failure>second</failure></testcase></testsuite>`,
		`<testsuites><testsuite><testcase name="a"/></testsuite></testsuites><x>`,
	} {
		got, err := Parse(strings.NewReader(in), 1<<20)
		want, werr := parseReference(strings.NewReader(in))
		if (err == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v, %v", in, got, err, want, werr)
		}
	}
	deep := strings.Repeat("<testsuite>", 20000)
	if _, err := Parse(strings.NewReader(deep), 1<<30); err == nil || !strings.Contains(err.Error(), "nested more than 10000 deep") {
		t.Errorf("deep nesting: %v", err)
	}
}
