//go:build !linux

package ingest

import "syscall"

func syncFS(string) error {
	syscall.Sync()
	return nil
}
