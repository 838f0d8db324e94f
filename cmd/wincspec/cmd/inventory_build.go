package cmd

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/mapping/importer"
)

func newInventoryBuildCmd(o *options) *cobra.Command {
	var (
		release, outDir, cacheDir string
		rebuild, skipFacts        bool
	)
	c := &cobra.Command{
		Use:   "build --kubernetes vX.Y.Z",
		Short: "Build a release's real e2e.test and write its inventory",
		Long: `Build downloads k8s.io/kubernetes at the given release from the Go module
proxy, compiles its e2e.test (test/e2e) with the staging modules replaced by
their matching v0.X.Y releases, lists every spec with a Ginkgo dry run, finds
the images each spec uses by static analysis, and writes
<out>/<release>.jsonl. The binary is cached per release under --cache.

The first build of a release takes 10 to 20 minutes; progress goes to
stderr.`,
		Example: `  wincspec inventory build --kubernetes v1.37.2
  wincspec inventory build --kubernetes v1.36.5 --out embedded/inventory`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if release == "" {
				return usageErrorf("--%s is required, such as --%s v1.37.2", flagKubernetes, flagKubernetes)
			}
			if o.full == nil {
				return o.delegate(c.Context(), "inventory build analyses the e2e source")
			}
			inv, err := o.full.Build(c.Context(), release, BuildOptions{
				CacheDir:  cacheDir,
				Progress:  c.ErrOrStderr(),
				Rebuild:   rebuild,
				SkipFacts: skipFacts,
			})
			if err != nil {
				return err
			}
			name := filepath.Join(outDir, release+".jsonl")
			if err := importer.WriteFile(name, inv, "inventory build --kubernetes "+release); err != nil {
				return outputError(fmt.Errorf("writing inventory: %w", err))
			}
			fmt.Fprintf(c.OutOrStdout(), "wrote %s: %d specs\n", name, len(inv.Specs))
			return nil
		},
	}
	c.Flags().StringVar(&release, flagKubernetes, "", "Kubernetes release, a full version such as v1.37.2")
	c.Flags().StringVar(&outDir, flagOut, "embedded/inventory", "directory to write <release>.jsonl to")
	c.Flags().StringVar(&cacheDir, "cache", "", "directory for build modules and e2e.test binaries (default: the user cache directory)")
	c.Flags().BoolVar(&rebuild, "rebuild", false, "compile e2e.test even if a cached binary exists")
	c.Flags().BoolVar(&skipFacts, "skip-facts", false, "leave out the static analysis of images, placement, skips and namespaces")
	return c
}
