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
			got, err := HTMLToText(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("HTMLToText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
