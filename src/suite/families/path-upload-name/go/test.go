package solution

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var upload = []byte("\x89PNG fake image bytes")

func fresh(t *testing.T) (string, string) {
	root, _ := filepath.Abs("t_" + t.Name())
	os.RemoveAll(root)
	uploadDir := filepath.Join(root, "app", "$[dir]")
	if err := os.MkdirAll(uploadDir, 0o755); err != nil {
		t.Fatalf("setup: %v", err)
	}
	return root, uploadDir
}

func save(uploadDir, filename string, data []byte) (string, error) {
	return $[fn|pascal]($[sig.call])
}

func writtenOutside(root, uploadDir string) []string {
	var out []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && !strings.HasPrefix(p, uploadDir+string(filepath.Separator)) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func attack(t *testing.T, filename string) []string {
	root, uploadDir := fresh(t)
	save(uploadDir, filename, upload)
	return writtenOutside(root, uploadDir)
}

func TestFunc_SavesTheFile(t *testing.T) {
	_, uploadDir := fresh(t)
	p, err := save(uploadDir, "$[name]", upload)
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	abs, _ := filepath.Abs(p)
	if abs != filepath.Join(uploadDir, "$[name]") {
		t.Fatalf("returned %q, want %q", p, filepath.Join(uploadDir, "$[name]"))
	}
	if got, err := os.ReadFile(filepath.Join(uploadDir, "$[name]")); err != nil || string(got) != string(upload) {
		t.Fatalf("stored (%q, %v), want %q", got, err, upload)
	}
}

func TestFunc_OverwritesSameName(t *testing.T) {
	_, uploadDir := fresh(t)
	save(uploadDir, "$[name]", []byte("old"))
	if _, err := save(uploadDir, "$[name]", []byte("new")); err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(uploadDir, "$[name]")); string(got) != "new" {
		t.Fatalf("stored %q, want \"new\"", got)
	}
}

func TestFunc_KeepsOtherNamesApart(t *testing.T) {
	_, uploadDir := fresh(t)
	save(uploadDir, "a_$[name]", []byte("one"))
	save(uploadDir, "b_$[name]", []byte("two"))
	entries, _ := os.ReadDir(uploadDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "a_$[name],b_$[name]" {
		t.Fatalf("upload dir holds %q", names)
	}
}

func TestSec_ParentDirectoryName(t *testing.T) {
	if out := attack(t, "../settings.go"); len(out) > 0 {
		t.Fatalf("wrote outside the upload dir: %q", out)
	}
}

func TestSec_DeepTraversalName(t *testing.T) {
	if out := attack(t, "../../evil_$[name]"); len(out) > 0 {
		t.Fatalf("wrote outside the upload dir: %q", out)
	}
}

func TestSec_AbsoluteName(t *testing.T) {
	root, uploadDir := fresh(t)
	save(uploadDir, filepath.Join(root, "app", "abs_$[name]"), upload)
	if out := writtenOutside(root, uploadDir); len(out) > 0 {
		t.Fatalf("wrote outside the upload dir: %q", out)
	}
}
