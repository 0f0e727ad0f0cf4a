package edgar

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"line ends", "A\r\nB\rC\n", "A\nB\nC\n"},
		{"trim and collapse", "   Dear  Sirs:   \n\n\n\n     We act\tas counsel.  \n", "Dear Sirs:\n\nWe act as counsel.\n"},
		{"hard wraps kept", "We have acted as counsel\nto the Company in connection\nwith the Shares.\n", "We have acted as counsel\nto the Company in connection\nwith the Shares.\n"},
		{"page markers and footers", "Text one\nends here.\n\n                 -2-\n\f<PAGE>   3\nText two.\n\n<PAGE>\n\n   3\n", "Text one\nends here.\n\nText two.\n"},
		{"running header", "First page.\n\n- 1 -\n\x0cAcme Corp.\nMay 1, 1997\nPage 2\n\nSecond page.\n", "First page.\n\nSecond page.\n"},
		{"glued page number", "the Shares will be\n2\n<PAGE>\nvalidly issued.\n", "the Shares will be\nvalidly issued.\n"},
		{"text table", "Name            State\nAcme Sub LLC    Delaware\n\nRE:  Acme   Corp\n", "Name\tState\nAcme Sub LLC\tDelaware\n\nRE: Acme Corp\n"},
		{"tabs expand before split", "Name\t\t\tState\nAcme\t\t\tTexas\n", "Name\tState\nAcme\tTexas\n"},
		{"controls and NUL", "A\x00B\x01\u00a0C\ufeff\n", "AB C\n"},
		{"empty", "", ""},
		{"only furniture", "\f<PAGE>\n\n- 1 -\n", ""},
		{"1990s table markup", "<TABLE>\n<CAPTION>\n<S>                 <C>\nName                State\n<FN>\n</TABLE>\nAcme<F1>            Texas\n", "Name\tState\nAcme\tTexas\n"},
		{"numbered paragraphs", "     1.  The Shares are duly authorized.\n\n     (a)  validly issued;\n", "1. The Shares are duly authorized.\n\n(a) validly issued;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.in); got != tt.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		html bool
		want string
	}{
		{"utf-8", []byte("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d"), false, "café “q”"},
		{"bom", []byte("\xef\xbb\xbfHello"), false, "Hello"},
		{"windows-1252 quotes", []byte("the \x93Company\x94 \x96 it\x92s \x80"), false, "the “Company” – it’s €"},
		{"latin-1", []byte("Z\xfcrich, Espa\xf1a \xa7 5"), false, "Zürich, España § 5"},
		{"NUL removed", []byte("A\x00B"), false, "AB"},
		{"meta charset", []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"></head>` + "\xb1"), true, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"></head>ą`},
		{"meta charset ignored in text", []byte(`<meta charset="iso-8859-2">` + "\xb1"), false, `<meta charset="iso-8859-2">±`},
		{"meta utf-8 but latin-1 bytes", []byte(`<meta charset="utf-8">Z` + "\xfc"), true, `<meta charset="utf-8">Zü`},
		{"unknown charset", []byte(`<meta charset="x-klingon">` + "\xe9"), true, `<meta charset="x-klingon">é`},
		{"utf-16", []byte("\xff\xfeH\x00i\x00"), false, "Hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DecodeText(tt.in, tt.html); got != tt.want {
				t.Errorf("DecodeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	letter := []byte("EXHIBIT 5.1\n\nWe are of the opinion that the Shares are validly issued.\n")
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		limit   int64
		want    []byte
		wantErr string
	}{
		{"plain", write("a.txt", letter), 1 << 20, letter, ""},
		{"gzip by magic, any name", write("a.txt", gz(t, letter)), 1 << 20, letter, ""},
		{"gzip named .gz", write("b.htm.gz", gz(t, letter)), 1 << 20, letter, ""},
		{"at the limit", write("c.txt", letter), int64(len(letter)), letter, ""},
		{"over the limit", write("d.txt", letter), int64(len(letter)) - 1, nil, "larger than the"},
		{"gzip over the limit", write("e.gz", gz(t, letter)), 10, nil, "decompressed file larger than the 10-byte limit"},
		{"corrupt gzip", write("f.gz", append([]byte{0x1f, 0x8b}, "garbage"...)), 1 << 20, nil, "gzip"},
		{"truncated gzip", write("g.gz", gz(t, letter)[:20]), 1 << 20, nil, "gzip"},
		{"missing", filepath.Join(dir, "nope"), 1 << 20, nil, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadFile(tt.path, tt.limit)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), tt.path) {
					t.Fatalf("err = %v, want one naming the file and saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("got %q", got)
			}
		})
	}
	if _, err := ReadFile(write("h.txt", letter), 3); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestLocateFiling(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rec := Filing{Accession: "0001193125-22-186192", CIK: "0001304492", Company: "Example Co", FormType: "S-3", Filed: "20220630",
		Documents: []FilingDocument{{Filename: "dex51.htm", Type: "EX-5.1", URL: "https://www.sec.gov/x"}}}
	withRec := mk("raw/1304492/0001193125-22-186192/dex51.htm")
	b, _ := json.Marshal(rec)
	if err := os.WriteFile(filepath.Join(filepath.Dir(withRec), FilingRecordName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := mk("raw/42/000004200000000001/ex5.txt")
	if err := os.WriteFile(filepath.Join(filepath.Dir(bad), FilingRecordName), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	mismatch := mk("raw/43/0000043000-00-000002/ex5.txt")
	if err := os.WriteFile(filepath.Join(filepath.Dir(mismatch), FilingRecordName), []byte(`{"accession":"0000043000-00-000009"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		want    Filing
		ok      bool
		wantErr string
	}{
		{"with record", withRec, Filing{Accession: "0001193125-22-186192", CIK: "1304492", Company: "Example Co", FormType: "S-3", Filed: "2022-06-30", Documents: rec.Documents}, true, ""},
		{"18 digits, no record", mk("x/0000320193/000119312519292676/d1.htm"), Filing{Accession: "0001193125-19-292676", CIK: "320193"}, true, ""},
		{"not a CIK", mk("x/apple/0001193125-19-292676/d1.htm"), Filing{}, false, ""},
		{"not an accession", mk("x/320193/2019/d1.htm"), Filing{}, false, ""},
		{"bare file", mk("letter.htm"), Filing{}, false, ""},
		{"bad record", bad, Filing{Accession: "0000042000-00-000001", CIK: "42"}, true, "filing.json"},
		{"record of another filing", mismatch, Filing{Accession: "0000043000-00-000002", CIK: "43"}, true, "does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok, err := LocateFiling(tt.path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if ok != tt.ok {
				t.Fatalf("ok = %v", ok)
			}
			gotJ, _ := json.Marshal(f)
			wantJ, _ := json.Marshal(tt.want)
			if string(gotJ) != string(wantJ) {
				t.Errorf("got %s\nwant %s", gotJ, wantJ)
			}
		})
	}
}

