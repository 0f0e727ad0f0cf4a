package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ---- Exhibit ----

var (
	exhibitTopRe  = regexp.MustCompile(`(?i)\bex(?:hibit|h\.?|\.)?\s*-?\s*(\d{1,3}(?:\.\d{1,3})?)\b`)
	exhibitBodyRe = regexp.MustCompile(`\b(?:this|our|such)\s+(?:opinion|letter|opinion letter)\s+(?:letter\s+)?as\s+(?:an\s+)?(?:a part\s+\()?exhibit\s+(\d{1,3}(?:\.\d{1,3})?)\b`)
)

// exhibit returns the number the letter gives itself: "Exhibit 5.1" at the
// top, else "this opinion as Exhibit 5.1" in the consent.
func (d *doc) exhibit() string {
	for i := 0; i < len(d.paras) && i < 4; i++ {
		p := d.paras[i]
		if len(p) > 400 {
			p = p[:400]
		}
		for _, m := range exhibitTopRe.FindAllStringSubmatch(p, -1) {
			if strings.HasPrefix(m[1], "5") {
				return m[1]
			}
		}
	}
	for _, p := range d.lparas[d.body:] {
		if !strings.Contains(p, "exhibit 5") {
			continue
		}
		if m := exhibitBodyRe.FindStringSubmatch(p); m != nil && strings.HasPrefix(m[1], "5") {
			return m[1]
		}
	}
	return ""
}

// ---- Date ----

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

