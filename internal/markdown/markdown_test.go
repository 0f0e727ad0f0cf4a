package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden .md files")

// TestGolden renders testdata/*.txt and compares with testdata/*.md.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := FromText(string(text))
			golden := strings.TrimSuffix(in, ".txt") + ".md"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("FromText(%s) differs from %s (run with -update after checking):\n%s", in, golden, got)
			}
			checkRendersAsText(t, string(text), got)
		})
	}
}

func TestShapes(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blank lines only", "\n\n  \n\t\n", ""},
		{"address keeps breaks", "Acme Corp.\n1 Main Street\nDover, Delaware 19901", "Acme Corp.\\\n1 Main Street\\\nDover, Delaware 19901\n"},
		{"wrapped prose reflows",
			"We have acted as counsel to the Company in connection with the filing of\nthe Registration Statement on Form S-8 relating to the offer and sale of\nshares of common stock.",
			"We have acted as counsel to the Company in connection with the filing of the Registration Statement on Form S-8 relating to the offer and sale of shares of common stock.\n"},
		{"hyphen across wrap", "The Shares will be validly issued, fully paid and non-\nassessable, and the Company has taken all corporate action required by law.",
			"The Shares will be validly issued, fully paid and non-assessable, and the Company has taken all corporate action required by law.\n"},
		{"subject lines keep breaks",
			"Re: Pinemarten Software Corporation Registration Statement on Form S-1\n    (File No. 333-46211) for 2,500,000 Shares of Common Stock, $.01 par value",
			"Re: Pinemarten Software Corporation Registration Statement on Form S-1\\\n(File No. 333-46211) for 2,500,000 Shares of Common Stock, $.01 par value\n"},
		{"ordered items", "1. First.\n\n2. Second.", "1. First.\n\n2. Second.\n"},
		{"numbering gap starts a new list", "1. First.\n\n3. Third.", "1. First.\n\n3) Third.\n"},
		{"labelled items", "(a) one;\n\n(ii) two.", "- (a) one;\n\n- (ii) two.\n"},
		{"year at line start", "1996. A year.", "1996\\. A year.\n"},
		{"table", "A\tB\nc|d\t", "| A | B |\n| --- | --- |\n| c\\|d | |\n"},
		{"shortcode", "{{< x >}}", "\\{\\{\\< x \\>\\}\\}\n"},
		{"crlf and controls", "a\r\nb\x00c\x1b", "a\\\nbc\n"},
		{"invalid utf-8", "caf\xe9", "caf\uFFFD\n"},
		{"autolinks", "see www.sec.gov or http://x.com or a@b.com", "see www\\.sec.gov or http\\://x.com or a\\@b.com\n"},
		{"dashes", "a -- b --- c - d", "a \\-\\- b \\-\\-\\- c - d\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := FromText(tc.in)
			if got != tc.want {
				t.Errorf("FromText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkRendersAsText(t, tc.in, got)
		})
	}
}

// FuzzFromText checks that any text renders to HTML made only of the
// text elements, with every letter and digit of the input shown, in
// order, and no Hugo shortcode delimiter left in the Markdown.
func FuzzFromText(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*.txt")
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		checkRendersAsText(t, s, FromText(s))
	})
}

// render is goldmark configured as Hugo configures it by default (GFM
// tables, strikethrough, linkify and task lists, definition lists,
// footnotes, typographer, attributes), plus raw HTML allowed: if any HTML
// got through the escaping, the check sees it even where Hugo would only
// have written "raw HTML omitted".
var render = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote, extension.Typographer),
	goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

var allowed = map[string]bool{
	"p": true, "br": true, "ol": true, "ul": true, "li": true, "table": true, "thead": true, "tbody": true,
	"tr": true, "th": true, "td": true, "em": true, "strong": true, "code": true,
	// The parser's own wrapper elements.
	"html": true, "head": true, "body": true,
}

func checkRendersAsText(t *testing.T, in, md string) {
	t.Helper()
	if strings.Contains(md, "{{") || strings.Contains(md, "}}") {
		t.Fatalf("shortcode delimiter in Markdown for %q:\n%s", in, md)
	}
	var out bytes.Buffer
	if err := render.Convert([]byte(md), &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatalf("parse rendered HTML: %v", err)
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			if !allowed[n.Data] {
				t.Fatalf("element <%s> in rendered output for %q:\nMarkdown:\n%s\nHTML:\n%s", n.Data, in, md, out.String())
			}
			for _, a := range n.Attr {
				if !(n.Data == "ol" && a.Key == "start") {
					t.Fatalf("attribute %s on <%s> for %q:\n%s", a.Key, n.Data, in, out.String())
				}
			}
			if n.Data == "ol" {
				// The browser shows the item numbers: count them in.
				num := 1
				for _, a := range n.Attr {
					num, _ = strconv.Atoi(a.Val)
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "li" {
						text.WriteString(" " + strconv.Itoa(num) + " ")
						num++
					}
					walk(c)
				}
				return
			}
		case html.CommentNode:
			t.Fatalf("comment in rendered output for %q:\n%s", in, out.String())
		case html.TextNode:
			text.WriteString(n.Data)
			text.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if got, want := alnum(text.String()), alnum(sanitize(in)); got != want {
		t.Fatalf("rendered text lost or gained characters for %q\n got %q\nwant %q\nMarkdown:\n%s", in, got, want, md)
	}
}

// alnum keeps the letters and digits of s.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func BenchmarkFromText(b *testing.B) {
	text, err := os.ReadFile("testdata/plain1996.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FromText(string(text))
	}
}
