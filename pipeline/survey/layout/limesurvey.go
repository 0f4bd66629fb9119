package layout

import (
	"regexp"
	"strings"
)

// limeColumns are LimeSurvey's own columns, in the languages it exports
// full-text headers in (German and English checked; French, Spanish,
// Dutch and Italian from its translations, unverified). In code mode the
// names are the database's (submitdate, lastpage …).
var limeColumns = names(map[Kind][]string{
	ID: {"id", "Response ID", "Answer ID", "Antwort ID", "Antwort-ID", "ID de la réponse", "ID de respuesta", "Antwoord ID", "ID risposta"},
	Submitted: {"submitdate", "Date submitted", "Datum Abgeschickt", "Datum abgeschickt", "Date de soumission", "Fecha de envío",
		"Datum verstuurd", "Data invio"},
	Personal: {"token", "Token", "Zugangsschlüssel", "Zugangscode", "ipaddr", "IP address", "IP-Adresse", "Adresse IP", "Dirección IP",
		"IP-adres", "Indirizzo IP", "refurl", "Referrer URL", "Referrer-URL", "Weiterleitungs-URL", "URL de référence", "URL de referencia",
		"firstname", "lastname", "email", "First name", "Last name", "Email address", "Vorname", "Nachname", "E-Mail-Adresse", "E-Mail"},
	Meta: {"lastpage", "Last page", "Letzte Seite", "Dernière page", "Última página", "Laatste pagina", "Ultima pagina",
		"startlanguage", "Start language", "Start-Sprache", "Startsprache", "Langue de départ", "Idioma inicial", "Starttaal", "Lingua di partenza",
		"seed", "Seed", "Zufallsstartwert", "Zufallsgeneratorstartwert", "Graine", "Semilla",
		"startdate", "Date started", "Datum gestartet", "Date de début", "Fecha de inicio",
		"datestamp", "Date last action", "Datum letzte Aktivität", "Datum der letzten Aktivität", "Date de la dernière action", "Fecha de la última acción",
		"interviewtime", "Total time", "Gesamtzeit", "Temps total", "Tiempo total"},
}, []Prefix{
	{"Group time", Meta}, {"Gruppenzeit", Meta}, {"Question time", Meta}, {"Fragenzeit", Meta},
	{"Temps du groupe", Meta}, {"Temps de la question", Meta},
}, pattern(`^groupTime\d+$`, Meta), pattern(`^[A-Za-z][A-Za-z0-9_]*Time$`, Meta))

// limeSignature are the columns LimeSurvey puts first, one entry per column.
var limeSignature = []string{
	"submitdate|Date submitted|Datum Abgeschickt|Date de soumission|Fecha de envío|Datum verstuurd|Data invio",
	"lastpage|Last page|Letzte Seite|Dernière page|Última página|Laatste pagina|Ultima pagina",
	"startlanguage|Start language|Start-Sprache|Startsprache|Langue de départ|Idioma inicial|Starttaal|Lingua di partenza",
	"seed|Zufallsstartwert|Zufallsgeneratorstartwert",
	"startdate|Date started|Datum gestartet", "datestamp|Date last action|Datum letzte Aktivität|Datum der letzten Aktivität",
	"id|Response ID|Antwort ID|Answer ID",
}

