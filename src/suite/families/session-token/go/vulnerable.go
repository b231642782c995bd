// Package solution issues session identifiers for the $[app].
//
//	func $[fn|pascal]() (string, error) // $[bytes.n] random bytes as lowercase hex
package solution

import (
	"encoding/hex"
	"math/rand"
)

const tokenBytes = $[bytes.n]

// $[fn|pascal] returns a new session id for the $[app]: tokenBytes random bytes as lowercase hex.
func $[fn|pascal]() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
