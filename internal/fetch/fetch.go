// Package fetch brings Exhibit 5 legality opinions from EDGAR into a
// site's raw folder, politely and resumably.
//
// It finds filings in EDGAR's quarterly full index (form.idx, else
// master.idx), reads each filing's index page (ACCESSION-index.htm, else
// the directory's index.json with ACCESSION-index-headers.html), and
// downloads only the documents of type EX-5*, into
// DIR/raw/<CIK>/<ACCESSION>/<file>, with the filing's record
// (edgar.Filing) written last as filing.json: its presence means the
// folder is complete, and a later run skips it.
//
// Nothing under raw/ is ever half-written, whatever stops a run (Ctrl-C,
// kill -9, a full disk). Every file is downloaded into
// DIR/.exhibits/fetch/tmp and renamed, whole, into a staging folder
// DIR/.exhibits/fetch/staging/<ACCESSION>; when the filing's letters
// and record are all there, the folder is renamed into raw/. A killed
// run's temporary files are cleared by the next run, which keeps what it
// staged and fetches only the rest.
package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/exhibits/exhibits/internal/atomicfile"
	"github.com/exhibits/exhibits/internal/edgar"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// Options says what to fetch, from where, into where.
type Options struct {
	Site   string // the site root; files go to Site/raw
	Filter Filter // From and To are required: they choose the quarters
	Client *Client
	// Workers is how many filings are fetched at once (default 4); the
	// client's rate holds across all of them.
	Workers int
	// Progress, if set, gets a progress line redrawn in place (a terminal).
	Progress io.Writer
	// Now is the clock that decides which quarters are closed, and so
	// safe to cache (default time.Now).
	Now func() time.Time
}

// Summary is what a run did.
type Summary struct {
	Quarters  []Quarter
	Seen      int       // distinct filings matching the filter
	Filings   int       // filings completed by this run
	Letters   int       // EX-5 documents downloaded by this run
	Complete  int       // filings already complete (skipped, nothing sent)
	NoExhibit int       // filings without an EX-5 (skipped)
	Failed    []Failure // filings (or quarters) that failed, and why
	BadLines  int       // index lines that could not be read
	Requests  int64
	Elapsed   time.Duration
}

// A Failure is a filing, or a quarter's index, that could not be fetched.
type Failure struct {
	What string // "0001193125-22-186192 (ACME CORP, S-8)" or "2022 QTR2 full index"
	Err  error
}

func (f Failure) String() string { return f.What + ": " + f.Err.Error() }

// RecordName is the file fetch writes, last, in each accession folder.
const RecordName = edgar.FilingRecordName

// maxDocument bounds one downloaded document. An opinion letter is tens of
// kilobytes; a whole 1990s submission, from which old letters are cut,
// rarely passes 50 MB.
const (
	maxDocument   = 64 << 20
	maxSubmission = 512 << 20
)

// A job is one filing: its index entries, one per filer.
type job struct {
	Entry          // the entry whose CIK names the folder
	ciks  []string // every filer's CIK
}

type run struct {
	Options
	raw, state, tmp string
	noExhibit       *accessionSet

	mu  sync.Mutex
	sum *Summary

	done atomic.Int64
}

