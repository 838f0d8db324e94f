// Package builder produces e2e test inventories: [Build] compiles a
// release's e2e.test from its module, lists its specs with a dry run under
// the flags a Windows run passes, and reads the static facts of every spec
// from the test source; [ImportJUnit] and [ImportGinkgoJSON] read the spec
// list of a real run instead; [WriteFile] commits the result.
//
// It runs the go tool and the built binary (os/exec) and loads the
// Kubernetes source with go/packages, which is why it is apart from
// package inventory, which holds the types, and package mapping, which
// embeds the committed inventories and resolves references against them.
package builder
