package extract

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// The snippets below are written for these tests: each is the phrasing of
// one kind of real letter, not a copy of one.

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// letterText assembles a letter from blocks, as the text contract has it.
func letterText(blocks ...string) string { return strings.Join(blocks, "\n\n") + "\n" }

const salut = "Ladies and Gentlemen:"

func TestDate(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, text, want string
	}{
		{"date line", letterText("Exhibit 5.1", "March 3, 1997", "Acme Corp.\n1 Main Street\nDallas, Texas 75201", salut,
			"We have acted as counsel to Acme Corp. in connection with the Registration Statement filed on February 28, 1997."), "1997-03-03"},
		{"city and date", letterText("Zurich, 8 June 2023", "To Foo AG", salut, "We have acted as Swiss counsel to Foo AG, dated as of May 1, 2020."), "2023-06-08"},
		{"abbreviated month", letterText("Sept. 2, 2003", salut, "We have acted as counsel."), "2003-09-02"},
		{"ordinal day", letterText("LAW OFFICES", "December 23rd, 1996", salut, "We have acted as counsel."), "1996-12-23"},
		{"in letterhead row", letterText("885 Third Avenue\tNew York", "November 15, 2019\tBeijing Boston", "Apple Inc.", salut, "We have acted."), "2019-11-15"},
		{"date with address in one block", letterText("Exhibit 5.1", "June 27, 2025 GCM Inc. 900 North Michigan Avenue", "Re: Form S-3", salut, "We."), "2025-06-27"},
		{"upper case", letterText("JANUARY 5, 2001", salut, "We."), "2001-01-05"},
		{"numeric", letterText("Exhibit 5", "12/23/96", salut, "We have acted as counsel."), "1996-12-23"},
		{"dated by the signature", letterText("Gentlemen:",
			"We have acted as counsel to the Company in connection with the Indenture dated as of May 1, 1999 and the offering of its shares of Common Stock, and we have examined such documents as we have deemed necessary for the purposes of this opinion.",
			"Very truly yours,", "/s/ Smith & Jones", "Dated: June 1, 1999"), "1999-06-01"},
		{"none", letterText("Exhibit 5", salut, "We have acted as counsel."), ""},
		{"undated draft", letterText("Exhibit 5.1", "[●], 2004", salut, "We have acted as counsel in connection with the registration statement filed on January 5, 2004."), ""},
		{"blank day", letterText("Exhibit 5.1", "March __, 2004", salut, "We have acted as counsel in connection with the registration statement filed on January 5, 2004."), ""},
		{"day first in figures", letterText("Exhibit 5.1", "Basel, 3.3.2004", "To Rhein AG", salut, "We have acted as Swiss counsel."), "2004-03-03"},
		{"ISO date line", letterText("Exhibit 5.1", "2004-03-17", salut, "We have acted as counsel."), "2004-03-17"},
		{"date in the Re: line above the date line", letterText("Exhibit 5.1", "Re: Amendment No. 1 to Registration Statement on Form S-3 filed February 27, 2015", "March 9, 2015", salut, "We have acted as counsel."), "2015-03-09"},
		{"only a subject date", letterText("Exhibit 5.1", "Re: Registration Statement on Form S-8 filed on June 2, 2004", salut, "We have acted as counsel."), "2004-06-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Extract(tt.text).Date; got != tt.want {
				t.Errorf("Date = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIssuerAndState(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, para, issuer, state string
	}{
		{"classic", `We have acted as counsel to Acme Widgets, Inc., a Delaware corporation (the "Company"), in connection with the Registration Statement.`, "Acme Widgets, Inc.", "Delaware"},
		{"curly quotes, no comma", "We refer to the Registration Statement to be filed by Blue Sky Holdings Corp. a Nevada corporation (the \u201cCompany\u201d), relating to the offering.", "Blue Sky Holdings Corp.", "Nevada"},
		{"no quotes", "We have acted as special Swiss counsel to Alpine Therapeutics SA, a stock corporation incorporated under the laws of Switzerland (the Company), in connection with the filing.", "Alpine Therapeutics SA", "Switzerland"},
		{"formerly known as", `This opinion is furnished in connection with the Registration Statement filed by Northwind Bio, Inc. (f/k/a Southwind Bio, Inc.), a Delaware corporation (the "Company") with the Commission.`, "Northwind Bio, Inc.", "Delaware"},
		{"registrant", `We have acted as counsel for Pacific Gas Holdings, an Oregon corporation (the "Registrant"), in connection with its registration statement.`, "Pacific Gas Holdings", "Oregon"},
		{"hereinafter", `We have acted as counsel to Lakeside Bancorp, Inc., a Wisconsin corporation (hereinafter referred to as the "Company"), in connection with the filing.`, "Lakeside Bancorp, Inc.", "Wisconsin"},
		{"no description", `We have acted as counsel to Dragon Energy Corp. (the "Company"), in connection with its filing of a shelf registration statement.`, "Dragon Energy Corp.", ""},
		{"title before the company", `As Senior Vice President, General Counsel and Secretary of Piedmont Gas Corporation, a North Carolina corporation (the "Company"), I have acted as counsel to the Company in connection with the Registration Statement.`, "Piedmont Gas Corporation", "North Carolina"},
		{"company of", `In connection with the registration of up to $300,000,000 of securities including common stock, no par value (the "Common Stock"), of Island Financial Corp., a Hawaii corporation (the "Company"), I have examined such records.`, "Island Financial Corp.", "Hawaii"},
		{"in-house", `I am the General Counsel of Great Lakes Steel Company, an Ohio corporation (the "Company"), and have acted as counsel to the Company in connection with the Registration Statement.`, "Great Lakes Steel Company", "Ohio"},
		{"parenthetical in name", `We have acted as Texas counsel to Northstar (Tax & Audit) Inc., a Texas corporation (the "Company"), in connection with the filing.`, "Northstar (Tax & Audit) Inc.", "Texas"},
		{"counsel to, other defined term", `We have acted as special United States counsel to Helvetia Bank AG, a corporation organized under the laws of, and duly licensed as a bank in, Switzerland ("Helvetia"), in connection with the filing.`, "Helvetia Bank AG", "Switzerland"},
		{"counsel for, foreign", `We have acted as counsel for Maple Leaf Corporation, a corporation organized under the laws of Ontario, Canada ("MLC") and Maple Finance LLC, a Delaware limited liability company, in connection with the filing.`, "Maple Leaf Corporation", "Ontario"},
		{"cayman", `We have acted as Cayman Islands counsel to Lotus Tech Holdings Limited, an exempted company incorporated with limited liability in the Cayman Islands (the "Company"), in connection with its registration statement.`, "Lotus Tech Holdings Limited", "Cayman Islands"},
		{"trust", `We have acted as Maryland counsel to Harbor Realty Trust, a Maryland real estate investment trust (the "Trust"), in connection with certain matters of Maryland law.`, "Harbor Realty Trust", "Maryland"},
		{"company before trustee bank", `We have acted as counsel to Bank of the Ozarks Holding Corp., an Arkansas corporation (the "Company"), and The First National Bank (the "Bank"), as trustee.`, "Bank of the Ozarks Holding Corp.", "Arkansas"},
		{"company defined after trust", `The Bank of New York Mellon (the "Bank") will act as trustee for Riverbend Capital, Inc., a Virginia corporation (the "Company").`, "Riverbend Capital, Inc.", "Virginia"},
		{"short name or the Company", `We have acted as counsel to Harborview Systems Corporation, a Washington corporation ("Harborview" or the "Company"), in connection with the filing.`, "Harborview Systems Corporation", "Washington"},
		{"lower-case brand", `We have acted as counsel for eBay Inc., a Delaware corporation (the "Company"), in connection with the preparation of the registration statement.`, "eBay Inc.", "Delaware"},
		{"adjective state", `We have acted as Israeli counsel to Galil Medical Ltd., an Israeli company (the "Company"), in connection with its registration statement on Form F-1.`, "Galil Medical Ltd.", "Israel"},
		{"all caps name", `We have acted as counsel to ZEPHYR MINING CORP., a Nevada corporation (the "Company"), in connection with its registration statement.`, "ZEPHYR MINING CORP.", "Nevada"},
		{"delaware LLC", `We have acted as counsel to Orion Midstream Partners, L.P., a Delaware limited partnership (the "Partnership"), in connection with the registration of common units.`, "Orion Midstream Partners, L.P.", "Delaware"},
		{"the Company, then its name", `We have acted as counsel to the Company, Beta Gamma Corp., a Delaware corporation, in connection with the filing.`, "Beta Gamma Corp.", "Delaware"},
		{"plans of the company", `We have acted as counsel in connection with shares issuable under the 1994 Stock Option Plan and the 1999 Employee Stock Purchase Plan of Tahoe Optical Systems, Inc., a Delaware corporation (the "Company").`, "Tahoe Optical Systems, Inc.", "Delaware"},
		{"legal department of", `We, the Legal Department of Crane Valley Foods, Inc., an Iowa corporation (the "Company"), have acted as counsel.`, "Crane Valley Foods, Inc.", "Iowa"},
		{"registration statement of", `At your request, we have examined the Registration Statement on Form S-3 of Chesapeake Data Corp., a Virginia corporation (the "Company"), relating to the resale of shares.`, "Chesapeake Data Corp.", "Virginia"},
		{"formerly known as", `We have acted as counsel for Blue Ridge Genomics Corporation, formerly known as Piedmont Assays, Inc., a North Carolina corporation (the "Company"), in connection with the filing.`, "Blue Ridge Genomics Corporation", "North Carolina"},
		{"title with a department", `I am Vice President, Law of Cobalt Ridge Mining Corp., a Nevada corporation (the "Company"), and have acted as counsel to the Company in connection with the Registration Statement.`, "Cobalt Ridge Mining Corp.", "Nevada"},
		{"title, then a bank of", `I am Executive Vice President and General Counsel, Bank of the Prairie, an Illinois banking corporation (the "Company"), and have acted as counsel in connection with the filing.`, "Bank of the Prairie", "Illinois"},
		{"counsel, department", `I am Senior Counsel, Finance of Harbor Line Freight, Inc., a Maine corporation (the "Company"), and I have acted as counsel in connection with the filing.`, "Harbor Line Freight, Inc.", "Maine"},
		{"counsel, dash, department", "I am Associate General Counsel – Securities of Tall Grass Energy, Inc., a Kansas corporation (the \"Company\"), and have acted as counsel in connection with the filing.", "Tall Grass Energy, Inc.", "Kansas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(letterText("Exhibit 5.1", "May 1, 2020", salut, tt.para, "Very truly yours,", "/s/ Smith & Jones LLP"))
			if m.Issuer != tt.issuer || m.IssuerState != tt.state {
				t.Errorf("Issuer, IssuerState = %q, %q; want %q, %q", m.Issuer, m.IssuerState, tt.issuer, tt.state)
			}
		})
	}
}

