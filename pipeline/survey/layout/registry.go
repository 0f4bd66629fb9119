package layout

// All lists the layouts detection asks, in order: on a tie of their
// signatures the earlier wins. A new tool is a new file with its Layout
// and a line here.
var All = []*Layout{
	LimeSurvey, LimeCodes, Qualtrics, SurveyMonkey, MSForms, GoogleForms, Kobo, ExcelCSV, HandTyped,
}

// Generic is the layout of a sheet no tool's signature matches.
var Generic = &Layout{Name: "generic", Title: "sheet of an unknown tool", Match: func(*Sheet) int { return 0 }}

// ByName returns the layout with the name, Generic for an unknown one.
func ByName(name string) *Layout {
	for _, l := range All {
		if l.Name == name {
			return l
		}
	}
	return Generic
}

// Best returns the layout whose signature matches the sheet best, Generic
// when none does.
func Best(s *Sheet) *Layout {
	best, score := Generic, 0
	for _, l := range All {
		if n := l.Match(s); n > score {
			best, score = l, n
		}
	}
	return best
}

// HeaderRules are the layouts that read headers of more than one row.
func HeaderRules() []*Layout {
	var out []*Layout
	for _, l := range All {
		if l.HeaderRule != nil {
			out = append(out, l)
		}
	}
	return out
}

// Common are column names every export may have, whatever its tool: a
// running number, a date, the usual personal columns.
var Common = names(map[Kind][]string{
	ID: {"id", "nr", "nummer", "lfd nr", "laufende nummer", "bogen nr", "bogennummer", "bogen", "fragebogen nr",
		"fragebogennummer", "respondent", "respondent id", "response id", "responseid", "antwort id", "teilnehmer nr",
		"case", "case id", "fall", "fall nr", "record id", "submission id"},
	Submitted: {"timestamp", "zeitstempel", "datum", "date", "eingangsdatum", "abgeschickt", "submitted", "submitted at",
		"date submitted", "submission date", "completion time", "end date", "enddate", "erfassungsdatum", "eingang"},
	Meta: {"start time", "startzeit", "start date", "startdate", "user agent", "useragent"},
}, nil)
