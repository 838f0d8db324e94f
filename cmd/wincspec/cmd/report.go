package cmd

import (
	"encoding/json"
	"fmt"
	"os"
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
	flagStrict          = "strict"
	flagNodes           = "nodes"
	flagMaxBytes        = "max-bytes"
	flagProduct         = "product"
	flagVendor          = "vendor"
	flagProductName     = "product-name"
	flagProductVersion  = "product-version"
	flagProductURL      = "product-url"
	flagContact         = "contact"
)

// reportFlags are the flags report and report verify share: what to read
// and how to judge it.
type reportFlags struct {
	paths, profiles []string
	release         string
	nodes           string
	allowUnverified bool
	strict          bool
	maxBytes        int64
}

func (f *reportFlags) register(c *cobra.Command) {
	c.Flags().StringSliceVar(&f.paths, flagResults, nil, "a Sonobuoy results tarball, JUnit XML, Ginkgo JSON report, or a directory of those (repeatable, or several after one flag; paths may also be given as arguments)")
	c.Flags().StringSliceVar(&f.profiles, flagProfile, nil, `profile that decides the exit code (repeatable; "all" for every profile; default core)`)
	c.Flags().StringVar(&f.release, flagKubernetes, "", "Kubernetes release of the results, such as v1.37 or v1.37.7 (default: from the results' server version, else the newest inventory)")
	c.Flags().StringVar(&f.nodes, flagNodes, "", "a kubectl get nodes -o json file: node evidence for JUnit or Ginkgo JSON results that carry none")
	c.Flags().BoolVar(&f.allowUnverified, flagAllowUnverified, false, "let a profile whose tests passed but that lacks node evidence exit 0 (its level stays incomplete)")
	c.Flags().BoolVar(&f.strict, flagStrict, false, "require the success level: gaps and partly covered requirements fail, for a claim of complete conformance")
	c.Flags().Int64Var(&f.maxBytes, flagMaxBytes, report.DefaultMaxTotalBytes, "refuse inputs holding more bytes than this, tarballs counted decompressed")
}

// evaluate reads the results and judges them.
func (f *reportFlags) evaluate(o *options, args []string, product *report.Product) (*report.Report, error) {
	paths := append(slices.Clone(f.paths), args...)
	if len(paths) == 0 {
		return nil, usageErrorf("give --%s PATH or PATH arguments: a Sonobuoy results tarball, a JUnit or Ginkgo JSON report, or a directory", flagResults)
	}
	if f.maxBytes <= 0 {
		return nil, usageErrorf("invalid --%s %d: want a positive number of bytes", flagMaxBytes, f.maxBytes)
	}
	s, err := o.loadSpec()
	if err != nil {
		return nil, err
	}
	required, err := requiredProfiles(s, f.profiles)
	if err != nil {
		return nil, err
	}
	cat, err := o.catalog()
	if err != nil {
		return nil, err
	}
	if f.release != "" {
		// Decode the release's inventory while the results are read; it is
		// decoded once, whoever asks first.
		if r, _, err := chooseRelease(cat, f.release, nil); err == nil {
			go cat.Inventory(r) //nolint:errcheck // Inventory below reports the error
		}
	}
	results, err := report.Read(paths, report.ReadOptions{MaxTotalBytes: f.maxBytes, Nodes: f.nodes})
	if err != nil {
		return nil, inputError(err)
	}
	rel, note, err := chooseRelease(cat, f.release, results)
	if err != nil {
		return nil, err
	}
	inv, err := cat.Inventory(rel)
	if err != nil {
		return nil, inputError(err)
	}
	res, err := mapping.Resolve(s, []*mapping.Inventory{inv})
	if err != nil {
		return nil, err
	}
	return report.Evaluate(res, inv.Release(), results, report.Options{
		Required: required, AllowUnverified: f.allowUnverified, Strict: f.strict,
		ReleaseNote: note, Requested: f.release, Product: product, Version: wincspecVersion(),
	})
}

