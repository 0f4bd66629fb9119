// Package testfiles writes the input files the safety tests feed to
// resonanz: variants of the sample survey (a corrected copy, a large copy,
// one whose free text looks like formulas) and hostile files (zip bombs,
// damaged zips, encrypted workbooks, DOCTYPEs, absurd dimensions, overlong
// cells). It is used by tests only; every function returns an error rather
// than taking a *testing.T, so it also serves helper programs.
//
// # Example
//
//	rows, _ := testfiles.Rows("testdata/mdk16-msforms.xlsx") // header + 150 rows, as displayed
//	big := testfiles.Scale(rows, 30000, 0)                    // 30,000 responses, ids 1…30000
//	_ = testfiles.WriteCSV("big.csv", big)
//
//	// A workbook whose only sheet inflates to 1 GiB of blanks:
//	_ = testfiles.WriteZip("bomb.xlsx", testfiles.Bomb(rows[:3], 1<<30, true))
package testfiles
