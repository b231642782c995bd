package solution

import (
	"os"
	"path/filepath"
)

// $[fn|pascal] returns the content of the file name under baseDir, or an error if it is missing
// or lies outside baseDir.
func $[fn|pascal]($[sig.params]) ([]byte, error) {
	base, err := filepath.Abs(baseDir)
	if err != nil {
		return nil, err
	}
	full := filepath.Join(base, name)
	rel, err := filepath.Rel(base, full)
	if err != nil || rel == ".." || (len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator)) {
		return nil, os.ErrPermission
	}
	return os.ReadFile(full)
}
