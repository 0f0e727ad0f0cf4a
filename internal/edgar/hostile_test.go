package edgar

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

// bounded runs f and fails the test if it takes longer than maxTime or
// grows the heap by more than maxHeap bytes (sampled every few ms). A run
// that hangs is reported after maxTime instead of hanging the suite.
func bounded(t *testing.T, maxTime time.Duration, maxHeap uint64, f func()) {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base && ms.HeapAlloc-base > peak.Load() {
				peak.Store(ms.HeapAlloc - base)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(maxTime):
		close(stop)
		t.Fatalf("still running after %v", maxTime)
	}
	took := time.Since(start)
	close(stop)
	<-sampled
	t.Logf("took %v, heap grew by at most %d MiB", took.Round(time.Millisecond), peak.Load()>>20)
	if took > maxTime {
		t.Errorf("took %v, bound %v", took, maxTime)
	}
	if peak.Load() > maxHeap {
		t.Errorf("heap grew by %d MiB, bound %d MiB", peak.Load()>>20, maxHeap>>20)
	}
}

const mib = 1 << 20

func checkText(t *testing.T, out string, want ...string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Error("output is not valid UTF-8")
	}
	if strings.ContainsRune(out, 0) {
		t.Error("output holds a NUL")
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

// TestHostileHTML: 100,000 levels of nesting of each kind a tree builder
// would recurse on, and floods of a million tiny elements (inputs up to
// 20 MiB), each in under 10 s and 384 MiB of heap growth (garbage
// included: the sampler sees what the GC has not yet swept).
func TestHostileHTML(t *testing.T) {
	const depth = 100_000
	nest := func(open, close string) string {
		return strings.Repeat(open, depth) + "deep text" + strings.Repeat(close, depth)
	}
	tests := []struct{ name, in string }{
		{"divs", nest("<div>", "</div>")},
		{"unclosed divs", strings.Repeat("<div>", depth) + "deep text"},
		{"inline", nest("<b><i><font>", "</font></i></b>")},
		{"tables", nest("<table><tr><td>", "</td></tr></table>")},
		{"unclosed tables", strings.Repeat("<table><tr><td>", depth) + "deep text"},
		{"lists", nest("<ol><li>", "</li></ol>")},
		{"hidden", nest(`<div style="display:none">`, "</div>") + "<p>deep text</p>"},
		{"mismatched", strings.Repeat("<div><span></div></p></td>", depth) + "deep text"},
		{"million paragraphs", strings.Repeat("<p>a</p>", 1_000_000) + "<p>deep text</p>"},
		{"million br", strings.Repeat("x<br>", 1_000_000) + "deep text"},
		{"million cells", "<table><tr>" + strings.Repeat("<td>a</td>", 1_000_000) + "</tr><tr><td>deep text</td></tr></table>"},
		{"million rows", "<table>" + strings.Repeat("<tr><td>1.</td><td>a</td></tr>", 300_000) + "<tr><td>deep text</td></tr></table>"},
		{"page breaks", strings.Repeat("<p>a</p><hr>", 300_000) + "<p>deep text</p>"},
		{"page numbers only", strings.Repeat("<p>- 2 -</p><hr>", 300_000) + "<p>deep text</p>"},
		{"NULs", strings.Repeat("<p>a\x00b</p>\x00<\x00p>", 100_000) + "deep text"},
		{"invalid UTF-8", strings.Repeat("<p>\xff\xfe\xc3(\xed\xa0\x80</p>", 100_000) + "deep text"},
		{"huge attribute", `<p title="` + strings.Repeat("x", 20*mib) + `">deep text</p>`},
		{"unterminated comment", "<p>deep text</p><!--" + strings.Repeat("<p>x</p>", 100_000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out string
			var err error
			bounded(t, 10*time.Second, 384*mib, func() { out, err = HTMLToText(tt.in) })
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"deep text"}
			if tt.name == "hidden" {
				if strings.Count(out, "deep text") != 1 {
					t.Errorf("hidden text shown: %d times", strings.Count(out, "deep text"))
				}
			}
			checkText(t, out, want...)
		})
	}
}