// Run fetches what o asks for and reports what it did. It stops early,
// with ctx's error, when ctx is cancelled; the summary is still valid.
// Failed filings are in the summary, not in the error.
func Run(ctx context.Context, o Options) (*Summary, error) {
	start := time.Now()
	if o.Client == nil {
		return nil, errors.New("fetch: no client")
	}
	sent := o.Client.Requests()
	if o.Filter.From == "" || o.Filter.To == "" {
		return nil, errors.New("fetch: no date range")
	}
	if len(o.Filter.Forms) == 0 {
		o.Filter.Forms, _ = ParseForms("")
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	from, err := time.Parse(time.DateOnly, o.Filter.From)
	if err != nil {
		return nil, err
	}
	to, err := time.Parse(time.DateOnly, o.Filter.To)
	if err != nil {
		return nil, err
	}
	r := &run{
		Options: o,
		raw:     filepath.Join(o.Site, "raw"),
		state:   filepath.Join(sitelock.StateDir(o.Site), "fetch"),
		sum:     &Summary{},
	}
	r.tmp = filepath.Join(r.state, "tmp")
	unlock, err := r.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	// Left by a killed run: partial downloads, never renamed into raw/.
	os.RemoveAll(r.tmp)
	for _, d := range []string{r.raw, r.tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	defer os.RemoveAll(r.tmp)
	r.noExhibit, err = loadAccessionSet(filepath.Join(r.state, "no-exhibit5.txt"))
	if err != nil {
		return nil, err
	}
	defer r.noExhibit.save()

	sum := r.sum
	defer func() {
		sum.Requests = o.Client.Requests() - sent
		sum.Elapsed = time.Since(start)
	}()
	sum.Quarters = Quarters(from, to)
	jobs, err := r.findFilings(ctx, sum.Quarters)
	if err != nil {
		return sum, err
	}
	sum.Seen = len(jobs)

	stopProgress := r.startProgress(len(jobs))
	defer stopProgress()
	queue := make(chan *job)
	var wg sync.WaitGroup
	for range min(o.Workers, max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				r.fetchFiling(ctx, j)
				r.done.Add(1)
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case queue <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	return sum, ctx.Err()
}

// lock makes one fetch at a time per site. It is not the site's writer
// lock: fetch writes only raw/, and an update may run beside it.
func (r *run) lock() (func(), error) {
	if err := os.MkdirAll(r.state, 0o755); err != nil {
		return nil, err
	}
	p := filepath.Join(r.state, "lock")
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: another exhibits fetch is running on this site", r.Site)
		}
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return func() { f.Close() }, nil
}

func (r *run) fail(what string, err error) {
	r.mu.Lock()
	r.sum.Failed = append(r.sum.Failed, Failure{What: what, Err: err})
	r.mu.Unlock()
}

func (r *run) count(f func(s *Summary)) {
	r.mu.Lock()
	f(r.sum)
	r.mu.Unlock()
}

// findFilings reads each quarter's index and returns the matching filings,
// one job per accession, in index order.
func (r *run) findFilings(ctx context.Context, quarters []Quarter) ([]*job, error) {
	byAcc := map[string]*job{}
	var jobs []*job
	for _, q := range quarters {
		bad, err := r.readQuarter(ctx, q, func(e Entry) error {
			if !r.Filter.Match(e) {
				return nil
			}
			j := byAcc[e.Accession]
			if j == nil {
				j = &job{Entry: e}
				byAcc[e.Accession] = j
				jobs = append(jobs, j)
			}
			j.ciks = append(j.ciks, e.CIK)
			if folderCIKBetter(e, j.Entry) {
				j.Entry = e
			}
			return nil
		})
		r.sum.BadLines += bad
		if ctx.Err() != nil {
			return jobs, ctx.Err()
		}
		if err != nil {
			r.fail(q.String()+" full index", err)
		}
	}
	return jobs, nil
}

// folderCIKBetter says whether e's CIK, rather than cur's, should name a
// co-registered filing's folder. Any choice works if it is the same on
// every run and in either index layout: the filer whose CIK begins the
// accession number (a self-filer) if it is one of them, else the lowest CIK,
// which is usually the parent and not a newly registered subsidiary.
func folderCIKBetter(e, cur Entry) bool {
	prefix := strings.TrimLeft(strings.SplitN(e.Accession, "-", 2)[0], "0")
	if cur.CIK == prefix {
		return false
	}
	if e.CIK == prefix {
		return true
	}
	a, _ := strconv.ParseUint(e.CIK, 10, 64)
	b, _ := strconv.ParseUint(cur.CIK, 10, 64)
	return a < b
}

// readQuarter reads a quarter's form.idx, else its master.idx. A closed
// quarter's index no longer changes, so it is kept (gzipped) in the state
// dir and read from there next time.
func (r *run) readQuarter(ctx context.Context, q Quarter, fn func(Entry) error) (int, error) {
	closed := r.Now().After(q.End().AddDate(0, 0, 7))
	cache := filepath.Join(r.state, "index", fmt.Sprintf("%d-QTR%d.idx.gz", q.Year, q.Q))
	if closed {
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			if zr, err := gzip.NewReader(f); err == nil {
				bad, err := ReadIndex(zr, fn)
				if err == nil {
					return bad, nil
				}
			}
			os.Remove(cache) // unreadable: fetch it again
		}
	}
	var body io.ReadCloser
	var err error
	for _, name := range []string{"form.idx", "master.idx"} {
		body, err = r.Client.Get(ctx, q.Dir()+name, r.Client.IndexTimeout)
		if !IsNotFound(err) {
			break
		}
	}
	if err != nil {
		return 0, err
	}
	defer body.Close()
	var src io.Reader = body
	var tmp *os.File
	var zw *gzip.Writer
	if closed {
		if err := os.MkdirAll(filepath.Dir(cache), 0o755); err == nil {
			if tmp, err = os.CreateTemp(r.tmp, "index-*"); err == nil {
				defer os.Remove(tmp.Name())
				defer tmp.Close()
				zw = gzip.NewWriter(tmp)
				src = io.TeeReader(body, zw)
			}
		}
	}
	bad, err := ReadIndex(src, fn)
	if err != nil {
		return bad, fmt.Errorf("%s: %w", r.Client.URL(q.Dir()), err)
	}
	if zw != nil {
		if _, err := io.Copy(io.Discard, src); err == nil && zw.Close() == nil && tmp.Close() == nil {
			os.Rename(tmp.Name(), cache)
		}
	}
	return bad, nil
}

// folder is where a filing's files go.
func (r *run) folder(cik, acc string) string { return filepath.Join(r.raw, cik, acc) }

// fetchFiling fetches one filing's Exhibit 5 documents and its record.
func (r *run) fetchFiling(ctx context.Context, j *job) {
	for _, cik := range j.ciks {
		if _, err := os.Stat(filepath.Join(r.folder(cik, j.Accession), RecordName)); err == nil {
			r.count(func(s *Summary) { s.Complete++ })
			return
		}
	}
	if r.noExhibit.has(j.Accession) {
		r.count(func(s *Summary) { s.NoExhibit++ })
		return
	}
	what := fmt.Sprintf("%s (%s, %s)", j.Accession, j.Company, j.Form)
	n, err := r.fetchDocuments(ctx, j)
	if ctx.Err() != nil {
		return // interrupted: not a failure of the filing
	}
	switch {
	case err != nil:
		r.fail(what, err)
	case n < 0:
		r.noExhibit.add(j.Accession)
		r.count(func(s *Summary) { s.NoExhibit++ })
	default:
		r.count(func(s *Summary) { s.Filings++; s.Letters += n })
	}
}

// filingDir is a filing's folder on EDGAR, as a URL path.
func filingDir(cik, acc string) string {
	return "/Archives/edgar/data/" + cik + "/" + strings.ReplaceAll(acc, "-", "") + "/"
}

// fetchDocuments downloads j's EX-5 documents that are not there yet and
// then writes its record. It returns how many it downloaded, or -1 if the
// filing has no Exhibit 5.
func (r *run) fetchDocuments(ctx context.Context, j *job) (int, error) {
	docs, whole, err := r.documents(ctx, j)
	if err != nil {
		return 0, err
	}
	// Letters gather in a staging folder (kept across runs, so a resumed
	// run fetches only what is missing) and the folder moves into raw/
	// whole, record and all: a folder under raw/ is always complete, even
	// to an update running beside this fetch.
	final := r.folder(j.CIK, j.Accession)
	stage := filepath.Join(r.state, "staging", j.Accession)
	have := func(name string) bool {
		for _, d := range []string{stage, final} {
			if _, err := os.Stat(filepath.Join(d, name)); err == nil {
				return true
			}
		}
		return false
	}
	rec := edgar.Filing{
		Accession: j.Accession,
		CIK:       j.CIK,
		Company:   j.Company,
		FormType:  j.Form,
		Filed:     j.Filed,
		Documents: []edgar.FilingDocument{},
	}
	n := 0
	if whole != nil {
		// An old filing: EDGAR did not split it into documents, so its
		// letters are cut out of the complete submission.
		n, rec.Documents, err = r.cutFromSubmission(ctx, stage, have, *whole)
		if err != nil {
			return 0, err
		}
		if len(rec.Documents) == 0 {
			return -1, nil
		}
	} else {
		if len(docs) == 0 {
			return -1, nil
		}
		if err := os.MkdirAll(stage, 0o755); err != nil {
			return 0, err
		}
		for _, d := range docs {
			if err := safeName(d.Filename); err != nil {
				return n, err
			}
			if !have(d.Filename) {
				if err := r.download(ctx, d.Path, filepath.Join(stage, d.Filename), maxDocument); err != nil {
					return n, err
				}
				n++
			}
			rec.Documents = append(rec.Documents, edgar.FilingDocument{
				Filename: d.Filename,
				Type:     strings.ToUpper(d.Type),
				URL:      DefaultBaseURL + d.Path,
			})
		}
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return n, err
	}
	if err := r.writeFile(filepath.Join(stage, RecordName), bytes.NewReader(append(b, '\n')), maxDocument); err != nil {
		return n, err
	}
	return n, r.publish(stage, final)
}

// publish moves a complete staging folder to its place under raw/: in one
// rename when it can, else (the folder is already there, made by hand or
// by an older run; raw/ is on another file system) file by file, the
// record last.
func (r *run) publish(stage, final string) error {
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return err
	}
	if err := os.Rename(stage, final); err != nil {
		entries, err := os.ReadDir(stage)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(final, 0o755); err != nil {
			return err
		}
		sort.Slice(entries, func(i, j int) bool { return entries[j].Name() == RecordName })
		for _, e := range entries {
			src, dst := filepath.Join(stage, e.Name()), filepath.Join(final, e.Name())
			if os.Rename(src, dst) == nil {
				continue
			}
			f, err := os.Open(src)
			if err != nil {
				return err
			}
			err = r.writeFile(dst, f, maxSubmission)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", dst, err)
			}
		}
		if err := os.RemoveAll(stage); err != nil {
			return err
		}
	}
	return nil
}

