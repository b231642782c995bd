package solution

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// $[fn|pascal] extracts every file of the zip archive at zipPath into destDir and returns the
// sorted member names.
func $[fn|pascal]($[sig.params]) ([]string, error) {
	r, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dest, err := filepath.Abs(destDir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range r.File {
		target := filepath.Join(dest, f.Name)
		if !strings.HasPrefix(target, dest+string(filepath.Separator)) {
			return nil, fmt.Errorf("archive entry %q is outside the destination", f.Name)
		}
		if strings.HasSuffix(f.Name, "/") {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return nil, err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return nil, err
		}
		if err := writeMember(f, target); err != nil {
			return nil, fmt.Errorf("extract %s: %w", f.Name, err)
		}
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return names, nil
}

func writeMember(f *zip.File, target string) error {
	src, err := f.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.Create(target)
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, src)
	return err
}
