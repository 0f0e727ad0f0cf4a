package extract

import (
	"reflect"
	"testing"
)

// Whole letters written for these tests, one per common shape, in the text
// contract that package edgar produces.

// sampleLetter: a modern resale S-3 from a large firm's HTML letterhead.
const sampleLetter = `Exhibit 5.1

KESTREL, MARLOWE & FINCH LLP
1200 Harbor Boulevard
San Francisco, California 94111
Tel: 415.555.0100 www.kmf.example

April 14, 2022

Bluefin Robotics, Inc.
44 Innovation Way
Austin, TX 78701

Re:	Registration Statement on Form S-3

Ladies and Gentlemen:

We have acted as counsel to Bluefin Robotics, Inc., a Delaware corporation (the “Company”), in connection with the preparation and filing with the Securities and Exchange Commission (the “Commission”) of a Registration Statement on Form S-3 (File No. 333-264001) (the “Registration Statement”) under the Securities Act of 1933, as amended (the “Securities Act”), relating to the registration for resale by the selling stockholders named therein of up to 3,125,000 shares (the “Shares”) of the Company’s common stock, par value $0.0001 per share (the “Common Stock”).

In connection with this opinion, we have examined the Registration Statement, the Company’s Amended and Restated Certificate of Incorporation and Amended and Restated Bylaws, each as currently in effect, and such other records, certificates and documents as we have deemed necessary. We have assumed the genuineness of all signatures, the authenticity of all documents submitted to us as originals and the conformity to originals of all documents submitted to us as copies.

Our opinion herein is expressed solely with respect to the General Corporation Law of the State of Delaware, and we express no opinion as to the laws of any other jurisdiction.

Based upon and subject to the foregoing, we are of the opinion that the Shares have been duly authorized and are validly issued, fully paid and non-assessable.

We consent to the filing of this opinion as Exhibit 5.1 to the Registration Statement and to the reference to our firm under the caption “Legal Matters” in the prospectus included therein.

Very truly yours,

/s/ Kestrel, Marlowe & Finch LLP

KESTREL, MARLOWE & FINCH LLP
`

// oldPlainS8: a 1997 plain-text S-8 by a regional firm, hard-wrapped.
const oldPlainS8 = `EXHIBIT 5

LAW OFFICES
HADLEY, ROURKE & PAINE, L.L.P.
2100 COMMERCE STREET
DALLAS, TEXAS 75201

March 3, 1997

Lone Star Circuits, Inc.
800 Industrial Parkway
Plano, Texas 75074

Re:  Lone Star Circuits, Inc.
     Registration Statement on Form S-8

Gentlemen:

     We have acted as counsel for Lone Star Circuits, Inc., a Texas
corporation (the "Company"), in connection with the registration under the
Securities Act of 1933, as amended, of 1,250,000 shares of the Company's
Common Stock, par value $.01 per share (the "Shares"), issuable pursuant to
the Lone Star Circuits, Inc. 1996 Stock Option Plan (the "Option Plan") and
the Lone Star Circuits, Inc. 1996 Employee Stock Purchase Plan (the "Purchase
Plan").

     We have examined such corporate records, certificates and other
documents as we have considered necessary for the purposes of this opinion.

     Based on the foregoing, we are of the opinion that the Shares, when
issued in accordance with the terms of the Option Plan or the Purchase Plan,
will be validly issued, fully paid and nonassessable.

     We are members of the Bar of the State of Texas and we express no
opinion as to the laws of any jurisdiction other than the laws of the State
of Texas and the federal laws of the United States of America.

     We consent to the filing of this opinion as an exhibit to the
Registration Statement.

                                   Very truly yours,

                                   /s/ Hadley, Rourke & Paine, L.L.P.

                                   HADLEY, ROURKE & PAINE, L.L.P.
`

// inHouseS8: a general counsel's opinion for an S-8.
const inHouseS8 = `Exhibit 5.1

[Northern Rail Corporation letterhead]

November 2, 2009

Northern Rail Corporation
500 Water Street
Jacksonville, Florida 32202

Re: Northern Rail Corporation Registration Statement on Form S-8

Ladies and Gentlemen:

I am Senior Vice President, General Counsel and Corporate Secretary of Northern Rail Corporation, a Virginia corporation (the "Company"), and I have acted as counsel to the Company in connection with the Registration Statement on Form S-8 (the "Registration Statement") relating to 8,000,000 shares of the Company's common stock, $1.00 par value per share (the "Shares"), issuable under the Northern Rail Corporation 2009 Stock and Incentive Award Plan (the "Plan").

I have examined such documents and records as I have deemed necessary for the purposes of this opinion.

Based upon the foregoing, I am of the opinion that the Shares, when issued in accordance with the Plan, will be validly issued, fully paid and nonassessable.

I am a member of the Bar of the State of Florida, and this opinion is limited to the Virginia Stock Corporation Act and the federal laws of the United States.

I hereby consent to the filing of this opinion as an exhibit to the Registration Statement.

Very truly yours,

/s/ Ellen M. Garrity

Ellen M. Garrity
Senior Vice President, General Counsel and Corporate Secretary
`

