package report

import (
	"archive/tar"
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/wincspec/internal/junit"
	"sigs.k8s.io/wincspec/internal/runlayout"
)

// Kinds of Sonobuoy results entries that Read uses; every other entry is
// passed over.
const (
	entryIgnored = iota
	entryJUnit
	entryDefinition
	entryPluginError
	entryLog
	entryNodes
	entryServerVersion
	entryConfig
	entryPods
	entryNamespaces
)

// nodesFiles are the nodes files of the current and older Sonobuoy
// layouts, most preferred first: a NodeList object in current tarballs, a
// bare JSON array in old ones.
var nodesFiles = []string{
	"resources/cluster/core_v1_nodes.json",
	"resources/cluster/Nodes.json",
	"resources/non-ns/Nodes.json",
}

// classify says what a (clean, slash-separated) Sonobuoy entry name holds
// and, for plugin entries, the plugin's name.
func classify(name string) (kind int, plugin string) {
	parts := strings.Split(name, "/")
	base := parts[len(parts)-1]
	switch {
	case len(parts) >= 5 && parts[0] == "plugins" && parts[2] == "results" && strings.HasSuffix(base, ".xml"):
		return entryJUnit, parts[1]
	case len(parts) >= 5 && parts[0] == "plugins" && parts[2] == "results" && base == "e2e.log":
		return entryLog, parts[1]
	case len(parts) == 3 && parts[0] == "plugins" && (base == "definition.json" || base == "defintion.json"):
		return entryDefinition, parts[1]
	case len(parts) == 5 && parts[0] == "plugins" && parts[2] == "errors" && base == "error.json":
		return entryPluginError, parts[1]
	case len(parts) == 5 && parts[0] == "podlogs" && parts[3] == "logs" && strings.HasSuffix(base, ".txt"):
		if p := pluginOfPod(parts[2]); p != "" {
			switch strings.TrimSuffix(base, ".txt") {
			case runlayout.PodsContainer:
				return entryPods, p
			case runlayout.NamespacesContainer:
				return entryNamespaces, p
			}
			return entryLog, p
		}
	case slices.Contains(nodesFiles, name):
		return entryNodes, ""
	case name == "serverversion.json" || name == "serverversion/serverversion.json":
		return entryServerVersion, ""
	case name == "meta/config.json" || name == "config.json":
		return entryConfig, ""
	}
	return entryIgnored, ""
}

// pluginOfPod returns the plugin of a Sonobuoy plugin pod name:
// sonobuoy-<plugin>-job-<session> for Job plugins,
// sonobuoy-<plugin>-daemon-set-<session>-<suffix> for DaemonSet plugins.
func pluginOfPod(pod string) string {
	rest, ok := strings.CutPrefix(pod, "sonobuoy-")
	if !ok {
		return ""
	}
	for _, sep := range []string{"-job-", "-daemon-set-"} {
		if i := strings.LastIndex(rest, sep); i > 0 {
			return rest[:i]
		}
	}
	return ""
}

// cleanEntryName returns the clean name of a tarball entry, or false when
// the name is unsafe: absolute, with a ".." element, a backslash, a drive
// letter or a NUL. A leading "./", as in old tarballs, is removed.
func cleanEntryName(name string) (string, bool) {
	if name == "" || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") ||
		(len(name) >= 2 && name[1] == ':') {
		return "", false
	}
	for _, el := range strings.Split(name, "/") {
		if el == ".." {
			return "", false
		}
	}
	return path.Clean(name), true
}

// sonobuoy collects one Sonobuoy results tarball or directory.
type sonobuoy struct {
	rd      *reader
	cluster *Cluster
	cases   []Case
	nodes   map[string][]Node // by nodes file
	junits  int
}

func newSonobuoy(rd *reader, source string) *sonobuoy {
	return &sonobuoy{rd: rd, cluster: &Cluster{Source: source, Kind: KindSonobuoy}, nodes: map[string][]Node{}}
}

func (s *sonobuoy) warnf(format string, args ...any) {
	s.rd.warnf(s.cluster.Source+": "+format, args...)
}