func TestIssuerFromReLine(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("April 2, 1998", "Board of Directors\nZeta Systems, Inc.\n12 Elm St.\nBoston, MA", "Re: Zeta Systems, Inc. Registration Statement on Form S-8", salut,
		"We have acted as counsel to you in connection with the preparation and filing of the registration statement on Form S-8 covering shares of your common stock."))
	if m.Issuer != "Zeta Systems, Inc." {
		t.Errorf("Issuer = %q", m.Issuer)
	}
}

func TestIssuerFromReLineAfterForm(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("April 2, 1998", "Re: Registration Statement on Form S-8 of Kappa Devices Corp.", salut,
		"We have acted as counsel to you in connection with the registration statement covering shares of your common stock."))
	if m.Issuer != "Kappa Devices Corp." {
		t.Errorf("Issuer = %q", m.Issuer)
	}
}

func TestForms(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, para string
		want       []string
	}{
		{"S-8", "the Registration Statement on Form S-8 to be filed", []string{"S-8"}},
		{"amendment", "Amendment No. 2 to the Registration Statement on Form S-1/A", []string{"S-1"}},
		{"two forms", "a Registration Statement on Forms F-10 and F-3 (the Registration Statement)", []string{"F-10", "F-3"}},
		{"8-K takedown", "pursuant to a registration statement on Form S-3 (File No. 333-228159). We consent to the filing of this opinion as an exhibit to the Company's Current Report on Form 8-K", []string{"S-3"}},
		{"ASR as written", "an automatic shelf registration statement on Form S-3ASR", []string{"S-3ASR"}},
		{"SB-2", "the Registration Statement on Form SB-2", []string{"SB-2"}},
		{"Form 10 not 10-K", "the Company's Annual Report on Form 10-K and its registration statement on Form 10", []string{"10"}},
		{"post-effective", "Post-Effective Amendment No. 1 on Form S-8 to the Registration Statement on Form S-4", []string{"S-8", "S-4"}},
		{"en dash", "Registration Statement on Form S\u20113", []string{"S-3"}},
		{"N-2", "the registration statement on Form N-2", []string{"N-2"}},
		{"lower and upper case", "the registration statement on form S-8 and the FORM S-3", []string{"S-8", "S-3"}},
		{"amendment to one form on another", "Post-Effective Amendment No. 2 to Form S-1 on Form S-3 (File No. 333-211111)", []string{"S-3", "S-1"}},
		{"none", "a registration statement", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(letterText("May 1, 2020", salut, "We have acted as counsel in connection with "+tt.para+"."))
			if !reflect.DeepEqual(m.Forms, tt.want) {
				t.Errorf("Forms = %q, want %q", m.Forms, tt.want)
			}
		})
	}
}

func TestRegistrationNo(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct{ para, want string }{
		{"its registration statement on Form S-1 (File No. 333-256367)", "333-256367"},
		{"Registration Statement No. 333-228159 - Issuance of Notes", "333-228159"},
		{"Registration Nos. 333-285907, 333-285927 and 333-285927-01", "333-285907"},
		{"Registration Statement on Form S-8 (Registration No. 33-98765)", "33-98765"},
		{"a registration statement on Form S-3", ""},
	}
	for _, tt := range tests {
		m := e.Extract(letterText("May 1, 2020", salut, "We have acted as counsel in connection with "+tt.para+"."))
		if m.RegistrationNo != tt.want {
			t.Errorf("%q: RegistrationNo = %q, want %q", tt.para, m.RegistrationNo, tt.want)
		}
	}
}

