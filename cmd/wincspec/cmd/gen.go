package cmd

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/internal/atomicfile"
	"sigs.k8s.io/wincspec/mapping"
)

// genTargets are gen's targets: the single-file outputs of a plan
// (compiler.PlanOutputs), then those written another way.
var genTargets = append(compiler.PlanTargets(), "sonobuoy", "json", "markdown", "html")

func newGenCmd(o *options) *cobra.Command {
	var (
		target, release, format, out string
		profiles                     []string
		all                          bool
	)
	c := &cobra.Command{
		Use:         "gen --target TARGET [--profile P]... [--kubernetes vX.Y]",
		Annotations: boundedMemory,
		Short:       "Generate exact test selections and other outputs",
		Long: `Gen compiles the specification into an output for one Kubernetes release
(--kubernetes, default: the newest inventory) and one or more profiles
(--profile, repeatable, default core). The selected tests are split into a
parallel set and a serial set ([Serial], [Disruptive]); every focus and
skip expression is verified against the release's whole inventory before
anything is written.

Targets:
  focus         Ginkgo focus and skip expressions per set (--format text|json)
  e2e           a shell script running e2e.test (and ginkgo for the parallel set)
  sonobuoy      one Sonobuoy plugin per profile and set, written to --out DIR
  hydrophone    hydrophone command lines per set
  label-filter  a Ginkgo label filter per set, or why labels cannot select it
  images        the image references the selected tests may use, for a mirror,
                and the KUBE_TEST_REPO_LIST keys that point e2e.test at it
  json          the specification and its compiled plans (every release and
                profile unless --kubernetes or --profile is given)
  markdown      the documentation site's Markdown pages, written to --out DIR
  html          the documentation site's HTML pages and style sheet, to --out DIR

With --all, gen writes every output for every release and profile under
--out (what "make generate" commits as generated/).`,
		Example: `  wincspec gen --target focus --kubernetes v1.37
  wincspec gen --target focus --profile core --profile networkPolicy --format json
  wincspec gen --target sonobuoy --kubernetes v1.37.2 --out plugins/
  wincspec gen --target e2e --kubernetes v1.36 > run-core.sh
  wincspec gen --all --out generated`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if all {
				if out == "" {
					return usageErrorf("--all needs --%s DIR", flagOut)
				}
				for _, f := range []string{flagTarget, flagProfile, flagKubernetes, flagFormat, flagEdition} {
					if c.Flags().Changed(f) {
						return usageErrorf("--%s does not apply to --all, which writes every target for every release, profile and edition", f)
					}
				}
				if o.full == nil {
					return o.delegate(c.Context(), "--all renders the site")
				}
				return genAll(o, out)
			}
			if !slices.Contains(genTargets, target) {
				return usageErrorf("invalid --%s %q: want one of %s", flagTarget, target, strings.Join(genTargets, ", "))
			}
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			if c.Flags().Changed(flagFormat) && target != "focus" {
				return usageErrorf("--%s applies to --target focus only", flagFormat)
			}
			if target == "markdown" || target == "html" {
				for _, f := range []string{flagProfile, flagKubernetes} {
					if c.Flags().Changed(f) {
						return usageErrorf("--%s does not apply to --target %s: the site covers every profile and release", f, target)
					}
				}
			}
			if target == "sonobuoy" && out == "" {
				return usageErrorf("--target sonobuoy writes one file per plugin: give --%s DIR", flagOut)
			}
			profilesSet := c.Flags().Changed(flagProfile)
			if !profilesSet {
				profiles = []string{"core"}
			}
			profiles = dedupe(profiles)
			allProfiles := slices.Contains(profiles, "all")
			if allProfiles && len(profiles) > 1 {
				return usageErrorf("--%s all selects every profile: give it alone", flagProfile)
			}
			var releases []string
			if release != "" {
				releases = []string{release}
			}
			if target == "markdown" || target == "html" {
				if out == "" {
					return usageErrorf("--target %s writes several pages: give --%s DIR", target, flagOut)
				}
				return writeSite(c, o, out, map[string]string{"markdown": ".md", "html": ".html"}[target])
			}
			if target == "json" {
				res, err := o.resolve(releases)
				if err != nil {
					return err
				}
				if allProfiles {
					profiles = res.Spec.ProfileIDs()
				}
				var ps []string
				if profilesSet {
					ps = profiles
				}
				data, err := compiler.PlanJSON(res, nil, ps, compiler.Command("json", ps, release, compiler.EditionArgs(res.Spec.Edition)...))
				if err != nil {
					return err
				}
				return writeOutput(c, out, data)
			}
			if release == "" {
				cat, err := o.catalog()
				if err != nil {
					return err
				}
				rs := cat.Releases()
				if len(rs) == 0 {
					return inputError(fmt.Errorf("no inventories"))
				}
				releases = rs[len(rs)-1:]
			}
			res, err := o.resolve(releases)
			if err != nil {
				return err
			}
			if allProfiles {
				profiles = res.Spec.ProfileIDs()
			}
			rel := res.Inventories[0].Release()
			if target == "sonobuoy" {
				return genSonobuoy(c, res, rel, profiles, out)
			}
			plan, err := compiler.NewPlan(res, rel, profiles)
			if err != nil {
				return inputError(err)
			}
			po, ok := compiler.FindPlanOutput(target, format)
			if !ok {
				return usageErrorf("--target %s has no %s format", target, format)
			}
			data, err := po.Render(plan, res.Inventories[0].Provenance.Ginkgo)
			if err != nil {
				return err
			}
			return writeOutput(c, out, data)
		},
	}
	c.Flags().StringVar(&target, flagTarget, "", "output to generate: "+strings.Join(genTargets, ", "))
	c.Flags().StringSliceVar(&profiles, flagProfile, nil, `profile to select (repeatable; "all" for every profile; default core)`)
	c.Flags().StringVar(&release, flagKubernetes, "", "Kubernetes release, such as v1.37 or v1.37.2 (default: the newest inventory)")
	c.Flags().StringVar(&format, flagFormat, "text", "output format of the focus target: text or json")
	c.Flags().StringVar(&out, flagOut, "", "write to this file (a directory for sonobuoy and --all) instead of stdout")
	c.Flags().BoolVar(&all, "all", false, "write every output for every release and profile under --out")
	return c
}

