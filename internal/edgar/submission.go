package edgar

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// submissionTags open a full EDGAR submission: the public .txt form
// (<SEC-DOCUMENT>, <SEC-HEADER>; <IMS-...> before 1997), the tagged
// dissemination form (<SUBMISSION>), or a bare <DOCUMENT> sequence.
var submissionTags = []string{"<SEC-DOCUMENT>", "<SEC-HEADER>", "<IMS-DOCUMENT>", "<IMS-HEADER>", "<SUBMISSION>", "<DOCUMENT>"}

// IsSubmission reports whether b is a full EDGAR submission (the public
// .txt with an SGML header, or the tagged <SUBMISSION> form) rather than a
// bare exhibit: it must open with one of the submission tags.
func IsSubmission(b []byte) bool {
	b = bytes.TrimPrefix(b, utf8BOM)
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	b = skipPEMHeader(b)
	for _, t := range submissionTags {
		if hasPrefixFold(b, t) {
			return true
		}
	}
	return false
}

var utf8BOM = []byte("\xef\xbb\xbf")

// pemBegin opens the privacy-enhanced-message envelope EDGAR wrapped
// public submissions in through the 1990s: a few header lines
// (Proc-Type, Originator-Name, MIC-Info and their base64 continuations)
// before the <SEC-DOCUMENT> tag.
const pemBegin = "-----BEGIN PRIVACY-ENHANCED MESSAGE-----"

// skipPEMHeader returns b past a PEM envelope's header lines, up to the
// first line that opens a tag; b itself when there is no envelope or no
// tag in its first 8 KiB.
func skipPEMHeader(b []byte) []byte {
	if !hasPrefixFold(b, pemBegin) {
		return b
	}
	head := b[:min(len(b), 8<<10)]
	if i := bytes.Index(head, []byte("\n<")); i >= 0 {
		return b[i+1:]
	}
	return b
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// indexFold finds tag (upper case, as EDGAR writes it) in line, also in
// lower case.
func indexTag(line []byte, tag string) int {
	if i := bytes.Index(line, []byte(tag)); i >= 0 {
		return i
	}
	return bytes.Index(line, []byte(strings.ToLower(tag)))
}

// lineReader yields the input line by line; a line longer than its buffer
// comes in several chunks, only the first with start set.
type lineReader struct {
	r     *bufio.Reader
	start bool // the next chunk begins a line
	line  int  // 1-based number of the current line
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), start: true}
}

func (lr *lineReader) next() (chunk []byte, start bool, err error) {
	chunk, err = lr.r.ReadSlice('\n')
	start = lr.start
	if start && len(chunk) > 0 {
		lr.line++
	}
	switch {
	case err == nil:
		lr.start = true
	case errors.Is(err, bufio.ErrBufferFull):
		lr.start = false
		err = nil
	}
	return chunk, start, err
}

// value returns the text after tag at the start of line, trimmed.
func tagValue(line []byte, tag string) (string, bool) {
	if !hasPrefixFold(line, tag) {
		return "", false
	}
	return strings.TrimSpace(string(line[len(tag):])), true
}

// headerLine returns the value of a "NAME: value" header line.
func headerLine(line []byte, name string) (string, bool) {
	t := bytes.TrimLeft(line, " \t")
	if !hasPrefixFold(t, name) {
		return "", false
	}
	return strings.TrimSpace(string(t[len(name):])), true
}

// ReadSubmission parses an EDGAR submission in either header style. It
// returns the Header and every <DOCUMENT> for which keep(type) is true,
// with Raw the bytes between <TEXT> and </TEXT>. Documents not kept are
// skipped line by line and never held in memory. On malformed or truncated
// input it returns what it read and an error saying what is wrong, by line
// number (the caller adds the file name).
func ReadSubmission(r io.Reader, keep func(docType string) bool) (Header, []Document, error) {
	p := &subParser{lr: newLineReader(r), keep: keep}
	err := p.run()
	h := &p.hdr
	for _, f := range []*string{&h.Accession, &h.CIK, &h.Company, &h.FormType, &h.Filed} {
		*f = headerText(*f)
	}
	h.CIK = trimCIK(h.CIK)
	return p.hdr, p.docs, err
}

