package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/opready"
)

func newImportCmd(o *options) *cobra.Command {
	c := &cobra.Command{
		Use:   "import",
		Short: "Read other tools' test selections and compare them with the specification",
		Args:  cobra.NoArgs,
	}
	c.AddCommand(newImportOpReadinessCmd(o))
	return c
}

func newImportOpReadinessCmd(o *options) *cobra.Command {
	var (
		format, provider string
		releases         []string
	)
	c := &cobra.Command{
		Use:   "op-readiness DIR",
		Short: "Compare the test cases of windows-operational-readiness with the specification",
		Long: `op-readiness reads the test cases of kubernetes-sigs/windows-operational-readiness,
KEP-2578's reference tool, from DIR: its specifications directory, or a
checkout of the repository (specifications/<category>/spec.yaml: category,
testCases with description, focus, skip, kubernetesVersions, skipProviders).

For every case and release it applies what the tool runs, one e2e.test
process per case with its focus strings joined by "|" into --ginkgo.focus
and its skip strings into --ginkgo.skip, to the release's inventory, and
prints: the exact specs the case runs (none, one or many); the requirements
of each edition those specs verify, with the coverage the mapping claims;
the specs it runs that no requirement needs; and, when its description
repeats a requirement's KEP text, the specs that requirement needs and the
case does not run. It ends with the number of e2e.test processes the tool
starts, beside the number wincspec's plans start in the newest release
compared (one per execution set of each profile), for every edition: it
compares with all of them, whatever --edition says.

Like the tool, it ignores fields it does not know and accepts any
category, with a warning; what the tool refuses (no category, no
description, an empty focus) is an error that names the file and line.`,
		Example: `  wincspec import op-readiness ~/src/windows-operational-readiness
  wincspec import op-readiness specifications --kubernetes v1.37 --format markdown`,
		Args:        cobra.ExactArgs(1),
		Annotations: boundedMemory,
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "markdown", "json"); err != nil {
				return err
			}
			dir, err := filepath.Abs(args[0])
			if err != nil {
				return inputError(err)
			}
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return inputError(usageErrorf("invalid DIR %q: not a directory", args[0]))
			}
			files, err := opready.ReadDir(os.DirFS(dir), ".")
			if err != nil {
				return inputError(err)
			}
			for _, f := range files {
				for _, w := range f.Warnings {
					fmt.Fprintf(c.ErrOrStderr(), "wincspec: warning: %s\n", w)
				}
			}
			cases := opready.Cases(files)
			all, err := o.loadAll()
			if err != nil {
				return err
			}
			invs, err := o.inventories(releases)
			if err != nil {
				return err
			}
			resolutions, err := mapping.ResolveEditions(all, invs)
			if err != nil {
				return err
			}
			sum := opready.Summary{Cases: len(cases), ToolRuns: opready.Invocations(cases, provider), Provider: provider, Ours: map[string]int{}}
			newest := invs[len(invs)-1].Release()
			for _, res := range resolutions {
				for _, prof := range res.Spec.ProfileIDs() {
					p, err := compiler.NewPlan(res, newest, []string{prof})
					if err != nil {
						return err
					}
					sum.Ours[res.Spec.EditionName()] += len(p.Sets)
				}
			}
			rows, err := opready.Compare(cases, resolutions)
			if err != nil {
				return inputError(err)
			}
			out := c.OutOrStdout()
			switch format {
			case "json":
				data, err := opready.MarshalJSON(rows, sum)
				if err != nil {
					return err
				}
				if _, err := out.Write(data); err != nil {
					return outputError(err)
				}
			case "markdown":
				if err := opready.WriteMarkdown(out, rows, sum); err != nil {
					return outputError(err)
				}
			default:
				if err := opready.WriteText(out, rows, sum); err != nil {
					return outputError(err)
				}
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text, markdown or json")
	c.Flags().StringVar(&provider, "provider", "local", "the --provider the tool would run with: cases whose skipProviders name it are not counted as runs")
	c.Flags().StringSliceVar(&releases, flagKubernetes, nil, "compare in these releases only, such as v1.37 (repeatable; default: every inventory)")
	return c
}