func TestShares(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, para string
		want       int64
	}{
		{"plain", `in connection with the registration of 750,000 shares (the "Shares") of its Common Stock, without par value.`, 750000},
		{"aggregate first", `relating to the registration for resale of up to an aggregate of 2,666,666 shares of the Company's common stock, which includes (i) up to 1,333,333 shares issuable upon exercise of warrants and (ii) up to 1,333,333 shares issuable upon exercise of other warrants.`, 2666666},
		{"enumeration summed", `relating to the registration of (i) 1,500,000 shares of Common Stock issuable under the 2020 Equity Incentive Plan and (ii) 500,000 shares of Common Stock issuable under the 2020 Employee Stock Purchase Plan.`, 2000000},
		{"two plans, amounts joined", `relating to the registration of 3,000,000 shares of Common Stock issuable under the 2020 Equity Incentive Plan and 500,000 shares of Common Stock issuable under the 2020 Employee Stock Purchase Plan.`, 3500000},
		{"breakdown after a first amount", `relating to up to 27,726,052 common shares consisting of 11,991,785 common shares and 15,734,267 common shares issuable upon exercise of warrants.`, 27726052},
		{"warrant shares not counted twice", `relating to 1,000,000 shares of common stock and 400,000 shares issuable upon exercise of warrants to purchase 400,000 shares of common stock.`, 1400000},
		{"total first", `relating to an aggregate of 1,500,000 shares, 1,000,000 shares under the Plan and 500,000 shares under the ESPP.`, 1500000},
		{"common shares", `the offer and sale by the selling shareholders of up to 27,726,052 common shares of the Company.`, 27726052},
		{"ADSs", `relating to 10,000,000 American Depositary Shares, each representing two ordinary shares.`, 10000000},
		{"words and digits", `covering two million (2,000,000) shares of the Company's common stock.`, 2000000},
		{"words, then digits in parentheses", `covering Nine Hundred Thousand (900,000) shares of Common Stock.`, 900000},
		{"digits, then words in parentheses", `covering 1,000,000 (one million) shares of the Company's common stock.`, 1000000},
		{"digits, then compound words in parentheses", `covering 2,750,000 (Two Million Seven Hundred Fifty Thousand) shares of Common Stock.`, 2750000},
		{"words only", `covering one million five hundred thousand shares of Common Stock.`, 1500000},
		{"units", `relating to the offering of 5,750,000 units, each consisting of one share and one warrant.`, 5750000},
		{"dollar amount of units", `relating to (i) $28,750,000 of units consisting of shares and warrants.`, 0},
		{"shelf", `relating to the offering from time to time of shares of common stock, par value $0.0001 per share, with an aggregate offering price of up to $150,000,000.`, 0},
		{"debt", `in connection with the issuance of $500,000,000 aggregate principal amount of 4.250% Senior Notes due 2031.`, 0},
		{"authorized capital skipped", `The Company is authorized to issue 100,000,000 shares of common stock. The Registration Statement covers 1,200,000 shares of common stock.`, 1200000},
		{"additional", `registering an additional 3,000,000 shares of Common Stock under the Plan.`, 3000000},
		{"and an additional", `relating to 750,000 shares and an additional 250,000 shares of common stock.`, 1000000},
		{"decimal millions", `relating to the offer and sale of up to 12.5 million shares of Common Stock.`, 12500000},
		{"bare million after digits is not a number", `relating to the offer and sale of up to 12 million shares of Common Stock.`, 12000000},
		{"dollar millions", `relating to the offer and sale of up to $12.5 million of shares of Common Stock.`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(letterText("May 1, 2020", salut, "We have acted as counsel to Acme Inc., a Delaware corporation (the \"Company\"), "+tt.para,
				"Based on the foregoing, we are of the opinion that the Shares will be validly issued, fully paid and nonassessable."))
			if m.Shares != tt.want {
				t.Errorf("Shares = %d, want %d", m.Shares, tt.want)
			}
		})
	}
}

func TestSecurities(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct{ para, want string }{
		{`in connection with the registration of 750,000 shares of its Common Stock, $.01 par value.`, "Common Stock"},
		{`in connection with the issuance of $1,000,000,000 aggregate principal amount of its 0.500% Senior Notes due 2031 (the "Notes").`, "Senior Notes"},
		{`relating to the offer and sale of its ordinary shares, nominal value $0.0001 per share.`, "Ordinary Shares"},
		{`relating to the issuance from time to time of debt securities.`, "Debt Securities"},
		{`relating to the registration of shares of Class A common stock issuable upon exercise of warrants.`, "Class A Common Stock"},
	}
	for _, tt := range tests {
		m := e.Extract(letterText("May 1, 2020", salut, "We have acted as counsel to Acme Inc., a Delaware corporation (the \"Company\"), "+tt.para,
			"Based on the foregoing, we are of the opinion that the securities will be validly issued."))
		if m.Securities != tt.want {
			t.Errorf("%q: Securities = %q, want %q", tt.para, m.Securities, tt.want)
		}
	}
}

