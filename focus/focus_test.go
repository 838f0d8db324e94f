package focus

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestSynthesize(t *testing.T) {
	all := []string{
		"[sig-windows] Hybrid network should reach a Linux pod",
		"[sig-windows] Hybrid network should reach a Linux pod (by pod IP)",
		"[sig-windows] Hybrid network should reach a Linux pod (by pod IP) over UDP",
		"[sig-windows] Hybrid network should reach a.b|c.d and \"quoted\" names",
		"[sig-network] Services should be $5 ^cheap^ *or* +free+? {1,2} \\backslash\\",
		"[sig-network] Services should serve [Conformance]",
		"[sig-network] Services should serve [Conformance] over IPv6 [LinuxOnly]",
		"Kubernetes e2e suite [sig-windows] Hybrid network should reach a Linux pod",
		"x [sig-windows] Hybrid network should reach a Linux pod",
	}
	tests := []struct {
		name     string
		want     []string
		focus    string
		skip     string
		anchored bool
	}{{
		name:  "a name that is a prefix of others ends with $",
		want:  []string{"[sig-windows] Hybrid network should reach a Linux pod"},
		focus: `Kubernetes e2e suite \[sig-windows\] Hybrid network should reach a Linux pod$`,
		skip:  `Kubernetes e2e suite Kubernetes`,
	}, {
		name:  "metacharacters are quoted",
		want:  []string{"[sig-network] Services should be $5 ^cheap^ *or* +free+? {1,2} \\backslash\\"},
		focus: `\[sig-network\] Services should be`,
	}, {
		name:  "shared prefix is factored",
		want:  []string{"[sig-windows] Hybrid network should reach a Linux pod (by pod IP)", "[sig-windows] Hybrid network should reach a.b|c.d and \"quoted\" names"},
		focus: `\[sig-windows\] Hybrid network should reach a(?: Linux pod \(by pod IP\)$|\.b\|c\.d)`,
	}, {
		name:  "a name that others extend, with one of them",
		want:  []string{"[sig-network] Services should serve [Conformance]", "[sig-network] Services should serve [Conformance] over IPv6 [LinuxOnly]"},
		focus: `\[sig-network\] Services should serve`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := Synthesize(all, tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if fs.Focus != tt.focus || fs.Skip != tt.skip {
				t.Errorf("got focus %q skip %q\nwant focus %q skip %q", fs.Focus, fs.Skip, tt.focus, tt.skip)
			}
			if err := Exact(fs, all, tt.want); err != nil {
				t.Error(err)
			}
			for _, e := range []string{fs.Focus, fs.Skip} {
				if strings.Contains(e, "(?:|") || strings.Contains(e, "||") || strings.Contains(e, "|)") || strings.HasPrefix(e, "^") {
					t.Errorf("expression %q has an empty alternative or a ^ anchor", e)
				}
			}
		})
	}
}

func TestSynthesizeErrors(t *testing.T) {
	if _, err := Synthesize([]string{"a"}, nil); err == nil || !strings.Contains(err.Error(), "no specs") {
		t.Errorf("empty want: got %v", err)
	}
	if _, err := Synthesize([]string{"a"}, []string{"b"}); err == nil || !strings.Contains(err.Error(), `"b" is not in the inventory`) {
		t.Errorf("unknown want: got %v", err)
	}
}

func TestExact(t *testing.T) {
	all := []string{"a x", "b x", "c y"}
	err := Exact(FocusSkip{Focus: "x$"}, all, []string{"a x"})
	var ne *NotExactError
	if !errors.As(err, &ne) || !slices.Equal(ne.Extra, []string{"b x"}) || len(ne.Missing) != 0 {
		t.Errorf("got %v, want b x as extra", err)
	}
	err = Exact(FocusSkip{Focus: "x$", Skip: "a"}, all, []string{"a x", "b x"})
	if !errors.As(err, &ne) || !slices.Equal(ne.Missing, []string{"a x"}) {
		t.Errorf("got %v, want a x missing", err)
	}
	if err := Exact(FocusSkip{Focus: "("}, all, nil); err == nil {
		t.Error("an invalid focus was accepted")
	}
}

