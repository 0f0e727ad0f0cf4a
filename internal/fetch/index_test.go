package fetch

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func readIndexFile(t *testing.T, name string) ([]Entry, int) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var es []Entry
	bad, err := ReadIndex(f, func(e Entry) error { es = append(es, e); return nil })
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return es, bad
}

func TestReadIndexLayouts(t *testing.T) {
	form, badForm := readIndexFile(t, "form.idx")
	master, badMaster := readIndexFile(t, "master.idx")
	if len(form) != 9 || badForm != 1 {
		t.Fatalf("form.idx: %d entries, %d bad; want 9 and 1", len(form), badForm)
	}
	if len(master) != 9 || badMaster != 1 {
		t.Fatalf("master.idx: %d entries, %d bad; want 9 and 1", len(master), badMaster)
	}
	want := Entry{Form: "S-8 POS", Company: "Northwind Analytics, Inc.", CIK: "1731234", Filed: "2022-06-30",
		Accession: "0001193125-22-181818", File: "edgar/data/1731234/0001193125-22-181818.txt"}
	if !slices.Contains(form, want) || !slices.Contains(master, want) {
		t.Errorf("entry %+v missing:\nform.idx: %+v\nmaster.idx: %+v", want, form, master)
	}
	// The same filings, whatever the layout (master.idx writes one date as
	// YYYYMMDD, as older indexes do).
	key := func(es []Entry) []string {
		var k []string
		for _, e := range es {
			k = append(k, strings.Join([]string{e.Form, e.Company, e.CIK, e.Filed, e.Accession}, "|"))
		}
		slices.Sort(k)
		return k
	}
	if a, b := key(form), key(master); !slices.Equal(a, b) {
		t.Errorf("layouts disagree:\nform.idx   %q\nmaster.idx %q", a, b)
	}
	for _, e := range form {
		switch e.CIK {
		case "1200002": // a name longer than its column pushes the CIK right
			if e.Company != "THE FIRST NATIONAL BANCORPORATION OF THE GREATER MISSISSIPPI VALLEY INC" || e.Form != "S-8" {
				t.Errorf("long name: %+v", e)
			}
		case "1400001":
			if e.Form != "POS AM" || e.Company != "Harborview Realty Trust" {
				t.Errorf("form with a space: %+v", e)
			}
		}
	}
}

func TestReadIndexRejectsOtherFiles(t *testing.T) {
	_, err := ReadIndex(strings.NewReader("<html><body>Not Found</body></html>\n"), func(Entry) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not an EDGAR full index") {
		t.Fatalf("err = %v", err)
	}
}

func TestFilter(t *testing.T) {
	es, _ := readIndexFile(t, "form.idx")
	accs := func(f Filter) []string {
		var got []string
		for _, e := range es {
			if f.Match(e) {
				got = append(got, e.Accession+" "+e.CIK)
			}
		}
		return got
	}
	def, err := ParseForms("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"default forms", Filter{Forms: def}, []string{
			"0001400001-22-000017 1400001", // POS AM
			"0001213900-22-035555 1899001", // S-1/A: amendments count
			"0000950103-22-008812 1928375", "0000950103-22-008812 49123",
			"0001193125-22-170001 1731234", "0001200002-22-000003 1200002",
			"0001193125-22-181818 1731234", // S-8 POS
		}},
		{"8-K on request", Filter{Forms: mustForms(t, "8-k")}, []string{"0001104659-22-071234 1563412"}},
		{"default and 8-K", Filter{Forms: mustForms(t, "default,8-K"), CIKs: mustCIKs(t, "1563412,1400001")}, []string{
			"0001104659-22-071234 1563412", "0001400001-22-000017 1400001"}},
		{"S-8 alone is not S-8 POS", Filter{Forms: mustForms(t, "S-8")}, []string{
			"0001193125-22-170001 1731234", "0001200002-22-000003 1200002"}},
		{"dates inclusive", Filter{Forms: def, From: "2022-05-03", To: "2022-06-15"}, []string{
			"0001400001-22-000017 1400001",
			"0000950103-22-008812 1928375", "0000950103-22-008812 49123",
			"0001193125-22-170001 1731234",
		}},
		{"cik with zeros", Filter{Forms: def, CIKs: mustCIKs(t, "0000049123, 1731234")}, []string{
			"0000950103-22-008812 49123", "0001193125-22-170001 1731234", "0001193125-22-181818 1731234"}},
	}
	for _, tt := range tests {
		if got := accs(tt.f); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	if _, err := ParseCIKs("12a"); err == nil {
		t.Error("ParseCIKs(12a): no error")
	}
	if _, err := ParseForms("S-8,,S-3"); err == nil {
		t.Error("ParseForms with an empty item: no error")
	}
}

func mustForms(t *testing.T, s string) Forms {
	f, err := ParseForms(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustCIKs(t *testing.T, s string) map[string]bool {
	c, err := ParseCIKs(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestQuarters(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	got := Quarters(d("2021-11-30"), d("2022-04-01"))
	want := []Quarter{{2021, 4}, {2022, 1}, {2022, 2}}
	if !slices.Equal(got, want) {
		t.Errorf("Quarters = %v, want %v", got, want)
	}
	if q := (Quarter{2022, 2}); q.Dir() != "/Archives/edgar/full-index/2022/QTR2/" || !q.Start().Equal(d("2022-04-01")) || !q.End().Equal(d("2022-07-01")) {
		t.Errorf("quarter %v: dir %s, %v to %v", q, q.Dir(), q.Start(), q.End())
	}
	for _, c := range []struct {
		in   string
		end  bool
		want string
	}{{"2022-02-03", false, "2022-02-03"}, {"2022-02", false, "2022-02-01"}, {"2022-02", true, "2022-02-28"}, {"2024", true, "2024-12-31"}} {
		got, err := ParseDate(c.in, c.end)
		if err != nil || got.Format(time.DateOnly) != c.want {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %s", c.in, c.end, got, err, c.want)
		}
	}
	if _, err := ParseDate("03/02/2022", false); err == nil {
		t.Error("ParseDate(03/02/2022): no error")
	}
}
