package fetch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"time"
)

// Entry is one line of a quarterly full index: one filing as listed under
// one filer. A filing with co-registrants (guarantor subsidiaries, say) is
// listed once per filer, under the same accession number.
type Entry struct {
	Form      string // "S-8", "S-3/A", "POS AM"
	Company   string // the filer's conformed name
	CIK       string // without leading zeros
	Filed     string // YYYY-MM-DD
	Accession string // 0001193125-22-186192
	File      string // edgar/data/320193/0001193125-22-186192.txt
}

var accessionRE = regexp.MustCompile(`^\d{10}-\d{2}-\d{6}$`)

// ValidAccession reports whether s is an accession number with dashes.
func ValidAccession(s string) bool { return accessionRE.MatchString(s) }

// ReadIndex reads a quarterly index in either layout EDGAR publishes it:
// form.idx (fixed-width columns, sorted by form type) or master.idx
// (pipe-delimited, sorted by CIK). It tells them apart by the column
// header and calls fn for each well-formed line; fn's error stops the
// read. Lines that cannot be read are counted in bad, not fatal: one
// garbled line must not lose a quarter.
func ReadIndex(r io.Reader, fn func(Entry) error) (bad int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	const (
		preamble = iota
		fixed
		piped
	)
	layout, companyCol := preamble, 0
	sawHeader := false
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		if layout == preamble || !sawHeader {
			switch {
			case strings.HasPrefix(line, "Form Type") && strings.Contains(line, "Company Name"):
				layout, companyCol = fixed, strings.Index(line, "Company Name")
			case strings.HasPrefix(line, "CIK|"):
				layout = piped
			case layout != preamble && line != "" && strings.Trim(line, "-") == "":
				sawHeader = true // the row of dashes under the column names
			}
			continue
		}
		if line == "" {
			continue
		}
		var e Entry
		var ok bool
		if layout == piped {
			e, ok = parsePiped(line)
		} else {
			e, ok = parseFixed(line, companyCol)
		}
		if !ok {
			bad++
			continue
		}
		if err := fn(e); err != nil {
			return bad, err
		}
	}
	if err := sc.Err(); err != nil {
		return bad, fmt.Errorf("line %d: %w", n+1, err)
	}
	if layout == preamble {
		return bad, errors.New("not an EDGAR full index: no \"Form Type\" or \"CIK|\" column header")
	}
	return bad, nil
}

// parsePiped reads "CIK|Company Name|Form Type|Date Filed|Filename".
func parsePiped(line string) (Entry, bool) {
	f := strings.Split(line, "|")
	if len(f) != 5 {
		return Entry{}, false
	}
	return finish(Entry{
		CIK:     f[0],
		Company: f[1],
		Form:    f[2],
		Filed:   f[3],
		File:    f[4],
	})
}

// parseFixed reads a form.idx line. The columns are fixed-width, but a
// long company name can push the CIK out of its column, so the last three
// fields are taken from the right as words and only the boundary between
// form type and company comes from the header.
func parseFixed(line string, companyCol int) (Entry, bool) {
	rest := line
	var tail [3]string // file, date, CIK
	for i := range tail {
		rest = strings.TrimRight(rest, " \t")
		j := strings.LastIndexAny(rest, " \t")
		if j < 0 {
			return Entry{}, false
		}
		tail[i], rest = rest[j+1:], rest[:j]
	}
	rest = strings.TrimRight(rest, " \t")
	var form, company string
	if len(rest) > companyCol && companyCol > 0 && rest[companyCol-1] == ' ' {
		form, company = rest[:companyCol], rest[companyCol:]
	} else {
		// A form type that overflows its column: split at the first run of
		// two spaces, which names never contain in this file.
		i := strings.Index(rest, "  ")
		if i < 0 {
			return Entry{}, false
		}
		form, company = rest[:i], rest[i:]
	}
	return finish(Entry{
		Form:    form,
		Company: company,
		CIK:     tail[2],
		Filed:   tail[1],
		File:    tail[0],
	})
}