// randomNames makes an inventory of names built from few words, so that
// prefixes, suffixes and brackets are shared often, plus names that embed
// the suite description.
func randomNames(r *rand.Rand) []string {
	words := []string{"[sig-windows]", "[Serial]", "a", "b", "a.b", "(x)", "x|y", "Kubernetes", "e2e", "suite", "$", "\\", "é"}
	seen := map[string]bool{}
	var out []string
	for range 1 + r.IntN(40) {
		var parts []string
		for range 1 + r.IntN(6) {
			parts = append(parts, words[r.IntN(len(words))])
		}
		if r.IntN(10) == 0 {
			parts = append([]string{"Kubernetes e2e suite"}, parts...)
		}
		n := strings.Join(parts, " ")
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// TestSynthesizeRandom checks, over many random inventories and subsets,
// that Synthesize either returns expressions that Exact accepts or fails;
// and that it never fails when no name contains the suite description.
func TestSynthesizeRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		all := randomNames(r)
		var want []string
		for _, n := range all {
			if r.IntN(3) == 0 {
				want = append(want, n)
			}
		}
		if len(want) == 0 {
			want = all[:1]
		}
		fs, err := Synthesize(all, want)
		embeds := slices.ContainsFunc(all, func(n string) bool { return strings.Contains(n, "Kubernetes e2e suite") })
		if err != nil {
			if !embeds {
				t.Fatalf("case %d: %v\nall %q\nwant %q", i, err, all, want)
			}
			continue
		}
		if err := independentExact(fs, all, want); err != nil {
			t.Fatalf("case %d: %v\nall %q\nwant %q\nfocus %q skip %q", i, err, all, want, fs.Focus, fs.Skip)
		}
	}
}

// independentExact checks exactness the way Ginkgo's internal/focus.go
// does, without Exact.
func independentExact(fs FocusSkip, all, want []string) error {
	focus := regexp.MustCompile(fs.Focus)
	var skip *regexp.Regexp
	if fs.Skip != "" {
		skip = regexp.MustCompile(fs.Skip)
	}
	for _, n := range all {
		s := "Kubernetes e2e suite " + n
		runs := focus.MatchString(s) && (skip == nil || !skip.MatchString(s))
		if runs != slices.Contains(want, n) {
			return errors.New("wrong for " + n)
		}
	}
	return nil
}

// FuzzSynthesize derives an inventory and a subset from fuzz input.
func FuzzSynthesize(f *testing.F) {
	f.Add("a b\na b c\n[x] (y)\nb", uint64(5))
	f.Add("Kubernetes e2e suite a\na\n", uint64(2))
	f.Add("é\n\\\n$\n", uint64(7))
	f.Fuzz(func(t *testing.T, text string, mask uint64) {
		seen := map[string]bool{}
		var all, want []string
		for i, n := range strings.Split(text, "\n") {
			if n == "" || seen[n] || !utf8Valid(n) {
				continue
			}
			seen[n] = true
			all = append(all, n)
			if mask>>(uint(i)%64)&1 == 1 {
				want = append(want, n)
			}
		}
		if len(want) == 0 {
			return
		}
		fs, err := Synthesize(all, want)
		if err != nil {
			// Synthesize may give up only when a name contains the suite
			// description, which no real e2e spec does.
			var ne *NotExactError
			embeds := slices.ContainsFunc(all, func(n string) bool { return strings.Contains(n, "Kubernetes e2e suite") })
			if !errors.As(err, &ne) || !embeds {
				t.Fatalf("Synthesize(%q, %q): %v", all, want, err)
			}
			return
		}
		if err := independentExact(fs, all, want); err != nil {
			t.Fatalf("%v: focus %q skip %q", err, fs.Focus, fs.Skip)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
