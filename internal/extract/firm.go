package extract

import (
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode"

	"github.com/pelletier/go-toml/v2"
)

//go:embed aliases.toml
var defaultAliases []byte

// aliasFile is the alias table format (aliases.toml):
//
//	[[firm]]
//	name = "Wilson Sonsini Goodrich & Rosati, P.C."
//	aliases = ["Wilson Sonsini Goodrich & Rosati", "WSGR"]
type aliasFile struct {
	Firm []struct {
		Name    string   `toml:"name"`
		Aliases []string `toml:"aliases"`
	} `toml:"firm"`
}

// New returns an Extractor using the embedded alias table plus any user
// alias files in the same format; later files override earlier entries.
func New(aliasFiles ...string) (*Extractor, error) {
	e := &Extractor{aliases: map[string]string{}}
	if err := e.addAliases("aliases.toml (embedded)", defaultAliases); err != nil {
		return nil, err
	}
	for _, f := range aliasFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := e.addAliases(f, b); err != nil {
			return nil, err
		}
	}
	return e, nil
}

func (e *Extractor) addAliases(name string, b []byte) error {
	var f aliasFile
	if err := toml.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for i, fm := range f.Firm {
		canon := strings.TrimSpace(fm.Name)
		if canon == "" {
			return fmt.Errorf("%s: firm %d has no name", name, i+1)
		}
		for _, a := range append([]string{canon}, fm.Aliases...) {
			if k := firmKey(a); k != "" {
				e.aliases[k] = canon
			}
		}
	}
	return nil
}

// ---- canonical firm names ----

// CanonicalFirm maps a firm's name as written to its canonical name: case
// (an all-capitals signature is title-cased), legal-form suffixes ("L.L.P."
// and "LLP", "Professional Corporation" and "P.C."), stray punctuation and
// "/s/" do not matter; the alias table then maps known variants to the
// firm's own name.
func (e *Extractor) CanonicalFirm(name string) string {
	base, suffix := splitFirm(name)
	if base == "" {
		return ""
	}
	if c, ok := e.aliases[firmKey(base)]; ok {
		return c
	}
	if isAllCaps(base) {
		base = titleFirm(base)
	}
	return base + suffix
}

// splitFirm cleans a name and separates its legal-form suffix, returned in
// canonical spelling.
func splitFirm(name string) (base, suffix string) {
	s := name
	s = normalize(s)
	s = collapse(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "/s/"), "/S/"))
	s = strings.Trim(s, " ,;:-_*")
	for s != "" {
		rest, suf, ok := trailingSuffix(s)
		if !ok {
			break
		}
		if suffix == "" && suf != "-" {
			suffix = suf
		}
		s = rest
	}
	return strings.Trim(s, " ,"), suffix
}

