// Package winshim lets the Windows build link DuckDB's prebuilt library
// (duckdb-go-bindings, windows-amd64) with Debian's MinGW-w64 toolchain.
//
// That library was compiled against Microsoft's UCRT, where mbstate_t is
// the struct _Mbstatet; Debian's MinGW (bookworm: GCC 12, mingw-w64 10)
// targets msvcrt, where it is an int. So the Windows build links the UCRT
// (-lucrt, ahead of the default msvcrt: every C runtime call resolves to
// one runtime) and this package supplies the one libstdc++ symbol whose
// name carries the other mbstate_t: basic_streambuf<char>::seekpos, the
// base class's "cannot seek" answer, which DuckDB's HTTP helper's stream
// buffer inherits and never overrides.
//
// Other platforms: the package is empty.
package winshim
