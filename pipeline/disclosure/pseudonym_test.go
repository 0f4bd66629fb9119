package disclosure

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestPseudonym(t *testing.T) {
	key32 := make([]byte, 32)
	for i := range key32 {
		key32[i] = byte(i)
	}
	// Vectors computed outside Go with OpenSSL, e.g.
	//
	//	printf 'mdk16\x001' | openssl dgst -sha256 -hmac key
	//	printf 'mdk16\x00J\xc3\xb6rg' | openssl dgst -sha256 -mac HMAC \
	//	  -macopt hexkey:000102…1f
	//
	// and cross-checked with Python's hmac module.
	for _, c := range []struct {
		key       []byte
		event, id string
		want      string
	}{
		{[]byte("key"), "mdk16", "1", "e205d5401dd6c45e"},
		{[]byte("key"), "mdk16", "max.mustermann@example.de", "2fb34cd81056421a"},
		{key32, "mdk16", "Jörg", "ef808005a2981150"},
	} {
		if got := Pseudonym(c.key, c.event, c.id); got != c.want {
			t.Errorf("Pseudonym(%q, %q) = %s, want %s", c.event, c.id, got, c.want)
		}
		// The reused HMAC state starts afresh for every id.
		p := Pseudonyms(c.key, c.event)
		for range 2 {
			if got := p(c.id); got != c.want {
				t.Errorf("Pseudonyms(%q)(%q) = %s, want %s", c.event, c.id, got, c.want)
			}
			p("something else")
		}
	}
	// The NUL keeps event and id apart: without it both would hash "mdk161".
	if Pseudonym([]byte("key"), "mdk1", "61") == Pseudonym([]byte("key"), "mdk16", "1") {
		t.Error(`("mdk1", "61") and ("mdk16", "1") share a pseudonym`)
	}
}

func TestPseudonymRejectsNUL(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("event with NUL accepted")
		}
	}()
	Pseudonym([]byte("key"), "a\x00b", "1")
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets", "resonanz", "pseudonym.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(k1) != KeySize || bytes.Equal(k1, make([]byte, KeySize)) {
		t.Fatalf("key %x: want %d random bytes", k1, KeySize)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if perm := st.Mode().Perm(); perm != 0o600 {
			t.Errorf("key file mode %04o, want 0600", perm)
		}
		dst, _ := os.Stat(filepath.Dir(path))
		if perm := dst.Mode().Perm(); perm != 0o700 {
			t.Errorf("key directory mode %04o, want 0700", perm)
		}
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("second load: %x, %v; want the same key", k2, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".key-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	if runtime.GOOS != "windows" {
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		if k, err := LoadOrCreateKey(path); !errors.Is(err, ErrKeyExposed) || k != nil {
			t.Errorf("world-readable key: %x, %v; want nil and ErrKeyExposed", k, err)
		}
		os.Chmod(path, 0o600)
	}

	if err := os.WriteFile(path, k1[:16], 0o600); err != nil {
		t.Fatal(err)
	}
	if k, err := LoadOrCreateKey(path); err == nil {
		t.Errorf("truncated key accepted: %x", k)
	}
}

func TestKeyID(t *testing.T) {
	a, b := make([]byte, KeySize), make([]byte, KeySize)
	b[0] = 1
	if KeyID(a) == KeyID(b) || len(KeyID(a)) != 16 || KeyID(a) != KeyID(append([]byte{}, a...)) {
		t.Errorf("KeyID: %s %s", KeyID(a), KeyID(b))
	}
	// Not a pseudonym of anything: no id or event gives the fingerprint.
	if KeyID(a) == Pseudonym(a, "resonanz key id", "") {
		t.Error("KeyID equals a pseudonym")
	}
}
