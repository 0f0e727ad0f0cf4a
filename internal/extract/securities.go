package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ---- Shares ----

const shareMods = `(?:(?:additional|newly|issued|authorized|unissued|outstanding|registered|restricted|common|ordinary|preference|preferred|Common|Ordinary|Preferred|Class\s+[A-Z]|class\s+[A-Z]|Series\s+[A-Z]|series\s+[A-Z]|American|Depositary|depositary|voting|non-voting|fully\s+paid|of\s+its|of\s+the\s+Company's|of\s+our)\s+){0,4}`

// numberWords are the words of a number written out.
const numberWords = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion`

var (
	// "750,000 (750,000) shares", "1,000,000 (one million) shares".
	sharesAfterRe = regexp.MustCompile(`^\)?(?:\s*\(\s*(?:[\d,]+|(?i:` + numberWords + `)(?:[\s-]+(?i:and\s+)?(?i:` + numberWords + `))*)\s*\))?\s+` + shareMods + `(?:shares|Shares|SHARES|ADSs|ADS|units|Units|American\s+Depositary\s+Shares|ordinary\s+shares)\b`)
	sharesWordRe  = regexp.MustCompile(`(?i)\b((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)(?:[\s-]+(?:and\s+)?|\s*$))+)\s*(?:\(\s*[\d,]+\s*\)\s+)?` + shareMods + `(?:shares|ADSs|units)\b`)
	listMarkRe    = regexp.MustCompile(`\((?:[ivx]{1,4}|[a-h]|[1-9])\)\s*(?:up to\s+|an aggregate of\s+|a total of\s+)?$`)
	capitalRe     = regexp.MustCompile(`(?i)(?:authorized to issue|authorized capital|capital stock consist|consisting of|consists of|authorized shares|reserved|\$|€|£|CHF|US\$|EUR|USD|par value)\s*(?:up to\s+)?(?:an aggregate of\s+)?$`)
)

// shares returns the number of shares (ADSs, units) the letter registers,
// from the first statement of a number in the opening paragraphs: "up to an
// aggregate of 2,666,666 shares", "750,000 shares", "two million shares".
// An enumeration with no total, "(i) 500,000 shares ... and (ii) 250,000
// shares", is summed. 0 when no number is stated (shelves, debt).
func (d *doc) shares() int64 {
	for _, p := range d.intro() {
		if !containsAny(p, "hare", "nits", "ADS", "HARE") {
			continue
		}
		for _, s := range sentences(p) {
			if n := sharesIn(s); n > 0 {
				return n
			}
		}
	}
	return 0
}

func sharesIn(s string) int64 {
	ms := shareNumbers(s)
	var first int64
	var sum int64
	listed := 0
	for _, m := range ms {
		pre := tail(s[:m[0]], 80)
		if m[0] > 0 && (s[m[0]-1] == '$' || s[m[0]-1] == '.' || s[m[0]-1] == '-') {
			continue
		}
		if capitalRe.MatchString(pre) {
			continue
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(s[m[2]:m[3]], ",", ""), 10, 64)
		if err != nil || n == 0 {
			continue
		}
		if isYear(s[m[2]:m[3]]) && !strings.Contains(s[m[2]:m[1]], "hares") {
			continue
		}
		inList := listMarkRe.MatchString(pre)
		if first == 0 {
			first = n
			if !inList {
				return first + moreShares(s, ms, m, pre)
			}
		}
		if inList {
			sum += n
			listed++
		}
	}
	if listed > 1 {
		return sum
	}
	if first > 0 {
		return first
	}
	if !containsAny(s, "million", "thousand", "hundred", "Million", "Thousand", "Hundred", "MILLION", "THOUSAND", "HUNDRED") {
		return 0
	}
	// "up to 12.5 million shares"
	if m := sharesMillionRe.FindStringSubmatch(s); m != nil {
		if f, err := strconv.ParseFloat(m[1], 64); err == nil && f > 0 {
			mult := map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9}[strings.ToLower(m[2])]
			return int64(f*mult + 0.5)
		}
	}
	if m := sharesWordRe.FindStringSubmatch(s); m != nil {
		// A bare "million" is the tail of a number in digits, not one.
		if w := strings.ToLower(firstWord(strings.TrimSpace(m[1]))); w == "million" || w == "thousand" || w == "billion" || w == "hundred" {
			return 0
		}
		if n := wordsToNumber(m[1]); n > 0 {
			return n
		}
	}
	return 0
}

var sharesMillionRe = regexp.MustCompile(`(?i)(?:^|[^\d.,$])(\d{1,4}(?:\.\d{1,3})?)\s+(thousand|million|billion)\s+` + shareMods + `(?:shares|ADSs|units)\b`)

// moreShares adds up the share counts that follow a first count not given
// as a total, joined to it as further amounts: "3,000,000 shares issuable
// under the 2020 Plan and 500,000 shares issuable under the ESPP". A
// breakdown ("consisting of", "including") is not more shares.
func moreShares(s string, ms [][]int, first []int, pre string) int64 {
	if containsAny(lowerASCII(tail(pre, 40)), "aggregate", "total", "in all") {
		return 0
	}
	var more int64
	prevEnd := first[1]
	for _, m := range ms {
		if m[0] < prevEnd {
			continue
		}
		between := lowerASCII(s[prevEnd:m[0]])
		if containsAny(between, "consist", "includ", "of which", "compris", "(i)", "(a)", "(1)", "represent", "out of", "previously", "authorized") {
			return more
		}
		// "750,000 shares and an additional 250,000 shares"
		joint := tail(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(between, "up to "), "additional "), "an "), 16)
		if !strings.Contains(joint, " and ") && !strings.HasSuffix(strings.TrimRight(between, " "), ",") && !strings.Contains(joint, "; ") && !strings.Contains(joint, " plus ") {
			return more
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(s[m[2]:m[3]], ",", ""), 10, 64)
		if err != nil || m[0] > 0 && s[m[0]-1] == '$' {
			return more
		}
		more += n
		prevEnd = m[1]
	}
	return more
}

// shareNumbers finds numbers followed by a share word; each match is
// [start, end, numStart, numEnd], as a regexp's submatch index would be.
func shareNumbers(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' || i > 0 && (isWordByte(s[i-1]) || s[i-1] == ',' || s[i-1] == '.') {
			i++
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' && j+4 <= len(s) && isDigits(s[j+1:j+4])) {
			j++
		}
		if j-i >= 3 && j-i <= 15 && (j == len(s) || !isWordByte(s[j])) {
			if loc := sharesAfterRe.FindStringIndex(s[j:min(len(s), j+160)]); loc != nil {
				out = append(out, []int{i, j + loc[1], i, j})
			}
		}
		i = j
	}
	return out
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	y, _ := strconv.Atoi(s)
	return y >= 1900 && y <= 2099
}

var smallNumbers = map[string]int64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// wordsToNumber reads "two million five hundred thousand" as 2500000.
func wordsToNumber(s string) int64 {
	var total, cur int64
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '\n' }) {
		switch w {
		case "and":
		case "hundred":
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		case "thousand", "million", "billion":
			mult := map[string]int64{"thousand": 1e3, "million": 1e6, "billion": 1e9}[w]
			if cur == 0 {
				cur = 1
			}
			total += cur * mult
			cur = 0
		default:
			v, ok := smallNumbers[w]
			if !ok {
				return 0
			}
			cur += v
		}
	}
	return total + cur
}

// ---- Securities ----

// classPhrases are the classes of securities letters cover, lower case;
// "?" stands for a one-letter class or series name.
var classPhrases = []string{
	"class ? common stock", "class ? ordinary shares", "class ? common shares", "series ? preferred stock",
	"series ? convertible preferred stock", "common stock", "preferred stock", "ordinary shares",
	"common shares", "preference shares", "american depositary shares", "depositary shares",
	"convertible senior notes", "senior subordinated notes", "junior subordinated notes", "subordinated notes",
	"senior secured notes", "senior notes", "convertible notes", "medium-term notes",
	"junior subordinated debt securities", "senior subordinated debt securities", "senior debt securities",
	"subordinated debt securities", "debt securities", "subordinated debentures", "convertible debentures",
	"debentures", "warrants", "subscription rights", "stock purchase contracts", "purchase contracts",
	"guarantees", "trust preferred securities", "capital securities", "preferred securities", "common units",
	"preferred units", "limited partnership units", "common shares of beneficial interest",
	"shares of beneficial interest", "pass-through certificates", "units", "rights", "notes",
}

// classIndex maps a phrase's last word to its phrases, longest first.
var classIndex = map[string][][]string{}

func init() {
	for _, p := range classPhrases {
		w := strings.Fields(p)
		classIndex[w[len(w)-1]] = append(classIndex[w[len(w)-1]], w)
	}
	for _, list := range classIndex {
		sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	}
}

type span struct{ start, end int }

// words splits lower-case text into words (letters, digits, "-") with
// their offsets.
func words(ls string) ([]string, []span) {
	var ws []string
	var sp []span
	start := -1
	for i := 0; i <= len(ls); i++ {
		wordy := i < len(ls) && (ls[i] >= 'a' && ls[i] <= 'z' || ls[i] >= '0' && ls[i] <= '9' || ls[i] == '-')
		if wordy && start < 0 {
			start = i
		} else if !wordy && start >= 0 {
			ws = append(ws, ls[start:i])
			sp = append(sp, span{start, i})
			start = -1
		}
	}
	return ws, sp
}

// findClasses returns the spans of class phrases in a lower-cased sentence,
// longest match at each place, in order.
func findClasses(ls string) []span {
	ws, sp := words(ls)
	var out []span
	for j, w := range ws {
		for _, ph := range classIndex[w] {
			k := len(ph)
			if k > j+1 {
				continue
			}
			ok := true
			for x := 0; x < k; x++ {
				pw, got := ph[x], ws[j-k+1+x]
				if pw == "?" {
					ok = len(got) == 1 && got[0] >= 'a' && got[0] <= 'z'
				} else {
					ok = pw == got
				}
				if !ok {
					break
				}
			}
			if !ok {
				continue
			}
			m := span{sp[j-k+1].start, sp[j].end}
			// A longer phrase ending later ("common shares of beneficial
			// interest") replaces the shorter one it contains.
			for len(out) > 0 && out[len(out)-1].end > m.start {
				out = out[:len(out)-1]
			}
			out = append(out, m)
			break
		}
	}
	return out
}

// underlyingPhrases before a class mean it is what other securities
// convert into, not what is registered: "upon exercise of the warrants".
var underlyingPhrases = []string{"exercise of ", "conversion of ", "exchange of ", "settlement of ", "redemption of ", "vesting of "}

// securities returns the classes the letter covers, as one string in the
// order named: "Common Stock", "Senior Notes", "Common Stock, Preferred
// Stock, Debt Securities, Warrants, Units".
func (d *doc) securities() string {
	var found []string
	intro := d.intro()
	if len(intro) > 0 && d.op >= 0 && len(intro) > 1 {
		intro = intro[:len(intro)-1] // not the opinion paragraph itself
	}
	if len(intro) > 3 {
		intro = intro[:3]
	}
	for _, p := range intro {
		for _, s := range sentences(p) {
			ls := lowerASCII(s)
			if !strings.Contains(ls, "regist") && !strings.Contains(ls, "issu") && !strings.Contains(ls, "offer") && !strings.Contains(ls, " sale") {
				continue
			}
			for _, m := range findClasses(ls) {
				c := s[m.start:m.end]
				after := strings.TrimLeft(s[m.end:], " ")
				if strings.HasPrefix(after, "Agreement") || strings.HasPrefix(after, "agreement") || strings.HasPrefix(after, "Plan") || strings.HasPrefix(after, "plan") || strings.HasPrefix(after, "of creditors") {
					continue
				}
				if containsAny(tail(ls[:m.start], 40), underlyingPhrases...) {
					continue
				}
				c = titleClass(c)
				if !contains(found, c) {
					found = append(found, c)
				}
			}
		}
		if len(found) > 0 {
			break
		}
	}
	// A general class named alongside a specific one ("Notes", "Senior
	// Notes") is the same securities.
	var out []string
	for _, c := range found {
		sub := false
		for _, o := range found {
			if o != c && strings.HasSuffix(o, " "+c) {
				sub = true
				break
			}
		}
		if !sub {
			out = append(out, c)
		}
	}
	return strings.Join(out, ", ")
}

func titleClass(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		switch {
		case w == "of" && i > 0:
		case len(w) == 1:
			f[i] = strings.ToUpper(w)
		default:
			parts := strings.Split(w, "-")
			for j, p := range parts {
				if p != "" {
					parts[j] = strings.ToUpper(p[:1]) + p[1:]
				}
			}
			f[i] = strings.Join(parts, "-")
		}
	}
	return strings.Join(f, " ")
}

// ---- Plans ----

var (
	definedTermRe = regexp.MustCompile(`\([^()"]{0,80}"[^"()]{1,100}"[^()]{0,120}\)`)
	// A plan name: capitalized words (and a lower-case legal form, "Corrib
	// Therapeutics plc 2019 Equity Incentive Plan") ending in Plan, Scheme
	// ("2021 Share Option Scheme") or Program, with an optional year after
	// the head ("Equity Incentive Plan 2022", "Global Share Incentive Plan
	// (2014)") and "for Non-Employee Directors".
	planRe       = regexp.MustCompile(`((?:(?:[A-Z0-9][\w.'&()/-]*,?|and|of|&|for|de|the|plc|p\.l\.c\.|ltd\.?|s\.a\.|n\.v\.)\s+){1,14})(Plans?|Scheme|Program)\b((?:\s+(?:of\s+)?\(?(?:19|20)\d\d\)?(?:\s|$|[.,;]))?)((?:\s+for\s+(?:[A-Z][\w-]*\s?){1,4})?)`)
	planWordRe   = regexp.MustCompile(`\b(?:Stock|Equity|Incentive|Option|Options|Purchase|Compensation|Savings|Award|Awards|Benefit|Retirement|Bonus|Ownership|Share|Shares|Deferred|Omnibus|Employee|Employees|Director|Directors|Performance|Profit|Sharing|Investment|Thrift|Restricted|Unit|Units|Long-Term|Long|Inducement|Participation|Matching|Pension|Appreciation|Grant|Plan|(?:19|20)\d\d)\b|\b401\(k\)`)
	planBadRe    = regexp.MustCompile(`(?i)\b(?:reinvestment|distribution|reorganization|merger|arrangement|liquidation|dissolution|direct stock purchase|business|recapitalization|conversion|exchange)\b`)
	possessiveRe = regexp.MustCompile(`^.*'s\s+`)
	// A shareholder rights plan is not an employee plan; a stock
	// appreciation rights plan is.
	rightsPlanRe = regexp.MustCompile(`(?i)(\bappreciation\s+)?\brights\s+plan\b`)
)

// isRightsPlan reports whether n names a shareholder rights plan.
func isRightsPlan(n string) bool {
	m := rightsPlanRe.FindStringSubmatchIndex(n)
	return m != nil && m[2] < 0
}

// plans returns the employee plans the letter's securities are issued under,
// as written, without "the" and without the defined-term parenthetical.
func (d *doc) plans() []string {
	var out []string
	defined := map[string]bool{}
	var texts []string
	issued := false
	from, to := d.bodyRange()
	for i := from; i < to; i++ {
		if !containsAny(d.paras[i], "Plan", "Scheme", "Program") {
			continue
		}
		// A table's cells are read one by one, so that a row does not run
		// into the next; prose (hard-wrapped or not) is read by sentence.
		if strings.Contains(d.blocks[i], "\t") {
			for _, l := range strings.Split(d.blocks[i], "\n") {
				for _, c := range strings.Split(l, "\t") {
					texts = append(texts, collapse(c))
				}
			}
			issued = true
			continue
		}
		if !containsAny(d.lparas[i], "examined", "reviewed", "considered") {
			texts = append(texts, d.paras[i]) // no list of documents here
			issued = issued || containsAny(planOfRe.ReplaceAllString(d.paras[i], ""), "Plan", "Scheme", "Program")
			continue
		}
		ss, iss := planSentences(d.paras[i])
		texts = append(texts, ss...)
		issued = issued || iss
	}
	if !issued {
		return nil
	}
	for _, p := range texts {
		if !containsAny(p, "Plan", "Scheme", "Program") {
			continue
		}
		for _, m := range quotedTermRe.FindAllStringSubmatch(p, -1) {
			defined[strings.TrimPrefix(m[1], "the ")] = true
		}
		p = collapse(definedTermRe.ReplaceAllString(p, ""))
		for _, m := range planRe.FindAllStringSubmatch(p, -1) {
			head := m[2]
			year := strings.TrimRight(strings.TrimSpace(m[3]), ".,;")
			full := strings.TrimSpace(m[1] + head)
			if year != "" {
				full += " " + year
			}
			for _, name := range splitPlans(full + m[4]) {
				// A defined short form ("Option Plan") or the tail of a plan
				// already named is not another plan.
				if name == "" || defined[name] || contains(out, name) || tailOf(out, name) {
					continue
				}
				out = append(out, name)
			}
		}
	}
	return out
}

// examinedRe opens a sentence listing the documents reviewed: a plan named
// only there is one the lawyers read, not one the securities are issued
// under ("we have examined (i) the Registration Statement ... (vi) the
// Company's 2019 Equity Incentive Plan, solely to confirm the number of
// shares reserved thereunder").
var planOfRe = regexp.MustCompile(`(?i)(?:agreement\s+and\s+)?plan\s+of\s+(?:merger|reorganization|arrangement|distribution|liquidation|conversion|share\s+exchange|exchange|amalgamation|dissolution|domestication|division)|agreement\s+and\s+plan\b`)

var examinedRe = regexp.MustCompile(`\b(?:examined|reviewed|considered)\b`)

// planSentences returns the sentences of p that name plans the securities
// may be issued under, and whether some sentence is other than a list of
// documents examined.
func planSentences(p string) (all []string, issued bool) {
	for _, s := range sentences(p) {
		if !strings.Contains(s, "Plan") && !strings.Contains(s, "Scheme") && !strings.Contains(s, "Program") {
			continue
		}
		all = append(all, s)
		// "the Agreement and Plan of Merger" ties no securities to a plan.
		if !containsAny(planOfRe.ReplaceAllString(s, ""), "Plan", "Scheme", "Program") {
			continue
		}
		ls := lowerASCII(s)
		if !examinedRe.MatchString(ls) || containsAny(ls, "issuable", "issued under", "issued pursuant", "issuance", "to be issued", "offered under", "granted under", "awards under") {
			issued = true
		}
	}
	return all, issued
}

// isAmount reports whether a word is a number that is not a year: "000"
// from "1,500,000", "250,000".
func isAmount(w string) bool {
	w = strings.TrimRight(w, ",")
	return isDigits(strings.ReplaceAll(w, ",", "")) && !isYear(w)
}

// lastIndexAny returns the index just after the last occurrence in s of
// any of the phrases, or -1.
func lastIndexAny(s string, phrases ...string) int {
	best := -1
	for _, p := range phrases {
		if i := strings.LastIndex(s, p); i >= 0 && i+len(p) > best {
			best = i + len(p)
		}
	}
	return best
}

func tailOf(names []string, name string) bool {
	for _, o := range names {
		if strings.HasSuffix(o, " "+name) {
			return true
		}
	}
	return false
}

var quotedTermRe = regexp.MustCompile(`"([^"]{1,100})"`)

// splitPlans cleans one matched run and splits "2010 Stock Plan and 2010
// Employee Stock Purchase Plan" into its plans.
func splitPlans(run string) []string {
	var out []string
	add := func(q string) {
		if n := cleanPlan(strings.TrimSpace(q)); n != "" {
			out = append(out, n)
		}
	}
	prev := 0
	for _, m := range planSplitRe.FindAllStringSubmatchIndex(run, -1) {
		add(run[prev:m[3]])
		prev = m[1]
	}
	add(run[prev:])
	return out
}

// planSplitRe finds where one plan name ends and the next begins in a run:
// "2010 Stock Plan and 2010 Employee Stock Purchase Plan", "Equity
// Incentive Plan 2022 and the Employee Share Purchase Plan". Group 1 is the
// name's end.
var planSplitRe = regexp.MustCompile(`\b((?:Plan|Scheme|Program)(?:\s+(?:of\s+)?\(?(?:19|20)\d\d\)?)?)(?:,\s+and\s+|,\s+|\s+and\s+)`)

func cleanPlan(n string) string {
	// "the Registration Statement, the Inducement Plan": a list of
	// documents, of which the plan is the last.
	if i := lastIndexAny(n, ", the ", " and the ", ", and "); i >= 0 {
		n = n[i:]
	}
	n = possessiveRe.ReplaceAllString(n, "")
	for {
		f := strings.Fields(n)
		if len(f) < 2 {
			return ""
		}
		if connectors[f[0]] || leadStop[f[0]] || f[0] == "The" || f[0] == "Shares" || f[0] == "Common" || f[0] == "Stock" && len(f) > 2 && f[1] == "under" ||
			isAmount(f[0]) {
			n = strings.Join(f[1:], " ")
			continue
		}
		break
	}
	// The plan's words, not the defined short form ("the Plan", "Plan").
	words := strings.Fields(n)
	if len(words) < 2 || planBadRe.MatchString(n) || isRightsPlan(n) {
		return ""
	}
	// The words before the head must say what kind of plan it is.
	head := len(n)
	for _, h := range []string{" Plans", " Plan", " Scheme", " Program"} {
		if i := strings.LastIndex(n, h); i >= 0 && (i+len(h) == len(n) || !isWordByte(n[i+len(h)])) {
			head = i
			break
		}
	}
	if head == len(n) || !planWordRe.MatchString(n[:head]) {
		return ""
	}
	if strings.HasSuffix(n, "Plans") {
		return ""
	}
	return strings.TrimRight(n, ",")
}

// ---- Jurisdictions ----

var (
	// scopeAtRe matches the clause that states which law the opinion covers.
	scopeAtRe = regexp.MustCompile(`^(?:` +
		// "limited to", "limited in all respects to", "limited to, and given on the basis of,"
		`(?:limited|confined|restricted)\s+(?:solely\s+|exclusively\s+|only\s+|in\s+all\s+respects\s+|in\s+scope\s+)?to(?:,\s+(?:and|or)\s[^,]{1,60},|,)?` +
		`|opin(?:e|ing)\s+(?:herein\s+|only\s+|solely\s+|as\s+of\s+the\s+date\s+hereof\s+)*(?:as\s+to|with\s+respect\s+to|on|upon|under)` +
		`|(?:solely|only|exclusively)\s+(?:with\s+respect\s+to|as\s+to|on|under|upon|in\s+respect\s+of)` +
		`|given\s+on\s+the\s+basis\s+of` +
		// "based upon the applicable laws of", "based exclusively on the internal law of"
		`|based\s+(?:solely\s+|exclusively\s+|only\s+)?(?:up)?on\s+(?:the\s+)?(?:(?:applicable|internal|existing|substantive|current|present)\s+)*laws?` +
		// "This opinion only relates to the laws of the Cayman Islands"; "we have considered only the corporate laws of"
		`|relates?\s+(?:only\s+|solely\s+|exclusively\s+)?to` +
		`|considered\s+(?:only|solely)\s+(?:the\s+)?(?:(?:applicable|internal|existing|substantive|corporate)\s+)*laws?` +
		`)\s+`)
	notLimitedRe = regexp.MustCompile(`(?:but\s+not|without\s+being|including|is\s+not|are\s+not)\s*$`)
)

// jurisdictions returns the bodies of law the opinion is limited to, as
// place names: "limited to the General Corporation Law of the State of
// Delaware and the federal laws of the United States" -> Delaware, United
// States. Laws the letter leaves to other counsel, or merely mentions, do
// not count.
func (d *doc) jurisdictions() []string {
	var out []string
	add := func(ps []string) {
		for _, p := range ps {
			if !contains(out, p) {
				out = append(out, p)
			}
		}
	}
	from, to := d.bodyRange()
	for i := from; i < to; i++ {
		p, lp := d.paras[i], d.lparas[i]
		abbr := containsAny(lp, lawAbbrevs...)
		if !abbr && !containsAny(lp, lawWords...) {
			continue
		}
		for _, sp := range sentenceSpans(p) {
			add(scopePlaces(p[sp[0]:sp[1]], lp[sp[0]:sp[1]], abbr))
		}
	}
	if len(out) == 0 && d.op >= 0 {
		// No scope sentence: older letters name the law in the opinion
		// itself, "... fully paid and nonassessable under the laws of the
		// State of Minnesota".
		for i := d.op; i < min(d.op+4, to); i++ {
			add(operativeLaw(d.paras[i], d.lparas[i]))
		}
	}
	return out
}

// operativeHeads end the words of an opinion that a governing-law phrase
// may qualify.
var operativeHeads = []string{"assessable", "binding obligation", "validly issued", "legally issued"}

// operativeLawRe is the law an opinion is given under, right after its
// words: "nonassessable under the laws of", "binding obligations of the
// Company under the General Corporation Law of".
var operativeLawRe = regexp.MustCompile(`^[^.;:()]{0,40}?\bunder\s+(?:the\s+)?(?:[a-z]+\s+)?(?:laws?\s+of|[A-Z])`)

// operativeLaw returns the places of a governing-law phrase attached to the
// opinion's operative words in p (ls: p lower-cased).
func operativeLaw(p, ls string) []string {
	for _, h := range literalMatches(ls, operativeHeads) {
		rest := p[h[1]:]
		m := operativeLawRe.FindStringIndex(cut(rest, 120))
		if m == nil {
			continue
		}
		at := h[1] + strings.Index(ls[h[1]:], "under ") + len("under ")
		frag := cutClause(p, ls, at)
		if i := strings.Index(frag, ". "); i >= 0 {
			frag = frag[:i]
		}
		if i := strings.IndexAny(frag, ";("); i >= 0 {
			frag = frag[:i]
		}
		if !lawWordRe.MatchString(lowerASCII(frag)) {
			continue
		}
		if ps := findPlaces(frag, true); len(ps) > 0 {
			return ps
		}
	}
	return nil
}

// scopeWords prefilter sentences for scopePlaces.
var scopeWords = []string{"limited", "confined", "restricted", "opine", "opining", "solely", "only", "exclusively", "basis of", "based", "relate", "considered", "other than", "except", "other jurisdiction", "laws of any other", "law of any other", "any other law"}

// scopePlaces returns the places a sentence limits the opinion to, if it is
// a scope sentence.
func scopePlaces(s, ls string, abbr bool) []string {
	s = cut(s, 4000)
	ls = ls[:len(s)]
	if !containsAny(ls, lawWords...) && !(abbr && containsAny(ls, lawAbbrevs...)) || !containsAny(ls, scopeWords...) {
		return nil
	}
	// "We express no opinion as to the laws of any jurisdiction other than
	// the laws of the State of New York": the list follows "other than".
	if !containsAny(ls, "other than", "except") {
		// no "other than" list
	} else if neg := firstIndex(ls, negativePhrases); neg >= 0 {
		for _, m := range literalMatches(ls, otherThanPhrases) {
			if m[0] < neg {
				continue
			}
			between := ls[neg:m[0]]
			// "no opinion as to the laws of any jurisdiction other than", or
			// directly "no opinion other than as to".
			if !strings.Contains(between, "law") && !strings.Contains(between, "jurisdiction") && !strings.Contains(between, "state") && len(between) > len("no opinion herein ") {
				continue
			}
			if ps := findPlaces(cutClause(s, ls, m[1]), true); len(ps) > 0 {
				return ps
			}
		}
	}
	// "We are members of the Bar of the State of New York and do not
	// purport to be experts on the laws of any other jurisdiction."
	if containsAny(ls, "other jurisdiction", "laws of any other", "law of any other", "any other law") {
		for _, m := range literalMatches(ls, barPhrases) {
			if ps := findPlaces(cutClause(s, ls, m[1]), true); len(ps) > 0 {
				return ps
			}
		}
	}
	for _, m := range scopeMatches(ls) {
		if notLimitedRe.MatchString(tail(ls[:m[0]], 40)) {
			continue
		}
		// The clause must be about the letter's opinion, not some
		// document's terms.
		pre := ls[:m[0]]
		if !containsAny(pre, scopeSubjects...) && !strings.HasPrefix(pre, "we") {
			continue
		}
		if containsAny(pre, negOpinionPhrases...) {
			continue
		}
		// "we have relied solely upon the opinion of Nevada counsel"
		if strings.Contains(pre, "relied") || strings.Contains(pre, "rely") || strings.Contains(pre, "reliance") {
			continue
		}
		if strings.HasPrefix(ls[m[0]:], "relat") {
			// "This opinion only relates to the Kansas General Corporation
			// Code": the object must be a body of law, not "the
			// Registration Statement"; "insofar as the opinion relates to
			// Delaware law, we have relied" is reliance.
			obj := relatesObjRe.FindString(ls[m[1]:min(len(ls), m[1]+120)])
			if obj == "" || containsAny(obj, "securities", "exchange act", "registration", "statement", "offering") || containsAny(pre, "insofar", "to the extent", "as it ") {
				continue
			}
		}
		frag := cutClause(s, ls, m[1])
		if !lawWordRe.MatchString(lowerASCII(frag)) && !lawWordRe.MatchString(ls[m[0]:m[1]]) {
			continue
		}
		if ps := findPlaces(frag, true); len(ps) > 0 {
			return ps
		}
	}
	// "I am licensed to practice law in the State of Montana only, and this
	// opinion is limited accordingly": with no scope clause naming the law,
	// the place before "only" is the law covered.
	for _, m := range literalMatches(ls, barPhrases) {
		if o := barOnlyRe.FindStringIndex(ls[m[1]:min(len(ls), m[1]+80)]); o != nil {
			if ps := findPlaces(s[m[1]:m[1]+o[1]], false); len(ps) > 0 {
				return ps
			}
		}
	}
	return nil
}

// relatesObjRe is a body of law named as what an opinion relates to: "the
// laws of", "the Kansas General Corporation Code", "Delaware law".
var relatesObjRe = regexp.MustCompile(`^(?:the\s+)?(?:[a-z0-9.'-]+,?\s+){0,7}?(?:laws?|code|statutes?|dgcl|mgcl|nrs|tboc|nybcl)\b|^(?:the\s+)?(?:[a-z.'-]+\s+){0,6}?act\b`)

// scopeSubjects: what a scope clause speaks of. "Our advice on each legal
// issue addressed in this letter is limited to ..." is as much a scope
// clause as "Our opinion is limited to ...".
var scopeSubjects = []string{"opinion", "we ", "law covered", "i ", "advice", "this letter", "herein", "hereunder"}

// A sentence about the law covered has a law word or a statute's
// abbreviation ("limited to the DGCL").
var (
	lawWords   = []string{"law", "code", "statute", " act"}
	lawAbbrevs = []string{"gcl", "nrs", "tboc", "bcl", "dllca", "drulpa", "bca", "vsca"}
)

var lawWordRe = regexp.MustCompile(`\blaws?\b|\bcode\b|\bstatutes?\b|\bact\b|\bconstitution\b|\bdgcl\b|\bmgcl\b|\bnrs\b|\btboc\b|\bn?y?bcl\b|\bdllca\b|\bdrulpa\b|\b[a-z]?bcb?ca\b|\bvsca\b|\bstate\s+of\b|\bcommonwealth\b|\bprovince\b|\bunited\s+states\b|\bswitzerland\b`)

// scopeTriggers are the words that begin a scopeAtRe match.
var scopeTriggers = []string{"limited", "confined", "restricted", "opin", "solely", "only", "exclusively", "given on", "based", "relate", "considered"}

// scopeMatches returns the [start, end) of every scope clause opening in
// ls: scopeAtRe tried only where one of its first words stands.
func scopeMatches(ls string) [][2]int {
	var out [][2]int
	for _, w := range scopeTriggers {
		for from := 0; ; {
			i := strings.Index(ls[from:], w)
			if i < 0 {
				break
			}
			i += from
			from = i + len(w)
			if i > 0 && isWordByte(ls[i-1]) {
				continue
			}
			if loc := scopeAtRe.FindStringIndex(ls[i:min(len(ls), i+80)]); loc != nil {
				out = append(out, [2]int{i, i + loc[1]})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// cutClause returns the covered-law list that starts at from: s[from:] up
// to where the next clause begins (found in ls, s lower-cased).
func cutClause(s, ls string, from int) string {
	s, ls = s[from:], ls[from:]
	from = 0
	if m := stoppedInsets(ls); m != nil {
		s, ls = blank(s, m), blank(ls, m)
	}
	end := len(s)
	if i := firstIndex(ls[from:], stopPhrases); i >= 0 {
		end = from + i
	}
	// A semicolon ends the list unless the list goes on past it: "(i) the
	// laws of New York; (ii) the DGCL; and (iii) ..." goes on, "; insofar
	// as it concerns Nevada law, we have relied ..." does not.
	for at := from; ; {
		i := strings.Index(ls[at:end], "; ")
		if i < 0 {
			break
		}
		at += i + 2
		if !hasAnyPrefix(ls[at:], "(", "and ", "or ", "the ", "federal ", "laws ", "law ") {
			end = at - 2
			break
		}
	}
	return s[from:end]
}

// insetOpeners begin a comma inset that qualifies a law without ending the
// list: "the laws of Oregon, as in effect on the date hereof, and the
// federal laws ...".
var insetOpeners = []string{", as in effect", ", as currently in effect", ", as now in effect", ", in each case"}

// stoppedInsets returns the [start, end) of each balanced parenthetical
// and each comma inset in ls that holds a stop phrase: such an aside
// qualifies the law before it ("(including the statutory provisions ...)")
// and the list goes on after it. Asides without a stop phrase are left
// alone: they may name a law covered ("(and the federal laws of Canada
// applicable therein)").
func stoppedInsets(ls string) [][2]int {
	var out [][2]int
	for i := 0; i < len(ls); i++ {
		if ls[i] != '(' {
			continue
		}
		depth, j := 0, i
		for ; j < len(ls) && j-i < 400; j++ {
			if ls[j] == '(' {
				depth++
			} else if ls[j] == ')' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if depth != 0 || j >= len(ls) || ls[j] != ')' {
			continue
		}
		if firstIndex(ls[i:j+1], stopPhrases) >= 0 {
			out = append(out, [2]int{i, j + 1})
		}
		i = j
	}
	for _, o := range insetOpeners {
		for from := 0; ; {
			i := strings.Index(ls[from:], o)
			if i < 0 {
				break
			}
			at := from + i + len(o)
			from = at
			// The inset closes at the next comma, before the sentence or a
			// semicolon ends; "..., each as in effect on the date hereof."
			// is the list's end, not an inset.
			rest := ls[at:min(len(ls), at+100)]
			c := strings.IndexByte(rest, ',')
			if c < 0 || strings.ContainsAny(rest[:c], ".;()") {
				continue
			}
			out = append(out, [2]int{at - len(o), at + c})
		}
	}
	return out
}

// blank returns s with the spans replaced by spaces, keeping its length.
func blank(s string, spans [][2]int) string {
	b := []byte(s)
	for _, sp := range spans {
		for k := sp[0]; k < sp[1]; k++ {
			b[k] = ' '
		}
	}
	return string(b)
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// The phrases below are matched in lower-cased, single-spaced text.
var (
	// negativePhrases open a disclaimer that an "other than" list
	// completes: "we express no opinion as to the laws of any jurisdiction
	// other than ...".
	negativePhrases = []string{"no opinion", "no view", "no advice", "not considered", "investigation", "not express", "not render", "not purport", "not opine", "not cover", "not pass",
		"any opinion", "expert", "hold ourselves out", "admitted", "member of the bar", "members of the bar", "qualified to practice", "qualified to practise", "licensed to practice"}
	// barPhrases say where the lawyers practise; with "any other
	// jurisdiction" they give the law covered.
	barPhrases = []string{"members of the bar of ", "member of the bar of ", "admitted to practice in ", "admitted to practice only in ",
		"admitted to practice law in ", "admitted to practice law only in ", "admitted to the bar of ", "admitted to the bar in ",
		"qualified to practice law in ", "qualified to practise law in ", "qualified to practice law only in ",
		"qualified to practise law only in ", "licensed to practice law in ", "licensed to practice in ",
		"admitted to the practice of law in ", "admitted to the practice of law only in ", "licensed to the practice of law in "}
	// barOnlyRe is the place a bar phrase names, then "only".
	barOnlyRe         = regexp.MustCompile(`^(?:the\s+)?(?:(?:state|commonwealth|province|district)\s+of\s+)?[a-z][a-z .']{1,40}?\s+only\b`)
	negOpinionPhrases = []string{"no opinion", "no view", "no advice", "not express", "not render", "not opine", "not cover", "not pass"}
	otherThanPhrases  = []string{"other than as to ", "other than with respect to ", "other than ", "other than, ", "except as to ", "except for ", "except "}
	// stopPhrases end a covered-law list where the next clause begins.
	stopPhrases = []string{" in particular", "no opinion", "not express", "no view", " and we ", ", we ", "; we ", " and i ", ", i ", "; i ", " and do ", " and does ", " and express",
		" and render", " and no ", "in each case", "as in effect", "as currently in effect", "including the statutory",
		" and to facts", "that in our experience", "except "}
)

// firstIndex returns the smallest index in s of any of the phrases, or -1.
func firstIndex(s string, phrases []string) int {
	best := -1
	for _, p := range phrases {
		if i := strings.Index(s, p); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// literalMatches returns the [start, end) of each occurrence of the
// phrases in s at a word start, in order; at one position the phrase
// listed first wins.
func literalMatches(s string, phrases []string) [][2]int {
	var out [][2]int
	seen := map[int]bool{}
	for _, p := range phrases {
		for from := 0; ; {
			i := strings.Index(s[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + len(p)
			if i > 0 && isWordByte(s[i-1]) || seen[i] {
				continue
			}
			seen[i] = true
			out = append(out, [2]int{i, i + len(p)})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}