// legalForms maps a legal-form suffix, lower case without dots (and with
// spaced single letters joined: "l l p" is "llp"), to its canonical
// spelling. "=" keeps the suffix as written (AG, N.V.); "-" drops it, as
// it says what the firm is, not its legal form ("Attorneys at Law").
var legalForms = map[string]string{
	"llp": " LLP", "limited liability partnership": " LLP", "registered limited liability partnership": " LLP",
	"pllc": " PLLC", "professional limited liability company": " PLLC", "plc": "=",
	"llc": " LLC", "limited liability company": " LLC",
	"pc": ", P.C.", "apc": ", A.P.C.", "aplc": ", A.P.L.C.", "pl": ", P.L.", "ps": ", P.S.", "chtd": ", Chtd.", "professional corporation": ", P.C.",
	"a professional corporation": ", P.C.", "professional law corporation": ", P.C.",
	"a professional law corporation": ", P.C.", "professional corp": ", P.C.",
	// An association or service corporation spelled out keeps its spelling:
	// "P.A." and "Professional Association" are not one word to a reader
	// matching the firm's name as it signs (LABELING.md).
	"pa": ", P.A.", "professional association": ", Professional Association", "a professional association": ", A Professional Association",
	"lpa": ", L.P.A.", "legal professional association": ", Legal Professional Association", "a legal professional association": ", A Legal Professional Association",
	"sc": ", S.C.", "service corporation": ", Service Corporation", "chartered": ", Chartered",
	"ltd": " Ltd.", "limited": " Ltd.",
	"ag": "=", "sa": "=", "nv": "=", "bv": "=", "gmbh": "=", "se": "=",
	"avocats": "-", "attorneys": "-", "attorneys at law": "-", "attorneys and counselors": "-",
	"attorneys and counselors at law": "-", "counselors at law": "-", "solicitors": "-", "legal advisers": "-",
	"sà rl": " S.à r.l.", "sa rl": " S.à r.l.", "sàrl": " S.à r.l.", "sarl": " S.à r.l.", "s à rl": " S.à r.l.", "slp": "=", "selarl": "=", "selas": "=", "aarpi": "=",
	"scp": "=", "srl": "=", "spa": "=", "sl": "=", "slu": "=", "kft": "=", "oy": "=", "ab": "=", "a/s": "=", "kk": "=",
	"partg mbb": "=", "mbb": "=", "rechtsanwaltsgesellschaft mbh": "=", "sprl": "=", "cvba": "=", "nv/sa": "=",
	"lawyers": "-", "attorney at law": "-", "attorney": "-", "counselor at law": "-", "counsellor at law": "-",
	"attorneys & counselors at law": "-",
}

// trailingSuffix splits a legal-form suffix off the end of s.
func trailingSuffix(s string) (rest, suffix string, ok bool) {
	// Start offsets of the last few words (split at spaces, commas, hyphens).
	var starts []int
	for i := len(s); i > 0 && len(starts) < 5; {
		j := i
		for j > 0 && !isSep(s[j-1]) {
			j--
		}
		if j < i {
			starts = append(starts, j)
		}
		for j > 0 && isSep(s[j-1]) {
			j--
		}
		i = j
	}
	for k := len(starts) - 1; k >= 0; k-- {
		raw := s[starts[k]:]
		key := formKey(raw)
		v, found := legalForms[key]
		if !found || starts[k] == 0 {
			continue
		}
		switch v {
		case "=":
			v = " " + raw
		}
		return strings.TrimRight(s[:starts[k]], " ,-"), v, true
	}
	return s, "", false
}

func isSep(c byte) bool { return c == ' ' || c == ',' || c == '-' }

// formKey lower-cases a suffix, drops dots and joins spaced single letters.
func formKey(raw string) string {
	var ws []string
	single := true
	for _, w := range strings.FieldsFunc(strings.ToLower(raw), func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
		w = strings.ReplaceAll(w, ".", "")
		if w == "" {
			continue
		}
		if len(w) > 1 {
			single = false
		}
		ws = append(ws, w)
	}
	if single {
		return strings.Join(ws, "")
	}
	return strings.Join(ws, " ")
}

// firmKey is the identity of a firm name: lower case, "&" as "and", no
// punctuation, no legal-form suffix, no leading "The" or "Law Offices of".
func firmKey(name string) string {
	base, _ := splitFirm(name)
	s := strings.ToLower(base)
	s = strings.ReplaceAll(s, "&", " and ")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := foldAccent[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		case r == '\'':
		default:
			b.WriteByte(' ')
		}
	}
	f := strings.Fields(b.String())
	for len(f) > 0 && f[0] == "the" {
		f = f[1:]
	}
	if len(f) > 3 && f[0] == "law" && (f[1] == "offices" || f[1] == "office") && f[2] == "of" {
		f = f[3:]
	}
	return strings.Join(f, " ")
}

// foldAccent maps accented Latin letters to plain ones, so that "Associés"
// and "Associes" are one firm.
var foldAccent = map[rune]string{}

