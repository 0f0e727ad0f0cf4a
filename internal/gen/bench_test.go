package gen

import "testing"

func BenchmarkGenerate(b *testing.B) {
	var n int64
	for i := 0; b.Loop(); i++ {
		f := Generate(1, i)
		n += int64(len(f.Data))
	}
	b.SetBytes(n / int64(b.N))
}
