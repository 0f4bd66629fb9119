package sample

// The codebook: every code the importer must produce, with the labels each
// export writes for it. Codes are what the truth files hold; labels are what
// the fixtures hold.

// Label is a code with its German and English answer texts.
type Label struct {
	Code string
	DE   string
	EN   string
}

// Other is the normalised code of "Anderes Bundesland" in the conference
// survey, whose choice list names only the three Mitteldeutschland states.
const Other = "OTHER"

// States are the answer options of the conference survey's state question.
var States = []Label{
	{"DE-SN", "Sachsen", "Saxony"},
	{"DE-ST", "Sachsen-Anhalt", "Saxony-Anhalt"},
	{"DE-TH", "Thüringen", "Thuringia"},
	{Other, "Anderes Bundesland", "Other state"},
}

// GermanStates names all sixteen states by ISO 3166-2:DE code, for sheets
// where staff typed the state instead of picking one of the survey's options.
var GermanStates = map[string]string{
	"DE-BW": "Baden-Württemberg", "DE-BY": "Bayern", "DE-BE": "Berlin",
	"DE-BB": "Brandenburg", "DE-HB": "Bremen", "DE-HH": "Hamburg",
	"DE-HE": "Hessen", "DE-MV": "Mecklenburg-Vorpommern", "DE-NI": "Niedersachsen",
	"DE-NW": "Nordrhein-Westfalen", "DE-RP": "Rheinland-Pfalz", "DE-SL": "Saarland",
	"DE-SN": "Sachsen", "DE-ST": "Sachsen-Anhalt", "DE-SH": "Schleswig-Holstein",
	"DE-TH": "Thüringen",
}

// Sectors are the answer options of the sector question.
var Sectors = []Label{
	{"landesverwaltung", "Landesverwaltung", "State administration"},
	{"kommunalverwaltung", "Kommunalverwaltung", "Municipal administration"},
	{"wirtschaft", "Wirtschaft", "Business"},
	{"wissenschaft", "Wissenschaft", "Science"},
	{"politik", "Politik", "Politics"},
	{"zivilgesellschaft", "Zivilgesellschaft", "Civil society"},
}

// Items are the statements of the need-for-action matrix (2025 wording) and,
// with the same labels, the options of the topics question.
var Items = []Label{
	{"verwaltungsdigitalisierung", "Verwaltungsdigitalisierung", "Digital administration"},
	{"datenschutz", "Datenschutz", "Data protection"},
	{"smart_city", "Smart City", "Smart city"},
	{"digitale_souveraenitaet", "Digitale Souveränität", "Digital sovereignty"},
	{"kuenstliche_intelligenz", "Künstliche Intelligenz", "Artificial intelligence"},
	{"it_sicherheit", "IT-Sicherheit", "IT security"},
	{"fachkraeftegewinnung", "Fachkräftegewinnung", "Skilled workforce"},
	{"gemeinsame_standards", "Gemeinsame Standards", "Common standards"},
}

// OpenData is the ninth topic option of the Google Forms fixture; its label
// holds the ", " that Google Forms also uses to join checkbox answers.
var OpenData = Label{"open_data_open_government", "Open Data, Open Government", "Open Data, Open Government"}

// Items2024 are the matrix rows of the 2024 survey (mdk15): no Künstliche
// Intelligenz yet, and "Fachkräfte" for what 2025 calls Fachkräftegewinnung.
var Items2024 = []Label{
	{"verwaltungsdigitalisierung", "Verwaltungsdigitalisierung", "Digital administration"},
	{"datenschutz", "Datenschutz", "Data protection"},
	{"smart_city", "Smart City", "Smart city"},
	{"digitale_souveraenitaet", "Digitale Souveränität", "Digital sovereignty"},
	{"it_sicherheit", "IT-Sicherheit", "IT security"},
	{"fachkraeftegewinnung", "Fachkräfte", "Skilled workforce"},
	{"gemeinsame_standards", "Gemeinsame Standards", "Common standards"},
}

// Items2026 are the matrix rows of the 2026 survey (mdk17), as its
// LimeSurvey export titles them: two rows renamed (Datenschutz, IT-Sicherheit),
// Smart City dropped and Barrierefreiheit new. The codes are the ids the
// registry must link them to; barrierefreiheit is the id a draft gives it.
var Items2026 = []Label{
	{"verwaltungsdigitalisierung", "Verwaltungsdigitalisierung", "Digital administration"},
	{"datenschutz", "Datenschutz und DSGVO", "Data protection and GDPR"},
	{"digitale_souveraenitaet", "Digitale Souveränität", "Digital sovereignty"},
	{"kuenstliche_intelligenz", "Künstliche Intelligenz", "Artificial intelligence"},
	{"it_sicherheit", "Informations- und IT-Sicherheit", "Information and IT security"},
	{"fachkraeftegewinnung", "Fachkräftegewinnung", "Skilled workforce"},
	{"gemeinsame_standards", "Gemeinsame Standards", "Common standards"},
	{"barrierefreiheit", "Barrierefreiheit", "Accessibility"},
}

// Heard are the answers of the 2026 survey's new question "Wie sind Sie
// auf die Konferenz aufmerksam geworden?"; the codes are what a draft
// definition guesses from the labels.
var Heard = []Label{
	{"newsletter", "Newsletter", "Newsletter"},
	{"kolleginnen_und_kollegen", "Kolleginnen und Kollegen", "Colleagues"},
	{"soziale_medien", "Soziale Medien", "Social media"},
	{"website", "Website", "Website"},
}

// Scale labels of the need matrix, index 0 = 1 (sehr gering) … 4 = 5.
var (
	ScaleDE = [5]string{"sehr gering", "gering", "mittel", "hoch", "sehr hoch"}
	ScaleEN = [5]string{"very low", "low", "medium", "high", "very high"}
)

// The explicit "no answer" option of the need matrix.
const (
	NoAnswerDE = "keine Angabe"
	NoAnswerEN = "no answer"
)

// Codes lists the codes of labels, in order.
func Codes(ls []Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Code
	}
	return out
}

func find(ls []Label, code string) Label {
	for _, l := range ls {
		if l.Code == code {
			return l
		}
	}
	return Label{Code: code, DE: code, EN: code}
}
