package edgar

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", `<p>One
two.</p><P>Three&nbsp;&nbsp; four. </P>`, "One two.\n\nThree four.\n"},
		{"br keeps lines", `<p>Acme Corp.<br>1 Main St.<BR/>Dover, DE</p>`, "Acme Corp.\n1 Main St.\nDover, DE\n"},
		{"double br ends block", `<div>A<br><br>B</div>`, "A\n\nB\n"},
		{"inline joins", `<p>the &#147;<b>Company</b>&#148; and <font>S-</font>8</p>`, "the “Company” and S-8\n"},
		{"div without block children", `<div><font>Ladies and Gentlemen:</font></div><div>Text</div>`, "Ladies and Gentlemen:\n\nText\n"},
		{"nested divs", `<div><div><p>A.</p></div>tail.<div>B.</div></div>`, "A.\n\ntail.\n\nB.\n"},
		{"head, script, style, comments", `<html><head><title>EX-5.1</title><style>p{}</style></head><body><script>alert(1)</script><!-- <p>hidden</p> --><p>Shown</p></body></html>`, "Shown\n"},
		{"hidden elements", `<p>A.</p><div style="display: none"><p>secret</p></div><p hidden>x</p><span style="visibility:hidden">y</span><p>B.</p>`, "A.\n\nB.\n"},
		{"form controls and images", `<p>Sign <img src=s.jpg alt="signature"> here<input value=v><select><option>o</option></select><textarea>t</textarea><button>b</button></p>`, "Sign here\n"},
		{"layout table one cell per row", `<table><tr><td>Very truly yours,</td></tr><tr><td></td><td>/s/ Firm LLP</td></tr></table>`, "Very truly yours,\n\n/s/ Firm LLP\n"},
		{"re row joins", `<table><tr><td>Re:</td><td>Registration Statement on Form S-3</td></tr></table>`, "Re: Registration Statement on Form S-3\n"},
		{"numbered rows keep markers", `<table><tr><td>1.</td><td><p>First.</p></td></tr><tr><td>(b)</td><td>Second.</td></tr><tr><td>•</td><td>Third.</td></tr></table>`, "1. First.\n\n(b) Second.\n\n• Third.\n"},
		{"data table", `<table><tr><td>Name</td><td></td><td>State</td></tr><tr><td>Acme Sub LLC</td><td>&nbsp;</td><td>Delaware</td></tr><tr><td>Acme Two, Inc.</td><td></td><td>Texas</td></tr></table>`, "Name\tState\nAcme Sub LLC\tDelaware\nAcme Two, Inc.\tTexas\n"},
		{"side-by-side signatures", `<table><tr><td>By: /s/ Ann Lee</td><td>By: /s/ Bo Ray</td></tr><tr><td>Name: Ann Lee</td><td>Name: Bo Ray</td></tr></table>`, "By: /s/ Ann Lee\nName: Ann Lee\n\nBy: /s/ Bo Ray\nName: Bo Ray\n"},
		{"long cells make layout", `<table><tr><td>` + strings.Repeat("word ", 60) + `</td><td>x</td></tr><tr><td>a</td><td>b</td></tr></table>`, strings.TrimSpace(strings.Repeat("word ", 60)) + "\na\n\nx\nb\n"},
		{"nested tables", `<table><tr><td><table><tr><td>Inner</td></tr></table></td></tr><tr><td>Outer</td></tr></table>`, "Inner\n\nOuter\n"},
		{"ordered list", `<ol><li>First<li>Second</ol><ul><li>Bullet</li></ul>`, "1. First\n\n2. Second\n\nBullet\n"},
		{"page footer and running header", `<p>Text one.</p><p align=center>- 2 -</p><hr style="page-break-after:always"><p>Acme Corp.</p><p>June 1, 2024</p><p>Page 3</p><p>Text two.</p><p>3</p>`, "Text one.\n\nText two.\n"},
		{"paragraph across pages", `<p>The Shares have been duly</p><div style="page-break-before: always"></div><p>authorized.</p>`, "The Shares have been duly authorized.\n"},
		{"no merge after full stop", `<p>Done.</p><hr><p>next</p>`, "Done.\n\nnext\n"},
		{"repeated header", `<p>Intro.</p><hr><p>Acme Corp. – 2</p><p>Body A.</p><hr><p>Acme Corp. – 3</p><p>Body B.</p>`, "Intro.\n\nBody A.\n\nBody B.\n"},
		{"PAGE tag breaks pages", `<p>One.</p><p>2</p><PAGE><p>Two.</p>`, "One.\n\nTwo.\n"},
		{"furniture classes", `<p>Body one</p><div class="BRPFPageBreakArea"><div class="BRPFPageFooter"><p>Firm | Offices</p></div><div class="BRPFPageNumberArea"><span class=BRPFPageNumber>2</span></div><div class="BRPFPageBreak" style="page-break-after: always"><hr></div><div class="BRPFPageHeader"><p>Firm</p></div></div><p>Body two.</p>`, "Body one\n\nBody two.\n"},
		{"sentence about a page kept", `<p>Intro.</p><hr><p>As described on page 2</p>`, "Intro.\n\nAs described on page 2\n"},
		{"pre", "<pre>Line  one\n   Line two\n\nNext</pre>", "Line one\nLine two\n\nNext\n"},
		{"entities and controls", "<p>A&amp;B \x00 &lt;tag&gt; &copy;\u00ad\u200b</p>", "A&B <tag> ©\n"},
		{"footnote marks dropped", `<p>up to 1,250,000<sup>1</sup> shares of the Company<sup><a href="#f">(2)</a></sup>.<sup>*</sup></p>`, "up to 1,250,000 shares of the Company.\n"},
		{"superscripts that are text kept", `<p>the 1<sup>st</sup> day; x<sup>2 and more words</sup> end</p>`, "the 1st day; x2 and more words end\n"},
		{"unclosed sup", `<p>Note<sup>unclosed text runs on</p><p>Next.</p>`, "Noteunclosed text runs on\n\nNext.\n"},
		{"empty", ``, ""},
		{"text only", `Just text`, "Just text\n"},
		{"unclosed everything", `<div><p>A<table><tr><td>B<td>C`, "A\n\nB C\n"},
		{"head without end", `<head><title>T</title><p>Body</p>`, "Body\n"},
		{"javascript link text kept, markup gone", `<p><a href="javascript:alert(1)" onclick="x()">click</a></p><iframe src=x>in</iframe><noscript>ns</noscript>`, "click\n"},
		// As in browsers: "<!-->" is an empty comment, "--!>" closes one.
		{"comment tricks", `<p>A.</p><!--> <p>B.</p> --><p>C.</p><!-- <p>X.</p> --!> <p>D.</p>`, "A.\n\nB.\n\n-->\n\nC.\n\nD.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkHTML(t, tt.in, tt.want)
		})
	}
}

