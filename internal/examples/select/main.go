// Command select is the library-user example that the size test builds: it
// reads an inventory file, selects the specs whose source is under a
// directory, and prints an exact Ginkgo focus and skip for them. It imports
// only packages inventory and focus.
//
// Usage: select INVENTORY.jsonl DIR
package main

import (
	"fmt"
	"os"
	"strings"

	"sigs.k8s.io/wincspec/focus"
	"sigs.k8s.io/wincspec/inventory"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "select:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: select INVENTORY.jsonl DIR")
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	inv, err := inventory.Decode(data, args[0])
	if err != nil {
		return err
	}
	dir := strings.TrimSuffix(args[1], "/") + "/"
	var all, want []string
	for _, s := range inv.Specs {
		all = append(all, s.Text)
		if strings.HasPrefix(s.File, dir) {
			want = append(want, s.Text)
		}
	}
	if len(want) == 0 {
		return fmt.Errorf("%s: no spec of %s is under %s", args[0], inv.Release(), dir)
	}
	// Synthesize proves its result with focus.Exact before returning it.
	fs, err := focus.Synthesize(all, want)
	if err != nil {
		return err
	}
	fmt.Printf("--focus=%s\n", fs.Focus)
	if fs.Skip != "" {
		fmt.Printf("--skip=%s\n", fs.Skip)
	}
	return nil
}
