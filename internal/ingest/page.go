package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"time"

	"github.com/exhibits/exhibits/internal/extract"
	"github.com/exhibits/exhibits/internal/letter"
)

// maxCompanyIssuer bounds the filer's name taken as the issuer, in bytes
// (EDGAR's conformed names are at most 150 characters; extract bounds the
// names it reads the same way). An issuer names a term page's directory:
// a longer name from a hostile header would be a file name too long for
// the file system, and fail the build of the whole site.
const maxCompanyIssuer = 160

// merge makes a letter's front matter from what the letter says (md) and
// what EDGAR says about its filing; the letter wins where both speak,
// EDGAR fills in what the letter leaves out.
func merge(e exhibit, md extract.Metadata) *letter.Letter {
	sum := sha256.Sum256(e.doc.Raw)
	l := &letter.Letter{
		Date:           md.Date,
		Firms:          nonNil(md.Firms),
		Plans:          nonNil(md.Plans),
		Forms:          nonNil(md.Forms),
		Jurisdictions:  nonNil(md.Jurisdictions),
		Issuers:        []string{},
		Years:          []string{},
		Shares:         md.Shares,
		Securities:     md.Securities,
		RegistrationNo: md.RegistrationNo,
		IssuerState:    md.IssuerState,
		Addressee:      md.Addressee,
		Signer:         md.Signer,
		InHouse:        md.InHouse,
		Exhibit:        exhibitNumber(e.doc.Type),
		Source: letter.Source{
			File:      strings.ToValidUTF8(filepath.Base(e.file), "\uFFFD"), // TOML holds UTF-8 only
			Exhibit:   e.doc.Type,
			Accession: e.filing.Accession,
			CIK:       e.filing.CIK,
			Company:   e.filing.Company,
			FormType:  e.filing.FormType,
			Filed:     e.filing.Filed,
			URL:       e.url,
			Original:  "original.txt",
			SHA256:    hex.EncodeToString(sum[:]),
		},
	}
	if e.doc.HTML {
		l.Source.Original = "original.htm"
	}
	if l.Exhibit == "" {
		l.Exhibit = md.Exhibit
	}
	if l.Source.Exhibit == "" && l.Exhibit != "" {
		// A bare letter's filed type is unknown; the number it gives
		// itself ("Exhibit 5.1") is what a reader cites it by.
		l.Source.Exhibit = "EX-" + l.Exhibit
	}
	if md.Issuer != "" {
		l.Issuers = []string{md.Issuer}
	} else if e.filing.Company != "" && len(e.filing.Company) <= maxCompanyIssuer {
		l.Issuers = []string{e.filing.Company}
	}
	if len(l.Forms) == 0 && e.filing.FormType != "" {
		l.Forms = []string{strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(e.filing.FormType)), "/A")}
	}
	if l.Date == "" {
		// Letters are dated the day of filing or a few days before:
		// the filing date is the best date there is for one that
		// states none (or none that could be read).
		l.Date = e.filing.Filed
	}
	if len(l.Date) >= 4 {
		l.Years = []string{l.Date[:4]}
	}
	l.Title = Title(l)
	return l
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// exhibitNumber is "5.1" for "EX-5.1".
func exhibitNumber(docType string) string {
	t := strings.ToUpper(strings.TrimSpace(docType))
	if n, ok := strings.CutPrefix(t, "EX-"); ok {
		return n
	}
	return ""
}

// Title is a letter's title as a lawyer names a precedent: issuer, form,
// counsel, date, e.g. "HemaCare Corporation, Form S-8, opinion of
// Sanders, Barnet, Goldman, Simons & Mosk, December 23, 1996". Parts not
// known are left out.
func Title(l *letter.Letter) string {
	var parts []string
	if len(l.Issuers) > 0 && l.Issuers[0] != "" {
		parts = append(parts, l.Issuers[0])
	} else {
		parts = append(parts, "Legality opinion")
	}
	switch len(l.Forms) {
	case 0:
	case 1:
		parts = append(parts, "Form "+l.Forms[0])
	default:
		parts = append(parts, "Forms "+andList(l.Forms))
	}
	switch {
	case len(l.Firms) > 0:
		parts = append(parts, "opinion of "+andList(l.Firms))
	case l.InHouse && l.Signer != "":
		parts = append(parts, "opinion of "+l.Signer+", in-house counsel")
	case l.InHouse:
		parts = append(parts, "opinion of in-house counsel")
	case l.Signer != "":
		parts = append(parts, "opinion of "+l.Signer)
	}
	if d := dateInWords(l.Date); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ")
}

func andList(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// dateInWords is "December 23, 1996" for "1996-12-23".
func dateInWords(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("January 2, 2006")
}

// rebuild renders the page for b.id.
func (b *built) rebuild() error {
	b.l.ID = b.id
	b.l.Aliases = []string{"/l/" + b.id + "/"}
	page, err := letter.Marshal(b.l, b.body)
	if err != nil {
		return err
	}
	b.page = page
	return nil
}
