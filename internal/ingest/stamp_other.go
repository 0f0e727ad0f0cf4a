//go:build !linux

package ingest

import "os"

// stampOf is path's stamp (size and mtime only, here), or the zero stamp
// when it cannot be read.
func stampOf(path string) stamp {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{}
	}
	return stamp{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}
