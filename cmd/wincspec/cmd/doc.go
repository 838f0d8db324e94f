// Package cmd implements the wincspec command line: one file per command,
// each a thin layer over the spec, mapping, compiler and report packages.
//
// Exit codes: 0 when all is well, 1 when a check finds problems or a profile
// fails, 2 for a usage error or unreadable input.
package cmd