// documents lists a filing's Exhibit 5 documents from its index page, or,
// when there is none, from its directory listing and SGML headers. A
// filing EDGAR never split into documents yields its complete submission
// as whole instead.
func (r *run) documents(ctx context.Context, j *job) (docs []IndexDocument, whole *IndexDocument, err error) {
	dir := filingDir(j.CIK, j.Accession)
	fi, err := r.getIndex(ctx, dir+j.Accession+"-index.htm", ParseIndexHTM)
	if err == nil {
		// A filing of the 1990s links only its complete submission (with
		// or without a type beside it): no document is a file of its own.
		split := false
		var sub *IndexDocument
		for i, d := range fi.Documents {
			if d.Path == "" || !strings.HasPrefix(d.Path, "/") {
				continue
			}
			if d.Filename == j.Accession+".txt" {
				sub = &fi.Documents[i]
				continue
			}
			split = true
			if IsExhibit5(d.Type) && textDocument(d.Filename) {
				docs = append(docs, d)
			}
		}
		if !split && sub != nil {
			return nil, sub, nil
		}
		return docs, nil, nil
	}
	if !IsNotFound(err) {
		return nil, nil, err
	}
	names, err := r.getIndexJSON(ctx, dir+"index.json")
	if err != nil {
		return nil, nil, err
	}
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	if h := j.Accession + "-index-headers.html"; has[h] {
		sh, err := r.getHeaders(ctx, dir+h)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range sh.Documents {
			if IsExhibit5(d.Type) && textDocument(d.Filename) && has[d.Filename] {
				docs = append(docs, IndexDocument{Seq: d.Sequence, Description: d.Description,
					Filename: d.Filename, Path: dir + d.Filename, Type: d.Type, Size: -1})
			}
		}
		if len(sh.Documents) > 0 && sh.Documents[0].Filename != "" || len(docs) > 0 {
			return docs, nil, nil
		}
	}
	// No document types anywhere: go by the names EDGAR's filing agents
	// give exhibits, else cut from the complete submission.
	for _, n := range names {
		if t := exhibit5Type(n); t != "" {
			docs = append(docs, IndexDocument{Filename: n, Path: dir + n, Type: t, Size: -1})
		}
	}
	if len(docs) == 0 && has[j.Accession+".txt"] {
		return nil, &IndexDocument{Filename: j.Accession + ".txt", Path: dir + j.Accession + ".txt", Size: -1}, nil
	}
	return docs, nil, nil
}

