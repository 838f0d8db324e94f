package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxSize is the budget for a library user's program that reads an
// inventory and synthesizes a selection.
const maxSize = 8 << 20

func TestBinarySize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "select")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	fi, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes", bin, fi.Size())
	if fi.Size() >= maxSize {
		t.Errorf("the example builds to %d bytes, over the %d-byte budget", fi.Size(), maxSize)
	}
	out, err := exec.Command(bin, "../../../embedded/inventory/v1.37.2.jsonl", "test/e2e/windows").Output()
	if err != nil {
		t.Fatalf("select: %v", err)
	}
	if !strings.HasPrefix(string(out), "--focus=") {
		t.Errorf("output %q has no --focus", out)
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"/nonexistent.jsonl", "test/e2e/windows"},
		{"../../../embedded/inventory/v1.37.2.jsonl", "test/e2e/nowhere"},
	} {
		if err := run(args); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}
