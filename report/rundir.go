package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"sigs.k8s.io/wincspec/internal/runlayout"
)

// isRunDir reports whether dir is a run directory of the generated
// scripts: it holds their nodes file.
func isRunDir(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(runlayout.Nodes)))
	return err == nil && fi.Mode().IsRegular()
}

// runDir collects one run directory.
type runDir struct {
	root    string
	cluster *Cluster
	cases   []Case
	files   map[string]string // digest by slash-separated name
}

// set returns the execution set of a file of the run directory: the first
// element of its name, or "." for a file at the top.
func (r *runDir) set(name string) string {
	if i := strings.IndexByte(name, '/'); i > 0 {
		return name[:i]
	}
	return "."
}

func (r *runDir) rel(p string) string {
	rel, err := filepath.Rel(r.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// add takes the testcases of one results file of the run.
func (r *runDir) add(p, sha string, cases []Case) {
	name := r.rel(p)
	r.files[name] = sha
	set := r.set(name)
	for i := range cases {
		cases[i].Cluster = r.cluster
		cases[i].Plugin = set
		cases[i].Input = r.root
	}
	r.cluster.plugin(set).Testcases += len(cases)
	r.cases = append(r.cases, cases...)
}

// readRunDir reads a run directory: the cluster's nodes and version, and
// each set's results and e2e.test flags (package runlayout).
func (rd *reader) readRunDir(root string) error {
	run := &runDir{root: root, files: map[string]string{},
		cluster: &Cluster{Source: root, Kind: KindRun, NodesFile: runlayout.Nodes, Plugins: []*Plugin{}}}
	data, err := rd.readSmall(root, runlayout.Nodes, run.files)
	if err != nil {
		return err
	}
	if run.cluster.Nodes, err = parseNodes(data); err != nil {
		return fmt.Errorf("reading results %s: %s: %w (want the output of kubectl get nodes -o json)", root, runlayout.Nodes, err)
	}
	if data, err := rd.readSmall(root, runlayout.Version, run.files); err == nil {
		var v struct {
			ServerVersion struct {
				GitVersion string `json:"gitVersion"`
			} `json:"serverVersion"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			rd.warnf("%s: %s: skipped: %v", root, runlayout.Version, err)
		}
		run.cluster.ServerVersion = v.ServerVersion.GitVersion
	} else if !os.IsNotExist(err) {
		return err
	}
	for _, rf := range []struct {
		name string
		add  func(*Recording, string, io.Reader) error
	}{{runlayout.Pods, (*Recording).addPods}, {runlayout.Namespaces, (*Recording).addNamespaces}} {
		data, err := rd.readSmall(root, rf.name, run.files)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := rf.add(run.cluster.recording(), rf.name, bytes.NewReader(data)); err != nil {
			rd.warnf("%s: %s: %v", root, rf.name, err)
		}
	}

	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading results: %w", err)
		}
		name := run.rel(p)
		switch {
		case d.IsDir():
			if name == path.Dir(runlayout.Nodes) {
				return filepath.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			rd.warnf("%s: skipped: a symbolic link", p)
			return nil
		case !d.Type().IsRegular():
			return nil
		}
		base := path.Base(name)
		switch {
		case base == runlayout.Flags:
			data, err := rd.readSmall(root, name, run.files)
			if err != nil {
				return err
			}
			pl := run.cluster.plugin(run.set(name))
			d := Distro{Value: defaultDistro, From: name + " (no --node-os-distro: e2e.test's default)"}
			if v, ok := distroFlag(lines(data)); ok {
				d = Distro{Value: v, From: name}
			}
			pl.Distros = append(pl.Distros, d)
			return nil
		case base == "e2e.log":
			data, err := rd.readSmall(root, name, run.files)
			if err != nil {
				return err
			}
			if d, found, err := logDistro(bytes.NewReader(data)); err == nil && found {
				pl := run.cluster.plugin(run.set(name))
				pl.Distros = append(pl.Distros, Distro{Value: d.value, From: name + " (" + d.how + ")"})
			}
			return nil
		case kindByName(base) == KindJUnit || kindByName(base) == KindGinkgoJSON:
			fi, err := d.Info()
			if err != nil {
				return fmt.Errorf("reading results: %w", err)
			}
			return rd.readFile(p, fi, false, run)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(run.cases) == 0 {
		rd.warnf("%s: no JUnit or Ginkgo JSON results in the run directory", root)
	}
	res := rd.res
	res.Inputs = append(res.Inputs, Input{Path: root, Kind: KindRun, Testcases: len(run.cases), SHA256: treeDigest(run.files)})
	res.Cases = append(res.Cases, run.cases...)
	res.Clusters = append(res.Clusters, run.cluster)
	rd.warnHooks(run.cases)
	return nil
}

// readSmall reads one evidence file of a directory, within the byte
// budget and the file limit, and records its digest.
func (rd *reader) readSmall(root, name string, files map[string]string) ([]byte, error) {
	p := filepath.Join(root, filepath.FromSlash(name))
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.Size() > rd.opts.MaxFileBytes {
		return nil, fmt.Errorf("reading results %s: %s: larger than the %d-byte limit", root, name, rd.opts.MaxFileBytes)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("reading results: %w", err)
	}
	rd.left -= int64(len(data))
	if rd.left < 0 {
		rd.exceeded = true
		return nil, fmt.Errorf("reading results %s: %w", root, rd.limitErr())
	}
	files[name] = digest(data)
	return data, nil
}

// lines splits a flags file into its non-empty lines.
func lines(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out
}
