package edgar

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// metaCharsetRe finds a charset declared in an HTML head:
// <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">.
var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([-a-z0-9_:.]+)`)

// DecodeText turns filed bytes into valid UTF-8. Valid UTF-8 stays as it is
// (less a BOM); UTF-16 with a BOM is decoded; HTML declaring a known
// charset in a <meta> is decoded from it; anything else is read as
// windows-1252, which covers latin-1's printable range and the curly
// quotes old filings carry. NUL bytes are removed. It never fails.
func DecodeText(b []byte, html bool) string {
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		b = b[len(utf8BOM):]
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		if s, ok := decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), b); ok {
			return clean(s)
		}
	}
	if html {
		if enc := declaredCharset(b); enc != nil {
			if s, ok := decodeWith(enc, b); ok {
				return clean(s)
			}
		}
	}
	if utf8.Valid(b) {
		return clean(string(b))
	}
	s, _ := decodeWith(charmap.Windows1252, b)
	return clean(s)
}

// declaredCharset is the encoding an HTML document's <meta> names, when it
// is known and not UTF-8 (UTF-8 needs no decoding and is checked anyway).
func declaredCharset(b []byte) encoding.Encoding {
	m := metaCharsetRe.FindSubmatch(b[:min(len(b), 8192)])
	if m == nil {
		return nil
	}
	name := strings.ToLower(string(m[1]))
	enc, err := htmlindex.Get(name)
	if err != nil || enc == nil {
		return nil
	}
	if n, _ := htmlindex.Name(enc); n == "utf-8" {
		// A page that says UTF-8 but is not is, on EDGAR, windows-1252.
		return nil
	}
	return enc
}

func decodeWith(enc encoding.Encoding, b []byte) (string, bool) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// clean drops NULs and makes the string valid UTF-8.
func clean(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
