package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/internal/junit"
)

// Default limits of ReadOptions.
const (
	DefaultMaxTotalBytes = 1 << 30   // 1 GiB
	DefaultMaxFileBytes  = 256 << 20 // 256 MiB
)

// ErrLimit is returned, wrapped, when the inputs hold more data than
// ReadOptions.MaxTotalBytes: a tarball that decompresses to more is
// refused as a possible archive bomb.
var ErrLimit = errors.New("inputs exceed the size limit")

// ReadOptions are the limits Read applies.
type ReadOptions struct {
	// MaxTotalBytes caps the bytes read from all inputs together, tarballs
	// counted decompressed, entries skipped included. Zero means
	// DefaultMaxTotalBytes.
	MaxTotalBytes int64
	// MaxFileBytes caps one results file or tarball entry. A larger
	// tarball entry or file found in a directory is skipped with a
	// warning; a larger file given by path is an error. Zero means
	// DefaultMaxFileBytes.
	MaxFileBytes int64
	// Nodes is a "kubectl get nodes -o json" file: the node evidence of
	// the results that carry none of their own (plain JUnit and Ginkgo
	// JSON outside a run directory). Empty for none.
	Nodes string
}

func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	return o
}

// Read reads test results from each path: a Sonobuoy results tarball
// (.tar.gz or .tgz), a JUnit XML report (Ginkgo v1 or v2), a Ginkgo JSON
// report, or a directory. A directory is walked recursively for *.xml,
// *.json, *.tar.gz and *.tgz files; a directory laid out like an extracted
// Sonobuoy tarball (plugins/ next to meta/, resources/ or
// serverversion.json) is read as one, node evidence included, and so is a
// run directory of the generated scripts (package runlayout).
//
// A tarball given by path must be laid out as Sonobuoy writes one; any
// other tarball is an error.
//
// Tarballs are read as a stream and never extracted: entries with "..",
// absolute or backslashed names, links, devices and entries over
// MaxFileBytes are skipped with a warning. XML with a DTD is refused.
// Read returns an error for a path that cannot be read or is not results,
// and for inputs that exceed MaxTotalBytes (wrapping ErrLimit).
func Read(paths []string, opts ReadOptions) (*Results, error) {
	if len(paths) == 0 {
		return nil, errors.New("no results given")
	}
	rd := &reader{opts: opts.withDefaults(), res: &Results{}}
	rd.left = rd.opts.MaxTotalBytes
	for _, p := range paths {
		if err := rd.readPath(p); err != nil {
			return nil, err
		}
	}
	if opts.Nodes != "" {
		if err := rd.readNodes(opts.Nodes); err != nil {
			return nil, err
		}
	}
	return rd.res, nil
}

// readNodes reads a nodes file given apart from the results and makes it
// the node evidence of every testcase that has none: each plain input is
// then a "plugin" of that cluster.
func (rd *reader) readNodes(p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("reading nodes: %w", err)
	}
	nodes, err := parseNodes(data)
	if err != nil {
		return fmt.Errorf("reading nodes %s: %w (want the output of kubectl get nodes -o json)", p, err)
	}
	cl := &Cluster{Source: p, Kind: KindNodes, NodesFile: p, Nodes: nodes, Plugins: []*Plugin{}}
	for i := range rd.res.Cases {
		c := &rd.res.Cases[i]
		if c.Cluster != nil {
			continue
		}
		c.Cluster = cl
		c.Plugin = c.Input
		cl.plugin(c.Input).Testcases++
	}
	rd.res.Inputs = append(rd.res.Inputs, Input{Path: p, Kind: KindNodes, SHA256: digest(data)})
	rd.res.Clusters = append(rd.res.Clusters, cl)
	return nil
}

// digest is the hex SHA-256 of data.
func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// treeDigest is the digest of a directory's files: the SHA-256 of lines
// "<file digest>  <slash-separated name>\n", sorted by name, as sha256sum
// writes them.
func treeDigest(files map[string]string) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s  %s\n", files[n], n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// reader reads inputs within a byte budget.
type reader struct {
	opts     ReadOptions
	left     int64 // bytes of the total budget left
	exceeded bool
	res      *Results
}

func (rd *reader) warnf(format string, args ...any) {
	rd.res.Warnings = append(rd.res.Warnings, fmt.Sprintf(format, args...))
}

func (rd *reader) limitErr() error {
	return fmt.Errorf("%w: more than %d bytes (tarballs counted decompressed)", ErrLimit, rd.opts.MaxTotalBytes)
}

// budgeted counts every byte read from r against the total budget.
func (rd *reader) budgeted(r io.Reader) io.Reader { return &budgetReader{r: r, rd: rd} }

type budgetReader struct {
	r  io.Reader
	rd *reader
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.rd.exceeded {
		return 0, b.rd.limitErr()
	}
	n, err := b.r.Read(p)
	b.rd.left -= int64(n)
	if b.rd.left < 0 {
		b.rd.exceeded = true
		return n, b.rd.limitErr()
	}
	return n, err
}

func (rd *reader) readPath(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("reading results: %w", err)
	}
	if fi.IsDir() {
		return rd.readDir(p)
	}
	return rd.readFile(p, fi, true, nil)
}

