// Package embedded holds the data compiled into the wincspec command: the
// specification, compiled from the CUE source in spec/ into Go
// (spec_gen.go), and the e2e inventory of every supported release
// (inventories.pack, packed from inventory/<release>.jsonl, which "wincspec
// inventory build" writes). "make generate" writes the generated files.
//
// Only the command, and programs that want the same defaults, import this
// package: the library packages take a specification and inventories as
// arguments, so that a program that brings its own links none of this
// data. Loading the specification evaluates no CUE, and loading an
// inventory parses no JSON; the tests of internal/gen prove that both equal
// what their sources give.
package embedded

import (
	_ "embed" // the packed inventories
	"fmt"
	"sync"

	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

//go:generate go run ./internal/gen -root ..

// SpecDisplay is the directory the positions of the embedded specification
// name, as in the repository: spec/core/networking.cue:12:3.
const SpecDisplay = "spec"

// SpecFile and PackFile are the generated files of this package.
const (
	SpecFile = "spec_gen.go"
	PackFile = "inventories.pack"
)

// Spec returns the embedded specification. Each call returns a new copy,
// which the caller may change.
func Spec() *spec.Spec { return compiledSpec() }

// pack holds the committed inventories in the packed form.
//
//go:embed inventories.pack
var pack string

var catalog = sync.OnceValues(NewCatalog)

// NewCatalog returns a new catalog of the embedded inventories, which
// decodes them again; Catalog shares one.
func NewCatalog() (*mapping.Catalog, error) {
	p, err := inventory.OpenPacked(pack, PackFile)
	if err != nil {
		return nil, fmt.Errorf("embedded inventories: %w", err)
	}
	return mapping.NewPackedCatalog(p)
}

// Catalog returns the catalog of the embedded inventories. It decodes an
// inventory on first use, once per process; the inventories it returns are
// shared: treat them as read-only.
func Catalog() (*mapping.Catalog, error) { return catalog() }
