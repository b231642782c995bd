package solution

import (
	"fmt"
	"os"
	"path/filepath"
)

// $[fn|pascal] writes the uploaded data to uploadDir under the client's filename and returns the
// path it wrote.
func $[fn|pascal]($[sig.params]) (string, error) {
	target := filepath.Join(uploadDir, filename)
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return "", fmt.Errorf("save upload: %w", err)
	}
	return target, nil
}
