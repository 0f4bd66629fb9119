// Package reporttest reads a written report.xlsx back for tests: the native
// charts' series references (from xl/charts/chartN.xml) and the cells they
// point at.
//
//	charts, _ := reporttest.Charts("out/report.xlsx")
//	charts[0].Type                         → "barChart"
//	charts[0].Series[0].Val                → "'Bedarf nach Bundesland'!$J$7:$J$14"
//	reporttest.Resolve(t, f, charts[0].Series[0].Val) → ["4.28…", …]
package reporttest

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Chart is one chart part of a workbook.
type Chart struct {
	Part   string // e.g. xl/charts/chart1.xml
	Type   string // barChart, lineChart, …
	Dir    string // bar direction: bar (horizontal) or col
	Group  string // clustered, stacked, percentStacked
	Series []Series
}

// Series are the references of one chart series.
type Series struct {
	Name, Cat, Val string // formulas such as 'Sheet'!$B$5
	NoFill         bool   // drawn without fill (an invisible helper series)
	Color          string // solid fill colour, RRGGBB
}

type chartSpace struct {
	Chart struct {
		PlotArea struct {
			Plots []struct {
				XMLName  xml.Name
				BarDir   attr `xml:"barDir"`
				Grouping attr `xml:"grouping"`
				Ser      []struct {
					Tx   string `xml:"tx>strRef>f"`
					Cat  string `xml:"cat>strRef>f"`
					CatN string `xml:"cat>numRef>f"`
					Val  string `xml:"val>numRef>f"`
					SpPr struct {
						NoFill *struct{} `xml:"noFill"`
						Solid  struct {
							RGB attr `xml:"srgbClr"`
						} `xml:"solidFill"`
					} `xml:"spPr"`
				} `xml:"ser"`
			} `xml:",any"`
		} `xml:"plotArea"`
	} `xml:"chart"`
}

type attr struct {
	Val string `xml:"val,attr"`
}

var chartPart = regexp.MustCompile(`^xl/charts/chart(\d+)\.xml$`)

// Charts returns the workbook's charts in the order they were added.
func Charts(path string) ([]Chart, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	type part struct {
		n int
		f *zip.File
	}
	var parts []part
	for _, f := range z.File {
		if m := chartPart.FindStringSubmatch(f.Name); m != nil {
			n, _ := strconv.Atoi(m[1])
			parts = append(parts, part{n, f})
		}
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].n < parts[j].n })
	var out []Chart
	for _, p := range parts {
		rc, err := p.f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		var cs chartSpace
		if err := xml.Unmarshal(b, &cs); err != nil {
			return nil, fmt.Errorf("%s: %w", p.f.Name, err)
		}
		for _, pl := range cs.Chart.PlotArea.Plots {
			if len(pl.Ser) == 0 {
				continue
			}
			c := Chart{Part: p.f.Name, Type: pl.XMLName.Local, Dir: pl.BarDir.Val, Group: pl.Grouping.Val}
			for _, s := range pl.Ser {
				cat := s.Cat
				if cat == "" {
					cat = s.CatN
				}
				c.Series = append(c.Series, Series{Name: s.Tx, Cat: cat, Val: s.Val, NoFill: s.SpPr.NoFill != nil, Color: s.SpPr.Solid.RGB.Val})
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// Sheet returns the sheet a reference points into.
func Sheet(ref string) string {
	i := strings.LastIndex(ref, "!")
	if i < 0 {
		return ""
	}
	s := ref[:i]
	if strings.HasPrefix(s, "'") && strings.HasSuffix(s, "'") {
		s = strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// Resolve returns the raw values of the cells a reference such as
// 'Sheet'!$B$5:$B$9 (one row or one column) points at; a reference that
// points nowhere fails the test.
func Resolve(t testing.TB, f *excelize.File, ref string) []string {
	t.Helper()
	sh := Sheet(ref)
	rng := strings.ReplaceAll(ref[strings.LastIndex(ref, "!")+1:], "$", "")
	from, to, ok := strings.Cut(rng, ":")
	if !ok {
		to = from
	}
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil {
		t.Fatalf("%s: %v", ref, err)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			v, err := f.GetCellValue(sh, name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("%s: %v", ref, err)
			}
			out = append(out, v)
		}
	}
	return out
}

// NumFmt returns the number format of a cell: its custom format code, or
// "builtin N" for Excel's built-in format N, so tests check how a figure
// shows, not only its value.
func NumFmt(f *excelize.File, sheet, ref string) (string, error) {
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		return "", err
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return "", err
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt, nil
	}
	return fmt.Sprint("builtin ", st.NumFmt), nil
}

// PosFmt is the positive section of a cell's number format (NumFmt), the
// one a test reads: the negative section repeats it with a true minus.
func PosFmt(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	code, err := NumFmt(f, sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	pos, _, _ := strings.Cut(code, ";")
	return pos
}
