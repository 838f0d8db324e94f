package cmd_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"cuelang.org/go/cue/format"
	"github.com/rogpeppe/go-internal/testscript"

	"sigs.k8s.io/wincspec/cmd/wincspec/cmd"
	"sigs.k8s.io/wincspec/cmd/wincspec/full"
)

var update = flag.Bool("update", false, "rewrite the expected output in testscript files")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wincspec": func() { os.Exit(cmd.Main()) },
		// wincspec hands the commands that need what it leaves out to
		// wincspec-full, which the scripts find in PATH, as users do.
		"wincspec-full": func() { os.Exit(cmd.MainFull(full.Features())) },
	})
}

// TestScripts runs the CLI scripts in testdata/script. Before each script,
// $WORK/schema holds the real schema (cue.mod, schema.cue, profiles.cue, windows.cue), so
// a script only writes the requirement files it is about: "cp -r schema/. spec".
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			return copySchema(filepath.Join(env.WorkDir, "schema"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cuefmt": cueFmtCmd,
		},
	})
}

// cueFmtCmd implements "cuefmt FILE...": it fails unless each file is as
// cue fmt would write it.
func cueFmtCmd(ts *testscript.TestScript, neg bool, args []string) {
	for _, name := range args {
		src := []byte(ts.ReadFile(name))
		out, err := format.Source(src)
		clean := err == nil && bytes.Equal(out, src)
		if clean == neg {
			ts.Fatalf("%s: cue fmt clean is %v (err %v), want %v", name, clean, err, !neg)
		}
	}
}

// specDir is the specification in the repository.
var specDir = filepath.Join("..", "..", "..", "spec")

func copySchema(dst string) error {
	for _, name := range []string{"cue.mod/module.cue", "schema.cue", "profiles.cue", "windows.cue"} {
		data, err := os.ReadFile(filepath.Join(specDir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		p := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
