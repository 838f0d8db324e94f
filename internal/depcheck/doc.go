// Package depcheck holds a test that keeps wincspec's layers apart: data
// flows one way, spec → mapping → compiler (and report) → cmd, and only the
// command line depends on cobra.
package depcheck
