package solution

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// $[api.sign|pascal] returns the hex authentication tag of message under the shared key.
// It is used for $[what] exchanged with $[party].
func $[api.sign|pascal]($[sig.params] []byte) string {
