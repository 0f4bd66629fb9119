package main

// DuckDB's Windows library links with Debian's MinGW only with these
// shims (internal/winshim).
import _ "github.com/resonanz/resonanz/internal/winshim"
