// Package edgartest is a fake EDGAR for tests: an httptest server that
// serves the layouts EDGAR serves, built from the formats as EDGAR
// documents them:
//
//   - /Archives/edgar/full-index/YYYY/QTRn/form.idx: fixed-width columns
//     (Form Type, Company Name, CIK, Date Filed, File Name), sorted by form;
//   - /Archives/edgar/full-index/YYYY/QTRn/master.idx: pipe-delimited
//     CIK|Company Name|Form Type|Date Filed|Filename, sorted by CIK;
//   - /Archives/edgar/data/<CIK>/<ACCESSION-no-dashes>/<ACCESSION>-index.htm:
//     the filing's detail page, header and document table (Seq,
//     Description, Document, Type, Size);
//   - …/index.json: the directory listing; …/<ACCESSION>-index-headers.html:
//     the SGML headers; …/<ACCESSION>.txt: the complete submission;
//   - …/<file>: each document.
//
// A filing is listed, and reachable, under each of its filers' CIKs.
// Requests are logged (time, path, User-Agent, status) so tests can
// measure what a client did; Fault lets a test answer instead.
package edgartest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Filing is one submission on the fake EDGAR.
type Filing struct {
	Accession string // 0001193125-22-186192
	Form      string // "S-8"
	Filed     string // YYYY-MM-DD
	Filers    []Filer
	Documents []Document
	// NoIndexPage makes ACCESSION-index.htm a 404, as for filings whose
	// detail page EDGAR does not have, so a client must use index.json.
	NoIndexPage bool
	// NoHeaders leaves ACCESSION-index-headers.html out (with NoIndexPage:
	// a client has only the file names of the listing to go by).
	NoHeaders bool
	// Unsplit makes the filing look like a 1990s one: its index lists only
	// the complete submission text file, and documents have no file names.
	Unsplit bool
}

// A Filer is a company a filing is filed under.
type Filer struct {
	CIK     string // without leading zeros
	Company string
}

// A Document is one document of a filing.
type Document struct {
	Type        string // "EX-5.1"
	Description string
	Filename    string
	Body        []byte
	// Inline links the document through the inline XBRL viewer
	// (/ix?doc=…), as EDGAR does for iXBRL documents.
	Inline bool
}

// A Request is one request the server got.
type Request struct {
	Time      time.Time
	Path      string
	UserAgent string
	Status    int
}

// Server is the fake EDGAR.
type Server struct {
	*httptest.Server

	// Fault, if set, is asked first about every request; a non-zero
	// status is sent instead of the page (with Retry-After if not "").
	Fault func(r *http.Request) (status int, retryAfter string)
	// Body, if set, may wrap a document's writing, to slow it or stop it
	// half-way.
	Body func(w http.ResponseWriter, r *http.Request, body []byte)
	// NoFormIndex makes form.idx a 404, so a client must read master.idx.
	NoFormIndex bool

	mu      sync.Mutex
	filings []*Filing
	log     []Request
}

