// Package solution issues one-time codes for the $[app]'s $[purpose] flow.
//
//	func $[fn|pascal]() (string, error) // a fresh $[digits.n]-digit code, zero-padded
package solution

import (
	"fmt"
	"crypto/rand"
	"math/big"
)

const codeDigits = $[digits.n]

// $[fn|pascal] returns a new $[digits.n]-digit code for the $[app]'s $[purpose] flow.
func $[fn|pascal]() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt($[digits.max]))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%0*d", codeDigits, n.Int64()), nil
}