func init() {
	for plain, accented := range map[string]string{
		"a": "àáâãäå", "c": "ç", "e": "èéêë", "i": "ìíîï", "n": "ñ", "o": "òóôõöø", "u": "ùúûü", "y": "ýÿ", "ss": "ß", "ae": "æ", "oe": "œ",
	} {
		for _, r := range accented {
			foldAccent[r] = plain
		}
	}
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

// titleFirm title-cases an all-capitals firm name: "MINTZ, LEVIN, COHN,
// FERRIS, GLOVSKY AND POPEO" -> "Mintz, Levin, Cohn, Ferris, Glovsky and
// Popeo"; "MCDERMOTT" -> "McDermott"; "O'MELVENY" -> "O'Melveny".
func titleFirm(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && (lw == "and" || lw == "of" || lw == "the" || lw == "de" || lw == "van" || lw == "von" || lw == "der" || lw == "du"):
			words[i] = lw
		case strings.Contains(w, "&") && len(w) <= 5, len(strings.Trim(w, ".,")) <= 2 && strings.Contains(w, "."):
			// K&L, A.B.
		default:
			words[i] = titleWord(lw)
		}
	}
	return strings.Join(words, " ")
}

func titleWord(w string) string {
	var b strings.Builder
	up := true
	prev := ""
	for _, r := range w {
		if up && unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
			up = false
		} else {
			b.WriteRune(r)
		}
		prev += string(r)
		if r == '-' || r == '\'' || r == '.' || r == '/' || r == '(' {
			up = true
		}
		if prev == "mc" && len(w) > 3 {
			up = true
		}
	}
	return b.String()
}

// ---- firm, signer and in-house counsel ----

var (
	firmSuffixRe  = regexp.MustCompile(`(?i)(?:\bL\.?\s?L\.?\s?P\b\.?|\bLLP\b|\bP\.?\s?L\.?\s?L\.?\s?C\b|\bP\.\s?C\.|\bPC\b|\bP\.\s?A\.|\bprofessional\s+(?:law\s+)?corporation\b|\bprofessional\s+association\b|\bL\.?P\.?A\b|\bchartered\b|\blaw\s+offices?\b|\battorneys\b|\bavocats\b)`)
	firmLikeRe    = regexp.MustCompile(`\s&\s|[A-Za-z]&[A-Z]|,\s+[A-Z][a-z]+\s+and\s+[A-Z]`)
	lawOfficeRe   = regexp.MustCompile(`^(?i:the\s+)?(?i:law\s+offices?\s+of)\s+[A-Z][\w.'&, -]{2,60}$`)
	attorneyAtRe  = regexp.MustCompile(`(?i)^(.{3,50}?),?\s+(?:attorneys?|counsell?ors?)[-\s]+at[-\s]+law$`)
	lawSuffixRe   = regexp.MustCompile(`((?:[A-Z][\w'.-]*,?\s+(?:(?:&|and)\s+)?){0,7}[A-Z][\w'.-]*),?\s+(LLP\b|L\.L\.P\.|PLLC\b|P\.L\.L\.C\.|P\.C\.|PC\b|P\.A\.|A\.P\.C\.|APC\b|A\.P\.L\.C\.|P\.L\.C\.|PLC\b|P\.L\.|P\.S\.|S\.C\.|L\.P\.A\.|(?i:chtd)\.?|(?:[Aa]\s+)?(?i:professional\s+(?:law\s+)?corporation)\b|(?:[Aa]\s+)?(?i:professional\s+association)\b|(?i:chartered)\b|LLC\b)`)
	sigNoiseRe    = regexp.MustCompile(`(?i)^(?:-\s*\d+\s*-|\d+\s*/\s*\d+|page\s+\d+|\[.*\]|\(.*signature.*\)|©.*|copyright.*|cc:.*|enclosures?.*|attachments?.*|[-_=*. ]+|\d+)$`)
	sigPrefixRe   = regexp.MustCompile(`(?i)^(?:/s/|s/|/s|by:|by\s|name:|signed:|\(signed\)|for\s|on behalf of\s)\s*`)
	titleRe       = regexp.MustCompile(`(?i)\b(?:general\s+counsel|chief\s+legal\s+officer|legal\s+counsel|corporate\s+counsel|associate\s+counsel|senior\s+counsel|chief\s+counsel|in-house\s+counsel|counsel\s+to\s+the\s+company|secretary|vice\s+president|president|partner|member|attorney|counsel|esq\.?|officer|director|shareholder|principal|of\s+counsel|its:?|title:)\b`)
	inHouseRe     = regexp.MustCompile(`(?i)\b(?:(?:senior\s+|executive\s+|deputy\s+|associate\s+|assistant\s+)?general\s+counsel|chief\s+legal\s+officer|chief\s+legal\s+counsel|(?:senior\s+|associate\s+|corporate\s+|assistant\s+|deputy\s+)?corporate\s+counsel|legal\s+counsel|corporate\s+secretary|(?:assistant\s+)?secretary|vice\s+president[,\s-]+(?:and\s+)?(?:legal|law|general\s+counsel)|in-house\s+counsel|chief\s+counsel)\b`)
	inHousePhrase = regexp.MustCompile(`\b(?:as|i\s+am|i\s+have\s+acted\s+as|in\s+my\s+capacity\s+as|i\s+serve\s+as|i\s+am\s+the|the\s+undersigned,?(?:\s+is)?)\s+(?:the\s+|an?\s+)?(?:senior\s+|executive\s+|deputy\s+|associate\s+|assistant\s+)?(?:vice\s+president[,\s]+(?:and\s+)?(?:senior\s+|deputy\s+|associate\s+|assistant\s+)?)?(?:general\s+counsel|chief\s+legal\s+officer|corporate\s+counsel|legal\s+counsel|corporate\s+secretary|secretary|vice\s+president[,\s-]+legal)\b`)
	firstPersonRe = regexp.MustCompile(`\bI\s+(?:have|am|hereby|express|do|consent|render|examined|assume|advise|further|render)\b`)
	personRe      = regexp.MustCompile(`^(?:[A-Z][a-zA-Z'-]*\.?|[A-Z]\.(?:[A-Z]\.)*)(?:\s+(?:[A-Z][a-zA-Z'-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|van|von|der|la)){1,4}(?:,?\s+(?:Jr\.|Sr\.|II|III|IV|Esq\.?))?$`)
)

