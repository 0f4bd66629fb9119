package layout

import "slices"

// All lists the layouts detection asks, by Order (then Name): on a tie of
// their signatures the earlier wins. Each tool's file adds its Layout with
// Register, so a new tool is one new file and nothing here changes.
//
// All has no initializer: Go sets it up before any package variable whose
// initializer calls Register, so the list is complete once the package is
// initialised, whatever the order of the files (and without init()).
var All []*Layout

// Register adds l to All at its place by Order and returns it, for
// `var Kobo = Register(&Layout{…})` in the tool's file. A second layout of
// the same name is a programming error and panics at start-up.
func Register(l *Layout) *Layout {
	if l.Name == "" || l.Match == nil {
		panic("layout: Register: a layout needs a Name and a Match")
	}
	for _, o := range All {
		if o.Name == l.Name {
			panic("layout: Register: " + l.Name + " registered twice")
		}
	}
	i := 0
	for i < len(All) && (All[i].Order < l.Order || All[i].Order == l.Order && All[i].Name < l.Name) {
		i++
	}
	All = slices.Insert(All, i, l)
	return l
}

// Generic is the layout of a sheet no tool's signature matches.
var Generic = &Layout{Name: "generic", Title: "sheet of an unknown tool", TitleDE: "Tabelle eines unbekannten Werkzeugs", Match: func(*Sheet) int { return 0 }}

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
