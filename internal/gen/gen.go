// Package gen writes made-up but realistic Exhibit 5 legality opinions in
// every shape EDGAR serves them (bare 1990s text, bare HTML, full
// submission files in both header styles, the raw/<CIK>/<ACCESSION>/
// layout, gzip copies, windows-1252 bytes), with a labels.jsonl in the
// format of the corpus labels, for benchmarks and scale tests.
//
// Output is a pure function of the seed and the letter's index: letter i
// is the same whatever the count, and generation streams, holding one
// batch of letters in memory at a time.
package gen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"golang.org/x/text/encoding/charmap"
)

// Shape is the input shape a letter is written in.
type Shape string

const (
	ShapeText    Shape = "text"       // bare plain-text exhibit
	ShapeHTML    Shape = "html"       // bare HTML exhibit
	ShapePublic  Shape = "sec-header" // submission .txt with <SEC-DOCUMENT>/<SEC-HEADER>
	ShapeTagged  Shape = "submission" // submission with tagged <SUBMISSION> header
	ShapeRaw     Shape = "raw"        // raw/<CIK>/<ACCESSION>/<file> + filing.json
	ShapeGzip    Shape = "gzip"       // any of the above, gzip-compressed
	ShapeWin1252 Shape = "cp1252"     // bare text or HTML in windows-1252 bytes
)

// Shapes lists every shape, in a fixed order.
var Shapes = []Shape{ShapeText, ShapeHTML, ShapePublic, ShapeTagged, ShapeRaw, ShapeGzip, ShapeWin1252}

// Label is one line of labels.jsonl, as LABELING.md defines it.
type Label struct {
	File          string   `json:"file"`
	Exhibit       string   `json:"exhibit,omitempty"`
	Firm          string   `json:"firm"`
	Issuer        string   `json:"issuer"`
	Date          string   `json:"date"`
	Form          string   `json:"form"`
	Shares        *int64   `json:"shares"`
	Plans         []string `json:"plans"`
	Jurisdictions []string `json:"jurisdictions"`
}

// Options control a run.
type Options struct {
	N    int    // letters to write (a submission with two EX-5s counts as one)
	Seed uint64 // same seed, same bytes
	Jobs int    // workers; 0 means GOMAXPROCS
}

// Stats sums up a run.
type Stats struct {
	Files   int           // letter files written (not counting filing.json)
	Letters int           // labels written (EX-5 documents)
	Bytes   int64         // bytes of letter files
	Shapes  map[Shape]int // files per shape
}

// File is one generated input file: its path under DIR, its bytes, and
// the labels of the letters it holds.
type File struct {
	Path   string
	Data   []byte
	Shape  Shape
	Labels []Label
	// Extra files written beside it (filing.json).
	Extra map[string][]byte
}

// Generate returns the file(s) for letter i. Pure: same seed and i, same
// result.
func Generate(seed uint64, i int) File {
	r := rand.New(rand.NewPCG(seed^0xc0ffee, uint64(i)))
	s := newSpec(seed, i)
	shape := chooseShape(r, s)
	return build(r, seed, s, shape)
}

func chooseShape(r *rand.Rand, s *spec) Shape {
	w := r.IntN(100)
	switch {
	case w < 14:
		return ShapeText
	case w < 34:
		return ShapeHTML
	case w < 56:
		return ShapePublic
	case w < 68:
		return ShapeTagged
	case w < 86:
		return ShapeRaw
	case w < 93:
		return ShapeGzip
	default:
		return ShapeWin1252
	}
}

// htmlEra reports whether a letter of this year is filed as HTML: never
// before 2001 (EDGAR took HTML from 2000), mostly after 2004.
func htmlEra(r *rand.Rand, year int) bool {
	switch {
	case year < 2001:
		return false
	case year < 2005:
		return r.IntN(2) == 0
	default:
		return r.IntN(20) != 0
	}
}

func styleFor(r *rand.Rand, year int) int {
	switch {
	case year < 2008:
		return r.IntN(2)
	case year < 2016:
		return 1 + r.IntN(2)
	default:
		if r.IntN(4) == 0 {
			return 1
		}
		return 2
	}
}

func shard(i int) string { return fmt.Sprintf("%03d", i/1000) }

func label(s *spec, file, exhibit string) Label {
	l := Label{File: file, Exhibit: exhibit, Firm: s.FirmName, Issuer: s.Issuer.Name,
		Date: s.Date.Format("2006-01-02"), Form: s.Form, Plans: s.Plans, Jurisdictions: s.Juris}
	if l.Plans == nil {
		l.Plans = []string{}
	}
	if s.Shares > 0 {
		n := s.Shares
		l.Shares = &n
	}
	return l
}

// body renders spec s as a document body: HTML or text by era.
func body(r *rand.Rand, s *spec, html bool, pageTags bool, base string) []byte {
	if html {
		logo, sig := "", ""
		if r.IntN(2) == 0 {
			logo = fmt.Sprintf("g%07dlogo.jpg", s.I)
		}
		if r.IntN(3) == 0 {
			sig = fmt.Sprintf("g%07dsig%s.jpg", s.I, s.Exhibit[2:])
		}
		return []byte(renderHTML(r, s, styleFor(r, s.Year), logo, sig))
	}
	return []byte(renderText(r, s, pageTags, s.Curly && r.IntN(2) == 0))
}

