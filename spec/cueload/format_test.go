package cueload_test

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"

	"cuelang.org/go/cue/format"
)

// TestFormatted fails when a specification file is not as "cue fmt" would
// write it.
func TestFormatted(t *testing.T) {
	src := os.DirFS("..") // the repository's spec/
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".cue") {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		got, err := format.Source(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if !bytes.Equal(got, data) {
			t.Errorf("spec/%s is not cue fmt clean; run: make fmt", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
