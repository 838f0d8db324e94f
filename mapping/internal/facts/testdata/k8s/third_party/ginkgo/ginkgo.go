// Package ginkgo stands in for github.com/onsi/ginkgo/v2.
package ginkgo

// TableEntry is an entry of a table.
type TableEntry struct{ args []interface{} }

func Describe(text string, args ...interface{}) bool { return true }

func Context(text string, args ...interface{}) bool { return true }

func It(text string, args ...interface{}) bool { return true }

func Specify(text string, args ...interface{}) bool { return true }

func BeforeEach(args ...interface{}) bool { return true }

func JustBeforeEach(args ...interface{}) bool { return true }

func AfterEach(args ...interface{}) bool { return true }

func JustAfterEach(args ...interface{}) bool { return true }

func BeforeAll(args ...interface{}) bool { return true }

func AfterAll(args ...interface{}) bool { return true }

func DeferCleanup(args ...interface{}) {}

func DescribeTable(text string, args ...interface{}) bool { return true }

func Entry(description interface{}, args ...interface{}) TableEntry {
	return TableEntry{args: args}
}

func By(text string, callback ...func()) {
	for _, c := range callback {
		c()
	}
}

func Skip(message string, callerSkip ...int) { panic(message) }