func newReportCmd(o *options) *cobra.Command {
	var (
		f           reportFlags
		format      string
		productFile string
		product     report.Product
		contact     []string
	)
	c := &cobra.Command{
		Use:   "report [--results] PATH...",
		Short: "Turn the results of a real run into per-requirement and per-profile verdicts",
		Long: `Report reads the results of a real e2e run and judges every requirement of
every profile, tracing each verdict to the tests behind it, then prints one
line per profile with its level and statistics, and the details.

Results are Sonobuoy results tarballs (read as a stream, never extracted),
JUnit XML reports (Ginkgo v1 or v2 names), Ginkgo JSON reports, the run
directory that the generated e2e.sh or hydrophone.sh write (results plus
the cluster's nodes and version), or directories of those. Give them as
arguments or after --results (repeatable, or several after one flag), to
combine runs such as the parallel and serial sets.

The release is --kubernetes (a patch version such as v1.37.7 selects the
v1.37 inventory, and says so), else the minor version of the results'
server version, else the newest inventory; the output says which.

` + report.VerdictHelp() + `

` + report.LevelHelp() + `

Evidence, for each Sonobuoy tarball, run directory or --nodes file: a
Windows node; every Windows node on a Windows Server release that the
cluster's Kubernetes release supports (the specification's
windowsSupport, per release); and --node-os-distro=windows as the plugin
definition, the run's flags file, logs or skip messages show it. Plain
JUnit and Ginkgo JSON carry no node evidence: give --nodes with the output
of kubectl get nodes -o json, or use a run directory.

Every profile is evaluated and printed; --profile names those that decide
the exit code (default core; "all" for every profile). Every testcase is
counted once, as mapped, unmapped or a suite hook, and the totals add up.

--format yaml or json writes a versioned WindowsConformanceReport document
to publish: product (--product PRODUCT.yaml, or the --vendor and
--product-* flags), Kubernetes and wincspec versions, the spec and
inventory digests, every node, each profile's level and statistics, each
requirement's verdict and tests with where each result was read, and the
SHA-256 of every input. "wincspec report verify" recomputes it.

Exit codes: 0 every required profile passed (level partial or success;
success only with --strict), 1 otherwise, 2 unreadable input or a usage
error.`,
		Example: `  # Judge a Sonobuoy run of the generated core plugins (one or more tarballs).
  wincspec report *_sonobuoy_*.tar.gz

  # Judge the run directory of the generated e2e.sh or hydrophone.sh.
  wincspec report --results ./results

  # JUnit from another runner, with the nodes saved beside it.
  kubectl get nodes -o json > nodes.json
  wincspec report --results junit_01.xml --nodes nodes.json --kubernetes v1.37

  # Claim complete conformance: gaps and partial coverage fail.
  wincspec report --results ./results --profile all --strict

  # Write the document to publish, then check it as a reviewer would.
  wincspec report *_sonobuoy_*.tar.gz --product PRODUCT.yaml --format yaml > report.yaml
  wincspec report verify report.yaml *_sonobuoy_*.tar.gz`,
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json", "yaml", "markdown", "junit"); err != nil {
				return err
			}
			prod, err := productOf(c, productFile, product, contact)
			if err != nil {
				return err
			}
			rep, err := f.evaluate(o, args, prod)
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			switch format {
			case "json":
				err = rep.WriteJSON(out)
			case "yaml":
				err = rep.WriteYAML(out)
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
	f.register(c)
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text, yaml or json (the WindowsConformanceReport document), markdown or junit")
	c.Flags().StringVar(&productFile, flagProduct, "", "PRODUCT.yaml with the product the report is for (vendor, name, version, website_url, repo_url, documentation_url, product_logo_url, type, description, contact)")
	c.Flags().StringVar(&product.Vendor, flagVendor, "", "the vendor the report is for (overrides --product)")
	c.Flags().StringVar(&product.Name, flagProductName, "", "the product's name (overrides --product)")
	c.Flags().StringVar(&product.Version, flagProductVersion, "", "the product's version, not Kubernetes' (overrides --product)")
	c.Flags().StringVar(&product.WebsiteURL, flagProductURL, "", "the product's website (overrides --product)")
	c.Flags().StringSliceVar(&contact, flagContact, nil, "who to contact about the report (repeatable; overrides --product)")
	c.AddCommand(newReportVerifyCmd(o))
	return c
}

// productOf merges the --product file with the flags that override it.
func productOf(c *cobra.Command, file string, flags report.Product, contact []string) (*report.Product, error) {
	p := &report.Product{}
	if file != "" {
		var err error
		if p, err = report.ReadProduct(file); err != nil {
			return nil, inputError(err)
		}
	}
	set := func(name string, dst *string, v string) {
		if c.Flags().Changed(name) {
			*dst = v
		}
	}
	set(flagVendor, &p.Vendor, flags.Vendor)
	set(flagProductName, &p.Name, flags.Name)
	set(flagProductVersion, &p.Version, flags.Version)
	set(flagProductURL, &p.WebsiteURL, flags.WebsiteURL)
	if c.Flags().Changed(flagContact) {
		p.Contact = contact
	}
	return p, nil
}

func newReportVerifyCmd(o *options) *cobra.Command {
	var f reportFlags
	c := &cobra.Command{
		Use:   "verify REPORT [--results] PATH...",
		Short: "Recompute a published report from its inputs and show any difference",
		Long: `Verify recomputes a WindowsConformanceReport document (report --format yaml
or json) from the results it names, with the options it records (required
profiles, --strict, --allow-unverified, release, product), and compares
the two field by field. It exits 1 on any difference, naming the first
ones: an edited verdict, a swapped or changed input (by SHA-256), or a
report made with another specification, inventory or wincspec version.

Results are given as for report; without them, the input paths the
report records are read. Inputs found at other paths are matched by
position and digest, so a reviewer can keep them anywhere.

Exit codes: 0 the report is what the results give, 1 it differs, 2
unreadable input or a usage error.`,
		Example: `  wincspec report verify report.yaml 202611201043_sonobuoy_2c8f1e7a.tar.gz
  wincspec report verify report.json --results ./results`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return inputError(fmt.Errorf("reading report: %w", err))
			}
			published, err := report.DecodeDocument(data)
			if err != nil {
				return inputError(fmt.Errorf("%s: %w", args[0], err))
			}
			rec, err := recordedOptions(published)
			if err != nil {
				return inputError(fmt.Errorf("%s: %w", args[0], err))
			}
			paths := args[1:]
			if len(paths) == 0 && len(f.paths) == 0 {
				paths = rec.inputs
			}
			if !c.Flags().Changed(flagProfile) {
				f.profiles = rec.required
			}
			if !c.Flags().Changed(flagKubernetes) {
				f.release = rec.release
			}
			if !c.Flags().Changed(flagStrict) {
				f.strict = rec.strict
			}
			if !c.Flags().Changed(flagAllowUnverified) {
				f.allowUnverified = rec.allowUnverified
			}
			if !c.Flags().Changed(flagNodes) {
				f.nodes = rec.nodes
			}
			if !c.Flags().Changed(flagEdition) && rec.edition != "" {
				o.edition = rec.edition
			}
			rep, err := f.evaluate(o, paths, rec.product)
			if err != nil {
				return err
			}
			diffs, err := report.Verify(data, rep)
			if err != nil {
				return inputError(err)
			}
			out := c.OutOrStdout()
			if len(diffs) == 0 {
				fmt.Fprintf(out, "%s: verified: the report is what its %d input%s give (%s)\n", args[0], len(rep.Inputs), plural(len(rep.Inputs)), strings.SplitN(rep.Document().Result.Summary, ":", 2)[0])
				return nil
			}
			const show = 10
			fmt.Fprintf(out, "%s: %d difference%s from the recomputed report:\n", args[0], len(diffs), plural(len(diffs)))
			for i, d := range diffs {
				if i == show {
					fmt.Fprintf(out, "  ... and %d more\n", len(diffs)-show)
					break
				}
				fmt.Fprintf(out, "  %s\n", d)
			}
			return errFindings
		},
	}
	f.register(c)
	return c
}

