package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
)

func newExplainCmd(o *options) *cobra.Command {
	var format string
	var releases []string
	c := &cobra.Command{
		Use:         "explain ID",
		Annotations: boundedMemory,
		Short:       "Show a requirement and, per release, the exact tests that verify it, or a general rule",
		Example: `  wincspec explain CORE-NET-06
  wincspec explain core-rule-01
  wincspec explain HP-01 --kubernetes v1.37 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			res, err := o.resolve(releases)
			if err != nil {
				return err
			}
			e := compiler.Explain(res, args[0])
			if e == nil {
				if r := res.Spec.Rule(strings.ToUpper(args[0])); r != nil {
					if format == "json" {
						return writeJSON(c.OutOrStdout(), r)
					}
					return compiler.WriteRule(c.OutOrStdout(), r)
				}
				return usageErrorf("no requirement or rule %q (see: wincspec gen --target json)", args[0])
			}
			if format == "json" {
				return writeJSON(c.OutOrStdout(), e)
			}
			return e.WriteText(c.OutOrStdout())
		},
	}
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text or json")
	c.Flags().StringSliceVar(&releases, flagKubernetes, nil, "only these releases, such as v1.37 (repeatable; default: every inventory)")
	return c
}

func newTraceCmd(o *options) *cobra.Command {
	var format string
	var releases []string
	c := &cobra.Command{
		Use:         "trace TEXT|REGEXP",
		Annotations: boundedMemory,
		Short:       "Show which requirements an e2e test serves",
		Long: `Trace takes a spec's exact full text or, when no spec has that text, an RE2
pattern matched against full texts or, when the pattern matches nothing (or
is not one: spec texts are full of brackets), a part of a full text, and
lists for every matching spec the requirements it serves in each release.
Names copied from a report may keep their "Kubernetes e2e suite " or "[It] "
prefix. It exits 1 when nothing matches.`,
		Example: `  wincspec trace "[sig-windows] Hybrid cluster network for all supported CNIs should have stable networking for Linux and Windows pods"
  wincspec trace 'HostProcess containers' --kubernetes v1.37`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			res, err := o.resolve(releases)
			if err != nil {
				return err
			}
			traces, err := compiler.TraceSpecs(res, args[0])
			if err != nil {
				return inputError(err)
			}
			if format == "json" {
				if err := writeJSON(c.OutOrStdout(), traces); err != nil {
					return err
				}
			} else {
				compiler.WriteTraces(c.OutOrStdout(), traces)
			}
			if len(traces) == 0 {
				fmt.Fprintf(c.ErrOrStderr(), "no e2e spec matches %q\n", args[0])
				return errFindings
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text or json")
	c.Flags().StringSliceVar(&releases, flagKubernetes, nil, "only these releases, such as v1.37 (repeatable; default: every inventory)")
	return c
}
