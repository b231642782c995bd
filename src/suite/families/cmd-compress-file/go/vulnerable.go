package solution

import (
	"fmt"
	"os/exec"
)

// $[fn|pascal] compresses path with gzip at the given level, keeping the original and overwriting
// an existing archive, and returns the path of the .gz file.
func $[fn|pascal]($[sig.params]) (string, error) {
	cmd := exec.Command("sh", "-c", fmt.Sprintf("gzip -kf -%d %s", level, path))
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("gzip %s: %v: %s", path, err, out)
	}
	return path + ".gz", nil
}
