package solution

import (
	"fmt"
	"os/exec"
)

// $[fn|pascal] compresses path with gzip at the given level, keeping the original and overwriting
// an existing archive, and returns the path of the .gz file.
func $[fn|pascal]($[sig.params]) (string, error) {
