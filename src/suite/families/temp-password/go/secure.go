// Package solution issues temporary passwords for $[who].
//
//	func $[fn|pascal](length int) (string, error) // length characters drawn from alphabet
package solution

import (
	"crypto/rand"
	"math/big"
)

const alphabet = "$[alpha.chars]"

// $[fn|pascal] returns a random password of length characters from alphabet for $[who].
func $[fn|pascal](length int) (string, error) {
	out := make([]byte, length)
	for i := range out {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			return "", err
		}
		out[i] = alphabet[n.Int64()]
	}
	return string(out), nil
}
