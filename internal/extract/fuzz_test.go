package extract

import (
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that no input makes Extract panic, and that what it
// returns is well-formed. Run it with a short minimization time: the seeds
// are whole letters, and minimizing each new input for the default 60s
// leaves no time to fuzz:
//
//	go test -run='^$' -fuzz=FuzzExtract -fuzztime=60s -fuzzminimizetime=2s ./internal/extract
func FuzzExtract(f *testing.F) {
	for _, s := range []string{sampleLetter, oldPlainS8, inHouseS8, caymanF3, debtTakedown, "", "Very truly yours,", "(the \"Company\")"} {
		f.Add(s)
	}
	for _, v := range varietyLetters {
		f.Add(v.text)
	}
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := e.Extract(s)
		if m.Date != "" && len(m.Date) != 10 {
			t.Errorf("Date %q is not YYYY-MM-DD", m.Date)
		}
		if m.Shares < 0 {
			t.Errorf("Shares %d < 0", m.Shares)
		}
		for _, v := range append(append(append([]string{m.Issuer, m.Signer, m.Addressee, m.Securities}, m.Firms...), m.Plans...), m.Jurisdictions...) {
			if !utf8.ValidString(v) {
				t.Errorf("invalid UTF-8 in %q", v)
			}
		}
		if m.InHouse && len(m.Firms) > 0 {
			t.Errorf("InHouse with Firms %q", m.Firms)
		}
	})
}
