package sample

import (
	"fmt"
	"slices"
)

// WriteConferenceWordings writes the responses of ConferenceReworded(seed,
// n) twice, as a LimeSurvey ("limesurvey", xlsx, question texts) or
// Microsoft Forms ("msforms") export: to reworded in the organiser's
// wording (sector "Wissenschaft und Forschung", "Zivilgesellschaft /
// Verband"; LimeSurvey's NPS ends labelled "10 (äußerst wahrscheinlich)"),
// to template in the built-in template's wording. The respondents and
// their answers are the same, so both files must import to the same
// numbers.
func WriteConferenceWordings(tool, reworded, template string, seed uint64, n int) error {
	s, _ := ConferenceReworded(seed, n)
	t := s
	t.Questions = slices.Clone(s.Questions)
	sector := &t.Questions[1]
	sector.Labels = slices.Clone(sector.Labels)
	for i, l := range sector.Labels {
		switch l {
		case "Wissenschaft und Forschung":
			sector.Labels[i] = find(Sectors, "wissenschaft").DE
		case "Zivilgesellschaft / Verband":
			sector.Labels[i] = find(Sectors, "zivilgesellschaft").DE
		}
	}
	rs := GenerateSurvey(s)
	switch tool {
	case "limesurvey":
		o := limeOpts{lang: "de", mode: "full", meta: true, npsText: true}
		if _, err := writeLimeSurvey(reworded, s, rs, o, "results"); err != nil {
			return err
		}
		o.npsText = false
		_, err := writeLimeSurvey(template, t, rs, o, "results")
		return err
	case "msforms":
		if _, err := writeMSFormsSurvey(reworded, s, rs, "de", true); err != nil {
			return err
		}
		_, err := writeMSFormsSurvey(template, t, rs, "de", true)
		return err
	}
	return fmt.Errorf("sample: no conference export for tool %q", tool)
}
