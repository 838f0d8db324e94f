package cmd

// Flag names, shared by the commands that take them.
const (
	flagSpec        = "spec"
	flagEdition     = "edition"
	flagFormat      = "format"
	flagTarget      = "target"
	flagOut         = "out"
	flagProfile     = "profile"
	flagKubernetes  = "kubernetes"
	flagFailOn      = "fail-on"
	flagInventories = "inventories"
)