type subParser struct {
	lr   *lineReader
	keep func(string) bool
	hdr  Header
	docs []Document
	errs []error

	opener      string // closing tag expected at the end: </SEC-DOCUMENT> or </SUBMISSION>
	closed      bool   // the closing tag was seen
	filer       int    // 0: before the first FILER block, 1: in it, 2: past it
	nameSeen    bool   // a company name was taken
	cikSeen     bool
	inFilerName bool // the name taken came from the FILER block
	inFilerCIK  bool
	ndocs       int
	moreErrs    int // problems past maxErrors, counted only
}

// maxErrors bounds the problems reported one by one; a hostile file can
// have thousands.
const maxErrors = 10

func (p *subParser) fail(format string, args ...any) {
	if len(p.errs) >= maxErrors {
		p.moreErrs++
		return
	}
	p.errs = append(p.errs, fmt.Errorf("line %d: "+format, append([]any{p.lr.line}, args...)...))
}

func (p *subParser) run() error {
	inDoc := false
	for {
		chunk, start, err := p.lr.next()
		if len(chunk) > 0 && start {
			line := bytes.TrimRight(chunk, "\r\n")
			if !inDoc {
				if hasPrefixFold(line, "<DOCUMENT>") {
					inDoc = true
				} else {
					p.header(line)
				}
			}
			// A document read to its end may hand back the line that
			// opened the next one, when its own end tags were missing.
			for next := line; inDoc && next != nil; {
				var derr error
				if next, derr = p.document(next); derr != nil {
					return p.done(derr)
				}
			}
			inDoc = false
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return p.done(err)
			}
			break
		}
	}
	if p.ndocs == 0 {
		p.fail("no <DOCUMENT> in submission")
	}
	if p.opener != "" && !p.closed {
		p.fail("truncated: no closing %s", p.opener)
	}
	return p.done(nil)
}

func (p *subParser) done(err error) error {
	if err != nil {
		p.errs = append(p.errs, err)
	}
	if p.moreErrs > 0 {
		p.errs = append(p.errs, fmt.Errorf("and %d more problems", p.moreErrs))
	}
	return errors.Join(p.errs...)
}

// header reads one line before the first <DOCUMENT>, or after the last.
func (p *subParser) header(line []byte) {
	switch {
	case hasPrefixFold(line, "<SEC-DOCUMENT>"), hasPrefixFold(line, "<IMS-DOCUMENT>"):
		p.opener = "</SEC-DOCUMENT>"
		if hasPrefixFold(line, "<IMS-DOCUMENT>") {
			p.opener = "</IMS-DOCUMENT>"
		}
		return
	case hasPrefixFold(line, "<SUBMISSION>"):
		p.opener = "</SUBMISSION>"
		return
	case p.opener != "" && hasPrefixFold(bytes.TrimSpace(line), p.opener):
		p.closed = true
		return
	}
	if p.ndocs > 0 {
		return // trailing lines after the documents carry nothing
	}
	set := func(dst *string, v string) {
		if *dst == "" && v != "" {
			*dst = v
		}
	}
	if v, ok := headerLine(line, "ACCESSION NUMBER:"); ok {
		set(&p.hdr.Accession, normAccession(v))
	} else if v, ok := tagValue(line, "<ACCESSION-NUMBER>"); ok {
		set(&p.hdr.Accession, normAccession(v))
	} else if v, ok := headerLine(line, "CONFORMED SUBMISSION TYPE:"); ok {
		set(&p.hdr.FormType, v)
	} else if v, ok := tagValue(line, "<TYPE>"); ok {
		set(&p.hdr.FormType, v)
	} else if v, ok := headerLine(line, "FILED AS OF DATE:"); ok {
		set(&p.hdr.Filed, normDate(v))
	} else if v, ok := tagValue(line, "<FILING-DATE>"); ok {
		set(&p.hdr.Filed, normDate(v))
	} else if _, ok := headerLine(line, "FILER:"); ok || hasPrefixFold(line, "<FILER>") {
		if p.filer == 0 {
			p.filer = 1
		} else {
			p.filer = 2
		}
	} else if hasPrefixFold(line, "</FILER>") {
		p.filer = 2
	} else if v, ok := headerLine(line, "COMPANY CONFORMED NAME:"); ok {
		p.company(v)
	} else if v, ok := tagValue(line, "<CONFORMED-NAME>"); ok {
		p.company(v)
	} else if v, ok := headerLine(line, "CENTRAL INDEX KEY:"); ok {
		p.cik(v)
	} else if v, ok := tagValue(line, "<CIK>"); ok {
		p.cik(v)
	}
}

