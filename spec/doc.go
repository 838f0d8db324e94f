// Package spec loads the Windows Conformance specification: the CUE files in
// this directory, validated against schema.cue and decoded into Go values.
//
// The default specification is embedded in the package, so Default works from
// any directory; Load reads an edited copy from any file system. Every error
// carries the file:line:col of the CUE source it is about, whether it comes
// from CUE itself (a missing field, an unknown field, a wrong type) or from
// the checks CUE cannot express (duplicate IDs across files, regular
// expressions RE2 cannot compile, label filters Ginkgo cannot parse, profiles
// that are not defined).
package spec