// entry reads one entry of the results: name is clean, r holds at most
// size bytes.
func (s *sonobuoy) entry(name string, kind int, plugin string, r io.Reader) error {
	limit := s.rd.opts.MaxFileBytes
	source := s.cluster.Source + ":" + name
	readAll := func() ([]byte, error) {
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		if err == nil && int64(len(data)) > limit {
			err = fmt.Errorf("larger than the %d-byte limit", limit)
		}
		return data, err
	}
	var err error
	switch kind {
	case entryJUnit:
		var cases []junit.Case
		cases, err = junit.Parse(r, limit)
		if err == nil {
			s.junits++
			tcs, dryRun := fromJUnit(cases, source)
			if dryRun {
				s.warnf("%s: %s", name, dryRunWarning)
			}
			for i := range tcs {
				tcs[i].Plugin = plugin
			}
			s.cases = append(s.cases, tcs...)
			s.cluster.plugin(plugin).Testcases += len(tcs)
		}
	case entryDefinition:
		var data []byte
		if data, err = readAll(); err == nil {
			var d distro
			if d, err = definitionDistro(data); err == nil {
				p := s.cluster.plugin(plugin)
				p.Distros = append(p.Distros, Distro{Value: d.value, From: name + " (" + d.how + ")"})
			}
		}
	case entryLog:
		var d distro
		var found bool
		if d, found, err = logDistro(r); err == nil && found {
			p := s.cluster.plugin(plugin)
			p.Distros = append(p.Distros, Distro{Value: d.value, From: name + " (" + d.how + ")"})
		}
	case entryPluginError:
		var data []byte
		if data, err = readAll(); err == nil {
			var e struct {
				Error string `json:"error"`
			}
			if err = json.Unmarshal(data, &e); err == nil && e.Error != "" {
				p := s.cluster.plugin(plugin)
				p.Errors = append(p.Errors, e.Error)
				s.warnf("plugin %s: Sonobuoy recorded an error (%s): %s", plugin, name, e.Error)
			}
		}
	case entryNodes:
		var data []byte
		if data, err = readAll(); err == nil {
			var nodes []Node
			if nodes, err = parseNodes(data); err == nil {
				s.nodes[name] = nodes
			}
		}
	case entryServerVersion:
		var data []byte
		if data, err = readAll(); err == nil {
			var v struct {
				GitVersion string `json:"gitVersion"`
			}
			if err = json.Unmarshal(data, &v); err == nil {
				s.cluster.ServerVersion = v.GitVersion
			}
		}
	case entryPods:
		err = s.cluster.recording().addPods(name, io.LimitReader(r, limit))
	case entryNamespaces:
		err = s.cluster.recording().addNamespaces(name, io.LimitReader(r, limit))
	case entryConfig:
		var data []byte
		if data, err = readAll(); err == nil {
			var c struct {
				Version string `json:"Version"`
			}
			if err = json.Unmarshal(data, &c); err == nil {
				s.cluster.SonobuoyVersion = c.Version
			}
		}
	}
	if s.rd.exceeded {
		return s.rd.limitErr()
	}
	if err != nil {
		s.warnf("%s: skipped: %v", name, err)
	}
	return nil
}

// finish adds the collected results and evidence to the reader's results;
// sha is the digest of the tarball, or of the directory's files.
func (s *sonobuoy) finish(sha string) {
	for _, f := range nodesFiles {
		if nodes, ok := s.nodes[f]; ok {
			s.cluster.NodesFile = f
			s.cluster.Nodes = nodes
			break
		}
	}
	if s.cluster.Nodes == nil {
		s.cluster.Nodes = []Node{}
	}
	for i := range s.cases {
		s.cases[i].Cluster = s.cluster
		s.cases[i].Input = s.cluster.Source
	}
	if s.junits == 0 {
		s.warnf("no JUnit results (plugins/*/results/**/*.xml)")
	}
	res := s.rd.res
	res.Inputs = append(res.Inputs, Input{Path: s.cluster.Source, Kind: KindSonobuoy, Testcases: len(s.cases), SHA256: sha})
	res.Cases = append(res.Cases, s.cases...)
	res.Clusters = append(res.Clusters, s.cluster)
	s.rd.warnHooks(s.cases)
}

// ErrNotSonobuoy is returned, wrapped, for a tarball given by path that
// is not laid out as Sonobuoy results.
var ErrNotSonobuoy = errors.New("not Sonobuoy results: want a tarball from \"sonobuoy retrieve\", with plugins/ beside meta/, resources/ or serverversion.json")

