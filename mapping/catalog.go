package mapping

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/semver"

	"sigs.k8s.io/wincspec/inventory"
)

// embedded holds the committed inventories, one JSON Lines file per release.
//
//go:embed inventory/*.jsonl
var embedded embed.FS

// Catalog is a set of inventories, one per Kubernetes release, loaded on
// first use.
type Catalog struct {
	fsys  fs.FS
	dir   string
	files map[string]string // release -> file name

	mu     sync.Mutex
	loaded map[string]*loading
}

// loading decodes one inventory once.
type loading struct {
	once sync.Once
	inv  *Inventory
	err  error
}

var (
	embeddedOnce    sync.Once
	embeddedCatalog *Catalog
	embeddedErr     error
)

// EmbeddedFS returns the embedded inventories: directory "inventory" holds
// one <release>.jsonl file per release.
func EmbeddedFS() fs.FS { return embedded }

// Embedded returns the catalog of the inventories embedded in the binary.
// Inventories it returns are shared: treat them as read-only.
func Embedded() (*Catalog, error) {
	embeddedOnce.Do(func() {
		embeddedCatalog, embeddedErr = NewCatalog(embedded, "inventory")
	})
	return embeddedCatalog, embeddedErr
}

// NewCatalog indexes the inventory files (*.jsonl, named after their
// release, such as v1.37.2.jsonl) in the directory dir of fsys.
func NewCatalog(fsys fs.FS, dir string) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading inventories in %s: %w", dir, err)
	}
	c := &Catalog{fsys: fsys, dir: dir, files: map[string]string{}, loaded: map[string]*loading{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".jsonl") {
			continue
		}
		release := strings.TrimSuffix(name, ".jsonl")
		if !semver.IsValid(release) || semver.Canonical(release) != release {
			return nil, fmt.Errorf("reading inventories: file %s: name is not a release such as v1.37.2.jsonl", path.Join(dir, name))
		}
		c.files[release] = name
	}
	if len(c.files) == 0 {
		return nil, fmt.Errorf("reading inventories in %s: no inventory files (<release>.jsonl)", dir)
	}
	return c, nil
}

// Releases returns the catalog's releases, oldest first.
func (c *Catalog) Releases() []string {
	out := make([]string, 0, len(c.files))
	for r := range c.files {
		out = append(out, r)
	}
	semver.Sort(out)
	return out
}

// Resolve turns a release as a user writes it ("v1.37.2", "v1.37", "1.37")
// into a release of the catalog: the exact patch, or the latest patch of a
// minor version.
func (c *Catalog) Resolve(release string) (string, error) {
	v := release
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	if !semver.IsValid(v) {
		return "", fmt.Errorf("invalid Kubernetes version %q: want vX.Y or vX.Y.Z", release)
	}
	all := c.Releases()
	if v != semver.MajorMinor(v) {
		// A full version, with any pre-release or build suffix, must be
		// one of the catalog's.
		if slices.Contains(all, v) {
			return v, nil
		}
	} else {
		for i := len(all) - 1; i >= 0; i-- {
			if semver.MajorMinor(all[i]) == semver.MajorMinor(v) {
				return all[i], nil
			}
		}
	}
	return "", fmt.Errorf("no inventory for Kubernetes %s: have %s", release, strings.Join(all, ", "))
}

// Inventory returns the inventory of a release, resolved as by Resolve.
func (c *Catalog) Inventory(release string) (*Inventory, error) {
	r, err := c.Resolve(release)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	l, ok := c.loaded[r]
	if !ok {
		l = &loading{}
		c.loaded[r] = l
	}
	c.mu.Unlock()
	l.once.Do(func() { l.inv, l.err = c.load(r) })
	return l.inv, l.err
}

func (c *Catalog) load(release string) (*Inventory, error) {
	name := path.Join(c.dir, c.files[release])
	data, err := readString(c.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("reading inventory %s: %w", name, err)
	}
	inv, err := inventory.DecodeString(data, name)
	if err != nil {
		return nil, err
	}
	if inv.Release() != release {
		return nil, fmt.Errorf("reading inventory %s: it says release %s", name, inv.Release())
	}
	return inv, nil
}

// readString reads a whole file into a string with a single copy.
func readString(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if fi, err := f.Stat(); err == nil {
		b.Grow(int(fi.Size()))
	}
	if _, err := io.Copy(&b, f); err != nil {
		return "", err
	}
	return b.String(), nil
}

// All returns every inventory of the catalog, oldest release first. It
// decodes them concurrently.
func (c *Catalog) All() ([]*Inventory, error) {
	releases := c.Releases()
	out := make([]*Inventory, len(releases))
	errs := make([]error, len(releases))
	var wg sync.WaitGroup
	for i, r := range releases {
		wg.Go(func() { out[i], errs[i] = c.Inventory(r) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}
