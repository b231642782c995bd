package solution

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// $[fn|pascal] returns the number of lines of path that contain word (a fixed string), counted
// by grep.
func $[fn|pascal]($[sig.params]) (int, error) {
	out, err := exec.Command("grep", "-cF", "--", word, path).Output()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && exitErr.ExitCode() == 1 {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("grep %s: %w", path, err)
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}
