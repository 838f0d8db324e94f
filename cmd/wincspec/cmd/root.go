package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/mod/semver"

	"sigs.k8s.io/wincspec/embedded"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Main runs wincspec with the process arguments and returns its exit code.
func Main() int {
	return Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// MainFull runs wincspec-full, the build of the command with every
// feature, with the process arguments, and returns its exit code.
func MainFull(f Full) int {
	return RunFull(f, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Run runs wincspec with args and the given standard streams, prints any
// error once to stderr, and returns the exit code. A command that needs
// what wincspec leaves out (see Full) runs in wincspec-full.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(nil, args, stdin, stdout, stderr)
}

// RunFull is Run for wincspec-full.
func RunFull(f Full, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(&f, args, stdin, stdout, stderr)
}

func run(full *Full, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if full != nil {
		if err := checkCaller(); err != nil {
			printError(stderr, err)
			return exitCode(err)
		}
	}
	o := &options{full: full, args: args, stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if o.restoreGC != nil {
			o.restoreGC()
		}
	}()
	root := newRootCmd(o)
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
	var d *delegated
	if err == nil || errors.Is(err, errFindings) || errors.Is(err, errReported) || errors.As(err, &d) {
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
	edition      string

	// full is what wincspec-full adds; nil in wincspec.
	full *Full
	// restoreGC undoes tuneGC, when a command tuned the collector.
	restoreGC func()
	// args and the streams are the command line, for handing it to
	// wincspec-full.
	args           []string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// catalog returns the e2e inventories from --inventories, or the embedded
// ones.
func (o *options) catalog() (*mapping.Catalog, error) {
	if o.inventoryDir == "" {
		return embedded.Catalog()
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

// loadSpec loads the edition --edition of the specification from --spec,
// or of the embedded one.
func (o *options) loadSpec() (*spec.Spec, error) {
	s, err := o.loadAll()
	if err != nil {
		return nil, err
	}
	e, err := s.InEdition(o.edition)
	if err != nil {
		return nil, usageErrorf("invalid --%s: %v", flagEdition, err)
	}
	return e, nil
}

// loadAll loads the specification with every edition.
func (o *options) loadAll() (*spec.Spec, error) {
	if o.specDir == "" {
		return embedded.Spec(), nil
	}
	if o.full == nil {
		return nil, inputError(fmt.Errorf("--%s needs %s", flagSpec, fullCommand))
	}
	abs, err := filepath.Abs(o.specDir)
	if err != nil {
		return nil, inputError(fmt.Errorf("invalid --%s %q: %w", flagSpec, o.specDir, err))
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, inputError(fmt.Errorf("invalid --%s %q: not a directory", flagSpec, o.specDir))
	}
	s, err := o.full.Load(os.DirFS(abs), ".", filepath.ToSlash(filepath.Clean(o.specDir)))
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

func newRootCmd(o *options) *cobra.Command {
	c := &cobra.Command{
		Use:   "wincspec",
		Short: "Check, compile and report on the Windows Conformance specification for Kubernetes",
		Long: `wincspec turns the SIG-Windows conformance specification into exact e2e test
selections and per-requirement verdicts.

The specification (CUE files, one record per KEP requirement) is compiled
in; --spec DIR evaluates an edited copy instead. Commands that need CUE
(--spec), the site renderer (docs, gen --all) or the inventory builder
(inventory build) run in wincspec-full, found beside wincspec or in PATH.

Exit codes: 0 ok, 1 findings or a failed profile, 2 usage or input error,
3 the output could not be written (a full disk, a read-only directory).`,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
		// wincspec leaves the CUE evaluator out: a command given --spec
		// runs whole in wincspec-full.
		PersistentPreRunE: func(c *cobra.Command, _ []string) error {
			if c.Annotations[annotationMemory] == memoryBounded && o.specDir == "" && o.inventoryDir == "" {
				o.restoreGC = tuneGC()
			}
			if o.specDir != "" && o.full == nil {
				return o.delegate(c.Context(), fmt.Sprintf("--%s evaluates the CUE source of a specification", flagSpec))
			}
			return nil
		},
	}
	c.PersistentFlags().StringVar(&o.specDir, flagSpec, "", "load the specification from this directory instead of the embedded one")
	c.PersistentFlags().StringVar(&o.edition, flagEdition, spec.DefaultEdition, "edition of the specification: draft (the 2021 KEP draft) or kep-2578 (the merged KEP-2578 text)")
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
		newDiffCmd(o),
		newImportCmd(o),
		newVersionCmd(),
	)
	return c
}

// annotationMemory marks, with memoryBounded, the commands whose memory
// the embedded data bounds, rather than the size of the user's inputs:
// specification and inventories of a few tens of MB.
const (
	annotationMemory = "wincspec/memory"
	memoryBounded    = "bounded"
)

var boundedMemory = map[string]string{annotationMemory: memoryBounded}

// tuneGC lets the heap of a bounded command grow to nine times its live
// size before collecting (GOGC=800), unless the environment sets GOGC:
// such a short process then collects once or never instead of several
// times while it decodes the inventories, with a peak heap of a few tens
// of MB. It returns what restores the previous setting.
func tuneGC() func() {
	if _, set := os.LookupEnv("GOGC"); set {
		return nil
	}
	prev := debug.SetGCPercent(800)
	return func() { debug.SetGCPercent(prev) }
}
