package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/spec"
)

// Main runs wincspec with the process arguments and returns its exit code.
func Main() int {
	return Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Run runs wincspec with args and the given standard streams, prints any
// error once to stderr, and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	printError(stderr, err)
	return exitCode(err)
}

// printError prints err once. Specification errors print one per line,
// each starting with its file:line:col, as compilers do.
func printError(w io.Writer, err error) {
	if err == nil || errors.Is(err, errFindings) {
		return
	}
	var list spec.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
		fmt.Fprintf(w, "wincspec: %d error%s in the specification\n", len(list), plural(len(list)))
		return
	}
	fmt.Fprintf(w, "wincspec: %v\n", err)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// options are the settings every command shares.
type options struct {
	specDir string
}

// loadSpec loads the specification from --spec, or the embedded default.
func (o *options) loadSpec() (*spec.Spec, error) {
	if o.specDir == "" {
		s, err := spec.Default()
		if err != nil {
			return nil, inputError(err)
		}
		return s, nil
	}
	abs, err := filepath.Abs(o.specDir)
	if err != nil {
		return nil, inputError(fmt.Errorf("invalid --%s %q: %w", flagSpec, o.specDir, err))
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, inputError(fmt.Errorf("invalid --%s %q: not a directory", flagSpec, o.specDir))
	}
	s, err := spec.Load(os.DirFS(abs), ".", filepath.ToSlash(filepath.Clean(o.specDir)))
	if err != nil {
		return nil, inputError(err)
	}
	return s, nil
}

func newRootCmd() *cobra.Command {
	o := &options{}
	c := &cobra.Command{
		Use:   "wincspec",
		Short: "Check, compile and report on the Windows Conformance specification for Kubernetes",
		Long: `wincspec turns the SIG-Windows conformance specification into exact e2e test
selections and per-requirement verdicts.

The specification (CUE files, one record per KEP requirement) is embedded;
--spec DIR loads an edited copy instead.

Exit codes: 0 ok, 1 findings or a failed profile, 2 usage or input error.`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
	}
	c.PersistentFlags().StringVar(&o.specDir, flagSpec, "", "load the specification from this directory instead of the embedded one")
	c.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v (see %q)", err, c.CommandPath()+" --help")
	})
	c.AddCommand(
		newCheckCmd(o),
		newGenCmd(o),
		newVersionCmd(),
	)
	return c
}
