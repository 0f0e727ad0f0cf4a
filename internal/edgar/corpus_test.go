package edgar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpusRow is one line of the corpus README's table.
type corpusRow struct{ file, accession, filer, form string }

func corpusTable(t *testing.T, dir string) []corpusRow {
	f, err := os.Open(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) < 6 || !strings.HasSuffix(strings.TrimSpace(cells[1]), ".txt") {
			continue
		}
		rows = append(rows, corpusRow{
			file: strings.TrimSpace(cells[1]), accession: strings.TrimSpace(cells[2]),
			filer: strings.TrimSpace(cells[3]), form: strings.TrimSpace(cells[4]),
		})
	}
	return rows
}

// corpusExhibits maps each labelled file to the exhibit types its labels name.
func corpusExhibits(t *testing.T, dir string) map[string][]string {
	b, err := os.ReadFile(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]string{}
	for line := range bytes.SplitSeq(bytes.TrimSpace(b), []byte("\n")) {
		var l struct{ File, Exhibit string }
		if err := json.Unmarshal(line, &l); err != nil {
			t.Fatal(err)
		}
		m[l.File] = append(m[l.File], l.Exhibit)
	}
	return m
}

var markupRe = regexp.MustCompile(`(?i)<(?:p|div|td|tr|table|font|br|img|b|span|html|body)[\s>/]|&nbsp;|&#[0-9]+;|&amp;`)

// TestCorpus reads the real submissions: each yields the header of the
// README's table and the EX-5 documents the labels name, rendered as text
// with no markup left.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	rows := corpusTable(t, dir)
	exhibits := corpusExhibits(t, dir)
	if len(rows) != 16 {
		t.Fatalf("README table has %d rows, want 16", len(rows))
	}
	letters := 0
	for _, row := range rows {
		t.Run(row.file, func(t *testing.T) {
			path := filepath.Join(dir, row.file)
			b, err := ReadFile(path, 64<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !IsSubmission(b) {
				t.Fatal("IsSubmission = false")
			}
			hdr, docs, err := ReadSubmission(bytes.NewReader(b), IsExhibit5)
			if err != nil {
				t.Fatalf("ReadSubmission: %v", err)
			}
			if hdr.Accession != row.accession || hdr.Company != row.filer || hdr.FormType != row.form {
				t.Errorf("header = %+v, want accession %s, filer %q, form %s", hdr, row.accession, row.filer, row.form)
			}
			if !regexp.MustCompile(`^[1-9][0-9]*$`).MatchString(hdr.CIK) {
				t.Errorf("CIK = %q", hdr.CIK)
			}
			// Filed in the accession's year (its middle part), as YYYY-MM-DD.
			if !regexp.MustCompile(`^20` + row.accession[11:13] + `-[01][0-9]-[0-3][0-9]$`).MatchString(hdr.Filed) {
				t.Errorf("Filed = %q for accession %s", hdr.Filed, row.accession)
			}
			var types []string
			for _, d := range docs {
				types = append(types, d.Type)
				letters++
				if !d.HTML {
					t.Errorf("%s: not detected as HTML", d.Type)
				}
				text := render(t, d)
				if !utf8.ValidString(text) {
					t.Errorf("%s: invalid UTF-8", d.Type)
				}
				if m := markupRe.FindString(text); m != "" {
					t.Errorf("%s: markup %q left in the text", d.Type, m)
				}
				if !strings.Contains(text, "/s/") && !strings.Contains(strings.ToLower(text), "very truly yours") {
					t.Errorf("%s: no signature in the text", d.Type)
				}
				if strings.Contains(text, "\n\n\n") || strings.Contains(text, " \n") || strings.Contains(text, "\n ") {
					t.Errorf("%s: text breaks the contract's spacing", d.Type)
				}
				if !strings.Contains(text, "opinion") {
					t.Errorf("%s: rendered text has no opinion:\n%s", d.Type, text)
				}
			}
			if want := exhibits[row.file]; !slices.Equal(types, want) {
				t.Errorf("EX-5 documents %v, want %v", types, want)
			}
		})
	}
	if letters != 22 && !t.Failed() {
		t.Errorf("%d letters in the submissions, want 22", letters)
	}
}

// TestCorpusBareLetter reads the 1996 plain-text letter, which has no
// EDGAR header.
func TestCorpusBareLetter(t *testing.T) {
	dir := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "000_*.txt"))
	if len(files) != 1 {
		t.Fatalf("want one 000_*.txt, got %v", files)
	}
	b, err := ReadFile(files[0], 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	if IsSubmission(b) || LooksHTML(b) {
		t.Fatal("bare text letter taken for a submission or HTML")
	}
	text := PlainText(DecodeText(b, false))
	for _, want := range []string{"December 23, 1996\n\n", "RE: HemaCare Corporation\nRegistration Statement on Form S-8\n", "/s/ Sanders"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if line != strings.TrimSpace(line) || strings.Contains(line, "  ") {
			t.Errorf("line not trimmed and collapsed: %q", line)
		}
	}
}

// TestCorpusLineBlocks checks on the real HTML letters that a "Re:" never
// stands alone, that every "Re:" block opens with it, and that the inside
// address (the block after the date) is one block of several lines.
func TestCorpusLineBlocks(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	html, addresses := 0, 0
	for _, f := range files {
		b, err := ReadFile(f, 1<<28)
		if err != nil {
			t.Fatal(err)
		}
		if !IsSubmission(b) {
			continue
		}
		_, docs, err := ReadSubmission(bytes.NewReader(b), IsExhibit5)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, d := range docs {
			if !d.HTML {
				continue
			}
			html++
			text, err := d.Text()
			if err != nil {
				t.Fatalf("%s %s: %v", f, d.Type, err)
			}
			blocks := strings.Split(strings.TrimSuffix(text, "\n"), "\n\n")
			for i, bl := range blocks {
				if reCellRe.MatchString(bl) {
					t.Errorf("%s %s: %q stands alone before %q", filepath.Base(f), d.Type, bl, blocks[min(i+1, len(blocks)-1)])
				}
				if i > 0 && lineDateRe.MatchString(blocks[i-1]) && i < 12 {
					if lines := strings.Count(bl, "\n") + 1; lines >= 3 {
						addresses++
					}
				}
			}
		}
	}
	if html < 10 {
		t.Fatalf("read %d HTML letters, want at least 10", html)
	}
	// Before the line blocks, every address line was a block of its own.
	if addresses*2 < html {
		t.Errorf("only %d of %d HTML letters have a multi-line block after the date", addresses, html)
	}
	t.Logf("%d HTML letters, %d with an inside address block", html, addresses)
}
