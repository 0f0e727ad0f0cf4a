package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

type blockKind int

const (
	bHeading    blockKind = iota // "Exhibit 5.1"
	bLetterhead                  // centred lines
	bDate
	bAddress
	bRe // lines; the first starts "Re:"
	bSalutation
	bPara
	bList      // numbered opinions
	bClosing   // "Very truly yours,"
	bSignature // lines; Sig is the signature image or /s/ line
	bPageBreak // a page ends here; Lines is the next page's header
	bInitials  // "JDH/mk", "cc:" lines
	bTable     // Rows, the first a header
)

type block struct {
	Kind  blockKind
	Lines []string
	Text  string
	Items []string
	Rows  [][]string
}

// q wraps s in typographic quotes; renderers turn them into what the
// shape uses (straight quotes, &#147;, windows-1252 0x93).
func q(s string) string { return "\u201c" + s + "\u201d" }

func (s *spec) add(b block) { s.Parts = append(s.Parts, b) }

func (s *spec) para(format string, args ...any) {
	s.add(block{Kind: bPara, Text: fmt.Sprintf(format, args...)})
}

func compose(r *rand.Rand, s *spec) {
	is := s.Issuer
	inHouse := s.Firm == nil
	we, us, our := "we", "us", "our"
	We, Our := "We", "Our"
	if inHouse {
		we, us, our, We, Our = "I", "me", "my", "I", "My"
	}
	actName := q("Securities Act")
	if s.Year < 2003 || chance(r, 0.3) {
		actName = q("Act")
	}
	act := strings.Trim(actName, "\u201c\u201d")
	fileNo := ""
	if chance(r, 0.6) {
		fileNo = fmt.Sprintf(" (%s %s)", pick(r, []string{"File No.", "File No.", "Registration No."}), s.RegNo)
	}
	if strings.HasSuffix(s.FilingForm, "/A") && chance(r, 0.6) {
		fileNo += ", as amended"
	}

	// Heading and letterhead.
	if chance(r, 0.8) {
		h := "Exhibit " + s.Exhibit
		if s.Year < 2002 && chance(r, 0.5) {
			h = strings.ToUpper(h)
		}
		if chance(r, 0.15) {
			h = "EXHIBIT 5"
		}
		s.add(block{Kind: bHeading, Text: h})
	}
	if inHouse {
		lh := []string{strings.ToUpper(is.Name)}
		lh = append(lh, is.Addr...)
		s.add(block{Kind: bLetterhead, Lines: lh})
	} else {
		f := s.Firm
		var lh []string
		name := s.FirmName
		if chance(r, 0.2) && s.Year < 2005 && !strings.HasPrefix(name, "Law Offices") {
			lh = append(lh, "LAW OFFICES")
		}
		if chance(r, 0.3) {
			name = pick(r, f.Names)
		}
		if chance(r, 0.6) {
			name = strings.ToUpper(name)
		}
		lh = append(lh, name, f.Street)
		if f.Foreign == nil {
			lh = append(lh, fmt.Sprintf("%s, %s %s", f.Place.City, f.Place.State, f.Place.Zip))
			lh = append(lh, fmt.Sprintf("Telephone (%s) %03d-%04d", f.Place.Area, 200+r.IntN(799), r.IntN(10000)))
			if s.Year < 2005 {
				lh = append(lh, fmt.Sprintf("Facsimile (%s) %03d-%04d", f.Place.Area, 200+r.IntN(799), r.IntN(10000)))
			} else if f.Web != "" {
				lh = append(lh, f.Web)
			}
			if len(f.Offices) > 0 && chance(r, 0.7) {
				lh = append(lh, strings.Join(f.Offices, " | "))
			}
		} else {
			lh = append(lh, f.Foreign.Address[1:]...)
		}
		s.add(block{Kind: bLetterhead, Lines: lh})
	}
	// Counsel abroad write dates, salutations and closings their own way.
	intl := s.Firm != nil && s.Firm.Foreign != nil && !strings.Contains(s.Firm.Foreign.LawPhrase, "Canada") &&
		s.Firm.Foreign.Name != "Marshall Islands" && chance(r, 0.7)
	dateAt := len(s.Parts)
	if intl {
		s.add(block{Kind: bDate, Text: fmt.Sprintf("%d %s %d", s.Date.Day(), months[s.Date.Month()-1], s.Date.Year())})
	} else {
		s.add(block{Kind: bDate, Text: longDate(s.Date)})
	}

	// Addressee.
	var addr []string
	switch r.IntN(4) {
	case 0:
		addr = append(addr, "Board of Directors")
	case 1:
		if s.Year < 2005 {
			addr = append(addr, "The Board of Directors")
		}
	}
	addr = append(addr, is.Name)
	addr = append(addr, is.Addr...)
	s.add(block{Kind: bAddress, Lines: addr})

	// What is registered, and the facts the labels record.
	n := int64(0)
	securities := fmt.Sprintf("%s, par value %s per share", is.ShareCls, is.Par)
	if is.Par == "no par value" {
		securities = is.ShareCls + ", no par value"
	}
	thing := ""         // what the Registration Statement registers
	defined := "Shares" // defined term the opinions use
	opinions := []string(nil)
	debt := false
	var plans []string
	var reSub string
	var rows [][]string
	var table *block // a table to follow the introduction
	switch s.Kind {
	case kindPlan:
		k := 1
		if chance(r, 0.3) {
			k = 2 + r.IntN(2)
		}
		years := map[int]bool{}
		var parts []string
		for j := 0; j < k; j++ {
			y := s.Year - r.IntN(12)
			for years[y] {
				y--
			}
			years[y] = true
			pt := pick(r, planTypes)
			var name string
			switch r.IntN(5) {
			case 0:
				name = fmt.Sprintf("%s %d %s", is.Name, y, pt)
			case 1:
				name = fmt.Sprintf("%s %d %s", is.Short, y, pt)
			case 2:
				name = fmt.Sprintf("Amended and Restated %d %s", y, pt)
			case 3:
				name = fmt.Sprintf("%s %s", is.Short, pt)
			default:
				name = fmt.Sprintf("%d %s", y, pt)
			}
			if contains(plans, name) {
				continue
			}
			plans = append(plans, name)
			m := int64(50+r.IntN(4000)) * 1000
			if chance(r, 0.3) {
				m += int64(r.IntN(1000))
			}
			n += m
			parts = append(parts, fmt.Sprintf("%s shares issuable under the %s", commas(m), name))
			rows = append(rows, []string{name, commas(m)})
		}
		if len(plans) == 1 {
			thing = fmt.Sprintf("%s shares of the Company’s %s (the %s), issuable pursuant to the %s (the %s)", commas(n), securities, q("Shares"), plans[0], q("Plan"))
		} else if chance(r, 0.4) {
			// Many S-8 opinions list the plans in a table.
			thing = fmt.Sprintf("an aggregate of %s shares of the Company’s %s (the %s), issuable under the plans of the Company listed in the table below (collectively, the %s)", commas(n), securities, q("Shares"), q("Plans"))
			rows = append([][]string{{"Plan", "Number of Shares"}}, append(rows, []string{"Total", commas(n)})...)
			table = &block{Kind: bTable, Rows: rows}
		} else {
			var ps []string
			for j, p := range parts {
				ps = append(ps, fmt.Sprintf("(%s) %s", roman(j+1), p))
			}
			thing = fmt.Sprintf("an aggregate of %s shares of the Company’s %s (the %s), consisting of %s (collectively, the %s)", commas(n), securities, q("Shares"), joinAnd(ps), q("Plans"))
		}
		planRef := "the Plan"
		if len(plans) > 1 {
			planRef = "the Plans"
		}
		opinions = []string{fmt.Sprintf("the Shares have been duly authorized and, when issued and delivered in accordance with the terms of %s and the applicable award agreements, against payment therefor, will be validly issued, fully paid and %s.", planRef, nonassess(r))}
		reSub = "Registration Statement on Form S-8"
	case kindShelf:
		if s.Local {
			thing = fmt.Sprintf("the offering from time to time, as set forth in the Registration Statement and one or more supplements to the prospectus contained therein, of shares of the Company’s %s (the %s) and shares of the Company’s preferred stock (the %s and, together with the Common Stock, the %s), including shares issuable upon conversion or exercise of other securities registered thereunder", securities, q("Common Stock"), q("Preferred Stock"), q("Securities"))
			defined = "Securities"
			opinions = shelfOpinions(r, s)[:2]
			reSub = "Registration Statement on Form " + s.Form
			break
		}
		thing = fmt.Sprintf("the offering from time to time, as set forth in the Registration Statement, the prospectus contained therein (the %s) and one or more supplements to the Prospectus, of (i) shares of the Company’s %s (the %s), (ii) shares of the Company’s preferred stock (the %s), (iii) debt securities of the Company (the %s), (iv) warrants to purchase Common Stock, Preferred Stock or Debt Securities (the %s) and (v) units consisting of one or more of the foregoing (the %s and, collectively, the %s)",
			q("Prospectus"), securities, q("Common Stock"), q("Preferred Stock"), q("Debt Securities"), q("Warrants"), q("Units"), q("Securities"))
		if chance(r, 0.5) {
			thing += fmt.Sprintf(", having an aggregate initial offering price of up to $%s", commas(int64(50+r.IntN(950))*1000000))
		}
		defined = "Securities"
		debt = true
		opinions = shelfOpinions(r, s)
		reSub = "Registration Statement on Form S-3"
	case kindResale:
		a := int64(500+r.IntN(20000)) * 1000
		b := int64(0)
		if chance(r, 0.5) {
			b = int64(100+r.IntN(5000)) * 1000
		}
		n = a + b
		if b > 0 {
			thing = fmt.Sprintf("the resale by the selling stockholders named in the Registration Statement of up to %s shares of the Company’s %s (the %s), consisting of %s outstanding shares (the %s) and %s shares issuable upon the exercise of outstanding warrants (the %s)",
				commas(n), securities, q("Shares"), commas(a), q("Outstanding Shares"), commas(b), q("Warrant Shares"))
			opinions = []string{
				fmt.Sprintf("the Outstanding Shares have been duly authorized and are validly issued, fully paid and %s.", nonassess(r)),
				fmt.Sprintf("the Warrant Shares have been duly authorized and, when issued and paid for upon exercise of the warrants in accordance with their terms, will be validly issued, fully paid and %s.", nonassess(r)),
			}
		} else {
			thing = fmt.Sprintf("the resale from time to time by the selling stockholders named therein of up to %s shares of the Company’s %s (the %s)", commas(n), securities, q("Shares"))
			opinions = []string{fmt.Sprintf("the Shares have been duly authorized and are validly issued, fully paid and %s.", nonassess(r))}
		}
		reSub = "Registration Statement on Form S-3"
	case kindIPO:
		base := int64(1000+r.IntN(20000)) * 1000
		opt := base * 15 / 100
		n = base + opt
		thing = fmt.Sprintf("up to %s shares of the Company’s %s (the %s), including %s shares that the underwriters have the option to purchase", commas(n), securities, q("Shares"), commas(opt))
		opinions = []string{fmt.Sprintf("the Shares have been duly authorized and, when issued and sold by the Company and delivered against payment therefor in the manner described in the Registration Statement and the underwriting agreement, will be validly issued, fully paid and %s.", nonassess(r))}
		reSub = "Registration Statement on Form S-1"
	case kindUnits:
		base := int64(10+r.IntN(40)) * 1000000
		opt := base * 15 / 100
		n = base + opt
		thing = fmt.Sprintf("%s units of the Company (the %s), including %s Units subject to the underwriters’ over-allotment option, each Unit consisting of one share of Class A common stock, par value $0.0001 per share (the %s), and one-half of one redeemable warrant, each whole warrant entitling the holder to purchase one share of Class A Common Stock at $11.50 per share (the %s)",
			commas(n), q("Units"), commas(opt), q("Class A Common Stock"), q("Warrants"))
		defined = "Units"
		debt = true
		opinions = []string{
			fmt.Sprintf("the Units, when issued in the manner described in the Registration Statement, will constitute valid and legally binding obligations of the Company, enforceable against the Company in accordance with their terms."),
			fmt.Sprintf("the shares of Class A Common Stock included in the Units, when issued against payment therefor, will be validly issued, fully paid and %s.", nonassess(r)),
			"the Warrants included in the Units, when issued as contemplated by the Registration Statement and the warrant agreement, will constitute valid and legally binding obligations of the Company, enforceable against the Company in accordance with their terms.",
		}
		reSub = "Registration Statement on Form S-1"
	case kindForeign:
		f := is.Foreign
		par := "par value " + f.Par + " per share"
		if f.Par == "no par value" {
			par = "of no par value"
		}
		ads := chance(r, 0.5)
		adsText := ""
		if ads {
			adsText = fmt.Sprintf(", which may be represented by American Depositary Shares (the %s)", q("ADSs"))
		}
		if chance(r, 0.5) {
			thing = fmt.Sprintf("%s of the Company, %s (the %s)%s, to be offered from time to time in one or more offerings as described in the Registration Statement", f.ShareWord, par, q("Shares"), adsText)
			opinions = []string{
				fmt.Sprintf("the Company is duly incorporated and validly existing under %s.", f.LawPhrase),
				fmt.Sprintf("when the issue of the Shares has been duly authorized by the board of directors of the Company and the Shares have been issued and paid for as contemplated by the Registration Statement, the Shares will be validly issued, fully paid and %s.", nonassess(r)),
			}
		} else {
			n = int64(1000+r.IntN(60000)) * 1000
			thing = fmt.Sprintf("up to %s %s of the Company, %s (the %s)%s, to be offered and sold by the selling shareholders named in the Registration Statement", commas(n), f.ShareWord, par, q("Shares"), adsText)
			opinions = []string{
				fmt.Sprintf("the Company is duly incorporated and validly existing under %s.", f.LawPhrase),
				fmt.Sprintf("the Shares have been duly authorized and validly issued and are fully paid and %s.", nonassess(r)),
			}
		}
		reSub = "Registration Statement on Form F-3"
	case kindMerger:
		n = int64(2000+r.IntN(90000))*1000 + int64(r.IntN(1000))
		target := newIssuer(uint64(s.I), r.IntN(issuerPool/10)*10)
		subName := is.Short + " Merger Sub, Inc."
		thing = fmt.Sprintf("up to %s shares of the Company’s %s (the %s) to be issued in connection with the merger contemplated by the Agreement and Plan of Merger, dated as of %s (the %s), by and among the Company, %s, a wholly owned subsidiary of the Company, and %s",
			commas(n), securities, q("Shares"), longDate(s.Date.AddDate(0, -1-r.IntN(3), -r.IntN(20))), q("Merger Agreement"), subName, target.Name)
		opinions = []string{fmt.Sprintf("the Shares have been duly authorized and, when issued in accordance with the terms of the Merger Agreement, will be validly issued, fully paid and %s.", nonassess(r))}
		reSub = "Registration Statement on Form S-4"
	case kindExchange, kindDebtDown:
		rate := fmt.Sprintf("%d.%03d%%", 2+r.IntN(8), r.IntN(8)*125)
		due := s.Year + 5 + r.IntN(26)
		dk := pick(r, debtKinds)
		amt := commas(int64(100+r.IntN(40)*25) * 1000000)
		trustee := pick(r, surnames) + pick(r, []string{" Trust Company, N.A.", " National Bank", " Bank & Trust Company"})
		debt = true
		if s.Kind == kindExchange {
			thing = fmt.Sprintf("$%s aggregate principal amount of the Company’s %s %s due %d (the %s), to be offered in exchange for a like principal amount of its outstanding %s %s due %d (the %s), and the guarantees of the Exchange Notes (the %s) by the subsidiaries of the Company named in the Registration Statement (the %s)",
				amt, rate, dk, due, q("Exchange Notes"), rate, dk, due, q("Original Notes"), q("Guarantees"), q("Guarantors"))
			defined = "Exchange Notes"
			opinions = []string{
				fmt.Sprintf("the Exchange Notes, when duly executed and authenticated in accordance with the Indenture, dated as of %s, among the Company, the Guarantors and %s, as trustee (the %s), and issued in exchange for the Original Notes, will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms.", longDate(s.Date.AddDate(0, -4, 0)), trustee, q("Indenture")),
				"the Guarantees, when the Exchange Notes have been so executed, authenticated and issued, will constitute valid and binding obligations of the Guarantors, enforceable against the Guarantors in accordance with their terms.",
			}
			reSub = "Registration Statement on Form S-4"
		} else {
			thing = fmt.Sprintf("the issuance and sale by the Company of $%s aggregate principal amount of its %s %s due %d (the %s) under the Indenture, dated as of %s (the %s), between the Company and %s, as trustee, as supplemented by a supplemental indenture dated as of %s (together, the %s)",
				amt, rate, dk, due, q("Notes"), longDate(s.Date.AddDate(-2-r.IntN(6), 0, 0)), q("Base Indenture"), trustee, longDate(s.Date), q("Indenture"))
			defined = "Notes"
			opinions = []string{"the Notes have been duly authorized and, when executed and authenticated in accordance with the provisions of the Indenture and delivered against payment therefor as contemplated by the underwriting agreement, will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms."}
			reSub = dk + " Due " + fmt.Sprint(due)
		}
	case kindTakedown, kindATM:
		bank := pick(r, surnames) + pick(r, []string{" Securities LLC", " & Co. LLC", " Capital Markets, LLC", " & Company, Inc."})
		if s.Kind == kindATM {
			amt := commas(int64(20+r.IntN(200)) * 1000000)
			thing = fmt.Sprintf("the offer and sale by the Company of shares of its %s having an aggregate offering price of up to $%s (the %s) from time to time through %s, as sales agent, pursuant to an Equity Distribution Agreement dated %s (the %s)", securities, amt, q("Shares"), bank, longDate(s.Date), q("Sales Agreement"))
		} else {
			n = int64(1000+r.IntN(25000)) * 1000
			thing = fmt.Sprintf("the issuance and sale by the Company of %s shares of its %s (the %s), pursuant to the Underwriting Agreement, dated %s (the %s), between the Company and %s, as representative of the several underwriters named therein", commas(n), securities, q("Shares"), longDate(s.Date.AddDate(0, 0, -2)), q("Underwriting Agreement"), bank)
		}
		opinions = []string{fmt.Sprintf("the Shares have been duly authorized and, when issued and delivered against payment therefor as contemplated by the %s, will be validly issued, fully paid and %s.", map[bool]string{true: "Sales Agreement", false: "Underwriting Agreement"}[s.Kind == kindATM], nonassess(r))}
		reSub = "Offering of Common Stock"
	case kindDebtShelf:
		thing = fmt.Sprintf("the offering from time to time of (i) debt securities of the Company (the %s), to be issued under an indenture between the Company and the trustee named therein (the %s), and (ii) guarantees of the Debt Securities (the %s) by the subsidiaries of the Company named in the Registration Statement (the %s)", q("Debt Securities"), q("Indenture"), q("Guarantees"), q("Guarantors"))
		defined = "Debt Securities"
		debt = true
		opinions = []string{
			"when the terms of a particular series of Debt Securities have been duly established in accordance with the Indenture and the Debt Securities have been duly executed, authenticated, issued and delivered against payment therefor, the Debt Securities will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms.",
			"when the Debt Securities have been so issued and the Guarantees have been duly executed and delivered, the Guarantees will constitute valid and binding obligations of the Guarantors, enforceable against the Guarantors in accordance with their terms.",
		}
		reSub = "Registration Statement on Form S-3"
	}
	s.Shares = n
	s.Plans = plans

	// Which law the opinion covers.
	s.lawsFor(r, debt)

	// Re: block.
	if chance(r, 0.8) {
		re := []string{is.Name}
		if chance(r, 0.5) {
			re = []string{reSub}
			if s.Form != "" && !strings.Contains(reSub, "Form") {
				re = append(re, fmt.Sprintf("Registration Statement on Form %s%s", s.Form, fileNo))
			}
		} else {
			re = append(re, reSub)
			if s.Kind != kindPlan && s.Form != "" && !strings.Contains(reSub, "Form") {
				re = append(re, fmt.Sprintf("Registration Statement on Form %s", s.Form))
			}
		}
		if len(plans) > 0 && chance(r, 0.6) {
			re = append(re, plans...)
		}
		s.add(block{Kind: bRe, Lines: re})
	}
	sal := "Ladies and Gentlemen:"
	if s.Year < 2000 && chance(r, 0.3) {
		sal = "Gentlemen:"
	} else if chance(r, 0.1) {
		sal = "Dear Sir or Madam:"
	}
	if intl {
		sal = pick(r, []string{"Dear Sirs", "Dear Sir or Madam", "Ladies and Gentlemen"})
		// The subject line follows the salutation in English-style letters.
		if n := len(s.Parts); s.Parts[n-1].Kind == bRe {
			re := s.Parts[n-1]
			s.Parts[n-1] = block{Kind: bSalutation, Text: sal}
			s.add(re)
		} else {
			s.add(block{Kind: bSalutation, Text: sal})
		}
	} else {
		s.add(block{Kind: bSalutation, Text: sal})
	}

	// Introduction.
	commission := fmt.Sprintf("the Securities and Exchange Commission (the %s)", q("Commission"))
	act33 := fmt.Sprintf("the Securities Act of 1933, as amended (the %s)", actName)
	form := s.Form
	switch {
	case inHouse:
		s.para("I am the %s of %s, %s (the %s), and in that capacity I have acted as counsel to the Company in connection with the filing with %s under %s of a Registration Statement on Form %s%s (the %s) relating to %s.",
			s.Signer.Title, is.Name, is.Entity, q("Company"), commission, act33, form, fileNo, q("Registration Statement"), thing)
	case s.Kind == kindTakedown || s.Kind == kindDebtDown || s.Kind == kindATM:
		s.para("We have acted as counsel to %s, %s (the %s), in connection with %s. The %s are being offered pursuant to the Company’s Registration Statement on Form %s%s (the %s), filed with %s under %s, the prospectus dated %s included therein and the prospectus supplement dated %s filed with the Commission pursuant to Rule 424(b) under the %s.",
			is.Name, is.Entity, q("Company"), thing, defined, form, fileNo, q("Registration Statement"), commission, act33, longDate(s.Date.AddDate(-1, -r.IntN(6), 0)), longDate(s.Date.AddDate(0, 0, -1)), act)
	case s.Kind == kindForeign:
		s.para("We have acted as %s legal advisers to %s, %s (the %s), in connection with the Company’s registration statement on Form %s%s (the %s), filed with %s under %s, relating to %s.",
			is.Foreign.Name, is.Name, is.Entity, q("Company"), form, fileNo, q("Registration Statement"), commission, act33, thing)
	case s.Local:
		s.para("We have acted as special %s counsel to %s, %s (the %s), in connection with the Registration Statement on Form %s%s (the %s) filed by the Company with %s under %s, relating to %s.",
			is.State, is.Name, is.Entity, q("Company"), form, fileNo, q("Registration Statement"), commission, act33, thing)
	default:
		switch r.IntN(5) {
		case 3:
			s.para("You have requested our opinion with respect to certain matters in connection with the filing by %s, %s (the %s), of a Registration Statement on Form %s%s (the %s) with %s under %s, including a related prospectus filed with the Registration Statement, covering %s.",
				is.Name, is.Entity, q("Company"), form, fileNo, q("Registration Statement"), commission, act33, thing)
		case 4:
			s.para("We have examined the Registration Statement on Form %s%s to be filed by %s, %s (the %s), with %s on or about %s (the %s), in connection with the registration under %s of %s.",
				form, fileNo, is.Name, is.Entity, q("Company"), commission, longDate(s.Date), q("Registration Statement"), act33, thing)
		case 0:
			s.para("We have acted as counsel to %s, %s (the %s), in connection with the preparation and filing with %s of a Registration Statement on Form %s%s (the %s) under %s, relating to %s.",
				is.Name, is.Entity, q("Company"), commission, form, fileNo, q("Registration Statement"), act33, thing)
		case 1:
			s.para("We have represented %s, %s (the %s), as special securities counsel in connection with the registration by the Company under %s of %s, pursuant to a Registration Statement on Form %s%s (the %s) filed with %s on or about %s.",
				is.Name, is.Entity, q("Company"), act33, thing, form, fileNo, q("Registration Statement"), commission, longDate(s.Date))
		default:
			s.para("This opinion is furnished to you in connection with the Registration Statement on Form %s%s (the %s) filed by %s, %s (the %s), with %s under %s, for the registration of %s.",
				form, fileNo, q("Registration Statement"), is.Name, is.Entity, q("Company"), commission, act33, thing)
		}
	}
	if table != nil {
		s.add(*table)
	}
	if s.Kind == kindShelf || s.Kind == kindDebtShelf {
		s.para("The Securities are being registered for offering and sale from time to time pursuant to Rule 415 under the %s. The terms of each series or issuance of Securities will be set forth in a supplement to the prospectus included in the Registration Statement.", act)
	}

	// What was examined.
	docs := []string{"the Registration Statement"}
	if is.Bylaws != "" {
		docs = append(docs, fmt.Sprintf("the %s of the Company, as currently in effect", is.Charter), fmt.Sprintf("the %s of the Company, as currently in effect", is.Bylaws))
	} else {
		docs = append(docs, fmt.Sprintf("the %s of the Company, as currently in effect", is.Charter))
	}
	if len(plans) == 1 {
		docs = append(docs, "the Plan")
	} else if len(plans) > 1 {
		docs = append(docs, "the Plans")
	}
	docs = append(docs, "certain resolutions adopted by the Board of Directors of the Company relating to the registration of the "+defined+" and related matters")
	if chance(r, 0.5) {
		var ds []string
		for j, d := range docs {
			ds = append(ds, fmt.Sprintf("(%s) %s", roman(j+1), d))
		}
		s.para("In connection with this opinion, %s %s examined and relied upon %s, and such other records, certificates, agreements and instruments as %s %s deemed necessary or appropriate as a basis for the opinions expressed below.", we, haveWord(we), joinAnd(ds), we, haveWord(we))
	} else {
		s.para("As such counsel, %s %s examined originals or copies, certified or otherwise identified to %s satisfaction, of %s, and such other corporate records, agreements, documents and instruments, and certificates or comparable documents of public officials and of officers and representatives of the Company, and %s %s made such inquiries of such officers and representatives, as %s %s deemed relevant and necessary as a basis for the opinions hereinafter set forth.",
			we, haveWord(we), our, joinAnd(docs), we, haveWord(we), we, haveWord(we))
	}
	s.para("In such examination, %s %s assumed the genuineness of all signatures, the legal capacity of all natural persons, the authenticity of all documents submitted to %s as originals, the conformity to original documents of all documents submitted to %s as certified, conformed, facsimile or photostatic copies and the authenticity of the originals of such latter documents. As to all questions of fact material to this opinion that have not been independently established, %s %s relied upon certificates or comparable documents of officers and representatives of the Company and of public officials.",
		we, haveWord(we), us, us, we, haveWord(we))
	if chance(r, 0.5) {
		s.para("%s %s also assumed that, at the time of issuance of any %s, the Company will have a sufficient number of authorized but unissued shares available for issuance, that the Registration Statement will have become effective under the %s and that no stop order suspending its effectiveness will have been issued and remain in effect.", We, haveWord(we), defined, act)
	}
	if chance(r, 0.35) {
		s.para("This opinion letter is delivered in accordance with the requirements of Item 601(b)(5) of Regulation S-K under the %s, and no opinion is expressed herein as to any matter pertaining to the contents of the Registration Statement or the prospectus, other than as expressly stated herein with respect to the %s.", act, defined)
	}

	// The opinions.
	lead := pick(r, []string{
		"Based upon and subject to the foregoing, %s %s of the opinion that",
		"Based on the foregoing, and subject to the assumptions, qualifications and limitations set forth herein, %s %s of the opinion that",
		"On the basis of the foregoing, %s %s of the opinion as of the date hereof that",
		"Subject to the foregoing and the other matters set forth herein, it is %s opinion that",
	})
	if strings.Contains(lead, "it is %s opinion") {
		lead = fmt.Sprintf(lead, our)
	} else {
		lead = fmt.Sprintf(lead, we, beWord(we))
	}
	asOf := ", as of the date hereof"
	if strings.Contains(lead, "date hereof") || chance(r, 0.4) {
		asOf = ""
	}
	if len(opinions) == 1 {
		if asOf != "" {
			asOf += ","
		}
		s.para("%s%s %s", lead, asOf, opinions[0])
	} else {
		s.para("%s%s:", lead, asOf)
		items := make([]string, len(opinions))
		for j, o := range opinions {
			items[j] = strings.ToUpper(o[:1]) + o[1:]
		}
		s.add(block{Kind: bList, Items: items})
	}

	if debt {
		s.para("The opinions set forth above as to enforceability are subject to (i) the effect of applicable bankruptcy, insolvency, reorganization, fraudulent conveyance or transfer, moratorium or other similar laws now or hereafter in effect relating to or affecting the rights and remedies of creditors generally, (ii) the effect of general principles of equity, whether enforcement is considered in a proceeding in equity or at law, and the discretion of the court before which any proceeding therefor may be brought, and (iii) the unenforceability under certain circumstances of provisions providing for indemnification of or contribution to a party with respect to a liability where such indemnification or contribution is contrary to public policy.")
		if chance(r, 0.5) {
			s.para("%s express no opinion as to the validity, binding effect or enforceability of any provision that purports to waive rights to notice, defenses, stay or extension laws, or to confer subject matter jurisdiction on any court, or as to any provision requiring the payment of interest on interest.", We)
		}
	}

	// Limitation to the laws covered.
	bar := ""
	if inHouse {
		bar = pick(r, usPlaces).State
	} else if s.Firm.Foreign == nil {
		bar = s.Firm.Place.State
	}
	lim := r.IntN(3)
	if bar != "" && bar != "District of Columbia" && chance(r, 0.3) {
		lim = 3
	}
	switch lim {
	case 3:
		// Where counsel is admitted is not what the opinion covers.
		s.para("%s %s of the bar of the State of %s, and %s do not purport to be experts on, or to express any opinion herein concerning, any law other than %s.",
			We, map[bool]string{true: "am a member", false: "are members"}[inHouse], bar, we, s.Laws)
	case 0:
		s.para("The opinions expressed herein are limited to %s, and %s express no opinion as to the effect of the laws of any other jurisdiction.", s.Laws, we)
	case 1:
		s.para("%s express no opinion herein as to the law of any state or jurisdiction other than %s.", We, s.Laws)
	default:
		s.para("The law covered by the opinions expressed above is limited to %s.", s.Laws)
	}
	if chance(r, 0.3) {
		s.para("This opinion is limited to the matters expressly stated herein, and no opinion is implied or may be inferred beyond the matters expressly stated. %s opinion is rendered as of the date hereof, and %s assume no obligation to advise you of facts, circumstances, events or developments that may hereafter come to %s attention or of changes in law that may hereafter occur.", Our, we, our)
	}

	// Consent.
	what := fmt.Sprintf("as Exhibit %s to the Registration Statement", s.Exhibit)
	if s.FilingForm == "8-K" {
		what = fmt.Sprintf("as Exhibit %s to the Company’s Current Report on Form 8-K filed with the Commission on the date hereof and to its incorporation by reference into the Registration Statement", s.Exhibit)
	}
	ref := ""
	if s.Kind != kindPlan {
		ref = fmt.Sprintf(" and to the reference to %s under the caption %s in the prospectus", map[bool]string{true: "me", false: "our firm"}[inHouse], q(pick(r, []string{"Legal Matters", "Validity of the Securities", "Validity of Securities"})))
	}
	s.para("%s hereby consent to the filing of this opinion %s%s. In giving this consent, %s do not thereby admit that %s %s within the category of persons whose consent is required under Section 7 of the %s or the rules and regulations of the Commission thereunder.",
		We, what, ref, we, we, map[bool]string{true: "am", false: "are"}[inHouse], act)

	closing := pick(r, []string{"Very truly yours,", "Very truly yours,", "Sincerely,", "Respectfully submitted,", "Yours truly,"})
	if intl {
		closing = pick(r, []string{"Yours faithfully,", "Yours faithfully", "Yours sincerely,"})
	}
	s.add(block{Kind: bClosing, Text: closing})
	var sig []string
	if inHouse {
		sig = []string{"/s/ " + s.Signer.Name, s.Signer.Name, s.Signer.Title}
	} else {
		sig = []string{"/s/ " + s.FirmName}
		if chance(r, 0.5) {
			sig = append(sig, strings.ToUpper(s.FirmName))
		}
		if s.Signer.Name != "" {
			sig = append(sig, "By: /s/ "+s.Signer.Name)
			if s.Signer.Title != "" {
				sig = append(sig, s.Signer.Name+", "+s.Signer.Title)
			}
		}
	}
	s.add(block{Kind: bSignature, Lines: sig})
	if (s.Kind == kindExchange || s.Kind == kindDebtShelf) && chance(r, 0.5) {
		// The guarantors' schedule names other states: not laws the opinion covers.
		s.add(block{Kind: bPara, Text: pick(r, []string{"Schedule A", "Annex A", "SCHEDULE I"})})
		g := [][]string{{"Guarantor", "Jurisdiction of Organization"}}
		for _, suf := range []string{"Holdings LLC", "Operating Company, LLC", "Finance Corp.", "Services, Inc.", "International, Inc.", "Properties LLC"}[:2+r.IntN(4)] {
			g = append(g, []string{is.Short + " " + suf, pick(r, incStates)})
		}
		s.add(block{Kind: bTable, Rows: g})
	}
	if s.Year < 2003 && chance(r, 0.4) {
		s.add(block{Kind: bInitials, Lines: []string{strings.ToUpper(initialsOf(r)) + "/" + strings.ToLower(initialsOf(r)[:2])}})
	}

	// A page break after about half the paragraphs: real letters run to
	// two or three pages with a running header on each.
	if chance(r, 0.6) {
		mid := len(s.Parts) / 2
		for mid < len(s.Parts) && s.Parts[mid].Kind != bPara {
			mid++
		}
		if mid < len(s.Parts) {
			hdr := []string{is.Name, s.Parts[dateAt].Text, "Page 2"}
			if chance(r, 0.5) {
				hdr = []string{is.Name, "Page 2"}
			}
			pb := block{Kind: bPageBreak, Lines: hdr}
			s.Parts = append(s.Parts[:mid], append([]block{pb}, s.Parts[mid:]...)...)
		}
	}
}

