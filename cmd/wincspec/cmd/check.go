package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newCheckCmd(o *options) *cobra.Command {
	c := &cobra.Command{
		Use:   "check",
		Short: "Validate the specification",
		Long: `Check loads the specification, validates it against its schema and the rules
the schema cannot express, and reports every problem with its file:line:col.`,
		Example: `  # Check the embedded specification.
  wincspec check

  # Check an edited copy.
  wincspec check --spec ./spec`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			s, err := o.loadSpec()
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "ok: %d requirements in %d profiles, %d rules\n", len(s.Requirements), len(s.Profiles), len(s.Rules))
			return nil
		},
	}
	return c
}
