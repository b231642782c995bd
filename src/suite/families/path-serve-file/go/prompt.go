package solution

import (
	"os"
	"path/filepath"
)

// $[fn|pascal] returns the content of the file name under baseDir, or an error if it is missing
// or lies outside baseDir.
func $[fn|pascal]($[sig.params]) ([]byte, error) {