// TestHostileHugeText: 100 MB inputs go through HTMLToText and PlainText
// in under 60 s each and 1.5 GiB of heap (the input itself is 100 MiB).
func TestHostileHugeText(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB inputs: skipped in -short")
	}
	var b strings.Builder
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"the", "Shares", "have", "been", "duly", "authorized", "and", "validly", "issued", "fully", "paid", "nonassessable.", "Company", "opinion"}
	col := 0
	for b.Len() < 100*mib {
		w := words[r.IntN(len(words))]
		b.WriteString(w)
		col += len(w) + 1
		if col > 72 {
			b.WriteByte('\n')
			col = 0
			if r.IntN(10) == 0 {
				b.WriteByte('\n')
			}
		} else {
			b.WriteByte(' ')
		}
	}
	text := b.String()
	t.Run("plain", func(t *testing.T) {
		var out string
		bounded(t, 60*time.Second, 1536*mib, func() { out = PlainText(text) })
		checkText(t, out[:1000], "Shares")
		if len(out) < 90*mib {
			t.Errorf("output only %d bytes", len(out))
		}
	})
	t.Run("html", func(t *testing.T) {
		in := "<html><body><p>" + strings.ReplaceAll(text, "\n\n", "</p><p>") + "</p></body></html>"
		var out string
		var err error
		bounded(t, 60*time.Second, 1536*mib, func() { out, err = HTMLToText(in) })
		if err != nil {
			t.Fatal(err)
		}
		checkText(t, out[:1000], "Shares")
		if len(out) < 90*mib {
			t.Errorf("output only %d bytes", len(out))
		}
	})
	t.Run("one line", func(t *testing.T) {
		in := strings.Repeat("x", 100*mib)
		var out string
		bounded(t, 60*time.Second, 1536*mib, func() { out = PlainText(in) })
		if len(out) != 100*mib+1 {
			t.Errorf("output %d bytes", len(out))
		}
	})
}

// TestHostileManyLines: a million tiny lines in under 20 s and 512 MiB.
func TestHostileManyLines(t *testing.T) {
	tests := []struct{ name, in string }{
		{"lines", strings.Repeat("a\n", 1_000_000) + "last\n"},
		{"blank lines", strings.Repeat("\n", 1_000_000) + "last\n"},
		{"CRs", strings.Repeat("a\r", 1_000_000) + "last\r"},
		{"page markers", strings.Repeat("a\n<PAGE>\n", 500_000) + "last\n"},
		{"form feeds and page numbers", strings.Repeat("a\n\n- 2 -\n\f", 300_000) + "last\n"},
		{"page numbers only", strings.Repeat("\n2\n\f", 300_000) + "last\n"},
		{"table rows", strings.Repeat("Name     State\n", 1_000_000) + "\nlast\n"},
		{"NULs and controls", strings.Repeat("\x00\x01a\x7f\n", 1_000_000) + "last\n"},
		{"invalid UTF-8", strings.Repeat("\xff\xc3\n", 1_000_000) + "last\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out string
			bounded(t, 20*time.Second, 512*mib, func() { out = PlainText(tt.in) })
			checkText(t, out, "last")
		})
	}
}

// TestHostileGzipBomb: a 1 MiB gzip file that inflates to 1 GiB is refused at
// the limit, reading no more than limit+1 bytes: under 5 s and 64 MiB.
func TestHostileGzipBomb(t *testing.T) {
	// 1,024 gzip members of 1 MiB of zeros each: gzip readers read them
	// as one stream, and building it costs one compression, not 1,024.
	var member bytes.Buffer
	w, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	w.Write(make([]byte, mib))
	w.Close()
	buf := bytes.NewBuffer(bytes.Repeat(member.Bytes(), 1024))
	path := filepath.Join(t.TempDir(), "bomb.htm")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("bomb: %d KiB compressed, 1 GiB inflated", buf.Len()>>10)
	var err error
	bounded(t, 5*time.Second, 64*mib, func() { _, err = ReadFile(path, 16*mib) })
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want ErrTooLarge naming the file", err)
	}
}

