package sample

// improvePool holds ordinary answers to "Was sollten wir beim nächsten Mal
// besser machen?". Every text is representable in Windows-1252, because the
// German Excel CSV fixture is written in it.
var improvePool = []string{
	"Mehr Zeit für Fragen aus dem Publikum.",
	"Die Pausen waren zu kurz, man konnte kaum netzwerken.",
	"Bitte die Präsentationen vorab bereitstellen.",
	"Mehr Praxisbeispiele aus Kommunen, weniger Produktvorstellungen.",
	"Der Hörsaal war zu warm, die Akustik schwierig.",
	"Gerne mehr Workshops statt Frontalvorträge.",
	"Bessere Beschilderung auf dem Campus der HTWK.",
	"Vegetarisches Mittagessen war schnell vergriffen.",
	"Mehr Beteiligung aus Thüringen wäre schön.",
	"Ein Panel zu Open Source in der Verwaltung fehlte.",
	"Live-Stream für Kolleginnen, die nicht anreisen können.",
	"Die Podiumsdiskussion war zu lang und zu wenig kontrovers.",
	"Mehr Raum für den länderübergreifenden Austausch.",
	"Konkrete Umsetzungsbeispiele zum OZG statt Absichtserklärungen.",
	"Früher einladen, der Termin kollidierte mit dem Haushaltsabschluss.",
	"WLAN war überlastet.",
	"Kürzere Grußworte, dafür mehr Inhalt.",
	"Mehr Frauen auf dem Podium.",
	"Ergebnisse der Arbeitsgruppen bitte dokumentieren und verschicken.",
	"Die Anmeldung über das Portal war umständlich.",
	"Mehr zu KI in der Sachbearbeitung, aber bitte realistisch.",
	"Eine Session speziell für kleine Gemeinden.",
	"Gute Veranstaltung, weiter so!",
	"Parkplätze waren knapp, Hinweis auf ÖPNV wäre hilfreich.",
	"Die Moderation hätte straffer sein können.",
	"Mehr Zeit für die Ausstellung und Gespräche an den Ständen.",
	"Thema Barrierefreiheit digitaler Angebote aufnehmen.",
	"Englischsprachige Beiträge bitte mit Übersetzung.",
	"Weniger Buzzwords, mehr Zahlen.",
	"Studierende stärker einbinden.",
	"Eine Übersicht der Ansprechpartner je Land wäre nützlich.",
	"Kaffee war top, Zeitplan leider nicht eingehalten.",
	"Vorträge aufzeichnen und nachträglich verfügbar machen.",
	"Mehr Austausch zwischen Wirtschaft und Verwaltung in kleinen Runden.",
	"Die Räume für die Foren waren zu klein.",
	"Schluss mit Sand im Getriebe – gilt auch für den Einlass.",
	"Bitte ein Follow-up-Treffen im Frühjahr.",
	"Fachkräftemangel ausführlicher diskutieren.",
	"Die Teilnahmegebühr von 95 € ist für Vereine zu hoch.",
	"„Digital First“ auch bei der Anmeldung umsetzen.",
	"Datenschutz nicht nur als Hindernis darstellen.",
	"Mehr Best Practices aus Sachsen-Anhalt.",
}

// hostileImprove are texts an importer must keep as plain text: formulas
// and sign-led text would execute or be mangled if written back unescaped.
var hostileImprove = []string{
	`=HYPERLINK("http://x","klick")`,
	"-mehr Pausen",
	"+1 für Workshops",
	"@Orga bitte Folien teilen",
}

// personalImprove carry personal data inside free text, which the importer
// must find or at least flag.
var personalImprove = []string{
	"Bitte schicken Sie mir die Folien an jana.richter@stadt-halle.de",
	"Kontakt für Rückfragen: m.schubert@htwk-leipzig.de – gern auch zu Kooperationen.",
	"Ich würde gern selbst referieren, melden Sie sich unter t.kaiser@beispiel-it.de",
	"Rufen Sie mich gern an: 0341 1234567",
	"Für eine Kooperation erreichen Sie mich unter +49 345 123456.",
}

// multilineImprove has a line break inside the cell, as typed with
// Shift+Enter in the form.
const multilineImprove = "Mehr Pausen.\nUnd bitte bessere Akustik im großen Saal."

var firstNames = []string{
	"Anna", "Jana", "Katrin", "Susanne", "Claudia", "Sabine", "Franziska", "Jörg",
	"Thomas", "Michael", "Stefan", "Andreas", "Matthias", "Björn", "Uwe", "René",
	"Sören", "Maike", "Käthe", "Lukas",
}

var lastNames = []string{
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Richter", "Schubert",
	"Krause", "Lehmann", "Köhler", "Günther", "Böhme", "Wagner", "Hoffmann",
	"Zimmermann", "Vogel", "Hähnel", "Seidel",
}

// domainFor picks an address domain that fits the respondent, so personal
// data looks like what organisers really receive.
func domainFor(r *rng, state, sector string) string {
	byState := func(sn, st, th, other string) string {
		switch state {
		case "DE-SN":
			return sn
		case "DE-ST":
			return st
		case "DE-TH":
			return th
		}
		return other
	}
	switch sector {
	case "kommunalverwaltung":
		return byState("leipzig.de", "stadt-halle.de", "erfurt.de", "berlin.de")
	case "landesverwaltung":
		return byState("smi.sachsen.de", "mid.sachsen-anhalt.de", "tmik.thueringen.de", "senatskanzlei.berlin.de")
	case "wissenschaft":
		return byState("htwk-leipzig.de", "uni-halle.de", "uni-jena.de", "tu-berlin.de")
	case "politik":
		return byState("slt.sachsen.de", "lt.sachsen-anhalt.de", "thueringer-landtag.de", "bundestag.de")
	case "zivilgesellschaft":
		return "buergernetz-ev.de"
	}
	d := []string{"beispiel-it.de", "muster-software.de", "datenwerk-gmbh.de"}
	return d[r.intn(len(d))]
}