// sigLine is one line of the signature block.
type sigLine struct {
	text   string // cleaned
	signed bool   // after "/s/"
	by     bool   // after "By:"
}

// firm fills Firms, Signer and InHouse from the signature block and the
// letterhead.
func (e *Extractor) firm(d *doc, m *Metadata) {
	lines := d.signatureLines()
	var firms []string
	var person, signedName string // signedName: the first signature line, when a bare name
	for i := 0; i < len(lines); i++ {
		t := lines[i].text
		// A firm name wrapped over lines ("SIMONS &" / "MOSK, A Professional
		// Corporation") or its suffix alone on the next line.
		// A line that is only a legal form ("A Professional Corporation")
		// is never a person, and never a firm alone.
		for i+1 < len(lines) && ((strings.HasSuffix(t, "&") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, " and")) && !personRe.MatchString(lines[i+1].text) || isSuffixOnly(lines[i+1].text)) && !isSuffixOnly(t) {
			t += " " + lines[i+1].text
			i++
		}
		// The name above "By: /s/ Jane Doe" is the entity signing: a firm
		// ("REDFERN"), or in an in-house letter the company.
		aboveBy := i+1 < len(lines) && lines[i+1].by && !lines[i].by && !titled(t) &&
			!strings.Contains(lines[i+1].text, t)
		switch {
		case e.isFirm(t) || aboveBy:
			firms = append(firms, t)
		case signedName == "" && lines[i].signed && singleNameRe.MatchString(t):
			signedName = t // "/s/ Danforth": no person signs with one word
		case person == "" && isPerson(t):
			person = stripTitle(t)
			if t == person {
				signedName = t
			}
		}
	}
	if person != "" {
		for _, f := range firms {
			if firmKey(f) == firmKey(person) {
				person = "" // the firm's name typed under its signature
			}
		}
	}
	if len(firms) > 0 {
		best := bestVariant(firms)
		// A company's own name over its counsel's signature ("ACME HOLDINGS
		// LTD. By: ... General Counsel", or "I" signing) is not a law firm.
		if e.isLawFirm(best) || !d.inHouse(lines) && !(person != "" && d.firstPerson()) {
			// The letterhead may spell the same firm more fully ("LLP").
			if lh := e.letterheadFirm(d, m.Issuer); lh != "" && firmKey(lh) == firmKey(best) {
				best = bestVariant([]string{best, lh})
			}
			m.Firms = []string{e.CanonicalFirm(best)}
			if sm := attorneyAtRe.FindStringSubmatch(best); sm != nil && person == "" && personRe.MatchString(sm[1]) && !strings.Contains(lowerASCII(best), "attorneys") {
				person = sm[1] // the practitioner signs as the practice
			}
			m.Signer = personName(person)
			return
		}
	}
	m.Signer = personName(person)
	if d.inHouse(lines) {
		m.InHouse = true
		return
	}
	if lh := e.letterheadFirm(d, m.Issuer); lh != "" {
		m.Firms = []string{e.CanonicalFirm(lh)}
		return
	}
	// A lawyer signing in the first person with no firm anywhere is the
	// company's own counsel.
	if person != "" && d.firstPerson() {
		m.InHouse = true
		return
	}
	// A letter in the firm's voice ("we", "our firm") signed with a bare
	// name that is no one's given name ("/s/ Carey Olsen") is signed by the
	// firm.
	if signedName != "" && d.weVoice() && looksLikeFirmName(signedName) {
		m.Firms = []string{e.CanonicalFirm(signedName)}
		m.Signer = ""
	}
}