// caymanF3: a Cayman Islands counsel's opinion for an F-3 of ADSs.
const caymanF3 = `Exhibit 5.1

Our ref: LTH/778812-000001

Lotus Harbor Holdings Limited
PO Box 309, Ugland House
Grand Cayman KY1-1104
Cayman Islands

15 March 2021

Dear Sirs

Lotus Harbor Holdings Limited

We have acted as Cayman Islands legal advisers to Lotus Harbor Holdings Limited (the "Company") in connection with the Company's registration statement on Form F-3, including all amendments or supplements thereto (the "Registration Statement"), filed with the Securities and Exchange Commission under the U.S. Securities Act of 1933, as amended, relating to the offering by the Company of 12,000,000 ordinary shares of a par value of US$0.0001 each (the "Shares"), represented by American Depositary Shares.

Based upon the foregoing, we are of the opinion that the Shares have been duly authorised and, when issued, will be validly issued, fully paid and non-assessable.

This opinion is limited to the laws of the Cayman Islands in force on the date of this opinion.

We hereby consent to the filing of this opinion as an exhibit to the Registration Statement.

Yours faithfully

/s/ Granite Bay Attorneys-at-Law

Granite Bay
`

// debtTakedown: an 8-K exhibit for a notes offering under a shelf.
const debtTakedown = `EXHIBIT 5.1

[Letterhead of Arbor, Quill & Stone LLP]

September 12, 2016

Meridian Utilities Co.
10 Grid Plaza
Columbus, Ohio 43215

Ladies and Gentlemen:

We have acted as counsel to Meridian Utilities Co., an Ohio corporation (the "Company"), in connection with the issuance and sale of $600,000,000 aggregate principal amount of its 3.250% Senior Notes due 2026 (the "Notes") pursuant to the Registration Statement on Form S-3ASR (Registration No. 333-201234) filed with the Securities and Exchange Commission and the Underwriting Agreement dated September 7, 2016.

We have examined the Indenture dated as of June 1, 2010 between the Company and the trustee and such other documents as we have deemed necessary.

Based on the foregoing, it is our opinion that the Notes constitute valid and binding obligations of the Company, enforceable in accordance with their terms.

The opinions expressed herein are limited to the laws of the State of New York and the General Corporation Law of the State of Ohio.

We consent to the filing of this opinion as an exhibit to the Company's Current Report on Form 8-K dated September 12, 2016.

Very truly yours,

ARBOR, QUILL & STONE LLP
`

func TestSampleLetters(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want Metadata
	}{
		{"resale S-3", sampleLetter, Metadata{
			Firms: []string{"Kestrel, Marlowe & Finch LLP"}, Issuer: "Bluefin Robotics, Inc.", IssuerState: "Delaware",
			Date: "2022-04-14", Forms: []string{"S-3"}, RegistrationNo: "333-264001", Shares: 3125000, Securities: "Common Stock",
			Jurisdictions: []string{"Delaware"}, Addressee: "Bluefin Robotics, Inc.", Exhibit: "5.1"}},
		{"1997 plain S-8", oldPlainS8, Metadata{
			Firms: []string{"Hadley, Rourke & Paine LLP"}, Issuer: "Lone Star Circuits, Inc.", IssuerState: "Texas",
			Date: "1997-03-03", Forms: []string{"S-8"}, Shares: 1250000, Securities: "Common Stock",
			Plans:         []string{"Lone Star Circuits, Inc. 1996 Stock Option Plan", "Lone Star Circuits, Inc. 1996 Employee Stock Purchase Plan"},
			Jurisdictions: []string{"Texas", "United States"}, Addressee: "Lone Star Circuits, Inc.", Exhibit: "5"}},
		{"in-house S-8", inHouseS8, Metadata{
			InHouse: true, Signer: "Ellen M. Garrity", Issuer: "Northern Rail Corporation", IssuerState: "Virginia",
			Date: "2009-11-02", Forms: []string{"S-8"}, Shares: 8000000, Securities: "Common Stock",
			Plans:         []string{"Northern Rail Corporation 2009 Stock and Incentive Award Plan"},
			Jurisdictions: []string{"Virginia", "United States"}, Addressee: "Northern Rail Corporation", Exhibit: "5.1"}},
		{"Cayman F-3", caymanF3, Metadata{
			Firms: []string{"Granite Bay"}, Issuer: "Lotus Harbor Holdings Limited",
			Date: "2021-03-15", Forms: []string{"F-3"}, Shares: 12000000, Securities: "Ordinary Shares, American Depositary Shares",
			Jurisdictions: []string{"Cayman Islands"}, Addressee: "Lotus Harbor Holdings Limited", Exhibit: "5.1"}},
		{"8-K debt takedown", debtTakedown, Metadata{
			Firms: []string{"Arbor, Quill & Stone LLP"}, Issuer: "Meridian Utilities Co.", IssuerState: "Ohio",
			Date: "2016-09-12", Forms: []string{"S-3ASR"}, RegistrationNo: "333-201234", Securities: "Senior Notes",
			Jurisdictions: []string{"New York", "Ohio"}, Addressee: "Meridian Utilities Co.", Exhibit: "5.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.Extract(tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract:\n got  %+v\n want %+v", got, tt.want)
			}
		})
	}
}
