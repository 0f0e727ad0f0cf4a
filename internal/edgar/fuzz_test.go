package edgar

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkContract fails when s breaks the text contract's shape.
func checkContract(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	if s == "" {
		return
	}
	if !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n") || strings.HasPrefix(s, "\n") {
		t.Fatalf("bad framing: %q", s)
	}
	if strings.Contains(s, "\n\n\n") {
		t.Fatalf("more than one blank line: %q", s)
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			t.Fatalf("control character %U in %q", r, s)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line != strings.TrimSpace(line) {
			t.Fatalf("untrimmed line %q", line)
		}
	}
}

func addSeeds(f *testing.F, files ...string) {
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzReadSubmission(f *testing.F) {
	addSeeds(f, "testdata/public.txt", "testdata/tagged.txt")
	f.Fuzz(func(t *testing.T, in []byte) {
		hdr, docs, _ := ReadSubmission(bytes.NewReader(in), IsExhibit5)
		for _, v := range []string{hdr.Accession, hdr.CIK, hdr.Company, hdr.FormType, hdr.Filed} {
			if !utf8.ValidString(v) || strings.ContainsAny(v, "\n\r\t\x00") || v != strings.TrimSpace(v) {
				t.Fatalf("header value %q", v)
			}
		}
		total := 0
		for _, d := range docs {
			if !IsExhibit5(d.Type) {
				t.Fatalf("kept %q", d.Type)
			}
			total += len(d.Raw)
			s := DecodeText(d.Raw, d.HTML)
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Fatalf("DecodeText gave %q", s)
			}
			if d.HTML {
				out, err := HTMLToText(s)
				if err != nil {
					t.Fatal(err)
				}
				checkContract(t, out)
			} else {
				checkContract(t, PlainText(s))
			}
		}
		if total > len(in) {
			t.Fatalf("documents hold %d bytes from %d of input", total, len(in))
		}
		// Keeping everything sees at least the documents kept before.
		_, all, _ := ReadSubmission(bytes.NewReader(in), nil)
		if len(all) < len(docs) {
			t.Fatalf("keep-all read %d documents, EX-5 only %d", len(all), len(docs))
		}
	})
}

func FuzzHTMLToText(f *testing.F) {
	addSeeds(f, "testdata/public.txt")
	for _, s := range []string{
		"<p>A<br>B</p><table><tr><td>1.</td><td>x</td></tr></table>",
		"<script>alert(1)</script><p onclick=x>t</p><!-- --!><style>p{}</style>",
		"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><hr><p>2</p>",
		"<div style='display:none'><p>h</p></div><pre> a\n\n b</pre><ol><li>x<li>y</ol>",
		"<td><div>Firm LLP</div><div>1 Main St.</div></td><p style='margin:12pt 0 0'>June 1, 2015</p><p style='margin:0'>Acme Inc.</p><p style='font-size:2pt'>&nbsp;</p><p style='margin-top:0'>Dover</p>",
		"<table><tr><td>Re:</td><td><p>Acme Plan</p><p>Form S-8</p></td></tr><tr><td></td><td>File No. 333-1</td></tr></table><p style='margin-top:0'>Line</p><p>&nbsp;</p><p>Dear Sirs</p>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in := string(b)
		out, err := HTMLToText(in)
		if err != nil {
			t.Fatal(err)
		}
		checkContract(t, out)
		// Text can spell "<script" only through an entity.
		if strings.Contains(strings.ToLower(out), "<script") && !strings.Contains(in, "&") {
			t.Fatalf("markup survived: %q", out)
		}
		again, _ := HTMLToText(in)
		if again != out {
			t.Fatal("not deterministic")
		}
		// Whatever a script or style element holds is never shown.
		lower := strings.ToLower(in)
		for _, tag := range []string{"script", "style", "textarea"} {
			if !strings.Contains(lower, "</"+tag) {
				wrapped, err := HTMLToText("<" + tag + ">" + in + "</" + tag + "><p>ok</p>")
				if err != nil || wrapped != "ok\n" {
					t.Fatalf("<%s> content shown: %q", tag, wrapped)
				}
			}
		}
	})
}

func FuzzPlainText(f *testing.F) {
	addSeeds(f, "testdata/tagged.txt")
	for _, s := range []string{
		"Dear Sirs:\r\n\r\n     We act.\f<PAGE>  2\r\nAcme\r\nPage 2\r\n\r\n-2-\r\n",
		"Name     State\nAcme     Delaware\n\t\tx\x00\xff\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out := PlainText(string(b))
		checkContract(t, out)
		if strings.ContainsAny(out, "\r\f") {
			t.Fatalf("CR or form feed left: %q", out)
		}
		if PlainText(string(b)) != out {
			t.Fatal("not deterministic")
		}
		// Decoding first gives the same guarantees on raw bytes.
		checkContract(t, PlainText(DecodeText(b, false)))
	})
}
