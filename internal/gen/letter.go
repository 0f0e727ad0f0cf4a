package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// kind is the transaction a letter opines on; it decides the form, what is
// registered and which opinions are given.
type kind int

const (
	kindPlan      kind = iota // S-8 shares under benefit plans
	kindShelf                 // S-3 universal shelf, indeterminate amount
	kindResale                // S-3 resale of a stated number of shares
	kindIPO                   // S-1 underwritten shares
	kindUnits                 // S-1 units of shares and warrants
	kindForeign               // F-3 foreign private issuer, local counsel
	kindMerger                // S-4 shares issued in a merger
	kindExchange              // S-4 exchange offer of notes with guarantees
	kindTakedown              // 8-K takedown of shares off an S-3
	kindDebtDown              // 8-K takedown of notes off an S-3
	kindDebtShelf             // S-3 debt shelf with guarantees
	kindATM                   // 8-K at-the-market program, dollar amount only
)

// issuer is a registrant. It is a pure function of its id (and the seed),
// so the same company keeps its name, CIK and address in every letter.
type issuer struct {
	ID       int
	Name     string // "Silverridge Energy, Inc."
	Short    string // "Silverridge Energy"
	State    string // state or country of incorporation (label name)
	Entity   string // "a Delaware corporation"
	Foreign  *foreign
	CIK      string
	Street   string
	Place    place
	Addr     []string // address lines after the name
	Conf     string   // conformed name in the SEC header
	Charter  string
	Bylaws   string
	ShareCls string // "common stock"
	Par      string
	IRS      string
	SIC      string
}

// firm is a law firm; Names holds the variant spellings of its name a
// letter may sign with (", P.C." and ", Professional Corporation").
type firm struct {
	ID      int
	Base    string   // name without legal-form suffix
	Person  bool     // a sole practitioner: "Law Offices of Jane Doe"
	Names   []string // full names as the firm may write them
	Place   place
	Street  string
	Web     string
	Offices []string
	Big     bool
	Foreign *foreign
}

type person struct{ Name, Title string }

