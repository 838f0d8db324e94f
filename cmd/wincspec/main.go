// Command wincspec checks, compiles and reports on the Windows Conformance
// specification for Kubernetes. See "wincspec help".
package main

import (
	"os"

	"sigs.k8s.io/wincspec/cmd/wincspec/cmd"
)

func main() { os.Exit(cmd.Main()) }
