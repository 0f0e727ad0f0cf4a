package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"time"

	"github.com/exhibits/exhibits/internal/edgar"
)

func strings1252() *strings.Replacer {
	return strings.NewReplacer("&#147;", "\u201c", "&#148;", "\u201d", "&#146;", "\u2019", "&#145;", "\u2018", "&#151;", "\u2014")
}

// accession numbers are unique per letter index: filer agent, year, index.
func accession(r *rand.Rand, s *spec) string {
	return fmt.Sprintf("%s-%02d-%06d", pick(r, filerAgents), s.Year%100, s.I%1000000)
}

func filedDate(r *rand.Rand, s *spec) time.Time {
	d := s.Date.AddDate(0, 0, r.IntN(3))
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// localSpec is a second opinion in the same filing: the issuer's special
// local counsel on its state's corporate law, while the first letter
// covers New York law.
func localSpec(seed uint64, main *spec) *spec {
	r := rand.New(rand.NewPCG(seed^0x10ca1, uint64(main.I)))
	s := &spec{I: main.I, Kind: kindShelf, Date: main.Date, Year: main.Year, Form: main.Form, FilingForm: main.FilingForm,
		RegNo: main.RegNo, Exhibit: "5.2", Issuer: main.Issuer, Local: true, Curly: main.Curly}
	for {
		s.Firm = pickFirm(r, seed, nil)
		if s.Firm.ID != main.Firm.ID {
			break
		}
	}
	s.FirmName = pick(r, s.Firm.Names)
	composeLocal(r, s)
	return s
}

// wantsLocal reports whether a filing carries a second EX-5 from local counsel.
func wantsLocal(r *rand.Rand, s *spec) bool {
	if s.Firm == nil || s.Issuer.Foreign != nil {
		return false
	}
	switch s.Kind {
	case kindShelf, kindDebtShelf, kindDebtDown, kindExchange:
		return s.Issuer.State != "New York" && r.IntN(3) == 0
	}
	return false
}

func submission(r *rand.Rand, seed uint64, s *spec, shape Shape) File {
	acc := accession(r, s)
	filed := filedDate(r, s)
	html := htmlEra(r, s.Year)
	letters := []*spec{s}
	if wantsLocal(r, s) {
		letters = append(letters, localSpec(seed, s))
	}
	name := acc + ".txt"
	var docs []string
	var labels []Label
	seq := 1
	ext := ".txt"
	if html {
		ext = ".htm"
	}
	prefix := fmt.Sprintf("d%07d", s.I)
	// The registration statement (or 8-K) itself comes first.
	docs = append(docs, document(s.FilingForm, seq, prefix+"d"+strings.ToLower(strings.NewReplacer("-", "", "/", "").Replace(s.FilingForm))+ext, s.FilingForm, mainDoc(r, s, html)))
	var imgs []string
	for _, l := range letters {
		seq++
		b := body(r, l, html, !html, prefix)
		imgs = append(imgs, graphics(b)...)
		typ := "EX-" + l.Exhibit
		docs = append(docs, document(typ, seq, prefix+"dex"+strings.ReplaceAll(l.Exhibit, ".", "")+ext, typ, string(b)))
		labels = append(labels, label(l, name, typ))
	}
	seq++
	docs = append(docs, document("EX-23.1", seq, prefix+"dex231"+ext, "CONSENT OF INDEPENDENT REGISTERED PUBLIC ACCOUNTING FIRM", consentDoc(r, s, html)))
	for _, img := range imgs {
		seq++
		docs = append(docs, document("GRAPHIC", seq, img, "GRAPHIC", uuencode(img, fakeJPEG(r))))
	}
	var b strings.Builder
	b.Grow(32768)
	is := s.Issuer
	cik := fmt.Sprintf("%010s", is.CIK)
	if shape == ShapePublic {
		fmt.Fprintf(&b, "<SEC-DOCUMENT>%s.txt : %s\n<SEC-HEADER>%s.hdr.sgml : %s\n", acc, filed.Format("20060102"), acc, filed.Format("20060102"))
		fmt.Fprintf(&b, "<ACCEPTANCE-DATETIME>%s%02d%02d%02d\n", filed.Format("20060102"), 8+r.IntN(10), r.IntN(60), r.IntN(60))
		fmt.Fprintf(&b, "ACCESSION NUMBER:\t\t%s\nCONFORMED SUBMISSION TYPE:\t%s\nPUBLIC DOCUMENT COUNT:\t\t%d\nFILED AS OF DATE:\t\t%s\nDATE AS OF CHANGE:\t\t%s\n\nFILER:\n\n",
			acc, s.FilingForm, len(docs), filed.Format("20060102"), filed.Format("20060102"))
		fmt.Fprintf(&b, "\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\t%s\n\t\tCENTRAL INDEX KEY:\t\t\t%s\n\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t[%s]\n\t\tIRS NUMBER:\t\t\t\t%s\n\t\tSTATE OF INCORPORATION:\t\t\t%s\n\t\tFISCAL YEAR END:\t\t\t1231\n\n",
			is.Conf, cik, is.SIC, is.IRS, incAbbr(is))
		fmt.Fprintf(&b, "\tFILING VALUES:\n\t\tFORM TYPE:\t\t%s\n\t\tSEC ACT:\t\t1933 Act\n\t\tSEC FILE NUMBER:\t%s\n\t\tFILM NUMBER:\t\t%d\n\n", s.FilingForm, fileNumber(s), 10000000+r.IntN(89999999))
		fmt.Fprintf(&b, "\tBUSINESS ADDRESS:\t\n\t\tSTREET 1:\t\t%s\n\t\tCITY:\t\t\t%s\n\t\tSTATE:\t\t\t%s\n\t\tZIP:\t\t\t%s\n</SEC-HEADER>\n",
			strings.ToUpper(is.Addr[0]), strings.ToUpper(is.Place.City), is.Place.Abbr, is.Place.Zip)
		for _, d := range docs {
			b.WriteString(d)
		}
		b.WriteString("</SEC-DOCUMENT>\n")
	} else {
		fmt.Fprintf(&b, "<SUBMISSION>\n<ACCESSION-NUMBER>%s\n<TYPE>%s\n<PUBLIC-DOCUMENT-COUNT>%d\n<FILING-DATE>%s\n<DATE-OF-FILING-DATE-CHANGE>%s\n",
			acc, s.FilingForm, len(docs), filed.Format("20060102"), filed.Format("20060102"))
		fmt.Fprintf(&b, "<FILER>\n<COMPANY-DATA>\n<CONFORMED-NAME>%s\n<CIK>%s\n<ASSIGNED-SIC>%s\n<IRS-NUMBER>%s\n<STATE-OF-INCORPORATION>%s\n<FISCAL-YEAR-END>1231\n</COMPANY-DATA>\n",
			is.Conf, cik, is.SIC, is.IRS, incAbbr(is))
		fmt.Fprintf(&b, "<FILING-VALUES>\n<FORM-TYPE>%s\n<ACT>33\n<FILE-NUMBER>%s\n<FILM-NUMBER>%d\n</FILING-VALUES>\n", s.FilingForm, fileNumber(s), 10000000+r.IntN(89999999))
		fmt.Fprintf(&b, "<BUSINESS-ADDRESS>\n<STREET1>%s\n<CITY>%s\n<STATE>%s\n<ZIP>%s\n</BUSINESS-ADDRESS>\n</FILER>\n",
			strings.ToUpper(is.Addr[0]), strings.ToUpper(is.Place.City), is.Place.Abbr, is.Place.Zip)
		for _, d := range docs {
			b.WriteString(d)
		}
		b.WriteString("</SUBMISSION>\n")
	}
	return File{Path: filepath.Join(shard(s.I), name), Shape: shape, Data: []byte(b.String()), Labels: labels}
}

func fileNumber(s *spec) string {
	if s.FilingForm == "8-K" {
		return fmt.Sprintf("001-%05d", 10000+s.Issuer.ID%89999)
	}
	return s.RegNo
}

func incAbbr(is *issuer) string {
	if a, ok := stateAbbr[is.State]; ok {
		return a
	}
	switch is.State {
	case "Cayman Islands":
		return "E9"
	case "Bermuda":
		return "D0"
	case "Israel":
		return "L3"
	case "Netherlands":
		return "P7"
	case "Switzerland":
		return "V8"
	case "Ireland":
		return "L2"
	case "England and Wales":
		return "X0"
	case "Ontario":
		return "A6"
	case "British Columbia":
		return "A1"
	}
	return "E9"
}

func document(typ string, seq int, filename, desc, text string) string {
	return fmt.Sprintf("<DOCUMENT>\n<TYPE>%s\n<SEQUENCE>%d\n<FILENAME>%s\n<DESCRIPTION>%s\n<TEXT>\n%s</TEXT>\n</DOCUMENT>\n", typ, seq, filename, desc, text)
}

// mainDoc is a short stand-in for the registration statement or 8-K the
// exhibits are attached to; it names Exhibit 5.1 in its exhibit index, as
// real ones do, which an ingester must not mistake for the letter.
func mainDoc(r *rand.Rand, s *spec, html bool) string {
	is := s.Issuer
	counsel := s.FirmName
	if counsel == "" {
		counsel = s.Signer.Name + ", " + s.Signer.Title
	}
	var lines []string
	if s.FilingForm == "8-K" {
		lines = []string{
			"UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "Washington, D.C. 20549", "",
			"FORM 8-K", "", "CURRENT REPORT",
			"Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934", "",
			"Date of Report (Date of earliest event reported): " + longDate(s.Date), "",
			strings.ToUpper(is.Name), "(Exact name of registrant as specified in its charter)", "",
			"Item 8.01. Other Events.", "",
			fmt.Sprintf("On %s, %s completed the offering described in the prospectus supplement filed under its shelf registration statement on Form S-3 (File No. %s). A copy of the opinion of counsel relating to the validity of the securities is filed as Exhibit 5.1 to this report.", longDate(s.Date), is.Name, s.RegNo), "",
			"Item 9.01. Financial Statements and Exhibits.", "",
			"(d) Exhibits.", "",
			"5.1  Opinion of " + counsel,
			"23.1 Consent of " + counsel + " (included in Exhibit 5.1)", "",
			"SIGNATURES", "",
			"Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized.",
		}
	} else {
		lines = []string{
			fmt.Sprintf("As filed with the Securities and Exchange Commission on %s", longDate(s.Date)),
			"Registration No. " + s.RegNo, "",
			"UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "Washington, D.C. 20549", "",
			"FORM " + s.Form, "REGISTRATION STATEMENT", "UNDER", "THE SECURITIES ACT OF 1933", "",
			strings.ToUpper(is.Name), "(Exact name of registrant as specified in its charter)", "",
			is.State + " (State or other jurisdiction of incorporation or organization)", "",
			strings.Join(is.Addr, ", "), "(Address of principal executive offices)", "",
		}
		for _, p := range s.Plans {
			lines = append(lines, p)
		}
		lines = append(lines, "(Full title of the plan)", "",
			"Copies to:", counsel, "",
			"EXHIBIT INDEX", "",
			"Exhibit 5.1   Opinion of "+counsel,
			"Exhibit 23.1  Consent of independent registered public accounting firm",
			"Exhibit 23.2  Consent of counsel (included in Exhibit 5.1)",
			"Exhibit 24.1  Power of attorney (included on the signature page)")
	}
	for k := 0; k < 1+r.IntN(3); k++ {
		lines = append(lines, "", "The registrant hereby undertakes to file, during any period in which offers or sales are being made, a post-effective amendment to this registration statement to include any material information with respect to the plan of distribution not previously disclosed in the registration statement or any material change to such information in the registration statement.")
	}
	return wrapDoc(lines, html, "FORM "+s.FilingForm)
}

func consentDoc(r *rand.Rand, s *spec, html bool) string {
	auditor := pick(r, surnames) + " & " + pick(r, surnames) + " LLP"
	lines := []string{
		"CONSENT OF INDEPENDENT REGISTERED PUBLIC ACCOUNTING FIRM", "",
		fmt.Sprintf("We consent to the incorporation by reference in this Registration Statement on Form %s of %s of our report dated %s, relating to the consolidated financial statements of %s, appearing in the Annual Report on Form 10-K for the year ended December 31, %d.",
			s.Form, s.Issuer.Name, longDate(time.Date(s.Year, 3, 1+r.IntN(27), 0, 0, 0, 0, time.UTC)), s.Issuer.Name, s.Year-1), "",
		"/s/ " + auditor, s.Issuer.Place.City + ", " + s.Issuer.Place.State, longDate(s.Date),
	}
	return wrapDoc(lines, html, "EX-23.1")
}

func wrapDoc(lines []string, html bool, title string) string {
	var b strings.Builder
	if html {
		fmt.Fprintf(&b, "<HTML>\n<HEAD><TITLE>%s</TITLE></HEAD>\n<BODY>\n", htmlEsc.Replace(title))
		for _, l := range lines {
			if l == "" {
				continue
			}
			fmt.Fprintf(&b, "<P ALIGN=\"CENTER\"><FONT SIZE=2>%s</FONT></P>\n", htmlEsc.Replace(asciiQuotes.Replace(l)))
		}
		b.WriteString("</BODY>\n</HTML>\n")
		return b.String()
	}
	for _, l := range lines {
		if len(l) > 76 {
			wrap(&b, asciiQuotes.Replace(l), 76, "")
		} else {
			b.WriteString(asciiQuotes.Replace(l) + "\n")
		}
	}
	return b.String()
}

// fakeJPEG is a JPEG header followed by noise: enough to look like the
// scanned signatures and logos filings carry.
func fakeJPEG(r *rand.Rand) []byte {
	n := 400 + r.IntN(1000)
	b := make([]byte, n)
	for k := range b {
		b[k] = byte(r.Uint32())
	}
	copy(b, []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01})
	b[n-2], b[n-1] = 0xFF, 0xD9
	return b
}

