package report

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// variant builds a tarball from the windows-2022 fixture with its Windows
// nodes replaced by nodes of the given builds (name → kernel version) and
// its server version set, as Sonobuoy would have collected them.
func variant(t *testing.T, server string, builds map[string]string) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sonobuoy/windows-2022.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range ar.Files {
		switch f.Name {
		case "serverversion.json":
			minor := strings.Split(strings.TrimPrefix(server, "v"), ".")[1]
			ar.Files[i].Data = []byte(`{"major":"1","minor":"` + minor + `","gitVersion":"` + server + `","gitCommit":"8e1c3b5f2a7d4c6e9b0a1f3d5c7e9b2a4d6f8c0e","gitTreeState":"clean","platform":"linux/amd64"}` + "\n")
		case "resources/cluster/core_v1_nodes.json":
			var list struct {
				APIVersion string           `json:"apiVersion"`
				Items      []map[string]any `json:"items"`
				Kind       string           `json:"kind"`
			}
			if err := json.Unmarshal(f.Data, &list); err != nil {
				t.Fatal(err)
			}
			linux, win := list.Items[0], list.Items[1]
			list.Items = []map[string]any{linux}
			for name, kernel := range builds {
				var n map[string]any
				data, _ := json.Marshal(win)
				json.Unmarshal(data, &n)
				n["metadata"].(map[string]any)["name"] = name
				labels := n["metadata"].(map[string]any)["labels"].(map[string]any)
				if parts := strings.Split(kernel, "."); len(parts) >= 3 {
					labels["node.kubernetes.io/windows-build"] = strings.Join(parts[:3], ".")
				} else {
					delete(labels, "node.kubernetes.io/windows-build")
				}
				n["status"].(map[string]any)["nodeInfo"].(map[string]any)["kernelVersion"] = kernel
				list.Items = append(list.Items, n)
			}
			data, err := json.Marshal(list)
			if err != nil {
				t.Fatal(err)
			}
			ar.Files[i].Data = append(data, '\n')
		}
	}
	p := filepath.Join(t.TempDir(), "results.tar.gz")
	write(t, p, string(tarGz(t, ar.Files, "")))
	return p
}

// TestSupportedBuilds judges the os-build check of Sonobuoy results with
// the real specification's per-release Windows support: every Windows
// node is judged and named, by the list of the cluster's release.
func TestSupportedBuilds(t *testing.T) {
	tests := []struct {
		name, server, inventory string
		builds                  map[string]string
		status                  CheckStatus
		detail                  string
	}{
		{"Windows Server 2025 on v1.37", "v1.37.2", "v1.37.2", map[string]string{"w25-a": "10.0.26100.4061", "w25-b": "10.0.26100.4061"}, CheckOK,
			"every Windows node runs a build Kubernetes 1.37 supports: w25-a 10.0.26100.4061 (Windows Server 2025), w25-b 10.0.26100.4061 (Windows Server 2025)"},
		{"one 2025 and one 1909 node on v1.37", "v1.37.2", "v1.37.2", map[string]string{"w25-a": "10.0.26100.4061", "w1909": "10.0.18363.1556"}, CheckFailed,
			"1 of 2 Windows nodes run a build Kubernetes 1.37 does not support (Windows Server 2019 10.0.17763, Windows Server 2022 10.0.20348, Windows Server 2025 10.0.26100): w1909 10.0.18363.1556"},
		{"Windows Server 2025 on v1.34", "v1.34.12", "v1.34.12", map[string]string{"w25-a": "10.0.26100.4061"}, CheckFailed,
			"1 of 1 Windows nodes run a build Kubernetes 1.34 does not support (Windows Server 2019 10.0.17763, Windows Server 2022 10.0.20348): w25-a 10.0.26100.4061"},
		{"Windows Server 2019 and 2022 on v1.34", "v1.34.12", "v1.34.12", map[string]string{"w19": "10.0.17763.6414", "w22": "10.0.20348.2340"}, CheckOK,
			"every Windows node runs a build Kubernetes 1.34 supports: w19 10.0.17763.6414 (Windows Server 2019), w22 10.0.20348.2340 (Windows Server 2022)"},
		{"a patch release the data does not name, judged by its minor", "v1.37.7", "v1.37.2", map[string]string{"w25-a": "10.0.26100.4061"}, CheckOK,
			"every Windows node runs a build Kubernetes 1.37 supports"},
		{"a release without support data", "v1.38.0", "v1.37.2", map[string]string{"w25-a": "10.0.26100.4061"}, CheckUnverified,
			"the specification lists no supported Windows Server releases for Kubernetes 1.38 (server version)"},
		{"a build unknown", "v1.37.2", "v1.37.2", map[string]string{"w-unknown": ""}, CheckFailed, "w-unknown (build unknown)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results, err := Read([]string{variant(t, tt.server, tt.builds)}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Evaluate(realResolutionOf(t, tt.inventory), tt.inventory, results, Options{Profiles: []string{"core"}})
			if err != nil {
				t.Fatal(err)
			}
			var got *Check
			for i, c := range rep.Profiles[0].Checks {
				if c.Name == CheckOSBuild {
					got = &rep.Profiles[0].Checks[i]
				}
			}
			if got == nil {
				t.Fatalf("no os-build check in %+v", rep.Profiles[0].Checks)
			}
			if got.Status != tt.status || !strings.Contains(got.Detail, tt.detail) {
				t.Errorf("got %s %q, want %s containing %q", got.Status, got.Detail, tt.status, tt.detail)
			}
			if tt.status == CheckFailed && rep.Profiles[0].Level != LevelFailure {
				t.Errorf("got level %s, want failure", rep.Profiles[0].Level)
			}
		})
	}
}