const monthPat = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`

var (
	dateMDY = regexp.MustCompile(`(?i)\b` + monthPat + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*((?:19|20)\d\d)\b`)
	dateDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?` + monthPat + `\.?\s*,?\s+((?:19|20)\d\d)\b`)
	dateNum = regexp.MustCompile(`^(?:Dated:?\s*)?(\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)$`)
	// A date line in figures, as European and Asian firms write it:
	// "3.3.2004", "Zurich, 03.03.2004" (day first), "2004-03-03".
	dateDotRe = regexp.MustCompile(`^(?:(?:Dated|Date):?\s*)?(?:\pL[\pL .-]{1,30},\s*)?(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)$`)
	dateISORe = regexp.MustCompile(`^(?:(?:Dated|Date):?\s*)?(?:\pL[\pL .-]{1,30},\s*)?((?:19|20)\d\d)-(\d{2})-(\d{2})$`)
)

// findDate returns the first well-formed date in s as YYYY-MM-DD.
func findDate(s string) (string, int) {
	best, at := "", -1
	if !hasYear(s) {
		return best, at
	}
	if m := dateMDY.FindStringSubmatchIndex(s); m != nil {
		if v := ymd(s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]]); v != "" {
			best, at = v, m[0]
		}
	}
	if m := dateDMY.FindStringSubmatchIndex(s); m != nil && (at < 0 || m[0] < at) {
		if v := ymd(s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]]); v != "" {
			best, at = v, m[0]
		}
	}
	return best, at
}

// hasYear reports whether s holds a 19xx or 20xx number: a cheap test
// before the date patterns.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && s[i+2] >= '0' && s[i+2] <= '9' && s[i+3] >= '0' && s[i+3] <= '9' {
			return true
		}
	}
	return false
}

func ymd(year, month, day string) string {
	mo := months[strings.ToLower(month)]
	if mo == 0 && len(month) >= 3 {
		mo = months[strings.ToLower(month[:3])]
	}
	y, _ := strconv.Atoi(year)
	dd, _ := strconv.Atoi(day)
	if mo == 0 || dd < 1 || dd > 31 || y < 1900 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, dd)
}

// date returns the letter's date: the first date above the salutation (the
// date line, or "Zurich, June 8, 2023"), else a "Dated:" line by the
// signature, else the first date in the letter.
func (d *doc) date() string {
	// A date in a subject line or after "filed" is some other document's
	// ("Re: Amendment No. 1 ... filed February 27, 2015"): the date line
	// below it wins.
	subject := ""
	draft := false
	for _, p := range d.header() {
		if len(p) < 40 && draftDateRe.MatchString(p) {
			draft = true // "[●], 2004", "March __, 2004": not dated yet
		}
		if v, at := findDate(p); v != "" {
			lp := lowerASCII(p)
			if strings.HasPrefix(lp, "re:") || strings.HasPrefix(lp, "re ") || strings.HasPrefix(lp, "subject:") || otherDateRe.MatchString(tail(lp[:at], 40)) {
				if subject == "" {
					subject = v
				}
				continue
			}
			return v
		}
		if m := dateNum.FindStringSubmatch(p); m != nil {
			y, _ := strconv.Atoi(m[3])
			if y < 100 {
				y += 1900
				if y < 1950 {
					y += 100
				}
			}
			mo, _ := strconv.Atoi(m[1])
			dd, _ := strconv.Atoi(m[2])
			if mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 {
				return fmt.Sprintf("%04d-%02d-%02d", y, mo, dd)
			}
		}
		if len(p) < 60 {
			var y, mo, dd int
			if m := dateDotRe.FindStringSubmatch(p); m != nil {
				dd, _ = strconv.Atoi(m[1])
				mo, _ = strconv.Atoi(m[2])
				y, _ = strconv.Atoi(m[3])
			} else if m := dateISORe.FindStringSubmatch(p); m != nil {
				y, _ = strconv.Atoi(m[1])
				mo, _ = strconv.Atoi(m[2])
				dd, _ = strconv.Atoi(m[3])
			}
			if y > 0 && mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 {
				return fmt.Sprintf("%04d-%02d-%02d", y, mo, dd)
			}
		}
	}
	if subject != "" {
		return subject
	}
	if draft {
		// An undated draft: a date from the prose would be some other
		// document's; the caller falls back to the filing date.
		return ""
	}
	if d.sig >= 0 {
		for _, p := range d.paras[d.sig:] {
			if v, _ := findDate(p); v != "" {
				return v
			}
		}
	}
	// No date line: the first date in the prose that is not some other
	// document's date ("Indenture, dated as of ...").
	for _, p := range d.paras[d.body:] {
		rest := p
		for len(rest) > 0 {
			v, at := findDate(rest)
			if v == "" {
				break
			}
			pre := tail(rest[:at], 40)
			if !datedAsOf.MatchString(pre) {
				return v
			}
			rest = rest[at+8:]
		}
	}
	return ""
}

// draftDateRe is a date line left blank for the day of filing. Bullets
// ("●") are "-" after normalize.
var draftDateRe = regexp.MustCompile(`(?i)^(?:Dated:?\s*)?(?:` + monthPat + `\.?\s+)?(?:\[[^\]]{0,12}\]|_{2,}|-{1,3}|\*{1,3}|x{2})\s*(?:` + monthPat + `)?\s*,?\s*(?:19|20)\d\d$`)

// otherDateRe ends the words before a date that belongs to another
// document.
var otherDateRe = regexp.MustCompile(`(?:filed|dated|as of|effective|amended|submitted)(?:\s+(?:with\s+the\s+(?:commission|sec)\s+)?on)?\s*$`)

var datedAsOf = regexp.MustCompile(`(?i)(?:dated|as of|effective|through|until|on or about|before|after|ended|ending)\s*$`)

// ---- Addressee ----

var (
	entityRe       = regexp.MustCompile(`(?:^|\s)(?:[A-Z][\w.'&,-]*\s+){0,8}?(?:[A-Z][\w.'&-]*,?\s+)?(?:Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.|LLC|L\.L\.C\.|L\.P\.|LP|Ltd\.?|Limited|plc|PLC|N\.V\.|S\.A\.|SA|AG|SE|Trust|Bancorp|Bancshares|Holdings|Group|Partners|Fund|Bank|Board of Directors|B\.V\.|GmbH|S\.p\.A\.|A/S|ASA|AB|Oyj|N\.A\.)(?:\s|$|,)`)
	addrSkipRe     = regexp.MustCompile(`(?i)^(?:via\b|by\s+(?:edgar|email|e-mail|electronic|hand|fax|facsimile|courier|federal express|overnight)|personal|confidential|privileged|writer|direct|e-?mail|tel|fax|phone|file no|our ref|your ref|client|matter|page\b|www\.|http|attention|attn|to:?\s*$)`)
	addrPrefixRe   = regexp.MustCompile(`^(?i:to:?\s+)`)
	streetInLineRe = regexp.MustCompile(`\s\d{1,6}\s+[A-Z]`)
	streetStartRe  = regexp.MustCompile(`^(?:\d|One\b|Two\b|P\.?\s?O\.?\s+Box)`)
)

// addressee returns the first line of the inside address: the first line
// after the date that names an entity or a board, else the line above the
// first street line.
func (d *doc) addressee() string {
	var lines []string
	for _, b := range d.blocks[:d.body] {
		for _, l := range strings.Split(b, "\n") {
			for _, c := range strings.Split(l, "\t") {
				if c = strings.TrimSpace(collapse(c)); c != "" {
					lines = append(lines, c)
				}
			}
		}
	}
	start := 0
	for i, l := range lines {
		if v, at := findDate(l); v != "" {
			start = i + 1
			if rest := strings.TrimSpace(l[at:]); len(rest) > 20 {
				// "June 27, 2025 GCM Grosvenor Inc. 900 North ..." in one line.
				if _, end := findDate(rest); end == 0 {
					if loc := dateMDY.FindStringIndex(rest); loc != nil {
						rest = strings.TrimSpace(rest[loc[1]:])
					}
				}
				if m := entityRe.FindStringIndex(rest); m != nil && m[0] < 3 {
					return strings.TrimRight(strings.TrimSpace(rest[:m[1]]), ",")
				}
			}
			break
		}
	}
	if a := addresseeIn(lines[start:]); a != "" || start == 0 {
		return a
	}
	// Some letters put the inside address above the date.
	return addresseeIn(lines[:start])
}

func addresseeIn(lines []string) string {
	for i := 0; i < len(lines); i++ {
		l := addrPrefixRe.ReplaceAllString(lines[i], "")
		if addrSkipRe.MatchString(l) || strings.HasPrefix(strings.ToLower(l), "re:") {
			continue
		}
		if m := entityRe.FindStringIndex(l); m != nil && m[0] < 3 {
			if len(l) <= 70 && !streetInLineRe.MatchString(l) {
				return l
			}
			return strings.TrimRight(strings.TrimSpace(l[:m[1]]), ",")
		}
		if i+1 < len(lines) && streetStartRe.MatchString(lines[i+1]) && len(l) < 80 && !streetStartRe.MatchString(l) && !findDateOK(l) {
			return l
		}
	}
	return ""
}

func findDateOK(s string) bool {
	v, _ := findDate(s)
	return v != ""
}

// ---- Forms and registration number ----

var (
	formRe     = regexp.MustCompile(`(?:[Ff]orm|FORM)[sS]?\s+((?:S|F|SB|N)-\d{1,2}(?:ASR|MEF|A|D)?|10)(?:/A)?(?:\s*(?:,|and|or|&|/)\s*(?:(?:[Ff]orm|FORM)\s+)?((?:S|F|SB|N)-\d{1,2}(?:ASR|MEF|A|D)?)(?:/A)?)?(?:\s*(?:,|and|or|&)\s*(?:(?:[Ff]orm|FORM)\s+)?((?:S|F|SB|N)-\d{1,2}(?:ASR|MEF|A|D)?)(?:/A)?)?`)
	regNoRe    = regexp.MustCompile(`\b333-\d{5,6}\b`)
	regNoOldRe = regexp.MustCompile(`(?i)\b(?:No|Nos|Number)\.?\s*:?\s*((?:33|2)-\d{4,6})\b`)
)

// forms returns the registration forms the letter names, in order: "S-3";
// "F-10", "F-3" for "Forms F-10 and F-3". Reports (8-K, 10-K) are not
// registration forms and are skipped by the pattern.
func (d *doc) forms() []string {
	var out []string
	for _, p := range d.paras {
		if !strings.Contains(p, "orm") && !strings.Contains(p, "ORM") {
			continue
		}
		for _, m := range formMatches(p) {
			if m[0] > 0 && isWordByte(p[m[0]-1]) {
				continue // "Platforms"
			}
			if p[m[2]:m[3]] == "10" && m[3] < len(p) && p[m[3]] == '-' {
				continue // Form 10-K, 10-Q
			}
			// "Post-Effective Amendment No. 2 to Form S-1 on Form S-3": the
			// amendment is filed on the second form, the letter's.
			if on := formOnRe.FindStringSubmatch(p[m[0]:min(len(p), m[1]+40)]); on != nil && !contains(out, on[1]) {
				out = append(out, on[1])
			}
			for g := 2; g < len(m); g += 2 {
				if m[g] < 0 {
					continue
				}
				f := p[m[g]:m[g+1]]
				if strings.HasSuffix(f, "A") && !strings.HasSuffix(f, "ASR") && !strings.HasPrefix(f, "N-") {
					f = f[:len(f)-1] // "S-1A": an amendment, same form
				}
				if !contains(out, f) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// formAtRe is formRe anchored, tried only where "Form" stands: running
// formRe over whole paragraphs was a fifth of Extract's time.
var formAtRe = regexp.MustCompile(`^` + formRe.String())

// formMatches returns what formRe.FindAllStringSubmatchIndex(p, -1) would.
func formMatches(p string) [][]int {
	var out [][]int
	for i := 0; i+4 <= len(p); {
		j := strings.IndexAny(p[i:], "fF")
		if j < 0 {
			break
		}
		i += j
		if w := p[i:min(len(p), i+4)]; w != "Form" && w != "form" && w != "FORM" {
			i++
			continue
		}
		m := formAtRe.FindStringSubmatchIndex(p[i:min(len(p), i+400)])
		if m == nil {
			i++
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1]
	}
	return out
}

var formOnRe = regexp.MustCompile(`^(?:[Ff]orm|FORM)\s+(?:S|F|SB)-\d{1,2}(?:/A)?\s+on\s+(?:[Ff]orm|FORM)\s+((?:S|F|SB)-\d{1,2})`)

// registrationNo returns the first Securities Act file number: 333-xxxxxx,
// or an old-style 33-xxxxx / 2-xxxxx after "No.".
func (d *doc) registrationNo() string {
	for _, p := range d.paras {
		if strings.Contains(p, "333-") {
			if m := regNoRe.FindString(p); m != "" {
				return m
			}
		}
	}
	for _, p := range d.paras {
		if !strings.Contains(p, "33-") && !strings.Contains(p, " 2-") {
			continue
		}
		if m := regNoOldRe.FindStringSubmatch(p); m != nil {
			return m[1]
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
