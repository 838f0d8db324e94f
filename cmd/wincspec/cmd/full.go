package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"sigs.k8s.io/wincspec/mapping"
	"sigs.k8s.io/wincspec/spec"
)

// Full is what the wincspec-full build of the command adds to wincspec:
// the CUE evaluator (--spec DIR), the documentation site's renderer and
// the inventory builder. wincspec leaves them out, because initialising
// their packages (CUE's above all) costs more than the rest of its
// start-up; it hands any command that needs one of them, whole, to
// wincspec-full.
type Full struct {
	// Load evaluates the specification in the directory root of fsys, with
	// positions under display.
	Load func(fsys fs.FS, root, display string) (*spec.Spec, error)
	// FixHashes rewrites stale reviewed hashes in the files s was loaded
	// from, and returns the files it changed.
	FixHashes func(s *spec.Spec) ([]string, error)
	// Site renders the documentation site of one edition, keyed by file
	// name.
	Site func(res *mapping.Resolution) (map[string][]byte, error)
	// Generated renders every file of generated/ for every edition of s,
	// keyed by path relative to it.
	Generated func(s *spec.Spec, invs []*mapping.Inventory) (map[string][]byte, error)
	// Build builds the inventory of a release from its e2e.test.
	Build func(ctx context.Context, release string, o BuildOptions) (*mapping.Inventory, error)
}

// BuildOptions are the settings of an inventory build that the command
// sets (see mapping/builder.BuildOptions).
type BuildOptions struct {
	CacheDir  string
	Progress  io.Writer
	Rebuild   bool
	SkipFacts bool
}

// fullCommand is the name of the build with every feature.
const fullCommand = "wincspec-full"

// envFull names the wincspec-full executable to use, overriding the
// search beside the wincspec executable and in PATH.
const envFull = "WINCSPEC_FULL"

// envCaller carries the version of the wincspec that hands a command to
// wincspec-full, which refuses to run a command for a different version.
const envCaller = "WINCSPEC_CALLER_VERSION"

// delegated carries the exit code of a command that wincspec-full ran, so
// that wincspec runs nothing more, prints nothing more, and exits with it.
type delegated struct{ code int }

func (d *delegated) Error() string { return fmt.Sprintf("%s exited with %d", fullCommand, d.code) }

// findFull returns the wincspec-full executable: $WINCSPEC_FULL, the one
// beside the running executable, or the one in PATH.
func findFull() (string, error) {
	if p := os.Getenv(envFull); p != "" {
		abs, err := filepath.Abs(p)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			return "", fmt.Errorf("$%s: %w", envFull, err)
		}
		return abs, nil
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), fullCommand+filepath.Ext(self))
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(fullCommand)
}

// delegate runs the whole command line in wincspec-full, with the same
// standard streams, because it needs what wincspec leaves out (need says
// what, such as "--spec evaluates the CUE source of a specification"). It
// returns wincspec-full's exit code as a *delegated error, even when it is
// 0, so that wincspec does nothing more.
func (o *options) delegate(ctx context.Context, need string) error {
	// A wincspec started by a wincspec to do this would only start
	// another: the executable it was given is not wincspec-full.
	if caller := os.Getenv(envCaller); caller != "" {
		return inputError(fmt.Errorf("%s, but this wincspec was itself started to do it by wincspec %s: the executable found as %s is wincspec, not %s",
			need, caller, fullCommand, fullCommand))
	}
	bin, err := findFull()
	if err != nil {
		return inputError(fmt.Errorf("%s, which wincspec leaves to %s "+
			"(wincspec with the CUE evaluator, the site renderer and the inventory builder; wincspec starts faster without them): "+
			"install it beside wincspec with \"go install sigs.k8s.io/wincspec/cmd/%s@%s\", "+
			"or run \"go run ./cmd/%s\" in a checkout: %w", need, fullCommand, fullCommand, installVersion(), fullCommand, err))
	}
	c := exec.CommandContext(ctx, bin, o.args...)
	c.Stdin, c.Stdout, c.Stderr = o.stdin, o.stdout, o.stderr
	c.Env = append(os.Environ(), envCaller+"="+wincspecVersion())
	// On Ctrl-C or SIGTERM, let wincspec-full stop its own children (an
	// inventory build runs go and e2e.test) before it is killed.
	c.Cancel = func() error { return interrupt(c.Process) }
	c.WaitDelay = 10 * time.Second
	err = c.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return &delegated{code: exitOK}
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return &delegated{code: ee.ExitCode()}
	case errors.As(err, &ee):
		// Ended by a signal: exit as a shell reports it, 128 + the signal.
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return &delegated{code: 128 + int(ws.Signal())}
		}
		return inputError(fmt.Errorf("running %s: %w", bin, err))
	default:
		return inputError(fmt.Errorf("running %s: %w", bin, err))
	}
}

// installVersion is the version to name in install hints.
func installVersion() string {
	if v := wincspecVersion(); v != "(devel)" {
		return v
	}
	return "latest"
}

// checkCaller refuses to run for a wincspec of another version: the
// specification and inventories they embed could differ.
func checkCaller() error {
	caller := os.Getenv(envCaller)
	if caller == "" || caller == wincspecVersion() {
		return nil
	}
	return inputError(fmt.Errorf("%s %s cannot run a command for wincspec %s: install the same version of both",
		fullCommand, wincspecVersion(), caller))
}

// interrupt asks a process to stop: os.Interrupt where the system can send
// it, and a kill where it cannot (Windows).
func interrupt(p *os.Process) error {
	if err := p.Signal(os.Interrupt); err != nil {
		return p.Kill()
	}
	return nil
}
