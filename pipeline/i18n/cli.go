package i18n

// cli is the text of the cli area.
var cli = catalog{}
