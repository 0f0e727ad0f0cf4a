package index

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	mmap "github.com/blevesearch/mmap-go"
)

// Phrase search runs on adjacent word pairs ("validly issued", "issued
// fully", ...): a phrase is then a conjunction of single pair terms, with
// no positions to compare. There are more pairs than words in a letter, and
// nearly every pair is rare, so in a Bleve field they were more than half
// of the indexing work (dictionary, postings and merges of millions of
// distinct terms). They live beside each shard instead, in a file of their
// own (shard-<n>.pairs), written in one pass over postings sorted by pair:
//
//	header    magic, counts and the offsets of the sections below
//	postings  per pair, in hash order: uint32 ordinal<<8 | min(freq, 255)
//	hashes    the pairs' 64-bit FNV-1a hashes, sorted
//	starts    per pair, its first posting (one more: the end)
//	lens      per ordinal, the letter's number of pairs (for the norm)
//	ids       per ordinal, the letter's id (uvarint length, bytes); empty
//	          for a letter an update removed
//
// all little-endian. An ordinal is a letter's place in the order it was
// added; it maps to Bleve's document number when the shard is opened.
// Two pairs sharing a 64-bit hash would share postings: with some millions
// of pairs in an archive, the odds of any such collision are about 1 in 10^6.

const (
	pairsMagic   = "EX5PAIR1"
	pairsHeader  = 8 + 6*8
	maxOrdinals  = 1 << 24 // ordinals fit in 24 bits of a posting
	pairsFileExt = ".pairs"
)

func pairsPath(gen string, n int) string { return shardDir(gen, n) + pairsFileExt }

// letterPairs is what the pairs file needs of one letter.
type letterPairs struct {
	hashes []uint64 // each pair's hash, in text order, repeats included
}

// analyzePairs turns a letter's body into its pairs: what the mapping's
// pair analyzer (aPairs: format characters dropped, words, lower case,
// adjacent pairs), which queries go through, makes of it, hashed as it
// goes, without building tokens or pair strings (TestAnalyzePairsAgrees).
func analyzePairs(body string) letterPairs {
	in := formatChars{}.Filter([]byte(body))
	hs := make([]uint64, 0, len(in)/6)
	var (
		prev  uint64 // FNV state after the previous word and a space
		first = true
		lower []byte
	)
	eachWord(in, func(start, end int, _ analysis.TokenType) {
		w := in[start:end]
		for _, c := range w {
			if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
				lower = bytes.ToLower(w)
				w = lower
				break
			}
		}
		if !first {
			hs = append(hs, fnvAdd(prev, w))
		}
		first = false
		prev = fnvAdd(fnvAdd(fnvOffset, w), space)
	})
	return letterPairs{hashes: hs}
}

// FNV-1a, 64 bits, as hash/fnv computes it.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

var space = []byte{' '}

func fnvAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func pairHash(term []byte) uint64 { return fnvAdd(fnvOffset, term) }

// pairEntry is one posting while a file is built.
type pairEntry struct {
	hash    uint64
	posting uint32
}

// comparePairEntries orders postings by pair, then by ordinal (a posting's
// high bits).
func comparePairEntries(x, y pairEntry) int {
	if c := cmp.Compare(x.hash, y.hash); c != 0 {
		return c
	}
	return cmp.Compare(x.posting, y.posting)
}

// pairsBuilder collects letters for one shard's pairs file. Postings go
// into 256 buckets by the hash's top byte, each in ordinal order, so the
// file is written a bucket at a time, each sorted on its own.
type pairsBuilder struct {
	ids     []string
	lens    []uint32
	buckets [1 << bucketBits][]pairEntry
}

// bucketBits is how many of a hash's top bits pick its bucket: buckets
// of a few hundred postings sort fast.
const bucketBits = 16

func (b *pairsBuilder) add(id string, lp letterPairs) error {
	ord := len(b.ids)
	if ord >= maxOrdinals {
		return fmt.Errorf("more than %d letters in one shard", maxOrdinals)
	}
	b.ids = append(b.ids, id)
	b.lens = append(b.lens, uint32(len(lp.hashes)))
	for _, h := range lp.hashes {
		bk := &b.buckets[h>>(64-bucketBits)]
		*bk = append(*bk, pairEntry{h, uint32(ord)<<8 | 1})
	}
	return nil
}

