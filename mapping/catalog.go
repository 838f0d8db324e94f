package mapping

import (
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

// Catalog is a set of inventories, one per Kubernetes release, loaded on
// first use: from JSON Lines files (NewCatalog) or from a packed file
// (NewPackedCatalog).
type Catalog struct {
	fsys  fs.FS
	dir   string
	files map[string]string // release -> file name

	packed *inventory.Packed

	mu     sync.Mutex
	loaded map[string]*loading
}

// NewPackedCatalog is the catalog of the inventories of a packed file.
func NewPackedCatalog(p *inventory.Packed) (*Catalog, error) {
	c := &Catalog{packed: p, files: map[string]string{}}
	for _, r := range p.Releases() {
		if !semver.IsValid(r) || semver.Canonical(r) != r {
			return nil, fmt.Errorf("packed inventories: %q is not a release such as v1.37.2", r)
		}
		c.files[r] = r
	}
	if len(c.files) == 0 {
		return nil, errors.New("packed inventories: none")
	}
	return c, nil
}

// loading decodes one inventory once.
type loading struct {
	once sync.Once
	inv  *Inventory
	err  error
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

// Inventory returns the inventory of a release, resolved as by Resolve. It
// is decoded once and shared; a packed catalog's specs also share their
// lists (labels, containers, images) with each other and across releases:
// treat it as read-only.
func (c *Catalog) Inventory(release string) (*Inventory, error) {
	r, err := c.Resolve(release)
	if err != nil {
		return nil, err
	}
	if c.packed != nil {
		return c.packed.Inventory(r)
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
