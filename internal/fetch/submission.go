package fetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/exhibits/exhibits/internal/edgar"
)

// CutExhibit5 reads a complete submission text file (the SGML form EDGAR
// keeps of every filing) and calls fn with each EX-5 document's header and
// the content of its <TEXT>. It streams: only the EX-5 documents are held
// in memory, each up to max bytes.
func CutExhibit5(r io.Reader, max int, fn func(HeaderDocument, []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		inDoc, inText, keep bool
		doc                 HeaderDocument
		buf                 bytes.Buffer
		line                []byte
	)
	for {
		// Read a line of any length; keep it only while inside the text
		// of an EX-5.
		line = line[:0]
		var err error
		for {
			var frag []byte
			frag, err = br.ReadSlice('\n')
			if keep && inText || len(line) < 256 {
				line = append(line, frag...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		if len(line) == 0 && err == io.EOF {
			break
		}
		t := string(bytes.TrimSpace(line[:min(len(line), 256)]))
		switch {
		case t == "<DOCUMENT>":
			inDoc, inText, keep = true, false, false
			doc = HeaderDocument{}
			buf.Reset()
		case !inDoc:
		case t == "</DOCUMENT>":
			if keep {
				if err := fn(doc, bytes.Clone(buf.Bytes())); err != nil {
					return err
				}
			}
			inDoc, inText, keep = false, false, false
		case inText && strings.HasPrefix(t, "</TEXT>"):
			inText = false
		case inText:
			if keep {
				if buf.Len()+len(line) > max {
					return fmt.Errorf("%s document %s: larger than %s", doc.Type, doc.Sequence, size(int64(max)))
				}
				buf.Write(line)
			}
		case t == "<TEXT>":
			inText = true
			keep = IsExhibit5(doc.Type)
		case strings.HasPrefix(t, "<TYPE>"):
			doc.Type = strings.TrimSpace(t[len("<TYPE>"):])
		case strings.HasPrefix(t, "<SEQUENCE>"):
			doc.Sequence = strings.TrimSpace(t[len("<SEQUENCE>"):])
		case strings.HasPrefix(t, "<FILENAME>"):
			doc.Filename = strings.TrimSpace(t[len("<FILENAME>"):])
		case strings.HasPrefix(t, "<DESCRIPTION>"):
			doc.Description = strings.TrimSpace(t[len("<DESCRIPTION>"):])
		}
		if err == io.EOF {
			break
		}
	}
	if inDoc && keep {
		return errors.New("submission ends inside an EX-5 document: truncated")
	}
	return nil
}

var (
	looksHTML = regexp.MustCompile(`(?i)<(html|body|p|div|table|font)[\s>]`)
	unsafeRun = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
)

// cutName names a document cut from a submission: its <FILENAME> when
// filed with one, else one made from the accession and exhibit type.
func cutName(acc string, d HeaderDocument, text []byte) string {
	if d.Filename != "" && safeName(d.Filename) == nil {
		return d.Filename
	}
	ext := ".txt"
	if looksHTML.Match(text[:min(len(text), 4096)]) {
		ext = ".htm"
	}
	typ := strings.Trim(unsafeRun.ReplaceAllString(strings.ToLower(d.Type), "-"), "-.")
	name := acc + "-" + typ
	if d.Sequence != "" {
		name += "-" + unsafeRun.ReplaceAllString(d.Sequence, "")
	}
	return name + ext
}

// cutFromSubmission downloads a complete submission and keeps, in dir,
// only its EX-5 documents, as bare files. It returns how many files it
// wrote and the record of every EX-5 document.
func (r *run) cutFromSubmission(ctx context.Context, dir string, have func(string) bool, sub IndexDocument) (int, []edgar.FilingDocument, error) {
	body, err := r.Client.Get(ctx, sub.Path, 0)
	if err != nil {
		return 0, nil, err
	}
	defer body.Close()
	var recs []edgar.FilingDocument
	n := 0
	seen := map[string]bool{}
	err = CutExhibit5(io.LimitReader(body, maxSubmission), maxDocument, func(d HeaderDocument, text []byte) error {
		name := cutName(strings.TrimSuffix(sub.Filename, ".txt"), d, text)
		if seen[name] {
			return fmt.Errorf("two EX-5 documents named %s", name)
		}
		seen[name] = true
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if !have(name) {
			if err := r.writeFile(filepath.Join(dir, name), bytes.NewReader(text), maxDocument); err != nil {
				return err
			}
			n++
		}
		recs = append(recs, edgar.FilingDocument{
			Filename: name,
			Type:     strings.ToUpper(d.Type),
			URL:      DefaultBaseURL + sub.Path,
		})
		return nil
	})
	if err != nil {
		return n, nil, fmt.Errorf("%s: %w", r.Client.URL(sub.Path), err)
	}
	return n, recs, nil
}

// size says n bytes the way a person reads it.
func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
