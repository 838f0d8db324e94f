package inventory

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// committed reads the committed inventories.
func committed(t testing.TB) []*Inventory {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "embedded", "inventory", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no committed inventories: %v", err)
	}
	var out []*Inventory
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inv, err := Decode(data, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, inv)
	}
	return out
}

func pack(t testing.TB, invs []*Inventory) string {
	t.Helper()
	var b bytes.Buffer
	if err := Pack(&b, "# test", invs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPackRoundTrip packs the committed inventories and checks that every
// inventory unpacks to what its JSON Lines file decodes to, digest
// included.
func TestPackRoundTrip(t *testing.T) {
	invs := committed(t)
	data := pack(t, invs)
	p, err := OpenPacked(data, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Releases()) != len(invs) {
		t.Fatalf("got %d releases, want %d", len(p.Releases()), len(invs))
	}
	size := 0
	for _, inv := range invs {
		size += len(inv.text)
		got, err := p.Inventory(inv.Release())
		if err != nil {
			t.Fatal(err)
		}
		if got.Digest() != inv.Digest() {
			t.Errorf("%s: digest %s, want %s", inv.Release(), got.Digest(), inv.Digest())
		}
		if !reflect.DeepEqual(got.Provenance, inv.Provenance) {
			t.Errorf("%s: provenance differs:\n got %+v\nwant %+v", inv.Release(), got.Provenance, inv.Provenance)
		}
		if len(got.Specs) != len(inv.Specs) {
			t.Fatalf("%s: %d specs, want %d", inv.Release(), len(got.Specs), len(inv.Specs))
		}
		for i := range inv.Specs {
			if !reflect.DeepEqual(got.Specs[i], inv.Specs[i]) {
				t.Fatalf("%s: spec %d differs:\n got %+v\nwant %+v", inv.Release(), i, got.Specs[i], inv.Specs[i])
			}
		}
		again, _ := p.Inventory(inv.Release())
		if again != got {
			t.Errorf("%s: a second call decoded again", inv.Release())
		}
	}
	t.Logf("%d inventories: %d bytes of JSON Lines, %d packed", len(invs), size, len(data))
	if _, err := p.Inventory("v9.9.9"); err == nil {
		t.Error("no error for a release that is not packed")
	}
}

func TestPackDeterministic(t *testing.T) {
	a, b := pack(t, committed(t)[:1]), pack(t, committed(t)[:1])
	if a != b {
		t.Error("two packs of the same inventories differ")
	}
}

// TestOpenPackedErrors checks that damaged files give errors, never a
// panic or a partial inventory.
func TestOpenPackedErrors(t *testing.T) {
	small := &Inventory{Provenance: Provenance{Release: "v1.37.2", Method: "test"}, Specs: []*Spec{
		{Text: "[sig-a] b c", Leaf: "c", Containers: []string{"[sig-a] b"}, Labels: []string{"x"}, File: "f.go", Line: 3,
			Placement: &Placement{OS: PlacementWindows, Via: []string{"nodeSelector"}, PodOS: true},
			Skips:     []Skip{{Kind: SkipProvider, Func: "SkipUnlessProviderIs", Args: []string{"gce"}, File: "f.go", Line: 4}}},
	}}
	small.Normalize()
	good := pack(t, []*Inventory{small})
	tests := map[string]string{
		"empty":       "",
		"no magic":    "# x\nnot a pack\n",
		"truncated":   good[:len(good)-3],
		"trailing":    good + "x",
		"header only": good[:strings.Index(good, "\n")+1+len(packMagic)],
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := OpenPacked(data, "t")
			if err == nil {
				_, err = p.Inventory("v1.37.2")
			}
			if err == nil {
				t.Errorf("no error")
			}
		})
	}
	// Every truncation and every changed byte gives an error or an
	// inventory, never a panic.
	for i := range len(good) {
		for _, data := range []string{good[:i], good[:i] + string(good[i]^0xff) + good[i+1:]} {
			if p, err := OpenPacked(data, "t"); err == nil {
				p.Inventory("v1.37.2")
			}
		}
	}
}

func FuzzOpenPacked(f *testing.F) {
	small := &Inventory{Provenance: Provenance{Release: "v1.0.0", Method: "test"}, Specs: []*Spec{
		{Text: "a b", Leaf: "b", Containers: []string{"a"}, Images: Images{Direct: []string{"pause"}}},
	}}
	small.Normalize()
	var b bytes.Buffer
	if err := Pack(&b, "# x", []*Inventory{small}); err != nil {
		f.Fatal(err)
	}
	f.Add(b.String())
	f.Add("# x\n" + packMagic)
	f.Fuzz(func(t *testing.T, data string) {
		p, err := OpenPacked(data, "fuzz")
		if err != nil {
			return
		}
		for _, r := range p.Releases() {
			inv, err := p.Inventory(r)
			if err != nil {
				continue
			}
			for _, s := range inv.Specs {
				if s.Text == "" {
					t.Fatalf("%s: a spec without text", r)
				}
			}
		}
	})
}

func BenchmarkUnpackAll(b *testing.B) {
	data := pack(b, committed(b))
	b.ResetTimer()
	for b.Loop() {
		p, err := OpenPacked(data, "bench")
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range p.Releases() {
			if _, err := p.Inventory(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}
