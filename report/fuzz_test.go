package report

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/mapping"
)

// addFiles adds the files matching pattern to the fuzz corpus.
func addFiles(f *testing.F, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds %s: %v", pattern, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// fuzzLimits keep fuzzed inputs small.
var fuzzLimits = ReadOptions{MaxTotalBytes: 4 << 20, MaxFileBytes: 1 << 20}

// FuzzReadTarball feeds the Sonobuoy tarball reader arbitrary tar streams,
// gzipped by the harness so that mutations reach the tar and results
// parsing rather than stopping at gzip's checksum. It must not panic, must
// stay within its byte budget, and what it reads must evaluate and print
// with totals that add up.
func FuzzReadTarball(f *testing.F) {
	files, err := filepath.Glob("testdata/sonobuoy/*.tar.gz")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			f.Fatal(err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte{})
	res := synthetic(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(data)
		zw.Close()
		rd := &reader{opts: fuzzLimits.withDefaults(), res: &Results{}}
		rd.left = rd.opts.MaxTotalBytes
		s, err := rd.readTarball("fuzz.tar.gz", &buf, true)
		if s != nil {
			s.finish("")
		}
		if used := rd.opts.MaxTotalBytes - rd.left; used > rd.opts.MaxTotalBytes+64<<10 {
			t.Fatalf("read %d bytes, over the %d-byte budget", used, rd.opts.MaxTotalBytes)
		}
		if err != nil {
			return
		}
		for _, c := range rd.res.Cases {
			if c.Cluster == nil {
				t.Fatalf("case %q of a tarball has no cluster", c.Name)
			}
		}
		evaluateAndPrint(t, res, rd.res)
	})
}

// FuzzGinkgoJSON feeds the Ginkgo JSON report reader arbitrary bytes.
func FuzzGinkgoJSON(f *testing.F) {
	addFiles(f, "testdata/ginkgo/*.json")
	f.Add([]byte(`{"SuiteDescription":"x","SpecReports":[{"LeafNodeType":"It","LeafNodeText":"a","State":"passed"}]}`))
	f.Add([]byte(`[{"SuitePath":"/x","SuiteConfig":{"DryRun":true},"SpecReports":[{"LeafNodeType":"BeforeSuite","State":"failed"}]}]`))
	res := synthetic(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, _, err := parseGinkgoJSON(bytes.NewReader(data), 1<<20, "report.json")
		if err != nil {
			return
		}
		for _, c := range cases {
			switch c.Status {
			case StatusPassed, StatusFailed, StatusTimedout, StatusError, StatusSkipped, StatusPending:
			default:
				t.Fatalf("case %q has status %q", c.Name, c.Status)
			}
		}
		evaluateAndPrint(t, res, &Results{Cases: cases, Inputs: []Input{{Path: "report.json", Kind: KindGinkgoJSON, Testcases: len(cases)}}})
	})
}

// evaluateAndPrint evaluates results, checks the accounting and writes
// every format.
func evaluateAndPrint(t *testing.T, res *mapping.Resolution, results *Results) {
	rep, err := Evaluate(res, "v1.37.2", results, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, rep)
	for _, w := range []func(io.Writer) error{rep.WriteText, rep.WriteJSON, rep.WriteMarkdown, rep.WriteJUnit} {
		if err := w(io.Discard); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzVerify feeds arbitrary documents to Verify, seeded with real report
// documents in JSON and YAML: it must not panic, and a document that
// decodes must be compared field by field, never accepted unread.
func FuzzVerify(f *testing.F) {
	res := synthetic(f)
	rep, err := Evaluate(res, "v1.37.2", &Results{Cases: []Case{tc(dnsWindows, StatusPassed), tc(hybrid, StatusFailed)}}, Options{Version: "v0.1.0"})
	if err != nil {
		f.Fatal(err)
	}
	var js, ym bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		f.Fatal(err)
	}
	if err := rep.WriteYAML(&ym); err != nil {
		f.Fatal(err)
	}
	f.Add(js.Bytes())
	f.Add(ym.Bytes())
	f.Add([]byte("kind: WindowsConformanceReport\napiVersion: wincspec.sigs.k8s.io/v1alpha1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		diffs, err := Verify(data, rep)
		if err != nil {
			return
		}
		if bytes.Equal(data, js.Bytes()) || bytes.Equal(data, ym.Bytes()) {
			if len(diffs) != 0 {
				t.Fatalf("the report itself differs: %v", diffs)
			}
		}
	})
}

// FuzzParseNodes feeds the nodes file parser (Sonobuoy's nodes file,
// kubectl get nodes -o json for run directories and --nodes) arbitrary
// bytes: it must not panic, and every node it returns must have the OS it
// reports Windows for.
func FuzzParseNodes(f *testing.F) {
	addFiles(f, "../cmd/wincspec/cmd/testdata/routes/nodes-*.json")
	f.Add([]byte(`[{"metadata":{"name":"a","labels":{"kubernetes.io/os":"windows"}}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nodes, err := parseNodes(data)
		if err != nil {
			return
		}
		for _, n := range nodes {
			if n.Windows() && !strings.EqualFold(n.OS, "windows") {
				t.Fatalf("node %+v is Windows without the OS", n)
			}
		}
	})
}