// finish trims and checks an entry's fields and derives its accession.
func finish(e Entry) (Entry, bool) {
	e.Form = normForm(e.Form)
	e.Company = strings.TrimSpace(e.Company)
	e.CIK = strings.TrimLeft(strings.TrimSpace(e.CIK), "0")
	e.File = strings.TrimSpace(e.File)
	if e.Form == "" || e.CIK == "" || !allDigits(e.CIK) {
		return Entry{}, false
	}
	d, ok := normDate(strings.TrimSpace(e.Filed))
	if !ok {
		return Entry{}, false
	}
	e.Filed = d
	e.Accession = strings.TrimSuffix(path.Base(e.File), ".txt")
	if !ValidAccession(e.Accession) {
		return Entry{}, false
	}
	return e, true
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// normDate accepts YYYY-MM-DD and the YYYYMMDD some older indexes use.
func normDate(s string) (string, bool) {
	if len(s) == 8 && allDigits(s) {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", false
	}
	return s, true
}

// normForm upper-cases a form type and collapses its inner spaces, so
// "pos  am" and "POS AM" are one form.
func normForm(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}

// DefaultForms are the registration statements that carry an Exhibit 5
// legality opinion. Each also matches its /A amendments. 8-K is not here:
// most 8-Ks carry no opinion, though shelf takedown opinions are often
// filed on one, so it is fetched only on request. 424B prospectuses carry
// no exhibits at all.
var DefaultForms = []string{
	"S-8", "S-8 POS", "S-3", "S-3ASR", "S-3D", "S-3MEF", "S-1", "S-1MEF", "SB-2",
	"F-1", "F-1MEF", "F-3", "F-3ASR", "F-3D", "F-3MEF", "S-4", "S-4 POS", "F-4",
	"S-11", "F-10", "POS AM",
}

// Forms is a set of form types to fetch. Add puts a form and its /A
// amendment in.
type Forms map[string]bool

// ParseForms reads a comma-separated list such as "S-8,S-3,8-K"; an empty
// list means DefaultForms, and so does the word "default" in a list.
func ParseForms(list string) (Forms, error) {
	f := Forms{}
	names := strings.Split(list, ",")
	if strings.TrimSpace(list) == "" {
		names = DefaultForms
	}
	for _, n := range names {
		n = normForm(n)
		switch n {
		case "":
			return nil, fmt.Errorf("empty form type in %q", list)
		case "DEFAULT": // "default,8-K": the usual forms and more
			for _, d := range DefaultForms {
				f.Add(d)
			}
		default:
			f.Add(n)
		}
	}
	return f, nil
}

// Add puts form and its amendment form/A in the set.
func (f Forms) Add(form string) {
	form = strings.TrimSuffix(normForm(form), "/A")
	f[form] = true
	f[form+"/A"] = true
}

// Filter says which index entries to fetch.
type Filter struct {
	Forms    Forms
	From, To string          // YYYY-MM-DD, inclusive; "" is open
	CIKs     map[string]bool // without leading zeros; empty means any
}

// Match reports whether e is a filing to fetch.
func (f *Filter) Match(e Entry) bool {
	if !f.Forms[e.Form] {
		return false
	}
	if f.From != "" && e.Filed < f.From || f.To != "" && e.Filed > f.To {
		return false
	}
	return len(f.CIKs) == 0 || f.CIKs[e.CIK]
}

// ParseCIKs reads "320193,0000789019" into a set of CIKs without leading
// zeros.
func ParseCIKs(list string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, c := range strings.Split(list, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		n := strings.TrimLeft(c, "0")
		if !allDigits(n) || len(c) > 10 {
			return nil, fmt.Errorf("CIK %q: want up to 10 digits", c)
		}
		set[n] = true
	}
	return set, nil
}

// A Quarter is one directory of EDGAR's full index.
type Quarter struct{ Year, Q int }

// FirstQuarter is the oldest quarter of EDGAR's full index.
var FirstQuarter = Quarter{1993, 1}

// QuarterOf is the quarter holding day t.
func QuarterOf(t time.Time) Quarter { return Quarter{t.Year(), (int(t.Month())-1)/3 + 1} }

// Quarters lists the quarters from the one holding from to the one holding
// to, oldest first.
func Quarters(from, to time.Time) []Quarter {
	var qs []Quarter
	for q, last := QuarterOf(from), QuarterOf(to); !last.Before(q); q = q.Next() {
		qs = append(qs, q)
	}
	return qs
}

// Next is the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Before reports whether q is earlier than r.
func (q Quarter) Before(r Quarter) bool {
	return q.Year < r.Year || q.Year == r.Year && q.Q < r.Q
}

// Start is the first day of q, End the first day after it.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the first day after q.
func (q Quarter) End() time.Time { return q.Next().Start() }

// Dir is q's directory on EDGAR, as a URL path.
func (q Quarter) Dir() string {
	return fmt.Sprintf("/Archives/edgar/full-index/%d/QTR%d/", q.Year, q.Q)
}

func (q Quarter) String() string { return fmt.Sprintf("%d QTR%d", q.Year, q.Q) }

// ParseDate reads a -from or -to date: YYYY-MM-DD, or YYYY-MM and YYYY
// for the first (or, when end is set, the last) day of that month or year.
func ParseDate(s string, end bool) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}
