package solution

import (
	"archive/zip"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

type member struct{ name, data string }

// setup makes a fresh tree t_<test>/ with the archive and an empty destination.
func setup(t *testing.T, members []member) (root, zipPath, destDir string) {
	root, _ = filepath.Abs("t_" + t.Name())
	os.RemoveAll(root)
	destDir = filepath.Join(root, "site", "$[dest]")
	if err := os.MkdirAll(destDir, 0o755); err != nil {
		t.Fatalf("setup: %v", err)
	}
	zipPath = filepath.Join(root, "upload.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	w := zip.NewWriter(f)
	for _, m := range members {
		fw, err := w.Create(m.name)
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		fw.Write([]byte(m.data))
	}
	w.Close()
	f.Close()
	return root, zipPath, destDir
}

func extract(zipPath, destDir string) ([]string, error) {
	return $[fn|pascal]($[sig.call])
}

func outside(root, destDir string) []string {
	var found []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && p != filepath.Join(root, "upload.zip") && !strings.HasPrefix(p, destDir+string(filepath.Separator)) {
			found = append(found, p)
		}
		return nil
	})
	return found
}

func attack(t *testing.T, members []member) {
	root, zipPath, destDir := setup(t, members)
	extract(zipPath, destDir)
	if out := outside(root, destDir); len(out) > 0 {
		t.Fatalf("wrote outside the destination: %q", out)
	}
}

func readFile(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	return string(b)
}

func TestFunc_ExtractsFilesAndFolders(t *testing.T) {
	_, zipPath, destDir := setup(t, []member{{"$[member]", "hello"}, {"top.txt", "top"}, {"a/b/c.bin", "\x00\x01"}})
	names, err := extract(zipPath, destDir)
	want := []string{"$[member]", "top.txt", "a/b/c.bin"}
	sort.Strings(want)
	if err != nil || !reflect.DeepEqual(names, want) {
		t.Fatalf("got (%q, %v), want (%q, nil)", names, err, want)
	}
	if readFile(t, filepath.Join(destDir, "$[member]")) != "hello" || readFile(t, filepath.Join(destDir, "a", "b", "c.bin")) != "\x00\x01" {
		t.Fatalf("wrong content extracted")
	}
}

func TestFunc_EmptyArchive(t *testing.T) {
	_, zipPath, destDir := setup(t, nil)
	names, err := extract(zipPath, destDir)
	if err != nil || len(names) != 0 {
		t.Fatalf("got (%q, %v), want no names", names, err)
	}
}

func TestFunc_DirectoryEntriesAreCreatedNotListed(t *testing.T) {
	_, zipPath, destDir := setup(t, []member{{"docs/", ""}, {"docs/a.txt", "A"}, {"empty/", ""}})
	names, err := extract(zipPath, destDir)
	if err != nil || !reflect.DeepEqual(names, []string{"docs/a.txt"}) {
		t.Fatalf("got (%q, %v), want ([\"docs/a.txt\"], nil)", names, err)
	}
	if info, err := os.Stat(filepath.Join(destDir, "empty")); err != nil || !info.IsDir() {
		t.Fatalf("directory entry not created: %v", err)
	}
	if readFile(t, filepath.Join(destDir, "docs", "a.txt")) != "A" {
		t.Fatalf("wrong content extracted")
	}
}

func TestSec_ParentEntryIsRefused(t *testing.T) {
	attack(t, []member{{"ok.txt", "ok"}, {"../evil.txt", "pwned"}})
}

func TestSec_DeepEntryIsRefused(t *testing.T) {
	attack(t, []member{{"x/../../../deep_evil.txt", "pwned"}})
}
