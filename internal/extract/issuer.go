package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// companyTermRe is the defined-term parenthetical that names the issuer:
// (the "Company"), (the Company), (hereinafter the "Registrant"), ...
// Group 1 is the term. Quotes are normalized to ASCII by newDoc.
var companyTermRe = regexp.MustCompile(`\((?:"[^"()]{1,40}"\s+or\s+)?(?:(?:hereinafter|herein|collectively|together with its (?:consolidated )?subsidiaries,?|(?:hereinafter |herein )?referred to (?:herein )?as|hereinafter called|herein called)\s+)?(?:the\s+)?"?(Company|Registrant|Issuer|Corporation|Trust|Partnership|Operating Partnership|Fund|REIT|Bank|Parent|Guarantor|Bancorp)"?(?:\s*(?:,|or|and)\s*[^()]{0,60})?\)`)

// termRank orders the defined terms: "the Company" is the issuer even when
// a "Trust" or "Bank" is defined first.
var termRank = map[string]int{
	"Company": 0, "Registrant": 0, "Issuer": 0, "Corporation": 0,
	"Trust": 1, "Partnership": 1, "Operating Partnership": 2, "Fund": 1, "REIT": 1, "Bancorp": 1,
	"Parent": 2, "Bank": 2, "Guarantor": 3,
}

var (
	counselToRe   = regexp.MustCompile(`\b(?:counsel|attorneys?)\s+(?:to|for)\s+`)
	descriptorRe  = regexp.MustCompile(`,?\s+(?:a|an)\s+`)
	formerlyRe    = regexp.MustCompile(`^\((?i:f/k/a|formerly|fka|d/b/a|dba|previously|successor|now known)`)
	corpSuffixTok = map[string]bool{
		"inc.": true, "inc": true, "incorporated": true, "ltd.": true, "ltd": true, "limited": true,
		"l.p.": true, "lp": true, "llc": true, "l.l.c.": true, "n.a.": true, "s.a.": true, "plc": true,
		"n.v.": true, "co.": true, "corp.": true, "llp": true, "l.l.p.": true, "s.a.b.": true, "p.l.c.": true,
		"ag": true, "se": true, "sa": true, "s.e.": true, "b.v.": true, "gmbh": true, "s.p.a.": true,
		"a/s": true, "asa": true, "ab": true, "oyj": true, "lllp": true, "pllc": true,
	}
	connectors = map[string]bool{
		"of": true, "and": true, "&": true, "de": true, "du": true, "des": true, "la": true, "le": true,
		"del": true, "y": true, "for": true, "the": true, "on": true, "et": true, "und": true, "van": true,
		"der": true, "von": true, "in": false,
	}
)

// issuer returns the company the opinion is for, as named, and its state
// or country of organization.
func (d *doc) issuer() (name, state string) {
	intro := d.intro()
	bestRank := 99
	for _, p := range intro {
		if !strings.Contains(p, "(") {
			continue
		}
		for _, m := range companyTermRe.FindAllStringSubmatchIndex(p, -1) {
			rank := termRank[p[m[2]:m[3]]]
			if rank >= bestRank {
				continue
			}
			n, descr := nameBefore(p[:m[0]])
			if n == "" {
				continue
			}
			if descr == "" {
				descr = descriptorAfter(p[m[1]:])
			}
			name, state, bestRank = n, statePlace(descr), rank
			if rank == 0 {
				break
			}
		}
		if bestRank == 0 {
			return name, state
		}
	}
	if name != "" {
		return name, state
	}
	// "special counsel to Credit Suisse AG, a corporation organized under the
	// laws of ... Switzerland ("Credit Suisse")".
	for _, p := range intro {
		for _, m := range counselToRe.FindAllStringIndex(p, -1) {
			at := m[1]
			// "counsel to the Company, Beta Gamma Corp., a Delaware corporation"
			for _, lead := range []string{"the Company, ", "the Registrant, ", "the Issuer, "} {
				if strings.HasPrefix(p[at:], lead) {
					at += len(lead)
				}
			}
			if n, end := nameAfter(p[at:]); n != "" && !isPronounName(n) {
				return n, statePlace(descriptorAfter(p[at+end:]))
			}
		}
	}
	// The Re: line, then the addressee, when they name a company.
	for _, p := range d.header() {
		if len(p) > 3 && strings.EqualFold(p[:3], "re:") {
			if m := entityRe.FindStringIndex(p[3:]); m != nil {
				return strings.TrimRight(strings.TrimSpace(p[3+m[0]:3+m[1]]), ","), ""
			}
		}
	}
	if a := d.addressee(); a != "" && !strings.Contains(a, "Board") && entityRe.MatchString(a+" ") {
		return a, ""
	}
	return "", ""
}

func isPronounName(n string) bool {
	switch strings.ToLower(n) {
	case "you", "the company", "us", "it", "them":
		return true
	}
	return false
}

