// Package format is the one path from a value to the text readers see, in
// German (default) or English: the workbook's number formats, the web
// page's cells and the charts' labels all come from here, so a number
// appearing in several outputs reads the same in each.
//
// Contract:
//
//   - A Kind says how a value is shown: Int (grouped thousands), Dec1 and
//     Dec2 (means), Pct (a share 0..1 shown as percent with one decimal),
//     PctInt (percent without decimals, for chart segments), Signed (NPS,
//     with + and a true minus), Date, DateTime, Text.
//   - Rounding is Excel's and LibreOffice's: the value is read at 15
//     significant digits, then halves round away from zero, so 4.25 →
//     "4,3" and 0.8765 as a share → "87,7 %" in every output.
//   - German prints a decimal comma, a thousands dot and "35,0 %" with a
//     no-break space; English "35.0%" and a thousands comma. A negative
//     number gets a true minus sign (U+2212); a value rounding to zero
//     never shows as "−0,0".
//   - Excel(kind, lang, mark) is the matching number format code, written
//     in Excel's invariant notation ("0.0"): German Excel and Calc show the
//     decimal comma by themselves. A mark (▲) becomes literal text in the
//     code, so the cell stays a number.
//
// Example:
//
//	format.Value("de", format.Dec1, 4.25)     → "4,3"
//	format.Value("en", format.Pct, 0.8765)    → "87.7%"
//	format.Value("de", format.Int, int64(1234)) → "1.234"
//	format.Excel(format.Pct, "de", "▲")       → `0.0"\u00a0"%" ▲"`
package format
