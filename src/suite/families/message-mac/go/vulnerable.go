package solution

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// $[api.sign|pascal] returns the hex authentication tag of message under the shared key.
// It is used for $[what] exchanged with $[party].
func $[api.sign|pascal]($[sig.params] []byte) string {
	sum := sha256.Sum256(append(append([]byte{}, key...), message...))
	return hex.EncodeToString(sum[:])
}

// $[api.check|pascal] reports whether tag is the valid tag of message under key.
func $[api.check|pascal]($[sig.params] []byte, tag string) bool {
	return hmac.Equal([]byte($[api.sign|pascal]($[sig.call])), []byte(tag))
}
