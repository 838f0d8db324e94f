// Package compiler turns a loaded specification and the e2e inventories into
// checks and outputs: coverage findings, exact Ginkgo focus and skip
// expressions, Sonobuoy plugins, e2e.test and hydrophone command lines, JSON,
// and the Markdown and HTML documentation site.
//
// Every emitter is deterministic: the same inputs give byte-identical output,
// and each output starts with a "Code generated ... DO NOT EDIT." header.
package compiler