func TestPlans(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, para string
		want       []string
	}{
		{"company name in plan", `The Shares are issuable pursuant to options granted under the HemaCare Corporation 1996 Stock Incentive Plan, as amended and restated through September 17, 1996 (the "Plan").`, []string{"HemaCare Corporation 1996 Stock Incentive Plan"}},
		{"two plans", `The Shares are issuable under the Company's 2020 Equity Incentive Plan (the "2020 Plan") and the 2020 Employee Stock Purchase Plan (the "ESPP").`, []string{"2020 Equity Incentive Plan", "2020 Employee Stock Purchase Plan"}},
		{"two plans, one sentence", `shares reserved under the 2010 Stock Plan and the 2010 Employee Stock Purchase Plan.`, []string{"2010 Stock Plan", "2010 Employee Stock Purchase Plan"}},
		{"amended and restated", `shares issuable under the Company's Amended and Restated 2014 Omnibus Incentive Plan.`, []string{"Amended and Restated 2014 Omnibus Incentive Plan"}},
		{"401(k)", `interests in the Acme, Inc. 401(k) Savings Plan.`, []string{"Acme, Inc. 401(k) Savings Plan"}},
		{"for directors", `shares issuable under the 2005 Stock Option Plan for Non-Employee Directors.`, []string{"2005 Stock Option Plan for Non-Employee Directors"}},
		{"plans in a table", "the following plans:\n\nPlan\tNumber of Shares\nAcme Inc. 2004 Stock Option Plan\t1,500,000\n2012 Stock Bonus Plan\t250,000", []string{"Acme Inc. 2004 Stock Option Plan", "2012 Stock Bonus Plan"}},
		{"amount before a plan", `1,500,000 Acme 1995 Stock Plan shares and 250,000 2001 Stock Bonus Plan shares.`, []string{"Acme 1995 Stock Plan", "2001 Stock Bonus Plan"}},
		{"defined short form only", `shares issuable under the Plan and the Plans described therein.`, nil},
		{"not an employee plan", `as described under the caption "Plan of Distribution" and the Dividend Reinvestment and Stock Purchase Plan.`, nil},
		{"year after the name", `shares issuable under the Company's Equity Incentive Plan 2022 and the Company's Employee Share Purchase Plan.`, []string{"Equity Incentive Plan 2022", "Employee Share Purchase Plan"}},
		{"year in parentheses", `ordinary shares issuable under the Global Share Incentive Plan (2014) of the Company.`, []string{"Global Share Incentive Plan (2014)"}},
		{"lower-case legal form in the name", `ordinary shares issuable under the Brandon Pharma plc 2019 Equity Incentive Plan.`, []string{"Brandon Pharma plc 2019 Equity Incentive Plan"}},
		{"scheme", `ordinary shares issuable under the 2021 Share Option Scheme and the Share Award Scheme.`, []string{"2021 Share Option Scheme", "Share Award Scheme"}},
		{"program", `shares issuable under the Employee Stock Purchase Program.`, []string{"Employee Stock Purchase Program"}},
		{"401(k) plan", `interests in and shares issuable under the Acme Foods, Inc. 401(k) Plan.`, []string{"Acme Foods, Inc. 401(k) Plan"}},
		{"list of documents examined", `shares issuable under the Acme Inc. 2021 Inducement Plan. We have examined the Registration Statement, the Inducement Plan, the Company's bylaws and resolutions of the Board adopting the Inducement Plan.`, []string{"Acme Inc. 2021 Inducement Plan"}},
		{"plan of a year", `shares issuable under the Company's Stock Incentive Plan of 2005.`, []string{"Stock Incentive Plan of 2005"}},
		{"stock appreciation rights plan", `shares issuable under the Company's 2015 Stock Appreciation Rights Plan.`, []string{"2015 Stock Appreciation Rights Plan"}},
		{"shareholder rights plan is not one", `shares issuable under the 2019 Stock Option Plan and rights under the Company's Shareholder Rights Plan.`, []string{"2019 Stock Option Plan"}},
		{"plural plans", `shares issuable under the Company's Stock Plans.`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(letterText("May 1, 2020", salut, "We have acted as counsel to Acme Inc., a Delaware corporation (the \"Company\"), in connection with the Registration Statement on Form S-8 relating to "+tt.para))
			if !reflect.DeepEqual(m.Plans, tt.want) {
				t.Errorf("Plans = %q, want %q", m.Plans, tt.want)
			}
		})
	}
}

