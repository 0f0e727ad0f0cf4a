// Package letter is the page model: one Exhibit 5 letter as a Hugo page
// bundle, content/letters/<id>/index.md, with TOML front matter.
//
// The front matter is the contract between ingest (which writes it), the
// site (whose templates read it) and the search index (which reads it back).
package letter

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/pelletier/go-toml/v2"
)

// Letter is the front matter of one letter page. Lists are the Hugo
// taxonomies; they hold canonical names.
type Letter struct {
	Title string `toml:"title"`
	// Date is the letter's own date, YYYY-MM-DD ("" when unknown).
	Date string `toml:"date,omitempty"`
	// ID is the permanent id, the bundle's directory name. It never
	// depends on extracted names, so better extraction never breaks a link.
	ID      string   `toml:"id"`
	Aliases []string `toml:"aliases,omitempty"`

	Firms         []string `toml:"firms"`
	Issuers       []string `toml:"issuers"`
	Plans         []string `toml:"plans"`
	Forms         []string `toml:"forms"`
	Jurisdictions []string `toml:"jurisdictions"`
	Years         []string `toml:"years"`

	// Shares is the number of shares (ADSs, units) the opinion covers,
	// 0 when the letter states none.
	Shares         int64  `toml:"shares,omitempty"`
	Securities     string `toml:"securities,omitempty"`
	RegistrationNo string `toml:"registration_no,omitempty"`
	IssuerState    string `toml:"issuer_state,omitempty"`
	Addressee      string `toml:"addressee,omitempty"`
	Signer         string `toml:"signer,omitempty"`
	// InHouse is true when the opinion is given by the issuer's own
	// counsel (Firms is then empty and Signer set).
	InHouse bool `toml:"in_house,omitempty"`
	// Exhibit is the exhibit number, "5.1".
	Exhibit string `toml:"exhibit,omitempty"`

	Source Source `toml:"source"`
}

// Source says where the letter was filed and what file it was read from.
type Source struct {
	File      string `toml:"file"`                // input base name
	Exhibit   string `toml:"exhibit,omitempty"`   // as filed: "EX-5.1"
	Accession string `toml:"accession,omitempty"` // 0001193125-22-186192
	CIK       string `toml:"cik,omitempty"`       // filer CIK, no leading zeros
	Company   string `toml:"company,omitempty"`   // filer's conformed name
	FormType  string `toml:"form_type,omitempty"` // the filing's form type: "S-3ASR", "8-K"
	Filed     string `toml:"filed,omitempty"`     // filing date YYYY-MM-DD
	URL       string `toml:"url,omitempty"`       // the exhibit's EDGAR address
	Original  string `toml:"original,omitempty"`  // bundle file holding the filed original
	SHA256    string `toml:"sha256"`              // of the filed original's bytes
}

const delim = "+++\n"

// Marshal renders a page: TOML front matter between +++ lines, then body.
func Marshal(l *Letter, body string) ([]byte, error) {
	fm, err := toml.Marshal(l)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(delim)
	b.Write(fm)
	b.WriteString(delim)
	b.WriteString("\n")
	b.WriteString(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// ErrNoFrontMatter is returned by Parse for a file not starting with +++.
var ErrNoFrontMatter = errors.New("no TOML front matter")

// Parse splits a page into its front matter and body.
func Parse(page []byte) (*Letter, string, error) {
	if !bytes.HasPrefix(page, []byte(delim)) {
		return nil, "", ErrNoFrontMatter
	}
	rest := page[len(delim):]
	end := bytes.Index(rest, []byte("\n"+delim))
	if end < 0 {
		return nil, "", errors.New("unterminated front matter")
	}
	var l Letter
	if err := toml.Unmarshal(rest[:end+1], &l); err != nil {
		return nil, "", fmt.Errorf("front matter: %w", err)
	}
	body := rest[end+1+len(delim):]
	body = bytes.TrimPrefix(body, []byte("\n"))
	return &l, string(body), nil
}
