package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/exhibits/exhibits/internal/edgar"
	"github.com/exhibits/exhibits/internal/extract"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/markdown"
)

// Bounds on what one input may cost. A submission may be large (every
// exhibit of a filing, graphics included); one letter never is: the
// longest real ones are a few hundred KB of HTML.
const (
	MaxFileSize    = 128 << 20 // bytes read from one file, after gunzip
	MaxExhibitSize = 16 << 20  // bytes of one filed exhibit
	MaxTextSize    = 2 << 20   // bytes of one letter's text
)

// built is one letter ready to write.
type built struct {
	file     string // the input it came from
	doc      string // which document of it: "EX-5.1" or the file's base name
	id       string
	page     []byte // index.md
	original []byte // the filed bytes
	origName string // "original.htm" or "original.txt"

	l    *letter.Letter
	body string // Markdown

	cached bool // the page is in place from an earlier run (see cache)
}

// problem is a Problem before it is sorted into Skipped or Failed.
type problem struct {
	file, reason string
	fail         bool
}

// reader turns one input file into letters.
type reader struct{ ex *extract.Extractor }

func newReader(ex *extract.Extractor) *reader { return &reader{ex} }

// exhibit is one filed document with what is known of its filing.
type exhibit struct {
	file   string
	doc    edgar.Document
	filing edgar.Filing
	url    string
	bare   bool // a file of its own, not a document of a submission
}

// filesRead counts the inputs read (not served from the cache), for tests.
var filesRead atomic.Int64

func (r *reader) file(path string) ([]*built, []problem) {
	filesRead.Add(1)
	fail := func(format string, a ...any) ([]*built, []problem) {
		return nil, []problem{{path, fmt.Sprintf(format, a...), true}}
	}
	data, err := edgar.ReadFile(path, MaxFileSize)
	if err != nil {
		if errors.Is(err, edgar.ErrTooLarge) {
			return fail("larger than %d MiB, the most one input may be", MaxFileSize>>20)
		}
		return fail("%s", strings.TrimPrefix(reason(err), path+": "))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail("empty file")
	}
	var exs []exhibit
	if edgar.IsSubmission(data) {
		h, docs, err := edgar.ReadSubmission(bytes.NewReader(data), edgar.IsExhibit5)
		if err != nil {
			return fail("%s", strings.TrimPrefix(err.Error(), path+": "))
		}
		if len(docs) == 0 {
			return nil, []problem{{path, "submission holds no EX-5 document", false}}
		}
		f := edgar.Filing{Accession: h.Accession, CIK: h.CIK, Company: h.Company, FormType: h.FormType, Filed: h.Filed}
		for _, d := range docs {
			if len(d.Raw) < len(data)/2 {
				d.Raw = bytes.Clone(d.Raw) // let the rest of a big submission go
			}
			url := ""
			if f.CIK != "" && f.Accession != "" && d.Filename != "" {
				url = edgar.ExhibitURL(f.CIK, f.Accession, d.Filename)
			}
			exs = append(exs, exhibit{file: path, doc: d, filing: f, url: url})
		}
	} else {
		if looksBinary(data) {
			return fail("binary data, not a letter")
		}
		name := strings.TrimSuffix(filepath.Base(path), ".gz")
		name = strings.TrimSuffix(name, ".GZ")
		ext := strings.ToLower(filepath.Ext(name))
		e := exhibit{file: path, bare: true, doc: edgar.Document{
			Filename: name,
			Raw:      data,
			HTML:     ext == ".htm" || ext == ".html" || (ext != ".txt" && edgar.LooksHTML(data)) || (ext == ".txt" && looksHTMLDocument(data)),
		}}
		f, ok, err := edgar.LocateFiling(path)
		if err != nil {
			return fail("filing record: %s", err)
		}
		if ok {
			e.filing = f
			for _, d := range f.Documents {
				if d.Filename == name {
					e.doc.Type = d.Type
					if strings.HasPrefix(d.URL, "https://") || strings.HasPrefix(d.URL, "http://") {
						e.url = d.URL // not javascript: or the like from a planted record
					}
				}
			}
			if e.doc.Type != "" && !edgar.IsExhibit5(e.doc.Type) {
				return nil, []problem{{path, fmt.Sprintf("filed as %s, not an Exhibit 5", e.doc.Type), false}}
			}
			if e.url == "" && f.CIK != "" && f.Accession != "" {
				e.url = edgar.ExhibitURL(f.CIK, f.Accession, name)
			}
		}
		exs = append(exs, e)
	}

	var out []*built
	var probs []problem
	ids := map[string]int{}
	for _, e := range exs {
		b, err := r.letter(e)
		if err != nil {
			what := path
			if !e.bare {
				what = path + " " + cmpOr(e.doc.Type, "document "+e.doc.Sequence)
			}
			var skip skipError
			probs = append(probs, problem{what, err.Error(), !errors.As(err, &skip)})
			continue
		}
		// Two documents of one filing filed under the same type
		// ("EX-5.1" twice) are two letters: number the later ones.
		if n := ids[b.id]; n > 0 {
			ids[b.id] = n + 1
			b.id = fmt.Sprintf("%s-%d", b.id, n+1)
			if err := b.rebuild(); err != nil {
				probs = append(probs, problem{path, err.Error(), true})
				continue
			}
		} else {
			ids[b.id] = 1
		}
		out = append(out, b)
	}
	return out, probs
}

