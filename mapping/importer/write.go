package importer

import (
	"bytes"
	"strings"

	"golang.org/x/mod/semver"

	"sigs.k8s.io/wincspec/internal/atomicfile"
	"sigs.k8s.io/wincspec/inventory"
)

// IsFullVersion reports whether v is a canonical vX.Y.Z version, with an
// optional pre-release suffix such as -beta.0.
func IsFullVersion(v string) bool {
	core, _, _ := strings.Cut(v, "-")
	return semver.IsValid(v) && semver.Canonical(v) == v && strings.Count(core, ".") == 2
}

// WriteFile encodes inv and writes it to name atomically.
func WriteFile(name string, inv *inventory.Inventory, command string) error {
	var buf bytes.Buffer
	if err := inventory.Encode(&buf, inv, command); err != nil {
		return err
	}
	return atomicfile.Write(name, buf.Bytes(), 0o644)
}
