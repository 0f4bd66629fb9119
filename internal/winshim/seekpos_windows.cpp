// basic_streambuf<char>::seekpos for a UCRT-built caller (see doc.go).
#include <ios>

// UCRT's mbstate_t (corecrt.h).
struct _Mbstatet {
	unsigned long _Wchar;
	unsigned short _Byte, _State;
};

namespace winshim {
// Buf's member has basic_streambuf<char>::seekpos's calling convention and
// types; the alias below gives it that function's name.
struct Buf {
	std::fpos<_Mbstatet> seekpos(std::fpos<_Mbstatet>, std::ios_base::openmode);
};

// As libstdc++'s base class: a stream buffer that cannot seek says so with
// the position -1.
__attribute__((used)) std::fpos<_Mbstatet> Buf::seekpos(std::fpos<_Mbstatet>, std::ios_base::openmode) {
	return std::fpos<_Mbstatet>(std::streamoff(-1));
}
} // namespace winshim

// The alias's own type does not matter: callers reach it through
// basic_streambuf's vtable with the member's convention.
#pragma GCC diagnostic ignored "-Wattribute-alias"
extern "C" void streambuf_seekpos() __asm__("_ZNSt15basic_streambufIcSt11char_traitsIcEE7seekposESt4fposI9_MbstatetESt13_Ios_Openmode")
	__attribute__((alias("_ZN7winshim3Buf7seekposESt4fposI9_MbstatetESt13_Ios_Openmode")));