// readTarball reads a Sonobuoy results tarball as a stream, and returns
// its results for finish. A tarball without Sonobuoy's layout is an error
// (ErrNotSonobuoy). A tarball found in a directory (not explicit) that
// holds no JUnit results is passed over with a warning (nil, nil), so that
// an unrelated tarball adds no cluster.
func (rd *reader) readTarball(display string, r io.Reader, explicit bool) (*sonobuoy, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		if rd.exceeded {
			return nil, fmt.Errorf("reading results %s: %w", display, rd.limitErr())
		}
		return nil, fmt.Errorf("reading results %s: %w", display, err)
	}
	defer zr.Close()
	tr := tar.NewReader(rd.budgeted(zr))
	s := newSonobuoy(rd, display)
	var plugins, meta bool
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if rd.exceeded {
				return nil, fmt.Errorf("reading results %s: %w", display, rd.limitErr())
			}
			return nil, fmt.Errorf("reading results %s: not a readable tar.gz: %w", display, err)
		}
		name, ok := cleanEntryName(hdr.Name)
		if !ok {
			s.warnf("entry %q skipped: unsafe name", hdr.Name)
			continue
		}
		top, _, _ := strings.Cut(name, "/")
		switch {
		case top == "plugins" && name != "plugins":
			plugins = true
		case slices.Contains(sonobuoyMarkers, top):
			meta = true
		}
		switch hdr.Typeflag {
		case tar.TypeReg:
		case tar.TypeDir:
			continue
		case tar.TypeSymlink, tar.TypeLink:
			s.warnf("entry %q skipped: a link (to %q)", hdr.Name, hdr.Linkname)
			continue
		default:
			s.warnf("entry %q skipped: not a regular file (type %q)", hdr.Name, hdr.Typeflag)
			continue
		}
		kind, plugin := classify(name)
		if kind == entryIgnored {
			continue
		}
		if hdr.Size > rd.opts.MaxFileBytes {
			s.warnf("entry %q skipped: %d bytes, over the %d-byte limit", hdr.Name, hdr.Size, rd.opts.MaxFileBytes)
			continue
		}
		if err := s.entry(name, kind, plugin, tr); err != nil {
			return nil, fmt.Errorf("reading results %s: %w", display, err)
		}
	}
	// Read the gzip stream to its end, so that data after the tar end
	// counts against the budget and a corrupt tail is noticed.
	if _, err := io.Copy(io.Discard, tr); err != nil && rd.exceeded {
		return nil, fmt.Errorf("reading results %s: %w", display, rd.limitErr())
	}
	if !plugins || !meta {
		if !explicit {
			rd.warnf("%s: skipped: %v", display, ErrNotSonobuoy)
			return nil, nil
		}
		return nil, fmt.Errorf("reading results %s: %w", display, ErrNotSonobuoy)
	}
	if s.junits == 0 && !explicit {
		rd.warnf("%s: skipped: no JUnit results (plugins/*/results/**/*.xml) in it", display)
		return nil, nil
	}
	return s, nil
}

// sonobuoyMarkers are the top-level names that, beside plugins/, make a
// tarball or directory Sonobuoy results.
var sonobuoyMarkers = []string{"meta", "resources", "serverversion.json", "serverversion", "config.json"}

// isSonobuoyDir reports whether dir is laid out like an extracted Sonobuoy
// results tarball.
func isSonobuoyDir(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, "plugins")); err != nil || !fi.IsDir() {
		return false
	}
	for _, n := range sonobuoyMarkers {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

// readSonobuoyDir reads an extracted Sonobuoy results directory. Symbolic
// links are not followed.
func (rd *reader) readSonobuoyDir(root string) error {
	s := newSonobuoy(rd, root)
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		kind, plugin := classify(name)
		if kind == entryIgnored {
			return nil
		}
		if !d.Type().IsRegular() {
			s.warnf("%s skipped: not a regular file", name)
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		if fi.Size() > rd.opts.MaxFileBytes {
			s.warnf("%s skipped: %d bytes, over the %d-byte limit", name, fi.Size(), rd.opts.MaxFileBytes)
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		defer f.Close()
		h := sha256.New()
		if err := s.entry(name, kind, plugin, rd.budgeted(io.TeeReader(f, h))); err != nil {
			return err
		}
		if _, err := io.Copy(h, f); err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		files[name] = hex.EncodeToString(h.Sum(nil))
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrLimit) {
			return fmt.Errorf("reading results %s: %w", root, err)
		}
		return err
	}
	s.finish(treeDigest(files))
	return nil
}

// k8sNode is the part of a core/v1 Node that Read uses.
type k8sNode struct {
	Metadata struct {
		Name   string            `json:"name"`
		Labels map[string]string `json:"labels"`
	} `json:"metadata"`
	Status struct {
		NodeInfo struct {
			KernelVersion           string `json:"kernelVersion"`
			OSImage                 string `json:"osImage"`
			OperatingSystem         string `json:"operatingSystem"`
			KubeletVersion          string `json:"kubeletVersion"`
			ContainerRuntimeVersion string `json:"containerRuntimeVersion"`
		} `json:"nodeInfo"`
		Conditions []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
		} `json:"conditions"`
	} `json:"status"`
}

