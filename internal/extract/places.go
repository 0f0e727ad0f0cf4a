package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// places are the bodies of law and places of incorporation a letter names,
// as written in running text, mapped to the name we report. US states and
// territories, Canadian provinces, and the countries and offshore
// jurisdictions whose issuers file on EDGAR.
var places = map[string]string{}

// adjectives name a place's law by its adjective: "Swiss law", "Dutch law".
// They count only when "law" or "laws" follows.
var adjectives = map[string]string{
	"Swiss": "Switzerland", "Dutch": "Netherlands", "Irish": "Ireland", "English": "England and Wales",
	"Scottish": "Scotland", "Israeli": "Israel", "Canadian": "Canada", "German": "Germany",
	"French": "France", "Italian": "Italy", "Spanish": "Spain", "Danish": "Denmark",
	"Swedish": "Sweden", "Norwegian": "Norway", "Finnish": "Finland", "Belgian": "Belgium",
	"Austrian": "Austria", "Japanese": "Japan", "Chinese": "China", "Australian": "Australia",
	"Bermudian": "Bermuda", "Cayman": "Cayman Islands", "Mexican": "Mexico", "Brazilian": "Brazil",
	"Korean": "Korea", "Greek": "Greece", "Cypriot": "Cyprus", "Maltese": "Malta",
	"Panamanian": "Panama", "Liberian": "Liberia", "Luxembourgish": "Luxembourg",
	"Singaporean": "Singapore", "Argentine": "Argentina", "Chilean": "Chile", "Peruvian": "Peru",
	"Colombian": "Colombia", "Indian": "India", "Manx": "Isle of Man", "Hungarian": "Hungary",
	"Polish": "Poland", "Portuguese": "Portugal", "Turkish": "Turkey", "British": "United Kingdom",
	"U.S.": "United States", "US": "United States",
	"United States": "United States",
}

// abbreviations some letters define for the statutes they cover.
var statuteAbbrevs = map[string]string{
	"DGCL": "Delaware", "DLLCA": "Delaware", "DRULPA": "Delaware", "DSTA": "Delaware",
	"MGCL": "Maryland", "NRS": "Nevada", "NYBCL": "New York", "BCL": "New York",
	"TBOC": "Texas", "MBCA": "Massachusetts", "FBCA": "Florida", "VSCA": "Virginia",
	"CBCA": "Canada", "OBCA": "Ontario", "BCBCA": "British Columbia", "ABCA": "Alberta",
}

func init() {
	for _, p := range []string{
		"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
		"Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
		"Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
		"Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
		"New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
		"Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
		"Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
		"Puerto Rico", "Guam", "United States Virgin Islands",
		"Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia",
		"New Brunswick", "Newfoundland and Labrador", "Prince Edward Island", "Yukon",
		"Canada", "Cayman Islands", "Bermuda", "British Virgin Islands", "Marshall Islands", "Bahamas",
		"Panama", "Liberia", "Switzerland", "Netherlands", "Ireland", "England and Wales", "England",
		"Scotland", "Northern Ireland", "United Kingdom", "Jersey", "Guernsey", "Isle of Man",
		"Luxembourg", "Israel", "Singapore", "Hong Kong", "Germany", "France", "Italy", "Spain",
		"Belgium", "Austria", "Denmark", "Sweden", "Norway", "Finland", "Iceland", "Japan", "China",
		"People's Republic of China", "Taiwan", "Korea", "Republic of Korea", "India", "Australia",
		"New Zealand", "Mexico", "Brazil", "Argentina", "Chile", "Peru", "Colombia", "Greece", "Cyprus",
		"Malta", "Gibraltar", "Curacao", "Curaçao", "Aruba", "Barbados", "Anguilla", "Mauritius",
		"Portugal", "Poland", "Hungary", "Czech Republic", "Turkey", "South Africa", "Philippines",
		"Indonesia", "Malaysia", "Thailand", "Vietnam", "United Arab Emirates", "Samoa", "Labuan",
	} {
		places[p] = p
	}
	for k, v := range map[string]string{
		"Québec": "Quebec", "Grand Duchy of Luxembourg": "Luxembourg", "the Netherlands": "Netherlands",
		"The Netherlands": "Netherlands", "Republic of Ireland": "Ireland", "State of Israel": "Israel",
		"United States of America": "United States", "United States": "United States",
		"U.S.A.": "United States", "USA": "United States", "Washington, D.C.": "District of Columbia",
		"Washington D.C.": "District of Columbia", "D.C.": "District of Columbia",
		"People's Republic of China": "China", "PRC": "China", "Republic of Korea": "Korea",
		"Commonwealth of the Bahamas": "Bahamas", "Republic of the Marshall Islands": "Marshall Islands",
		"Republic of Panama": "Panama", "Republic of Liberia": "Liberia", "Hong Kong SAR": "Hong Kong",
		"Curaçao": "Curacao", "BVI": "British Virgin Islands", "U.K.": "United Kingdom", "UK": "United Kingdom",
		"Swiss Confederation": "Switzerland", "Kingdom of the Netherlands": "Netherlands",
		"Province of Quebec": "Quebec", "Newfoundland": "Newfoundland and Labrador",
		// English law is the law of England and Wales; letters say "the
		// laws of England".
		"England": "England and Wales",
	} {
		places[k] = v
	}
	for k := range places {
		placeIndex[leadWord(k)] = append(placeIndex[leadWord(k)], k)
	}
	for _, list := range placeIndex {
		// Longest first, so "West Virginia" wins over "West" and "New
		// Jersey" is read whole.
		sort.Slice(list, func(i, j int) bool {
			return len(list[i]) > len(list[j]) || len(list[i]) == len(list[j]) && list[i] < list[j]
		})
	}
}

