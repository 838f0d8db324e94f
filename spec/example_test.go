package spec_test

import (
	"fmt"

	"sigs.k8s.io/wincspec/embedded"
)

func Example() {
	s := embedded.Spec() // the specification the wincspec command embeds
	for _, p := range s.Profiles {
		fmt.Printf("%s: %d requirements\n", p.ID, len(s.ByProfile(p.ID)))
	}
	r := s.Requirement("CORE-NET-08")
	fmt.Println(r.ID, r.Title, "-", r.Source.Section, "bullet", r.Source.Bullet)
	// Output:
	// core: 24 requirements
	// hostProcess: 5 requirements
	// activeDirectory: 3 requirements
	// networkPolicy: 2 requirements
	// serviceProxy: 4 requirements
	// CORE-NET-08 Write to a hostPath volume - Basic Networking bullet 8
}
