package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
)

var genTargets = []string{"json"}

func newGenCmd(o *options) *cobra.Command {
	var target string
	c := &cobra.Command{
		Use:   "gen --target TARGET",
		Short: "Generate outputs from the specification",
		Long: `Gen compiles the specification into one output, written to stdout.

Targets:
  json    the specification as JSON`,
		Example: `  wincspec gen --target json > spec.json`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if !slices.Contains(genTargets, target) {
				return usageErrorf("invalid --%s %q: want one of %s", flagTarget, target, strings.Join(genTargets, ", "))
			}
			s, err := o.loadSpec()
			if err != nil {
				return err
			}
			out, err := compiler.SpecJSON(s, "gen --target json")
			if err != nil {
				return fmt.Errorf("rendering JSON: %w", err)
			}
			_, err = c.OutOrStdout().Write(out)
			return err
		},
	}
	c.Flags().StringVar(&target, flagTarget, "", "output to generate: "+strings.Join(genTargets, ", "))
	return c
}
