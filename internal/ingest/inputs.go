package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// inputExts are the file names a directory walk picks up (each also
// gzipped): what EDGAR serves exhibits and submissions as. A file named
// on the command line is read whatever its name.
var inputExts = []string{".txt", ".htm", ".html"}

func isInputName(name string) bool {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return slices.Contains(inputExts, filepath.Ext(n))
}

// collect expands paths into the sorted list of files to read. Paths that
// do not exist, or are neither regular files nor directories, are
// problems. Walks skip hidden files and folders (.git, editors' temp
// files), fetch's filing records, and the folders in skip (the site's own
// pages: re-reading a bundle's original.txt would turn a filed letter
// into a loose one).
func collect(paths []string, skip ...string) (files []string, bad []Problem) {
	skipped := map[string]bool{}
	for _, s := range skip {
		if abs, err := filepath.Abs(s); err == nil {
			skipped[abs] = true
		}
	}
	inSkipped := func(p string) bool {
		abs, err := filepath.Abs(p)
		for err == nil {
			if skipped[abs] {
				return true
			}
			parent := filepath.Dir(abs)
			if parent == abs {
				break
			}
			abs = parent
		}
		return false
	}
	seen := map[string]bool{}
	add := func(p string) {
		p = filepath.Clean(p)
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			bad = append(bad, Problem{root, reason(err)})
			continue
		}
		if inSkipped(root) {
			bad = append(bad, Problem{root, "inside the site's own pages (" + LettersDir + "), not an input"})
			continue
		}
		if fi.Mode().IsRegular() {
			add(root)
			continue
		}
		if !fi.IsDir() {
			bad = append(bad, Problem{root, "not a regular file or directory"})
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Problem{p, reason(err)})
				return nil
			}
			name := d.Name()
			if d.IsDir() && len(skipped) > 0 && inSkipped(p) {
				return filepath.SkipDir
			}
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || name == "filing.json" || !isInputName(name) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			bad = append(bad, Problem{root, reason(err)})
		}
	}
	slices.Sort(files)
	return files, bad
}

// reason is an error's message without the path it starts with, which
// the Problem names already.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