// lawsFor picks the bodies of law the opinion is limited to and the phrase
// that says so; s.Juris is the label.
func (s *spec) lawsFor(r *rand.Rand, debt bool) {
	is := s.Issuer
	if is.Foreign != nil {
		s.Juris = []string{is.Foreign.Name}
		s.Laws = is.Foreign.LawPhrase
		if strings.Contains(is.Foreign.LawPhrase, "Canada") {
			s.Juris = []string{is.Foreign.Name, "Canada"}
		}
		return
	}
	st := is.State
	law, ok := corpLaw[st]
	if !ok {
		law = "the laws of the State of " + st
	}
	if chance(r, 0.3) {
		law = "the laws of the State of " + st
		if st == "Massachusetts" || st == "Pennsylvania" || st == "Virginia" {
			law = "the laws of the Commonwealth of " + st
		}
	}
	if st == "Delaware" {
		switch r.IntN(5) {
		case 0:
			law = "the Delaware General Corporation Law"
		case 1:
			law = "the General Corporation Law of the State of Delaware, including the statutory provisions, all applicable provisions of the Delaware Constitution and reported judicial decisions interpreting the foregoing"
		}
	}
	federal := pick(r, []string{"the federal laws of the United States", "the federal laws of the United States of America", "the laws of the United States of America"})
	switch {
	case s.Local:
		s.Juris = []string{st}
		s.Laws = law
	case debt && st != "New York":
		s.Juris = []string{"New York", st}
		s.Laws = "the laws of the State of New York and " + law
		if chance(r, 0.3) {
			s.Juris = []string{"United States", "New York", st}
			s.Laws = federal + ", the laws of the State of New York and " + law
		}
	case debt:
		s.Juris = []string{"New York"}
		s.Laws = "the laws of the State of New York"
	case chance(r, 0.25):
		s.Juris = []string{"United States", st}
		s.Laws = federal + " and " + law
	default:
		s.Juris = []string{st}
		s.Laws = law
	}
}

