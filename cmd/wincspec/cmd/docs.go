package cmd

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

func newDocsCmd(o *options) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:         "docs --out DIR",
		Annotations: boundedMemory,
		Short:       "Render the documentation site: Markdown and HTML pages",
		Long: `Docs renders the specification as a site: an overview, one page per profile
with every requirement, its statement, source and tests per release (linked
to the Kubernetes source at the release tag), a coverage matrix and a gap
report. Each page is written as Markdown and as HTML (one style sheet, no
JavaScript). Links to generated test selections assume the site is written
to generated/site, as "make generate" does.`,
		Example: `  wincspec docs --out generated/site`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if out == "" {
				return usageErrorf("--%s DIR is required", flagOut)
			}
			return writeSite(c, o, out, "")
		},
	}
	c.Flags().StringVar(&out, flagOut, "", "directory to write the site to")
	return c
}

// writeSite writes the site's files, or only those with the given suffix
// (".md" or ".html", which brings the style sheet along).
func writeSite(c *cobra.Command, o *options, dir, only string) error {
	if o.full == nil {
		return o.delegate(c.Context(), "the site is rendered")
	}
	res, err := o.resolve(nil)
	if err != nil {
		return err
	}
	files, err := o.full.Site(res)
	if err != nil {
		return err
	}
	n := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if only != "" && !strings.HasSuffix(name, only) && !(only == ".html" && name == "style.css") {
			continue
		}
		if err := writeFile(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(c.OutOrStdout(), "wrote %d files to %s\n", n, dir)
	return nil
}
