package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/spec"
)

func newDiffCmd(o *options) *cobra.Command {
	var (
		editions []string
		format   string
	)
	c := &cobra.Command{
		Use:   "diff --edition FROM --edition TO",
		Short: "List what changed between two editions of the specification",
		Long: `Diff compares two editions of the specification: the requirements each
adds or removes, those of one ability that moved to another section, bullet,
profile or category, were reworded in the KEP text or renamed, abilities an
edition lists twice, and the profiles and general rules that changed. Each
entry gives its source in both editions. Requirements are the same ability
when one links to the other (sameAs).

Without --edition, it compares the draft with every other edition in turn
(in JSON, as one array).`,
		Example: `  wincspec diff --edition draft --edition kep-2578
  wincspec diff --edition draft --edition kep-2578 --format json`,
		Args:        cobra.NoArgs,
		Annotations: boundedMemory,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "markdown", "json"); err != nil {
				return err
			}
			if len(editions) != 0 && len(editions) != 2 {
				return usageErrorf("give --%s twice, FROM then TO, or not at all", flagEdition)
			}
			all, err := o.loadAll()
			if err != nil {
				return err
			}
			pairs := [][2]string{}
			if len(editions) == 2 {
				pairs = append(pairs, [2]string{editions[0], editions[1]})
			} else {
				for _, e := range all.Editions {
					pairs = append(pairs, [2]string{spec.DefaultEdition, e.ID})
				}
			}
			out := c.OutOrStdout()
			var diffs []*spec.EditionDiff
			for i, p := range pairs {
				from, err := all.InEdition(p[0])
				if err != nil {
					return usageErrorf("invalid --%s: %v", flagEdition, err)
				}
				to, err := all.InEdition(p[1])
				if err != nil {
					return usageErrorf("invalid --%s: %v", flagEdition, err)
				}
				d := spec.DiffEditions(from, to)
				diffs = append(diffs, d)
				if i > 0 && format == "text" {
					fmt.Fprintln(out)
				}
				switch format {
				case "json":
					if len(editions) == 0 {
						continue // one array of every comparison, below
					}
					data, err := compiler.EditionDiffJSON(d)
					if err != nil {
						return err
					}
					if _, err := out.Write(data); err != nil {
						return outputError(err)
					}
				case "markdown":
					if _, err := fmt.Fprintf(out, "## %s against %s\n\n%s", d.To, d.From, compiler.EditionDiffMarkdown(d)); err != nil {
						return outputError(err)
					}
				default:
					if err := compiler.WriteEditionDiff(out, d); err != nil {
						return outputError(err)
					}
				}
			}
			if format == "json" && len(editions) == 0 {
				data, err := compiler.EditionDiffsJSON(diffs)
				if err != nil {
					return err
				}
				if _, err := out.Write(data); err != nil {
					return outputError(err)
				}
			}
			return nil
		},
	}
	c.Flags().StringArrayVar(&editions, flagEdition, nil, "edition to compare: give it twice, FROM then TO")
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text, markdown or json")
	return c
}
