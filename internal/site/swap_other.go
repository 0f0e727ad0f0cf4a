//go:build !linux

package site

func swap(newDir, cur string) error { return swapByRename(newDir, cur) }
