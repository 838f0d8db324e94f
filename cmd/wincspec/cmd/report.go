package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/mod/semver"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/report"
	"sigs.k8s.io/wincspec/spec"
)

// Flag names of the report command.
const (
	flagResults         = "results"
	flagAllowUnverified = "allow-unverified"
	flagMaxBytes        = "max-bytes"
)

func newReportCmd(o *options) *cobra.Command {
	var (
		paths, profiles []string
		release, format string
		allowUnverified bool
		maxBytes        int64
	)
	c := &cobra.Command{
		Use:   "report --results PATH [--results PATH...]",
		Short: "Turn the results of a real run into per-requirement and per-profile verdicts",
		Long: `Report reads the results of a real e2e run and judges every requirement of
every profile, tracing each verdict to the tests behind it, then prints one
line per profile (Pass or Fail, in the spirit of sonobuoy status) and the
details.

--results takes a Sonobuoy results tarball (read as a stream, never
extracted), a JUnit XML report (Ginkgo v1 or v2 names), a Ginkgo JSON
report, or a directory of those or of an extracted Sonobuoy tarball. Repeat
it to combine runs, such as the parallel and serial sets.

The release is --kubernetes, else the minor version in the tarball's
serverversion.json, else the newest inventory; the output says which.

Verdicts per requirement, in this order:
  n.a.     the requirement does not apply to the release
  fail     a required test failed, timed out or errored
  gap      the specification maps no test to the requirement in the release,
           so it can never pass
  not-run  a required test is absent or skipped: never a pass
  pass     every required test passed; when the tests cover the
           requirement only in part, the verdict and the profile line say so
A required test is a spec its test references select in the release. When a
spec appears more than once, a failure anywhere wins, then a pass.

A profile passes only when every requirement that applies passes (so any
gap fails it: with today's e2e suite, every profile but networkPolicy has
requirements no test covers), and the evidence holds. For each Sonobuoy
tarball: a Windows node, a Windows node of an accepted build (such as
10.0.20348), and --node-os-distro=windows as the plugin definition, logs or
skip messages show it. Plain JUnit and Ginkgo JSON carry no node evidence,
nor does a tarball without a nodes file or a plugin whose distro nothing
shows: a profile whose requirements all pass then reads "Pass (unverified:
...)" and still exits 1, unless --allow-unverified. Results do not say which node each
test pod ran on: tests that ran on Linux nodes of a cluster that has a
Windows node are caught only as far as these checks reach.

Every profile is evaluated and printed; --profile names those that decide
the exit code (default core; "all" for every profile). Every testcase is
counted once, as mapped, unmapped or a suite hook, and the totals add up.

Exit codes: 0 every --profile passes, 1 otherwise, 2 unreadable input or a
usage error.`,
		Example: `  # Judge a Sonobuoy run of the generated core plugins.
  wincspec report --results 202611201043_sonobuoy_2c8f1e7a.tar.gz

  # Judge JUnit reports from two runs, as a JUnit file for a CI dashboard.
  wincspec report --results parallel/junit_01.xml --results serial/junit_01.xml \
    --kubernetes v1.37 --format junit > wincspec-junit.xml

  # Require every profile, and write Markdown for a pull request.
  wincspec report --results ./results --profile all --format markdown`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json", "markdown", "junit"); err != nil {
				return err
			}
			if len(paths) == 0 {
				return usageErrorf("give --%s PATH: a Sonobuoy results tarball, a JUnit or Ginkgo JSON report, or a directory", flagResults)
			}
			if maxBytes <= 0 {
				return usageErrorf("invalid --%s %d: want a positive number of bytes", flagMaxBytes, maxBytes)
			}
			s, err := o.loadSpec()
			if err != nil {
				return err
			}
			required, err := requiredProfiles(s, profiles)
			if err != nil {
				return err
			}
			results, err := report.Read(paths, report.ReadOptions{MaxTotalBytes: maxBytes})
			if err != nil {
				return inputError(err)
			}
			cat, err := o.catalog()
			if err != nil {
				return err
			}
			rel, note, err := chooseRelease(cat, release, results)
			if err != nil {
				return err
			}
			inv, err := cat.Inventory(rel)
			if err != nil {
				return inputError(err)
			}
			res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
			if err != nil {
				return err
			}
			rep, err := report.Evaluate(res, inv.Release(), results, report.Options{Required: required, AllowUnverified: allowUnverified, ReleaseNote: note})
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			switch format {
			case "json":
				err = rep.WriteJSON(out)
			case "markdown":
				err = rep.WriteMarkdown(out)
			case "junit":
				err = rep.WriteJUnit(out)
			default:
				err = rep.WriteText(out)
			}
			if err != nil {
				return err
			}
			if !rep.OK {
				return errFindings
			}
			return nil
		},
	}
	c.Flags().StringArrayVar(&paths, flagResults, nil, "a Sonobuoy results tarball, JUnit XML, Ginkgo JSON report, or a directory of those (repeatable)")
	c.Flags().StringSliceVar(&profiles, flagProfile, nil, `profile that decides the exit code (repeatable; "all" for every profile; default core)`)
	c.Flags().StringVar(&release, flagKubernetes, "", "Kubernetes release of the results, such as v1.37 (default: from the tarball's serverversion.json, else the newest inventory)")
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text, json, markdown or junit")
	c.Flags().BoolVar(&allowUnverified, flagAllowUnverified, false, "let a profile that passes without node evidence (plain JUnit or Ginkgo JSON) exit 0")
	c.Flags().Int64Var(&maxBytes, flagMaxBytes, report.DefaultMaxTotalBytes, "refuse inputs holding more bytes than this, tarballs counted decompressed")
	return c
}

// requiredProfiles checks the --profile values: default core, "all" for
// every profile of the specification.
func requiredProfiles(s *spec.Spec, profiles []string) ([]string, error) {
	var all []string
	for _, p := range s.Profiles {
		all = append(all, p.ID)
	}
	if len(profiles) == 0 {
		profiles = []string{"core"}
	}
	if slices.Contains(profiles, "all") {
		return all, nil
	}
	for _, p := range profiles {
		if !slices.Contains(all, p) {
			return nil, usageErrorf("invalid --%s %q: want one of %s, or all", flagProfile, p, strings.Join(all, ", "))
		}
	}
	return profiles, nil
}

// chooseRelease picks the inventory release to judge the results against,
// and says how it was chosen.
func chooseRelease(cat *mapping.Catalog, release string, results *report.Results) (string, string, error) {
	releases := cat.Releases()
	if len(releases) == 0 {
		return "", "", inputError(fmt.Errorf("no e2e inventories"))
	}
	newest := releases[len(releases)-1]
	if release != "" {
		r, err := cat.Resolve(release)
		if err != nil {
			return "", "", inputError(fmt.Errorf("invalid --%s: %w", flagKubernetes, err))
		}
		return r, "--" + flagKubernetes + " " + release, nil
	}
	for _, cl := range results.Clusters {
		v := cl.ServerVersion
		if v == "" {
			continue
		}
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		if semver.IsValid(v) {
			if r, err := cat.Resolve(semver.MajorMinor(v)); err == nil {
				return r, fmt.Sprintf("detected from %s's serverversion.json: %s", cl.Source, cl.ServerVersion), nil
			}
		}
		return newest, fmt.Sprintf("the cluster runs %s (%s), which has no inventory: using the newest, %s; give --%s to choose", cl.ServerVersion, cl.Source, newest, flagKubernetes), nil
	}
	return newest, fmt.Sprintf("no serverversion.json in the results: using the newest inventory; give --%s to choose", flagKubernetes), nil
}
