// Package cmd implements the wincspec command line: one file per command,
// each a thin layer over the spec, mapping, compiler and report packages.
//
// The same command tree serves two builds. wincspec (Main) leaves out the
// CUE evaluator, the site renderer and the inventory builder, and hands a
// command that needs one of them, whole, to wincspec-full (MainFull), which
// has them (see Full).
//
// Exit codes: 0 when all is well, 1 when a check finds problems or a profile
// fails, 2 for a usage error or unreadable input, 3 when the output could
// not be written.
package cmd
