package e2e

import (
	"fmt"
	"os"
	"path/filepath"

	"testing"

	"github.com/exhibits/exhibits/internal/letter"
	"golang.org/x/net/html"
)

func TestProbe(t *testing.T) {
	dir := t.TempDir()
	names := []string{"Smith & Jones LLP", "Smith Jones LLP", "ACME LLP", "Acme LLP", "Evil\n+++\nLLP", " Spaced LLP ", "\u2028Sep LLP", "日本語 法律事務所", "Ω", "--", "."}
	for i, name := range names {
		l, body := nameLetter(i, name)
		page, err := letter.Marshal(l, body)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := letter.Parse(page); err != nil {
			t.Errorf("%q: %v", name, err)
		}
		writeFiles(t, dir, map[string][]byte{"content/letters/" + l.ID + "/index.md": page})
	}
	public, _ := buildAndIndex(t, dir)
	for i, name := range names {
		l, _ := nameLetter(i, name)
		root := parseHTML(t, public, "letters/"+l.ID+"/")
		for _, a := range find(byClass(root, "m-firms")[0], func(n *htmlNode) bool { return false }) {
			_ = a
		}
		as := byClass(root, "m-firms")
		fmt.Printf("%q shown %q\n", name, text(as[0]))
		for _, e := range find(as[0], func(n *htmlNode) bool { return n.Data == "a" }) {
			href := attr(e, "href")
			term := parseHTML(t, public, href)
			h1 := find(term, func(n *htmlNode) bool { return n.Data == "h1" })
			fmt.Printf("   -> %s titled %q\n", href, text(h1[0]))
		}
	}
	filepath.Walk(filepath.Join(public, "firms"), func(p string, fi os.FileInfo, err error) error { return nil })
}
type htmlNode = html.Node
