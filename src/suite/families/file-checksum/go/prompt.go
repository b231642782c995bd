// Package solution checks $[what]s against their published checksums for $[ctx],
// reading files in chunks of $[chunk] bytes.
//
//	func $[api.sum|pascal](path string) (string, error)            // hex checksum of the file's contents
//	func $[api.check|pascal](path, expected string) (bool, error)  // does the file still match?
package solution

import (
	"encoding/hex"
	"io"
	"os"
	"strings"
