package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a", "b", "file.txt")
	if err := Write(name, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, []byte("two"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "two" {
		t.Errorf("got %q, %v; want %q", got, err, "two")
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o755 {
		t.Errorf("mode %v, want 0755", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	if len(entries) != 1 {
		t.Errorf("%d entries left in the directory, want 1", len(entries))
	}
	// A target that is a directory fails, and leaves no temporary file.
	if err := Write(dir+"/a", []byte("x"), 0o644); err == nil {
		t.Error("writing over a directory succeeded")
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed write left %d entries, want 1", len(entries))
	}
}