func (r *run) getIndex(ctx context.Context, p string, parse func(io.Reader) (*FilingIndex, error)) (*FilingIndex, error) {
	body, err := r.Client.Get(ctx, p, 0)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	fi, err := parse(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Client.URL(p), err)
	}
	return fi, nil
}

func (r *run) getIndexJSON(ctx context.Context, p string) ([]string, error) {
	body, err := r.Client.Get(ctx, p, 0)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	names, err := ParseIndexJSON(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Client.URL(p), err)
	}
	return names, nil
}

func (r *run) getHeaders(ctx context.Context, p string) (*SubmissionHeader, error) {
	body, err := r.Client.Get(ctx, p, 0)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	h, err := ParseIndexHeaders(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Client.URL(p), err)
	}
	return h, nil
}

// download gets p into dst through a temporary file. A body cut short
// (a reset, a stall past the timeout) is tried again like a refused
// request.
func (r *run) download(ctx context.Context, p, dst string, limit int64) error {
	var err error
	for try := 1; try <= max(r.Client.Tries, 1); try++ {
		var body io.ReadCloser
		body, err = r.Client.Get(ctx, p, 0)
		if err != nil {
			return err
		}
		err = r.writeFile(dst, body, limit)
		body.Close()
		if err == nil || ctx.Err() != nil || errors.Is(err, errTooLarge) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", r.Client.URL(p), err)
	}
	return nil
}

