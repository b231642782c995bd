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
	"crypto/sha256"
)

const chunkSize = $[chunk]

// $[api.sum|pascal] returns the hex checksum of the file at path; any change to the file changes it.
func $[api.sum|pascal](path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.CopyBuffer(h, f, make([]byte, chunkSize)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// $[api.check|pascal] reports whether the file at path still has the published checksum expected.
func $[api.check|pascal](path, expected string) (bool, error) {
	sum, err := $[api.sum|pascal](path)
	if err != nil {
		return false, err
	}
	return strings.EqualFold(sum, strings.TrimSpace(expected)), nil
}
