package i18n

// common is text every area uses.
var common = catalog{
	"and":       {"und", "and"},
	"no_answer": {"(keine Angabe)", "(not answered)"},
}