func TestJurisdictions(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, para string
		want       []string
	}{
		{"limited to state", "The law covered by the opinion set forth above is limited to the laws of the State of California.", []string{"California"}},
		{"DGCL and federal", "Our opinion herein is expressed solely with respect to the federal laws of the United States and the General Corporation Law of the State of Delaware.", []string{"United States", "Delaware"}},
		{"opining as to, negative tail", "We are opining herein as to the internal laws of the State of New York, and we express no opinion with respect to the applicability thereto, or the effect thereon, of the laws of any other jurisdiction or, in the case of Delaware, any other laws.", []string{"New York"}},
		{"other than", "We express no opinion as to any matter relating to the laws of any jurisdiction other than the federal laws of the United States of America and the General Corporation Law of the State of Delaware.", []string{"United States", "Delaware"}},
		{"matters governed", "We express no opinion as to matters governed by any laws other than the Delaware General Corporation Law.", []string{"Delaware"}},
		{"not federal", "The foregoing opinion is limited to the laws of the State of Maryland and we do not express any opinion herein concerning federal laws or the laws of any other jurisdiction.", []string{"Maryland"}},
		{"bar members", "We are members of the Bar of the State of New York and we do not express any opinion herein concerning any law other than the law of the State of New York, the federal law of the United States and the Delaware General Corporation Law.", []string{"New York", "United States", "Delaware"}},
		{"except", "I am a member of the bar of the State of Ohio and express no opinion as to the law of any jurisdiction except the federal law of the United States and the law of the State of Ohio.", []string{"United States", "Ohio"}},
		{"swiss", "This opinion is confined to and given on the basis of the laws of Switzerland in force at the date hereof.", []string{"Switzerland"}},
		{"swiss law only", "Accordingly, we are opining herein as to Swiss law only.", []string{"Switzerland"}},
		{"province and federal canada", "We do not express any opinion with respect to the laws of any jurisdiction other than (a) the laws of the Province of Ontario (and the federal laws of Canada applicable therein) and (b) the laws of the State of New York.", []string{"Ontario", "Canada", "New York"}},
		{"statute", "We are opining herein as to the Nevada Revised Statutes, and we express no opinion with respect to the laws of any other jurisdiction.", []string{"Nevada"}},
		{"code", "The opinions set forth above are limited to the Texas Business Organizations Code, and we do not express any opinion herein concerning any other laws.", []string{"Texas"}},
		{"us federal and state laws of", "Our opinion is limited to the United States federal laws and the state laws of Delaware, and we express no opinion with respect to the laws of any other jurisdiction.", []string{"United States", "Delaware"}},
		{"only with respect to, other than,", "We render this opinion only with respect to, and express no opinion herein concerning the application or effect of the laws of any jurisdiction other than, the existing laws of the State of Nevada.", []string{"Nevada"}},
		{"practice and purport", "We are qualified to practice law in the Commonwealth of Pennsylvania, and we do not purport to be experts on, or to express any opinion herein concerning, any law other than the law of the Commonwealth of Pennsylvania.", []string{"Pennsylvania"}},
		{"each as in effect", "This opinion is limited to the laws of the State of Utah and the federal laws of the United States of America, each as in effect on the date hereof.", []string{"Utah", "United States"}},
		{"delaware code", "Our opinion is limited to Title 8 of the Delaware Code.", []string{"Delaware"}},
		{"bar and any other jurisdiction", "We are members of the Bar of the State of New York and do not purport to be experts on the laws of any other jurisdiction.", []string{"New York"}},
		{"admitted, any other jurisdiction", "I am admitted to practice law only in the State of Georgia, and I express no opinion as to the laws of any other jurisdiction.", []string{"Georgia"}},
		{"cayman", "We express no opinion as to any laws other than the laws of the Cayman Islands.", []string{"Cayman Islands"}},
		{"commonwealth", "Our opinions are limited to matters governed by the laws of the Commonwealth of Massachusetts.", []string{"Massachusetts"}},
		{"west virginia", "This opinion is limited to the laws of the State of West Virginia.", []string{"West Virginia"}},
		{"england", "This opinion is limited to English law as applied by the English courts.", []string{"England and Wales"}},
		{"reliance does not count", "With respect to matters of Nevada law, we have relied solely upon the opinion of Nevada counsel as to Nevada law.", nil},
		{"governing law does not count", "We have assumed that the Indenture is governed by the laws of the State of New York. The opinion is limited to the matters expressly stated herein.", nil},
		{"including but not limited to", "Enforcement may be limited by treaties, including, but not limited to, treaties to which Switzerland is a party under Swiss law.", nil},
		{"based upon the applicable laws", "The opinions expressed herein are based upon the applicable laws of the State of Idaho and the facts in existence on the date of this letter.", []string{"Idaho"}},
		{"based exclusively on the internal law", "Our advice on every legal issue addressed in this letter is based exclusively on the internal law of the State of New York and the Delaware Limited Liability Company Act.", []string{"New York", "Delaware"}},
		{"advice limited to", "Our advice on each legal issue addressed in this letter is limited to the law of the State of Illinois.", []string{"Illinois"}},
		{"only relates to", "This opinion only relates to the laws of the British Virgin Islands which are in force on the date of this opinion.", []string{"British Virgin Islands"}},
		{"relates to the registration under the act", "This opinion relates to the registration under the Securities Act of shares of Acme Inc., a Delaware corporation.", nil},
		{"relates to matters is not scope", "This opinion relates to the Registration Statement of Acme Inc., a Delaware corporation.", nil},
		{"no view other than", "We are lawyers qualified in Bermuda and we express no view as to any laws other than the laws of Bermuda.", []string{"Bermuda"}},
		{"no opinion other than as to", "We express no opinion other than as to the Oklahoma General Corporation Act, and we express no opinion as to the laws of any other jurisdiction.", []string{"Oklahoma"}},
		{"limited in all respects to", "This opinion is limited in all respects to the laws of the State of Colorado.", []string{"Colorado"}},
		{"limited to, and given on the basis of,", "Our opinion is limited to, and is given on the basis of, the Virginia Stock Corporation Act.", []string{"Virginia"}},
		{"considered only", "In rendering this opinion, we have considered only the corporate laws of the State of Kansas.", []string{"Kansas"}},
		{"not made any investigation", "We have not made any investigation of the laws of any jurisdiction other than the State of Arizona.", []string{"Arizona"}},
		{"not considered other than", "In rendering the foregoing opinion, we have not considered the laws of any jurisdiction other than the laws of the State of Iowa.", []string{"Iowa"}},
		{"in particular not the laws of", "We do not express any opinion on any law other than Dutch law, and in particular we do not express an opinion on tax law or the laws of the United States.", []string{"Netherlands"}},
		{"laws of england", "This opinion is limited to the laws of England in force at the date hereof.", []string{"England and Wales"}},
		{"semicolon ends the list", "This opinion is limited to the laws of the State of New York; insofar as it concerns Nevada law, we have relied on the opinion of Nevada counsel.", []string{"New York"}},
		{"semicolon list goes on", "Our opinion is limited to (i) the laws of the State of New York; (ii) the DGCL; and (iii) the federal laws of the United States.", []string{"New York", "Delaware", "United States"}},
		{"relates to a statute", "This opinion only relates to the Kansas General Corporation Code, as in force on the date hereof.", []string{"Kansas"}},
		{"relates to a chapter of a statute", "This opinion only relates to Chapter 78 of the Nevada Revised Statutes and the federal laws of the United States of America.", []string{"Nevada", "United States"}},
		{"insofar as it relates is reliance", "Insofar as this opinion relates to matters of Delaware law, we have relied upon the opinion of Delaware counsel.", nil},
		{"furnished under, and limited to,", "This opinion is furnished under, and is limited to, the Florida Business Corporation Act.", []string{"Florida"}},
		{"statute by its abbreviation only", "The opinion expressed herein is limited to the DGCL.", []string{"Delaware"}},
		{"parenthetical inside the list", "This opinion is limited to the General Corporation Law of the State of Delaware (including the statutory provisions and reported judicial decisions interpreting the foregoing) and the federal laws of the United States.", []string{"Delaware", "United States"}},
		{"as in effect, inset", "Our opinion is limited to the laws of the State of Oregon, as in effect on the date hereof, and the federal laws of the United States.", []string{"Oregon", "United States"}},
		{"admitted to the practice of law only", "We are admitted to the practice of law in the State of Vermont only, and we express no opinion with respect to the laws of any other jurisdiction.", []string{"Vermont"}},
		{"licensed only, limited accordingly", "I am licensed to practice law in the State of Montana only, and this opinion is limited accordingly.", []string{"Montana"}},
		{"licensed only, then a scope clause", "We are licensed to practice law in the State of New York only; however, our opinion is limited to the laws of the State of New York and the DGCL.", []string{"New York", "Delaware"}},
		{"abbreviation ends the sentence", "As to matters of Delaware law, we have relied upon the opinion of Hale & Orr, P.A. Our opinion is limited to the laws of the State of New York.", []string{"New York"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(letterText("May 1, 2020", salut, "We have acted as counsel to Acme Inc., a Delaware corporation (the \"Company\"), in connection with its registration statement.",
				"Based upon the foregoing, we are of the opinion that the Shares will be validly issued, fully paid and nonassessable.", tt.para, "Very truly yours,", "/s/ Smith & Jones LLP"))
			if !reflect.DeepEqual(m.Jurisdictions, tt.want) {
				t.Errorf("Jurisdictions = %q, want %q", m.Jurisdictions, tt.want)
			}
		})
	}
}

