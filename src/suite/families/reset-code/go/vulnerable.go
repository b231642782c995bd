// Package solution issues one-time codes for the $[app]'s $[purpose] flow.
//
//	func $[fn|pascal]() (string, error) // a fresh $[digits.n]-digit code, zero-padded
package solution

import (
	"fmt"
	"math/rand"
)

const codeDigits = $[digits.n]

// $[fn|pascal] returns a new $[digits.n]-digit code for the $[app]'s $[purpose] flow.
func $[fn|pascal]() (string, error) {
	return fmt.Sprintf("%0*d", codeDigits, rand.Intn($[digits.max])), nil
}
