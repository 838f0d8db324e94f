// Command wincspec-full is wincspec with every feature: it runs every
// wincspec command, and is the one that evaluates a specification's CUE
// source (--spec DIR), renders the documentation site (docs, gen --all)
// and builds inventories (inventory build). wincspec hands those commands
// to it, found beside wincspec or in PATH, so that wincspec itself starts
// without initialising their packages. Install both:
//
//	go install sigs.k8s.io/wincspec/cmd/...@latest
package main

import (
	"os"

	"sigs.k8s.io/wincspec/cmd/wincspec/cmd"
	"sigs.k8s.io/wincspec/cmd/wincspec/full"
)

func main() { os.Exit(cmd.MainFull(full.Features())) }