func TestFirmAndSigner(t *testing.T) {
	e := newTestExtractor(t)
	body := `We have acted as counsel to Acme Inc., a Delaware corporation (the "Company"), in connection with its registration statement on Form S-3. We have examined such documents as we have deemed necessary.`
	tests := []struct {
		name      string
		head, sig []string
		firm      string
		signer    string
		inHouse   bool
	}{
		{"s/ and caps", nil, []string{"Very truly yours,", "/s/ Latham & Watkins LLP", "LATHAM & WATKINS LLP"}, "Latham & Watkins LLP", "", false},
		{"caps only, no suffix", nil, []string{"Very truly yours,", "PARSONS BEHLE & LATIMER"}, "Parsons Behle & Latimer", "", false},
		{"professional corporation on its own line", nil, []string{"Very truly yours,", "/s/ Wilson Sonsini Goodrich & Rosati", "WILSON SONSINI GOODRICH & ROSATI", "Professional Corporation"}, "Wilson Sonsini Goodrich & Rosati, P.C.", "", false},
		{"wrapped caps with suffix", nil, []string{"Very truly yours,", "/s/ Sanders, Barnet & Mosk\n----------------\nSANDERS, BARNET &\nMOSK, A Professional Corporation"}, "Sanders, Barnet & Mosk, P.C.", "", false},
		{"partner signs for the firm", nil, []string{"Very truly yours,", "CLEARY GOTTLIEB STEEN & HAMILTON LLP", "By:\t/s/ Sebastian R. Sperber", "Sebastian R. Sperber, a Partner"}, "Cleary Gottlieb Steen & Hamilton LLP", "Sebastian R. Sperber", false},
		{"l.l.p.", nil, []string{"Sincerely,", "/s/ BRACEWELL & PATTERSON, L.L.P."}, "Bracewell & Patterson LLP", "", false},
		{"known firm without suffix", nil, []string{"Very truly yours,", "/s/ Jones Day"}, "Jones Day", "", false},
		{"all-caps known firm", nil, []string{"Very truly yours,", "/s/ MCDERMOTT WILL & EMERY LLP"}, "McDermott Will & Emery LLP", "", false},
		{"foreign AG", nil, []string{"Sincerely yours,", "/s/ Homburger AG", "HOMBURGER AG"}, "Homburger AG", "", false},
		{"respectfully submitted", nil, []string{"Respectfully submitted,", "/s/ Sheppard, Mullin, Richter & Hampton LLP"}, "Sheppard, Mullin, Richter & Hampton LLP", "", false},
		{"firm signs, person by", nil, []string{"Very truly yours,", "/s/ FREDRIKSON & BYRON, P.A.", "/s/ Andrew Nick", "By: Andrew Nick Its: Vice President"}, "Fredrikson & Byron, P.A.", "Andrew Nick", false},
		{"letterhead firm, partner signs", []string{"SMITH, JONES & BROWN LLP\n100 Main Street\nAustin, Texas 78701"}, []string{"Very truly yours,", "/s/ John A. Smith", "John A. Smith"}, "Smith, Jones & Brown LLP", "John A. Smith", false},
		{"general counsel", nil, []string{"Very truly yours,", "/s/ Jane Q. Doe", "Jane Q. Doe", "Senior Vice President, General Counsel and Secretary"}, "", "Jane Q. Doe", true},
		{"vice president legal", nil, []string{"Sincerely,", "/s/ Robert Lee", "Robert Lee\nVice President, Legal"}, "", "Robert Lee", true},
		{"company name over in-house signature", nil, []string{"Very truly yours,", "ACME HOLDINGS LTD.", "By: /s/ Mary Major", "Mary Major, General Counsel"}, "", "Mary Major", true},
		{"sole practitioner", nil, []string{"Very truly yours,", "/s/ Harold P. Vance", "Harold P. Vance, Attorney at Law"}, "Harold P. Vance", "Harold P. Vance", false},
		{"law offices letterhead", []string{"Law Offices of Maria Delgado\n410 Oak Street\nReno, Nevada"}, []string{"Very truly yours,", "/s/ Maria Delgado"}, "Law Offices of Maria Delgado", "Maria Delgado", false},
		{"firm with attorneys at law", nil, []string{"Very truly yours,", "/s/ Granite Bay Attorneys-at-Law"}, "Granite Bay", "", false},
		{"signed for the firm", nil, []string{"Very truly yours,", "/s/ Jane Doe", "Jane Doe", "for FOLEY & LARDNER LLP"}, "Foley & Lardner LLP", "Jane Doe", false},
		{"schedule after an image signature", nil, []string{"Very truly yours,", "Schedule I", "Guarantors", "Acme Finance LLC, a Delaware limited liability company"}, "", "", false},
		{"letterhead partners above the date", []string{"HOLLIS, GRANT & MERCER\n90 State Street\nAlbany, New York"}, []string{"Very truly yours,", "/s/ Anne Hollis"}, "Hollis, Grant & Mercer", "Anne Hollis", false},
		{"bracketed letterhead", []string{"[Letterhead of Pryor, Dunn & Vale]"}, []string{"Very truly yours,", "/s/ Pryor, Dunn & Vale"}, "Pryor, Dunn & Vale", "", false},
		{"advocates", nil, []string{"Yours faithfully", "/s/ Sutcliffe Advocates", "SUTCLIFFE ADVOCATES"}, "Sutcliffe Advocates", "", false},
		{"two-word firm name in the firm's voice", nil, []string{"Yours sincerely,", "/s/ Beaumont Ogden"}, "Beaumont Ogden", "", false},
		{"a partner's name in the firm's voice", nil, []string{"Yours sincerely,", "/s/ Susan Ogden"}, "", "Susan Ogden", false},
		{"five partners' names in the firm's voice", nil, []string{"Yours truly,", "/s/ Harel Ofer Dagan Levin Shamir"}, "Harel Ofer Dagan Levin Shamir", "", false},
		{"caps firm name in the firm's voice", nil, []string{"Yours faithfully,", "HUXLEY OGDEN"}, "Huxley Ogden", "", false},
		{"entity above By:", nil, []string{"Very truly yours,", "/s/ Redfern", "REDFERN", "By: /s/ Samuel Redfern", "Samuel Redfern, Shareholder"}, "Redfern", "Samuel Redfern", false},
		{"luxembourg s.à r.l.", nil, []string{"Yours faithfully,", "/s/ Lockridge Barrowman S.a r.l.", "LOCKRIDGE BARROWMAN S.À R.L."}, "Lockridge Barrowman S.\u00e0 r.l.", "", false},
		{"accents kept", nil, []string{"Yours faithfully", "/s/ Cranford & Associes", "CRANFORD & ASSOCIÉS"}, "Cranford & Associés", "", false},
		{"signed entity above By:", nil, []string{"Very truly yours,", "/s/ Stanhope\n------------\nBy: /s/ Priya D. Tennant\nPriya D. Tennant, Member"}, "Stanhope", "Priya D. Tennant", false},
		{"& Partner AG", nil, []string{"Respectfully submitted,", "ZELLER & PARTNER AG", "By: /s/ Linda T. Brandvold", "Linda T. Brandvold, a Partner"}, "Zeller & Partner AG", "Linda T. Brandvold", false},
		{"accented letterhead", []string{"BEAUMONT & ASSOCI\u00c9S\n33, avenue J.F. Kennedy\nL-1855 Luxembourg"}, []string{"Yours faithfully", "/s/ Beaumont & Associes"}, "Beaumont & Associ\u00e9s", "", false},
		{"one-word firm", nil, []string{"Yours truly,", "/s/ Danforth", "GGS/ye"}, "Danforth", "", false},
		{"caps person", nil, []string{"Very truly yours,", "/s/ GLENN K.C. CHING", "GLENN K.C. CHING"}, "", "Glenn K.C. Ching", false},
		{"quoted firm after (signed)", nil, []string{"Yours truly,", "(signed) \"Trent, Marlowe & Fisk LLP\""}, "Trent, Marlowe & Fisk LLP", "", false},
		{"legal form alone under the name", nil, []string{"Very truly yours,", "HARTWELL LANE", "A Professional Corporation", "By: /s/ Mark J. Hartwell"}, "Hartwell Lane, P.C.", "Mark J. Hartwell", false},
		{"professional corporation under a caps name", nil, []string{"Very truly yours,", "/s/ Quarry Hill Legal Group", "QUARRY HILL LEGAL GROUP", "Professional Corporation"}, "Quarry Hill Legal Group, P.C.", "", false},
		{"LLC letterhead above the date", []string{"MERRICK STONE HALE LLC\n1200 Main Street\nDayton, Ohio 45402"}, []string{"Very truly yours,", "/s/ Ann B. Cole", "Ann B. Cole, Member"}, "Merrick Stone Hale LLC", "Ann B. Cole", false},
		{"law offices of over the name", []string{"LAW OFFICES OF\nJOHN T. BARRETT\n100 Main Street\nBoise, Idaho"}, []string{"Very truly yours,", "/s/ John T. Barrett"}, "Law Offices of John T. Barrett", "John T. Barrett", false},
		{"letterhead P.L.", []string{"HOLLAND TRASK, P.L.\n1 Brickell Avenue\nMiami, Florida"}, []string{"Very truly yours,", "/s/ Ann B. Cole", "Ann B. Cole", "Partner"}, "Holland Trask, P.L.", "Ann B. Cole", false},
		{"letterhead A.P.C. kept as written", []string{"GREER MORALES, A.P.C.\n1 Main Street\nSan Diego, California"}, []string{"Very truly yours,", "/s/ Ann B. Cole"}, "Greer Morales, A.P.C.", "Ann B. Cole", false},
		{"letterhead Chtd.", []string{"WINSTON REEVES, CHTD.\n1 Main Street\nLas Vegas, Nevada"}, []string{"Very truly yours,", "/s/ Ann B. Cole"}, "Winston Reeves, Chtd.", "Ann B. Cole", false},
		{"letterhead a Professional Law Corporation", []string{"DUANE REDD, a Professional Law Corporation\n1 Main Street\nFresno, California"}, []string{"Very truly yours,", "/s/ Ann B. Cole"}, "Duane Redd, P.C.", "Ann B. Cole", false},
		{"signed S.C.", nil, []string{"Very truly yours,", "/s/ BRANDT QUARLES, S.C."}, "Brandt Quarles, S.C.", "", false},
		{"issuer's PLC letterhead is not a firm", []string{"ACME HOLDINGS PLC\n1 King Street\nLondon"}, []string{"Yours faithfully,", "/s/ Ann B. Cole", "Ann B. Cole", "Company Secretary"}, "", "Ann B. Cole", true},
		{"upper-case law office letterhead", []string{"THE LAW OFFICE OF PAUL T. REYES, P.S.\n601 First Avenue\nSeattle, Washington"}, []string{"Yours truly,", "/s/ Paul T. Reyes", "Paul T. Reyes"}, "The Law Office of Paul T. Reyes, P.S.", "Paul T. Reyes", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := append([]string{"Exhibit 5.1"}, tt.head...)
			blocks = append(blocks, "May 1, 2020", "Acme Inc.\n1 Main Street\nDallas, Texas", salut, body)
			blocks = append(blocks, tt.sig...)
			m := e.Extract(letterText(blocks...))
			firm := ""
			if len(m.Firms) > 0 {
				firm = m.Firms[0]
			}
			if firm != tt.firm || m.Signer != tt.signer || m.InHouse != tt.inHouse {
				t.Errorf("Firms, Signer, InHouse = %q, %q, %v; want %q, %q, %v", m.Firms, m.Signer, m.InHouse, tt.firm, tt.signer, tt.inHouse)
			}
		})
	}
}

