package mapping

import "sigs.k8s.io/wincspec/inventory"

// The inventory types and their codec live in package inventory, which
// imports only the standard library. These aliases keep mapping's API.
type (
	Inventory  = inventory.Inventory
	Provenance = inventory.Provenance
	Spec       = inventory.Spec
	Placement  = inventory.Placement
	Skip       = inventory.Skip
	Images     = inventory.Images
)
