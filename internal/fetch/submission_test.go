package fetch

import (
	"bytes"
	"strings"
	"testing"
)

func TestCutExhibit5(t *testing.T) {
	long := "<p>" + strings.Repeat("fully paid and nonassessable ", 10000) + "</p>\n" // one 290 kB line
	sub := "<SEC-DOCUMENT>0000000001-99-000001.txt : 19990104\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tS-8\n</SEC-HEADER>\n" +
		"<DOCUMENT>\n<TYPE>S-8\n<SEQUENCE>1\n<TEXT>\nThe registration statement. <TYPE>EX-5 in text is no tag\n</TEXT>\n</DOCUMENT>\n" +
		"<DOCUMENT>\n<TYPE>EX-5.1\n<SEQUENCE>2\n<FILENAME>ex51.htm\n<DESCRIPTION>OPINION\n<TEXT>\n<html>\n" + long + "</html>\n</TEXT>\n</DOCUMENT>\n" +
		"<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<FILENAME>logo.gif\n<TEXT>\nbegin 644 logo.gif\nM1TE&.#=A`0`!`(```/___P```\"P`````0`!```\"`D0!`#L`\nend\n</TEXT>\n</DOCUMENT>\n" +
		"<DOCUMENT>\n<TYPE>EX-5\n<SEQUENCE>4\n<TEXT>\n     Plain letter.\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
	var got []HeaderDocument
	var texts []string
	err := CutExhibit5(strings.NewReader(sub), 1<<20, func(d HeaderDocument, b []byte) error {
		got = append(got, d)
		texts = append(texts, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (HeaderDocument{"EX-5.1", "2", "ex51.htm", "OPINION"}) || got[1].Type != "EX-5" {
		t.Fatalf("documents: %+v", got)
	}
	if texts[0] != "<html>\n"+long+"</html>\n" || texts[1] != "     Plain letter.\n" {
		t.Errorf("texts: %d and %q", len(texts[0]), texts[1])
	}
	if n := cutName("0000000001-99-000001", got[1], []byte(texts[1])); n != "0000000001-99-000001-ex-5-4.txt" {
		t.Errorf("cutName = %q", n)
	}
	if n := cutName("0000000001-99-000001", HeaderDocument{Type: "EX-5.1", Filename: "../evil.htm"}, []byte("<html><p>x")); n != "0000000001-99-000001-ex-5.1.htm" {
		t.Errorf("cutName of an unsafe name = %q", n)
	}

	cut := sub[:strings.Index(sub, "</html>")]
	if err := CutExhibit5(strings.NewReader(cut), 1<<20, func(HeaderDocument, []byte) error { return nil }); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated submission: %v", err)
	}
	if err := CutExhibit5(strings.NewReader(sub), 100<<10, func(HeaderDocument, []byte) error { return nil }); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized letter: %v", err)
	}
	if err := CutExhibit5(bytes.NewReader(nil), 1<<20, func(HeaderDocument, []byte) error { t.Error("called"); return nil }); err != nil {
		t.Errorf("empty: %v", err)
	}
}
