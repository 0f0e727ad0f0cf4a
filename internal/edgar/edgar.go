// Package edgar reads the shapes EDGAR serves: full submission files with
// SGML headers, bare HTML and plain-text exhibits, gzip copies, old
// charsets, and the raw/<CIK>/<ACCESSION>/ layout that fetch writes. It
// knows nothing of what a letter says: that is package extract.
package edgar

// Header is what a submission's SEC header says about the filing.
type Header struct {
	Accession string // 0001193125-22-186192
	CIK       string // filer CIK without leading zeros
	Company   string // filer's conformed name
	FormType  string // "S-3ASR", "8-K", "S-1/A"
	Filed     string // filing date, YYYY-MM-DD
}

// Document is one <DOCUMENT> of a submission, or a bare exhibit file.
type Document struct {
	Type        string // "EX-5.1"
	Sequence    string
	Filename    string // "d123456dex51.htm"
	Description string
	// Raw is the <TEXT> content as filed (bytes, undecoded), without the
	// <TEXT> tags; for a bare file, the whole file.
	Raw []byte
	// HTML reports whether Raw is HTML rather than plain text.
	HTML bool
}

// Filing is the small record fetch writes beside downloaded exhibits, as
// raw/<CIK>/<ACCESSION>/filing.json.
type Filing struct {
	Accession string `json:"accession"`
	CIK       string `json:"cik"`
	Company   string `json:"company"`
	FormType  string `json:"form_type"`
	Filed     string `json:"filed"` // YYYY-MM-DD
	// Documents lists the exhibits fetched: file name to EDGAR type.
	Documents []FilingDocument `json:"documents"`
}

// FilingDocument is one fetched exhibit of a Filing.
type FilingDocument struct {
	Filename string `json:"filename"`
	Type     string `json:"type"` // "EX-5.1"
	URL      string `json:"url"`
}

// FilingRecordName is the file name of the Filing record in an accession folder.
const FilingRecordName = "filing.json"
