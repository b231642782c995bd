// Package solution issues one-time codes for the $[app]'s $[purpose] flow.
//
//	func $[fn|pascal]() (string, error) // a fresh $[digits.n]-digit code, zero-padded
package solution

import (
	"fmt"
