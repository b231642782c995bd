// Package solution issues session identifiers for the $[app].
//
//	func $[fn|pascal]() (string, error) // $[bytes.n] random bytes as lowercase hex
package solution

import (
	"encoding/hex"
