package edgar

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// ReadFile reads path, gunzipping it when it starts with gzip's magic bytes
// (whatever its name), and refuses input whose size, decompressed, exceeds
// limit bytes. It never reads more than limit+1 bytes of output, so a gzip
// bomb costs no more than a file of the limit's size.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var hint int64
	if st, err := f.Stat(); err == nil {
		hint = st.Size()
	}
	b, err := readLimited(f, limit, hint)
	if err != nil {
		return b, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// ErrTooLarge reports an input past the size limit.
var ErrTooLarge = errors.New("too large")

// readLimited reads r, gunzipped if it is gzip, up to limit bytes; hint is
// the expected size of a plain input, to allocate once.
func readLimited(r io.Reader, limit, hint int64) ([]byte, error) {
	br := bufio.NewReader(r)
	magic, _ := br.Peek(2)
	var src io.Reader = br
	gz := false
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		src, gz = zr, true
	}
	var buf bytes.Buffer
	if !gz && hint > 0 {
		buf.Grow(int(min(hint, limit) + bytes.MinRead))
	}
	n, err := io.Copy(&buf, io.LimitReader(src, limit+1))
	if err != nil {
		if gz {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return nil, err
	}
	if n > limit {
		what := "file"
		if gz {
			what = "decompressed file"
		}
		return nil, fmt.Errorf("%s larger than the %d-byte limit: %w", what, limit, ErrTooLarge)
	}
	return buf.Bytes(), nil
}

// IsExhibit5 reports whether an EDGAR document type is an Exhibit 5:
// EX-5, EX-5.1, EX-5.2 ... (any case), but not EX-50 or EX-51.
func IsExhibit5(docType string) bool {
	t := strings.ToUpper(strings.TrimSpace(docType))
	rest, ok := strings.CutPrefix(t, "EX-5")
	if !ok {
		return false
	}
	if rest == "" {
		return true
	}
	if rest[0] != '.' || len(rest) == 1 {
		return false
	}
	return allDigits(rest[1:])
}

var accessionRe = regexp.MustCompile(`^(?:[0-9]{10}-[0-9]{2}-[0-9]{6}|[0-9]{18})$`)

// LocateFiling finds the EDGAR identity of a bare exhibit stored as
// .../<CIK>/<ACCESSION>/<file>, the layout fetch writes. The accession may
// be written with dashes or as 18 digits; the result has dashes. The
// filing.json beside the file, when present, fills in the rest. ok is false
// when the path is not of that shape.
func LocateFiling(path string) (f Filing, ok bool, err error) {
	dir := filepath.Dir(path)
	acc := filepath.Base(dir)
	cik := filepath.Base(filepath.Dir(dir))
	if !accessionRe.MatchString(acc) || !allDigits(cik) || len(cik) > 10 {
		return Filing{}, false, nil
	}
	f = Filing{Accession: normAccession(acc), CIK: trimCIK(cik)}
	b, err := os.ReadFile(filepath.Join(dir, FilingRecordName))
	if errors.Is(err, os.ErrNotExist) {
		return f, true, nil
	}
	if err != nil {
		return f, true, err
	}
	var rec Filing
	if err := json.Unmarshal(b, &rec); err != nil {
		return f, true, fmt.Errorf("%s: %w", filepath.Join(dir, FilingRecordName), err)
	}
	if rec.Accession != "" && normAccession(rec.Accession) != f.Accession {
		return f, true, fmt.Errorf("%s: accession %s does not match its folder %s", filepath.Join(dir, FilingRecordName), rec.Accession, acc)
	}
	rec.Accession = f.Accession
	if rec.CIK == "" {
		rec.CIK = f.CIK
	}
	rec.CIK = trimCIK(rec.CIK)
	rec.Filed = normDate(rec.Filed)
	return rec, true, nil
}

// ExhibitURL is a document's address on EDGAR (parts path-escaped):
// https://www.sec.gov/Archives/edgar/data/<CIK>/<accession without dashes>/<filename>.
func ExhibitURL(cik, accession, filename string) string {
	return "https://www.sec.gov/Archives/edgar/data/" + url.PathEscape(trimCIK(cik)) + "/" +
		url.PathEscape(strings.ReplaceAll(accession, "-", "")) + "/" + url.PathEscape(filename)
}

// Text renders the document as contract text: decoded to UTF-8, then
// through HTMLToText or PlainText as its HTML flag says.
func (d Document) Text() (string, error) {
	s := DecodeText(d.Raw, d.HTML)
	if !d.HTML {
		return PlainText(s), nil
	}
	return HTMLToText(s)
}

// BareDocument wraps a bare exhibit file (no submission around it) as a
// Document: Filename is name's base, HTML is set from the extension or
// the markup. The type is unknown here; LocateFiling's record may give it.
func BareDocument(name string, b []byte) Document {
	base := filepath.Base(name)
	lower := strings.ToLower(base)
	lower = strings.TrimSuffix(lower, ".gz")
	var html bool
	switch {
	case isHTMLName(lower):
		html = true
	case strings.HasSuffix(lower, ".txt"):
		// 1990s text exhibits carry <TABLE>, <S>, <C>: only a real page is HTML.
		html = LooksHTML(b) && bytes.Contains(bytes.ToLower(b[:min(len(b), 4096)]), []byte("<html"))
	default:
		html = LooksHTML(b)
	}
	return Document{Filename: base, Raw: b, HTML: html}
}

// ExhibitNumber is the number of an exhibit type: "EX-5.1" -> "5.1",
// "ex-5" -> "5"; "" when docType is not an exhibit.
func ExhibitNumber(docType string) string {
	t := strings.TrimSpace(docType)
	if len(t) < 4 || !strings.EqualFold(t[:3], "EX-") {
		return ""
	}
	return strings.ToUpper(t[3:])
}

// binaryMagic are the openings of files that are not text, whatever their
// name: PDF, ZIP (also XLSX, DOCX), GIF, PNG, JPEG, ELF.
var binaryMagic = []string{"%PDF-", "PK\x03\x04", "GIF87a", "GIF89a", "\x89PNG", "\xff\xd8\xff", "\x7fELF"}

// LooksBinary reports whether b (a whole, decompressed file) is not a text
// or HTML exhibit: a known binary format, or more than one byte in ten of
// its first 8 KiB a control character other than the text ones.
func LooksBinary(b []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, []byte(m)) {
			return true
		}
	}
	head := b[:min(len(b), 8192)]
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*10 > len(head)
}