// statePlace returns the first place named in an entity's description:
// "a Delaware corporation", "a corporation organized under the laws of
// Ontario, Canada", "a Cayman Islands exempted company".
func statePlace(descr string) string {
	if descr == "" {
		return ""
	}
	if ps := findPlaces(descr, false); len(ps) > 0 {
		return ps[0]
	}
	// "an Israeli company", "a Swiss stock corporation"
	for _, w := range strings.Fields(descr) {
		if p := adjectives[strings.Trim(w, ",")]; p != "" {
			return p
		}
	}
	return ""
}

// descriptorAfter returns the ", a Delaware corporation" clause at the start
// of s, if any.
func descriptorAfter(s string) string {
	m := descriptorRe.FindStringIndex(s)
	if m == nil || m[0] > 2 {
		return ""
	}
	s = s[m[1]:]
	if i := strings.IndexAny(s, "();"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160]
	}
	return s
}

// nameBefore finds the entity named just before a defined-term parenthetical:
// "... counsel to Apple Inc., a California corporation" gives "Apple Inc."
// and the description "California corporation".
func nameBefore(pre string) (name, descr string) {
	if len(pre) > 500 {
		pre = pre[len(pre)-500:]
	}
	pre = strings.TrimRight(pre, " ,")
	// The description is the last ", a ..." clause that follows a name.
	locs := descriptorRe.FindAllStringIndex(pre, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		before := strings.TrimRight(pre[:locs[i][0]], " ")
		before = stripTrailingParens(before)
		if n := nameEndingAt(before); n != "" {
			// "Carolina BioSource Corporation, formerly known as Piedmont
			// Diagnostics, Inc., a North Carolina corporation": the
			// current name comes first.
			if m := formerNameRe.FindStringIndex(strings.TrimSuffix(before, n)); m != nil {
				if cur := nameEndingAt(strings.TrimRight(before[:m[0]], " ,")); cur != "" {
					return cur, pre[locs[i][1]:]
				}
			}
			return n, pre[locs[i][1]:]
		}
	}
	return nameEndingAt(stripTrailingParens(pre)), ""
}

var formerNameRe = regexp.MustCompile(`(?i),?\s*(?:formerly\s+known\s+as|previously\s+known\s+as|formerly|f/k/a|fka)\s*$`)

// stripTrailingParens drops "(f/k/a Aadi Bioscience, Inc.)" after a name.
func stripTrailingParens(s string) string {
	for strings.HasSuffix(s, ")") {
		open := strings.LastIndexByte(s, '(')
		if open < 0 || !formerlyRe.MatchString(s[open:]) {
			break
		}
		s = strings.TrimRight(s[:open], " ,")
	}
	return s
}

// nameEndingAt reads a proper name backwards from the end of s.
func nameEndingAt(s string) string {
	s = strings.TrimRight(s, " ")
	end := len(s)
	start := end
	words := 0
	for start > 0 && words < 14 {
		// The token before start.
		j := start
		for j > 0 && s[j-1] == ' ' {
			j--
		}
		if j == 0 {
			break
		}
		k := j
		if s[j-1] == ')' { // an inner parenthetical: "Thomson Reuters (Tax & Accounting) Inc."
			open := strings.LastIndexByte(s[:j], '(')
			if open < 0 || words == 0 || !capitalizedRun(s[open+1:j-1]) {
				break
			}
			k = open
		} else {
			for k > 0 && s[k-1] != ' ' && s[k-1] != '(' && s[k-1] != '"' {
				k--
			}
		}
		tok := s[k:j]
		core := strings.TrimRight(tok, ",")
		if core == "" || strings.ContainsAny(core, `"`) || strings.HasSuffix(core, ":") {
			break
		}
		if core[0] == '(' { // accepted inner parenthetical
			start = k
			words++
			continue
		}
		if strings.HasSuffix(tok, ",") {
			// A comma inside a name only before a corporate suffix: "Vigil
			// Neuroscience, Inc."
			next := strings.Fields(s[j:end])
			if len(next) == 0 || !corpSuffixTok[strings.ToLower(strings.TrimRight(next[0], ","))] {
				break
			}
		}
		if !nameToken(core) && !connectors[core] {
			break
		}
		start = k
		words++
		if core == "The" {
			break
		}
		if k > 0 && s[k-1] == '(' {
			break
		}
	}
	n := strings.TrimSpace(s[start:end])
	// Drop leading connectors and sentence words that are not part of a name.
	for {
		f := strings.Fields(n)
		if len(f) == 0 {
			return ""
		}
		w := strings.TrimRight(f[0], ",")
		if connectors[w] || leadStop[w] {
			n = strings.TrimSpace(strings.TrimPrefix(n, f[0]))
			continue
		}
		break
	}
	// "Vice President, Law of Acme Inc.", "Associate General Counsel -
	// Securities of Acme Inc.": the name stopped at the title's separator,
	// and the department before "of" belongs to the title.
	if titleSepRe.MatchString(strings.TrimRight(s[:start], " ")) {
		// "General Counsel, Bank of the Ozarks" names the bank itself.
		if m := deptOfRe.FindStringIndex(n); m != nil && m[1] < len(n) && !corpHeadWords[firstWord(n)] {
			n = n[m[1]:]
		}
	}
	// "General Counsel of Acme Inc.", "Board of Directors of Acme Inc."
	if m := roleOfRe.FindStringIndex(n); m != nil {
		n = n[m[1]:]
	}
	if !hasUpper(n) {
		return ""
	}
	return strings.TrimRight(n, ",")
}