func TestInHouseByVoice(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("June 30, 2025", "Island Financial Corp.\n220 King Street\nHonolulu, Hawaii 96813", salut,
		`In connection with the registration on Form S-3 of securities of Island Financial Corp., a Hawaii corporation (the "Company"), I have examined such corporate records as I have considered necessary.`,
		"As Chief Legal Officer of the Company, I am of the opinion that the Common Stock will be validly issued, fully paid and non-assessable.",
		"The foregoing opinion is limited to the laws of the State of Hawaii.",
		"Very truly yours,", "/s/ GLENN K.C. CHING", "GLENN K.C. CHING"))
	if len(m.Firms) != 0 || !m.InHouse || m.Signer != "Glenn K.C. Ching" {
		t.Errorf("Firms, InHouse, Signer = %q, %v, %q", m.Firms, m.InHouse, m.Signer)
	}
	if !reflect.DeepEqual(m.Jurisdictions, []string{"Hawaii"}) || m.Issuer != "Island Financial Corp." {
		t.Errorf("Jurisdictions, Issuer = %q, %q", m.Jurisdictions, m.Issuer)
	}
}

func TestInHouseCompanyOverSignature(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("June 30, 2015", "Acme Corp\n1 Main Street\nAkron, Ohio", salut,
		`I have acted as counsel to Acme Corp, an Ohio corporation (the "Company"), and I have examined such records as I have deemed necessary.`,
		"I am of the opinion that the shares will be validly issued, fully paid and non-assessable.",
		"Very truly yours,", "ACME CORP", "By: /s/ John Roe", "John Roe"))
	if len(m.Firms) != 0 || !m.InHouse || m.Signer != "John Roe" {
		t.Errorf("Firms, InHouse, Signer = %q, %v, %q", m.Firms, m.InHouse, m.Signer)
	}
}

func TestAddresseeAndExhibit(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, text, addressee, exhibit string
	}{
		{"board", letterText("EXHIBIT 5.1", "LAW OFFICES\nFOO & BAR", "December 23, 1996", "The Board of Directors\nHemaCo Corporation\n4954 Van Nuys Boulevard", "RE: Form S-8", salut, "We have acted."), "The Board of Directors", "5.1"},
		{"company after via line", letterText("Exhibit 5", "June 30, 2021", "VIA ELECTRONIC MAIL", "Unicorn Therapeutics, Inc.", "5150 El Camino Real", salut, "We have acted."), "Unicorn Therapeutics, Inc.", "5"},
		{"to: prefix", letterText("Ex. 5.2", "June 8, 2023", "To: Helvetia AG Paradeplatz 8 Zurich", salut, "We have acted."), "Helvetia AG", "5.2"},
		{"consent names exhibit", letterText("May 1, 2020", "Acme Inc.\n1 Main St.", salut, "We have acted as counsel.", "We consent to the use of this opinion as Exhibit 5.1 to the Registration Statement."), "Acme Inc.", "5.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(tt.text)
			if m.Addressee != tt.addressee || m.Exhibit != tt.exhibit {
				t.Errorf("Addressee, Exhibit = %q, %q; want %q, %q", m.Addressee, m.Exhibit, tt.addressee, tt.exhibit)
			}
		})
	}
}

