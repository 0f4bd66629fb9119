package survey

import (
	"regexp"
	"strings"
)

// Personal data is recognised by a column's header (name, e-mail, phone,
// address, IP, location, social media handles, URLs, panel and worker ids;
// German and English) and by its content (mostly e-mail addresses, phone
// numbers, handles or URLs). Such columns are never stored.

// personalWords are whole words or phrases (compared by key) that make a
// header personal.
var personalPhrases = []string{
	"e mail", "email", "e mail adresse", "email adresse", "emailadresse", "mail", "mailadresse", "email address", "e mail address",
	"mail address", "telefon", "telefonnummer", "tel", "telephone", "phone", "phone number", "handy", "handynummer", "mobil",
	"mobilnummer", "mobile", "mobile number", "cell phone", "fax", "adresse", "anschrift", "address", "postanschrift",
	"strasse", "street", "hausnummer", "plz", "postleitzahl", "zip", "zip code", "postal code", "postcode", "wohnort",
	"ip", "ip adresse", "ip address", "ipaddress", "ipaddr", "latitude", "longitude", "breitengrad", "laengengrad",
	"geolocation", "gps", "koordinaten", "coordinates", "location", "standort", "geburtsdatum", "date of birth", "birthday",
	"geburtstag", "twitter", "x handle", "instagram", "linkedin", "facebook", "mastodon", "xing", "tiktok", "handle",
	"username", "user name", "benutzername", "nutzername", "url", "referrer", "referer", "refurl", "website", "homepage",
	"worker id", "workerid", "mturk", "mturk id", "prolific", "prolific id", "prolific pid", "panel id", "panelist id",
	"participant id", "teilnehmer id", "rid", "psid", "pid", "assignment id", "hit id", "token", "zugangsschluessel",
	"iban", "kontonummer", "steuernummer", "sozialversicherungsnummer", "ausweisnummer", "personalnummer",
	"unterschrift", "signature", "recipient", "empfaenger", "social media account", "social media accounts",
	"social media handle", "social media handles", "social media profile", "social media profiles", "social media links",
	"social media kanaele", "social media konto", "social media konten", "social media profil",
}

// contactStems are questions that collect contact details (SurveyMonkey's
// "Contact information" block: Name, Company, Address, City/Town, ZIP,
// Country, Email Address, Phone Number): every field of them is personal.
var contactStems = keySet("contact information", "contact info", "contact details", "kontaktinformationen",
	"kontaktdaten", "kontaktangaben", "ihre kontaktdaten")

// nameRE are headers asking for a person's name: "Name", "Ihr Name",
// "Your full name", "Vor- und Nachname", "First name", "Name, Vorname".
var nameRE = regexp.MustCompile(`^(?:(?:ihr|ihre|dein|deine|your|full|vollstaendiger|vollstaendige|first|last|given|family|sur|nick|vor|nach|zu|fam|familien|ruf|ganzer)\s+)*(?:name|vorname|nachname|zuname|familienname|rufname|surname|firstname|lastname|fullname|nickname|vor und nachname|vor und zuname|name vorname|name und vorname|vorname und nachname|first and last name|name surname)(?:\s+\d+)?$`)

var personalSet = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range personalPhrases {
		m[key(p)] = true
	}
	return m
}()

// personalHeader says a header names personal data: a name field, or one
// of personalPhrases as a whole word or phrase of it. A question about a
// name of something else ("Name der Organisation") is not a person's name.
func personalHeader(h string) bool {
	k := key(h)
	if k == "" {
		return false
	}
	if nameRE.MatchString(k) || personalSet[k] {
		return true
	}
	// "Contact information [Name]", "Kontaktdaten - E-Mail": a field of a
	// contact block, or a field that alone is a name or an address.
	if m := textSubRE.FindStringSubmatch(strings.TrimSpace(h)); m != nil {
		if contactStems[key(m[1])] {
			return true
		}
		if sk := key(m[2]); nameRE.MatchString(sk) || personalSet[sk] && !weakPersonal[sk] {
			return true
		}
	}
	// "Bitte geben Sie Ihren Vor- und Nachnamen an", "Ihre E-Mail-Adresse für das Gewinnspiel"
	words := strings.Fields(k)
	for n := 3; n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			p := strings.Join(words[i:i+n], " ")
			if personalSet[p] && !weakPersonal[p] {
				return true
			}
		}
	}
	for _, w := range words {
		switch w {
		case "vornamen", "nachnamen", "namen", "name", "vorname", "nachname":
			// "Ihren Namen", "Ihr Vor- und Nachname", but not "Name der Einrichtung"
			if hasWord(words, "ihr", "ihren", "ihre", "dein", "deinen", "your", "vor", "und", "full", "first", "last") && !hasWord(words, "der", "des", "of", "organisation", "einrichtung", "institution", "firma", "company", "unternehmen", "projekt", "project", "schule", "school", "verein", "team", "veranstaltung", "event") {
				return true
			}
		}
	}
	return false
}

// weakPersonal are words that name personal data only as a whole header:
// "Location" is a location column, "What location do you prefer?" a question.
var weakPersonal = keySet("location", "standort", "mobile", "mobil", "tel", "url", "handle", "website", "homepage", "zip", "rid",
	"pid", "psid", "token", "recipient", "empfaenger", "signature", "mail", "gps", "facebook", "instagram", "twitter", "linkedin",
	"xing", "tiktok", "mastodon", "fax", "ip", "handy", "adresse", "address", "wohnort", "strasse", "street")

var (
	emailRE  = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$`)
	phoneRE  = regexp.MustCompile(`^\+?[0-9][0-9 ()/.\-]{6,}[0-9]$`)
	handleRE = regexp.MustCompile(`^@[A-Za-z0-9_.]{2,30}$`)
	urlRE    = regexp.MustCompile(`(?i)^(https?://|www\.)\S+$`)
	ipRE     = regexp.MustCompile(`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^[0-9a-fA-F:]{6,}:[0-9a-fA-F]+$`)
	// a geopoint as KoboToolbox writes it: latitude longitude altitude precision
	geoRE = regexp.MustCompile(`^-?\d{1,3}\.\d{3,} -?\d{1,3}\.\d{3,}( -?\d+(\.\d+)?){0,2}$`)
)

// personalValue says a value is an e-mail address, a phone number, a
// handle, a URL or an IP address.
func personalValue(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) < 4 || len(v) > 200 {
		return false
	}
	if strings.ContainsAny(v, " ,;|\n") {
		return personalList(v)
	}
	switch {
	case strings.Contains(v, "@"):
		return emailRE.MatchString(v) || handleRE.MatchString(v)
	case v[0] == '+' || v[0] == '0' || v[0] == '(':
		return phoneRE.MatchString(v) && digitsIn(v) >= 7 && !strings.Contains(v, ",")
	case strings.HasPrefix(strings.ToLower(v), "http") || strings.HasPrefix(strings.ToLower(v), "www."):
		return urlRE.MatchString(v)
	}
	return ipRE.MatchString(v) || geoRE.MatchString(v)
}

// personalList says a value lists handles, URLs or addresses and nothing
// else ("https://twitter.com/x, @y", "Twitter: @x"): the "social media
// accounts" answers of a real export.
func personalList(v string) bool {
	n := 0
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '|' || r == '\n' }) {
		switch {
		case len(f) >= 4 && !strings.ContainsAny(f, " ,;|") && personalValue(f):
			n++
		case strings.HasSuffix(f, ":") || f == "and" || f == "und" || f == "&" || f == "-":
		default:
			return false
		}
	}
	return n > 0
}

func digitsIn(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
