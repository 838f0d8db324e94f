package site

import (
	"strconv"
	"strings"
	"unicode"

	gast "github.com/yuin/goldmark/ast"
)

// Slug is the anchor GitHub gives a Markdown heading: its text in lower
// case, with every character that is not a letter, a digit, a space, a
// hyphen or an underscore removed and spaces turned into hyphens, as
// github-slugger does. The site's links and its HTML heading IDs use the
// same rule, so that a link works on GitHub and in the HTML site alike.
func Slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slugger hands out GitHub's anchors for the headings of one page: the
// second heading with the same slug gets "-1", the third "-2".
type slugger struct{ seen map[string]int }

func newSlugger() *slugger { return &slugger{seen: map[string]int{}} }

func (s *slugger) next(heading string) string {
	base := Slug(heading)
	n, ok := s.seen[base]
	s.seen[base] = n + 1
	if !ok {
		return base
	}
	id := base + "-" + strconv.Itoa(n)
	s.seen[id]++
	return id
}

// Generate implements goldmark's parser.IDs with GitHub's rule.
func (s *slugger) Generate(value []byte, _ gast.NodeKind) []byte {
	return []byte(s.next(string(value)))
}

// Put implements parser.IDs.
func (s *slugger) Put(value []byte) { s.seen[string(value)]++ }
