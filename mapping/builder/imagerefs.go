package builder

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"sigs.k8s.io/wincspec/inventory"
)

// ReadImageRefs reads the default image references of every image ID
// (lower-cased, as inventories name them) from test/utils/image/manifest.go
// under repoDir: the initRegistry literal gives each registry, and the
// configs[ID] = Config{list.Registry, "name", "version"} assignments of
// initImageConfigs give each image. Entries it cannot read as literals are
// left out.
func ReadImageRefs(repoDir string) (map[string]inventory.ImageRef, error) {
	file := filepath.Join(repoDir, "test", "utils", "image", "manifest.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		return nil, fmt.Errorf("reading image manifest: %w", err)
	}
	keys := map[string]string{}       // RegistryList field -> YAML key
	registries := map[string]string{} // RegistryList field -> default registry
	var configs *ast.FuncDecl
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TypeSpec:
			if st, ok := n.Type.(*ast.StructType); ok && n.Name.Name == "RegistryList" {
				for _, fl := range st.Fields.List {
					if fl.Tag == nil || len(fl.Names) == 0 {
						continue
					}
					tag, _ := strconv.Unquote(fl.Tag.Value)
					key, _, _ := strings.Cut(reflect.StructTag(tag).Get("yaml"), ",")
					keys[fl.Names[0].Name] = key
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if name.Name != "initRegistry" || i >= len(n.Values) {
					continue
				}
				if lit, ok := n.Values[i].(*ast.CompositeLit); ok {
					for _, e := range lit.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok {
								if v, ok := stringLit(kv.Value); ok {
									registries[k.Name] = v
								}
							}
						}
					}
				}
			}
		case *ast.FuncDecl:
			if n.Name.Name == "initImageConfigs" {
				configs = n
			}
		}
		return true
	})
	if configs == nil || len(registries) == 0 {
		return nil, fmt.Errorf("reading image manifest %s: no initImageConfigs or initRegistry", file)
	}
	out := map[string]inventory.ImageRef{}
	ast.Inspect(configs.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		idx, ok := as.Lhs[0].(*ast.IndexExpr)
		if !ok {
			return true
		}
		id, ok := idx.Index.(*ast.Ident)
		lit, ok2 := as.Rhs[0].(*ast.CompositeLit)
		if !ok || !ok2 || len(lit.Elts) != 3 {
			return true
		}
		sel, ok := lit.Elts[0].(*ast.SelectorExpr)
		name, ok1 := stringLit(lit.Elts[1])
		version, ok2 := stringLit(lit.Elts[2])
		if !ok || !ok1 || !ok2 || registries[sel.Sel.Name] == "" {
			return true
		}
		out[strings.ToLower(id.Name)] = inventory.ImageRef{RegistryKey: keys[sel.Sel.Name], Registry: registries[sel.Sel.Name], Name: name, Version: version}
		return true
	})
	return out, nil
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}
