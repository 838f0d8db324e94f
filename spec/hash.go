package spec

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// StatementHash returns the short hash that test references record, in
// their reviewed field, of the statement they were reviewed against: the
// first 8 hex digits of the SHA-256 of the statement with its white space
// collapsed.
func (r *Requirement) StatementHash() string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(r.Statement), " ")))
	return hex.EncodeToString(sum[:4])
}

// Suspect reports whether a test reference was not reviewed against the
// requirement's current statement: its reviewed hash is missing or stale.
func (r *Requirement) Suspect(t *TestRef) bool {
	return t.Reviewed != r.StatementHash()
}
