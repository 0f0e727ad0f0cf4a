package letter

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
)

var exhibitNumber = regexp.MustCompile(`(?i)^EX-?(\d+(?:\.\d+)*)`)

// ID returns the permanent id of a letter. With an accession number it is
// "<accession>-ex<exhibit with - for .>", e.g. 0001193125-22-186192-ex5-1;
// otherwise "t-" and the first 16 hex digits of the SHA-256 of the
// letter's normalized text (see NormalizeText), so the same letter read
// from a different file or shape gets the same id.
func ID(accession, exhibitType, text string) string {
	if accession != "" {
		num := "5"
		if m := exhibitNumber.FindStringSubmatch(strings.TrimSpace(exhibitType)); m != nil {
			num = m[1]
		}
		return strings.ToLower(accession) + "-ex" + strings.ReplaceAll(num, ".", "-")
	}
	sum := sha256.Sum256([]byte(NormalizeText(text)))
	return "t-" + hex.EncodeToString(sum[:8])
}

// NormalizeText keeps only lower-cased letters and digits, single-spaced,
// so that wrapping, markup and punctuation differences do not change a hash.
func NormalizeText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}
