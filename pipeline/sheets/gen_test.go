package sheets_test

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"
)

// member is one generated answer sheet of the club survey
// (testdata/verein.survey.yaml), as the respondent meant it: the truth the
// report's numbers are checked against, computed without resonanz.
type member struct {
	alter     string         // label code, "" not answered
	jahre     int            // -1 not answered
	bewertung map[string]int // item → 1..5; an item missing was not rated
	nutzung   []string       // option codes chosen
	other     string         // typed "other" option, "" none
	gesamt    int            // 1..5, 0 not answered
	nps       int            // 0..10, -1 not answered
	rank      map[string]int // item → rank 1..3
	lob       string
	kritik    string
	submitted time.Time
	bad       bool // the sheet carries a value out of range (rejected)
}

var (
	alterLabels = map[string]string{"u30": "unter 30", "m30_59": "30 bis 59", "ab60": "60 und älter"}
	items       = []string{"training", "anlagen", "vorstand", "info"}
	itemText    = map[string]string{"training": "Training", "anlagen": "Sportanlagen", "vorstand": "Vorstand", "info": "Information"}
	levelText   = map[int]string{1: "gar nicht zufrieden", 2: "wenig zufrieden", 3: "teils/teils", 4: "zufrieden", 5: "sehr zufrieden"}
	options     = []string{"fitness", "schwimmen", "kurse", "feste"}
	optionText  = map[string]string{"fitness": "Fitnessraum", "schwimmen": "Schwimmen", "kurse": "Kurse", "feste": "Vereinsfeste"}
	ranked      = []string{"halle", "beitrag", "jugend"}
	rankedText  = map[string]string{"halle": "Neue Halle", "beitrag": "Niedrigere Beiträge", "jugend": "Jugendarbeit"}
	praise      = []string{"Die Trainer sind toll.", "Tolle Gemeinschaft und nette Freunde!", "Der Coach im Schwimmen ist super", "Alles prima.", "Die Atmosphäre beim Sommerfest.", "Gute Kurse am Abend"}
	critique    = []string{"Der Beitrag ist zu hoch.", "Mehr Trainer für die Jugend.", "Die Duschen sind kalt.", "Kosten für Kurse senken", "Parkplätze fehlen.", "=SUMME(A1:A9)"}
)

// generateMembers makes n deterministic members.
func generateMembers(n int, seed uint64) []member {
	r := rand.New(rand.NewPCG(seed, 2025))
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	out := make([]member, n)
	for i := range out {
		m := member{jahre: -1, nps: -1, bewertung: map[string]int{}, rank: map[string]int{}}
		switch x := r.Float64(); {
		case x < 0.25:
			m.alter = "u30"
		case x < 0.75:
			m.alter = "m30_59"
		case x < 0.97:
			m.alter = "ab60"
		}
		if r.Float64() < 0.9 {
			m.jahre = r.IntN(41)
		}
		base := 3
		if m.alter == "ab60" {
			base = 4
		}
		for _, it := range items {
			if r.Float64() < 0.08 {
				continue // not rated (blank or "weiß nicht")
			}
			v := base + r.IntN(3) - 1
			if it == "vorstand" {
				v = 1 + r.IntN(5)
			}
			m.bewertung[it] = max(1, min(5, v))
		}
		for _, o := range options {
			if r.Float64() < 0.4 {
				m.nutzung = append(m.nutzung, o)
			}
		}
		if r.Float64() < 0.15 {
			m.other = []string{"Yoga", "Klettern", "Tischtennis"}[r.IntN(3)]
		}
		if r.Float64() < 0.95 {
			m.gesamt = 1 + r.IntN(5)
		}
		if r.Float64() < 0.92 {
			m.nps = r.IntN(11)
		}
		if r.Float64() < 0.85 {
			for k, j := range r.Perm(len(ranked)) {
				m.rank[ranked[j]] = k + 1
			}
		}
		if r.Float64() < 0.5 {
			m.lob = praise[r.IntN(len(praise))]
		}
		if r.Float64() < 0.4 {
			m.kritik = critique[r.IntN(len(critique))]
		}
		m.bad = i%37 == 5
		m.submitted = start.Add(time.Duration(i*97) * time.Minute)
		out[i] = m
	}
	return out
}

// writeMembers writes the members as a Google-Forms-like CSV export: one
// column per matrix row and ranked item, options joined with ";", scale
// answers sometimes as labels, "weiß nicht" for some unrated items.
func writeMembers(path string, ms []member) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	head := []string{"Zeitstempel", "Wie alt sind Sie?", "Seit wie vielen Jahren sind Sie Mitglied?"}
	for _, it := range items {
		head = append(head, "Wie zufrieden sind Sie mit den folgenden Angeboten? ["+itemText[it]+"]")
	}
	head = append(head, "Welche Angebote nutzen Sie?", "Wie zufrieden sind Sie insgesamt mit dem Verein?", "Wie wahrscheinlich empfehlen Sie den Verein weiter?")
	for _, it := range ranked {
		head = append(head, "Was soll der Verein zuerst angehen? ["+rankedText[it]+"]")
	}
	head = append(head, "Was gefällt Ihnen besonders?", "Was sollten wir verbessern?")
	w.Write(head)
	for i, m := range ms {
		row := []string{m.submitted.Format("2006-01-02 15:04:05"), alterLabels[m.alter], ""}
		if m.jahre >= 0 {
			row[2] = strconv.Itoa(m.jahre)
		}
		for j, it := range items {
			v, ok := m.bewertung[it]
			switch {
			case !ok && (i+j)%2 == 0:
				row = append(row, "weiß nicht")
			case !ok:
				row = append(row, "")
			case (i+j)%3 == 0:
				row = append(row, levelText[v])
			default:
				row = append(row, strconv.Itoa(v))
			}
		}
		var opts []string
		for _, o := range m.nutzung {
			opts = append(opts, optionText[o])
		}
		if m.other != "" {
			opts = append(opts, m.other)
		}
		row = append(row, strings.Join(opts, ";"))
		switch {
		case m.bad:
			row = append(row, "7") // out of range: rejected, and not counted
		case m.gesamt > 0:
			row = append(row, strconv.Itoa(m.gesamt))
		default:
			row = append(row, "")
		}
		if m.nps >= 0 {
			row = append(row, strconv.Itoa(m.nps))
		} else {
			row = append(row, "")
		}
		for _, it := range ranked {
			if k, ok := m.rank[it]; ok {
				row = append(row, strconv.Itoa(k))
			} else {
				row = append(row, "")
			}
		}
		row = append(row, m.lob, m.kritik)
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var _ = fmt.Sprint
