package i18n

// importText is the text of the import area.
var importText = catalog{}