// placeIndex maps the first word of each place name to the names starting
// with it, longest first.
var placeIndex = map[string][]string{}

// leadWord returns the run of letters at the start of s.
func leadWord(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// lawAfterRe is what must follow an adjective for it to name a body of
// law: "Swiss law", "Dutch corporate law", "U.S. federal laws".
var lawAfterRe = regexp.MustCompile(`^\s+(?:(?:federal|state|corporate|securities|statutory|civil|substantive|internal)\s+)?[Ll]aws?\b`)

// federalLaw is "federal law(s)" not followed by "of <somewhere>": the
// federal law of the United States.
var federalLaw = regexp.MustCompile(`\b[Ff]ederal\s+(?:securities\s+|corporate\s+|tax\s+)?[Ll]aws?\b(\s+of\s+(?:the\s+)?[A-Z])?`)

// findPlaces returns the places named in s, in order, without repeats.
func findPlaces(s string, laws bool) []string {
	var out []string
	add := func(p string) {
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsUpper(r) || i > 0 && isWordByte(s[i-1]) {
			i += size
			continue
		}
		w := leadWord(s[i:])
		n := matchPlace(s[i:], w)
		switch {
		case n > 0:
			add(places[s[i:i+n]])
		case laws && adjectives[w] != "" && lawAfterRe.MatchString(s[i+len(w):]):
			add(adjectives[w])
			n = len(w)
		case laws && strings.HasPrefix(s[i:], "U.S.") && lawAfterRe.MatchString(s[i+4:]):
			add("United States")
			n = 4
		case laws && statuteAbbrevs[w] != "" && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])):
			add(statuteAbbrevs[w])
			n = len(w)
		default:
			n = max(len(w), size)
		}
		i += n
	}
	if laws {
		if !strings.Contains(s, "ederal") {
			return out
		}
		for _, m := range federalLaw.FindAllStringSubmatchIndex(s, -1) {
			if m[2] >= 0 { // "federal laws of Canada": the place itself is found above
				continue
			}
			// "Canadian federal law", "Swiss federal law" name their own place.
			pre := s[:m[0]]
			if strings.HasSuffix(strings.TrimSpace(pre), "Canadian") || strings.HasSuffix(strings.TrimSpace(pre), "Swiss") {
				continue
			}
			add("United States")
		}
	}
	return out
}

// matchPlace returns the length of the place name at the start of s (whose
// first word is w), or 0.
func matchPlace(s, w string) int {
	for _, name := range placeIndex[w] {
		if strings.HasPrefix(s, name) && (len(s) == len(name) || !isWordByte(s[len(name)])) {
			return len(name)
		}
	}
	return 0
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}
