// Package spec holds the Windows Conformance specification as Go values:
// requirements, profiles, general rules, waivers and the supported Windows
// builds, with the position of each in its CUE source, and the checks the
// CUE schema cannot express (Validate).
//
// The CUE source is in this directory (schema.cue, profiles, one directory
// of requirements per profile). Package spec/cueload evaluates it into these
// types, with a file:line:col for every error; package embedded holds the
// specification as the wincspec command compiles it in, so that loading it
// evaluates no CUE. This package imports neither CUE nor embedded data.
package spec
