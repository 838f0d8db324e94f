// Package builder produces e2e test inventories: [Build] compiles a
// release's e2e.test from its module, lists its specs with a dry run under
// the flags a Windows run passes, and reads the static facts of every spec
// from the test source. Package importer reads the spec list of a real run
// instead, and writes inventories to files.
//
// It runs the go tool and the built binary (os/exec) and loads the
// Kubernetes source with go/packages, which is why it is apart from
// package inventory, which holds the types, package mapping, which
// resolves references against inventories, and package importer.
package builder
