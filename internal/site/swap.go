package site

import (
	"errors"
	"os"
)

// swapByRename is swap for systems (or file systems) without an atomic
// exchange: two renames, with a moment at which cur is missing.
func swapByRename(newDir, cur string) error {
	old := newDir + ".old"
	if err := os.Rename(cur, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(newDir, cur); err != nil {
		os.Rename(old, cur)
		return err
	}
	return os.Rename(old, newDir)
}