// submissionWith writes a public-style submission of n graphics, with an
// EX-5.1 every `every` documents.
func submissionWith(n, every int) []byte {
	var b bytes.Buffer
	b.WriteString("<SEC-DOCUMENT>0000000001-24-000001.txt : 20240101\n<SEC-HEADER>\nACCESSION NUMBER:\t\t0000000001-24-000001\nCONFORMED SUBMISSION TYPE:\tS-3\nFILED AS OF DATE:\t\t20240101\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tBig Filing Co\n\t\tCENTRAL INDEX KEY:\t0000000001\n</SEC-HEADER>\n")
	uu := strings.Repeat("M"+strings.Repeat("0", 60)+"\n", 40)
	for i := range n {
		if every > 0 && i%every == 0 {
			fmt.Fprintf(&b, "<DOCUMENT>\n<TYPE>EX-5.1\n<SEQUENCE>%d\n<FILENAME>ex5-%d.htm\n<TEXT>\n<HTML><P>Opinion %d</P></HTML>\n</TEXT>\n</DOCUMENT>\n", i+1, i, i)
			continue
		}
		fmt.Fprintf(&b, "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>%d\n<FILENAME>g%d.jpg\n<TEXT>\nbegin 644 g%d.jpg\n%s`\nend\n</TEXT>\n</DOCUMENT>\n", i+1, i, i, uu)
	}
	b.WriteString("</SEC-DOCUMENT>\n")
	return b.Bytes()
}

// TestHostileManyDocuments: 10,000 documents (~25 MB): skipped documents
// cost no memory (under 10 s, 64 MiB beyond the input); keeping all
// 10,000 stays bounded by the input (256 MiB).
func TestHostileManyDocuments(t *testing.T) {
	in := submissionWith(10_000, 1000)
	t.Logf("submission: %d MiB", len(in)>>20)
	var docs []Document
	var err error
	bounded(t, 10*time.Second, 64*mib, func() {
		_, docs, err = ReadSubmission(bytes.NewReader(in), IsExhibit5)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 10 {
		t.Errorf("got %d EX-5 documents, want 10", len(docs))
	}
	allEX5 := submissionWith(10_000, 1)
	bounded(t, 10*time.Second, 256*mib, func() {
		_, docs, err = ReadSubmission(bytes.NewReader(allEX5), IsExhibit5)
	})
	if err != nil || len(docs) != 10_000 {
		t.Fatalf("got %d documents, err %v", len(docs), err)
	}
	// 10,000 documents that never close: each is read to the next, with
	// an error per document (the first ten listed, the rest counted), no
	// recursion.
	unclosed := bytes.ReplaceAll(allEX5, []byte("</TEXT>\n</DOCUMENT>\n"), nil)
	bounded(t, 10*time.Second, 256*mib, func() {
		_, docs, err = ReadSubmission(bytes.NewReader(unclosed), IsExhibit5)
	})
	if len(docs) != 10_000 || err == nil || !strings.Contains(err.Error(), "document 1 (EX-5.1): <TEXT> not closed before the next <DOCUMENT>") ||
		!strings.HasSuffix(err.Error(), "and 9991 more problems") {
		t.Fatalf("got %d documents, err %.300v", len(docs), err)
	}
}

// TestHostileSubmissionBytes: NULs, invalid UTF-8, a 10 MiB line without
// newline, and random bytes never crash the SGML reader (under 5 s each).
func TestHostileSubmissionBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 8*mib)
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	good := submissionWith(3, 1)
	tests := []struct {
		name string
		in   []byte
		ok   bool
	}{
		{"NULs", bytes.ReplaceAll(good, []byte("Opinion"), []byte("Op\x00in\x00ion")), true},
		{"invalid UTF-8", bytes.ReplaceAll(good, []byte("Opinion"), []byte("\xff\xfe\xc3(")), true},
		{"long line", append(append([]byte("<SUBMISSION>\n<DOCUMENT>\n<TYPE>EX-5\n<TEXT>\n"), bytes.Repeat([]byte("<p>x"), 10*mib/4)...), "\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n"...), true},
		{"random", random, false},
		{"random after header", append(good[:200:200], random...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var docs []Document
			var err error
			bounded(t, 5*time.Second, 128*mib, func() { _, docs, err = ReadSubmission(bytes.NewReader(tt.in), IsExhibit5) })
			if tt.ok && err != nil {
				t.Fatal(err)
			}
			if !tt.ok && err == nil {
				t.Fatal("no error for garbage")
			}
			for _, d := range docs {
				out, herr := HTMLToText(DecodeText(d.Raw, true))
				if herr != nil {
					t.Fatal(herr)
				}
				checkText(t, out)
			}
		})
	}
}

// TestHostileReadFile: reading stops at limit+1 bytes even from an endless
// stream.
func TestHostileReadFile(t *testing.T) {
	var err error
	bounded(t, 5*time.Second, 64*mib, func() {
		_, err = readLimited(io.LimitReader(zeroReader{}, 1<<40), 8*mib, 1<<40)
	})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }
