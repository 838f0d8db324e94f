package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	cueyaml "cuelang.org/go/encoding/yaml"
)

// reportSchema is #WindowsConformanceReport of the committed schema,
// schema.cue, compiled once.
var reportSchema = sync.OnceValues(func() (cue.Value, error) {
	data, err := os.ReadFile("schema.cue")
	if err != nil {
		return cue.Value{}, err
	}
	sv := cuecontext.New().CompileBytes(data, cue.Filename("schema.cue"))
	if err := sv.Err(); err != nil {
		return cue.Value{}, err
	}
	return sv.LookupPath(cue.ParsePath("#WindowsConformanceReport")), nil
})

// schemaErr checks a report document (JSON or YAML) against the schema.
func schemaErr(name string, doc []byte) error {
	sv, err := reportSchema()
	if err != nil {
		return err
	}
	file, err := cueyaml.Extract(name, doc) // JSON is YAML
	if err != nil {
		return err
	}
	return sv.Unify(cuecontext.New().BuildFile(file)).Validate(cue.Concrete(true))
}

// validate fails the test when a document does not validate.
func validate(t *testing.T, name string, doc []byte) {
	t.Helper()
	if err := schemaErr(name, doc); err != nil {
		t.Errorf("%s does not validate against schema.cue: %v", name, err)
	}
}

// documentFixtures are the results of every fixture, judged against the
// real specification.
var documentFixtures = []string{"testdata/sonobuoy/windows-2022.tar.gz", "testdata/sonobuoy/linux-only.tar.gz", "testdata/junit/k8s-v2.xml", "testdata/ginkgo/report.json"}

func TestDocumentSchema(t *testing.T) {
	res := realResolution(t)
	for _, p := range documentFixtures {
		for _, strict := range []bool{false, true} {
			results, err := Read([]string{p}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Evaluate(res, "v1.37.2", results, Options{Required: []string{"core", "serviceProxy"}, Strict: strict, Version: "v0.1.0",
				Product: &Product{Vendor: "Yoyodyne", Name: "Turbo Encabulator", Version: "v1.7.4", Contact: []string{"conformance@yoyo.dyne"}}})
			if err != nil {
				t.Fatal(err)
			}
			var js, ym bytes.Buffer
			if err := rep.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			if err := rep.WriteYAML(&ym); err != nil {
				t.Fatal(err)
			}
			validate(t, p+".json", js.Bytes())
			validate(t, p+".yaml", ym.Bytes())
			if !strings.HasPrefix(ym.String(), "# "+Header+"\n") {
				t.Errorf("%s: YAML does not start with the generated notice", p)
			}
		}
	}
	// The schema is not a rubber stamp: a wrong level, a missing field and
	// counts that do not add up are refused.
	results, err := Read([]string{documentFixtures[0]}, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(res, "v1.37.2", results, Options{Version: "v0.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string][2]string{
		"unknown level":     {`"level": "failure"`, `"level": "fail"`},
		"no kind":           {`"kind": "WindowsConformanceReport",`, ``},
		"counts off by one": {`"applicable": 24`, `"applicable": 25`},
		"bad digest":        {`"sha256": "`, `"sha256": "x`},
	} {
		bad := strings.Replace(js.String(), edit[0], edit[1], 1)
		if bad == js.String() {
			t.Fatalf("%s: %q not in the document", name, edit[0])
		}
		if err := schemaErr(name+".json", []byte(bad)); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// TestVerify checks that a report verifies against its own inputs, in
// JSON and YAML and from another path, and that an edited verdict, a
// changed input byte or another specification is found and named.
func TestVerify(t *testing.T) {
	res := realResolution(t)
	dir := t.TempDir()
	tarball := filepath.Join(dir, "202611201043_sonobuoy_2c8f1e7a.tar.gz")
	copyFile(t, "testdata/sonobuoy/windows-2022.tar.gz", tarball)
	judge := func(paths ...string) *Report {
		t.Helper()
		results, err := Read(paths, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Evaluate(res, "v1.37.2", results, Options{Version: "v0.1.0", Product: &Product{Vendor: "Yoyodyne"}})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	published := judge(tarball)
	var js, ym bytes.Buffer
	if err := published.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if err := published.WriteYAML(&ym); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string][]byte{"json": js.Bytes(), "yaml": ym.Bytes()} {
		diffs, err := Verify(doc, judge(tarball))
		if err != nil || len(diffs) != 0 {
			t.Errorf("%s: untouched report: got %v, %v; want no difference", name, diffs, err)
		}
	}
	// The same tarball elsewhere verifies: inputs match by digest.
	moved := filepath.Join(t.TempDir(), "results.tar.gz")
	copyFile(t, tarball, moved)
	if diffs, err := Verify(ym.Bytes(), judge(moved)); err != nil || len(diffs) != 0 {
		t.Errorf("moved input: got %v, %v; want no difference", diffs, err)
	}

	// An edited verdict.
	edited := strings.Replace(ym.String(), "verdict: fail\n", "verdict: pass\n", 1)
	if edited == ym.String() {
		t.Fatal("no failed verdict to edit")
	}
	diffs, err := Verify([]byte(edited), judge(tarball))
	if err != nil || len(diffs) != 1 || !strings.HasSuffix(diffs[0].Path, ".verdict") || diffs[0].Got != `"pass"` || diffs[0].Want != `"fail"` {
		t.Errorf("edited verdict: got %v, %v; want one difference in a verdict", diffs, err)
	}

	// One byte of the input changed (in the gzip trailer's mtime-free
	// header: the OS byte), so the content is the same but the digest is
	// not.
	data, err := os.ReadFile(tarball)
	if err != nil {
		t.Fatal(err)
	}
	data[9] ^= 0x01
	changed := filepath.Join(t.TempDir(), "202611201043_sonobuoy_2c8f1e7a.tar.gz")
	write(t, changed, string(data))
	diffs, err = Verify(ym.Bytes(), judge(changed))
	if err != nil || len(diffs) == 0 || !containsPath(diffs, "inputs[0].sha256") {
		t.Errorf("changed input: got %v, %v; want the input's digest named", diffs, err)
	}

	// Another specification version.
	other := judge(tarball)
	other.Tool.SpecSHA256 = strings.Repeat("0", 64)
	diffs, err = Verify(ym.Bytes(), other)
	if err != nil || len(diffs) != 1 || diffs[0].Path != "wincspec.specSHA256" {
		t.Errorf("other spec: got %v, %v; want wincspec.specSHA256", diffs, err)
	}

	// Not a report.
	if _, err := Verify([]byte("kind: Pod\napiVersion: v1\n"), published); err == nil || !strings.Contains(err.Error(), "kind is Pod") {
		t.Errorf("not a report: got %v", err)
	}
}

func containsPath(diffs []Difference, path string) bool {
	for _, d := range diffs {
		if d.Path == path {
			return true
		}
	}
	return false
}
