package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"sigs.k8s.io/wincspec/compiler"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping"
)

func newInventoryCmd(o *options) *cobra.Command {
	c := &cobra.Command{
		Use:   "inventory",
		Short: "Build, import, show and compare e2e test inventories",
		Long: `An inventory lists every Ginkgo spec of one Kubernetes release's e2e suite:
its full text as Ginkgo's focus and skip see it, labels, location and images.
Inventories for the supported releases are embedded; --inventories DIR
uses others.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	c.AddCommand(
		newInventoryBuildCmd(o),
		newInventoryImportCmd(),
		newInventoryShowCmd(o),
		newInventoryDiffCmd(o),
	)
	return c
}

func newInventoryShowCmd(o *options) *cobra.Command {
	var release, format string
	var trees bool
	c := &cobra.Command{
		Use:         "show [--kubernetes vX.Y]",
		Annotations: boundedMemory,
		Short:       "Print an inventory, or list the available ones",
		Long: `Show lists the inventories, or prints one. An inventory lists the spec
tree e2e.test builds with the flags a generated run passes
(--node-os-distro=windows and the rest, recorded in its provenance): the
suite builds part of its tree from them. --trees prints how that tree
differs from the one e2e.test builds with its defaults: "+ " before a spec
that only the run's tree has, "- " before one that only the default tree
has.`,
		Example: `  # List the inventories and their spec counts.
  wincspec inventory show

  # Every spec text of the latest v1.37 patch, one per line, sorted.
  wincspec inventory show --kubernetes v1.37

  # The specs that exist only in the Windows run's tree, or only without it.
  wincspec inventory show --kubernetes v1.37 --trees

  # Everything, as JSON.
  wincspec inventory show --kubernetes v1.37.2 --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			cat, err := o.catalog()
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			if release == "" {
				return listInventories(out, cat, format)
			}
			inv, err := cat.Inventory(release)
			if err != nil {
				return inputError(err)
			}
			if trees {
				return writeTrees(out, inv)
			}
			if format == "json" {
				return writeJSON(out, inventoryView(inv))
			}
			for _, s := range inv.Specs {
				fmt.Fprintln(out, s.Text)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&trees, "trees", false, "print the specs only the run flags' tree or only the default tree has")
	c.Flags().StringVar(&release, flagKubernetes, "", "Kubernetes release, such as v1.37 (latest patch) or v1.37.2")
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text or json")
	return c
}

func listInventories(w io.Writer, cat *mapping.Catalog, format string) error {
	invs, err := cat.All()
	if err != nil {
		return err
	}
	if format == "json" {
		var views []any
		for _, inv := range invs {
			views = append(views, struct {
				mapping.Provenance
				Specs int `json:"specs"`
			}{inv.Provenance, len(inv.Specs)})
		}
		return writeJSON(w, views)
	}
	for _, inv := range invs {
		fmt.Fprintf(w, "%s\t%d specs\tginkgo %s\t%s\t%s\n", inv.Release(), len(inv.Specs), orDash(inv.Provenance.Ginkgo), inv.Provenance.Sum, treeSummary(inv))
	}
	return nil
}

// treeSummary says which tree the inventory lists, and how it differs from
// the default one.
func treeSummary(inv *mapping.Inventory) string {
	if len(inv.Provenance.Flags) == 0 {
		return "listed with e2e.test's default flags"
	}
	return fmt.Sprintf("listed with %s: %d specs only in this tree, %d only in the default tree",
		strings.Join(inv.Provenance.Flags, " "), inventory.CountWindowsOnly(inv.Specs), len(inv.Provenance.DefaultOnly))
}

// writeTrees prints how the inventory's tree differs from the default one.
func writeTrees(w io.Writer, inv *mapping.Inventory) error {
	fmt.Fprintf(w, "# %s %s\n", inv.Release(), treeSummary(inv))
	for _, s := range inv.Specs {
		if s.WindowsOnly {
			fmt.Fprintf(w, "+ %s\n", s.Text)
		}
	}
	for _, t := range inv.Provenance.DefaultOnly {
		fmt.Fprintf(w, "- %s\n", t)
	}
	return nil
}

// specView is a spec as "inventory show --format json" prints it: with its
// derived tags.
type specView struct {
	*mapping.Spec
	Tags []string `json:"tags,omitempty"`
}

func inventoryView(inv *mapping.Inventory) any {
	specs := make([]specView, len(inv.Specs))
	for i, s := range inv.Specs {
		specs[i] = specView{s, s.Tags}
	}
	return struct {
		Provenance mapping.Provenance `json:"provenance"`
		Specs      []specView         `json:"specs"`
	}{inv.Provenance, specs}
}

func newInventoryDiffCmd(o *options) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:         "diff FROM TO",
		Annotations: boundedMemory,
		Short:       "Show specs added, removed, renamed and relabeled between two releases",
		Example: `  wincspec inventory diff v1.36 v1.37
  wincspec inventory diff v1.34.12 v1.37.2 --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			cat, err := o.catalog()
			if err != nil {
				return err
			}
			from, err := cat.Inventory(args[0])
			if err != nil {
				return inputError(err)
			}
			to, err := cat.Inventory(args[1])
			if err != nil {
				return inputError(err)
			}
			d := mapping.Compare(from, to)
			if format == "json" {
				return writeJSON(c.OutOrStdout(), d)
			}
			printDiff(c.OutOrStdout(), d)
			return nil
		},
	}
	c.Flags().StringVar(&format, flagFormat, "text", "output format: text or json")
	return c
}

func printDiff(w io.Writer, d *mapping.Diff) {
	fmt.Fprintf(w, "Kubernetes %s -> %s: %d added, %d removed, %d renamed, %d relabeled, %d with other facts\n",
		d.From, d.To, len(d.Added), len(d.Removed), len(d.Renamed), len(d.Relabeled), len(d.Refacted))
	section := func(title string, items []string, mark string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, s := range items {
			fmt.Fprintf(w, "%s %s\n", mark, s)
		}
	}
	section("added", d.Added, "+")
	section("removed", d.Removed, "-")
	if len(d.Renamed) > 0 {
		fmt.Fprintf(w, "\nrenamed (same location):\n")
		for _, r := range d.Renamed {
			fmt.Fprintf(w, "~ %s\n    from: %s\n    to:   %s\n", r.Location, r.From, r.To)
		}
	}
	if len(d.Relabeled) > 0 {
		fmt.Fprintf(w, "\nrelabeled:\n")
		for _, r := range d.Relabeled {
			var parts []string
			for _, l := range r.Added {
				parts = append(parts, "+"+l)
			}
			for _, l := range r.Removed {
				parts = append(parts, "-"+l)
			}
			fmt.Fprintf(w, "* %s: %s\n", r.Text, strings.Join(parts, " "))
		}
	}
	if len(d.Refacted) > 0 {
		fmt.Fprintf(w, "\nstatic facts changed:\n")
		for _, r := range d.Refacted {
			fmt.Fprintf(w, "* %s\n", r.Text)
			if r.FromPlacement != "" {
				fmt.Fprintf(w, "    placement: %s -> %s\n", r.FromPlacement, r.ToPlacement)
			}
			for _, sk := range r.AddedSkips {
				fmt.Fprintf(w, "    + skip %s\n", sk)
			}
			for _, sk := range r.RemovedSkips {
				fmt.Fprintf(w, "    - skip %s\n", sk)
			}
		}
	}
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageErrorf("invalid --%s %q: want one of %s", flagFormat, format, strings.Join(allowed, ", "))
}

func writeJSON(w io.Writer, v any) error {
	data, err := compiler.JSON(v)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
