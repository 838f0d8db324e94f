package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/mod/semver"

	"sigs.k8s.io/wincspec/mapping"
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
	// Ctrl-C or SIGTERM cancels the command's context: a long inventory
	// build stops its go and e2e.test children.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	printError(stderr, err)
	return exitCode(err)
}

// printError prints err once. Specification errors print one per line,
// each starting with its file:line:col, as compilers do.
func printError(w io.Writer, err error) {
	if err == nil || errors.Is(err, errFindings) || errors.Is(err, errReported) {
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
	specDir      string
	inventoryDir string
}

// catalog returns the e2e inventories from --inventories, or the embedded
// ones.
func (o *options) catalog() (*mapping.Catalog, error) {
	if o.inventoryDir == "" {
		c, err := mapping.Embedded()
		if err != nil {
			return nil, fmt.Errorf("embedded inventories: %w", err)
		}
		return c, nil
	}
	if fi, err := os.Stat(o.inventoryDir); err != nil || !fi.IsDir() {
		return nil, inputError(fmt.Errorf("invalid --%s %q: not a directory", flagInventories, o.inventoryDir))
	}
	c, err := mapping.NewCatalog(os.DirFS(o.inventoryDir), ".")
	if err != nil {
		return nil, inputError(fmt.Errorf("invalid --%s %q: %w", flagInventories, o.inventoryDir, err))
	}
	return c, nil
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

// inventories returns the inventories of the given releases, or of every
// release when none is given, oldest first.
func (o *options) inventories(releases []string) ([]*mapping.Inventory, error) {
	cat, err := o.catalog()
	if err != nil {
		return nil, err
	}
	if len(releases) == 0 {
		return cat.All()
	}
	var out []*mapping.Inventory
	for _, r := range releases {
		inv, err := cat.Inventory(r)
		if err != nil {
			return nil, inputError(fmt.Errorf("invalid --%s: %w", flagKubernetes, err))
		}
		if !slices.Contains(out, inv) {
			out = append(out, inv)
		}
	}
	slices.SortFunc(out, func(a, b *mapping.Inventory) int { return semver.Compare(a.Release(), b.Release()) })
	return out, nil
}

// resolve loads the specification and the inventories of the given
// releases (all when none), and resolves every test reference.
func (o *options) resolve(releases []string) (*mapping.Resolution, error) {
	s, err := o.loadSpec()
	if err != nil {
		return nil, err
	}
	invs, err := o.inventories(releases)
	if err != nil {
		return nil, err
	}
	return mapping.Resolve(s, invs)
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

Exit codes: 0 ok, 1 findings or a failed profile, 2 usage or input error,
3 the output could not be written (a full disk, a read-only directory).`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
	}
	c.PersistentFlags().StringVar(&o.specDir, flagSpec, "", "load the specification from this directory instead of the embedded one")
	c.PersistentFlags().StringVar(&o.inventoryDir, flagInventories, "", "load e2e inventories (vX.Y.Z.jsonl files) from this directory instead of the embedded ones")
	c.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v (see %q)", err, c.CommandPath()+" --help")
	})
	c.AddCommand(
		newCheckCmd(o),
		newGenCmd(o),
		newInventoryCmd(o),
		newExplainCmd(o),
		newReportCmd(o),
		newTraceCmd(o),
		newDocsCmd(o),
		newVersionCmd(),
	)
	return c
}
