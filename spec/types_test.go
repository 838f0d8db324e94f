package spec_test

import (
	"testing"

	"sigs.k8s.io/wincspec/spec"
)

func TestBuildOf(t *testing.T) {
	tests := []struct {
		build, prefix string
		want          bool
	}{
		{"10.0.20348.2340", "10.0.20348", true},
		{"10.0.20348", "10.0.20348", true},
		{"10.0.203481", "10.0.20348", false},
		{"10.0.26100.1742", "10.0.20348", false},
		{"10.0.17763.6414", "10.0.17763", true},
		{"", "10.0.17763", false},
		{"10.0.17763", "", false},
	}
	for _, tt := range tests {
		if got := spec.BuildOf(tt.build, tt.prefix); got != tt.want {
			t.Errorf("BuildOf(%q, %q): got %v, want %v", tt.build, tt.prefix, got, tt.want)
		}
	}
}
