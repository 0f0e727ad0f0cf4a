package edgar

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// render turns a document into contract text, as ingest will.
func render(t testing.TB, d Document) string {
	t.Helper()
	s := DecodeText(d.Raw, d.HTML)
	if !d.HTML {
		return PlainText(s)
	}
	out, err := HTMLToText(s)
	if err != nil {
		t.Fatalf("%s: %v", d.Filename, err)
	}
	return out
}

func TestReadSubmission(t *testing.T) {
	type doc struct {
		typ, seq, file, desc string
		html                 bool
	}
	tests := []struct {
		file string
		hdr  Header
		docs []doc
	}{
		{
			file: "public.txt",
			hdr:  Header{Accession: "0000950123-24-001234", CIK: "1777001", Company: "Harbor Lantern Robotics, Inc.", FormType: "S-8", Filed: "2024-03-15"},
			docs: []doc{
				{"EX-5.1", "2", "d555dex51.htm", "EX-5.1", true},
				{"EX-5.2", "5", "d555dex52.txt", "OPINION OF MAINE COUNSEL", false},
			},
		},
		{
			file: "tagged.txt",
			hdr:  Header{Accession: "0001099910-98-000042", CIK: "812345", Company: "OLD MILL BANCORP", FormType: "S-3/A", Filed: "1998-02-12"},
			docs: []doc{{"EX-5", "2", "", "OPINION OF COUNSEL", false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !IsSubmission(b) {
				t.Fatalf("IsSubmission = false")
			}
			var seen []string
			hdr, docs, err := ReadSubmission(bytes.NewReader(b), func(typ string) bool {
				seen = append(seen, typ)
				return IsExhibit5(typ)
			})
			if err != nil {
				t.Fatalf("ReadSubmission: %v", err)
			}
			if hdr != tt.hdr {
				t.Errorf("header\n got %+v\nwant %+v", hdr, tt.hdr)
			}
			if len(seen) < 4 {
				t.Errorf("keep was asked about %v, want every document", seen)
			}
			if len(docs) != len(tt.docs) {
				t.Fatalf("got %d documents, want %d", len(docs), len(tt.docs))
			}
			for i, d := range docs {
				w := tt.docs[i]
				if d.Type != w.typ || d.Sequence != w.seq || d.Filename != w.file || d.Description != w.desc || d.HTML != w.html {
					t.Errorf("doc %d = {%s %s %s %q html=%v}, want %+v", i, d.Type, d.Sequence, d.Filename, d.Description, d.HTML, w)
				}
				if bytes.Contains(d.Raw, []byte("<TEXT>")) || bytes.Contains(d.Raw, []byte("</TEXT>")) {
					t.Errorf("doc %d: Raw keeps the <TEXT> tags", i)
				}
				if bytes.HasPrefix(d.Raw, []byte("\n")) || bytes.HasSuffix(d.Raw, []byte("\n")) {
					t.Errorf("doc %d: Raw keeps the framing newlines", i)
				}
				golden(t, strings.TrimSuffix(tt.file, ".txt")+"-"+d.Type+".txt", render(t, d))
			}
		})
	}
}

// A 1990s public submission inside its privacy-enhanced-message envelope
// reads like the bare one.
func TestReadSubmissionPEMEnvelope(t *testing.T) {
	b, err := os.ReadFile("testdata/public.txt")
	if err != nil {
		t.Fatal(err)
	}
	pem := "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\nOriginator-Name: webmaster@www.sec.gov\nMIC-Info: RSA-MD5,RSA,\n O6JyDtJcIqWHS9hnrfuGzgSHqzJQgi1vRUX5rb+dWDmtvXJ7Uwb/jdLNfJ8YkdM1\n\n" +
		string(b) + "-----END PRIVACY-ENHANCED MESSAGE-----\n"
	if !IsSubmission([]byte(pem)) {
		t.Fatal("IsSubmission = false for a PEM-wrapped submission")
	}
	want, wantDocs, err := ReadSubmission(bytes.NewReader(b), IsExhibit5)
	if err != nil {
		t.Fatal(err)
	}
	got, docs, err := ReadSubmission(strings.NewReader(pem), IsExhibit5)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || len(docs) != len(wantDocs) || len(docs) == 0 {
		t.Errorf("PEM-wrapped: header %+v, %d documents; bare: %+v, %d", got, len(docs), want, len(wantDocs))
	}
}

func TestReadSubmissionKeepsAll(t *testing.T) {
	b, err := os.ReadFile("testdata/tagged.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, docs, err := ReadSubmission(bytes.NewReader(b), nil)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, d := range docs {
		types = append(types, d.Type)
	}
	if got := strings.Join(types, ","); got != "S-3/A,EX-5,EX-50,EX-99" {
		t.Fatalf("types = %s", got)
	}
	// The <PDF> wrapper goes, its uuencoded content stays.
	pdf := string(docs[3].Raw)
	if strings.Contains(pdf, "<PDF>") || !strings.HasPrefix(pdf, "begin 644 notes.pdf") {
		t.Errorf("EX-99 Raw = %q", pdf)
	}
}

func TestReadSubmissionMalformed(t *testing.T) {
	full, err := os.ReadFile("testdata/public.txt")
	if err != nil {
		t.Fatal(err)
	}
	cut := func(marker string) []byte {
		i := bytes.Index(full, []byte(marker))
		if i < 0 {
			t.Fatalf("no %q in public.txt", marker)
		}
		return full[:i]
	}
	tests := []struct {
		name     string
		in       []byte
		wantErr  string
		wantDocs int // EX-5 documents still returned
	}{
		{"empty", nil, "no <DOCUMENT>", 0},
		{"header only", cut("<DOCUMENT>"), "no <DOCUMENT>", 0},
		{"cut in EX-5.1 text", cut("<P>Very truly yours"), "document 2 (EX-5.1) has no </TEXT>", 1},
		{"cut in graphic", cut("`\nend"), "document 4 (GRAPHIC) has no </TEXT>", 1},
		{"cut before </SEC-DOCUMENT>", cut("</SEC-DOCUMENT>"), "no closing </SEC-DOCUMENT>", 2},
		{"cut before <TEXT>", cut("<DESCRIPTION>EX-5.1"), "ends before <TEXT>", 0},
		{"unclosed TEXT", bytes.Replace(full, []byte("</BODY></HTML>\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-23.1"), []byte("</BODY></HTML>\n<DOCUMENT>\n<TYPE>EX-23.1"), 1), "<TEXT> not closed before the next <DOCUMENT>", 2},
		{"no TEXT", []byte("<SUBMISSION>\n<DOCUMENT>\n<TYPE>EX-5.1\n</DOCUMENT>\n</SUBMISSION>\n"), "has no <TEXT>", 0},
		{"binary", bytes.Repeat([]byte{0, 0xff, 0x1f, '<', 'D'}, 1000), "no <DOCUMENT>", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, docs, err := ReadSubmission(bytes.NewReader(tt.in), IsExhibit5)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to say %q", err, tt.wantErr)
			}
			if len(docs) != tt.wantDocs {
				t.Errorf("got %d documents, want %d", len(docs), tt.wantDocs)
			}
		})
	}
}

