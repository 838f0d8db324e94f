package builder

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"

	"sigs.k8s.io/wincspec/internal/atomicfile"
	"sigs.k8s.io/wincspec/inventory"
	"sigs.k8s.io/wincspec/mapping/importer"
	"sigs.k8s.io/wincspec/mapping/internal/facts"
)

// KubernetesModule is the module path of Kubernetes, as served by the Go
// module proxy.
const KubernetesModule = "k8s.io/kubernetes"

// e2ePackage is the package whose test binary is e2e.test.
const e2ePackage = KubernetesModule + "/test/e2e"

// BuildOptions configure Build.
type BuildOptions struct {
	// CacheDir holds one directory per release with its build module and
	// e2e.test binary. It defaults to wincspec/e2e under the user's cache
	// directory.
	CacheDir string
	// Go is the go command. It defaults to "go".
	Go string
	// Progress receives a line per step and a heartbeat during the long
	// compile. It may be nil.
	Progress io.Writer
	// Rebuild compiles e2e.test even when a cached binary exists.
	Rebuild bool
	// SkipFacts leaves out the static analysis (images, placement, skips,
	// namespaces).
	SkipFacts bool
}

// BuildError is a failed step of Build.
type BuildError struct {
	Release string
	Step    string // "download", "prepare", "compile", "list", "images"
	Err     error
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("building inventory for Kubernetes %s: %s: %v", e.Release, e.Step, e.Err)
}

func (e *BuildError) Unwrap() error { return e.Err }

// Build makes the inventory of a Kubernetes release from its real e2e.test
// binary: it downloads k8s.io/kubernetes at that version from the Go module
// proxy, compiles test/e2e in a module that replaces the staging modules
// (k8s.io/api and the rest) by their matching v0.X.Y releases, lists every
// spec with a Ginkgo dry run, and finds each spec's images by static
// analysis of the source. The binary is cached per release.
func Build(ctx context.Context, release string, o BuildOptions) (*inventory.Inventory, error) {
	if !importer.IsFullVersion(release) {
		return nil, &BuildError{release, "prepare", fmt.Errorf("invalid release %q: want a full version such as v1.37.2", release)}
	}
	if o.Go == "" {
		o.Go = "go"
	}
	if o.CacheDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return nil, &BuildError{release, "prepare", err}
		}
		o.CacheDir = filepath.Join(dir, "wincspec", "e2e")
	}
	p := progress{w: o.Progress}
	fail := func(step string, err error) (*inventory.Inventory, error) {
		return nil, &BuildError{release, step, err}
	}

	p.step("download: %s@%s from the Go module proxy", KubernetesModule, release)
	mod, err := downloadModule(ctx, o.Go, KubernetesModule, release)
	if err != nil {
		return fail("download", err)
	}

	dir := filepath.Join(o.CacheDir, release)
	buildDir := filepath.Join(dir, "build")
	bin := filepath.Join(dir, "e2e.test")
	p.step("prepare: build module in %s", buildDir)
	gomod, err := buildModule(mod.GoModPath, release)
	if err != nil {
		return fail("prepare", err)
	}
	if err := atomicfile.Write(filepath.Join(buildDir, "go.mod"), gomod, 0o644); err != nil {
		return fail("prepare", err)
	}

	if _, err := os.Stat(bin); err == nil && !o.Rebuild {
		p.step("compile: using cached %s", bin)
	} else {
		p.step("compile: go test -c %s (the first build of a release takes 10 to 20 minutes)", e2ePackage)
		if err := CompileSuite(ctx, o.Go, buildDir, e2ePackage, bin, o.Progress); err != nil {
			return fail("compile", err)
		}
	}
	ginkgo, err := moduleVersion(ctx, o.Go, buildDir, "github.com/onsi/ginkgo/v2")
	if err != nil {
		return fail("compile", err)
	}
	goVersion, err := goEnv(ctx, o.Go, buildDir, "GOVERSION")
	if err != nil {
		return fail("compile", err)
	}

	flags := inventory.RunFlags()
	p.step("list: %s --ginkgo.dry-run --ginkgo.json-report %s", bin, strings.Join(flags, " "))
	specs, err := ListSuite(ctx, bin, mod.Dir, flags...)
	if err != nil {
		return fail("list", err)
	}
	p.step("list: %s --ginkgo.dry-run --ginkgo.json-report, with e2e.test's defaults", bin)
	defaults, err := ListSuite(ctx, bin, mod.Dir)
	if err != nil {
		return fail("list", err)
	}
	defaultOnly := markTrees(specs, defaults)
	p.step("list: %d specs; %d only with the run flags, %d only with the defaults", len(specs), inventory.CountWindowsOnly(specs), len(defaultOnly))

	inv := &inventory.Inventory{
		Provenance: inventory.Provenance{
			Release: release,
			Module:  KubernetesModule + "@" + release,
			Sum:     mod.Sum,
			Ginkgo:  ginkgo,
			Go:      goVersion,
			Method:  "e2e.test --ginkgo.dry-run --ginkgo.json-report, built with go test -c " + e2ePackage,
			Flags:   flags,

			DefaultOnly: defaultOnly,
		},
		Specs: specs,
	}
	if refs, err := ReadImageRefs(mod.Dir); err == nil {
		inv.Provenance.ImageRefs = refs
	} else {
		p.step("images: %v", err)
	}
	if !o.SkipFacts {
		p.step("facts: static analysis of %s in %s", mod.Dir, buildDir)
		if err := addFacts(ctx, inv, mod.Dir, buildDir); err != nil {
			return fail("facts", err)
		}
		p.step("facts: %d of %d specs use at least one image", countWithImages(inv), len(inv.Specs))
	}
	inv.Normalize()
	return inv, nil
}