// parseNodes decodes a nodes file: a NodeList object, or a bare array of
// nodes as old Sonobuoy versions wrote.
func parseNodes(data []byte) ([]Node, error) {
	var items []k8sNode
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, fmt.Errorf("decoding nodes: %w", err)
		}
	} else {
		var list struct {
			Items []k8sNode `json:"items"`
		}
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, fmt.Errorf("decoding nodes: %w", err)
		}
		items = list.Items
	}
	out := make([]Node, 0, len(items))
	for _, it := range items {
		labels := it.Metadata.Labels
		n := Node{
			Name:          it.Metadata.Name,
			OS:            it.Status.NodeInfo.OperatingSystem,
			KernelVersion: it.Status.NodeInfo.KernelVersion,
			OSImage:       it.Status.NodeInfo.OSImage,
			WindowsBuild:  labels["node.kubernetes.io/windows-build"],

			KubeletVersion:          it.Status.NodeInfo.KubeletVersion,
			ContainerRuntimeVersion: it.Status.NodeInfo.ContainerRuntimeVersion,
		}
		if n.OS == "" {
			n.OS = cmp.Or(labels["kubernetes.io/os"], labels["beta.kubernetes.io/os"])
		}
		for _, c := range it.Status.Conditions {
			if c.Type == "Ready" {
				n.Ready = c.Status == "True"
			}
		}
		out = append(out, n)
	}
	slices.SortStableFunc(out, func(a, b Node) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// distro is a --node-os-distro value and how it was found.
type distro struct{ value, how string }

// defaultDistro is e2e.test's default --node-os-distro.
const defaultDistro = "debian"

// definitionDistro finds the --node-os-distro a plugin definition
// (plugins/NAME/definition.json) passes to e2e.test: in E2E_EXTRA_ARGS,
// split as the go-runner does (on E2E_EXTRA_ARGS_SEP, or a space), or in
// the container's command and args.
func definitionDistro(data []byte) (distro, error) {
	var def struct {
		Definition struct {
			Spec struct {
				Command []string `json:"command"`
				Args    []string `json:"args"`
				Env     []struct {
					Name  string `json:"name"`
					Value string `json:"value"`
				} `json:"env"`
			} `json:"spec"`
		} `json:"Definition"`
	}
	if err := json.Unmarshal(data, &def); err != nil {
		return distro{}, fmt.Errorf("decoding plugin definition: %w", err)
	}
	spec := def.Definition.Spec
	env := map[string]string{}
	for _, e := range spec.Env {
		env[e.Name] = e.Value
	}
	sep := env["E2E_EXTRA_ARGS_SEP"]
	if sep == "" {
		sep = " "
	}
	var extra []string
	if v := env["E2E_EXTRA_ARGS"]; v != "" {
		extra = strings.Split(v, sep)
	}
	if v, ok := distroFlag(extra); ok {
		return distro{v, "E2E_EXTRA_ARGS"}, nil
	}
	if v, ok := distroFlag(slices.Concat(spec.Command, spec.Args)); ok {
		return distro{v, "container command and args"}, nil
	}
	return distro{defaultDistro, "no --node-os-distro in E2E_EXTRA_ARGS, command or args: e2e.test's default"}, nil
}

// goRunnerArgs starts the line where the conformance image's go-runner
// logs the command it runs.
const goRunnerArgs = "Args (comma-delimited): "

// logDistro finds the last go-runner command line in a log and the
// --node-os-distro it passes. The go-runner logs the line to the plugin
// container's stderr, so Sonobuoy's podlogs hold it; e2e.log is searched
// too. Lines over 1 MiB are passed over.
func logDistro(r io.Reader) (distro, bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	var found distro
	ok := false
	long := false
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= 1<<20 && !long {
			line = append(line, chunk...)
		} else {
			long = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if !long {
			if i := bytes.Index(line, []byte(goRunnerArgs)); i >= 0 {
				args := strings.Split(strings.TrimRight(string(line[i+len(goRunnerArgs):]), "\r\n"), ",")
				// e2e.test's flags follow the "--" that ends ginkgo's.
				if j := slices.Index(args, "--"); j >= 0 {
					args = args[j+1:]
				}
				found, ok = distro{defaultDistro, "go-runner command line without --node-os-distro: e2e.test's default"}, true
				if v, has := distroFlag(args); has {
					found.value, found.how = v, "go-runner command line"
				}
			}
		}
		line, long = line[:0], false
		if err == io.EOF {
			return found, ok, nil
		}
		if err != nil {
			return distro{}, false, err
		}
	}
}

// distroFlag returns the value of the last --node-os-distro flag in args,
// as Go's flag package reads it: -flag=value, --flag=value, or the flag and
// its value as two arguments.
func distroFlag(args []string) (string, bool) {
	value, found := "", false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if v, ok := strings.CutPrefix(name, "node-os-distro="); ok {
			value, found = v, true
		} else if name == "node-os-distro" && i+1 < len(args) {
			value, found = args[i+1], true
			i++
		}
	}
	return value, found
}
