package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A FilingIndex is what a filing's index page says: the filing's header
// facts and its documents.
type FilingIndex struct {
	Form      string // "S-8"
	Filed     string // YYYY-MM-DD
	Accession string
	Filers    []Filer
	Documents []IndexDocument
}

// A Filer is a company named on a filing's index page.
type Filer struct {
	Name string
	CIK  string // without leading zeros
	Role string // "Filer", "Subject", "Filed by"
}

// IndexDocument is one document of a filing.
type IndexDocument struct {
	Seq         string
	Description string
	Filename    string // "d337049dex51.htm"
	Path        string // URL path on EDGAR, "/Archives/edgar/data/…/d337049dex51.htm"
	Type        string // "EX-5.1"; "" for the complete submission text file
	Size        int64  // -1 when not stated
}

// IsExhibit5 reports whether an EDGAR document type is an Exhibit 5
// (legality opinion): "EX-5", "EX-5.1", "EX-5.01", "EX-5(a)", but not
// "EX-50" or "EX-99.5".
func IsExhibit5(typ string) bool {
	t := strings.ToUpper(strings.TrimSpace(typ))
	if !strings.HasPrefix(t, "EX-5") {
		return false
	}
	rest := t[len("EX-5"):]
	return rest == "" || rest[0] < '0' || rest[0] > '9'
}

// maxIndexPage bounds what is read of one filing's index page; real ones
// are a few kilobytes, a filing with a thousand documents a few hundred.
const maxIndexPage = 8 << 20

// readLimited reads r whole, refusing more than max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return b, nil
}

// ParseIndexHTM reads a filing's ACCESSION-index.htm page: its header
// (form, filing date, accession, filers) and every row of its document
// tables (class "tableFile": "Document Format Files", and "Data Files"
// for XBRL), columns found by their header names (Seq, Description,
// Document, Type, Size).
func ParseIndexHTM(r io.Reader) (*FilingIndex, error) {
	b, err := readLimited(r, maxIndexPage)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		return nil, err
	}
	fi := &FilingIndex{}
	tables := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Table && hasClass(n, "tableFile"):
				tables++
				fi.Documents = append(fi.Documents, documentRows(n)...)
				return
			case n.DataAtom == atom.Div && attr(n, "id") == "formName":
				if s := firstElement(n, atom.Strong); s != nil {
					fi.Form = normForm(strings.TrimPrefix(strings.TrimSpace(text(s)), "Form "))
				}
			case n.DataAtom == atom.Div && attr(n, "id") == "secNum":
				if m := accessionInText.FindString(text(n)); m != "" {
					fi.Accession = m
				}
			case n.DataAtom == atom.Div && hasClass(n, "infoHead"):
				if strings.EqualFold(strings.TrimSpace(text(n)), "Filing Date") {
					if v := nextElement(n); v != nil && hasClass(v, "info") {
						fi.Filed, _ = normDate(strings.TrimSpace(text(v)))
					}
				}
			case n.DataAtom == atom.Span && hasClass(n, "companyName"):
				fi.Filers = append(fi.Filers, parseFiler(n))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if tables == 0 {
		return nil, errors.New("no document table (class \"tableFile\"): not an EDGAR filing index page")
	}
	return fi, nil
}

var (
	accessionInText = regexp.MustCompile(`\d{10}-\d{2}-\d{6}`)
	filerRole       = regexp.MustCompile(`\(([A-Za-z ]+)\)\s*$`)
)

// parseFiler reads `ACME CORP (Filer) CIK: <a>0000320193 (see all company filings)</a>`.
func parseFiler(n *html.Node) Filer {
	var f Filer
	name := ""
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			break // the name is the text before the first element
		}
		name += c.Data
	}
	name = strings.TrimSpace(name)
	if m := filerRole.FindStringSubmatchIndex(name); m != nil {
		f.Role = name[m[2]:m[3]]
		name = strings.TrimSpace(name[:m[0]])
	}
	f.Name = name
	if a := firstElement(n, atom.A); a != nil {
		if fs := strings.Fields(text(a)); len(fs) > 0 && allDigits(fs[0]) {
			f.CIK = strings.TrimLeft(fs[0], "0")
		}
	}
	return f
}

// documentRows reads the rows of one document table.
func documentRows(table *html.Node) []IndexDocument {
	var rows []*html.Node
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Tr {
				rows = append(rows, c)
			} else if c.DataAtom != atom.Table { // not into a nested table
				collect(c)
			}
		}
	}
	collect(table)
	col := map[string]int{}
	var docs []IndexDocument
	for _, tr := range rows {
		var cells []*html.Node
		header := false
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				cells = append(cells, c)
				header = header || c.DataAtom == atom.Th
			}
		}
		if header {
			for i, c := range cells {
				col[strings.ToLower(strings.TrimSpace(text(c)))] = i
			}
			continue
		}
		cell := func(name string) *html.Node {
			i, ok := col[name]
			if !ok || i >= len(cells) {
				return nil
			}
			return cells[i]
		}
		d := IndexDocument{Size: -1}
		d.Seq = cellText(cell("seq"))
		d.Description = cellText(cell("description"))
		d.Type = cellText(cell("type"))
		if s, err := strconv.ParseInt(strings.ReplaceAll(cellText(cell("size")), ",", ""), 10, 64); err == nil {
			d.Size = s
		}
		if c := cell("document"); c != nil {
			if a := firstElement(c, atom.A); a != nil {
				d.Path = documentPath(attr(a, "href"))
				if fs := strings.Fields(text(a)); len(fs) > 0 {
					d.Filename = fs[0] // "d123.htm iXBRL" names d123.htm
				}
			}
			if d.Filename == "" {
				d.Filename = cellText(c)
			}
		}
		if d.Path != "" && d.Filename == "" {
			d.Filename = path.Base(d.Path)
		}
		if d.Filename == "" {
			continue
		}
		docs = append(docs, d)
	}
	return docs
}