// New starts a fake EDGAR serving filings. Close it when done.
func New(filings ...*Filing) *Server {
	s := &Server{filings: filings}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Requests is the log of requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// ResetLog empties the request log.
func (s *Server) ResetLog() {
	s.mu.Lock()
	s.log = nil
	s.mu.Unlock()
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rec := Request{Time: time.Now(), Path: r.URL.Path, UserAgent: r.UserAgent()}
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		rec.Status = sw.status
		s.mu.Lock()
		s.log = append(s.log, rec)
		s.mu.Unlock()
	}()
	// EDGAR's answer to a client that does not say who it is.
	if !strings.Contains(r.UserAgent(), "@") {
		http.Error(sw, "Your Request Originates from an Undeclared Automated Tool. Please declare your traffic by updating your user agent to include company specific information.", http.StatusForbidden)
		return
	}
	if s.Fault != nil {
		if status, ra := s.Fault(r); status != 0 {
			if ra != "" {
				sw.Header().Set("Retry-After", ra)
			}
			http.Error(sw, http.StatusText(status), status)
			return
		}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(sw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/Archives/edgar/full-index/"):
		s.serveIndex(sw, r, strings.TrimPrefix(p, "/Archives/edgar/full-index/"))
	case strings.HasPrefix(p, "/Archives/edgar/data/"):
		s.serveData(sw, r, strings.TrimPrefix(p, "/Archives/edgar/data/"))
	default:
		http.NotFound(sw, r)
	}
}

// serveIndex serves YYYY/QTRn/form.idx and master.idx.
func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request, rest string) {
	parts := strings.Split(rest, "/")
	if len(parts) != 3 {
		http.NotFound(w, r)
		return
	}
	year, err := strconv.Atoi(parts[0])
	q, err2 := strconv.Atoi(strings.TrimPrefix(parts[1], "QTR"))
	if err != nil || err2 != nil || !strings.HasPrefix(parts[1], "QTR") || q < 1 || q > 4 || year < 1993 {
		http.NotFound(w, r)
		return
	}
	type line struct{ form, company, cik, filed, file string }
	var lines []line
	last := ""
	s.mu.Lock()
	for _, f := range s.filings {
		t, err := time.Parse(time.DateOnly, f.Filed)
		if err != nil || t.Year() != year || (int(t.Month())-1)/3+1 != q {
			continue
		}
		if f.Filed > last {
			last = f.Filed
		}
		for _, fl := range f.Filers {
			lines = append(lines, line{f.Form, fl.Company, fl.CIK, f.Filed,
				"edgar/data/" + fl.CIK + "/" + f.Accession + ".txt"})
		}
	}
	s.mu.Unlock()
	received := time.Date(year, time.Month(3*q), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1)
	if last != "" {
		received, _ = time.Parse(time.DateOnly, last)
	}
	var b bytes.Buffer
	switch parts[2] {
	case "form.idx":
		if s.NoFormIndex {
			http.NotFound(w, r)
			return
		}
		sort.SliceStable(lines, func(i, j int) bool {
			if lines[i].form != lines[j].form {
				return lines[i].form < lines[j].form
			}
			return lines[i].company < lines[j].company
		})
		fmt.Fprintf(&b, "Description:           Master Index of EDGAR Dissemination Feed by Form Type\n")
		fmt.Fprintf(&b, "Last Data Received:    %s\n", received.Format("January 2, 2006"))
		fmt.Fprintf(&b, "Comments:              webmaster@sec.gov\n")
		fmt.Fprintf(&b, "Anonymous FTP:         ftp://ftp.sec.gov/edgar/\n \n \n \n \n")
		fmt.Fprintf(&b, "%-12s%-62s%-12s%-12s%s\n", "Form Type", "Company Name", "CIK", "Date Filed", "File Name")
		b.WriteString(strings.Repeat("-", 141) + "\n")
		for _, l := range lines {
			company := l.company
			if len(company) >= 62 {
				company += " " // EDGAR lets a long name push the columns right
			}
			fmt.Fprintf(&b, "%-12s%-62s%-12s%-12s%-50s\n", l.form, company, l.cik, l.filed, l.file)
		}
	case "master.idx":
		sort.SliceStable(lines, func(i, j int) bool {
			a, _ := strconv.Atoi(lines[i].cik)
			c, _ := strconv.Atoi(lines[j].cik)
			return a < c
		})
		fmt.Fprintf(&b, "Description:           Master Index of EDGAR Dissemination Feed\n")
		fmt.Fprintf(&b, "Last Data Received:    %s\n", received.Format("January 2, 2006"))
		fmt.Fprintf(&b, "Comments:              webmaster@sec.gov\n")
		fmt.Fprintf(&b, "Anonymous FTP:         ftp://ftp.sec.gov/edgar/\n")
		fmt.Fprintf(&b, "Cloud HTTP:            https://www.sec.gov/Archives/\n \n \n \n \n")
		fmt.Fprintf(&b, "CIK|Company Name|Form Type|Date Filed|Filename\n")
		b.WriteString(strings.Repeat("-", 80) + "\n")
		for _, l := range lines {
			fmt.Fprintf(&b, "%s|%s|%s|%s|%s\n", l.cik, l.company, l.form, l.filed, l.file)
		}
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write(b.Bytes())
}

// find is the filing with accession acc filed under cik.
func (s *Server) find(cik, acc string) *Filing {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.filings {
		if f.Accession != acc {
			continue
		}
		for _, fl := range f.Filers {
			if fl.CIK == cik {
				return f
			}
		}
	}
	return nil
}

// serveData serves <CIK>/<ACCESSION-no-dashes>/<file>.
func (s *Server) serveData(w http.ResponseWriter, r *http.Request, rest string) {
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || len(parts[1]) != 18 {
		http.NotFound(w, r)
		return
	}
	cik := strings.TrimLeft(parts[0], "0")
	acc := parts[1][:10] + "-" + parts[1][10:12] + "-" + parts[1][12:]
	f := s.find(cik, acc)
	if f == nil {
		http.NotFound(w, r)
		return
	}
	dir := "/Archives/edgar/data/" + cik + "/" + parts[1] + "/"
	name := parts[2]
	switch name {
	case acc + "-index.htm", acc + "-index.html":
		if f.NoIndexPage {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(indexPage(f, dir))
	case "index.json":
		w.Header().Set("Content-Type", "application/json")
		w.Write(indexJSON(f, dir))
	case acc + "-index-headers.html":
		if f.NoHeaders {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(headersPage(f, dir))
	case acc + ".txt":
		w.Header().Set("Content-Type", "text/plain")
		s.writeBody(w, r, Submission(f))
	default:
		if f.Unsplit {
			http.NotFound(w, r)
			return
		}
		for _, d := range f.Documents {
			if d.Filename == name {
				if strings.HasSuffix(name, ".txt") {
					w.Header().Set("Content-Type", "text/plain")
				} else {
					w.Header().Set("Content-Type", "text/html")
				}
				s.writeBody(w, r, d.Body)
				return
			}
		}
		http.NotFound(w, r)
	}
}

func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if s.Body != nil {
		s.Body(w, r, body)
		return
	}
	w.Write(body)
}

// header is a filing's SEC-HEADER, as in the complete submission.
func header(f *Filing) string {
	var b strings.Builder
	compact := strings.ReplaceAll(f.Filed, "-", "")
	fmt.Fprintf(&b, "<SEC-HEADER>%s.hdr.sgml : %s\n", f.Accession, compact)
	fmt.Fprintf(&b, "<ACCEPTANCE-DATETIME>%s160512\n", compact)
	fmt.Fprintf(&b, "ACCESSION NUMBER:\t\t%s\n", f.Accession)
	fmt.Fprintf(&b, "CONFORMED SUBMISSION TYPE:\t%s\n", f.Form)
	fmt.Fprintf(&b, "PUBLIC DOCUMENT COUNT:\t\t%d\n", len(f.Documents))
	fmt.Fprintf(&b, "FILED AS OF DATE:\t\t%s\n", compact)
	fmt.Fprintf(&b, "DATE AS OF CHANGE:\t\t%s\n", compact)
	for _, fl := range f.Filers {
		fmt.Fprintf(&b, "\nFILER:\n\n\tCOMPANY DATA:\t\n")
		fmt.Fprintf(&b, "\t\tCOMPANY CONFORMED NAME:\t\t\t%s\n", fl.Company)
		fmt.Fprintf(&b, "\t\tCENTRAL INDEX KEY:\t\t\t%010s\n", fl.CIK)
		fmt.Fprintf(&b, "\t\tSTATE OF INCORPORATION:\t\t\tDE\n")
		fmt.Fprintf(&b, "\t\tFISCAL YEAR END:\t\t\t1231\n")
		fmt.Fprintf(&b, "\n\tFILING VALUES:\n\t\tFORM TYPE:\t\t%s\n", f.Form)
	}
	fmt.Fprintf(&b, "</SEC-HEADER>\n")
	return b.String()
}

// Submission is f's complete submission text file.
func Submission(f *Filing) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<SEC-DOCUMENT>%s.txt : %s\n", f.Accession, strings.ReplaceAll(f.Filed, "-", ""))
	b.WriteString(header(f))
	for i, d := range f.Documents {
		fmt.Fprintf(&b, "<DOCUMENT>\n<TYPE>%s\n<SEQUENCE>%d\n", d.Type, i+1)
		if !f.Unsplit {
			fmt.Fprintf(&b, "<FILENAME>%s\n", d.Filename)
		}
		if d.Description != "" {
			fmt.Fprintf(&b, "<DESCRIPTION>%s\n", d.Description)
		}
		b.WriteString("<TEXT>\n")
		b.Write(d.Body)
		if len(d.Body) > 0 && d.Body[len(d.Body)-1] != '\n' {
			b.WriteByte('\n')
		}
		b.WriteString("</TEXT>\n</DOCUMENT>\n")
	}
	b.WriteString("</SEC-DOCUMENT>\n")
	return b.Bytes()
}

func headersPage(f *Filing, dir string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<HTML><HEAD><TITLE>%s.hdr.sgml</TITLE></HEAD><BODY><PRE>\n", f.Accession)
	b.WriteString(html.EscapeString(header(f)))
	for i, d := range f.Documents {
		fmt.Fprintf(&b, "&lt;DOCUMENT&gt;\n&lt;TYPE&gt;%s\n&lt;SEQUENCE&gt;%d\n", html.EscapeString(d.Type), i+1)
		if !f.Unsplit {
			fmt.Fprintf(&b, "&lt;FILENAME&gt;<a href=\"%s%s\">%s</a>\n", dir, d.Filename, html.EscapeString(d.Filename))
		}
		if d.Description != "" {
			fmt.Fprintf(&b, "&lt;DESCRIPTION&gt;%s\n", html.EscapeString(d.Description))
		}
		b.WriteString("&lt;TEXT&gt;\n&lt;/TEXT&gt;\n&lt;/DOCUMENT&gt;\n")
	}
	b.WriteString("</PRE></BODY></HTML>\n")
	return b.Bytes()
}

func indexJSON(f *Filing, dir string) []byte {
	type item struct {
		LastModified string `json:"last-modified"`
		Name         string `json:"name"`
		Type         string `json:"type"`
		Size         string `json:"size"`
	}
	mod := f.Filed + " 16:05:12"
	items := []item{
		{mod, f.Accession + "-index.html", "text.gif", ""},
		{mod, f.Accession + ".txt", "text.gif", ""},
	}
	if !f.NoHeaders {
		items = append(items, item{mod, f.Accession + "-index-headers.html", "text.gif", ""})
	}
	if !f.Unsplit {
		for _, d := range f.Documents {
			items = append(items, item{mod, d.Filename, "text.gif", strconv.Itoa(len(d.Body))})
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Name < items[j].Name })
	var listing struct {
		Directory struct {
			Item      []item `json:"item"`
			Name      string `json:"name"`
			ParentDir string `json:"parent-dir"`
		} `json:"directory"`
	}
	listing.Directory.Item = items
	listing.Directory.Name = strings.TrimSuffix(dir, "/")
	listing.Directory.ParentDir = dir[:strings.LastIndex(strings.TrimSuffix(dir, "/"), "/")+1]
	b, _ := json.MarshalIndent(listing, "", "  ")
	return b
}

var formNames = map[string]string{
	"S-8":    "Securities to be offered to employees in employee benefit plans",
	"S-3":    "Registration statement under Securities Act of 1933",
	"S-3ASR": "Automatic shelf registration statement of securities of well-known seasoned issuers",
	"S-1":    "General form for registration of securities under the Securities Act of 1933",
	"8-K":    "Current report",
	"10-K":   "Annual report [Section 13 and 15(d), not S-K Item 405]",
}

func indexPage(f *Filing, dir string) []byte {
	var b bytes.Buffer
	e := html.EscapeString
	b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>EDGAR Filing Index</title>
<link rel="stylesheet" type="text/css" href="/include/interactive.css" />
</head>
<body style="margin: 0">
<div id="PageTitle">Filing Detail</div>
<div id="contentDiv">
<div id="formDiv">
<div id="formHeader">
<div id="formName">
`)
	fmt.Fprintf(&b, "<strong>Form %s</strong> - %s:\n</div>\n", e(f.Form), e(formNames[strings.TrimSuffix(f.Form, "/A")]))
	fmt.Fprintf(&b, "<div id=\"secNum\">\n<strong><acronym title=\"Securities and Exchange Commission\">SEC</acronym> Accession <acronym title=\"Number\">No.</acronym></strong> %s\n</div>\n</div>\n", f.Accession)
	fmt.Fprintf(&b, `<div class="formContent">
<div class="formGrouping">
<div class="infoHead">Filing Date</div>
<div class="info">%s</div>
<div class="infoHead">Accepted</div>
<div class="info">%s 16:05:12</div>
<div class="infoHead">Documents</div>
<div class="info">%d</div>
</div>
</div>
</div>
<div id="formDiv">
<div style="padding: 0px 0px 4px 0px; font-size: 12px; margin: 0px 2px 0px 5px; width: 100%%; overflow:hidden">
<p>Document Format Files</p>
<table class="tableFile" summary="Document Format Files">
<tr>
<th scope="col" style="width: 5%%;"><acronym title="Sequence Number">Seq</acronym></th>
<th scope="col" style="width: 40%%;">Description</th>
<th scope="col" style="width: 20%%;">Document</th>
<th scope="col" style="width: 10%%;">Type</th>
<th scope="col">Size</th>
</tr>
`, f.Filed, f.Filed, len(f.Documents))
	row := 0
	tr := func() string {
		row++
		if row%2 == 0 {
			return `<tr class="blueRow">`
		}
		return "<tr>"
	}
	if !f.Unsplit {
		for i, d := range f.Documents {
			href := dir + d.Filename
			label := e(d.Filename)
			if d.Inline {
				href = "/ix?doc=" + href
				label += ` &nbsp;&nbsp;<span style="color: green">iXBRL</span>`
			}
			fmt.Fprintf(&b, "%s\n<td scope=\"row\">%d</td>\n<td scope=\"row\">%s</td>\n<td scope=\"row\"><a href=\"%s\">%s</a></td>\n<td scope=\"row\">%s</td>\n<td scope=\"row\">%d</td>\n</tr>\n",
				tr(), i+1, e(d.Description), e(href), label, e(d.Type), len(d.Body))
		}
	}
	fmt.Fprintf(&b, "%s\n<td scope=\"row\">&nbsp;</td>\n<td scope=\"row\">Complete submission text file</td>\n<td scope=\"row\"><a href=\"%s%s.txt\">%s.txt</a></td>\n<td scope=\"row\">&nbsp;</td>\n<td scope=\"row\">%d</td>\n</tr>\n",
		tr(), dir, f.Accession, f.Accession, len(Submission(f)))
	b.WriteString("</table>\n</div>\n</div>\n")
	for i, fl := range f.Filers {
		role := "Filer"
		if f.Form == "SC 13D" && i > 0 {
			role = "Subject"
		}
		fmt.Fprintf(&b, `<div id="filerDiv">
<div class="mailer">Business Address
<span class="mailerAddress">100 MAIN STREET</span>
</div>
<div class="companyInfo">
<span class="companyName">%s (%s)
<acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?action=getcompany&amp;CIK=%010s&amp;owner=exclude&amp;count=40">%010s (see all company filings)</a></span>
<p class="identInfo"><acronym title="Internal Revenue Service Number">IRS No.</acronym>: <strong>000000000</strong> | State of Incorp.: <strong>DE</strong> | Fiscal Year End: <strong>1231</strong></p>
</div>
<div class="clear"></div>
</div>
`, e(fl.Company), role, fl.CIK, fl.CIK)
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.Bytes()
}
