// Command search-bench measures the search index: it synthesises N letter
// pages (or uses an existing site), indexes them, and times queries of each
// kind (single words, phrases, filtered queries; facets and highlights are
// always on), printing letters/s and p50/p99 per kind.
//
//	go run ./bench/search -n 10000 -site /tmp/bench10k
//
// Run it alone on the machine, once per size: it is CPU bound.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/letter"
)

func main() {
	n := flag.Int("n", 10000, "letters to synthesise (0: use the site's content as it is)")
	site := flag.String("site", "", "site directory (required; use /tmp)")
	runs := flag.Int("runs", 200, "queries per kind")
	rebuild := flag.Bool("rebuild", true, "rebuild the index before querying")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile of the queries")
	idxprof := flag.String("indexprofile", "", "write a CPU profile of the rebuild")
	warm := flag.Bool("cache", false, "keep the index's result cache on (default: every query runs cold)")
	flag.Parse()
	if *site == "" {
		fmt.Fprintln(os.Stderr, "usage: search-bench -site DIR [-n N]")
		os.Exit(2)
	}
	ctx := context.Background()
	if *n > 0 {
		t := time.Now()
		if err := synthesise(*site, *n); err != nil {
			fail(err)
		}
		fmt.Printf("synthesised %d letters in %v\n", *n, time.Since(t).Round(time.Millisecond))
	}
	if *rebuild {
		runtime.GC()
		if *idxprof != "" {
			f, err := os.Create(*idxprof)
			if err != nil {
				fail(err)
			}
			pprof.StartCPUProfile(f)
		}
		t := time.Now()
		cpu0 := cpuTime()
		st, err := index.Update(ctx, *site, index.UpdateOptions{Rebuild: true})
		if *idxprof != "" {
			pprof.StopCPUProfile()
		}
		if err != nil {
			fail(err)
		}
		d := time.Since(t)
		cpu := cpuTime() - cpu0
		total := st.Added + st.Updated + st.Unchanged
		gen, _ := os.ReadFile(filepath.Join(index.Dir(*site), "CURRENT"))
		fmt.Printf("indexed %d letters in %v: %.0f letters/s (CPU %v: %.0f letters per CPU-second; load average %s), index %s\n",
			total, d.Round(time.Millisecond), float64(total)/d.Seconds(), cpu.Round(time.Millisecond), float64(total)/cpu.Seconds(),
			loadAvg(), humanSize(dirSize(filepath.Join(index.Dir(*site), strings.TrimSpace(string(gen))))))
		// One changed letter: the incremental path.
		if total > 0 {
			if err := touchOne(*site); err != nil {
				fail(err)
			}
			t = time.Now()
			st, err = index.Update(ctx, *site, index.UpdateOptions{})
			if err != nil {
				fail(err)
			}
			fmt.Printf("incremental update (%d changed, %d unchanged) in %v\n", st.Updated, st.Unchanged, time.Since(t).Round(time.Millisecond))
		}
	}
	if !*warm {
		os.Setenv("EXHIBITS_SEARCH_CACHE", "0")
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(index.ServeGCPercent) // as exhibits serve runs
	}
	t := time.Now()
	s, err := index.Open(*site)
	if err != nil {
		fail(err)
	}
	defer s.Close()
	fmt.Printf("opened index in %v\n", time.Since(t).Round(time.Millisecond))
	if *cpuprof != "" {
		f, err := os.Create(*cpuprof)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	r := rand.New(rand.NewPCG(7, 7))
	if err := sample(*site, r); err != nil {
		fail(err)
	}
	kinds := []struct {
		name string
		make func() index.Request
	}{
		{"word, common (every letter)", func() index.Request { return index.Request{Q: pick(r, commonWords)} }},
		{"word, rare", func() index.Request { return index.Request{Q: pick(r, rare)} }},
		{"two words", func() index.Request { return index.Request{Q: pick(r, commonWords) + " " + pick(r, rare)} }},
		{"phrase, every letter", func() index.Request { return index.Request{Q: pick(r, allPhrases)} }},
		{"phrase, some letters", func() index.Request { return index.Request{Q: pick(r, somePhrases)} }},
		{"firm name, plain", func() index.Request { return index.Request{Q: pick(r, firms)} }},
		{"firm: field", func() index.Request { return index.Request{Q: `firm:"` + pick(r, firms) + `"`} }},
		{"filtered: word + firm + dates", func() index.Request {
			y := 2001 + r.IntN(20)
			return index.Request{Q: pick(r, commonWords), Firm: pick(r, firms),
				From: fmt.Sprintf("%d-01-01", y), To: fmt.Sprintf("%d-12-31", y+3)}
		}},
		{"filtered: phrase + form + law, by date", func() index.Request {
			return index.Request{Q: pick(r, allPhrases), Form: pick(r, forms), Jurisdiction: pick(r, states), Sort: "date"}
		}},
		{"query language: +a -b year:", func() index.Request {
			return index.Request{Q: "+" + pick(r, commonWords) + " -" + pick(r, rare) + fmt.Sprintf(" year:%d..%d", 2005+r.IntN(10), 2016+r.IntN(9))}
		}},
		{"no query, filters only", func() index.Request { return index.Request{Issuer: pick(r, issuers)} }},
	}
	fmt.Printf("\nqueries (load average %s)\n%-40s %8s %8s %8s %8s %9s\n", loadAvg(), "query kind", "p50", "p99", "max", "hits", "CPU/query")
	for _, k := range kinds {
		var lat []time.Duration
		hits := 0
		cpu0 := cpuTime()
		for i := 0; i < *runs; i++ {
			req := k.make()
			t := time.Now()
			res, err := s.Search(ctx, req)
			if err != nil {
				fail(fmt.Errorf("%+v: %w", req, err))
			}
			lat = append(lat, time.Since(t))
			hits += res.Total
		}
		slices.Sort(lat)
		cpu := (cpuTime() - cpu0) / time.Duration(*runs)
		fmt.Printf("%-40s %8s %8s %8s %8d %9s\n", k.name, ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), ms(lat[len(lat)-1]), hits / *runs, ms(cpu))
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

// sample reads 300 random pages of the site for the names and words the
// queries use, so the queries fit whatever corpus is indexed.
func sample(site string, r *rand.Rand) error {
	root := filepath.Join(site, "content", "letters")
	ents, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	firms, issuers, rare = nil, nil, nil
	seen := map[string]bool{}
	for i := 0; i < 300 && len(ents) > 0; i++ {
		b, err := os.ReadFile(filepath.Join(root, ents[r.IntN(len(ents))].Name(), "index.md"))
		if err != nil {
			continue
		}
		l, body, err := letter.Parse(b)
		if err != nil {
			continue
		}
		firms = append(firms, l.Firms...) // repeats keep the real distribution
		issuers = append(issuers, l.Issuers...)
		words := strings.FieldsFunc(body, func(c rune) bool { return !('a' <= c && c <= 'z') })
		if len(words) > 0 {
			w := words[r.IntN(len(words))]
			if len(w) > 6 && !seen[w] {
				seen[w] = true
				rare = append(rare, w)
			}
		}
	}
	if len(firms) == 0 || len(issuers) == 0 || len(rare) == 0 {
		return fmt.Errorf("%s: no letters to sample", root)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "search-bench:", err)
	os.Exit(1)
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// zipf picks 0..n-1, small ones far more often, as real firm counts go.
func zipf(r *rand.Rand, n int) int {
	for {
		x := int(float64(n) * r.Float64() * r.Float64() * r.Float64())
		if x < n {
			return x
		}
	}
}

var (
	commonWords = []string{"validly", "issued", "opinion", "shares", "registration", "nonassessable", "counsel", "corporation", "examined", "statement"}
	allPhrases  = []string{`"validly issued"`, `"fully paid and nonassessable"`, `"registration statement"`, `"validly issued, fully paid and nonassessable"`}
	somePhrases = []string{`"binding obligations"`, `"employee stock purchase plan"`, `"dividend reinvestment"`, `"limited liability company"`, `"enforceable against the company"`}
	forms       = []string{"S-8", "S-3", "S-3ASR", "S-1", "S-4", "F-3", "424B5", "8-K", "POS AM", "F-1"}
	states      = []string{"Delaware", "New York", "Nevada", "Maryland", "California", "Texas", "Ohio", "Florida", "Massachusetts", "Washington", "Cayman Islands", "Bermuda"}
	firms       []string // sampled from the site
	issuers     []string
	rare        []string
	firmPool    []string // for synthesised letters
	vocab       []string
)

func init() {
	r := rand.New(rand.NewPCG(1, 2))
	surnames := []string{"Latham", "Watkins", "Skadden", "Arps", "Slate", "Meagher", "Flom", "Sullivan", "Cromwell", "Davis", "Polk", "Wardwell",
		"Cooley", "Wilson", "Sonsini", "Goodrich", "Rosati", "Kirkland", "Ellis", "Simpson", "Thacher", "Bartlett", "Cravath", "Swaine", "Moore",
		"Gibson", "Dunn", "Crutcher", "Sidley", "Austin", "Mayer", "Brown", "Jones", "Day", "Hogan", "Lovells", "Morgan", "Lewis", "Bockius",
		"Ropes", "Gray", "Goodwin", "Procter", "Vinson", "Elkins", "Baker", "Botts", "Fenwick", "West", "Perkins", "Coie", "Dorsey", "Whitney",
		"Venable", "Ballard", "Spahr", "Holland", "Knight", "Greenberg", "Traurig", "Akin", "Gump", "Foley", "Lardner", "Winston", "Strawn"}
	seen := map[string]bool{}
	for len(firmPool) < 400 {
		a, b := surnames[r.IntN(len(surnames))], surnames[r.IntN(len(surnames))]
		if a == b {
			continue
		}
		name := a + " & " + b + " LLP"
		if r.IntN(4) == 0 {
			name = a + ", " + b + " & " + surnames[r.IntN(len(surnames))] + " LLP"
		}
		if !seen[name] {
			seen[name] = true
			firmPool = append(firmPool, name)
		}
	}
	syl := []string{"ka", "lo", "mi", "ter", "pra", "den", "vo", "sul", "rin", "tas", "bel", "qua", "zor", "nim", "fex", "gul", "hap", "jit"}
	vs := map[string]bool{}
	for len(vocab) < 20000 {
		w := ""
		for k := 2 + r.IntN(3); k > 0; k-- {
			w += syl[r.IntN(len(syl))]
		}
		if !vs[w] {
			vs[w] = true
			vocab = append(vocab, w)
		}
	}
}

func issuerName(i int) string {
	a := []string{"Acme", "Global", "First", "United", "Pacific", "Atlantic", "Northern", "Summit", "Pioneer", "Liberty", "Frontier", "Apex", "Vertex", "Harbor", "Granite", "Cedar"}
	b := []string{"Holdings", "Therapeutics", "Bancorp", "Energy", "Technologies", "Realty", "Pharmaceuticals", "Systems", "Industries", "Financial", "Networks", "Brands"}
	c := []string{"Inc.", "Corp.", "Corporation", "Ltd.", "plc", "N.V."}
	return fmt.Sprintf("%s %s %d %s", a[i%len(a)], b[(i/len(a))%len(b)], i, c[i%len(c)])
}

var sentences = []string{
	"We have acted as counsel to %ISSUER%, a %STATE% corporation (the \"Company\"), in connection with the preparation and filing of a Registration Statement on Form %FORM% (the \"Registration Statement\") with the Securities and Exchange Commission.",
	"The Registration Statement relates to the registration of %SHARES% shares of common stock, par value $0.001 per share (the \"Shares\").",
	"In connection with this opinion, we have examined and relied upon the Registration Statement, the Company's certificate of incorporation and bylaws, and such other records, documents and instruments as we have deemed necessary.",
	"We have assumed the genuineness of all signatures, the authenticity of all documents submitted to us as originals and the conformity to originals of all documents submitted to us as copies.",
	"Based upon the foregoing, and subject to the qualifications set forth herein, we are of the opinion that the Shares, when issued and sold in the manner described in the Registration Statement, will be validly issued, fully paid and nonassessable.",
	"We express no opinion as to the laws of any jurisdiction other than the General Corporation Law of the State of %STATE%.",
	"We hereby consent to the filing of this opinion as Exhibit 5.1 to the Registration Statement and to the reference to our firm under the caption \"Legal Matters\".",
	"In giving such consent, we do not thereby admit that we are within the category of persons whose consent is required under Section 7 of the Securities Act.",
}

var optional = []string{
	"The Notes, when duly executed and delivered, will constitute valid and binding obligations of the Company, enforceable against the Company in accordance with their terms.",
	"The Shares are issuable pursuant to the %PLAN%.",
	"Shares may be acquired through the dividend reinvestment and stock purchase plan described in the prospectus.",
	"The Guarantor is a limited liability company duly formed and validly existing under the laws of the State of %STATE%.",
	"Our opinion is subject to bankruptcy, insolvency, reorganization, moratorium and similar laws affecting creditors' rights generally.",
	"This opinion speaks only as of its date and we assume no obligation to update it.",
}

func synthesise(site string, n int) error {
	root := filepath.Join(site, "content", "letters")
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(n), 42))
	var b strings.Builder
	for i := 0; i < n; i++ {
		firm := firmPool[zipf(r, len(firmPool))]
		issuer := issuerName(zipf(r, 30000))
		state := states[zipf(r, len(states))]
		form := forms[r.IntN(len(forms))]
		y := 2000 + r.IntN(26)
		date := fmt.Sprintf("%d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
		var plans []string
		if r.IntN(3) == 0 {
			plans = []string{fmt.Sprintf("%s %d Equity Incentive Plan", strings.Fields(issuer)[0], y)}
		}
		rep := strings.NewReplacer("%ISSUER%", issuer, "%STATE%", state, "%FORM%", form,
			"%SHARES%", fmt.Sprint(1000*(1+r.IntN(50000))), "%PLAN%", strings.Join(append(plans, "Plan"), ""))
		b.Reset()
		fmt.Fprintf(&b, "%s\n\n%s\n\nLadies and Gentlemen:\n\n", date, issuer)
		for si, s := range sentences {
			b.WriteString(rep.Replace(s))
			if si == 4 && r.IntN(10) == 0 {
				b.WriteString(" ")
				b.WriteString(rep.Replace(optional[0]))
			}
			// Filler: letter-specific words, so the dictionary is realistic.
			for k := r.IntN(40); k > 0; k-- {
				b.WriteString(" ")
				b.WriteString(vocab[zipf(r, len(vocab))])
			}
			b.WriteString("\n\n")
			if r.IntN(3) == 0 {
				b.WriteString(rep.Replace(optional[r.IntN(len(optional))]))
				b.WriteString("\n\n")
			}
		}
		fmt.Fprintf(&b, "Very truly yours,\n\n/s/ %s\n", firm)
		id := fmt.Sprintf("0000%06d-%02d-%06d-ex5-1", 100000+i%900000, y%100, i)
		l := &letter.Letter{
			Title: "Opinion of " + firm + " on " + issuer + " Form " + form, Date: date, ID: id,
			Firms: []string{firm}, Issuers: []string{issuer}, Plans: plans, Forms: []string{form},
			Jurisdictions: []string{state}, Years: []string{fmt.Sprint(y)}, Shares: int64(1000 * (1 + r.IntN(50000))),
			Exhibit: "5.1", Source: letter.Source{File: id + ".txt", SHA256: fmt.Sprintf("%064x", i)},
		}
		page, err := letter.Marshal(l, b.String())
		if err != nil {
			return err
		}
		dir := filepath.Join(root, id)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "index.md"), page, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// touchOne changes one letter's body, for the incremental figure.
func touchOne(site string) error {
	root := filepath.Join(site, "content", "letters")
	ents, err := os.ReadDir(root)
	if err != nil || len(ents) == 0 {
		return err
	}
	p := filepath.Join(root, ents[len(ents)/2].Name(), "index.md")
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	return os.WriteFile(p, append(b, []byte(fmt.Sprintf("\nAmended %d.\n", time.Now().UnixNano()))...), 0o644)
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
}
