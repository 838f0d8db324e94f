package focus_test

import (
	"fmt"

	"sigs.k8s.io/wincspec/focus"
)

func ExampleSynthesize() {
	all := []string{
		"[sig-windows] Hybrid network should reach a Linux pod",
		"[sig-windows] Hybrid network should reach a Linux pod over UDP",
		"[sig-windows] Services should serve a NodePort",
		"[sig-network] Services should serve a NodePort",
	}
	want := []string{all[0], all[2]}
	fs, err := focus.Synthesize(all, want)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("focus: %s\nskip: %q\nexact: %v\n", fs.Focus, fs.Skip, focus.Exact(fs, all, want) == nil)
	// Output:
	// focus: \[sig-windows\] (?:Hybrid network should reach a Linux pod$|Services)
	// skip: ""
	// exact: true
}
