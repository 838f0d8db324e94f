package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/onsi/ginkgo/v2/types"
)

// parseGinkgoJSON reads a Ginkgo JSON report (the array of suite reports
// --ginkgo.json-report writes, or one suite report) of at most limit
// bytes. Every spec report is a case: It nodes are specs, the other nodes
// (BeforeSuite, ReportAfterSuite ...) suite hooks. It returns a warning
// for a dry-run report, whose specs count as skipped.
func parseGinkgoJSON(r io.Reader, limit int64, source string) ([]Case, string, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > limit {
		return nil, "", fmt.Errorf("larger than the %d-byte limit", limit)
	}
	var reports []types.Report
	if err := json.Unmarshal(data, &reports); err != nil {
		var one types.Report
		if err1 := json.Unmarshal(data, &one); err1 != nil {
			return nil, "", fmt.Errorf("not a readable Ginkgo JSON report: %w", err)
		}
		reports = []types.Report{one}
	}
	if len(reports) == 0 {
		return nil, "", errors.New("not a Ginkgo JSON report: no suite reports")
	}
	var out []Case
	warn := ""
	for _, rep := range reports {
		if rep.SuiteDescription == "" && rep.SuitePath == "" && len(rep.SpecReports) == 0 {
			return nil, "", errors.New("not a Ginkgo JSON report: no suite description, path or spec reports")
		}
		if rep.SuiteConfig.DryRun {
			warn = dryRunWarning
		}
		for _, sr := range rep.SpecReports {
			c := Case{
				Text:    sr.FullText(),
				Node:    sr.LeafNodeType.String(),
				Hook:    sr.LeafNodeType != types.NodeTypeIt,
				Status:  specStatus(sr.State),
				Message: sr.Failure.Message,
				Source:  source,
			}
			c.Name = "[" + c.Node + "]"
			if c.Text != "" {
				c.Name += " " + c.Text
			}
			if !c.Hook {
				c.Labels = sr.Labels()
				if rep.SuiteConfig.DryRun {
					c.Status, c.Message = StatusSkipped, dryRunMessage
				}
			}
			out = append(out, c)
		}
	}
	return out, warn, nil
}

// specStatus maps a Ginkgo spec state to a status, as Ginkgo's JUnit
// reporter does: aborted is a failure, panicked and interrupted are
// errors. An unknown state is an error, never a pass.
func specStatus(s types.SpecState) Status {
	switch s {
	case types.SpecStatePassed:
		return StatusPassed
	case types.SpecStateSkipped:
		return StatusSkipped
	case types.SpecStatePending:
		return StatusPending
	case types.SpecStateFailed, types.SpecStateAborted:
		return StatusFailed
	case types.SpecStateTimedout:
		return StatusTimedout
	}
	return StatusError
}
