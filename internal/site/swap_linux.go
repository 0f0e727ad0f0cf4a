package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the directory newDir at path cur in one step. If cur existed,
// its old content is left at newDir; the exchange is atomic, so there is no
// moment at which cur is missing.
func swap(newDir, cur string) error {
	err := unix.Renameat2(unix.AT_FDCWD, newDir, unix.AT_FDCWD, cur, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if errors.Is(err, unix.ENOENT) {
		if _, serr := os.Lstat(cur); errors.Is(serr, os.ErrNotExist) {
			return os.Rename(newDir, cur)
		}
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return swapByRename(newDir, cur)
	}
	return err
}