// company takes the filer's name from the first FILER block, or else from
// the first company named (a subject company) until a FILER block comes.
func (p *subParser) company(v string) {
	if p.filer == 2 || v == "" {
		return
	}
	if !p.nameSeen || (p.filer == 1 && !p.inFilerName) {
		p.hdr.Company = v
		p.nameSeen = true
		p.inFilerName = p.filer == 1
	}
}

func (p *subParser) cik(v string) {
	if p.filer == 2 || v == "" {
		return
	}
	if !p.cikSeen || (p.filer == 1 && !p.inFilerCIK) {
		p.hdr.CIK = v
		p.cikSeen = true
		p.inFilerCIK = p.filer == 1
	}
}

// document reads a <DOCUMENT> from its opening line to its end. next is
// the opening line of the following document when that came first.
func (p *subParser) document(line []byte) (next []byte, err error) {
	p.ndocs++
	doc := Document{}
	pending := bytes.TrimSpace(line[len("<DOCUMENT>"):]) // "<DOCUMENT><TYPE>..." on one line
	// Metadata lines up to <TEXT>.
	for {
		if len(pending) > 0 {
			line, pending = pending, nil
		} else {
			chunk, start, err := p.lr.next()
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			if len(chunk) == 0 && err != nil {
				p.fail("truncated: document %d (%s) ends before <TEXT>", p.ndocs, doc.Type)
				return nil, nil
			}
			if !start {
				continue
			}
			line = bytes.TrimRight(chunk, "\r\n")
		}
		switch {
		case hasPrefixFold(line, "<TYPE>"):
			doc.Type, _ = tagValue(line, "<TYPE>")
		case hasPrefixFold(line, "<SEQUENCE>"):
			doc.Sequence, _ = tagValue(line, "<SEQUENCE>")
		case hasPrefixFold(line, "<FILENAME>"):
			doc.Filename, _ = tagValue(line, "<FILENAME>")
		case hasPrefixFold(line, "<DESCRIPTION>"):
			doc.Description, _ = tagValue(line, "<DESCRIPTION>")
		case hasPrefixFold(line, "<TEXT>"):
			return p.text(doc, line[len("<TEXT>"):])
		case hasPrefixFold(line, "</DOCUMENT>"):
			p.fail("document %d (%s) has no <TEXT>", p.ndocs, doc.Type)
			return nil, nil
		case hasPrefixFold(line, "<DOCUMENT>"):
			p.fail("document %d (%s) has no <TEXT> and no </DOCUMENT>", p.ndocs, doc.Type)
			p.ndocs++
			doc = Document{}
			pending = bytes.TrimSpace(line[len("<DOCUMENT>"):])
		}
	}
}

// text reads a document's <TEXT> body: into Raw when the document is kept,
// else past it without holding it.
func (p *subParser) text(doc Document, first []byte) (next []byte, err error) {
	kept := p.keep == nil || p.keep(doc.Type)
	var raw bytes.Buffer
	state := 0 // 0: in <TEXT>, 1: after </TEXT>
	finish := func() {
		if kept {
			doc.Raw = unwrapText(raw.Bytes())
			doc.HTML = LooksHTML(doc.Raw) || isHTMLName(doc.Filename)
			p.docs = append(p.docs, doc)
		}
	}
	// Text on the <TEXT> line itself, perhaps the whole of it.
	if i := indexTag(first, "</TEXT>"); i >= 0 {
		if kept {
			raw.Write(first[:i])
		}
		state = 1
		if indexTag(first[i:], "</DOCUMENT>") >= 0 {
			finish()
			return nil, nil
		}
	} else if t := bytes.TrimLeft(first, " \t"); kept && len(t) > 0 {
		raw.Write(t)
		raw.WriteByte('\n')
	}
	for {
		chunk, start, err := p.lr.next()
		if err != nil && !errors.Is(err, io.EOF) {
			finish()
			return nil, err
		}
		if state == 0 {
			if i := indexTag(chunk, "</TEXT>"); i >= 0 {
				if kept {
					raw.Write(chunk[:i])
				}
				state = 1
				chunk = chunk[i+len("</TEXT>"):]
				start = false
				if j := indexTag(chunk, "</DOCUMENT>"); j >= 0 {
					finish()
					return nil, nil
				}
			} else if start && hasPrefixFold(chunk, "<DOCUMENT>") {
				p.fail("document %d (%s): <TEXT> not closed before the next <DOCUMENT>", p.ndocs, doc.Type)
				finish()
				return bytes.Clone(bytes.TrimRight(chunk, "\r\n")), nil
			} else if kept {
				raw.Write(chunk)
			}
		} else if indexTag(chunk, "</DOCUMENT>") >= 0 {
			finish()
			return nil, nil
		} else if start && hasPrefixFold(chunk, "<DOCUMENT>") {
			p.fail("document %d (%s) has no </DOCUMENT>", p.ndocs, doc.Type)
			finish()
			return bytes.Clone(bytes.TrimRight(chunk, "\r\n")), nil
		}
		if err != nil { // EOF
			if state == 0 {
				p.fail("truncated: document %d (%s) has no </TEXT>", p.ndocs, doc.Type)
			} else {
				p.fail("truncated: document %d (%s) has no </DOCUMENT>", p.ndocs, doc.Type)
			}
			finish()
			return nil, nil
		}
	}
}