func TestExhibitURL(t *testing.T) {
	got := ExhibitURL("0001304492", "0001193125-22-186192", "d374207dex51.htm")
	want := "https://www.sec.gov/Archives/edgar/data/1304492/000119312522186192/d374207dex51.htm"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := ExhibitURL("42", "0000000042-24-000001", "ex 5?.htm"); got != "https://www.sec.gov/Archives/edgar/data/42/000000004224000001/ex%205%3F.htm" {
		t.Errorf("got %s", got)
	}
}

func TestBareDocument(t *testing.T) {
	tests := []struct {
		name string
		in   string
		html bool
	}{
		{"d1dex51.htm", "<p>x</p>", true},
		{"dex51.HTML.gz", "plain words", true},
		{"ex5.txt", "EXHIBIT 5\n\n<PAGE>\nDear Sirs:", false},
		{"ex5.txt", "<TABLE>\n<S> <C>\n</TABLE>\n<b>x</b>", false},
		{"ex5.txt", "<html><body><p>x</p></body></html>", true},
		{"ex5", "<div><p>x</p></div>", true},
		{"ex5", "Dear Sirs:", false},
	}
	for _, tt := range tests {
		d := BareDocument("/raw/1/0000000001-24-000001/"+tt.name, []byte(tt.in))
		if d.HTML != tt.html || d.Filename != tt.name || string(d.Raw) != tt.in {
			t.Errorf("BareDocument(%s, %q) = %+v", tt.name, tt.in, d)
		}
		if _, err := d.Text(); err != nil {
			t.Error(err)
		}
	}
}

func TestExhibitNumber(t *testing.T) {
	for in, want := range map[string]string{"EX-5.1": "5.1", "ex-5": "5", " EX-5.2 ": "5.2", "GRAPHIC": "", "EX-": "", "S-8": ""} {
		if got := ExhibitNumber(in); got != want {
			t.Errorf("ExhibitNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLooksBinary(t *testing.T) {
	for in, want := range map[string]bool{
		"%PDF-1.4\n...":                  true,
		"PK\x03\x04\x14\x00":             true,
		"\xff\xd8\xff\xe0JFIF":           true,
		"\x00\x01\x02\x03 abc":           true,
		"EXHIBIT 5\r\n\fPage\ttext\n":    false,
		"<html>caf\xe9 \x93q\x94</html>": false,
		"mostly text with one \x00 NUL":  false,
		"":                               false,
	} {
		if got := LooksBinary([]byte(in)); got != want {
			t.Errorf("LooksBinary(%q) = %v, want %v", in, got, want)
		}
	}
}