func TestCanonicalFirm(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct{ in, want string }{
		{"WILSON SONSINI GOODRICH & ROSATI, Professional Corporation", "Wilson Sonsini Goodrich & Rosati, P.C."},
		{"Wilson Sonsini Goodrich & Rosati, P.C.", "Wilson Sonsini Goodrich & Rosati, P.C."},
		{"Wilson Sonsini Goodrich & Rosati", "Wilson Sonsini Goodrich & Rosati, P.C."},
		{"Smith Brown & Lee, L.L.P.", "Smith Brown & Lee LLP"},
		{"Smith Brown & Lee LLP", "Smith Brown & Lee LLP"},
		{"SMITH BROWN AND LEE, LLP,", "Smith Brown and Lee LLP"},
		{"Gold, Silver & Bronze, A Professional Law Corporation", "Gold, Silver & Bronze, P.C."},
		{"Gold, Silver & Bronze, a professional corporation", "Gold, Silver & Bronze, P.C."},
		{"Gold, Silver & Bronze PC", "Gold, Silver & Bronze, P.C."},
		{"Ruby & Garnet, P.A.", "Ruby & Garnet, P.A."},
		{"RUBY & GARNET, A PROFESSIONAL ASSOCIATION", "Ruby & Garnet, A Professional Association"},
		{"/s/ Ruby & Garnet, P.A.", "Ruby & Garnet, P.A."},
		{"O'MALLEY & MCNAMARA PLLC", "O'Malley & McNamara PLLC"},
		{"Latham & Watkins", "Latham & Watkins LLP"},
		{"LATHAM & WATKINS LLP", "Latham & Watkins LLP"},
		{"Baker Botts LLP", "Baker Botts L.L.P."},
		{"JONES DAY", "Jones Day"},
		{"DLA PIPER LLP", "DLA Piper LLP"},
		{"DLA PIPER LLP (US)", "DLA Piper LLP (US)"},
		{"Hogan & Hartson L.L.P.", "Hogan & Hartson LLP"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := e.CanonicalFirm(tt.in); got != tt.want {
			t.Errorf("CanonicalFirm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUserAliases(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/aliases.toml"
	if err := writeFile(path, "[[firm]]\nname = \"Smith Brown & Lee LLP\"\naliases = [\"SBL Law\", \"Smith, Brown and Lee\"]\n"); err != nil {
		t.Fatal(err)
	}
	e, err := New(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"SBL LAW", "Smith, Brown and Lee, L.L.P.", "smith brown & lee"} {
		if got := e.CanonicalFirm(in); got != "Smith Brown & Lee LLP" {
			t.Errorf("CanonicalFirm(%q) = %q", in, got)
		}
	}
	if err := writeFile(path, "[[firm]]\naliases = [\"x\"]\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := New(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("New with a nameless firm: err = %v, want one naming %s", err, path)
	}
	if _, err := New(dir + "/missing.toml"); err == nil {
		t.Error("New with a missing file: no error")
	}
}

func TestBadInput(t *testing.T) {
	e := newTestExtractor(t)
	inputs := []string{"", "\n\n\n", strings.Repeat("x", 3<<20), "\xff\xfe\x00garbage\x00"}
	// Repeated fragments of letters: each pattern's matching must stay
	// linear in the input.
	for _, u := range []string{"(the \"Company\") ", "Very truly yours,\n\n", "1,", ". ", "A ", "(", "Plan ", "& ", "/s/ ",
		"\t", "Inc. ", "A. ", "Stock Plan and ", "limited to ", "other than ", "laws of the State of New York ", "By: ",
		"1,000 shares ", "Form S-1 ", "May 1, 2020 ", "Ladies and Gentlemen:\n\n", "We are of the opinion that "} {
		inputs = append(inputs, strings.Repeat(u, 200000/len(u)))
	}
	start := time.Now()
	for _, s := range inputs {
		_ = e.Extract(s) // must not panic or hang
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("%d hostile inputs took %v", len(inputs), d)
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

// TestAliasTable checks the embedded table: every name parses, and no
// spelling maps to two different firms.
func TestAliasTable(t *testing.T) {
	var f aliasFile
	if err := toml.Unmarshal(defaultAliases, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Firm) < 50 {
		t.Errorf("only %d firms in the embedded table", len(f.Firm))
	}
	owner := map[string]string{}
	for _, fm := range f.Firm {
		for _, a := range append([]string{fm.Name}, fm.Aliases...) {
			k := firmKey(a)
			if k == "" {
				t.Errorf("%q: empty key", a)
			}
			if o, ok := owner[k]; ok && o != fm.Name {
				t.Errorf("%q is both %q and %q", a, o, fm.Name)
			}
			owner[k] = fm.Name
		}
	}
}

// TestJurisdictionsInOpinionClause: with no scope sentence, the law named
// in the operative words of the opinion is the law covered.
func TestJurisdictionsInOpinionClause(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name, op string
		want     []string
	}{
		{"under the laws of", "Based upon the foregoing, it is our opinion that the Shares, when issued as contemplated by the Plan, will be validly issued, fully paid and nonassessable under the laws of the State of Oregon.", []string{"Oregon"}},
		{"under a statute", "Based upon the foregoing, we are of the opinion that the Shares are validly issued, fully paid and non-assessable under the General Corporation Law of the State of Delaware.", []string{"Delaware"}},
		{"under the plan is not law", "Based upon the foregoing, we are of the opinion that the Shares, when issued under the Plan, will be validly issued, fully paid and nonassessable.", nil},
		{"organized under is not law covered", "Based upon the foregoing, we are of the opinion that the Company is validly existing under the laws of the State of Ohio and the Shares will be validly issued.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(letterText("May 1, 1996", salut, `We have acted as counsel to Acme Inc., an Ohio corporation (the "Company"), in connection with its registration statement on Form S-8.`,
				tt.op, "Very truly yours,", "/s/ Smith & Jones"))
			if !reflect.DeepEqual(m.Jurisdictions, tt.want) {
				t.Errorf("Jurisdictions = %q, want %q", m.Jurisdictions, tt.want)
			}
		})
	}
}

// TestPlansOnlyExamined: a plan the lawyers merely read, in a letter whose
// securities are not issued under any plan, is not the letter's plan.
func TestPlansOnlyExamined(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("May 1, 2020", salut,
		`We have acted as counsel to Acme Inc., a Delaware corporation (the "Company"), in connection with the issuance and sale of 2,000,000 shares of common stock pursuant to the Registration Statement on Form S-3 and the Underwriting Agreement.`,
		`In connection with this opinion, we have examined (i) the Registration Statement; (ii) the Underwriting Agreement; and (iii) the Company's 2019 Equity Incentive Plan, solely to confirm the number of shares reserved thereunder.`,
		"Based on the foregoing, we are of the opinion that the Shares will be validly issued, fully paid and nonassessable."))
	if len(m.Plans) != 0 {
		t.Errorf("Plans = %q, want none", m.Plans)
	}
}

// TestPlansMergerAgreement: "the Agreement and Plan of Merger" does not
// tie a merger letter's shares to the incentive plan it examined.
func TestPlansMergerAgreement(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("May 1, 2020", salut,
		`We have acted as counsel to Acme Inc., a Delaware corporation (the "Company"), in connection with the Registration Statement on Form S-4 relating to shares of common stock to be issued pursuant to the Agreement and Plan of Merger, dated as of March 1, 2020, between the Company and Beta Corp.`,
		`We have examined the Registration Statement, the Merger Agreement and the Company's 2015 Equity Incentive Plan, solely to confirm the number of shares reserved thereunder.`,
		"Based on the foregoing, we are of the opinion that the Shares will be validly issued, fully paid and nonassessable."))
	if len(m.Plans) != 0 {
		t.Errorf("Plans = %q, want none", m.Plans)
	}
}

// TestInHouseUndersigned: "The undersigned, Vice President and Associate
// General Counsel of ..." is the issuer's own lawyer speaking.
func TestInHouseUndersigned(t *testing.T) {
	e := newTestExtractor(t)
	m := e.Extract(letterText("May 1, 2020", "Acme Inc.\n1 Main Street\nDallas, Texas", salut,
		`The undersigned, Vice President and Associate General Counsel of Acme Inc., a Delaware corporation (the "Company"), has examined the Registration Statement on Form S-8.`,
		"The undersigned is of the opinion that the Shares will be validly issued, fully paid and nonassessable.",
		"Very truly yours,", "/s/ Ann Lee", "Ann Lee"))
	if len(m.Firms) != 0 || !m.InHouse || m.Signer != "Ann Lee" || m.Issuer != "Acme Inc." {
		t.Errorf("Firms, InHouse, Signer, Issuer = %q, %v, %q, %q", m.Firms, m.InHouse, m.Signer, m.Issuer)
	}
}
