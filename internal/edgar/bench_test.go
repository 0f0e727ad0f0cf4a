package edgar

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchLetter builds a realistic modern EX-5 exhibit in the markup EDGAR
// filing agents write: a centred 8.5in div, letterhead in a layout table,
// styled <p>s with &nbsp; and <font>, numbered opinions as two-cell rows,
// a page-break <hr> with a footer and running header, a signature image.
func benchLetter() string {
	var b strings.Builder
	p := func(s string) {
		fmt.Fprintf(&b, `<P STYLE="margin-top:12pt; margin-bottom:0pt; text-indent:4%%; font-size:10pt; font-family:Times New Roman">%s</P>`+"\n", s)
	}
	b.WriteString(`<HTML><HEAD><TITLE>EX-5.1</TITLE></HEAD><BODY BGCOLOR="WHITE"><Center><DIV STYLE="width:8.5in" align="left">` + "\n")
	b.WriteString(`<P ALIGN="right"><FONT STYLE="font-family:Times New Roman" SIZE="2"><B>Exhibit&nbsp;5.1</B></FONT></P>`)
	b.WriteString(`<TABLE CELLSPACING="0" CELLPADDING="0" WIDTH="100%" BORDER="0"><TR><TD WIDTH="51%"></TD><TD WIDTH="1%"></TD><TD WIDTH="48%"></TD></TR><TR><TD VALIGN="top"><IMG SRC="g1.jpg" ALT="LOGO"></TD><TD>&nbsp;&nbsp;</TD><TD VALIGN="top" ALIGN="right"><FONT SIZE="1">Quarry &amp; Vale LLP<BR>1 Granite Way<BR>Boston, MA 02110<BR>+1 617 555 0100</FONT></TD></TR></TABLE>` + "\n")
	p("March&nbsp;15, 2024")
	p("Harbor Lantern Robotics, Inc.<BR>100 Dock Street<BR>Portland, Maine 04101")
	b.WriteString(`<TABLE><TR><TD VALIGN="top">Re:</TD><TD>Registration Statement on Form <FONT STYLE="white-space:nowrap">S-8</FONT></TD></TR></TABLE>`)
	p("Ladies and Gentlemen:")
	para := `We have acted as counsel to Harbor Lantern Robotics, Inc., a Delaware corporation (the &#147;<B>Company</B>&#148;), in connection with the filing of a registration statement on Form <FONT STYLE="white-space:nowrap">S-8</FONT> (the &#147;<B>Registration Statement</B>&#148;) under the Securities Act of 1933, as amended, relating to 2,500,000 shares of common stock, par value $0.0001 per share, issuable under the Harbor Lantern Robotics, Inc. 2024 Equity Incentive Plan. We have examined originals or copies, certified or otherwise identified to our satisfaction, of such documents and records as we have deemed necessary.`
	for i := range 14 {
		p(para)
		if i == 6 {
			b.WriteString(`<P ALIGN="center"><FONT SIZE="2">2</FONT></P><HR SIZE="3" style="COLOR:#999999" WIDTH="100%"><P STYLE="page-break-before:always"></P>`)
			p("Harbor Lantern Robotics, Inc.<BR>March&nbsp;15, 2024<BR>Page&nbsp;2")
		}
	}
	b.WriteString(`<TABLE CELLSPACING="0" CELLPADDING="0" WIDTH="100%">`)
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, `<TR><TD WIDTH="4%%" VALIGN="top">(%c)</TD><TD><P STYLE="font-size:10pt">%s</P></TD></TR>`, 'a'+i-1, para[:200])
	}
	b.WriteString(`</TABLE>`)
	p("Very truly yours,")
	p(`<IMG SRC="sig.jpg" ALT="signature">`)
	p("/s/ Quarry&nbsp;&amp; Vale LLP")
	b.WriteString(`<P ALIGN="center">3</P></DIV></Center></BODY></HTML>` + "\n")
	return b.String()
}

// BenchmarkHTMLToText renders one realistic letter (about 12 KB of HTML).
func BenchmarkHTMLToText(b *testing.B) {
	in := benchLetter()
	out, err := HTMLToText(in)
	if err != nil || !strings.Contains(out, "/s/ Quarry & Vale LLP") || strings.Contains(out, "Page 2") {
		b.Fatalf("bad render: %v\n%s", err, out)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		HTMLToText(in)
	}
}

// BenchmarkHTMLToTextCorpus renders the real EX-5 letters, when present.
func BenchmarkHTMLToTextCorpus(b *testing.B) {
	dir := corpusDir(b)
	var letters []string
	size := 0
	for _, row := range []string{"003.txt", "009.txt", "014.txt"} {
		raw, err := os.ReadFile(dir + "/" + row)
		if err != nil {
			b.Fatal(err)
		}
		_, docs, err := ReadSubmission(bytes.NewReader(raw), IsExhibit5)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			s := DecodeText(d.Raw, d.HTML)
			letters = append(letters, s)
			size += len(s)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range letters {
			HTMLToText(s)
		}
	}
}

// BenchmarkReadSubmission reads a 1.5 MB real submission, keeping the EX-5s.
func BenchmarkReadSubmission(b *testing.B) {
	raw, err := os.ReadFile(corpusDir(b) + "/016.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		ReadSubmission(bytes.NewReader(raw), IsExhibit5)
	}
}

// BenchmarkPlainText normalises a 1990s-style text letter (the EX-5 of
// testdata/tagged.txt, repeated to letter length).
func BenchmarkPlainText(b *testing.B) {
	raw, err := os.ReadFile("testdata/tagged.txt")
	if err != nil {
		b.Fatal(err)
	}
	_, docs, err := ReadSubmission(bytes.NewReader(raw), IsExhibit5)
	if err != nil || len(docs) != 1 {
		b.Fatal(err)
	}
	s := strings.Repeat(DecodeText(docs[0].Raw, false)+"\n", 4)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		PlainText(s)
	}
}
