package cmd

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/mapping/importer"
)

func newInventoryImportCmd() *cobra.Command {
	var junitFile, jsonFile, release, out, repoRoot string
	c := &cobra.Command{
		Use:   "import (--junit FILE | --ginkgo-json FILE) --kubernetes vX.Y.Z",
		Short: "Build an inventory from a real run's JUnit or Ginkgo JSON report",
		Long: `Import reads the report of a real e2e run and writes the inventory it implies:
every spec in the report, passed, failed or skipped. Suite-level nodes such as
[SynchronizedBeforeSuite] are not specs and are left out.

A JUnit report carries only names: Ginkgo v2's "[It] " prefix is removed,
Ginkgo v1 names are taken as they are. Kubernetes writes no labels into
names; a generic Ginkgo report appends " [label, ...]", which stays in the
imported text (wincspec report strips it when it matches a spec's labels).
A Ginkgo JSON report also gives containers, labels and locations.`,
		Example: `  wincspec inventory import --junit junit_01.xml --kubernetes v1.37.2 --out v1.37.2.jsonl
  wincspec inventory import --ginkgo-json report.json --kubernetes v1.37.2`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if (junitFile == "") == (jsonFile == "") {
				return usageErrorf("give exactly one of --junit and --ginkgo-json")
			}
			if release == "" {
				return usageErrorf("--%s is required, such as --%s v1.37.2", flagKubernetes, flagKubernetes)
			}
			if !importer.IsFullVersion(release) {
				return usageErrorf("invalid --%s %q: want the full release the report comes from, such as v1.37.2", flagKubernetes, release)
			}
			var (
				inv  *mapping.Inventory
				err  error
				file = junitFile
			)
			if jsonFile != "" {
				file = jsonFile
			}
			data, err := os.ReadFile(file)
			if err != nil {
				return inputError(err)
			}
			if junitFile != "" {
				inv, err = importer.ImportJUnit(data, release)
			} else {
				inv, err = importer.ImportGinkgoJSON(data, release, repoRoot)
			}
			if err != nil {
				return inputError(fmt.Errorf("%s: %w", file, err))
			}
			command := "inventory import --kubernetes " + release
			if out == "" || out == "-" {
				return inventory.Encode(c.OutOrStdout(), inv, command)
			}
			if err := importer.WriteFile(out, inv, command); err != nil {
				return outputError(fmt.Errorf("writing inventory: %w", err))
			}
			fmt.Fprintf(c.OutOrStdout(), "wrote %s: %d specs\n", out, len(inv.Specs))
			return nil
		},
	}
	c.Flags().StringVar(&junitFile, "junit", "", "JUnit XML report to read")
	c.Flags().StringVar(&jsonFile, "ginkgo-json", "", "Ginkgo JSON report to read")
	c.Flags().StringVar(&release, flagKubernetes, "", "Kubernetes release the report comes from, such as v1.37.2")
	c.Flags().StringVar(&out, flagOut, "-", "file to write the inventory to, or - for stdout")
	c.Flags().StringVar(&repoRoot, "repo-root", "", "directory to strip from leaf file paths in a Ginkgo JSON report")
	return c
}
