// ProcessPrng for Wine: Go (1.24 and later) needs bcryptprimitives.dll,
// which every Windows since 10 has and Debian's Wine 8 does not.
// TestWindowsBinary builds this file into a DLL beside the exe under test
// (x86_64-w64-mingw32-gcc -shared); it is never shipped.
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n) {
	while (n > 0) {
		ULONG chunk = n > 0x40000000 ? 0x40000000 : (ULONG)n;
		if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += chunk;
		n -= chunk;
	}
	return TRUE;
}
