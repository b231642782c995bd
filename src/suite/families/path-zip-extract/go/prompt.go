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
