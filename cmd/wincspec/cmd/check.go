package cmd

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

func newCheckCmd(o *options) *cobra.Command {
	var (
		format, failOn, show string
		releases             []string
		fixHashes            bool
		broad                int
	)
	c := &cobra.Command{
		Use:         "check",
		Annotations: boundedMemory,
		Short:       "Validate the specification and check its mapping to the e2e tests",
		Long: `Check loads the specification, validates it against its schema and the rules
the schema cannot express, resolves every test reference against the e2e
inventory of each release, and reports findings:

  dangling     error    a reference matches nothing in a release where it applies
  uncovered    error    a requirement of a gating profile has no test and no gap
  linux-only   error    a mapped test is tagged [LinuxOnly]
  image        warning  a mapped test uses images outside the profile's allowed images
  broad-match  warning  a match or labels reference selects more than --broad-match specs
  suspect      warning  a reference was reviewed against an older statement
  no-release   warning  a reference's releases match none of the inventories
  execution    info     a mapped test is Serial, Slow, Disruptive, feature-gated or Excluded
  dead-test    error    a mapped test always skips (static facts of the inventory)
  skip         warning  a mapped test skips unless a cloud provider, or unless a Linux node OS distro
  unpinned     warning  no mapped test of a requirement pins a pod to Windows; or a full-coverage
                        test pins none and gives no unpinned: reason
  pod-os       info     per release, how many mapped tests set spec.os (CORE-RULE-03)
  waiver       error    a waiver has expired or matches no finding
  spec         error    the specification does not load (in the json and github formats)

Waivers (waivers: in the specification) acknowledge findings that are known
and tracked: a waived finding is counted in the summary, not printed, and
fails nothing.

It ends with a gap report: every requirement that is not fully covered, with
its reason. A specification error (malformed CUE, a wrong field) exits 2.`,
		Example: `  # Check the embedded specification against every embedded inventory.
  wincspec check

  # Check an edited copy and annotate a GitHub pull request.
  wincspec check --spec ./spec --format github

  # Fail on warnings too, and check one release.
  wincspec check --fail-on warning --kubernetes v1.37

  # After reviewing test references against a changed statement:
  wincspec check --spec ./spec --fix-hashes`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json", "github"); err != nil {
				return err
			}
			threshold, err := compiler.ParseSeverity(failOn)
			if err != nil || threshold == compiler.Info {
				return usageErrorf("invalid --%s %q: want error or warning", flagFailOn, failOn)
			}
			minimum, err := compiler.ParseSeverity(show)
			if err != nil {
				return usageErrorf("invalid --show %q: want error, warning or info", show)
			}
			if broad < 1 {
				return usageErrorf("invalid --broad-match %d: want a positive number of specs", broad)
			}
			if fixHashes && o.specDir == "" {
				return usageErrorf("--fix-hashes edits the specification files: give --%s DIR", flagSpec)
			}
			s, err := o.loadSpec()
			if err != nil {
				return reportLoadError(c, format, err)
			}
			if fixHashes {
				files, err := o.full.FixHashes(s)
				if err != nil {
					return err
				}
				for _, f := range files {
					fmt.Fprintf(c.ErrOrStderr(), "updated reviewed hashes in %s\n", f)
				}
				if s, err = o.loadSpec(); err != nil {
					return reportLoadError(c, format, err)
				}
			}
			invs, err := o.inventories(releases)
			if err != nil {
				return err
			}
			res, err := mapping.Resolve(s, invs)
			if err != nil {
				return err
			}
			findings := compiler.Check(res, compiler.CheckOptions{BroadMatch: broad, Today: time.Now().UTC().Format(time.DateOnly),
				SpecDir: o.specDir, AllReleases: len(releases) == 0})
			var names []string
			for _, inv := range invs {
				names = append(names, inv.Release())
			}
			report := compiler.NewCheckReport(names, len(s.Requirements), findings, compiler.Gaps(res), s.Waivers)
			out := c.OutOrStdout()
			switch format {
			case "json":
				err = report.WriteJSON(out)
			case "github":
				err = report.WriteGitHub(out, minimum)
			default:
				err = report.WriteText(out, minimum)
			}
			if err != nil {
				return err
			}
			if compiler.Fails(findings, threshold) {
				return errFindings
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text, json or github (GitHub Actions annotations)")
	c.Flags().StringVar(&failOn, flagFailOn, "error", "lowest severity that makes check exit 1: error or warning")
	c.Flags().StringVar(&show, "show", "info", "lowest severity to print in text and github output: error, warning or info")
	c.Flags().StringSliceVar(&releases, flagKubernetes, nil, "check only these releases, such as v1.37 (repeatable; default: every inventory)")
	c.Flags().BoolVar(&fixHashes, "fix-hashes", false, "write the current statement hash into every suspect test reference (needs --spec)")
	c.Flags().IntVar(&broad, "broad-match", compiler.DefaultBroadMatch, "number of specs above which a match or labels reference is reported")
	return c
}

// reportLoadError prints a specification that does not load in the
// chosen format, so that JSON readers and GitHub annotations see its
// errors, at the positions the text format gives them, and exits 2. The
// text format leaves the errors to Main, which prints them on stderr.
func reportLoadError(c *cobra.Command, format string, err error) error {
	if format == "text" {
		return err
	}
	var list spec.Errors
	if !errors.As(err, &list) {
		list = spec.Errors{{Message: err.Error()}}
	}
	report := compiler.NewCheckReport(nil, 0, compiler.SpecFindings(list), nil, nil)
	out := c.OutOrStdout()
	switch format {
	case "json":
		err = report.WriteJSON(out)
	default:
		err = report.WriteGitHub(out, compiler.Info)
	}
	if err != nil {
		return err
	}
	return errReported
}
