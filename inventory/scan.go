package inventory

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// specDecoder decodes one inventory spec line. Inventories are embedded and
// loaded on every run, so this hand-written decoder for the one JSON shape
// Encode writes replaces encoding/json's reflection, which is several times
// slower. It accepts exactly JSON (RFC 8259) for that shape: the same
// escapes, no trailing commas, no unknown fields. FuzzSpecDecoder checks it
// against encoding/json.
//
// It works on a string holding the whole file: a string without escapes is
// returned as a substring of it, so decoding copies almost nothing, and
// string slices are cut from one shared arena.
type specDecoder struct {
	// skipTable is the header's table that a spec's skips index.
	skipTable []Skip
	// skipLists and placements share the decoded values of equal
	// encodings between specs.
	skipLists  map[string][]Skip
	placements map[string]*Placement
	data       string
	pos        int
	arena      []string
}

var errSyntax = errors.New("invalid JSON")

func (d *specDecoder) fail(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", d.pos, fmt.Sprintf(format, args...))
}

func (d *specDecoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *specDecoder) expect(c byte) error {
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != c {
		return d.fail("want %q", c)
	}
	d.pos++
	return nil
}

// peek returns the next non-space byte, or 0 at the end.
func (d *specDecoder) peek() byte {
	d.ws()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

// decode parses one spec object filling s, and checks nothing follows it.
func (d *specDecoder) decode(s *Spec) error {
	err := d.object(func(key string) error {
		var err error
		switch key {
		case "text":
			s.Text, err = d.str()
		case "leaf":
			s.Leaf, err = d.str()
		case "containers":
			s.Containers, err = d.strs()
		case "labels":
			s.Labels, err = d.strs()
		case "file":
			s.File, err = d.str()
		case "line":
			s.Line, err = d.int()
		case "windowsOnly":
			s.WindowsOnly, err = d.bool()
		case "placement":
			if d.null() {
				s.Placement = nil
				break
			}
			// Specs that share a source line share their placement: one
			// value per distinct encoding.
			d.ws()
			start, mark := d.pos, len(d.arena)
			var p Placement
			err = d.object(func(key string) error {
				var err error
				switch key {
				case "os":
					p.OS, err = d.str()
				case "via":
					p.Via, err = d.strs()
				case "podOS":
					p.PodOS, err = d.bool()
				default:
					err = d.fail("unknown field %q", key)
				}
				return err
			})
			if err == nil {
				raw := d.data[start:d.pos]
				if c, ok := d.placements[raw]; ok {
					s.Placement = c
					// The cached value has its own via list: give back
					// the arena space this copy's list took.
					d.arena = d.arena[:mark]
				} else {
					c := new(Placement)
					*c = p
					if d.placements == nil {
						d.placements = map[string]*Placement{}
					}
					d.placements[raw] = c
					s.Placement = c
				}
			}
		case "skips":
			if d.null() {
				s.Skips = nil
				break
			}
			// Specs that share a source line share their skips: one slice
			// per distinct list of indexes.
			d.ws()
			start := d.pos
			var idx [16]int
			n := 0
			var more []int
			err = d.array(func() error {
				i, err := d.int()
				if err != nil {
					return err
				}
				if i < 0 || i >= len(d.skipTable) {
					return d.fail("skip %d: not in the header's skip table of %d", i, len(d.skipTable))
				}
				if n < len(idx) {
					idx[n] = i
				} else {
					more = append(more, i)
				}
				n++
				return nil
			})
			if err != nil {
				break
			}
			raw := d.data[start:d.pos]
			if c, ok := d.skipLists[raw]; ok {
				s.Skips = c
				break
			}
			list := make([]Skip, 0, n)
			for _, i := range idx[:min(n, len(idx))] {
				list = append(list, d.skipTable[i])
			}
			for _, i := range more {
				list = append(list, d.skipTable[i])
			}
			if d.skipLists == nil {
				d.skipLists = map[string][]Skip{}
			}
			d.skipLists[raw] = list
			s.Skips = list
		case "namespaces":
			s.Namespaces, err = d.strs()
		case "images":
			err = d.object(func(key string) error {
				var err error
				switch key {
				case "direct":
					s.Images.Direct, err = d.strs()
				case "reachable":
					s.Images.Reachable, err = d.strs()
				default:
					err = d.fail("unknown field %q", key)
				}
				return err
			})
		default:
			err = d.fail("unknown field %q", key)
		}
		return err
	})
	if err != nil {
		return err
	}
	if d.ws(); d.pos < len(d.data) {
		return d.fail("trailing data after JSON value")
	}
	return nil
}

// null consumes a null value, if one is next. Every value parser takes
// null as its zero value, as encoding/json does.
func (d *specDecoder) null() bool {
	if d.peek() == 'n' && strings.HasPrefix(d.data[d.pos:], "null") {
		d.pos += 4
		return true
	}
	return false
}

// bool parses true or false.
func (d *specDecoder) bool() (bool, error) {
	if d.null() {
		return false, nil
	}
	d.ws()
	switch {
	case strings.HasPrefix(d.data[d.pos:], "true"):
		d.pos += 4
		return true, nil
	case strings.HasPrefix(d.data[d.pos:], "false"):
		d.pos += 5
		return false, nil
	}
	return false, d.fail("want true or false")
}

// object parses {"key": value, ...}, calling field for each key with the
// decoder positioned at the value. Duplicate keys are rejected.
func (d *specDecoder) object(field func(key string) error) error {
	if d.null() {
		return nil
	}
	if err := d.expect('{'); err != nil {
		return err
	}
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	// Spec lines have up to 11 keys; a buffer that holds them all keeps the
	// duplicate check off the heap.
	var seenBuf [16]string
	seen := seenBuf[:0]
	for {
		key, err := d.str()
		if err != nil {
			return err
		}
		for _, k := range seen {
			if k == key {
				return d.fail("duplicate field %q", key)
			}
		}
		seen = append(seen, key)
		if err := d.expect(':'); err != nil {
			return err
		}
		if err := field(key); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return d.fail("want ',' or '}'")
		}
	}
}

