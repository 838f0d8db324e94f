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
			goVersion := "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				goVersion = bi.GoVersion
			}
			fmt.Fprintf(c.OutOrStdout(), "wincspec %s %s\n", wincspecVersion(), goVersion)
			return nil
		},
	}
}

// wincspecVersion is the module version wincspec was built at, or
// "(devel)" for a build from a checkout.
func wincspecVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
