// Package full gathers what the wincspec-full build adds to the wincspec
// command: the CUE evaluator, the documentation site's renderer and the
// inventory builder. The wincspec command does not import it, so that it
// starts without initialising their packages; it hands the commands that
// need them to wincspec-full.
package full

import (
	"context"

	"sigs.k8s.io/wincspec/cmd/wincspec/cmd"
	"sigs.k8s.io/wincspec/compiler/site"
	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/mapping/builder"
	"sigs.k8s.io/wincspec/spec/cueload"
)

// Features returns the features of wincspec-full.
func Features() cmd.Full {
	return cmd.Full{
		Load:      cueload.Load,
		FixHashes: cueload.FixHashes,
		Site:      site.Render,
		Generated: site.Generated,
		Build: func(ctx context.Context, release string, o cmd.BuildOptions) (*mapping.Inventory, error) {
			return builder.Build(ctx, release, builder.BuildOptions{
				CacheDir: o.CacheDir, Progress: o.Progress, Rebuild: o.Rebuild, SkipFacts: o.SkipFacts,
			})
		},
	}
}
