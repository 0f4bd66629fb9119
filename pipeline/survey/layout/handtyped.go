package layout

// HandTyped is a sheet staff typed from paper forms: title rows or notes
// above the header, no tool's columns, the answers written many ways.
var HandTyped = Register(&Layout{
	Name:  "handtyped",
	Order: 90,
	Title: "hand-typed sheet", TitleDE: "von Hand erfasste Tabelle",
	Match: func(s *Sheet) int {
		if s.Header.Row > 1 {
			return 1
		}
		return 0
	},
})
