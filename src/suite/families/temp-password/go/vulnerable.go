// Package solution issues temporary passwords for $[who].
//
//	func $[fn|pascal](length int) (string, error) // length characters drawn from alphabet
package solution

import (
	"math/rand"
)

const alphabet = "$[alpha.chars]"

// $[fn|pascal] returns a random password of length characters from alphabet for $[who].
func $[fn|pascal](length int) (string, error) {
	out := make([]byte, length)
	for i := range out {
		out[i] = alphabet[rand.Intn(len(alphabet))]
	}
	return string(out), nil
}
