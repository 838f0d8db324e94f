package report

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
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
// bytes: it must not panic, it must return one node per item sorted by
// name, and each node's OS must be the item's operatingSystem, or its
// kubernetes.io/os label when that is empty, as a generic decode reads them.
func FuzzParseNodes(f *testing.F) {
	addFiles(f, "../cmd/wincspec/cmd/testdata/routes/nodes-*.json")
	f.Add([]byte(`[{"metadata":{"name":"a","labels":{"kubernetes.io/os":"windows"}}}]`))
	f.Add([]byte(`{"items":[{"metadata":{"name":"b"},"status":{"nodeInfo":{"operatingSystem":"linux"}}},{"metadata":{"name":"a"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nodes, err := parseNodes(data)
		if err != nil {
			return
		}
		var items []struct {
			Metadata struct {
				Name   string
				Labels map[string]string
			}
			Status struct {
				NodeInfo struct{ OperatingSystem string }
			}
		}
		var list struct{ Items json.RawMessage }
		if json.Unmarshal(data, &list) == nil && list.Items != nil {
			data = list.Items
		}
		if json.Unmarshal(data, &items) != nil {
			return // the two decodes disagree on a shape; the parser is the authority
		}
		want := map[string][]string{}
		for _, it := range items {
			os := it.Status.NodeInfo.OperatingSystem
			if os == "" {
				os = cmp.Or(it.Metadata.Labels["kubernetes.io/os"], it.Metadata.Labels["beta.kubernetes.io/os"])
			}
			want[it.Metadata.Name] = append(want[it.Metadata.Name], os)
		}
		if len(nodes) != len(items) {
			t.Fatalf("%d nodes from %d items", len(nodes), len(items))
		}
		for i, n := range nodes {
			if i > 0 && nodes[i-1].Name > n.Name {
				t.Fatalf("nodes not sorted by name: %q before %q", nodes[i-1].Name, n.Name)
			}
			if !slices.Contains(want[n.Name], n.OS) {
				t.Fatalf("node %q has OS %q, want one of %q", n.Name, n.OS, want[n.Name])
			}
		}
	})
}