// graphics lists the image files an HTML body refers to.
func graphics(doc []byte) []string {
	var names []string
	for _, tag := range [][]byte{[]byte(`SRC="`), []byte(`src="`)} {
		rest := doc
		for {
			k := bytes.Index(rest, tag)
			if k < 0 {
				break
			}
			rest = rest[k+len(tag):]
			e := bytes.IndexByte(rest, '"')
			if e < 0 {
				break
			}
			names = append(names, string(rest[:e]))
		}
	}
	return names
}

func build(r *rand.Rand, seed uint64, s *spec, shape Shape) File {
	base := fmt.Sprintf("%07d", s.I)
	switch shape {
	case ShapeText:
		name := "ex5-" + base + ".txt"
		s2 := *s
		return File{Path: filepath.Join(shard(s.I), name), Shape: shape, Data: []byte(asciiQuotes.Replace(renderText(r, &s2, false, false))),
			Labels: []Label{label(s, name, "")}}
	case ShapeHTML:
		name := "d" + base + "dex5" + s.Exhibit[2:] + ".htm"
		html := s.Year >= 2001
		if !html {
			name = "ex5-" + base + ".txt"
		}
		return File{Path: filepath.Join(shard(s.I), name), Shape: shape, Data: body(r, s, html, false, base),
			Labels: []Label{label(s, name, "")}}
	case ShapeWin1252:
		html := htmlEra(r, s.Year) && r.IntN(2) == 0
		s.Curly = true
		var text string
		var name string
		if html {
			name = "d" + base + "dex5" + s.Exhibit[2:] + ".htm"
			// Raw windows-1252 bytes in HTML: typographic quotes as bytes, not entities.
			text = renderHTML(r, s, 0, "", "")
			text = ent1252Undo.Replace(text)
		} else {
			name = "ex5-" + base + ".txt"
			text = renderText(r, s, false, true)
		}
		enc, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
		if err != nil {
			panic(fmt.Sprintf("gen: letter %d: windows-1252: %v", s.I, err))
		}
		return File{Path: filepath.Join(shard(s.I), name), Shape: shape, Data: enc, Labels: []Label{label(s, name, "")}}
	case ShapeGzip:
		inner := []Shape{ShapeText, ShapeHTML, ShapePublic, ShapeTagged}[r.IntN(4)]
		f := build(r, seed, s, inner)
		var buf bytes.Buffer
		buf.Grow(len(f.Data) / 3)
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(f.Data)
		zw.Close()
		f.Path += ".gz"
		f.Data = buf.Bytes()
		f.Shape = shape
		for k := range f.Labels {
			f.Labels[k].File += ".gz"
		}
		return f
	case ShapePublic, ShapeTagged:
		return submission(r, seed, s, shape)
	case ShapeRaw:
		return rawFiling(r, seed, s)
	}
	panic("gen: unknown shape " + string(shape))
}

var ent1252Undo = strings1252()

// Write generates opt.N letters under dir and dir/labels.jsonl. Files are
// generated in parallel but labels are written in index order, so the
// output is byte-identical for a seed whatever the number of workers.
func Write(ctx context.Context, dir string, opt Options) (Stats, error) {
	st := Stats{Shapes: map[Shape]int{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	lf, err := os.Create(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		return st, err
	}
	defer lf.Close()
	lw := bufio.NewWriterSize(lf, 1<<16)
	enc := json.NewEncoder(lw)
	enc.SetEscapeHTML(false)
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	const batch = 512
	madeDirs := sync.Map{}
	mkdir := func(d string) error {
		if _, ok := madeDirs.Load(d); ok {
			return nil
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		madeDirs.Store(d, true)
		return nil
	}
	results := make([][]Label, batch)
	sizes := make([]int64, batch)
	shapes := make([]Shape, batch)
	errs := make([]error, batch)
	for start := 0; start < opt.N; start += batch {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		end := min(start+batch, opt.N)
		var wg sync.WaitGroup
		next := make(chan int)
		for w := 0; w < jobs; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					k := i - start
					f := Generate(opt.Seed, i)
					results[k], sizes[k], shapes[k], errs[k] = f.Labels, int64(len(f.Data)), f.Shape, writeFile(dir, f, mkdir)
				}
			}()
		}
		for i := start; i < end; i++ {
			next <- i
		}
		close(next)
		wg.Wait()
		for k := 0; k < end-start; k++ {
			if errs[k] != nil {
				return st, errs[k]
			}
			st.Files++
			st.Bytes += sizes[k]
			st.Shapes[shapes[k]]++
			for _, l := range results[k] {
				if err := enc.Encode(l); err != nil {
					return st, err
				}
				st.Letters++
			}
		}
	}
	if err := lw.Flush(); err != nil {
		return st, err
	}
	return st, lf.Close()
}

func writeFile(dir string, f File, mkdir func(string) error) error {
	p := filepath.Join(dir, f.Path)
	if err := mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := os.WriteFile(p, f.Data, 0o644); err != nil {
		return err
	}
	for name, data := range f.Extra {
		if err := os.WriteFile(filepath.Join(filepath.Dir(p), name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
