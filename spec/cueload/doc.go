// Package cueload evaluates the CUE source of a Windows Conformance
// specification into the Go values of package spec.
//
// Load reads a specification (a CUE module of package spec) from any file
// system. Every error carries the file:line:col of the CUE source it is
// about, whether it comes from CUE itself (a missing field, an unknown
// field, a wrong type) or from the checks CUE cannot express (duplicate IDs
// across files, regular expressions RE2 cannot compile, label filters
// Ginkgo cannot parse, profiles that are not defined). FixHashes rewrites
// stale reviewed hashes in the files a specification was loaded from.
//
// Initialising CUE's packages costs more than the rest of the wincspec
// command's start-up, so only wincspec-full imports this package.
package cueload
