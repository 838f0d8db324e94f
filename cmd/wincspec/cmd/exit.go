package cmd

import (
	"errors"
	"fmt"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitInput    = 2
	// exitOutput: the output could not be written (a full disk, a
	// read-only directory): nothing is wrong with the input.
	exitOutput = 3
)

// exitError carries an exit code with the error that caused it.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// inputError marks err as a problem with the user's input or invocation.
func inputError(err error) error { return &exitError{code: exitInput, err: err} }

// outputError marks err as a failure to write the command's output.
func outputError(err error) error { return &exitError{code: exitOutput, err: err} }

// usageErrorf reports a bad flag or argument.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitInput, err: fmt.Errorf(format, args...)}
}

// errFindings reports that the command printed findings and must exit 1.
// Main prints nothing more for it.
var errFindings = &exitError{code: exitFindings, err: errors.New("findings")}

// errReported reports an input error that the command already printed in
// its output format; Main prints nothing more and exits 2.
var errReported = &exitError{code: exitInput, err: errors.New("input errors, reported")}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var d *delegated
	if errors.As(err, &d) {
		return d.code
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return exitInput
}