func TestReadSubmissionOneLineTags(t *testing.T) {
	in := "<SUBMISSION>\n<ACCESSION-NUMBER>000109991098000042\n<TYPE>8-K\n<FILING-DATE>19980212\n<FILER>\n<CONFORMED-NAME>A Co\n<CIK>0000000042\n</FILER>\n" +
		"<DOCUMENT><TYPE>EX-5.1\n<TEXT><HTML><P>Opinion</P></HTML></TEXT></DOCUMENT>\n</SUBMISSION>\r\n"
	hdr, docs, err := ReadSubmission(strings.NewReader(in), IsExhibit5)
	if err != nil {
		t.Fatal(err)
	}
	if hdr.Accession != "0001099910-98-000042" || hdr.CIK != "42" || hdr.Filed != "1998-02-12" || hdr.FormType != "8-K" {
		t.Errorf("header = %+v", hdr)
	}
	if len(docs) != 1 || string(docs[0].Raw) != "<HTML><P>Opinion</P></HTML>" || !docs[0].HTML {
		t.Fatalf("docs = %+v", docs)
	}
}

func TestIsSubmission(t *testing.T) {
	for in, want := range map[string]bool{
		"<SEC-DOCUMENT>0001.txt : 2024\n":   true,
		"\ufeff\r\n<sec-header>\n":          true,
		"<SUBMISSION>\n<ACCESSION-NUMBER>1": true,
		"<IMS-DOCUMENT>x":                   true,
		"<DOCUMENT>\n<TYPE>EX-5.1":          true,
		"<HTML><BODY>Exhibit 5.1":           false,
		"EXHIBIT 5.1\n\n<PAGE>":             false,
		"":                                  false,
		"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\nMIC-Info: RSA-MD5,RSA,\n AbC+/=\n\n<SEC-DOCUMENT>0000950123-97-004418.txt : 19970515\n": true,
		"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n\nEXHIBIT 5\n":                                                                          false,
	} {
		if got := IsSubmission([]byte(in)); got != want {
			t.Errorf("IsSubmission(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIsExhibit5(t *testing.T) {
	for typ, want := range map[string]bool{
		"EX-5": true, "EX-5.1": true, "ex-5.2": true, " EX-5.10 ": true, "Ex-5": true,
		"EX-50": false, "EX-51": false, "EX-5.": false, "EX-5.1A": false, "EX-23.1": false,
		"EX-5A": false, "S-8": false, "": false, "EX-15.1": false,
	} {
		if got := IsExhibit5(typ); got != want {
			t.Errorf("IsExhibit5(%q) = %v, want %v", typ, got, want)
		}
	}
}

func TestLooksHTML(t *testing.T) {
	for in, want := range map[string]bool{
		"<HTML><HEAD>":                                         true,
		"\n<!DOCTYPE html><html>":                              true,
		"<p style=x>Hi</p><div>there</div>":                    true,
		"<?xml version=\"1.0\"?>\n<html xmlns=x>":              true,
		"EXHIBIT 5\n\n<PAGE>\n  Dear Sirs:":                    false,
		"Use <b> for bold? no":                                 false,
		"we consent <to> the filing":                           false,
		"<TABLE>\n<CAPTION>\n<S>   <C>\n<B>Name</B>\n</TABLE>": false,
	} {
		if got := LooksHTML([]byte(in)); got != want {
			t.Errorf("LooksHTML(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRenderedValidUTF8(t *testing.T) {
	for _, f := range []string{"public.txt", "tagged.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		_, docs, _ := ReadSubmission(bytes.NewReader(b), IsExhibit5)
		for _, d := range docs {
			if s := render(t, d); !utf8.ValidString(s) {
				t.Errorf("%s %s: invalid UTF-8", f, d.Type)
			}
		}
	}
}

// TestReadSubmissionGzipLatin1: a gzip copy of a submission whose header
// names the filer in latin-1 reads as the original, the name in UTF-8.
func TestReadSubmissionGzipLatin1(t *testing.T) {
	in := "<SEC-DOCUMENT>\n<SEC-HEADER>\nACCESSION NUMBER:\t0000000002-97-000003\nCONFORMED SUBMISSION TYPE:\tF-3\nFILED AS OF DATE:\t19970704\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tSoci\xe9t\xe9 G\xe9n\xe9rale  Z\xfcrich\x00 AG\n\t\tCENTRAL INDEX KEY:\t0000000000\n</SEC-HEADER>\n" +
		"<DOCUMENT>\n<TYPE>EX-5\n<TEXT>\n\x93Opinion\x94 of Z\xfcrich counsel\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
	path := filepath.Join(t.TempDir(), "sub.txt")
	if err := os.WriteFile(path, gz(t, []byte(in)), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadFile(path, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	hdr, docs, err := ReadSubmission(bytes.NewReader(b), IsExhibit5)
	if err != nil {
		t.Fatal(err)
	}
	want := Header{Accession: "0000000002-97-000003", CIK: "0", Company: "Société Générale Zürich AG", FormType: "F-3", Filed: "1997-07-04"}
	if hdr != want {
		t.Errorf("header = %+v\nwant %+v", hdr, want)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	text, err := docs[0].Text()
	if err != nil || text != "“Opinion” of Zürich counsel\n" {
		t.Errorf("text = %q, %v", text, err)
	}
}
