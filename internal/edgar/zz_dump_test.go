package edgar

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Temporary (h11): dumps the contract text of every EX-5 in $DUMP_IN to $DUMP_OUT.
func TestZZDump(t *testing.T) {
	in, out := os.Getenv("DUMP_IN"), os.Getenv("DUMP_OUT")
	if in == "" {
		t.Skip()
	}
	os.MkdirAll(out, 0o755)
	files, _ := filepath.Glob(in)
	for _, f := range files {
		b, _ := ReadFile(f, 1<<28)
		var docs []Document
		if IsSubmission(b) {
			_, docs, _ = ReadSubmission(bytes.NewReader(b), nil)
		} else {
			docs = []Document{BareDocument(strings.TrimSuffix(f, ".gz"), b)}
		}
		for i, d := range docs {
			if !d.HTML || (d.Type != "" && !IsExhibit5(d.Type)) {
				continue
			}
			s, _ := d.Text()
			name := filepath.Base(f) + "." + d.Type + "." + string(rune('0'+i))
			os.WriteFile(filepath.Join(out, name+".out"), []byte(s), 0o644)
			if os.Getenv("DUMP_RAW") != "" {
				os.WriteFile(filepath.Join(out, name+".html"), d.Raw, 0o644)
			}
		}
	}
}