// TestSonobuoyRecording reads the placement recorders' logs from a
// Sonobuoy tarball (podlogs/NS/POD/logs/CONTAINER.txt) and joins them to
// the real v1.37.2 facts: the HostPath test's pods on a Linux node make
// its requirements not-windows; on a Windows node, a pass.
func TestSonobuoyRecording(t *testing.T) {
	const pod = "podlogs/sonobuoy/sonobuoy-wincspec-core-parallel-job-5f3c0a9b81d64e2a/logs/"
	for _, tt := range []struct {
		node    string
		verdict Verdict
	}{
		{"capz-conf-6dpcz-control-plane-x7k2n", VerdictNotWindows},
		{"capz-conf-w4k9p", VerdictPass},
	} {
		ar, err := txtar.ParseFile("testdata/sonobuoy/windows-2022.txtar")
		if err != nil {
			t.Fatal(err)
		}
		ar.Files = append(ar.Files,
			txtar.File{Name: pod + "wincspec-pods.txt", Data: []byte("hostpath-5120\tpod-host-path-test\t\nhostpath-5120\tpod-host-path-test\t" + tt.node + "\n")},
			txtar.File{Name: pod + "wincspec-namespaces.txt", Data: []byte("default\t\nhostpath-5120\thostpath\n")})
		p := filepath.Join(t.TempDir(), "results.tar.gz")
		write(t, p, string(tarGz(t, ar.Files, "")))
		results, err := Read([]string{p}, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		rec := results.Clusters[0].Recording
		if rec == nil || rec.Pods != 1 || rec.Namespaces != 1 || len(rec.Files) != 2 {
			t.Fatalf("recording %+v, want 1 pod and 1 namespace from 2 files", rec)
		}
		rep, err := Evaluate(realResolution(t), "v1.37.2", results, Options{Profiles: []string{"core"}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rep.Requirements {
			if r.ID == "CORE-NET-08" {
				found = true
				if r.Verdict != tt.verdict {
					t.Errorf("pods on %s: CORE-NET-08 is %s (%s), want %s", tt.node, r.Verdict, r.Detail, tt.verdict)
				}
			}
		}
		if !found {
			t.Errorf("pods on %s: no verdict for CORE-NET-08", tt.node)
		}
	}
}
