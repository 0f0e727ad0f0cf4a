package extract

import (
	"reflect"
	"testing"
)

// More letters written for these tests, each in the manner of a different
// kind of firm and era, checked on the fields the archive is browsed by.

var varietyLetters = []struct {
	name string
	text string
	want Metadata // only the fields compared below
}{
	{"large firm S-8, several plans", `EXHIBIT 5.1

[LETTERHEAD OF FOUR TIMES SQUARE PARTNERS]

May 12, 2021

Crestline Software Holdings, Inc.
2500 Bee Cave Road
Austin, Texas 78746

Re: Crestline Software Holdings, Inc. - Registration Statement on Form S-8

Ladies and Gentlemen:

We have acted as special counsel to Crestline Software Holdings, Inc., a Delaware corporation (the "Company"), in connection with the Registration Statement on Form S-8 (the "Registration Statement") to be filed with the Securities and Exchange Commission on the date hereof, relating to the registration of an aggregate of 14,250,000 shares of the Company's common stock, par value $0.001 per share (the "Shares"), consisting of (i) 12,500,000 Shares issuable under the Crestline Software Holdings, Inc. 2021 Omnibus Incentive Plan (the "Omnibus Plan") and (ii) 1,750,000 Shares issuable under the Crestline Software Holdings, Inc. 2021 Employee Stock Purchase Plan (the "ESPP" and, together with the Omnibus Plan, the "Plans").

In rendering the opinion stated herein, we have examined and relied upon the Registration Statement, the Plans and such other documents as we have deemed necessary.

We do not express any opinion with respect to the laws of any jurisdiction other than the General Corporation Law of the State of Delaware (the "DGCL").

Based upon the foregoing and subject to the qualifications and assumptions stated herein, we are of the opinion that the Shares have been duly authorized by all requisite corporate action on the part of the Company under the DGCL and, when issued in accordance with the terms of the applicable Plan, will be validly issued, fully paid and nonassessable.

We hereby consent to the filing of this opinion with the Commission as an exhibit to the Registration Statement.

Very truly yours,

/s/ Skadden, Arps, Slate, Meagher & Flom LLP
`, Metadata{Firms: []string{"Skadden, Arps, Slate, Meagher & Flom LLP"}, Issuer: "Crestline Software Holdings, Inc.", IssuerState: "Delaware",
		Date: "2021-05-12", Forms: []string{"S-8"}, Shares: 14250000,
		Plans:         []string{"Crestline Software Holdings, Inc. 2021 Omnibus Incentive Plan", "Crestline Software Holdings, Inc. 2021 Employee Stock Purchase Plan"},
		Jurisdictions: []string{"Delaware"}}},

	{"1999 plain-text debt shelf", `                                                                  EXHIBIT 5.1

                         [BAKER BOTTS L.L.P. LETTERHEAD]

                               September 30, 1999

Gulf Plains Energy Corporation
1400 Smith Street
Houston, Texas 77002

Gentlemen:

     As set forth in the Registration Statement on Form S-3 (Registration
No. 333-88888) (the "Registration Statement") filed by Gulf Plains Energy
Corporation, a Texas corporation (the "Company"), with the Securities and
Exchange Commission under the Securities Act of 1933, as amended, relating
to the offering from time to time of up to $750,000,000 aggregate principal
amount of the Company's debentures, notes or other evidences of
indebtedness (the "Debt Securities"), certain legal matters in connection
with the Debt Securities are being passed upon for you by us.

     In our opinion, when the Debt Securities have been duly executed,
authenticated and delivered, they will constitute legal, valid and binding
obligations of the Company.

     We are members of the Bar of the State of Texas and the opinions
expressed herein are limited to the laws of the State of Texas and the
federal laws of the United States of America.

     We consent to the filing of this opinion as an exhibit to the
Registration Statement.

                                        Very truly yours,

                                        /s/ BAKER BOTTS L.L.P.
`, Metadata{Firms: []string{"Baker Botts L.L.P."}, Issuer: "Gulf Plains Energy Corporation", IssuerState: "Texas",
		Date: "1999-09-30", Forms: []string{"S-3"}, Jurisdictions: []string{"Texas", "United States"}}},

	{"associate general counsel", `Exhibit 5

[MIDLAND POWER & LIGHT COMPANY LETTERHEAD]

February 27, 2004

Board of Directors
Midland Power & Light Company
One Energy Plaza
Detroit, Michigan 48226

Dear Sirs:

I am Associate General Counsel of Midland Power & Light Company, a Michigan corporation (the "Company"), and in that capacity I have acted as counsel to the Company in connection with the Registration Statement on Form S-8 relating to 2,000,000 shares of the Company's Common Stock, without par value, to be issued under the Midland Power & Light Company Savings and Investment Plan.

I have examined such corporate records and other documents as I have deemed necessary for the purposes of this opinion.

Based on the foregoing, I am of the opinion that the shares, when issued in accordance with the Plan, will be validly issued, fully paid and nonassessable.

I am a member of the bar of the State of Michigan and express no opinion as to the laws of any jurisdiction other than the State of Michigan and the federal laws of the United States.

Very truly yours,

/s/ Thomas R. Whitfield
Thomas R. Whitfield
Associate General Counsel and Assistant Secretary
`, Metadata{InHouse: true, Signer: "Thomas R. Whitfield", Issuer: "Midland Power & Light Company", IssuerState: "Michigan",
		Date: "2004-02-27", Forms: []string{"S-8"}, Shares: 2000000,
		Plans:         []string{"Midland Power & Light Company Savings and Investment Plan"},
		Jurisdictions: []string{"Michigan", "United States"}}},

	{"Bermuda counsel", `Exhibit 5.1

2 November 2018

Atlantic Reinsurance Holdings Ltd.
Clarendon House
2 Church Street
Hamilton HM 11, Bermuda

Dear Sirs,

Atlantic Reinsurance Holdings Ltd. (the "Company")

We have acted as special Bermuda legal counsel to the Company in connection with a registration statement on Form F-3 filed with the U.S. Securities and Exchange Commission (the "Registration Statement") relating to the registration of 6,000,000 common shares, par value US$0.01 each, of the Company (the "Common Shares").

Based upon and subject to the foregoing, we are of the opinion that the Common Shares, when issued, will be validly issued, fully paid and non-assessable.

We have made no investigation of and express no opinion in relation to the laws of any jurisdiction other than Bermuda. This opinion is to be governed by and construed in accordance with the laws of Bermuda.

We consent to the filing of this opinion as an exhibit to the Registration Statement.

Yours faithfully,

/s/ Conyers Dill & Pearman Limited
`, Metadata{Firms: []string{"Conyers Dill & Pearman"}, Issuer: "Atlantic Reinsurance Holdings Ltd.",
		Date: "2018-11-02", Forms: []string{"F-3"}, Shares: 6000000, Jurisdictions: []string{"Bermuda"}}},

	{"Canadian F-10", `Exhibit 5.2

[Letterhead of Stikeman Elliott LLP]

March 8, 2017

Northern Cordillera Mines Ltd.
Suite 2100, 1055 West Georgia Street
Vancouver, British Columbia V6E 3P3

Dear Sirs/Mesdames:

We have acted as Canadian counsel to Northern Cordillera Mines Ltd. (the "Corporation"), a corporation existing under the laws of the Province of British Columbia, in connection with the filing of a registration statement on Form F-10 (the "Registration Statement") relating to the offering of common shares of the Corporation.

Based on the foregoing, we are of the opinion that the common shares will be validly issued as fully paid and non-assessable shares.

The opinions expressed herein are limited to the laws of the Province of British Columbia and the federal laws of Canada applicable therein.

We consent to the reference to our name in the Registration Statement.

Yours truly,

/s/ Stikeman Elliott LLP
`, Metadata{Firms: []string{"Stikeman Elliott LLP"}, Issuer: "Northern Cordillera Mines Ltd.", IssuerState: "British Columbia",
		Date: "2017-03-08", Forms: []string{"F-10"}, Jurisdictions: []string{"British Columbia", "Canada"}}},

	{"S-4 merger shares", `EXHIBIT 5.1

July 18, 2014

Prairie Bancshares, Inc.
400 Main Street
Topeka, Kansas 66603

Re: Registration Statement on Form S-4

Ladies and Gentlemen:

We have acted as counsel to Prairie Bancshares, Inc., a Kansas corporation (the "Company"), in connection with the Registration Statement on Form S-4 (File No. 333-197001) relating to the proposed issuance of up to 4,812,500 shares of the Company's common stock, par value $1.00 per share (the "Shares"), in connection with the merger contemplated by the Agreement and Plan of Merger, dated as of May 1, 2014 (the "Merger Agreement"), between the Company and Flint Hills Financial Corp.

Based upon the foregoing, we are of the opinion that the Shares, when issued in accordance with the Merger Agreement, will be validly issued, fully paid and nonassessable.

This opinion is limited to the Kansas General Corporation Code, and we express no opinion as to the laws of any other jurisdiction.

We consent to the filing of this opinion as an exhibit to the Registration Statement.

Very truly yours,

STINSON LEONARD STREET LLP
`, Metadata{Firms: []string{"Stinson Leonard Street LLP"}, Issuer: "Prairie Bancshares, Inc.", IssuerState: "Kansas",
		Date: "2014-07-18", Forms: []string{"S-4"}, RegistrationNo: "333-197001", Shares: 4812500, Jurisdictions: []string{"Kansas"}}},

	{"ATM takedown on 8-K", `Exhibit 5.1

August 3, 2020

Helix Diagnostics, Inc.
77 Ocean Drive
San Diego, CA 92121

Ladies and Gentlemen:

We have acted as counsel to Helix Diagnostics, Inc., a Delaware corporation (the "Company"), in connection with the offer and sale by the Company of shares of its common stock, par value $0.0001 per share, having an aggregate offering price of up to $75,000,000 (the "Shares"), pursuant to the Company's Registration Statement on Form S-3 (No. 333-238888) and the Open Market Sale Agreement dated August 3, 2020.

We are of the opinion that the Shares have been duly authorized and, when issued and paid for as described in the prospectus, will be validly issued, fully paid and nonassessable.

We express no opinion as to the laws of any jurisdiction other than the General Corporation Law of the State of Delaware.

We consent to the filing of this opinion as an exhibit to the Company's Current Report on Form 8-K.

Very truly yours,

/s/ Cooley LLP
`, Metadata{Firms: []string{"Cooley LLP"}, Issuer: "Helix Diagnostics, Inc.", IssuerState: "Delaware",
		Date: "2020-08-03", Forms: []string{"S-3"}, RegistrationNo: "333-238888", Jurisdictions: []string{"Delaware"}}},

	{"signature in a table with partner", `Exhibit 5.1

KLEIN ORTEGA & PARK LLP
350 South Grand Avenue
Los Angeles, CA 90071

October 1, 2012

Sunridge Foods Corporation
1 Orchard Way
Fresno, California 93721

Ladies and Gentlemen:

We have acted as counsel for Sunridge Foods Corporation, a California corporation (the "Company"), in connection with the registration under the Securities Act of 1933 of 850,000 shares of common stock of the Company on a Registration Statement on Form S-1.

It is our opinion that the shares will be legally issued, fully paid and nonassessable.

We are admitted to practice only in the State of California, and we express no opinion as to the laws of any jurisdiction other than the laws of the State of California.

Very truly yours,	

KLEIN ORTEGA & PARK LLP	

By:	/s/ Miriam Ortega
	Miriam Ortega, Partner
`, Metadata{Firms: []string{"Klein Ortega & Park LLP"}, Signer: "Miriam Ortega", Issuer: "Sunridge Foods Corporation", IssuerState: "California",
		Date: "2012-10-01", Forms: []string{"S-1"}, Shares: 850000, Jurisdictions: []string{"California"}}},
}

func TestVarietyLetters(t *testing.T) {
	e := newTestExtractor(t)
	for _, tt := range varietyLetters {
		t.Run(tt.name, func(t *testing.T) {
			m := e.Extract(tt.text)
			got := Metadata{Firms: m.Firms, InHouse: m.InHouse, Signer: m.Signer, Issuer: m.Issuer, IssuerState: m.IssuerState,
				Date: m.Date, Forms: m.Forms, RegistrationNo: tt.want.RegistrationNo, Shares: m.Shares, Plans: m.Plans, Jurisdictions: m.Jurisdictions}
			if tt.want.RegistrationNo != "" {
				got.RegistrationNo = m.RegistrationNo
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract:\n got  %+v\n want %+v", got, tt.want)
			}
		})
	}
}