// unwrapText removes the <PDF>, <XML> or similar wrapper EDGAR puts around
// some documents' text, and the line breaks framing it.
func unwrapText(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\r\n"))
	b = bytes.TrimPrefix(b, []byte("\n"))
	b = bytes.TrimRight(b, "\r\n")
	for _, w := range []string{"XML", "PDF", "XBRL", "JSON"} {
		open, closing := "<"+w+">", "</"+w+">"
		t := bytes.TrimSpace(b)
		if hasPrefixFold(t, open) && len(t) >= len(open)+len(closing) &&
			strings.EqualFold(string(t[len(t)-len(closing):]), closing) {
			t = t[len(open) : len(t)-len(closing)]
			t = bytes.TrimPrefix(t, []byte("\r\n"))
			t = bytes.TrimPrefix(t, []byte("\n"))
			return bytes.TrimRight(t, "\r\n")
		}
	}
	return b
}

func isHTMLName(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".htm") || strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".xhtml")
}

// htmlMarkers are tags whose presence near the start makes text HTML.
var htmlMarkers = []string{"<html", "<!doctype html", "<body", "<head", "<p>", "<p ", "<div", "<table", "<font", "<br>", "<br/>", "<br />", "<center", "<b>", "<title"}

// LooksHTML reports whether b (a document's text) is HTML rather than plain
// text, by the markup in its first 4 KiB.
func LooksHTML(b []byte) bool {
	head := b[:min(len(b), 4096)]
	lower := bytes.ToLower(head)
	t := bytes.TrimLeft(lower, " \t\r\n\xef\xbb\xbf")
	if bytes.HasPrefix(t, []byte("<html")) || bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")) {
		return true
	}
	if bytes.Contains(lower, []byte("<s>")) && bytes.Contains(lower, []byte("<c>")) &&
		!bytes.Contains(lower, []byte("<body")) {
		return false // a 1990s text table: <TABLE>, <S>, <C>
	}
	n := 0
	for _, m := range htmlMarkers {
		if bytes.Contains(lower, []byte(m)) {
			n++
		}
	}
	return n >= 2
}

// headerText makes a header value clean UTF-8 on one line: old headers
// carry latin-1 names, and hostile ones anything.
func headerText(v string) string {
	v = DecodeText([]byte(v), false)
	v = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, v)
	return strings.Join(strings.Fields(v), " ")
}

// normAccession writes an accession number with dashes, 0001193125-22-186192.
func normAccession(v string) string {
	v = strings.TrimSpace(v)
	digits := strings.ReplaceAll(v, "-", "")
	if len(digits) == 18 && allDigits(digits) {
		return digits[:10] + "-" + digits[10:12] + "-" + digits[12:]
	}
	return v
}

// normDate turns EDGAR's 20220630 into 2022-06-30.
func normDate(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 8 && allDigits(v[:8]) {
		return v[:4] + "-" + v[4:6] + "-" + v[6:8]
	}
	return v
}

func trimCIK(v string) string {
	v = strings.TrimSpace(v)
	if allDigits(v) {
		v = strings.TrimLeft(v, "0")
		if v == "" {
			v = "0"
		}
	}
	return v
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