// array parses [value, ...], calling elem for each element with the
// decoder positioned at it.
func (d *specDecoder) array(elem func() error) error {
	if d.null() {
		return nil
	}
	if err := d.expect('['); err != nil {
		return err
	}
	if d.peek() == ']' {
		d.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return nil
		default:
			return d.fail("want ',' or ']'")
		}
	}
}

func (d *specDecoder) strs() ([]string, error) {
	if d.null() {
		return nil, nil
	}
	if err := d.expect('['); err != nil {
		return nil, err
	}
	if d.peek() == ']' {
		d.pos++
		return []string{}, nil
	}
	start := len(d.arena)
	for {
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		d.arena = append(d.arena, s)
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			end := len(d.arena)
			return d.arena[start:end:end], nil
		default:
			return nil, d.fail("want ',' or ']'")
		}
	}
}

func (d *specDecoder) int() (int, error) {
	if d.null() {
		return 0, nil
	}
	d.ws()
	start := d.pos
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	digits := d.pos
	for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
		d.pos++
	}
	n := d.pos - digits
	if n == 0 || (n > 1 && d.data[digits] == '0') {
		return 0, d.fail("want an integer")
	}
	if d.pos < len(d.data) {
		if c := d.data[d.pos]; c == '.' || c == 'e' || c == 'E' {
			return 0, d.fail("want an integer")
		}
	}
	v, err := strconv.Atoi(d.data[start:d.pos])
	if err != nil {
		return 0, d.fail("want an integer: %v", err)
	}
	return v, nil
}

// str parses a JSON string.
func (d *specDecoder) str() (string, error) {
	if d.null() {
		return "", nil
	}
	if err := d.expect('"'); err != nil {
		return "", err
	}
	start := d.pos
	// Fast path: no escapes, no control characters; valid UTF-8.
	if n := strings.IndexByte(d.data[start:], '"'); n >= 0 {
		raw := d.data[start : start+n]
		if strings.IndexByte(raw, '\\') < 0 {
			if !plain(raw) {
				return "", d.fail("control character in string")
			}
			if !utf8.ValidString(raw) {
				return "", d.fail("invalid UTF-8 in string")
			}
			d.pos = start + n + 1
			return raw, nil
		}
	}
	// Slow path with escapes.
	var buf []byte
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			if !utf8.Valid(buf) {
				return "", d.fail("invalid UTF-8 in string")
			}
			return string(buf), nil
		case c < 0x20:
			return "", d.fail("control character in string")
		case c != '\\':
			buf = append(buf, c)
			d.pos++
			continue
		}
		d.pos++
		if d.pos >= len(d.data) {
			break
		}
		e := d.data[d.pos]
		d.pos++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", d.fail("invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					var ok2 bool
					if r2, ok2 = d.hex4(); !ok2 {
						return "", d.fail("invalid \\u escape")
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						buf = utf8.AppendRune(buf, dec)
						continue
					}
					d.pos = save
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", d.fail("invalid escape \\%c", e)
		}
	}
	return "", d.fail("unterminated string")
}

func (d *specDecoder) hex4() (rune, bool) {
	if d.pos+4 > len(d.data) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(d.data[d.pos : d.pos+4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	d.pos += 4
	return r, true
}

// plain reports whether s has no control characters (bytes below 0x20),
// eight bytes at a time.
func plain(s string) bool {
	const highs, spaces = 0x8080808080808080, 0x2020202020202020
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte b < 0x20 sets the high bit of (b - 0x20) and not of b.
		if (x-spaces)&^x&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] < 0x20 {
			return false
		}
	}
	return true
}
