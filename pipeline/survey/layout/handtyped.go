package layout

// HandTyped is a sheet staff typed from paper forms: title rows or notes
// above the header, no tool's columns, the answers written many ways.
var HandTyped = &Layout{
	Name:  "handtyped",
	Title: "hand-typed sheet",
	Match: func(s *Sheet) int {
		if s.Header.Row > 1 {
			return 1
		}
		return 0
	},
}
