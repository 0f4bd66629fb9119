package chart

import (
	"fmt"
	"testing"
)

func zzf(v float64) *float64 { return &v }

var zzTopics = []string{"Digitale Souveränität", "Künstliche Intelligenz", "Verwaltungsdigitalisierung", "Cybersicherheit", "Breitbandausbau", "Open Data", "Digitale Bildung", "Fachkräftegewinnung in der IT"}
var zzStates = []string{"Sachsen", "Sachsen-Anhalt", "Thüringen", "Anderes Bundesland"}

func TestZZSamples(t *testing.T) {
	var grouped, heat, div, line, bar []Point
	for i, tp := range zzTopics {
		for j, s := range zzStates {
			y := 2.5 + float64((i*7+j*3)%10)/5
			p := Point{X: tp, Series: s, Y: y, Lo: zzf(y - 0.3), Hi: zzf(y + 0.25)}
			if j == 3 && i%3 == 0 {
				p = Point{X: tp, Series: s, Missing: true}
			}
			grouped = append(grouped, p)
			heat = append(heat, p)
		}
		shares := []float64{0.05 + float64(i%3)*0.05, 0.15, 0.2, 0.35, 0}
		shares[4] = 1 - shares[0] - shares[1] - shares[2] - shares[3]
		for k, sh := range shares {
			div = append(div, Point{X: tp, Series: fmt.Sprintf("%d", k+1), Y: sh})
		}
		bar = append(bar, Point{X: tp, Y: 3 + float64(i%4)/3, Lo: zzf(2.8 + float64(i%4)/3), Hi: zzf(3.3 + float64(i%4)/3)})
	}
	for e := 12; e <= 16; e++ {
		for j, s := range zzStates[:3] {
			y := 3 + float64((e+j)%4)/4
			line = append(line, Point{X: fmt.Sprintf("mdk%d", e), Series: s, Y: y, Lo: zzf(y - .2), Hi: zzf(y + .2)})
		}
	}
	levels := []string{"1 – kein Bedarf", "2", "3", "4", "5 – sehr hoher Bedarf"}
	for k := range div {
		div[k].Series = levels[(k)%5]
	}
	cases := []struct {
		name string
		spec Spec
		data Data
	}{
		{"grouped_h", Spec{Kind: GroupedBar, Title: "Handlungsbedarf nach Bundesland (n = 150, mdk16)", X: "Thema", Y: "Mittelwert (1 = kein, 5 = sehr hoher Bedarf)", Note: "Balken mit weniger als 5 Antworten ausgelassen. Fehlerbalken: 95-%-Konfidenzintervall.", YMin: zzf(1), YMax: zzf(5), Horizontal: true}, Data{Points: grouped}},
		{"grouped_v", Spec{Kind: GroupedBar, Title: "Handlungsbedarf nach Bundesland (n = 150, mdk16)", X: "Thema", Y: "Mittelwert", Note: "Balken mit weniger als 5 Antworten ausgelassen.", YMin: zzf(1), YMax: zzf(5)}, Data{Points: grouped}},
		{"heat", Spec{Kind: Heatmap, Title: "Handlungsbedarf nach Bundesland (n = 150, mdk16)", X: "Thema", Y: "Bundesland", Note: ". = weniger als 5 Antworten", YMin: zzf(1), YMax: zzf(5), Horizontal: true}, Data{Points: heat}},
		{"div", Spec{Kind: Diverging, Title: "Handlungsbedarf je Thema (n = 150, mdk16)", Y: "Anteil der Antworten", Note: "Anteile je Thema; neutrale Antworten (3) mittig."}, Data{Points: div}},
		{"line", Spec{Kind: Line, Title: "Handlungsbedarf KI über die Konferenzen", X: "Konferenz", Y: "Mittelwert", YMin: zzf(1), YMax: zzf(5), Lang: "en"}, Data{Points: line}},
		{"bar", Spec{Kind: Bar, Title: "Handlungsbedarf gesamt (n = 150, mdk16)", Y: "Mittelwert", Horizontal: true, YMin: zzf(1), YMax: zzf(5)}, Data{Points: bar}},
		{"bar_v", Spec{Kind: Bar, Title: "Handlungsbedarf gesamt (n = 150, mdk16)", Y: "Mittelwert"}, Data{Points: bar}},
		{"heat_v", Spec{Kind: Heatmap, Title: "Handlungsbedarf nach Bundesland (n = 150, mdk16)", X: "Thema", Y: "Bundesland", Note: ". = weniger als 5 Antworten", Lang: "en"}, Data{Points: heat}},
		{"stacked", Spec{Kind: StackedBar, Title: "Antworten nach Bundesland", Y: "Anzahl", Horizontal: true}, Data{Points: []Point{{X: "Digitale Souveränität", Series: "Sachsen", Y: 40}, {X: "Digitale Souveränität", Series: "Thüringen", Y: 30}, {X: "KI", Series: "Sachsen", Y: 20}, {X: "KI", Series: "Thüringen", Y: 25}}}},
	}
	for _, c := range cases {
		l, err := Render(c.spec, c.data, "/tmp/chartsamples/"+c.name+".png", "/tmp/chartsamples/"+c.name+".svg")
		if err != nil {
			t.Fatal(c.name, err)
		}
		t.Log(c.name, l.Width, l.Height, len(l.Marks), len(l.Omitted))
	}
}
