package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProbe(t *testing.T) {
	dir, raw := t.TempDir(), t.TempDir()
	long := strings.Repeat("LONGNAME ", 40) + "INC"
	sub := submission("0007777777-24-000001", [3]string{"EX-5.1", "ex5.txt", "Ladies and Gentlemen:\n\nIn our opinion the shares are validly issued, fully paid and nonassessable.\n\nVery truly yours,\n\n/s/ " + strings.Repeat("Verylong ", 40) + "LLP\n"})
	sub = strings.Replace(sub, "OSPREY MARSH HOLDINGS INC", long, 1)
	writeFiles(t, raw, map[string][]byte{"a.txt": []byte(sub)})
	sum := ingestDir(t, dir, raw)
	fmt.Printf("%+v\n", sum)
	b, _ := os.ReadFile(filepath.Join(dir, "content/letters/0007777777-24-000001-ex5-1/index.md"))
	fmt.Printf("%s\n", b[:min(len(b), 1500)])
	buildAndIndex(t, dir)
}
