// Package atomicfile writes files so that a reader never sees a partial
// one: the data goes to a temporary file beside the target, which is then
// renamed into place.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write writes data to name with the given permissions, creating missing
// directories. On any error nothing is left behind and an existing file
// keeps its old content.
func Write(name string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	err = errors.Join(werr, f.Close())
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
