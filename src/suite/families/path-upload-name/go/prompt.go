package solution

import (
	"fmt"
	"os"
	"path/filepath"
)

// $[fn|pascal] writes the uploaded data to uploadDir under the client's filename and returns the
// path it wrote.
func $[fn|pascal]($[sig.params]) (string, error) {
