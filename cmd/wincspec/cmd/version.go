package cmd

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the wincspec version",
		Args:    cobra.NoArgs,
		Example: "  wincspec version",
		RunE: func(c *cobra.Command, _ []string) error {
			version, goVersion := "(devel)", "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				goVersion = bi.GoVersion
				if v := bi.Main.Version; v != "" {
					version = v
				}
			}
			fmt.Fprintf(c.OutOrStdout(), "wincspec %s %s\n", version, goVersion)
			return nil
		},
	}
}
