package gen

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
)

var asciiQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2019", "'", "\u2018", "'", "\u2014", "--", "\u2013", "-", "é", "e", "à", "a", "£", "GBP ")

// renderText lays a letter out as a typed page: hard-wrapped at a fixed
// width, centred letterhead, indented signature. pageTags writes the
// <PAGE> markers 1990s EDGAR text documents carry at page breaks.
func renderText(r *rand.Rand, s *spec, pageTags, curly bool) string {
	width := 70 + r.IntN(9)
	indent := pick(r, []string{"", "     ", "     ", "        "})
	sigCol := 36 + r.IntN(10)
	var b strings.Builder
	b.Grow(8192)
	center := func(line string) {
		pad := (width - len(line)) / 2
		if pad < 0 {
			pad = 0
		}
		b.WriteString(strings.Repeat(" ", pad))
		b.WriteString(line)
		b.WriteByte('\n')
	}
	dateAt := r.IntN(3)
	doubleSpace := r.IntN(2) == 0
	for _, p := range s.Parts {
		switch p.Kind {
		case bHeading:
			if r.IntN(2) == 0 {
				b.WriteString(strings.Repeat(" ", width-len(p.Text)))
			}
			b.WriteString(p.Text)
			b.WriteString("\n\n")
		case bLetterhead:
			for _, l := range p.Lines {
				center(l)
			}
			b.WriteString("\n")
		case bDate:
			switch dateAt {
			case 0:
				center(p.Text)
			case 1:
				b.WriteString(strings.Repeat(" ", sigCol) + p.Text + "\n")
			default:
				b.WriteString(p.Text + "\n")
			}
			b.WriteString("\n\n")
		case bAddress:
			for _, l := range p.Lines {
				b.WriteString(l + "\n")
			}
			b.WriteString("\n")
		case bRe:
			lab := pick(r, []string{"Re:  ", "RE:  ", "Re:     "})
			for j, l := range p.Lines {
				if j == 0 {
					b.WriteString(lab)
				} else {
					b.WriteString(strings.Repeat(" ", len(lab)))
				}
				b.WriteString(l + "\n")
			}
			b.WriteString("\n")
		case bSalutation:
			b.WriteString(p.Text + "\n\n")
		case bPara:
			wrap(&b, indent+p.Text, width, "")
			b.WriteString("\n")
		case bList:
			for j, it := range p.Items {
				lab := fmt.Sprintf("%s%d.  ", indent, j+1)
				if indent == "" {
					lab = fmt.Sprintf("     (%d)  ", j+1)
				}
				wrap(&b, lab+it, width, strings.Repeat(" ", len(lab)))
				b.WriteString("\n")
			}
		case bClosing:
			b.WriteString(strings.Repeat(" ", sigCol) + p.Text + "\n\n\n")
		case bSignature:
			for j, l := range p.Lines {
				b.WriteString(strings.Repeat(" ", sigCol) + l + "\n")
				if j == 0 && strings.HasPrefix(l, "/s/") && r.IntN(2) == 0 {
					b.WriteString(strings.Repeat(" ", sigCol) + strings.Repeat("-", len(l)) + "\n")
				}
			}
			b.WriteString("\n")
		case bPageBreak:
			b.WriteString("\n")
			if pageTags {
				b.WriteString("<PAGE>\n")
			} else {
				b.WriteString("\n\n")
			}
			for _, l := range p.Lines {
				b.WriteString(l + "\n")
			}
			b.WriteString("\n")
		case bInitials:
			for _, l := range p.Lines {
				b.WriteString(l + "\n")
			}
		case bTable:
			textTable(&b, indent, p.Rows)
			b.WriteString("\n")
		}
	}
	out := b.String()
	if s.Year < 2001 && doubleSpace {
		out = sentenceEnd.ReplaceAllString(out, "$1.  $2")
	}
	if !curly {
		out = asciiQuotes.Replace(out)
	}
	return out
}