// markTrees marks the specs of the run-flags tree that the default tree
// lacks, and returns the texts of the default tree's specs that the
// run-flags tree lacks, sorted.
func markTrees(specs, defaults []*inventory.Spec) []string {
	inDefault := make(map[string]bool, len(defaults))
	for _, s := range defaults {
		inDefault[s.Text] = true
	}
	inRun := make(map[string]bool, len(specs))
	for _, s := range specs {
		inRun[s.Text] = true
		s.WindowsOnly = !inDefault[s.Text]
	}
	var out []string
	for _, s := range defaults {
		if !inRun[s.Text] {
			out = append(out, s.Text)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// addFacts runs the static analysis of the release's source (package
// facts: go/packages and go/types over test/e2e, loaded in the build module
// moduleDir) and records each spec's images, placement, skips and
// namespaces.
func addFacts(ctx context.Context, inv *inventory.Inventory, repoDir, moduleDir string) error {
	var locs []facts.Location
	for _, s := range inv.Specs {
		if s.File != "" && s.Line > 0 {
			locs = append(locs, facts.Location{File: s.File, Line: s.Line})
		}
	}
	res, err := facts.Analyze(ctx, locs, facts.Options{RepoDir: repoDir, ModuleDir: moduleDir, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")})
	if err != nil {
		return err
	}
	for _, s := range inv.Specs {
		f := res.Facts[facts.Location{File: s.File, Line: s.Line}]
		if f == nil {
			continue
		}
		s.Images = inventory.Images{Direct: f.Images.Direct, Reachable: f.Images.Reachable}
		os := f.Placement.OS
		if os == "" {
			os = inventory.PlacementNone
		}
		s.Placement = &inventory.Placement{OS: os, Via: f.Placement.Via, PodOS: f.Placement.PodOS}
		for _, sk := range f.Skips {
			if sk.Conditional && sk.Kind == inventory.SkipOther {
				// Conditional skips of other kinds are many (every
				// branch of every helper counts) and decide nothing
				// the checks use; they are left out.
				continue
			}
			k := inventory.Skip{Kind: sk.Kind, Func: sk.Func, Args: sk.Args, Conditional: sk.Conditional, File: sk.File, Line: sk.Line}
			if !slices.ContainsFunc(s.Skips, func(o inventory.Skip) bool { return reflect.DeepEqual(o, k) }) {
				s.Skips = append(s.Skips, k)
			}
		}
		s.Namespaces = f.Namespaces
	}
	resolved := len(locs) - len(res.Unresolved)
	inv.Provenance.Images = fmt.Sprintf("static analysis (go/packages, go/types) of test/e2e: references to test/utils/image IDs in each spec's body (direct) and in the functions, methods, closures and setup nodes it runs (reachable); %d of %d leaf locations resolved", resolved, len(locs))
	inv.Provenance.Facts = fmt.Sprintf("the same analysis: node selectors, node affinity and spec.os on kubernetes.io/os (placement), e2eskipper and ginkgo skip calls the spec may reach (skips), e2e framework base names of its containers (namespaces); conditional skips other than provider, node OS distro, feature gate and node count left out; %d of %d leaf locations resolved", resolved, len(locs))
	return nil
}

func countWithImages(inv *inventory.Inventory) int {
	n := 0
	for _, s := range inv.Specs {
		if !s.Images.IsZero() {
			n++
		}
	}
	return n
}

// CompileSuite compiles the test binary of pkg with "go test -c" in the
// module at moduleDir and writes it to out, atomically. A heartbeat goes to
// progress, which may be nil.
func CompileSuite(ctx context.Context, goCmd, moduleDir, pkg, out string, progressOut io.Writer) error {
	p := progress{w: progressOut}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp := out + ".tmp"
	cmd := exec.CommandContext(ctx, goCmd, "test", "-c", "-vet=off", "-o", tmp, pkg)
	cmd.Dir = moduleDir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	done := p.heartbeat("compile")
	err := cmd.Run()
	done()
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("go test -c %s: %w\n%s", pkg, err, tail(stderr.String(), 40))
	}
	return os.Rename(tmp, out)
}

// ListSuite runs a compiled Ginkgo test binary with --ginkgo.dry-run, a
// JSON report and the suite's own flags, and returns every spec in it,
// skipped or not, with leaf paths relative to repoRoot.
func ListSuite(ctx context.Context, bin, repoRoot string, flags ...string) ([]*inventory.Spec, error) {
	tmp, err := os.MkdirTemp("", "wincspec-list-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	report := filepath.Join(tmp, "report.json")
	args := append([]string{"--ginkgo.dry-run", "--ginkgo.no-color", "--ginkgo.json-report=" + report}, flags...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = tmp
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s --ginkgo.dry-run: %w\n%s", filepath.Base(bin), err, tail(out.String(), 20))
	}
	data, err := os.ReadFile(report)
	if err != nil {
		return nil, fmt.Errorf("reading the dry-run report: %w", err)
	}
	return importer.FromGinkgoReport(data, repoRoot)
}

type moduleInfo struct {
	Dir, Sum, GoModPath string
}

// downloadModule runs "go mod download -json" and returns where the module is.
func downloadModule(ctx context.Context, goCmd, path, version string) (*moduleInfo, error) {
	cmd := exec.CommandContext(ctx, goCmd, "mod", "download", "-json", path+"@"+version)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var info struct {
		Dir, Sum, GoMod, Error string
	}
	if err := json.Unmarshal(out, &info); err != nil {
		if runErr != nil {
			return nil, fmt.Errorf("go mod download %s@%s: %w\n%s", path, version, runErr, tail(stderr.String(), 10))
		}
		return nil, fmt.Errorf("go mod download %s@%s: decoding its output: %w", path, version, err)
	}
	if info.Error != "" {
		return nil, fmt.Errorf("go mod download %s@%s: %s", path, version, info.Error)
	}
	if runErr != nil {
		return nil, fmt.Errorf("go mod download %s@%s: %w\n%s", path, version, runErr, tail(stderr.String(), 10))
	}
	return &moduleInfo{Dir: info.Dir, Sum: info.Sum, GoModPath: info.GoMod}, nil
}

// buildModule returns the go.mod of a module that requires Kubernetes at
// release and replaces each staging module, as the release's own go.mod
// lists them (k8s.io/api => ./staging/src/k8s.io/api), by the published
// module at the matching v0.X.Y.
func buildModule(kubeGoMod, release string) ([]byte, error) {
	data, err := os.ReadFile(kubeGoMod)
	if err != nil {
		return nil, err
	}
	kf, err := modfile.Parse(kubeGoMod, data, nil)
	if err != nil {
		return nil, fmt.Errorf("parsing %s go.mod: %w", KubernetesModule, err)
	}
	staging := "v0" + strings.TrimPrefix(release, "v1")
	f := &modfile.File{}
	if err := f.AddModuleStmt("wincspec.local/e2e-" + release); err != nil {
		return nil, err
	}
	if kf.Go != nil {
		if err := f.AddGoStmt(kf.Go.Version); err != nil {
			return nil, err
		}
	}
	if err := f.AddRequire(KubernetesModule, release); err != nil {
		return nil, err
	}
	n := 0
	for _, r := range kf.Replace {
		if strings.HasPrefix(r.New.Path, "./staging/") && r.New.Version == "" {
			if err := f.AddReplace(r.Old.Path, "", r.Old.Path, staging); err != nil {
				return nil, err
			}
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("%s go.mod has no ./staging replace directives", KubernetesModule)
	}
	f.Cleanup()
	return f.Format()
}

func moduleVersion(ctx context.Context, goCmd, dir, path string) (string, error) {
	cmd := exec.CommandContext(ctx, goCmd, "list", "-m", "-f", "{{.Version}}", path)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -m %s: %w", path, exitDetail(err))
	}
	return strings.TrimSpace(string(out)), nil
}

func goEnv(ctx context.Context, goCmd, dir, name string) (string, error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, exitDetail(err))
	}
	return strings.TrimSpace(string(out)), nil
}

func exitDetail(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, tail(string(ee.Stderr), 10))
	}
	return err
}

func tail(s string, lines int) string {
	all := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// progress prints step lines and, during long steps, a heartbeat.
type progress struct{ w io.Writer }

func (p progress) step(format string, args ...any) {
	if p.w != nil {
		fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// heartbeat prints the elapsed time every 30 seconds until the returned
// function is called.
func (p progress) heartbeat(step string) func() {
	if p.w == nil {
		return func() {}
	}
	start := time.Now()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fmt.Fprintf(p.w, "%s: %s elapsed\n", step, time.Since(start).Round(time.Second))
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		fmt.Fprintf(p.w, "%s: done in %s\n", step, time.Since(start).Round(time.Second))
	}
}
