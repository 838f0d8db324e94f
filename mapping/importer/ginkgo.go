package importer

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"sigs.k8s.io/wincspec/inventory"
)

// FromGinkgoReport builds the specs of an inventory from a Ginkgo JSON
// report (the array of suite reports that --ginkgo.json-report writes).
// Every It counts, whatever its state: a spec skipped by a focus, a skip or
// the Kubernetes default skip is still part of the suite. Suite-level nodes
// (BeforeSuite, ReportAfterSuite and the like) are not specs and are left
// out. repoRoot, when set, is removed from leaf file paths, which then
// become slash-separated and relative.
func FromGinkgoReport(data []byte, repoRoot string) ([]*inventory.Spec, error) {
	var reports []types.Report
	if err := json.Unmarshal(data, &reports); err != nil {
		var one types.Report
		if err1 := json.Unmarshal(data, &one); err1 != nil {
			return nil, fmt.Errorf("decoding Ginkgo JSON report: %w", err)
		}
		reports = []types.Report{one}
	}
	if len(reports) == 0 {
		return nil, fmt.Errorf("decoding Ginkgo JSON report: no suite reports")
	}
	var specs []*inventory.Spec
	for _, r := range reports {
		for _, sr := range r.SpecReports {
			if sr.LeafNodeType != types.NodeTypeIt {
				continue
			}
			s := &inventory.Spec{
				Leaf:       sr.LeafNodeText,
				Containers: slices.Clone(sr.ContainerHierarchyTexts),
				Labels:     sr.Labels(),
				File:       relativePath(sr.LeafNodeLocation.FileName, repoRoot),
				Line:       sr.LeafNodeLocation.LineNumber,
			}
			s.Text = inventory.FullText(s.Containers, s.Leaf)
			if s.Text == "" {
				return nil, fmt.Errorf("decoding Ginkgo JSON report: spec at %s has no text", sr.LeafNodeLocation)
			}
			specs = append(specs, s)
		}
	}
	return specs, nil
}

// relativePath makes an absolute path from the module cache relative to the
// repository root. Paths outside it, or with no root given, are kept, made
// slash-separated.
func relativePath(p, root string) string {
	if p == "" {
		return ""
	}
	if root != "" {
		if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(p)
}