// wrap writes text word-wrapped at width; continuation lines start with cont.
func wrap(b *strings.Builder, text string, width int, cont string) {
	col := 0
	first := true
	lead := len(text) - len(strings.TrimLeft(text, " "))
	b.WriteString(text[:lead])
	col = lead
	for _, w := range strings.Fields(text) {
		n := len([]rune(w))
		if !first && col+1+n > width {
			b.WriteByte('\n')
			b.WriteString(cont)
			col = len(cont)
			first = true
		}
		if !first {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
		first = false
	}
	b.WriteByte('\n')
}

var htmlEsc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Entities per house style: old filer software wrote windows-1252 code
// points as numeric references (&#147;), newer software Unicode ones.
var (
	ent1252 = strings.NewReplacer("\u201c", "&#147;", "\u201d", "&#148;", "\u2019", "&#146;", "\u2018", "&#145;", "\u2014", "&#151;", "é", "&eacute;", "à", "&agrave;", "£", "&pound;")
	entUni  = strings.NewReplacer("\u201c", "&#8220;", "\u201d", "&#8221;", "\u2019", "&#8217;", "\u2018", "&#8216;", "\u2014", "&#8212;", "é", "&#233;", "à", "&#224;", "£", "&#163;")
)

// htmlStyle is one filer software's way of writing a letter.
type htmlStyle struct {
	ent       *strings.Replacer
	para      string // opening tag of an ordinary paragraph
	indented  string // opening tag of a body paragraph
	closeP    string
	bodyOpen  string
	bodyClose string
}

var htmlStyles = []htmlStyle{
	{ent1252, `<P>`, `<P ALIGN="JUSTIFY">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;`, "</P>\n",
		"<HTML>\n<HEAD>\n<TITLE>%s</TITLE>\n</HEAD>\n<BODY BGCOLOR=\"#FFFFFF\">\n<FONT FACE=\"Times New Roman\" SIZE=2>\n", "</FONT>\n</BODY>\n</HTML>\n"},
	{ent1252, `<P STYLE="margin-top:12pt; margin-bottom:0pt; font-size:10pt; font-family:Times New Roman">`, `<P STYLE="margin-top:12pt; margin-bottom:0pt; text-indent:4%; font-size:10pt; font-family:Times New Roman">`, "</P>\n",
		"<HTML><HEAD>\n<TITLE>%s</TITLE>\n</HEAD>\n <BODY BGCOLOR=\"WHITE\">\n<Center><DIV STYLE=\"width:8.5in\" align=\"left\">\n", "</DIV></Center>\n</BODY></HTML>\n"},
	{entUni, `<div style="margin-top:12pt"><span style="color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:400;line-height:120%">`, `<div style="margin-top:12pt;text-align:justify;text-indent:36pt"><span style="color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:400;line-height:120%">`, "</span></div>\n",
		"<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>%s</title>\n</head>\n<body>\n", "</body>\n</html>\n"},
}

// renderHTML writes a letter as one of the house styles; img names the
// signature or logo graphic ("" for none).
func renderHTML(r *rand.Rand, s *spec, style int, logo, sig string) string {
	st := htmlStyles[style]
	var b strings.Builder
	b.Grow(16384)
	esc := func(t string) string {
		t = st.ent.Replace(htmlEsc.Replace(t))
		if style == 1 {
			// Donnelley-style non-breaking spaces inside dates and form names.
			t = strings.Replace(t, "Form S-", "Form&nbsp;S-", -1)
			t = strings.Replace(t, "Form F-", "Form&nbsp;F-", -1)
			for _, m := range months {
				t = strings.Replace(t, m+" ", m+"&nbsp;", -1)
			}
		}
		return t
	}
	p := func(open, text string) {
		b.WriteString(open)
		b.WriteString(text)
		b.WriteString(st.closeP)
	}
	boldTerms := r.IntN(2) == 0
	title := "EX-" + s.Exhibit
	fmt.Fprintf(&b, st.bodyOpen, title)
	page := 1
	for _, part := range s.Parts {
		switch part.Kind {
		case bHeading:
			switch style {
			case 0:
				p(`<P ALIGN="RIGHT">`, "<B>"+esc(part.Text)+"</B>")
			case 1:
				p(`<P STYLE="margin-top:0pt; margin-bottom:0pt; font-size:10pt; font-family:Times New Roman" ALIGN="right">`, "<B>"+esc(part.Text)+" </B>")
			default:
				p(`<div style="text-align:right"><span style="color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:700;line-height:120%">`, esc(part.Text))
			}
		case bLetterhead:
			var lines []string
			for _, l := range part.Lines {
				lines = append(lines, esc(l))
			}
			switch style {
			case 0:
				b.WriteString("<TABLE WIDTH=\"100%\" BORDER=0 CELLSPACING=0 CELLPADDING=0>\n<TR>\n<TD ALIGN=\"CENTER\">\n<TABLE BORDER=0 CELLSPACING=0 CELLPADDING=0>\n<TR><TD ALIGN=\"CENTER\"><FONT SIZE=3><B>")
				b.WriteString(lines[0])
				b.WriteString("</B></FONT></TD></TR>\n")
				for _, l := range lines[1:] {
					b.WriteString("<TR><TD ALIGN=\"CENTER\"><FONT SIZE=1>" + l + "</FONT></TD></TR>\n")
				}
				b.WriteString("</TABLE>\n</TD>\n</TR>\n</TABLE>\n<P>&nbsp;</P>\n")
			case 1:
				b.WriteString("<TABLE CELLSPACING=\"0\" CELLPADDING=\"0\" WIDTH=\"100%\" BORDER=\"0\" STYLE=\"BORDER-COLLAPSE:COLLAPSE; font-family:Times New Roman; font-size:10pt\" ALIGN=\"center\">\n<TR>\n<TD WIDTH=\"51%\"></TD>\n<TD VALIGN=\"bottom\" WIDTH=\"1%\"></TD>\n<TD WIDTH=\"48%\"></TD></TR>\n<TR STYLE=\"page-break-inside:avoid ; font-family:Times New Roman; font-size:10pt\">\n<TD VALIGN=\"middle\">\n")
				if logo != "" {
					fmt.Fprintf(&b, "<IMG SRC=\"%s\" ALT=\"LOGO\">\n", logo)
				} else {
					b.WriteString("<B>" + lines[0] + "</B>\n")
				}
				b.WriteString("</TD>\n<TD VALIGN=\"bottom\">&nbsp;&nbsp;</TD>\n<TD VALIGN=\"top\" ALIGN=\"right\"><FONT STYLE=\"font-size:8pt\">")
				b.WriteString(strings.Join(lines[1:], "<BR>"))
				b.WriteString("</FONT></TD></TR>\n</TABLE>\n")
			default:
				b.WriteString("<table style=\"border-collapse:collapse;display:inline-table;width:100%\"><tr><td style=\"width:50%;vertical-align:top\">")
				if logo != "" {
					fmt.Fprintf(&b, "<img src=\"%s\" alt=\"logo\" style=\"height:48px;width:180px\">", logo)
				} else {
					b.WriteString("<div><span style=\"font-family:'Times New Roman',sans-serif;font-size:12pt;font-weight:700\">" + lines[0] + "</span></div>")
				}
				b.WriteString("</td><td style=\"width:50%;vertical-align:top;text-align:right\">")
				for _, l := range lines[1:] {
					b.WriteString("<div><span style=\"font-family:Arial,sans-serif;font-size:7.5pt\">" + l + "</span></div>")
				}
				b.WriteString("</td></tr></table>\n")
			}
		case bDate, bSalutation, bClosing:
			p(st.para, esc(part.Text))
		case bAddress:
			var lines []string
			for _, l := range part.Lines {
				lines = append(lines, esc(l))
			}
			if style == 2 {
				for j, l := range lines {
					if j == 0 {
						p(st.para, l)
					} else {
						p(`<div><span style="color:#000000;font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:400;line-height:120%">`, l)
					}
				}
			} else {
				p(st.para, strings.Join(lines, "<BR>\n"))
			}
		case bRe:
			var lines []string
			for _, l := range part.Lines {
				lines = append(lines, esc(l))
			}
			switch style {
			case 2:
				b.WriteString("<table style=\"border-collapse:collapse;width:100%;margin-top:12pt\"><tr><td style=\"width:8%;vertical-align:top\"><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt\">Re:</span></td><td style=\"width:92%;vertical-align:top\"><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:700\">")
				b.WriteString(strings.Join(lines, "<br/>"))
				b.WriteString("</span></td></tr></table>\n")
			default:
				b.WriteString("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\" WIDTH=\"100%\">\n<TR VALIGN=\"TOP\">\n<TD WIDTH=\"8%\"><FONT SIZE=2>Re:</FONT></TD>\n<TD WIDTH=\"92%\"><FONT SIZE=2><B>")
				b.WriteString(strings.Join(lines, "<BR>\n"))
				b.WriteString("</B></FONT></TD>\n</TR>\n</TABLE>\n")
			}
		case bPara:
			t := esc(part.Text)
			if style == 1 {
				// Defined terms in bold, and the source broken into lines
				// mid-sentence, as Donnelley's software writes them.
				if boldTerms {
					t = definedTerm.ReplaceAllString(t, "&#147;<B>$1</B>&#148;")
				}
				t = breakLines(t, 160)
			}
			p(st.indented, t)
		case bList:
			for j, it := range part.Items {
				num := fmt.Sprintf("%d.", j+1)
				if style == 1 {
					num = fmt.Sprintf("(%d)", j+1)
				}
				switch style {
				case 2:
					fmt.Fprintf(&b, "<div style=\"margin-top:12pt;padding-left:36pt;text-indent:-36pt;text-align:justify\"><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt\">%s</span><span style=\"padding-left:24pt\"></span><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt\">%s</span></div>\n", num, esc(it))
				default:
					fmt.Fprintf(&b, "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\" WIDTH=\"100%%\">\n<TR VALIGN=\"TOP\">\n<TD WIDTH=\"4%%\">&nbsp;</TD>\n<TD WIDTH=\"4%%\" ALIGN=\"left\"><FONT SIZE=2>%s</FONT></TD>\n<TD ALIGN=\"left\"><FONT SIZE=2>%s</FONT></TD>\n</TR>\n</TABLE>\n", num, esc(it))
				}
			}
		case bSignature:
			var lines []string
			for _, l := range part.Lines {
				lines = append(lines, esc(l))
			}
			if sig != "" {
				// A signature image in place of the conformed /s/ line.
				if style == 2 {
					lines[0] = fmt.Sprintf("<img src=\"%s\" alt=\"signature\" style=\"height:40px;width:160px\">", sig)
				} else {
					lines[0] = fmt.Sprintf("<IMG SRC=\"%s\" ALT=\"GRAPHIC\">", sig)
				}
				if len(lines) == 1 || !strings.EqualFold(lines[1], esc(s.FirmName)) && s.Firm != nil {
					lines = append(lines[:1], append([]string{esc(s.FirmName)}, lines[1:]...)...)
				}
			}
			if style == 0 {
				b.WriteString("<TABLE WIDTH=\"100%\" BORDER=0 CELLSPACING=0 CELLPADDING=0>\n")
				for _, l := range lines {
					b.WriteString("<TR><TD WIDTH=\"50%\">&nbsp;</TD><TD><FONT SIZE=2>" + l + "</FONT></TD></TR>\n")
				}
				b.WriteString("</TABLE>\n")
			} else {
				for _, l := range lines {
					p(st.para, l)
				}
			}
		case bInitials:
			p(st.para, esc(strings.Join(part.Lines, " ")))
		case bTable:
			if style == 2 {
				b.WriteString("<table style=\"border-collapse:collapse;width:90%;margin:12pt auto 0 auto\">\n")
				for k, row := range part.Rows {
					b.WriteString("<tr>")
					for c, cell := range row {
						align, weight := "left", "400"
						if c > 0 {
							align = "right"
						}
						if k == 0 {
							weight = "700"
						}
						fmt.Fprintf(&b, "<td style=\"padding:2pt 4pt;vertical-align:bottom;text-align:%s;border-bottom:%s\"><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt;font-weight:%s\">%s</span></td>", align, map[bool]string{true: "1pt solid #000000", false: "0"}[k == 0], weight, esc(cell))
					}
					b.WriteString("</tr>\n")
				}
				b.WriteString("</table>\n")
			} else {
				b.WriteString("<P>&nbsp;</P>\n<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\" WIDTH=\"90%\" ALIGN=\"CENTER\">\n")
				for k, row := range part.Rows {
					b.WriteString("<TR VALIGN=\"BOTTOM\">\n")
					for c, cell := range row {
						t := esc(cell)
						if k == 0 {
							t = "<B>" + t + "</B>"
						}
						align := "LEFT"
						if c > 0 {
							align = "RIGHT"
						}
						fmt.Fprintf(&b, "<TD ALIGN=\"%s\"><FONT SIZE=2>%s</FONT></TD>\n", align, t)
					}
					b.WriteString("</TR>\n")
				}
				b.WriteString("</TABLE>\n")
			}
		case bPageBreak:
			var hdr []string
			for _, l := range part.Lines {
				hdr = append(hdr, esc(l))
			}
			switch style {
			case 0:
				fmt.Fprintf(&b, "<P ALIGN=\"CENTER\">%d</P>\n<HR>\n<P STYLE=\"page-break-before:always\">&nbsp;</P>\n<P>%s</P>\n", page, strings.Join(hdr, "<BR>\n"))
			case 1:
				fmt.Fprintf(&b, "<P STYLE=\"margin-top:0pt;margin-bottom:0pt; font-size:10pt; font-family:Times New Roman\" ALIGN=\"center\">%d</P>\n<P STYLE=\"font-size:18pt;margin-top:0pt;margin-bottom:0pt\">&nbsp;</P>\n<HR SIZE=\"3\" STYLE=\"COLOR:#999999\" WIDTH=\"100%%\" NOSHADE>\n<P STYLE=\"margin-top:0pt;margin-bottom:0pt ; page-break-before:always\"></P>\n<P STYLE=\"margin-top:0pt; margin-bottom:0pt; font-size:10pt; font-family:Times New Roman\">%s</P>\n", page, strings.Join(hdr, "<BR>"))
			default:
				fmt.Fprintf(&b, "<div style=\"height:36pt;position:relative;width:100%%\"><div style=\"bottom:0;position:absolute;width:100%%\"><div style=\"text-align:center\"><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt\">%d</span></div></div></div>\n<div style=\"page-break-after:always\"></div><hr style=\"page-break-after:always\"/>\n<div><span style=\"font-family:'Times New Roman',sans-serif;font-size:10pt\">%s</span></div>\n", page, strings.Join(hdr, "<br/>"))
			}
			page++
		}
	}
	b.WriteString(st.bodyClose)
	return b.String()
}

// textTable lays rows out in columns padded with spaces, the header
// underlined, as typed tables in text filings are.
func textTable(b *strings.Builder, indent string, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for c, cell := range row {
			widths[c] = max(widths[c], len([]rune(cell)))
		}
	}
	for k, row := range rows {
		b.WriteString(indent)
		for c, cell := range row {
			pad := strings.Repeat(" ", widths[c]-len([]rune(cell)))
			if c == 0 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString("    " + pad + cell)
			}
		}
		b.WriteByte('\n')
		if k == 0 {
			b.WriteString(indent)
			for c := range row {
				if c > 0 {
					b.WriteString("    ")
				}
				b.WriteString(strings.Repeat("-", widths[c]))
			}
			b.WriteByte('\n')
		}
	}
}

var definedTerm = regexp.MustCompile(`&#147;([A-Z][A-Za-z0-9 ]{0,40})&#148;`)

// breakLines inserts a newline at the first space after every width
// bytes, outside tags, as HTML generators wrap their source.
func breakLines(t string, width int) string {
	var b strings.Builder
	b.Grow(len(t) + len(t)/width + 1)
	col, inTag := 0, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case '<':
			inTag = true
		case '>':
			inTag = false
		}
		if c == ' ' && col >= width && !inTag {
			b.WriteByte('\n')
			col = 0
			continue
		}
		b.WriteByte(c)
		col++
	}
	return b.String()
}

// sentenceEnd matches the single space after a sentence: typists of the
// 1990s put two.
// Three lower-case letters before the period keep "St. Louis", "Inc." and
// initials single-spaced.
var sentenceEnd = regexp.MustCompile(`([a-z]{3}|\))\. ([A-Z])`)
