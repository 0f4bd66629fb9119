// Package disclosure is the stage that keeps individuals out of what
// resonanz stores and prints. This far it holds the personal-data side:
// pseudonyms for respondent ids and the scrubber for free text; the
// suppression of small numbers joins it.
//
// # Pseudonyms
//
//	disclosure.Pseudonym([]byte("key"), "mdk16", "1") → "e205d5401dd6c45e"
//
// is HMAC-SHA256 of "mdk16\x001" under the key from LoadOrCreateKey (32
// random bytes, mode 0600; a key file others can read is refused with
// ErrKeyExposed).
//
// # Free text
//
//	disclosure.ScrubPII("Tel. (0341) 123 45 67, a@b.de, 04109 Leipzig")
//	→ "Tel. [Telefon], [E-Mail], 04109 Leipzig", 2
package disclosure
