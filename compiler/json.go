package compiler

import (
	"bytes"
	"encoding/json"
)

// JSON encodes v as wincspec writes JSON everywhere: indented, without HTML
// escaping, ending in a newline.
func JSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
