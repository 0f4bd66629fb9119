//go:build windows

package winshim

// import "C" has cgo build seekpos_windows.cpp into the package.

import "C"