// documentPath turns a document link into its path on EDGAR: links to
// inline XBRL documents go through the viewer, "/ix?doc=/Archives/…".
func documentPath(href string) string {
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if doc := u.Query().Get("doc"); doc != "" && strings.HasPrefix(u.Path, "/ix") {
		return doc
	}
	return u.Path
}

// ParseIndexJSON reads a filing directory's index.json listing and returns
// the file names in it. A listing says nothing of document types; those
// come from the ACCESSION-index-headers.html it lists.
func ParseIndexJSON(r io.Reader) ([]string, error) {
	b, err := readLimited(r, maxIndexPage)
	if err != nil {
		return nil, err
	}
	var listing struct {
		Directory struct {
			Name string `json:"name"`
			Item []struct {
				Name string `json:"name"`
				Type string `json:"type"`
			} `json:"item"`
		} `json:"directory"`
	}
	if err := json.Unmarshal(b, &listing); err != nil {
		return nil, fmt.Errorf("not an EDGAR directory listing: %w", err)
	}
	if listing.Directory.Name == "" && listing.Directory.Item == nil {
		return nil, errors.New("not an EDGAR directory listing: no \"directory\"")
	}
	var names []string
	for _, it := range listing.Directory.Item {
		if it.Type == "folder.gif" || it.Name == "" {
			continue
		}
		names = append(names, it.Name)
	}
	return names, nil
}

// HeaderDocument is a document named in a filing's SGML headers.
type HeaderDocument struct {
	Type, Sequence, Filename, Description string
}

// SubmissionHeader is what the SGML headers say of a filing.
type SubmissionHeader struct {
	Form, Filed, Company, CIK string
	Documents                 []HeaderDocument
}

// ParseIndexHeaders reads ACCESSION-index-headers.html: the submission's
// SGML header and each document's <TYPE>, <SEQUENCE>, <FILENAME> and
// <DESCRIPTION> lines, HTML-escaped inside a page.
func ParseIndexHeaders(r io.Reader) (*SubmissionHeader, error) {
	b, err := readLimited(r, maxIndexPage)
	if err != nil {
		return nil, err
	}
	// The tags are escaped (&lt;TYPE&gt;) inside <pre>; the page's own
	// markup is real tags. Drop the real ones, then unescape.
	plain := html.UnescapeString(markupTag.ReplaceAllString(string(b), ""))
	h := &SubmissionHeader{}
	var cur *HeaderDocument
	seenDoc := false
	for _, line := range strings.Split(plain, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "<DOCUMENT>":
			h.Documents = append(h.Documents, HeaderDocument{})
			cur = &h.Documents[len(h.Documents)-1]
			seenDoc = true
		case line == "</DOCUMENT>":
			cur = nil
		case cur != nil && strings.HasPrefix(line, "<"):
			tag, val, ok := strings.Cut(line[1:], ">")
			if !ok {
				continue
			}
			val = strings.TrimSpace(val)
			switch tag {
			case "TYPE":
				cur.Type = val
			case "SEQUENCE":
				cur.Sequence = val
			case "FILENAME":
				cur.Filename = val
			case "DESCRIPTION":
				cur.Description = val
			}
		case cur == nil && !seenDoc:
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			v = strings.TrimSpace(v)
			switch strings.TrimSpace(k) {
			case "CONFORMED SUBMISSION TYPE":
				h.Form = normForm(v)
			case "FILED AS OF DATE":
				h.Filed, _ = normDate(v)
			case "COMPANY CONFORMED NAME":
				if h.Company == "" {
					h.Company = v
				}
			case "CENTRAL INDEX KEY":
				if h.CIK == "" {
					h.CIK = strings.TrimLeft(v, "0")
				}
			}
		}
	}
	if !seenDoc {
		return nil, errors.New("no <DOCUMENT> headers: not an EDGAR index-headers page")
	}
	return h, nil
}

// markupTag matches a real (unescaped) HTML tag.
var markupTag = regexp.MustCompile(`<[^>]*>`)

// exhibit5Name guesses, from its file name alone, that a document is an
// Exhibit 5 ("d123456dex51.htm", "ex5-1.htm", "exhibit5_1.htm"). Used
// only when EDGAR gives no document types.
var exhibit5Name = regexp.MustCompile(`(?i)(?:^|[^a-z])d?ex(?:h|hibit)?[-_]?0?5(?:[-_.]?(\d{1,2}))?[a-z]?\.(?:htm|html|txt)$`)

// exhibit5Type is the type a name matched by exhibit5Name stands for:
// "dex52.htm" is EX-5.2, "exhibit5.htm" EX-5.
func exhibit5Type(name string) string {
	m := exhibit5Name.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	if m[1] != "" {
		return "EX-5." + m[1]
	}
	return "EX-5"
}

func hasClass(n *html.Node, class string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == class {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// cellText is a cell's text with &nbsp; and runs of space collapsed.
func cellText(n *html.Node) string {
	if n == nil {
		return ""
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(text(n), "\u00a0", " ")), " ")
}

func firstElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := firstElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}
