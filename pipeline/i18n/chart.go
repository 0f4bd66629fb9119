package i18n

// chartText is the text of the chart area.
var chartText = catalog{}
