package site

import (
	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Generated renders every file of generated/, keyed by path relative to
// it: for each edition of s, the test selections (compiler.Generate) and the
// site (Render, under site/), the default edition's at the top and every
// other edition's under a directory named after it.
func Generated(s *spec.Spec, invs []*mapping.Inventory) (map[string][]byte, error) {
	files := map[string][]byte{}
	all, err := mapping.ResolveEditions(s, invs)
	if err != nil {
		return nil, err
	}
	for _, res := range all {
		out, err := compiler.Generate(res)
		if err != nil {
			return nil, err
		}
		pages, err := Render(res)
		if err != nil {
			return nil, err
		}
		prefix := ""
		if res.Spec.Edition != "" {
			prefix = res.Spec.Edition + "/"
		}
		for name, data := range out {
			files[prefix+name] = data
		}
		for name, data := range pages {
			files[prefix+"site/"+name] = data
		}
	}
	return files, nil
}
