package edgartest

import (
	"embed"
	"fmt"
)

//go:embed testdata/*.htm testdata/*.txt
var letters embed.FS

func letter(name string) []byte {
	b, err := letters.ReadFile("testdata/" + name)
	if err != nil {
		panic(err)
	}
	return b
}

func filler(title, text string) []byte {
	return fmt.Appendf(nil, "<html><head><title>%s</title></head><body><p>%s</p></body></html>\n", title, text)
}

// Sample is a small EDGAR of our own making: five filings in 2022 QTR2 and
// one in 1996 QTR4, with Exhibit 5 letters we wrote:
//
//   - Northwind Analytics S-8 (EX-5.1, Delaware, plan shares), 2022-06-15;
//   - Bellwether Utilities S-3ASR with a co-registrant (EX-5.1 New York
//     debt opinion, EX-5.2 Iowa local counsel), 2022-05-03, with no
//     -index.htm (only index.json and the index headers);
//   - Quarry Ridge Energy 8-K (EX-5.1 takedown opinion), 2022-06-20;
//   - Stonebridge Foods 10-K (no Exhibit 5; not a default form), 2022-04-28;
//   - Tidewater Labs S-1 filed without its opinion, 2022-06-01;
//   - Cascade Biomedical S-8 of 1996 (EX-5, plain text), never split
//     into documents: only the complete submission holds the letter.
//
// Each call returns fresh values, so a test may change them.
func Sample() []*Filing {
	return []*Filing{
		{
			Accession: "0001193125-22-170001",
			Form:      "S-8",
			Filed:     "2022-06-15",
			Filers:    []Filer{{CIK: "1731234", Company: "Northwind Analytics, Inc."}},
			Documents: []Document{
				{Type: "S-8", Description: "S-8", Filename: "d331122ds8.htm",
					Body: filler("Form S-8", "REGISTRATION STATEMENT UNDER THE SECURITIES ACT OF 1933. Northwind Analytics, Inc. 2022 Equity Incentive Plan.")},
				{Type: "EX-5.1", Description: "OPINION OF HARLAN, PIKE & CASTELLANO LLP", Filename: "d331122dex51.htm",
					Body: letter("northwind-ex51.htm")},
				{Type: "EX-23.1", Description: "CONSENT OF INDEPENDENT REGISTERED PUBLIC ACCOUNTING FIRM", Filename: "d331122dex231.htm",
					Body: filler("Consent", "We consent to the incorporation by reference of our report dated March 1, 2022.")},
				{Type: "EX-FILING FEES", Description: "FILING FEES TABLE", Filename: "d331122dexfilingfees.htm", Inline: true,
					Body: filler("Filing fees", "Calculation of Filing Fee Tables. Form S-8.")},
			},
		},
		{
			Accession:   "0000950103-22-008812",
			Form:        "S-3ASR",
			Filed:       "2022-05-03",
			NoIndexPage: true,
			Filers: []Filer{
				{CIK: "1928375", Company: "Bellwether Capital LLC"},
				{CIK: "49123", Company: "BELLWETHER UTILITIES CORP"},
			},
			Documents: []Document{
				{Type: "S-3ASR", Description: "FORM S-3ASR", Filename: "d287310ds3asr.htm",
					Body: filler("Form S-3", "Senior Debt Securities and Guarantees of Senior Debt Securities.")},
				{Type: "EX-4.1", Description: "INDENTURE", Filename: "d287310dex41.htm",
					Body: filler("Indenture", "INDENTURE, dated as of May 1, 2022.")},
				{Type: "EX-5.1", Description: "OPINION OF MORROW, STAINES & WHITFIELD LLP", Filename: "d287310dex51.htm",
					Body: letter("bellwether-ex51.htm")},
				{Type: "EX-5.2", Description: "OPINION OF LINDQVIST BRAND P.C.", Filename: "d287310dex52.htm",
					Body: letter("bellwether-ex52.htm")},
				{Type: "EX-25.1", Description: "FORM T-1", Filename: "d287310dex251.htm",
					Body: filler("Form T-1", "Statement of eligibility of trustee.")},
			},
		},
		{
			Accession: "0001104659-22-071234",
			Form:      "8-K",
			Filed:     "2022-06-20",
			Filers:    []Filer{{CIK: "1563412", Company: "Quarry Ridge Energy, Inc."}},
			Documents: []Document{
				{Type: "8-K", Description: "FORM 8-K", Filename: "tm2218765d1_8k.htm", Inline: true,
					Body: filler("Form 8-K", "Item 8.01 Other Events. Underwritten public offering of common stock.")},
				{Type: "EX-1.1", Description: "UNDERWRITING AGREEMENT", Filename: "tm2218765d1_ex1-1.htm",
					Body: filler("Underwriting Agreement", "6,000,000 Shares of Common Stock.")},
				{Type: "EX-5.1", Description: "OPINION OF BRAZOS & KELLERMAN L.L.P.", Filename: "tm2218765d1_ex5-1.htm",
					Body: letter("quarryridge-ex51.htm")},
			},
		},
		{
			Accession: "0001564590-22-012345",
			Form:      "10-K",
			Filed:     "2022-04-28",
			Filers:    []Filer{{CIK: "1001234", Company: "STONEBRIDGE FOODS INC"}},
			Documents: []Document{
				{Type: "10-K", Description: "10-K", Filename: "sbf-10k_20211231.htm", Inline: true,
					Body: filler("Form 10-K", "Annual report for the fiscal year ended December 31, 2021.")},
				{Type: "EX-21", Description: "SUBSIDIARIES", Filename: "sbf-ex21_7.htm",
					Body: filler("Subsidiaries", "Stonebridge Dairy LLC.")},
			},
		},
		{
			Accession: "0001213900-22-030303",
			Form:      "S-1",
			Filed:     "2022-06-01",
			Filers:    []Filer{{CIK: "1899001", Company: "Tidewater Labs Holdings Corp."}},
			Documents: []Document{
				{Type: "S-1", Description: "REGISTRATION STATEMENT", Filename: "ea160001-s1_tidewater.htm",
					Body: filler("Form S-1", "Exhibit 5.1: Opinion of counsel (to be filed by amendment).")},
				{Type: "EX-3.1", Description: "CERTIFICATE OF INCORPORATION", Filename: "ea160001ex3-1_tidewater.htm",
					Body: filler("Certificate", "Certificate of Incorporation of Tidewater Labs Holdings Corp.")},
			},
		},
		{
			Accession: "0000898430-96-005871",
			Form:      "S-8",
			Filed:     "1996-12-23",
			Unsplit:   true,
			Filers:    []Filer{{CIK: "1012345", Company: "CASCADE BIOMEDICAL CORP"}},
			Documents: []Document{
				{Type: "S-8", Description: "FORM S-8",
					Body: []byte("                                   FORM S-8\n             REGISTRATION STATEMENT UNDER THE SECURITIES ACT OF 1933\n                      CASCADE BIOMEDICAL CORPORATION\n")},
				{Type: "EX-5", Description: "OPINION OF OSGOOD & TREMAINE", Body: letter("cascade-ex5.txt")},
				{Type: "EX-23.2", Description: "CONSENT OF INDEPENDENT AUDITORS",
					Body: []byte("                    CONSENT OF INDEPENDENT AUDITORS\n\nWe consent to the incorporation by reference of our report.\n")},
			},
		},
	}
}

// Letter is the filed body of a sample filing's document of type typ.
func Letter(filings []*Filing, accession, typ string) []byte {
	for _, f := range filings {
		if f.Accession != accession {
			continue
		}
		for _, d := range f.Documents {
			if d.Type == typ {
				return d.Body
			}
		}
	}
	return nil
}
