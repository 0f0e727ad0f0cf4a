package extract

import (
	"fmt"
	"testing"
)

func TestZZProbe(t *testing.T) {
	e := newTestExtractor(t)
	intro := `We have acted as counsel to Acme Inc., a Delaware corporation (the "Company"), in connection with its registration statement on Form S-8 relating to 500,000 shares of common stock issuable under the Acme Inc. 2010 Stock Plan.`
	op := "Based upon the foregoing, we are of the opinion that the Shares will be validly issued, fully paid and nonassessable."
	for _, sc := range []string{
		"We have made no investigation of and express no opinion in relation to the laws of any jurisdiction other than Bermuda.",
		"This opinion is limited to matters of BVI law as at the date hereof.",
		"We are members of the Israel Bar and we express no opinion as to any law other than the laws of the State of Israel.",
		"We do not purport to express an opinion on any laws other than those of the State of Maryland.",
		"This letter is limited to the federal laws of the United States and the Business Corporation Law of the State of New York.",
		"The undersigned is a member of the Bar of the State of Illinois and expresses no opinion as to the laws of any jurisdiction other than the laws of the State of Illinois and the Federal laws of the United States.",
		"This opinion is given only with respect to laws of the State of Georgia.",
		"We have not made any investigation of the laws of any jurisdiction other than the State of Arizona.",
		"The law covered by this opinion is limited to the present federal law of the United States and the present law of the State of Wisconsin.",
		"Our opinions are limited to the Constitution and laws of the State of Texas.",
		"We are admitted to practice law in the State of Texas and we render no opinion as to the laws of any jurisdiction other than the laws of the State of Texas and the federal laws of the United States.",
		"This opinion is limited to the laws of the State of New York and we assume no responsibility as to the applicability of the laws of any other jurisdiction.",
		"We express no opinion herein as to any laws other than the Washington Business Corporation Act.",
		"The opinions expressed herein are limited to the laws of the State of New Jersey and the federal laws of the United States, and we express no opinion as to the effect of the laws of any other jurisdiction.",
		"We are opining herein only as to the Maryland General Corporation Law, and we express no opinion with respect to federal law or the laws of any other jurisdiction.",
		"The opinions expressed herein are restricted to the laws of the Commonwealth of Kentucky.",
		"Our opinion is limited to the internal laws of the State of Minnesota and we express no opinion as to the laws of any other jurisdiction.",
		"We do not express any opinion concerning any law other than the laws of the Republic of the Marshall Islands.",
		"This opinion is governed by and is to be construed in accordance with the laws of Jersey and is limited to the matters expressly stated herein. We express no opinion as to any law other than Jersey law.",
		"The opinion expressed herein is based solely on our review of the Nevada Revised Statutes.",
		"Our opinion is rendered only with respect to the laws of the State of Colorado.",
		"We express no opinion with respect to the laws of any jurisdiction other than the laws of England and Wales as applied by the English courts.",
	} {
		m := e.Extract(letterText("May 1, 2020", salut, intro, op, sc, "Very truly yours,", "/s/ Smith & Jones LLP"))
		fmt.Printf("%q\n   -> %q\n", sc[:60], m.Jurisdictions)
	}
	for _, sig := range [][]string{
		{"LAW OFFICES OF\nJOHN T. BARRETT\n100 Main Street\nBoise, Idaho"},
		{"LAW OFFICES\nBAXTER, CROWE & LYNN\n100 Main Street\nBoise, Idaho"},
	} {
		blocks := append([]string{"Exhibit 5"}, sig...)
		blocks = append(blocks, "May 1, 1997", "Acme Inc.\n1 Main Street\nDallas, Texas", salut, intro, op, "Very truly yours,", "/s/ John T. Barrett")
		m := e.Extract(letterText(blocks...))
		fmt.Printf("%q -> %q %q %v\n", sig[0][:20], m.Firms, m.Signer, m.InHouse)
	}
	for _, p := range []string{
		`relating to 500,000 shares of Common Stock issuable under the Acme Corporation Employee Stock Ownership Plan and Trust.`,
		`relating to 500,000 shares issuable under the Amended and Restated Non-Employee Directors' Stock Option Plan.`,
		`relating to 500,000 shares issuable under the 1999 Stock Option Plan, as amended (the "Plan"), and 100,000 shares issuable under the 1999 Employee Stock Purchase Plan.`,
		`relating to 500,000 shares issuable under the Acme Inc. Deferred Compensation Plan for Directors.`,
		`relating to 500,000 shares issuable under the Acme Inc. Directors' Deferred Fee Plan.`,
		`relating to 750,000 shares and an additional 250,000 shares of common stock.`,
		`relating to 5,000,000 ordinary shares, par value US$0.0001 per share, represented by 2,500,000 American Depositary Shares.`,
	} {
		m := e.Extract(letterText("May 1, 2020", salut, `We have acted as counsel to Acme Inc., a Delaware corporation (the "Company"), in connection with the Registration Statement on Form S-8 `+p, op))
		fmt.Printf("%q -> %q %d\n", p[:50], m.Plans, m.Shares)
	}
}