// TestHTMLLineBlocks: letterheads, addresses, "Re:" blocks and signatures
// set a line per element come out as one block with a line per element.
func TestHTMLLineBlocks(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"letterhead divs in a cell",
			`<table><tr><td><img src=logo.jpg></td><td><div>Graystone LLP</div><div>155 North Wacker Drive</div><div>Chicago, Illinois 60606</div><div>graystone.com</div></td></tr></table><div style="margin-top:12pt">June 1, 2015</div>`,
			"Graystone LLP\n155 North Wacker Drive\nChicago, Illinois 60606\ngraystone.com\n\nJune 1, 2015\n"},
		{"address paragraphs, date and salutation apart",
			`<p>June 1, 2015</p><p>Acme Corp.</p><p>1 Main St.</p><p>Dover, DE 19901</p><p>Ladies and Gentlemen:</p><p>We have acted as counsel.</p>`,
			"June 1, 2015\n\nAcme Corp.\n1 Main St.\nDover, DE 19901\n\nLadies and Gentlemen:\n\nWe have acted as counsel.\n"},
		{"spacer paragraphs separate blocks",
			`<P STYLE="margin:0pt 0">Acme Corp.</P><P STYLE="margin:0pt 0">Dover, DE</P><P STYLE="margin:0pt 0">&nbsp;</P><P STYLE="margin:0pt 0">Acme Sub LLC</P><P STYLE="margin:0pt 0">Austin, TX</P>`,
			"Acme Corp.\nDover, DE\n\nAcme Sub LLC\nAustin, TX\n"},
		{"margins separate blocks",
			`<P STYLE="margin-top:12pt; margin-bottom:0pt">Acme Corp.</P><P STYLE="margin-top:0pt">Dover, DE</P><P STYLE="margin-top:12pt">Acme Sub LLC</P><div style="margin-bottom:10px">Austin, TX</div><div>Beta Inc.</div>`,
			"Acme Corp.\nDover, DE\n\nAcme Sub LLC\nAustin, TX\n\nBeta Inc.\n"},
		{"tiny spacers do not",
			`<td><P STYLE="margin-top:0pt">53rd at Third</P><P STYLE="font-size:2pt; margin-top:0pt">&nbsp;</P><P STYLE="margin-top:0pt">885 Third Avenue</P></td>`,
			"53rd at Third\n885 Third Avenue\n"},
		{"double br separates",
			`<div>Acme Corp.<br>Dover, DE<br><br>Beta Inc.</div>`,
			"Acme Corp.\nDover, DE\n\nBeta Inc.\n"},
		{"re row with a subject of several lines",
			`<table><tr><td>Re:</td><td><p>Acme Corp. 2008 Equity Plan</p><p>Registration Statement on Form S-8</p></td></tr></table><p>Ladies and Gentlemen:</p>`,
			"Re: Acme Corp. 2008 Equity Plan\nRegistration Statement on Form S-8\n\nLadies and Gentlemen:\n"},
		{"re rows continued below",
			`<table><tr><td>&nbsp;</td><td>RE:</td><td>Acme Corp.</td></tr><tr><td></td><td></td><td>Form S-3 (File No. 333-123456)</td></tr></table>`,
			"RE: Acme Corp.\nForm S-3 (File No. 333-123456)\n"},
		{"re table then a line of it",
			`<p>&nbsp;</p><table><tr><td>Re:</td><td><P STYLE="margin-top:0pt">Acme Inc. and Acme OP LLC</P></td></tr></table><P STYLE="margin-top:0pt; margin-left:4%">Registration Statement on Form S-3</P><P STYLE="margin-top:12pt">Ladies and Gentlemen:</P>`,
			"Re: Acme Inc. and Acme OP LLC\nRegistration Statement on Form S-3\n\nLadies and Gentlemen:\n"},
		{"re table then a spacer",
			`<table><tr><td>Re:</td><td>Form S-3</td></tr></table><p style="margin:0">&nbsp;</p><p style="margin:0">Acme Corp.</p>`,
			"Re: Form S-3\n\nAcme Corp.\n"},
		{"signature rows of one column",
			`<p>Very truly yours,</p><table><tr><td width=50%>&nbsp;</td><td>/s/ Whitlock Ames LLP</td></tr><tr><td>&nbsp;</td><td>WHITLOCK AMES LLP</td></tr></table>`,
			"Very truly yours,\n\n/s/ Whitlock Ames LLP\nWHITLOCK AMES LLP\n"},
		{"signature with title",
			`<div>Very truly yours,</div><div>/s/ Richard P. Amsel</div><div>Richard P. Amsel</div><div>Executive Vice President and General Counsel</div>`,
			"Very truly yours,\n\n/s/ Richard P. Amsel\nRichard P. Amsel\nExecutive Vice President and General Counsel\n"},
		{"prose, list items and headings stay apart",
			`<p>Opinion</p><p>The Shares are validly issued.</p><p>1. First.</p><p>(a) the Plan;</p><p>Acme Corp.</p><p>Exhibit 5.1</p><p>Acme Corp.</p><p>we have examined the records of the Company</p>`,
			"Opinion\n\nThe Shares are validly issued.\n\n1. First.\n\n(a) the Plan;\n\nAcme Corp.\n\nExhibit 5.1\n\nAcme Corp.\n\nwe have examined the records of the Company\n"},
		{"cells side by side stay apart",
			`<table><tr><td><div>KESSLER YOON</div></td><td><div>PROFESSIONAL CORPORATION</div><div>2475 Hanover Street</div></td></tr></table>`,
			"KESSLER YOON\n\nPROFESSIONAL CORPORATION\n2475 Hanover Street\n"},
		{"plan table keeps its cells",
			`<p>issuable under the following plans:</p><table><tr><td>Plan</td><td>Shares Registered</td></tr><tr><td>Acme 2015 Omnibus Incentive Plan</td><td>4,200,000</td></tr><tr><td>Acme 2015 Employee Stock Purchase Plan</td><td>800,000</td></tr></table><p>Acme Corp.</p>`,
			"issuable under the following plans:\n\nPlan\tShares Registered\nAcme 2015 Omnibus Incentive Plan\t4,200,000\nAcme 2015 Employee Stock Purchase Plan\t800,000\n\nAcme Corp.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkHTML(t, tt.in, tt.want)
		})
	}
}

func TestMargins(t *testing.T) {
	tests := []struct {
		style             string
		top, bottom, tiny bool
	}{
		{"margin-top:12pt; margin-bottom:0pt", true, false, false},
		{"margin: 0pt 0", false, false, false},
		{"MARGIN-TOP: 10pt", true, false, false},
		{"margin:12pt auto 0 auto", true, false, false},
		{"margin: 0 0 1em 0", false, true, false},
		{"margin-bottom:10px", false, true, false},
		{"margin-top:1pt;font-size:2pt", false, false, true},
		{"margin-top:-12pt;margin-bottom:x", false, false, false},
	}
	for _, tt := range tests {
		top, bottom, tiny := margins([]byte(tt.style))
		if top != tt.top || bottom != tt.bottom || tiny != tt.tiny {
			t.Errorf("margins(%q) = %v, %v, %v; want %v, %v, %v", tt.style, top, bottom, tiny, tt.top, tt.bottom, tt.tiny)
		}
	}
}

func checkHTML(t *testing.T, in, want string) {
	t.Helper()
	got, err := HTMLToText(in)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("HTMLToText(%q)\n got %q\nwant %q", in, got, want)
	}
}
