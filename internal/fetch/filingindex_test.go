package fetch

import (
	"os"
	"strings"
	"testing"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestParseIndexHTM(t *testing.T) {
	fi, err := ParseIndexHTM(open(t, "index.htm"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Form != "S-3ASR" || fi.Filed != "2022-05-03" || fi.Accession != "0000950103-22-008812" {
		t.Errorf("header: %+v", fi)
	}
	if len(fi.Filers) != 2 || fi.Filers[0] != (Filer{"BELLWETHER UTILITIES CORP", "49123", "Filer"}) || fi.Filers[1].CIK != "1928375" {
		t.Errorf("filers: %+v", fi.Filers)
	}
	if len(fi.Documents) != 8 {
		t.Fatalf("%d documents, want 8 (7 + the XBRL schema): %+v", len(fi.Documents), fi.Documents)
	}
	ex51 := IndexDocument{Seq: "2", Description: "OPINION OF MORROW, STAINES & WHITFIELD LLP", Filename: "d287310dex51.htm",
		Path: "/Archives/edgar/data/49123/000095010322008812/d287310dex51.htm", Type: "EX-5.1", Size: 14221}
	if fi.Documents[1] != ex51 {
		t.Errorf("EX-5.1 row:\n got %+v\nwant %+v", fi.Documents[1], ex51)
	}
	fees := fi.Documents[4]
	if fees.Filename != "d287310dexfilingfees.htm" || fees.Path != "/Archives/edgar/data/49123/000095010322008812/d287310dexfilingfees.htm" || fees.Type != "EX-FILING FEES" {
		t.Errorf("iXBRL row: %+v", fees)
	}
	sub := fi.Documents[6]
	if sub.Type != "" || sub.Seq != "" || sub.Filename != "0000950103-22-008812.txt" || sub.Size != 601922 {
		t.Errorf("submission row: %+v", sub)
	}
	var ex5 []string
	for _, d := range fi.Documents {
		if IsExhibit5(d.Type) {
			ex5 = append(ex5, d.Filename)
		}
	}
	if strings.Join(ex5, " ") != "d287310dex51.htm d287310dex52.htm" {
		t.Errorf("EX-5 documents: %q", ex5)
	}
}

func TestParseIndexHTMRejects(t *testing.T) {
	for _, page := range []string{"", "<html><body><h1>404 Not Found</h1></body></html>", strings.Repeat("<div>", 1000), "\x00\x01\x02binary"} {
		if _, err := ParseIndexHTM(strings.NewReader(page)); err == nil {
			t.Errorf("ParseIndexHTM(%.30q): no error", page)
		}
	}
	if _, err := ParseIndexHTM(strings.NewReader(strings.Repeat("x", maxIndexPage+1))); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge page: %v", err)
	}
}

func TestParseIndexJSONAndHeaders(t *testing.T) {
	names, err := ParseIndexJSON(open(t, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 7 || names[0] != "0000950103-22-008812-index-headers.html" || names[4] != "d287310dex51.htm" {
		t.Errorf("names: %q", names)
	}
	h, err := ParseIndexHeaders(open(t, "index-headers.html"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Form != "S-3ASR" || h.Filed != "2022-05-03" || h.Company != "BELLWETHER UTILITIES CORP" || h.CIK != "49123" {
		t.Errorf("header: %+v", h)
	}
	want := []HeaderDocument{
		{"S-3ASR", "1", "d287310ds3asr.htm", "FORM S-3ASR"},
		{"EX-5.1", "2", "d287310dex51.htm", "OPINION OF MORROW, STAINES & WHITFIELD LLP"},
		{"GRAPHIC", "3", "g287310g01.jpg", ""},
	}
	if len(h.Documents) != len(want) {
		t.Fatalf("documents: %+v", h.Documents)
	}
	for i := range want {
		if h.Documents[i] != want[i] {
			t.Errorf("document %d: %+v, want %+v", i, h.Documents[i], want[i])
		}
	}
	if _, err := ParseIndexJSON(strings.NewReader(`{"not":"a listing"}`)); err == nil {
		t.Error("ParseIndexJSON of another JSON: no error")
	}
	if _, err := ParseIndexHeaders(strings.NewReader("<html>nothing</html>")); err == nil {
		t.Error("ParseIndexHeaders without documents: no error")
	}
}

func TestIsExhibit5(t *testing.T) {
	for typ, want := range map[string]bool{
		"EX-5": true, "EX-5.1": true, "ex-5.01": true, "EX-5(a)": true, " EX-5.2 ": true,
		"EX-50": false, "EX-99.5": false, "EX-15": false, "EX-23.5": false, "S-8": false, "": false,
	} {
		if IsExhibit5(typ) != want {
			t.Errorf("IsExhibit5(%q) = %v", typ, !want)
		}
	}
	for name, want := range map[string]string{
		"d287310dex51.htm": "EX-5.1", "tm2218765d1_ex5-1.htm": "EX-5.1", "exhibit5.htm": "EX-5", "ex5.txt": "EX-5", "ex05_2.htm": "EX-5.2",
		"d287310dex251.htm": "", "ex23-1.htm": "", "s8.htm": "", "d287310dex5.jpg": "",
	} {
		if got := exhibit5Type(name); got != want {
			t.Errorf("exhibit5Type(%q) = %q, want %q", name, got, want)
		}
	}
}
