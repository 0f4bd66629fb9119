package disclosure

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// KeySize is the length of a pseudonym key in bytes.
const KeySize = 32

// ErrKeyExposed: the key file can be read by group or others.
var ErrKeyExposed = errors.New("key file is readable by other users")

// Pseudonym maps a respondent id to a stable pseudonym: the first 16 hex
// digits (64 bits) of HMAC-SHA256 under key of the message
//
//	event, one NUL byte, id
//
// as UTF-8 bytes, so "mdk16" and "1" give HMAC(key, "mdk16\x001"). The event
// keeps one person's pseudonyms in two surveys apart; the NUL makes the
// split unambiguous, so event must not contain one (it panics: event names
// come from configuration, not data). Normalise id first (trim, lower-case
// an e-mail) if the same person should meet the same pseudonym.
//
// Unlike a plain hash, nobody without the key can test a guessed id. Of n
// respondents, two share a pseudonym with probability about n²/2⁶⁵: 6·10⁻¹⁶
// for 150, 3·10⁻⁸ for a million.
func Pseudonym(key []byte, event, id string) string {
	if strings.IndexByte(event, 0) >= 0 {
		panic(fmt.Sprintf("disclosure.Pseudonym: event %q contains NUL", event))
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(event))
	mac.Write([]byte{0})
	mac.Write([]byte(id))
	return hex.EncodeToString(mac.Sum(nil))[:16]
}

// Pseudonyms returns Pseudonym(key, event, ·) as a function that keeps
// one HMAC state for all ids, which spares an import of many rows the
// setup of a new one per id. The function is not safe for concurrent use.
func Pseudonyms(key []byte, event string) func(id string) string {
	if strings.IndexByte(event, 0) >= 0 {
		panic(fmt.Sprintf("disclosure.Pseudonyms: event %q contains NUL", event))
	}
	mac := hmac.New(sha256.New, key)
	prefix := []byte(event + "\x00")
	var sum [sha256.Size]byte
	var out [16]byte
	return func(id string) string {
		mac.Reset()
		mac.Write(prefix)
		io.WriteString(mac, id)
		hex.Encode(out[:], mac.Sum(sum[:0])[:8])
		return string(out[:])
	}
}

// LoadOrCreateKey reads the 32-byte pseudonym key at path, or on first use
// creates it from crypto/rand with mode 0600, and its missing parent
// directories with 0700.
//
// The key, together with a list of ids, turns pseudonyms back into people,
// so a key file that group or others can read is refused with ErrKeyExposed
// (as ssh refuses such private keys) rather than used with a warning that
// a batch run would not show; the message says how to fix it. Windows has no
// such mode bits, so there the check is left to its ACLs. A file of another
// length is refused too: a truncated key would silently give every
// respondent a new pseudonym.
//
// Creation is atomic: the key is written to a temporary file and linked into
// place, so two runs starting together end up with the same key.
func LoadOrCreateKey(path string) ([]byte, error) {
	key, err := readKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	key = make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".key-*") // mode 0600
	if err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(key); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return readKey(path) // another run was first: use its key
		}
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	return key, nil
}

func readKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: pseudonym key is not a regular file", path)
	}
	if perm := st.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		return nil, fmt.Errorf("%s: %w (mode %04o); run: chmod 600 %s", path, ErrKeyExposed, perm, path)
	}
	if st.Size() != KeySize {
		return nil, fmt.Errorf("%s: pseudonym key must be exactly %d bytes, found %d", path, KeySize, st.Size())
	}
	key := make([]byte, KeySize)
	if _, err := io.ReadFull(f, key); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}
