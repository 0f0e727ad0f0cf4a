// Package extract reads a letter's prose and returns its metadata. Pure
// functions of the text: no files, no EDGAR header (the caller merges those).
package extract

// Metadata is what the letter itself says.
type Metadata struct {
	Firms          []string // canonical firm names; empty for in-house counsel
	InHouse        bool     // opinion of the issuer's own counsel
	Signer         string   // the person signing, when named ("John Smith")
	Issuer         string   // "Apple Inc."
	IssuerState    string   // state or country of incorporation: "Delaware"
	Date           string   // the letter's date, YYYY-MM-DD
	Forms          []string // registration forms named: "S-8", "S-3"
	RegistrationNo string   // "333-123456"
	Shares         int64    // number of shares/ADSs/units covered, 0 if none stated
	Securities     string   // class: "Common Stock", "Senior Notes"
	Plans          []string // plan names, as written, no "the", no parenthetical
	Jurisdictions  []string // bodies of law covered, as place names
	Addressee      string   // first line of the address block ("Apple Inc.", "Board of Directors")
	Exhibit        string   // the number the letter gives itself, "5.1"
}