// skipError is a reason to skip, not a failure.
type skipError struct{ msg string }

func (e skipError) Error() string { return e.msg }

// validID is what a bundle directory may be named; anything else (an
// accession number from a hostile header) must not reach the file system.
var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)

func (r *reader) letter(e exhibit) (*built, error) {
	if len(e.doc.Raw) > MaxExhibitSize {
		return nil, fmt.Errorf("exhibit of %d MiB, more than the %d MiB a letter may be", len(e.doc.Raw)>>20, MaxExhibitSize>>20)
	}
	s := edgar.DecodeText(e.doc.Raw, e.doc.HTML)
	var text string
	if e.doc.HTML {
		var err error
		if text, err = edgar.HTMLToText(s); err != nil {
			return nil, fmt.Errorf("HTML: %w", err)
		}
	} else {
		text = edgar.PlainText(s)
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("no text in the exhibit")
	}
	if len(text) > MaxTextSize {
		return nil, fmt.Errorf("%d MiB of text, more than the %d MiB a letter may be", len(text)>>20, MaxTextSize>>20)
	}
	if e.bare && e.doc.Type == "" && !readsLikeOpinion(text) {
		return nil, skipError{"does not read like a legal opinion"}
	}
	md := r.ex.Extract(text)
	l := merge(e, md)
	l.ID = letter.ID(e.filing.Accession, e.doc.Type, text)
	if e.filing.Accession != "" && e.doc.Type == "" {
		// Without its exhibit number the accession does not tell two
		// letters of one filing apart; the text does.
		l.ID = letter.ID("", "", text)
	}
	if !validID.MatchString(l.ID) {
		return nil, fmt.Errorf("accession number %q is not one", e.filing.Accession)
	}
	b := &built{
		file:     e.file,
		doc:      cmpOr(e.doc.Type, filepath.Base(e.file)),
		id:       l.ID,
		original: e.doc.Raw,
		origName: l.Source.Original,
	}
	b.body = markdown.FromText(text)
	b.l = l
	return b, b.rebuild()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// looksBinary reports data that is not text in any charset: control
// characters, NULs included, make up more than one byte in twenty of its
// first 8 KiB.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	n := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			n++
		}
	}
	return n*20 > len(head)
}

// looksHTMLDocument is for a .txt that is really an HTML page.
func looksHTMLDocument(data []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("<html")) || bytes.HasPrefix(head, []byte("<!doctype html"))
}

var opinionWords = regexp.MustCompile(`(?i)opinion|validly issued|legally issued|fully paid|binding obligation|counsel|exhibit 5`)

// readsLikeOpinion keeps a walk over a folder from turning every text file
// in it (a README, notes) into a letter.
func readsLikeOpinion(text string) bool { return opinionWords.MatchString(text) }
