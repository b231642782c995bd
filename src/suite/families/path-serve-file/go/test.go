package solution

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

var secret = []byte("db_password=hunter2\n")

func site(t *testing.T) string {
	root, _ := filepath.Abs("site")
	files := map[string][]byte{
		"$[base]/$[page]":      []byte("<h1>welcome</h1>\n"),
		"$[base]/css/site.css": []byte("body { color: black }\n"),
		"secret.txt":           secret,
		"$[base]_private/key.txt": secret,
	}
	for rel, data := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatalf("setup: %v", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatalf("setup: %v", err)
		}
	}
	return filepath.Join(root, "$[base]")
}

func read(baseDir, name string) ([]byte, error) {
	return $[fn|pascal]($[sig.call])
}

func expectContent(t *testing.T, name, want string) {
	got, err := read(site(t), name)
	if err != nil || string(got) != want {
		t.Fatalf("read(%q) = (%q, %v), want (%q, nil)", name, got, err, want)
	}
}

func expectRefused(t *testing.T, name string) {
	got, _ := read(site(t), name)
	if bytes.Contains(got, secret) {
		t.Fatalf("read(%q) returned a file outside the base directory", name)
	}
}

func TestFunc_ReadsTopLevelFile(t *testing.T) { expectContent(t, "$[page]", "<h1>welcome</h1>\n") }

func TestFunc_ReadsNestedFile(t *testing.T) { expectContent(t, "css/site.css", "body { color: black }\n") }

func TestFunc_MissingFileIsAnError(t *testing.T) {
	if got, err := read(site(t), "nope.html"); err == nil {
		t.Fatalf("read of a missing file = (%q, nil), want an error", got)
	}
}

func TestSec_ParentDirectoryIsRefused(t *testing.T) { expectRefused(t, "../secret.txt") }

func TestSec_NestedTraversalIsRefused(t *testing.T) { expectRefused(t, "css/../../secret.txt") }

func TestSec_SiblingWithSamePrefixIsRefused(t *testing.T) {
	expectRefused(t, "../$[base]_private/key.txt")
}
