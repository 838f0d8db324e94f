package spec_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"cuelang.org/go/cue/format"

	"sigs.k8s.io/wincspec/spec"
)

// TestFormatted fails when a specification file is not as "cue fmt" would
// write it.
func TestFormatted(t *testing.T) {
	err := fs.WalkDir(spec.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".cue") {
			return err
		}
		src, err := fs.ReadFile(spec.FS(), p)
		if err != nil {
			return err
		}
		got, err := format.Source(src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if !bytes.Equal(got, src) {
			t.Errorf("spec/%s is not cue fmt clean; run: make fmt", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