// looksLikeFirmName reports whether a name on a signature line reads as a
// firm's rather than a person's: two to six capitalized words, no
// initials or generational suffix, and not opening with a common given name.
func looksLikeFirmName(s string) bool {
	f := strings.Fields(s)
	if len(f) == 1 {
		return singleNameRe.MatchString(s)
	}
	if len(f) > 6 { // "Meitar Liquornik Geva Leshem Tal": partners' names
		return false
	}
	for _, w := range f {
		if strings.Contains(w, ".") || w == "II" || w == "III" || w == "IV" {
			return false
		}
	}
	return !givenNames[strings.ToLower(f[0])]
}

// givenNames are common given names: a signature opening with one is a
// person's.
var givenNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`aaron adam alan albert alex alexander alexandra alice alison allison amanda amy andrea andrew angela ann anna anne anthony arthur barbara barry ben benjamin beth bill bonnie brad bradley brandon brenda brian bruce bryan carl carla carol caroline catherine charles charlotte cheryl chris christian christina christine christopher cindy claire clark colin craig cynthia dale dan daniel danielle darren david dawn dean deborah debra dennis derek diana diane donald donna doris dorothy douglas edward elaine elizabeth ellen emily emma eric erica erin eugene evan frank fred frederick gail gary george gerald glenn gloria gordon grace greg gregory harold harry heather helen henry howard ian jack jacob james jamie jane janet janice jason jay jean jeff jeffrey jennifer jeremy jerry jessica jill jim joan joe joel john jon jonathan joseph joshua joyce judith judy julia julie justin karen kate katherine kathleen kathryn kathy keith kelly kenneth kevin kim kimberly kristen larry laura lauren lawrence leonard leslie linda lisa lori louis lynn margaret maria marie marilyn mark martha martin mary matthew megan melissa michael michelle mike nancy nathan neil nicholas nicole noah pamela patricia patrick paul peter philip phillip rachel ralph randy raymond rebecca richard rick robert robin roger ronald rose roy russell ruth ryan samantha samuel sandra sara sarah scott sean sharon shawn sheila shirley stephanie stephen steven susan tammy teresa terry theresa thomas timothy todd tom tony tracy victoria vincent virginia walter wayne wendy william`) {
		givenNames[n] = true
	}
}

