package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Hugo v0.165.0 can hang for good when its writes fail part-way through
// a build (it stops collecting errors after ten, and its page feeder then
// blocks), so a build that cannot fit is refused before Hugo starts.
const (
	// spaceMargin is added to every estimate: the defaults, feeds and
	// the sitemap, whatever the letters.
	spaceMargin = 16 << 20
	// firstBuildPerLetter estimates a letter's share of a site that has
	// never been built: measured ~57 kB a letter at 10,000 letters.
	firstBuildPerLetter = 96 << 10
)

// checkSpace refuses a build that would not fit on dir's file system:
// the estimate scales the current public/ by the letters to publish
// (the new public/ is written beside the old one until the swap).
func checkSpace(dir string) error {
	letters := countDirs(filepath.Join(dir, "content", "letters"))
	need := int64(spaceMargin)
	if size, built := treeSize(filepath.Join(dir, "public")), countDirs(filepath.Join(dir, "public", "letters")); size > 0 && built > 0 {
		need += size * int64(letters+1) / int64(built+1) * 11 / 10
	} else {
		need += int64(letters) * firstBuildPerLetter
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return nil // no figure to go by: let the build try
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	if free < need {
		return fmt.Errorf("%s: not enough free space to build the site (about %d MiB needed, %d MiB free): %w",
			dir, need>>20, free>>20, syscall.ENOSPC)
	}
	return nil
}

// countDirs counts the subdirectories of dir (0 when it is missing).
func countDirs(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	return n
}

// treeSize adds up the sizes of the regular files under dir.
func treeSize(dir string) int64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return total
}