func genSonobuoy(c *cobra.Command, res *mapping.Resolution, release string, profiles []string, out string) error {
	files, err := compiler.SonobuoyFiles(res, release, profiles)
	if err != nil {
		return inputError(err)
	}
	var args []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(out, name)
		if err := writeFile(path, files[name]); err != nil {
			return err
		}
		args = append(args, "-p "+path)
	}
	fmt.Fprintf(c.OutOrStdout(), "wrote %d Sonobuoy plugins for Kubernetes %s; run them with:\n  sonobuoy run %s --wait\n", len(files), release, strings.Join(args, " "))
	return nil
}

// genAll writes every generated output under dir, removing files there
// that are no longer generated.
func genAll(o *options, dir string) error {
	s, err := o.loadAll()
	if err != nil {
		return err
	}
	invs, err := o.inventories(nil)
	if err != nil {
		return err
	}
	files, err := o.full.Generated(s, invs)
	if err != nil {
		return err
	}
	var emptied []string
	// Remove outputs that are no longer generated: files that carry the
	// generated-code notice and are not in the new set. Anything else in
	// dir, and hidden directories such as .git, is left alone.
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return filepath.SkipAll
			}
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if _, ok := files[filepath.ToSlash(rel)]; ok || !d.Type().IsRegular() {
			return nil
		}
		generated, err := isGenerated(p)
		if err != nil || !generated {
			return err
		}
		emptied = append(emptied, filepath.Dir(p))
		return os.Remove(p)
	})
	if err != nil {
		return err
	}
	// Remove the directories that removal left empty.
	for _, d := range emptied {
		for d != dir && strings.HasPrefix(d, dir) && os.Remove(d) == nil {
			d = filepath.Dir(d)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// isGenerated reports whether a file starts with wincspec's generated-code
// notice, in its first lines.
func isGenerated(name string) (bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, err
	}
	s := string(head[:n])
	return strings.Contains(s, "Code generated by \"wincspec ") && strings.Contains(s, "DO NOT EDIT."), nil
}

func writeOutput(c *cobra.Command, out string, data []byte) error {
	if out == "" || out == "-" {
		if _, err := c.OutOrStdout().Write(data); err != nil {
			return outputError(err)
		}
		return nil
	}
	return writeFile(out, data)
}

// writeFile writes data atomically, creating directories; shell scripts
// are executable.
func writeFile(name string, data []byte) error {
	mode := os.FileMode(0o644)
	if strings.HasSuffix(name, ".sh") {
		mode = 0o755
	}
	if err := atomicfile.Write(name, data, mode); err != nil {
		return outputError(fmt.Errorf("writing %s: %w", name, err))
	}
	return nil
}

// dedupe drops repeated values, keeping the first of each.
func dedupe(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
