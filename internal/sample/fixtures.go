package sample

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Conference days.
var (
	Day2025 = time.Date(2025, 11, 13, 0, 0, 0, 0, CET) // 16. MDK, Leipzig
	Day2024 = time.Date(2024, 11, 14, 0, 0, 0, 0, CET) // 15. MDK
	Day2026 = time.Date(2026, 11, 12, 0, 0, 0, 0, CET) // 17. MDK
)

// MainConfig is the 2025 conference survey behind testdata/mdk16-msforms.xlsx.
func MainConfig() Config {
	specials := slices.Concat(hostileImprove, personalImprove, []string{multilineImprove})
	return Config{
		Seed: 16, N: 150, Event: "mdk16", Day: Day2025, Days: 10,
		States: StateShares2025, Sectors: SectorShares, PolitikTH: 2,
		Items: Codes(Items), NoAnswerP: .05, BlankP: .02,
		Topics:   Codes(Items),
		SatBlank: 4, NPSBlank: 5,
		ImproveP: .40, Specials: specials,
		Emails: 10,
	}
}

// PreviousConfig is the 2024 survey behind testdata/mdk15-googleforms.xlsx:
// seven items, and Datenschutz rated more pressing than in 2025.
func PreviousConfig() Config {
	return Config{
		Seed: 15, N: 120, Event: "mdk15", Day: Day2024, Days: 10,
		States:  []Share{{"DE-SN", .48}, {"DE-ST", .24}, {"DE-TH", .18}, {Other, .10}},
		Sectors: SectorShares,
		Items:   Codes(Items2024), NeedShift: map[string]float64{"datenschutz": 0.6},
		NoAnswerP: .05, BlankP: .02,
		Topics:   Codes(Items2024),
		SatBlank: 3, NPSBlank: 3,
		ImproveP: .35,
		Emails:   120, // the form collected addresses
	}
}

// NextConfig is the 2026 survey behind testdata/mdk17-limesurvey.xlsx:
// Smart City no longer asked, Barrierefreiheit new, Künstliche Intelligenz
// rated clearly more pressing than in 2025, no recommendation question.
func NextConfig() Config {
	return Config{
		Seed: 17, N: 100, Event: "mdk17", Day: Day2026, Days: 10,
		States: StateShares2025, Sectors: SectorShares,
		Items: Codes(Items2026), NeedShift: map[string]float64{"kuenstliche_intelligenz": 0.7},
		NoAnswerP: .05, BlankP: .02,
		Topics:   Codes(Items),
		SatBlank: 3,
		ImproveP: .35,
	}
}

// layoutConfig is the base of the small per-layout fixtures; each gets its
// own seed so a change to one does not move the others.
func layoutConfig(seed uint64, n int) Config {
	return Config{
		Seed: seed, N: n, Event: "mdk16", Day: Day2025, Days: 10,
		States: StateShares2025, Sectors: SectorShares,
		Items: Codes(Items), NoAnswerP: .05, BlankP: .02,
		Topics:   Codes(Items),
		SatBlank: 2, NPSBlank: 2,
		ImproveP: .40,
		Emails:   3,
	}
}

// Fixture is one generated file under testdata.
type Fixture struct {
	Path  string // relative to the testdata directory, slash-separated
	write func(path string) (*Truth, error)
}

