package disclosure

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// KeyID is a pseudonym key's fingerprint, which the dataset's manifest
// records so that an import with another key (a typo in --key, a new
// machine that made a key afresh) is refused instead of giving everyone
// new pseudonyms: the first 16 hex digits of HMAC-SHA256 under the key of
// a fixed text. It tells keys apart and says nothing about pseudonyms.
func KeyID(key []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("resonanz key id"))
	return hex.EncodeToString(mac.Sum(nil))[:16]
}
