package cmd_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sigs.k8s.io/wincspec/cmd/wincspec/cmd"
	"sigs.k8s.io/wincspec/compiler"
)

// TestGenTargetsMatchAll checks that "gen --target T" writes, byte for
// byte, the file "gen --all" commits for every target of the output table,
// in every release and profile, and that each file's header names the
// command that reproduces it.
func TestGenTargetsMatchAll(t *testing.T) {
	root := filepath.Join("..", "..", "..", "generated")
	dirs, err := filepath.Glob(filepath.Join(root, "v*", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no generated release directories: %v", err)
	}
	// Other editions sit in a directory named after them.
	edDirs, _ := filepath.Glob(filepath.Join(root, "*", "v*", "*"))
	if len(edDirs) == 0 {
		t.Fatalf("no generated release directories of another edition")
	}
	checked := 0
	for _, dir := range append(dirs, edDirs...) {
		release, profile := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		var edition []string
		if e := filepath.Base(filepath.Dir(filepath.Dir(dir))); e != "generated" {
			edition = []string{"--edition", e}
		}
		for _, o := range compiler.PlanOutputs {
			args := []string{"gen", "--target", o.Target, "--profile", profile, "--kubernetes", release}
			if o.Format == "json" {
				args = append(args, "--format", "json")
			}
			args = append(args, edition...)
			var stdout, stderr bytes.Buffer
			if code := cmd.Run(args, nil, &stdout, &stderr); code != 0 {
				t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
				continue
			}
			want, err := os.ReadFile(filepath.Join(dir, o.File))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("%s differs from %s", strings.Join(args, " "), filepath.Join(dir, o.File))
			}
			if !strings.Contains(string(want), `"wincspec `+strings.Join(args, " ")+`"`) && !strings.Contains(string(want), `\"wincspec `+strings.Join(args, " ")+`\"`) {
				t.Errorf("%s: the header does not name %q", filepath.Join(dir, o.File), strings.Join(args, " "))
			}
			checked++
		}
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		if code := cmd.Run(append([]string{"gen", "--target", "sonobuoy", "--profile", profile, "--kubernetes", release, "--out", out}, edition...), nil, &stdout, &stderr); code != 0 {
			t.Fatalf("gen --target sonobuoy: exit %d: %s", code, stderr.String())
		}
		plugins, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
		committed, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if names := baseNames(plugins); !slices.Equal(names, baseNames(committed)) {
			t.Errorf("%s: gen --target sonobuoy wrote %q; committed: %q", dir, names, baseNames(committed))
		}
		for _, p := range plugins {
			got, _ := os.ReadFile(p)
			want, err := os.ReadFile(filepath.Join(dir, filepath.Base(p)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: gen --target sonobuoy differs from the committed plugin (%v)", filepath.Join(dir, filepath.Base(p)), err)
			}
			checked++
		}
	}
	t.Logf("%d files checked", checked)
}

// baseNames returns the sorted base names of paths.
func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	slices.Sort(out)
	return out
}