// sortBucket sorts a bucket by pair and ordinal and folds a letter's
// repeats of a pair into one posting, its frequency counted (at most 255).
func sortBucket(bk []pairEntry) []pairEntry {
	slices.SortFunc(bk, comparePairEntries)
	out := bk[:0]
	for _, e := range bk {
		if n := len(out); n > 0 && out[n-1].hash == e.hash && out[n-1].posting>>8 == e.posting>>8 {
			if out[n-1].posting&0xff < 0xff {
				out[n-1].posting++
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// write writes the file to path; the builder is spent.
func (b *pairsBuilder) write(path string) error {
	return createPairs(path, func(pw *pairsWriter) {
		for i := range b.buckets {
			for _, e := range sortBucket(b.buckets[i]) {
				pw.put(e.hash, e.posting)
			}
			b.buckets[i] = nil
		}
	}, b.lens, b.ids)
}

// pairsWriter writes a pairs file: postings in hash order through put,
// then the rest.
type pairsWriter struct {
	w      *bufio.Writer
	hashes []uint64
	starts []uint64
	n      uint64
	buf    [binary.MaxVarintLen64]byte
}

func (pw *pairsWriter) put(h uint64, posting uint32) {
	if len(pw.hashes) == 0 || pw.hashes[len(pw.hashes)-1] != h {
		pw.hashes = append(pw.hashes, h)
		pw.starts = append(pw.starts, pw.n)
	}
	binary.LittleEndian.PutUint32(pw.buf[:4], posting)
	pw.w.Write(pw.buf[:4])
	pw.n++
}

// createPairs writes path: postings as fill puts them, then the sections
// after them, then the header. A file that cannot be written whole is
// removed.
func createPairs(path string, fill func(*pairsWriter), lens []uint32, ids []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = func() error {
		pw := &pairsWriter{w: bufio.NewWriterSize(f, 1<<20)}
		pw.w.Write(make([]byte, pairsHeader)) // filled in at the end
		fill(pw)
		pw.starts = append(pw.starts, pw.n)
		for _, h := range pw.hashes {
			binary.LittleEndian.PutUint64(pw.buf[:8], h)
			pw.w.Write(pw.buf[:8])
		}
		for _, s := range pw.starts {
			binary.LittleEndian.PutUint64(pw.buf[:8], s)
			pw.w.Write(pw.buf[:8])
		}
		for _, l := range lens {
			binary.LittleEndian.PutUint32(pw.buf[:4], l)
			pw.w.Write(pw.buf[:4])
		}
		for _, id := range ids {
			pw.w.Write(pw.buf[:binary.PutUvarint(pw.buf[:], uint64(len(id)))])
			pw.w.WriteString(id)
		}
		if err := pw.w.Flush(); err != nil {
			return err
		}
		hdr := make([]byte, pairsHeader)
		copy(hdr, pairsMagic)
		for i, v := range []uint64{uint64(len(ids)), uint64(len(pw.hashes)), pw.n, pairsHeader + 4*pw.n, 0, 0} {
			binary.LittleEndian.PutUint64(hdr[8+8*i:], v)
		}
		_, err := f.WriteAt(hdr, 0)
		return err
	}()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// pairsFile is an open pairs file.
type pairsFile struct {
	m        mmap.MMap
	docs     int
	terms    int
	postings []byte // 4 bytes a posting
	hashes   []byte // 8 bytes a pair
	starts   []byte // 8 bytes a pair, one more
	lens     []byte // 4 bytes an ordinal
	ids      []string
}

func openPairs(path string) (*pairsFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() < pairsHeader {
		return nil, fmt.Errorf("%s: not a pairs file", path)
	}
	m, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p, err := parsePairs(m)
	if err != nil {
		m.Unmap()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

var errPairsFile = errors.New("damaged pairs file")

func parsePairs(m mmap.MMap) (*pairsFile, error) {
	b := []byte(m)
	if string(b[:8]) != pairsMagic {
		return nil, errPairsFile
	}
	u := func(i int) uint64 { return binary.LittleEndian.Uint64(b[8+8*i:]) }
	docs, terms, postings, end := u(0), u(1), u(2), u(3)
	size := uint64(len(b))
	if docs > maxOrdinals || terms > size || postings > size || end != pairsHeader+4*postings ||
		end+8*terms+8*(terms+1)+4*docs > size {
		return nil, errPairsFile
	}
	p := &pairsFile{m: m, docs: int(docs), terms: int(terms)}
	off := uint64(pairsHeader)
	take := func(n uint64) []byte { s := b[off : off+n]; off += n; return s }
	p.postings = take(4 * postings)
	p.hashes = take(8 * terms)
	p.starts = take(8 * (terms + 1))
	p.lens = take(4 * docs)
	rest := b[off:]
	p.ids = make([]string, docs)
	for i := range p.ids {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return nil, errPairsFile
		}
		p.ids[i] = string(rest[k : k+int(n)])
		rest = rest[k+int(n):]
	}
	for i := 0; i <= p.terms; i++ {
		if s := p.start(i); s > postings || i > 0 && s < p.start(i-1) {
			return nil, errPairsFile
		}
	}
	return p, nil
}

func (p *pairsFile) close() error { return p.m.Unmap() }

func (p *pairsFile) hash(i int) uint64  { return binary.LittleEndian.Uint64(p.hashes[8*i:]) }
func (p *pairsFile) start(i int) uint64 { return binary.LittleEndian.Uint64(p.starts[8*i:]) }
func (p *pairsFile) len(ord int) uint32 { return binary.LittleEndian.Uint32(p.lens[4*ord:]) }

// lookup returns the postings of a pair term: 4 bytes each.
func (p *pairsFile) lookup(term []byte) []byte {
	h := pairHash(term)
	lo, hi := 0, p.terms
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if p.hash(mid) < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == p.terms || p.hash(lo) != h {
		return nil
	}
	return p.postings[4*p.start(lo) : 4*p.start(lo+1)]
}

// norm is Bleve's field norm for a letter with n pairs.
func pairNorm(n uint32) float64 {
	if n == 0 {
		return 0
	}
	return 1 / math.Sqrt(float64(n))
}

// patchPairs writes to path the pairs file of old less the letters in gone
// plus the letters in added (new ordinals after old's).
func patchPairs(old *pairsFile, gone map[string]bool, added []*parsed, path string) error {
	var nb pairsBuilder
	nb.ids = slices.Clone(old.ids)
	nb.lens = make([]uint32, old.docs)
	dead := make([]bool, old.docs)
	for i, id := range nb.ids {
		nb.lens[i] = old.len(i)
		if gone[id] {
			nb.ids[i], dead[i] = "", true
		}
	}
	for _, a := range added {
		if err := nb.add(a.rec.ID, a.pairs); err != nil {
			return err
		}
	}
	return createPairs(path, func(pw *pairsWriter) {
		i := 0 // old term
		for bi := range nb.buckets {
			bk := sortBucket(nb.buckets[bi])
			for j := 0; j <= len(bk); {
				// Old terms before the next new one (all of them after the
				// last bucket), then the new one's postings after its old ones.
				next := uint64(math.MaxUint64)
				if j < len(bk) {
					next = bk[j].hash
				} else if bi < len(nb.buckets)-1 {
					break
				}
				for ; i < old.terms && old.hash(i) <= next; i++ {
					h := old.hash(i)
					for k := old.start(i); k < old.start(i+1); k++ {
						posting := binary.LittleEndian.Uint32(old.postings[4*k:])
						if o := int(posting >> 8); o < len(dead) && !dead[o] {
							pw.put(h, posting)
						}
					}
				}
				if j == len(bk) {
					break
				}
				for ; j < len(bk) && bk[j].hash == next; j++ {
					pw.put(next, bk[j].posting)
				}
			}
			nb.buckets[bi] = nil
		}
	}, nb.lens, nb.ids)
}