// CodeRE matches LimeSurvey question codes: G01Q01, g2[SQ001],
// Q1[SQ001][1], Activity[other], Q1_SQ001_0 (expression-script codes). A
// code without a digit or bracket cannot be told from a word.
var CodeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*[0-9][A-Za-z0-9_]*(\[[A-Za-z0-9_#]+\])*$|^[A-Za-z][A-Za-z0-9_]*(\[[A-Za-z0-9_#]+\])+$`)

// codeTextRE is a header of LimeSurvey's "code + text" mode: "G01Q01. Wie
// alt sind Sie?", "Ag2[SQ002]. Agreement [I voluntarily …]".
var codeTextRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*(?:\[[A-Za-z0-9_#]+\])*)(?:\. |: | - | – )(.+)$`)

func limeScore(s *Sheet) int {
	return Count(&s.Header, limeSignature...)
}

// codeShare counts the header cells that are LimeSurvey codes.
func codeShare(h *Header) (codes, cells int) {
	for _, c := range h.Cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		cells++
		if CodeRE.MatchString(c) && limeColumns.Kind(c) == None {
			codes++
		}
	}
	return codes, cells
}

// LimeSurvey is a LimeSurvey export with question texts as headers (full,
// abbreviated "…..", or "code. text"): its own columns (id, submitdate,
// lastpage, startlanguage, seed, …) in the survey's language, matrix rows
// and options as "Question [Subquestion]", option columns with Yes/No
// (translated) or Y, "N/A" for a question not shown, "-oth-" for "other"
// with the text in a "Question [Other]" column, timings at the end.
var LimeSurvey = Register(&Layout{
	Name:  "limesurvey",
	Order: 10,
	Title: "LimeSurvey export with question texts", TitleDE: "LimeSurvey-Export mit Fragetexten",
	Match: func(s *Sheet) int {
		n := limeScore(s)
		if n < 2 {
			return 0
		}
		if codes, cells := codeShare(&s.Header); codes >= 3 && 2*codes >= cells-n {
			return 0 // LimeCodes
		}
		return 2*n + 1
	},
	Columns:    limeColumns,
	HeaderRule: limeCodeText,
	Missing:    []string{"N/A", "-oth-", "Not displayed", "Nicht angezeigt"},
	Undated:    limeUndated,
})

// limeUndated is the submit date LimeSurvey writes for every response of
// an anonymous survey without date stamps.
var limeUndated = []string{"1980-01-01 00:00:00", "1980-01-01 00:00", "01.01.1980 00:00:00", "01.01.1980 00:00"}

// LimeCodes is a LimeSurvey export with question codes as headers
// (G01Q01, G02Q03[SQ001]) and, usually, answer codes (A1, Y): only a
// survey definition says what they mean.
var LimeCodes = Register(&Layout{
	Name:  "limesurvey-codes",
	Order: 20,
	Title: "LimeSurvey export with question codes", TitleDE: "LimeSurvey-Export mit Fragecodes",
	Match: func(s *Sheet) int {
		n := limeScore(s)
		codes, cells := codeShare(&s.Header)
		if codes < 3 || 2*codes < cells-n {
			return 0
		}
		return 2*n + 2
	},
	Columns:    limeColumns,
	HeaderRule: limeCodesOverTexts,
	Missing:    []string{"N/A", "-oth-"},
	Undated:    limeUndated,
})

// limeCodesOverTexts reads a header of question codes with the full texts
// in the row below (id, submitdate, G01Q01 over Response ID, Date
// submitted, "How old are you?"), as researchers export it for a
// codebook: the texts row is no response. LimeSurvey's own columns say it:
// at least two of them stand in both rows, code above text.
func limeCodesOverTexts(rows []Row, i int) (Header, bool) {
	h, ok := twoRowHeader(rows, i, "limesurvey-codes")
	if !ok {
		return Header{}, false
	}
	own, codes := 0, 0
	for c := range h.Cells {
		code, txt := strings.TrimSpace(h.Cells[c]), strings.TrimSpace(h.Texts[c])
		h.Cells[c], h.Texts[c] = code, ""
		k := limeColumns.Kind(code)
		switch {
		case k != None:
			if limeColumns.Kind(txt) == k {
				own++
			}
		case CodeRE.MatchString(code) && txt != "" && !CodeRE.MatchString(txt):
			codes++
			h.Texts[c] = txt
		}
	}
	if own < 2 || codes < 3 {
		return Header{}, false
	}
	return h, true
}

// limeCodeText reads a header of "code. text" cells as a header of codes
// with the question texts beside them.
func limeCodeText(rows []Row, i int) (Header, bool) {
	r := rows[i]
	n, filled := 0, 0
	h := Header{Row: r.Num, Rows: 1, Layout: "limesurvey", Cells: make([]string, len(r.Cells)), Texts: make([]string, len(r.Cells))}
	for c, v := range r.Cells {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		filled++
		h.Cells[c] = v
		if m := codeTextRE.FindStringSubmatch(v); m != nil {
			n++
			h.Cells[c], h.Texts[c] = m[1], strings.TrimSpace(m[2])
		}
	}
	if n < 3 || 4*n < 3*filled {
		return Header{}, false
	}
	return h, true
}
