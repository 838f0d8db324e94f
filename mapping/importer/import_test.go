package importer

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestImportJUnit(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{{
		file: "testdata/junit/ginkgo-v2.xml",
		want: []string{
			`[sig-api-machinery] client-go should negotiate watch and report errors with accept "application/json"`,
			"[sig-node] Downward API [Feature:DownwardAPIHugePages] Downward API tests for hugepages should provide default limits.hugepages-<pagesize> from node allocatable [Disruptive] [Serial]",
			"[sig-windows] Hybrid cluster network for all supported CNIs should have stable networking for Linux and Windows pods",
			"[sig-windows] [Feature:GPUDevicePlugin] Device Plugin should be able to create a functioning device plugin for Windows",
			"[sig-windows] [Feature:Windows] Windows volume mounts check volume mount permissions container should have readOnly permissions on emptyDir",
		},
	}, {
		file: "testdata/junit/ginkgo-v1.xml",
		want: []string{
			"[sig-network] API Server should provide secure master service [Conformance]",
			"[sig-node] PLR Pod InPlace Resize [FeatureGate:InPlacePodLevelResourcesVerticalScaling] PLR guaranteed qos - 1 container with resize policy [Environment:NotInUserNS] cpu & mem restart + resize initContainers resizing cpu & mem in opposite directions [Beta] [FeatureGate:InPlacePodVerticalScaling] [FeatureGate:NodeDeclaredFeatures] [FeatureGate:PodLevelResources] [NodeConformance] [Slow]",
			"[sig-windows] [Feature:Windows] DNS should support configurable pod DNS servers",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			inv, err := ImportJUnit(data, "v1.37.2")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range inv.Specs {
				got = append(got, s.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestImportJUnitErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"not XML", "hello", "no <testsuites>"},
		{"wrong root", "<html></html>", "root element <html>"},
		{"DTD", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><testsuites/>`, "DTDs and directives are not accepted"},
		{"undeclared entity", `<testsuites><testsuite><testcase name="&a;"/></testsuite></testsuites>`, "invalid character entity &a;"},
		{"only hooks", `<testsuites><testsuite><testcase name="[SynchronizedBeforeSuite]"/></testsuite></testsuites>`, "no specs"},
		{"truncated", `<testsuites><testsuite><testcase name="x">`, "unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportJUnit([]byte(tt.data), "v1.37.2")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestImportGinkgoJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/ginkgo/tinysuite-dryrun.json")
	if err != nil {
		t.Fatal(err)
	}
	inv, err := ImportGinkgoJSON(data, "v0.0.1", "/work/main/mapping/testdata/suite")
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Specs) != 18 {
		t.Errorf("got %d specs, want 18 (the suite nodes must not count)", len(inv.Specs))
	}
	s := inv.Lookup("[sig-windows] [Feature:Windows] Hybrid network runs inside an empty context")
	if s == nil {
		t.Fatal("spec in an empty Context not found by its joined text")
	}
	if s.File != "suite_test.go" || s.Line != 49 {
		t.Errorf("location %s, want suite_test.go:49", s.Location())
	}
	if want := []string{"Feature:Windows", "sig-windows"}; !slices.Equal(s.Labels, want) {
		t.Errorf("labels %q, want %q", s.Labels, want)
	}
	r := inv.Lookup("[sig-windows] [Feature:Windows] Hybrid network should survive a node reboot [Serial] [Disruptive]")
	if r == nil || !r.HasTag("[Serial]") || !r.HasTag("[Disruptive]") || !slices.Contains(r.Labels, "Serial") {
		t.Errorf("reboot spec: got %+v", r)
	}
}
