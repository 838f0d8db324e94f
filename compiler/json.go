package compiler

import (
	"bytes"
	"encoding/json"

	"sigs.k8s.io/wincspec/spec"
)

// specDocument is the JSON form of a specification.
type specDocument struct {
	Generated    string              `json:"//"`
	Requirements []*spec.Requirement `json:"requirements"`
	Profiles     []*spec.Profile     `json:"profiles"`
	Rules        []*spec.Rule        `json:"rules"`
}

// SpecJSON renders the specification as indented JSON with lowerCamelCase
// fields, requirements in the KEP's order, and a generated-code notice in
// its "//" field.
func SpecJSON(s *spec.Spec, command string) ([]byte, error) {
	doc := specDocument{
		Generated:    Header(command),
		Requirements: s.Requirements,
		Profiles:     s.Profiles,
		Rules:        s.Rules,
	}
	return marshal(doc)
}

// marshal encodes v as indented JSON without HTML escaping, ending in a
// newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