var errTooLarge = errors.New("too large")

// writeFile copies src to a temporary file outside raw/, syncs it and
// renames it to dst, so dst is either absent or whole.
func (r *run) writeFile(dst string, src io.Reader, limit int64) (err error) {
	f, err := os.CreateTemp(r.tmp, "dl-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	n, err := io.Copy(f, io.LimitReader(src, limit+1))
	if err != nil {
		return err
	}
	if n > limit {
		return fmt.Errorf("%w: larger than %s", errTooLarge, size(limit))
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), dst); err != nil {
		return err
	}
	return nil
}

// textDocument reports whether a document is one of the forms EDGAR
// accepts as the official text of an exhibit (HTML or plain text), not
// an unofficial PDF copy or a graphic.
func textDocument(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".htm", ".html", ".txt":
		return true
	}
	return false
}

// safeName refuses a document name that is not a plain file name, or that
// would hide or replace the filing's record.
func safeName(name string) error {
	if name == "" || name != path.Base(name) || name != filepath.Base(name) || strings.ContainsAny(name, "/\\\x00") ||
		strings.HasPrefix(name, ".") || name == RecordName || len(name) > 200 {
		return fmt.Errorf("document name %q: not a plain file name", name)
	}
	return nil
}

// accessionSet is the filings known to have no Exhibit 5, kept across runs
// so that a rerun does not ask EDGAR about them again.
type accessionSet struct {
	path  string
	mu    sync.Mutex
	set   map[string]bool
	dirty int
}

func loadAccessionSet(p string) (*accessionSet, error) {
	s := &accessionSet{path: p, set: map[string]bool{}}
	b, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, l := range strings.Fields(string(b)) {
		if ValidAccession(l) {
			s.set[l] = true
		}
	}
	return s, nil
}

func (s *accessionSet) has(acc string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.set[acc]
}

func (s *accessionSet) add(acc string) {
	s.mu.Lock()
	s.set[acc] = true
	s.dirty++
	save := s.dirty >= 100
	s.mu.Unlock()
	if save {
		s.save()
	}
}

func (s *accessionSet) save() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dirty == 0 {
		return
	}
	list := make([]string, 0, len(s.set))
	for a := range s.set {
		list = append(list, a)
	}
	sort.Strings(list)
	if _, err := atomicfile.Write(s.path, []byte(strings.Join(list, "\n")+"\n"), 0o644); err == nil {
		s.dirty = 0
	}
}
