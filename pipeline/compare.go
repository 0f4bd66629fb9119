package pipeline

import (
	"fmt"
	"strings"
)

// reportEvent is the event a report is on: the later event of --compare,
// else --event, else the latest event.
func reportEvent(opt ReportOptions) (string, error) {
	if len(opt.Compare) > 0 {
		if len(opt.Compare) != 2 {
			return "", fmt.Errorf("--compare %s: want two events, the earlier first (A,B)", strings.Join(opt.Compare, ","))
		}
		if opt.Event != "" && opt.Event != opt.Compare[1] {
			return "", fmt.Errorf("--event %s with --compare %s: a comparison reports on its later event, %s", opt.Event, strings.Join(opt.Compare, ","), opt.Compare[1])
		}
		return opt.Compare[1], nil
	}
	if opt.Event != "" {
		return opt.Event, nil
	}
	return latestEvent(opt.DataDir)
}