// composeLocal writes the local-counsel letter of a two-opinion filing.
func composeLocal(r *rand.Rand, s *spec) { compose(r, s) }

func shelfOpinions(r *rand.Rand, s *spec) []string {
	na := nonassess(r)
	return []string{
		fmt.Sprintf("With respect to shares of Common Stock, when (a) the Board of Directors of the Company has taken all necessary corporate action to approve the issuance and the terms of the offering thereof, and (b) such shares have been issued and delivered against payment of the consideration therefor (not less than the par value of the Common Stock) as provided in the applicable definitive purchase, underwriting or similar agreement, such shares of Common Stock will be validly issued, fully paid and %s.", na),
		fmt.Sprintf("With respect to shares of any series of Preferred Stock, when (a) the Board of Directors has adopted resolutions establishing the designations, preferences and rights of such series and a certificate of designation relating thereto has been duly filed with the Secretary of State of the State of %s, and (b) such shares have been issued and delivered against payment therefor, such shares of Preferred Stock will be validly issued, fully paid and %s.", s.Issuer.State, na),
		"With respect to any Debt Securities, when the Indenture and any supplemental indenture have been duly authorized, executed and delivered by the Company and the trustee, and the Debt Securities have been duly established, executed, authenticated and delivered in accordance with the Indenture against payment therefor, the Debt Securities will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms.",
		"With respect to any Warrants, when the warrant agreement relating thereto has been duly authorized, executed and delivered and the Warrants have been duly executed, issued and delivered in accordance therewith against payment therefor, the Warrants will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms.",
		"With respect to any Units, when the unit agreement relating thereto has been duly authorized, executed and delivered and the Units have been duly executed and delivered in accordance therewith, the Units will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms.",
	}
}

func nonassess(r *rand.Rand) string {
	return pick(r, []string{"nonassessable", "nonassessable", "non-assessable"})
}

func haveWord(we string) string { return "have" }

func beWord(we string) string {
	if we == "I" {
		return "am"
	}
	return "are"
}

func initialsOf(r *rand.Rand) string {
	return string(rune('A'+r.IntN(26))) + string(rune('A'+r.IntN(26))) + string(rune('A'+r.IntN(26)))
}

func roman(n int) string {
	return []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}[n]
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	case 2:
		return xs[0] + " and " + xs[1]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
