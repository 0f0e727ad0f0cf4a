package ingest

import "syscall"

// stampOf is path's stamp, or the zero stamp when it cannot be read.
func stampOf(path string) stamp {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return stamp{}
	}
	return stamp{Size: st.Size, Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Ino: st.Ino}
}