// spec is everything one letter says, decided before any rendering.
type spec struct {
	I          int
	Kind       kind
	Date       time.Time
	Year       int
	Form       string // registration form named: "S-8"
	FilingForm string // submission type: "S-3ASR", "8-K", "S-1/A"
	RegNo      string
	Exhibit    string // "5.1"
	Issuer     *issuer
	Firm       *firm  // nil for in-house counsel
	FirmName   string // as the letter signs it (the label)
	Signer     person
	Shares     int64
	Plans      []string
	Juris      []string // label jurisdictions, in order of mention
	Laws       string   // the law-limitation phrase
	Local      bool     // local counsel letter (EX-5.2 style)
	Curly      bool     // typographic quotes
	Parts      []block
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func longDate(t time.Time) string {
	return fmt.Sprintf("%s %d, %d", months[t.Month()-1], t.Day(), t.Year())
}

// newIssuer derives issuer id's attributes from its own random stream.
func newIssuer(seed uint64, id int) *issuer {
	r := rand.New(rand.NewPCG(seed^0x5eed15, uint64(id)))
	is := &issuer{ID: id}
	pre, root := pick(r, issuerPrefixes), pick(r, issuerRoots)
	var stem string
	switch r.IntN(4) {
	case 0:
		if len(root) >= 4 && !strings.HasSuffix(root, "s") {
			stem = pre + " " + strings.ToUpper(root[:1]) + root[1:]
			break
		}
		fallthrough
	default:
		stem = pre + root
	}
	if strings.HasSuffix(pre, root[:1]) {
		stem = pre + "-" + root // "Red-dale" would read as "Reddale"
	}
	ind := pick(r, industries)
	is.Short = stem + " " + ind
	if r.IntN(5) == 0 {
		is.Short = stem
	}
	if id%10 == 7 { // foreign private issuers live on ids ending in 7
		f := &foreigns[r.IntN(len(foreigns))]
		is.Foreign = f
		is.State = f.Name
		is.Entity = f.Entity
		is.Name = is.Short + " " + pick(r, f.Suffixes)
		is.ShareCls = f.ShareWord
		is.Par = f.Par
		is.Addr = append([]string(nil), f.Address...)
		is.Place = place{City: f.City, State: f.Country}
		is.Charter = "memorandum and articles of association"
		is.Bylaws = ""
	} else {
		suf := pick(r, usSuffixes)
		if strings.HasPrefix(suf, ",") {
			is.Name = is.Short + suf
		} else {
			is.Name = is.Short + " " + suf
		}
		is.State = pick(r, incStates)
		if strings.Contains(ind, "Realty") || strings.Contains(ind, "Properties") {
			is.State = "Maryland"
		}
		is.Entity = article(is.State) + " " + is.State + " corporation"
		is.ShareCls = "common stock"
		is.Par = pick(r, []string{"$0.001", "$0.0001", "$0.01", "$.01", "$1.00", "no par value"})
		is.Place = pick(r, usPlaces)
		is.Street = fmt.Sprintf("%d %s %s", 100+r.IntN(9800), pick(r, streetNames), pick(r, streetTypes))
		is.Addr = []string{is.Street}
		if chance(r, 0.4) {
			is.Addr = append(is.Addr, fmt.Sprintf("Suite %d", 100+r.IntN(40)*50))
		}
		is.Addr = append(is.Addr, fmt.Sprintf("%s, %s %s", is.Place.City, is.Place.State, is.Place.Zip))
		is.Charter = pick(r, []string{"Certificate of Incorporation", "Amended and Restated Certificate of Incorporation", "Restated Certificate of Incorporation", "Articles of Incorporation", "Amended and Restated Articles of Incorporation"})
		if is.State == "Maryland" {
			is.Charter = "Articles of Amendment and Restatement"
		}
		is.Bylaws = pick(r, []string{"Bylaws", "Amended and Restated Bylaws", "By-laws", "Second Amended and Restated Bylaws"})
	}
	is.CIK = strconv.Itoa(1010000 + id*3)
	conf := strings.ToUpper(is.Name)
	if r.IntN(2) == 0 {
		conf = strings.NewReplacer(",", "", ".", "").Replace(conf)
	}
	if r.IntN(3) == 0 {
		conf = is.Name
	}
	is.Conf = conf
	is.IRS = fmt.Sprintf("%09d", r.IntN(999999999))
	is.SIC = pick(r, []string{"2834", "2836", "3674", "7372", "6022", "6798", "1311", "4813", "3841", "5812", "6770", "4911"})
	return is
}

// newFirm derives firm id's attributes. Ids below bigFirms are large
// multi-office firms; the rest are smaller and more varied in style.
func newFirm(seed uint64, id int, f *foreign) *firm {
	r := rand.New(rand.NewPCG(seed^0xf1a3, uint64(id)))
	fm := &firm{ID: id, Big: id < bigFirms, Foreign: f}
	n := 1 + r.IntN(3)
	if fm.Big {
		n = 2 + r.IntN(3)
	}
	used := map[string]bool{}
	var names []string
	for len(names) < n {
		s := pick(r, surnames)
		if !used[s] {
			used[s] = true
			names = append(names, s)
		}
	}
	if f != nil {
		style := pick(r, f.FirmStyles)
		if strings.Count(style, "%s") == 2 {
			fm.Base = fmt.Sprintf(style, names[0], pick(r, surnames))
		} else {
			fm.Base = fmt.Sprintf(style, names[0])
		}
		fm.Names = []string{fm.Base}
		fm.Place = place{City: f.City, State: f.Country}
		fm.Street = f.Address[0]
		return fm
	}
	person := false
	switch {
	case len(names) == 1:
		fm.Base = names[0]
		if r.IntN(3) == 0 {
			fm.Base = pick(r, firstNames) + " " + pick(r, initials) + " " + names[0]
			person = true
		}
	case len(names) == 2:
		fm.Base = names[0] + " & " + names[1]
	default:
		sep := ", "
		if r.IntN(3) == 0 {
			sep = " "
		}
		fm.Base = strings.Join(names[:len(names)-1], sep) + " & " + names[len(names)-1]
	}
	if person {
		fm.Person = true
		switch r.IntN(3) {
		case 0:
			fm.Names = []string{"Law Offices of " + fm.Base}
		case 1:
			fm.Names = []string{fm.Base + ", P.A."}
		default:
			fm.Names = []string{fm.Base + ", PLLC"}
		}
		fm.Place = pick(r, usPlaces)
		fm.Street = fmt.Sprintf("%d %s %s", 1+r.IntN(2000), pick(r, streetNames), pick(r, streetTypes))
		return fm
	}
	suf := pick(r, deptFirmSuffix)
	if fm.Big {
		suf = pick(r, []string{"LLP", "LLP", "LLP", ", Professional Corporation", "L.L.P."})
	}
	full := func(s string) string {
		if strings.HasPrefix(s, ",") {
			return fm.Base + s
		}
		return fm.Base + " " + s
	}
	switch suf {
	case ", P.C.", ", Professional Corporation", ", A Professional Corporation":
		fm.Names = []string{full(", P.C."), full(", Professional Corporation"), full(", A Professional Corporation")}
	case "LLP", "L.L.P.":
		fm.Names = []string{full(suf), full(suf), full(", LLP")}
	default:
		fm.Names = []string{full(suf)}
	}
	fm.Place = pick(r, usPlaces)
	fm.Street = fmt.Sprintf("%d %s %s", 1+r.IntN(2000), pick(r, streetNames), pick(r, streetTypes))
	fm.Web = "www." + strings.ToLower(strings.NewReplacer(" ", "", "&", "", ",", "", ".", "").Replace(names[0]+names[len(names)-1])) + ".com"
	if fm.Big {
		for k := 0; k < 4+r.IntN(6); k++ {
			fm.Offices = append(fm.Offices, pick(r, usPlaces).City)
		}
		fm.Offices = append(fm.Offices, pick(r, []string{"London", "Hong Kong", "Tokyo", "Paris", "Brussels", "Singapore"}))
		fm.Offices = dedupe(fm.Offices)
	}
	return fm
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

const (
	issuerPool = 200000
	bigFirms   = 40
	firmPool   = 6000
)

func pickIssuer(r *rand.Rand, seed uint64, foreignIssuer bool) *issuer {
	var base int
	if chance(r, 0.3) {
		base = r.IntN(2000) // frequent filers
	} else {
		base = r.IntN(issuerPool / 10)
	}
	last := r.IntN(9)
	if last >= 7 {
		last++
	}
	if foreignIssuer {
		last = 7
	}
	return newIssuer(seed, base*10+last)
}

func pickFirm(r *rand.Rand, seed uint64, f *foreign) *firm {
	if f != nil {
		return newFirm(seed, firmPool+r.IntN(600), f)
	}
	if chance(r, 0.45) {
		return newFirm(seed, r.IntN(bigFirms), nil)
	}
	return newFirm(seed, bigFirms+r.IntN(firmPool-bigFirms), nil)
}

func newPerson(r *rand.Rand) string {
	if chance(r, 0.5) {
		return pick(r, firstNames) + " " + pick(r, initials) + " " + pick(r, surnames)
	}
	return pick(r, firstNames) + " " + pick(r, surnames)
}

// newSpec decides letter i.
func newSpec(seed uint64, i int) *spec {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	s := &spec{I: i, Exhibit: "5.1", Curly: true}
	s.Year = 1995 + r.IntN(31)
	day := r.IntN(365)
	s.Date = time.Date(s.Year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	for s.Date.Weekday() == time.Saturday || s.Date.Weekday() == time.Sunday {
		s.Date = s.Date.AddDate(0, 0, 1)
	}
	if s.Date.Year() != s.Year {
		s.Date = time.Date(s.Year, 12, 29, 0, 0, 0, 0, time.UTC)
	}
	w := r.IntN(100)
	switch {
	case w < 30:
		s.Kind = kindPlan
	case w < 42:
		s.Kind = kindShelf
	case w < 50:
		s.Kind = kindResale
	case w < 57:
		s.Kind = kindIPO
	case w < 61:
		s.Kind = kindUnits
	case w < 69:
		s.Kind = kindForeign
	case w < 74:
		s.Kind = kindMerger
	case w < 78:
		s.Kind = kindExchange
	case w < 87:
		s.Kind = kindTakedown
	case w < 92:
		s.Kind = kindDebtDown
	case w < 96:
		s.Kind = kindDebtShelf
	default:
		s.Kind = kindATM
	}
	if s.Kind == kindUnits && s.Year < 2004 {
		s.Kind = kindIPO
	}
	if s.Kind == kindATM && s.Year < 2008 {
		s.Kind = kindTakedown
	}
	s.Issuer = pickIssuer(r, seed, s.Kind == kindForeign)
	switch s.Kind {
	case kindPlan:
		s.Form = "S-8"
	case kindShelf, kindResale, kindDebtShelf:
		s.Form = "S-3"
	case kindIPO, kindUnits:
		s.Form = "S-1"
	case kindForeign:
		s.Form = "F-3"
	case kindMerger, kindExchange:
		s.Form = "S-4"
	default:
		s.Form = "S-3"
	}
	s.FilingForm = s.Form
	switch {
	case s.Kind == kindTakedown || s.Kind == kindDebtDown || s.Kind == kindATM:
		s.FilingForm = "8-K"
	case (s.Kind == kindShelf || s.Kind == kindDebtShelf) && s.Year >= 2006 && chance(r, 0.5):
		s.FilingForm = "S-3ASR"
	case s.Kind == kindForeign && s.Year >= 2006 && chance(r, 0.3):
		s.FilingForm = "F-3ASR"
	case (s.Kind == kindIPO || s.Kind == kindUnits || s.Kind == kindMerger) && chance(r, 0.5):
		s.FilingForm = s.Form + "/A"
	}
	if s.Year <= 1996 && s.Date.Month() < 6 {
		s.RegNo = fmt.Sprintf("33-%05d", 60000+r.IntN(39999))
	} else if s.Year < 2000 {
		s.RegNo = fmt.Sprintf("333-%05d", 10000+r.IntN(89999))
	} else {
		s.RegNo = fmt.Sprintf("333-%06d", 100000+(s.Year-2000)*11000+r.IntN(11000))
	}
	// Counsel: in-house for some domestic letters, else a firm.
	if s.Issuer.Foreign == nil && (s.Kind == kindPlan || s.Kind == kindShelf || s.Kind == kindTakedown) && chance(r, 0.12) {
		s.Signer = person{newPerson(r), pick(r, titles)}
	} else {
		s.Firm = pickFirm(r, seed, s.Issuer.Foreign)
		s.FirmName = pick(r, s.Firm.Names)
		if s.Year < 1996 && chance(r, 0.5) && s.Firm.Foreign == nil && !s.Firm.Person && !strings.Contains(s.FirmName, "Professional") && !strings.Contains(s.FirmName, "P.C.") {
			s.FirmName = s.Firm.Base // before LLPs were common
		}
		if chance(r, 0.4) && !strings.HasPrefix(s.FirmName, "Law Offices") {
			s.Signer = person{newPerson(r), pick(r, []string{"Partner", "a Partner", "Member", "Shareholder", ""})}
		}
	}
	s.Curly = s.Year >= 2001 || chance(r, 0.2)
	compose(r, s)
	return s
}

// article is "a" or "an" for the word w.
func article(w string) string {
	if strings.ContainsRune("AEIOU", rune(w[0])) {
		return "an"
	}
	return "a"
}
