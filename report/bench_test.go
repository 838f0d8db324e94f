package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"sigs.k8s.io/wincspec/mapping"
)

// BenchmarkReport reads a Kubernetes-style JUnit report with every spec of
// the real v1.34.12 inventory (about 7,000 testcases: most passed, some
// failed, some skipped), evaluates it against the embedded specification,
// and writes the text report.
func BenchmarkReport(b *testing.B) {
	inv, res, p := benchInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep := benchEvaluate(b, res, p, len(inv.Specs)+2)
		if err := rep.WriteText(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify checks a published report document of the same input:
// it reads and evaluates the results again and compares the two
// documents field by field.
func BenchmarkVerify(b *testing.B) {
	inv, res, p := benchInput(b)
	var doc bytes.Buffer
	if err := benchEvaluate(b, res, p, len(inv.Specs)+2).WriteYAML(&doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep := benchEvaluate(b, res, p, len(inv.Specs)+2)
		diffs, err := Verify(doc.Bytes(), rep)
		if err != nil || len(diffs) != 0 {
			b.Fatalf("got %v, %v; want no difference", diffs, err)
		}
	}
}

func benchEvaluate(b *testing.B, res *mapping.Resolution, p string, n int) *Report {
	results, err := Read([]string{p}, ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := Evaluate(res, "v1.34.12", results, Options{Required: []string{"core"}})
	if err != nil {
		b.Fatal(err)
	}
	if rep.Accounting.Testcases != n || rep.Accounting.NotInInventory != 0 {
		b.Fatalf("got %+v, want every spec of the inventory", rep.Accounting)
	}
	return rep
}

// benchInput writes a Kubernetes-style JUnit report with every spec of
// the real v1.34.12 inventory (about 7,000 testcases: most passed, some
// failed, some skipped).
func benchInput(b *testing.B) (*mapping.Inventory, *mapping.Resolution, string) {
	inv := inventory(b, "v1.34.12")
	res := realResolutionOf(b, "v1.34.12")
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	fmt.Fprintf(&buf, "  <testsuites tests=\"%d\">\n      <testsuite name=\"Kubernetes e2e suite\" package=\"/usr/local/bin\" tests=\"%d\">\n", len(inv.Specs)+2, len(inv.Specs)+2)
	buf.WriteString("          <testcase name=\"[SynchronizedBeforeSuite]\" classname=\"Kubernetes e2e suite\" status=\"passed\" time=\"2.1\"></testcase>\n")
	for i, sp := range inv.Specs {
		buf.WriteString(`          <testcase name="`)
		xml.EscapeText(&buf, []byte("[It] "+sp.Text))
		switch {
		case i%50 == 0:
			buf.WriteString("\" classname=\"Kubernetes e2e suite\" status=\"failed\" time=\"30.2\">\n              <failure message=\"\" type=\"failed\">[FAILED] Timed out after 300.000s.&#xA;Expected success, but got an error</failure>\n          </testcase>\n")
		case i%3 == 0:
			buf.WriteString("\" classname=\"Kubernetes e2e suite\" status=\"skipped\" time=\"0\">\n              <skipped message=\"skipped\"></skipped>\n          </testcase>\n")
		default:
			buf.WriteString("\" classname=\"Kubernetes e2e suite\" status=\"passed\" time=\"12.5\"></testcase>\n")
		}
	}
	buf.WriteString("          <testcase name=\"[SynchronizedAfterSuite]\" classname=\"Kubernetes e2e suite\" status=\"passed\" time=\"0.2\"></testcase>\n      </testsuite>\n  </testsuites>\n")
	p := filepath.Join(b.TempDir(), "junit_01.xml")
	write(b, p, buf.String())
	b.SetBytes(int64(buf.Len()))
	return inv, res, p
}
