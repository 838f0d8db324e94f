package compiler

import "sigs.k8s.io/wincspec/mapping"

// Site renders the documentation site, keyed by path under generated/site.
func Site(res *mapping.Resolution) (map[string][]byte, error) {
	return map[string][]byte{}, nil
}