// uuencode encodes data the way EDGAR embeds graphics: "begin 644 name",
// 45-byte lines prefixed by their length character, "`", "end".
func uuencode(name string, data []byte) string {
	var b strings.Builder
	b.Grow(len(data)*4/3 + len(data)/45*2 + 64)
	fmt.Fprintf(&b, "begin 644 %s\n", name)
	enc := func(c byte) byte {
		if c == 0 {
			return '`'
		}
		return c + 32
	}
	for len(data) > 0 {
		n := min(45, len(data))
		line := data[:n]
		data = data[n:]
		b.WriteByte(enc(byte(n)))
		for k := 0; k < n; k += 3 {
			var c [3]byte
			copy(c[:], line[k:min(k+3, n)])
			b.WriteByte(enc(c[0] >> 2))
			b.WriteByte(enc((c[0]<<4 | c[1]>>4) & 63))
			b.WriteByte(enc((c[1]<<2 | c[2]>>6) & 63))
			b.WriteByte(enc(c[2] & 63))
		}
		b.WriteByte('\n')
	}
	b.WriteString("`\nend\n")
	return b.String()
}

// rawFiling is the layout exhibits fetch writes: the bare exhibit(s) under
// raw/<CIK>/<ACCESSION>/ with filing.json beside them.
func rawFiling(r *rand.Rand, seed uint64, s *spec) File {
	acc := accession(r, s)
	filed := filedDate(r, s)
	html := htmlEra(r, s.Year)
	letters := []*spec{s}
	if wantsLocal(r, s) {
		letters = append(letters, localSpec(seed, s))
	}
	dir := filepath.Join("raw", s.Issuer.CIK, acc)
	rec := edgar.Filing{Accession: acc, CIK: s.Issuer.CIK, Company: s.Issuer.Conf, FormType: s.FilingForm, Filed: filed.Format("2006-01-02")}
	out := File{Shape: ShapeRaw, Extra: map[string][]byte{}}
	for k, l := range letters {
		ext := ".txt"
		if html {
			ext = ".htm"
		}
		name := fmt.Sprintf("d%07ddex%s%s", s.I, strings.ReplaceAll(l.Exhibit, ".", ""), ext)
		typ := "EX-" + l.Exhibit
		data := body(r, l, html, false, name)
		rec.Documents = append(rec.Documents, edgar.FilingDocument{Filename: name, Type: typ,
			URL: fmt.Sprintf("https://www.sec.gov/Archives/edgar/data/%s/%s/%s", s.Issuer.CIK, strings.ReplaceAll(acc, "-", ""), name)})
		out.Labels = append(out.Labels, label(l, name, typ))
		if k == 0 {
			out.Path = filepath.Join(dir, name)
			out.Data = data
		} else {
			out.Extra[name] = data
		}
	}
	j, _ := json.MarshalIndent(rec, "", "  ")
	out.Extra[edgar.FilingRecordName] = append(j, '\n')
	return out
}
