// Package focus synthesizes exact Ginkgo --focus and --skip expressions.
//
// Given every spec name of a suite and the names to run, [Synthesize]
// returns a focus and skip pair that selects exactly those names, and
// [Exact] proves a pair against the same lists using Ginkgo's own matching
// rule: a spec runs when the focus matches "<suite description> <full
// text>" and the skip does not. [Naive] is the escaped alternation of the
// names, the baseline the synthesis is measured against.
//
// The package depends only on the standard library, so a program that needs
// only the selection (for example, one that reads an inventory file with
// encoding/json) builds small and does not load CUE, the e2e builder or the
// embedded inventories.
package focus
