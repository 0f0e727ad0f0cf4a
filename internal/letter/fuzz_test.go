package letter

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFrontMatterRoundTrip: any names (quotes, newlines, +++, """,
// backslashes, emoji, RTL marks...) and any body survive Marshal then
// Parse exactly.
func FuzzFrontMatterRoundTrip(f *testing.F) {
	f.Add("HemaCare Corporation, Form S-8", "Sanders, Barnet, Goldman, Simons & Mosk", "HemaCare Corporation", "000_x.txt", "We are of the opinion.\n", int64(750000), false)
	f.Add(`Zeta "Quoted" Corp`, "+++\nfirm\n+++", `"""triple"""`, "back\\slash\\", "+++\n\nbody after a fake delimiter\n+++\n", int64(-1), true)
	f.Add("🚀 Rocket Ltd.", "\u202eRTL\u202c Partners \u200f", "O'Brien & 'Sons'", "we\"ird\n.txt", "", int64(0), false)
	f.Add("'''", "\\u0000 \\n", "\t\r\n", "[source]", "\r\n+++\r\n", int64(1<<62), true)
	f.Fuzz(func(t *testing.T, title, firm, issuer, file, body string, shares int64, inHouse bool) {
		in := &Letter{
			Title: title, Date: "1996-12-23", ID: "t-0123456789abcdef", Aliases: []string{"/l/" + file + "/"},
			Firms: []string{firm, issuer}, Issuers: []string{issuer}, Plans: []string{file}, Forms: []string{"S-8"},
			Jurisdictions: []string{}, Years: []string{"1996"},
			Shares: shares, Securities: firm, Addressee: title, Signer: issuer, InHouse: inHouse, Exhibit: "5.1",
			Source: Source{File: file, Exhibit: "EX-5.1", Company: issuer, URL: title, SHA256: firm},
		}
		valid := utf8.ValidString(title) && utf8.ValidString(firm) && utf8.ValidString(issuer) && utf8.ValidString(file)
		page, err := Marshal(in, body)
		if err != nil {
			if valid {
				t.Fatalf("Marshal: %v", err)
			}
			return
		}
		out, gotBody, err := Parse(page)
		if err != nil {
			t.Fatalf("Parse of a marshalled page: %v\n%s", err, page)
		}
		if !valid {
			return // TOML holds UTF-8 only: invalid bytes may change, but the page must parse
		}
		if !reflect.DeepEqual(in, out) {
			t.Fatalf("front matter changed:\n in %#v\nout %#v\npage:\n%s", in, out, page)
		}
		wantBody := body
		if body != "" && !strings.HasSuffix(body, "\n") {
			wantBody += "\n"
		}
		if gotBody != wantBody {
			t.Fatalf("body changed:\n in %q\nout %q", wantBody, gotBody)
		}
	})
}