// Fixtures lists every file the generator writes, in a fixed order.
func Fixtures() []Fixture {
	return append([]Fixture{
		{"mdk16-msforms.xlsx", func(p string) (*Truth, error) {
			return writeMSForms(p, "mdk16", "de", Generate(MainConfig()))
		}},
		{"mdk15-googleforms.xlsx", func(p string) (*Truth, error) {
			return writeMDK15(p, Generate(PreviousConfig()))
		}},
		{"mdk17-limesurvey.xlsx", func(p string) (*Truth, error) {
			return writeMDK17(p, Generate(NextConfig()), 1017)
		}},
		{"layouts/msforms-en.xlsx", func(p string) (*Truth, error) {
			c := layoutConfig(101, 48)
			c.Specials = []string{"-mehr Pausen"}
			return writeMSForms(p, "mdk16", "en", Generate(c))
		}},
		{"layouts/googleforms.csv", func(p string) (*Truth, error) {
			c := layoutConfig(102, 52)
			c.Topics = append(Codes(Items), OpenData.Code)
			c.OtherTopics = []string{"Barrierefreiheit im Netz", "Open Source in der Verwaltung", "Green IT"}
			c.OtherTopicP = .15
			c.Emails = c.N
			return writeGoogleCSV(p, Generate(c))
		}},
		{"layouts/limesurvey-fulltext.xlsx", func(p string) (*Truth, error) {
			c := layoutConfig(103, 45)
			c.NoAnswerP = 0 // "keine Angabe" only where forced to 99 below
			c.Specials = []string{`=HYPERLINK("https://example.org","Feedback")`}
			rs := Generate(c)
			for _, i := range []int{6, 30} {
				forceNoAnswer(&rs[i], "smart_city")
			}
			return writeLimeFull(p, rs, 1103)
		}},
		{"layouts/limesurvey-codes.csv", func(p string) (*Truth, error) {
			c := layoutConfig(104, 50)
			c.Specials = []string{multilineImprove}
			return writeLimeCodes(p, Generate(c), 1104)
		}},
		{"layouts/surveymonkey.xlsx", func(p string) (*Truth, error) {
			return writeSurveyMonkey(p, Generate(layoutConfig(105, 46)), 1105)
		}},
		{"layouts/qualtrics.csv", func(p string) (*Truth, error) {
			return writeQualtrics(p, Generate(layoutConfig(106, 44)), 1106)
		}},
		{"layouts/excel-de-1252.csv", func(p string) (*Truth, error) {
			return writeExcelCSV(p, Generate(excelConfig()), true)
		}},
		{"layouts/excel-de-utf8bom.csv", func(p string) (*Truth, error) {
			return writeExcelCSV(p, Generate(excelConfig()), false)
		}},
		{"layouts/handtyped.xlsx", func(p string) (*Truth, error) {
			c := layoutConfig(108, 40)
			c.States = []Share{{"DE-SN", .42}, {"DE-ST", .25}, {"DE-TH", .20}, {Other, .08}, {"", .05}}
			c.OtherStates = []string{"DE-BE", "DE-BY", "DE-BB"}
			c.NoAnswerP, c.BlankP = 0, .04 // paper has no "keine Angabe" box
			c.Emails = 0
			return writeHandtyped(p, Generate(c))
		}},
	}, surveyFixtures()...)
}

// excelConfig is shared by both German Excel CSV fixtures: same data, two
// encodings. Its specials exercise Windows-1252 (€, „“), quoting (";", '"')
// and a line break inside a field.
func excelConfig() Config {
	c := layoutConfig(107, 42)
	c.States = append(slices.Clone(StateShares2025), Share{"", .05})
	c.Specials = []string{
		"Die Teilnahmegebühr von 95 € ist für Vereine zu hoch.",
		"„Digital First“ auch bei der Anmeldung umsetzen.",
		"Mehr Pausen; längere Mittagspause bitte",
		`Das Motto "Schluss mit Sand im Getriebe" hat gepasst.`,
		multilineImprove,
	}
	return c
}

func forceNoAnswer(p *Respondent, item string) {
	delete(p.Need, item)
	if !slices.Contains(p.NoAnswer, item) {
		p.NoAnswer = append(p.NoAnswer, item)
	}
}

// TruthPath is where a fixture's truth file lives.
func TruthPath(fixture string) string { return fixture + ".truth.json" }

// WriteAll writes every fixture and its truth file under dir and returns
// the paths written.
func WriteAll(dir string) ([]string, error) {
	var out []string
	for _, fx := range Fixtures() {
		p := filepath.Join(dir, filepath.FromSlash(fx.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return out, err
		}
		t, err := fx.write(p)
		if err != nil {
			return out, fmt.Errorf("%s: %w", fx.Path, err)
		}
		t.File = filepath.Base(p)
		b, err := t.Marshal()
		if err != nil {
			return out, fmt.Errorf("%s: %w", fx.Path, err)
		}
		if err := os.WriteFile(TruthPath(p), b, 0o644); err != nil {
			return out, err
		}
		out = append(out, p, TruthPath(p))
	}
	return out, nil
}