// weVoice reports whether the letter speaks as a firm: "we", "us", "our".
func (d *doc) weVoice() bool {
	n := 0
	for _, p := range d.lparas[d.body:] {
		for _, w := range []string{"we have ", "we are ", "we express ", "we consent ", "our opinion", "our firm", "we hereby "} {
			n += strings.Count(p, w)
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// signatureLines returns the lines after the complimentary close, cleaned,
// without page furniture.
func (d *doc) signatureLines() []sigLine {
	start := d.sig
	if start < 0 {
		start = max(d.body, len(d.blocks)-4)
	}
	var out []sigLine
	for bi := start; bi < len(d.blocks) && bi < start+12; bi++ {
		// Schedules and annexes after the signature are not part of it.
		if bi > start && (annexRe.MatchString(d.paras[bi]) || len(d.paras[bi]) > 200 && hasProse(d.paras[bi])) {
			break
		}
		for _, l := range strings.Split(d.blocks[bi], "\n") {
			for _, c := range strings.Split(l, "\t") {
				c = collapse(c)
				if bi == d.sig {
					// Text after the close on the same line: "Very truly yours, /s/ X".
					if loc := closingRe.FindStringIndex(c); loc != nil {
						c = strings.TrimLeft(c[loc[1]:], " ,.")
					}
				}
				signed := false
				by := len(c) > 2 && (c[0] == 'B' || c[0] == 'b') && (c[1] == 'y' || c[1] == 'Y') && (c[2] == ':' || c[2] == ' ')
				for k := 0; k < 4; k++ {
					loc := sigPrefixRe.FindStringIndex(c)
					if loc == nil {
						break
					}
					if strings.Contains(strings.ToLower(c[:loc[1]]), "s") && !strings.HasPrefix(strings.ToLower(c), "by") {
						signed = true
					}
					c = strings.TrimSpace(c[loc[1]:])
				}
				c = strings.Trim(c, " _")
				// (signed) "Osler, Hoskin & Harcourt LLP": the quotes are not the name's.
				if len(c) > 2 && c[0] == '"' && strings.Count(c, `"`) == 2 && strings.HasSuffix(c, `"`) {
					c = strings.TrimSpace(c[1 : len(c)-1])
				}
				if c == "" || sigNoiseRe.MatchString(c) || len(c) > 120 {
					continue
				}
				out = append(out, sigLine{text: c, signed: signed, by: by})
			}
		}
	}
	return out
}

// firmWordRe ends the names of firms that say what they are: "Sutcliffe
// Advocates", "Bedford Solicitors", "Meyer Rechtsanwälte".
var firmWordRe = regexp.MustCompile(`(?i)\b(?:advocates|avocats|solicitors|barristers|attorneys|lawyers|rechtsanw(?:a|ä)lte|abogados|advogados|avvocati|advokater|advokatfirma|law\s+firm|law\s+group|legal)$`)

// titled reports whether a line holds a person's title ("Partner",
// "Secretary"); "& Partners" in a firm's name is not one.
func titled(s string) bool {
	return titleRe.MatchString(andPartnersRe.ReplaceAllString(s, ""))
}

var andPartnersRe = regexp.MustCompile(`(?i)(?:&|\band)\s+partners?\b`)

var singleNameRe = regexp.MustCompile(`^\p{Lu}[\pL'-]{2,}$`)

var annexRe = regexp.MustCompile(`^(?i:schedule|annex|appendix|exhibit|attachment|enclosure)\b`)

func isSuffixOnly(s string) bool {
	base, suffix := splitFirm(s)
	return base == "" && suffix != "" || suffixOnlyRe.MatchString(strings.Trim(s, " ,."))
}

var suffixOnlyRe = regexp.MustCompile(`(?i)^(?:a\s+)?(?:professional\s+(?:law\s+)?corporation|professional\s+association|l\.?l\.?p|p\.?c|p\.?a|pllc|llc|limited\s+liability\s+partnership)$`)

// isFirm reports whether a signature line names a firm rather than a person.
func (e *Extractor) isFirm(s string) bool {
	if len(s) < 3 || strings.HasPrefix(strings.ToLower(s), "its") || strings.HasPrefix(strings.ToLower(s), "title") {
		return false
	}
	if _, ok := e.aliases[firmKey(s)]; ok {
		return true
	}
	// "John Smith, Attorney at Law": a sole practitioner's practice.
	if attorneyAtRe.MatchString(s) || lawOfficeRe.MatchString(s) {
		return true
	}
	if firmSuffixRe.MatchString(s) || firmWordRe.MatchString(s) && !titled(s) {
		return true
	}
	if firmLikeRe.MatchString(s) && !titled(s) {
		return true
	}
	// Foreign firms signing with a company form: "Homburger AG".
	if _, suffix := splitFirm(s); suffix != "" && !titled(s) {
		return true
	}
	return false
}

// lawSuffixWords prefilter lines for lawSuffixRe.
var lawSuffixWords = []string{"LLP", "L.L.P.", "PLLC", "P.L.L.C.", "P.C.", "PC", "P.A.", "A.P.C.", "APC", "P.L.", "PLC", "P.S.", "S.C.", "Chtd", "CHTD", "Professional", "PROFESSIONAL", "professional", "Chartered", "CHARTERED", "LLC"}

// known reports whether the alias table knows the firm.
func (e *Extractor) known(s string) bool {
	_, ok := e.aliases[firmKey(s)]
	return ok
}

// isLawFirm reports whether a name is unmistakably a law firm's: a known
// firm, a law-firm suffix (LLP, P.C.) or partners' names joined by "&".
func (e *Extractor) isLawFirm(s string) bool {
	if _, ok := e.aliases[firmKey(s)]; ok {
		return true
	}
	return firmSuffixRe.MatchString(s) || firmLikeRe.MatchString(s)
}

func isPerson(s string) bool {
	n := stripTitle(s)
	if n == "" || len(n) > 50 {
		return false
	}
	return personRe.MatchString(n) && !inHouseRe.MatchString(n)
}

// stripTitle drops ", a Partner", ", General Counsel" after a name.
func stripTitle(s string) string {
	if i := strings.IndexByte(s, ','); i > 0 {
		rest := s[i+1:]
		if titleRe.MatchString(rest) || strings.Contains(strings.ToLower(rest), "partner") {
			s = s[:i]
		} else if f := strings.Fields(rest); len(f) == 1 && (f[0] == "Jr." || f[0] == "Sr." || f[0] == "III" || f[0] == "II" || strings.HasPrefix(f[0], "Esq")) {
			s = s[:i]
		}
	}
	// "By: Andrew Nick Its: Vice President"
	if i := strings.Index(s, " Its"); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " Title:"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// personName title-cases an all-capitals name, keeping initials.
func personName(s string) string {
	if s == "" || !isAllCaps(s) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		if strings.Contains(w, ".") && len(strings.ReplaceAll(w, ".", "")) <= 3 || w == "II" || w == "III" || w == "IV" {
			continue
		}
		words[i] = titleWord(strings.ToLower(w))
	}
	return strings.Join(words, " ")
}

// bestVariant picks the fullest spelling of one firm: mixed case over
// capitals, with a legal-form suffix over without.
func bestVariant(names []string) string {
	first := names[0]
	key := firmKey(first)
	best := first
	score := func(s string) int {
		n := 0
		if !isAllCaps(s) {
			n += 2
		}
		if _, suf := splitFirm(s); suf != "" {
			n++
		}
		return n
	}
	for _, n := range names[1:] {
		if firmKey(n) != key {
			continue
		}
		if score(n) > score(best) {
			best = n
		}
	}
	// Accents a mixed-case variant lost ("/s/ Cranford & Associes" over
	// "CRANFORD & ASSOCIÉS").
	if !hasNonASCII(best) {
		for _, n := range names {
			if hasNonASCII(n) && firmKey(n) == key {
				if isAllCaps(n) {
					n = titleFirm(n)
				}
				best = n
				break
			}
		}
	}
	// Mixed-case base with a suffix seen only in another variant.
	b, suf := splitFirm(best)
	if suf == "" {
		for _, n := range names {
			if _, s2 := splitFirm(n); s2 != "" && firmKey(n) == key {
				return b + s2
			}
		}
	}
	return best
}

// letterheadFirm finds a law firm's name with a law-firm suffix in the
// letterhead, or a known firm.
func (e *Extractor) letterheadFirm(d *doc, issuer string) string {
	dated := false
	for i, b := range d.blocks {
		if i >= d.body && i > 3 {
			break
		}
		ls := strings.Split(b, "\n")
		for li, l := range ls {
			// "LAW OFFICES OF" over "JOHN T. BARRETT": one name.
			if lawOfficesOfRe.MatchString(strings.TrimSpace(l)) && li+1 < len(ls) {
				if c := collapse(l + " " + ls[li+1]); lawOfficeRe.MatchString(c) {
					return c
				}
			}
			for _, c := range strings.Split(l, "\t") {
				c = collapse(c)
				// "[Letterhead of Smith & Jones]", "[SMITH & JONES LETTERHEAD]"
				if m := letterheadOfRe.FindStringSubmatch(c); m != nil {
					c = m[1] + m[2]
				}
				if lawOfficeRe.MatchString(c) {
					return c
				}
				if !dated && findDateOK(c) {
					dated = true
				}
				// Above the date, partners' names joined by "&" are the firm
				// ("Parsons Behle & Latimer"); below it they may be the
				// addressee ("Johnson & Johnson").
				if !dated && len(c) < 70 && partnersRe.MatchString(c) {
					return c
				}
				if !containsAny(c, lawSuffixWords...) {
					if len(c) < 80 && !strings.ContainsAny(c, "0123456789@") && e.known(c) {
						return c
					}
					continue
				}
				if m := lawSuffixRe.FindStringSubmatch(c); m != nil {
					// An LLC may be the addressee or the issuer's own
					// letterhead; at the top of the page, above the date,
					// and not the issuer, it is the firm's ("KINCAID BROWN
					// TODD LLC").
					if (m[2] == "LLC" || m[2] == "PLC" || m[2] == "P.L.C.") && !firmLikeRe.MatchString(m[1]) && (dated || firmKey(m[1]) == firmKey(strings.TrimSuffix(strings.TrimSpace(issuer), " LLC")) || !strings.HasPrefix(strings.TrimSpace(c), m[1]) || strings.ContainsAny(c, "0123456789@")) {
						continue
					}
					return m[1] + suffixSep(m[2]) + m[2]
				}
				if len(c) < 80 && !strings.ContainsAny(c, "0123456789@") && e.known(c) {
					return c
				}
			}
		}
	}
	return ""
}

var (
	lawOfficesOfRe = regexp.MustCompile(`^(?i:(?:the\s+)?law\s+offices?\s+of)$`)
	letterheadOfRe = regexp.MustCompile(`^\[?\s*(?i:(?:on\s+)?(?:the\s+)?letterhead\s+of)\s+(.+?)\s*\]?$|^\[\s*(.+?)\s+(?i:letterhead)\s*\]$`)
	partnersRe     = regexp.MustCompile(`^\p{Lu}[\pL'.-]+(?:,?\s\p{Lu}[\pL'.-]+)*,?\s(?:&|and)\s\p{Lu}[\pL'.-]+(?:,?\s\p{Lu}[\pL'.-]+)*$`)
)

func suffixSep(s string) string {
	if strings.HasPrefix(s, "P.") || strings.Contains(strings.ToLower(s), "professional") || s == "Chartered" {
		return ", "
	}
	return " "
}

// inHouse reports whether the letter is the issuer's own counsel's opinion:
// a company title by the signature, or "As General Counsel of the Company".
func (d *doc) inHouse(lines []sigLine) bool {
	for _, l := range lines {
		if inHouseRe.MatchString(l.text) {
			return true
		}
	}
	for _, p := range d.lparas[d.body:] {
		if containsAny(p, "counsel", "secretary", "legal", "vice president") && inHousePhrase.MatchString(p) {
			return true
		}
	}
	return false
}

func (d *doc) firstPerson() bool {
	n := 0
	for _, p := range d.paras[d.body:] {
		n += len(firstPersonRe.FindAllStringIndex(p, 3))
		if n >= 2 {
			return true
		}
	}
	return false
}