// readDir reads a Sonobuoy results directory, or walks a directory of
// results files.
func (rd *reader) readDir(root string) error {
	if isSonobuoyDir(root) {
		return rd.readSonobuoyDir(root)
	}
	if isRunDir(root) {
		return rd.readRunDir(root)
	}
	before := len(rd.res.Inputs)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		switch {
		case d.IsDir():
			if p != root && isSonobuoyDir(p) {
				if err := rd.readSonobuoyDir(p); err != nil {
					return err
				}
				return filepath.SkipDir
			}
			if p != root && isRunDir(p) {
				if err := rd.readRunDir(p); err != nil {
					return err
				}
				return filepath.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			rd.warnf("%s: skipped: a symbolic link", p)
			return nil
		case !d.Type().IsRegular():
			return nil
		}
		if kindByName(d.Name()) == "" {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		return rd.readFile(p, fi, false, nil)
	})
	if err != nil {
		return err
	}
	if len(rd.res.Inputs) == before {
		return fmt.Errorf("reading results %s: no JUnit, Ginkgo JSON or Sonobuoy results in it", root)
	}
	return nil
}

// kindByName guesses a file's kind from its name, for directory walks.
func kindByName(name string) string {
	switch {
	case strings.HasSuffix(name, ".tar.gz"), strings.HasSuffix(name, ".tgz"):
		return KindSonobuoy
	case strings.HasSuffix(name, ".xml"):
		return KindJUnit
	case strings.HasSuffix(name, ".json"):
		return KindGinkgoJSON
	}
	return ""
}

// readFile reads one file; its kind is found from its content. explicit
// files were named by the user: problems with them are errors, while
// problems with files found in a directory are warnings. The testcases of
// a file in a run directory go to run; other files are inputs of their own.
func (rd *reader) readFile(p string, fi fs.FileInfo, explicit bool, run *runDir) error {
	fail := func(err error) error {
		if explicit || errors.Is(err, ErrLimit) {
			return fmt.Errorf("reading results %s: %w", p, err)
		}
		rd.warnf("%s: skipped: %v", p, err)
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	// Every byte of the file goes through the hash, whatever the parser
	// reads; the rest is drained once it is done.
	h := sha256.New()
	br := bufio.NewReader(io.TeeReader(f, h))
	sum := func() (string, error) {
		if _, err := io.Copy(io.Discard, br); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	head, _ := br.Peek(512)
	kind := sniff(head)
	if kind != KindSonobuoy && fi.Size() > rd.opts.MaxFileBytes {
		return fail(fmt.Errorf("larger than the %d-byte limit", rd.opts.MaxFileBytes))
	}
	if kind == KindSonobuoy && run != nil {
		return fail(errors.New("a tarball inside a run directory"))
	}
	// A tarball counts against the budget decompressed, other files as
	// they are.
	r := rd.budgeted(br)
	var tcs []Case
	switch kind {
	case KindSonobuoy:
		s, err := rd.readTarball(p, br, explicit)
		if err != nil && !explicit && !errors.Is(err, ErrLimit) {
			rd.warnf("%s: skipped: %v", p, err)
			return nil
		}
		if err != nil || s == nil {
			return err
		}
		sha, err := sum()
		if err != nil {
			return fail(err)
		}
		s.finish(sha)
		return nil
	case KindJUnit:
		cases, err := junit.Parse(r, rd.opts.MaxFileBytes)
		if rd.exceeded {
			return fail(rd.limitErr())
		}
		if err != nil {
			return fail(fmt.Errorf("not a readable JUnit report: %w", err))
		}
		var dryRun bool
		tcs, dryRun = fromJUnit(cases, p)
		if dryRun {
			rd.warnf("%s: %s", p, dryRunWarning)
		}
	case KindGinkgoJSON:
		cases, warn, err := parseGinkgoJSON(r, rd.opts.MaxFileBytes, p)
		if rd.exceeded {
			return fail(rd.limitErr())
		}
		if err != nil {
			return fail(err)
		}
		if warn != "" {
			rd.warnf("%s: %s", p, warn)
		}
		tcs = cases
	default:
		return fail(errors.New("not a gzip tarball, JUnit XML or Ginkgo JSON report"))
	}
	sha, err := sum()
	if err != nil {
		return fail(err)
	}
	if run != nil {
		run.add(p, sha, tcs)
		return nil
	}
	for i := range tcs {
		tcs[i].Input = p
	}
	rd.res.Inputs = append(rd.res.Inputs, Input{Path: p, Kind: kind, Testcases: len(tcs), SHA256: sha})
	rd.res.Cases = append(rd.res.Cases, tcs...)
	rd.warnHooks(tcs)
	return nil
}

// warnHooks warns about failed suite-level nodes: when a BeforeSuite
// fails, no spec runs.
func (rd *reader) warnHooks(cases []Case) {
	for _, c := range cases {
		if c.Hook && Failed(c.Status) {
			rd.warnf("%s: suite node %s %s: %s", c.Source, c.Name, c.Status, c.Message)
		}
	}
}

// sniff tells a gzip stream, XML and JSON apart by their first bytes.
func sniff(head []byte) string {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return KindSonobuoy
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(head) == 0:
		return ""
	case head[0] == '<':
		return KindJUnit
	case head[0] == '[' || head[0] == '{':
		return KindGinkgoJSON
	}
	return ""
}

// fromJUnit converts the cases of a JUnit report read from source, and
// reports whether it is from a dry run. Specs of a dry run did not run:
// they count as skipped, whatever the report says.
func fromJUnit(in []junit.Case, source string) ([]Case, bool) {
	out := make([]Case, 0, len(in))
	dryRun := false
	for _, c := range in {
		tc := Case{Name: c.Name, Text: c.Text, Node: c.Node, Hook: c.Hook, Status: Status(c.Status), Message: c.Message, Source: source}
		if c.DryRun && !c.Hook {
			tc.Status, tc.Message = StatusSkipped, dryRunMessage
			dryRun = true
		}
		out = append(out, tc)
	}
	return out, dryRun
}

const (
	dryRunMessage = "not run: the report is from a Ginkgo --dry-run"
	dryRunWarning = "Ginkgo --dry-run report: its specs were selected, not run, and count as skipped"
)