// recorded are the options a published report records.
type recorded struct {
	edition         string
	inputs          []string
	nodes           string
	required        []string
	release         string
	strict          bool
	allowUnverified bool
	product         *report.Product
}

// recordedOptions reads the options a report document records, so that
// verify judges the results as the report did.
func recordedOptions(doc map[string]any) (*recorded, error) {
	var d report.Document
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("decoding report: %w", err)
	}
	r := &recorded{required: d.Options.Required, release: d.Options.Kubernetes, strict: d.Options.Strict,
		allowUnverified: d.Options.AllowUnverified, product: d.Product, edition: d.Wincspec.Edition}
	for _, in := range d.Inputs {
		if in.Kind == report.KindNodes {
			r.nodes = in.Path
			continue
		}
		r.inputs = append(r.inputs, in.Path)
	}
	if d.Kubernetes.Release == "" {
		return nil, fmt.Errorf("decoding report: no kubernetes.release")
	}
	return r, nil
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
		if err == nil {
			return r, "--" + flagKubernetes + " " + release, nil
		}
		// A patch release without an inventory of its own is judged by
		// its minor's inventory: the e2e suite changes little within a
		// minor release.
		v := release
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		if semver.IsValid(v) && semver.MajorMinor(v) != v {
			if m, merr := cat.Resolve(semver.MajorMinor(v)); merr == nil {
				return m, fmt.Sprintf("--%s %s: no inventory of that patch release, using the %s inventory of %s", flagKubernetes, release, m, semver.MajorMinor(v)), nil
			}
		}
		return "", "", inputError(fmt.Errorf("invalid --%s: %w", flagKubernetes, err))
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
				return r, fmt.Sprintf("detected from %s's %s: %s", cl.Source, cl.VersionFile(), cl.ServerVersion), nil
			}
		}
		return newest, fmt.Sprintf("the cluster runs %s (%s), which has no inventory: using the newest, %s; give --%s to choose", cl.ServerVersion, cl.Source, newest, flagKubernetes), nil
	}
	return newest, fmt.Sprintf("no server version in the results: using the newest inventory; give --%s to choose", flagKubernetes), nil
}
