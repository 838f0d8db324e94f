package inventory

// NonBlockingTaints is what the generated runs pass to e2e.test's
// --non-blocking-taints, so that tainted Linux control-plane nodes and
// nodes tainted for their OS do not stop the suite from starting.
const NonBlockingTaints = "os,node-role.kubernetes.io/master,node-role.kubernetes.io/control-plane"

// RunFlags returns the e2e.test flags every generated run of a Windows
// selection passes. The e2e suite builds part of its spec tree from its
// flags (--node-os-distro=windows adds NTFS storage test patterns and
// drops others), so inventories list the tree these flags give, and record
// them in Provenance.Flags.
func RunFlags() []string {
	return []string{
		"--node-os-distro=windows",
		"--non-blocking-taints=" + NonBlockingTaints,
		"--prepull-images=true",
	}
}