// titleSepRe ends an officer's title followed by a separator before a
// department: "Vice President,", "Senior Counsel -".
var titleSepRe = regexp.MustCompile(`\b(?:Counsel|President|Officer|Secretary|Director|Treasurer|Controller|Manager|Head|Attorney)\s*[,-]$`)

// deptOfRe is a department named after a title, up to "of" or "for":
// "Law of ", "Corporate and Securities of ".
var deptOfRe = regexp.MustCompile(`^(?:(?:[A-Z][\w&.'-]*|and|&)\s+){1,4}?(?:of|for)\s+`)

// corpHeadWords begin names of the form "Bank of ...".
var corpHeadWords = map[string]bool{"Bank": true, "Trust": true, "Fund": true, "Company": true, "Corporation": true, "Association": true, "Bancorp": true, "Banco": true, "Banque": true}

var roleOfRe = regexp.MustCompile(`^.*\b(?:Counsel|Secretary|President|Officer|Directors|Board|Trustees?|Chairman|Partner|Members?|Managers?|Shareholders|Stockholders|Subsidiary|Affiliate|Division|Plans?|Legal|Department|Statement|Prospectus|Supplement|Amendment|Agreement|Indenture|Report|Form\s+[A-Z]{1,2}-\d+[A-Z]*)\s+(?:of|to|for)\s+`)

// leadStop are capitalized words that begin sentences, not names.
var leadStop = map[string]bool{
	"We": true, "I": true, "In": true, "As": true, "Under": true, "Pursuant": true, "Upon": true,
	"This": true, "Our": true, "With": true, "For": true, "By": true, "On": true, "To": true, "At": true,
	"Re:": true, "RE:": true, "Such": true, "Each": true, "All": true, "Any": true, "From": true,
	"Company": true, "Registrant": true, "Ladies": true, "Gentlemen": true, "Dear": true,
}

// nameToken reports whether a word can be part of a proper name.
func nameToken(w string) bool {
	if w == "&" || corpSuffixTok[strings.ToLower(w)] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	// "eBay", "iRobot": a capital inside a word that starts lower case.
	if unicode.IsLower(r) && len(w) > 2 && !connectors[w] {
		for _, c := range w[1:] {
			if unicode.IsUpper(c) {
				return true
			}
		}
	}
	return false
}

func capitalizedRun(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 6 {
		return false
	}
	for _, w := range f {
		if !nameToken(w) && !connectors[w] {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// nameAfter reads a proper name forwards from the start of s and returns it
// and where it ends.
func nameAfter(s string) (string, int) {
	i := 0
	end := 0
	words := 0
	for i < len(s) && words < 14 {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '(' {
			close := strings.IndexByte(s[i:], ')')
			if close < 0 || words == 0 || !capitalizedRun(s[i+1:i+close]) {
				break
			}
			rest := strings.TrimLeft(s[i+close+1:], " ")
			nw := firstWord(rest)
			if !nameToken(nw) || strings.HasSuffix(nw, ",") {
				break
			}
			i += close + 1
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '(' {
			j++
		}
		tok := s[i:j]
		core := strings.TrimRight(tok, ",;:")
		if core == "" || strings.ContainsAny(core, `"`) {
			break
		}
		if !nameToken(core) && !connectors[core] {
			break
		}
		if words == 0 && (connectors[core] || leadStop[core]) {
			break
		}
		words++
		end = i + len(core)
		if strings.HasSuffix(tok, ",") {
			nw := strings.TrimRight(firstWord(strings.TrimLeft(s[j:], " ")), ",")
			if !corpSuffixTok[strings.ToLower(nw)] {
				break
			}
		} else if len(core) < len(tok) {
			break
		}
		i = j
	}
	n := strings.TrimSpace(s[:end])
	for {
		f := strings.Fields(n)
		if len(f) == 0 {
			return "", 0
		}
		last := f[len(f)-1]
		if connectors[last] {
			n = strings.TrimSpace(strings.TrimSuffix(n, last))
			end = len(n)
			continue
		}
		break
	}
	return n, end
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}
