// Package verdict holds the rules that turn test results into verdicts,
// written once: the requirement verdicts and the profile levels, with the
// text that explains them in the command help, the documentation site and
// the report. Package report applies them.
package verdict

// Verdict is the verdict on a requirement in a release.
type Verdict string

// Verdicts of a requirement in a release.
const (
	Pass Verdict = "pass" // every required test passed
	Fail Verdict = "fail" // a required test failed, timed out or errored
	// NotWindows: every required test passed, but the run's placement
	// recording shows their pods on no Windows node.
	NotWindows Verdict = "not-windows"
	NotRun     Verdict = "not-run" // a required test is absent or skipped
	Gap        Verdict = "gap"     // the specification maps no test to the requirement in the release
	NA         Verdict = "n.a."    // the requirement does not apply to the release
)

// Level is the level of a profile.
type Level string

// Levels of a profile, from worst to best, in the spirit of the Gateway
// API's conformance reports (GEP-1709): they keep apart what the cluster
// did from what the specification can test today.
const (
	// Failure: a required test failed, or an evidence check failed.
	Failure Level = "failure"
	// Incomplete: a required test did not run, evidence is missing, or
	// no requirement of the profile could be tested.
	Incomplete Level = "incomplete"
	// Partial: every requirement that has tests passed on verified
	// Windows nodes, but some requirements have no test (gaps) or tests
	// that cover them only in part: the profile passed its tested scope.
	Partial Level = "partial"
	// Success: every requirement passed, with full coverage, on verified
	// Windows nodes.
	Success Level = "success"
)

// VerdictRules explains the requirement verdicts, in the order they are
// decided, as plain text lines.
var VerdictRules = []struct {
	Verdict Verdict
	Meaning string
}{
	{NA, "the requirement does not apply to the release"},
	{Fail, "a required test failed, timed out or errored"},
	{NotWindows, "every required test passed, but the run's placement recording shows their pods on no Windows node, so the pass does not count for Windows"},
	{Gap, "the specification maps no test to the requirement in the release: untestable today"},
	{NotRun, "a required test is absent from the results or was skipped: never a pass"},
	{Pass, "every required test passed; when the tests cover the requirement only in part, the verdict and the profile line say so"},
}

// LevelRules explains the profile levels, worst first.
var LevelRules = []struct {
	Level   Level
	Meaning string
}{
	{Failure, "a required test failed, a requirement's tests ran their pods on no Windows node (not-windows), or an evidence check failed (no Windows node, a Windows node of an unsupported build, a run without --node-os-distro=windows)"},
	{Incomplete, "a required test did not run, node evidence is missing, or nothing in the profile could be tested"},
	{Partial, "every requirement that has tests passed on verified Windows nodes; some are untestable today (gaps), covered only in part, or lack a placement recording, and are listed"},
	{Success, "every requirement passed with full coverage on verified Windows nodes, and the placement recording shows each one's pods on Windows nodes"},
}

// Gate explains which levels pass, for the exit code.
const Gate = "A required profile passes at level partial or success; with --strict, only at success. --allow-unverified also lets pass a profile whose tests passed but that lacks node evidence (its level stays incomplete)."
