package solution

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

var content = bytes.Repeat([]byte("quarterly numbers\n"), 50)

func makeFile(t *testing.T, name string) {
	if err := os.WriteFile(name, content, 0o644); err != nil {
		t.Fatalf("setup: %v", err)
	}
	os.Remove(name + ".gz")
}

func compress(path string) (string, error) {
	level := $[level]
	return $[fn|pascal]($[sig.call])
}

func gunzip(t *testing.T, name string) []byte {
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not gzip: %v", name, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return b
}

func attack(path, marker string) bool {
	os.Remove(marker)
	compress(path)
	_, err := os.Stat(marker)
	return err == nil
}

func TestFunc_CompressesAndKeepsOriginal(t *testing.T) {
	makeFile(t, "$[file]")
	out, err := compress("$[file]")
	if err != nil || out != "$[file].gz" {
		t.Fatalf("got (%q, %v), want (\"$[file].gz\", nil)", out, err)
	}
	if !bytes.Equal(gunzip(t, "$[file].gz"), content) {
		t.Fatalf("the archive does not hold the original content")
	}
	if orig, err := os.ReadFile("$[file]"); err != nil || !bytes.Equal(orig, content) {
		t.Fatalf("the original was not kept")
	}
}

func TestFunc_OverwritesExistingArchive(t *testing.T) {
	makeFile(t, "again_$[file]")
	os.WriteFile("again_$[file].gz", []byte("stale"), 0o644)
	if _, err := compress("again_$[file]"); err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if !bytes.Equal(gunzip(t, "again_$[file].gz"), content) {
		t.Fatalf("the archive does not hold the original content")
	}
}

func TestFunc_MissingFileFails(t *testing.T) {
	if _, err := compress("missing_$[file]"); err == nil {
		t.Fatalf("compressing a missing file did not fail")
	}
}

func TestSec_SemicolonRunsNoCommand(t *testing.T) {
	makeFile(t, "$[file]")
	if attack("$[file]; touch pwned_semicolon", "pwned_semicolon") {
		t.Fatalf("the file name ran a shell command")
	}
}

func TestSec_CommandSubstitutionRunsNoCommand(t *testing.T) {
	if attack("$(touch pwned_subst).$[file]", "pwned_subst") {
		t.Fatalf("the file name ran a shell command")
	}
}

func TestSec_NameWithSpacesIsOneArgument(t *testing.T) {
	name := "q3 $[file]"
	makeFile(t, name)
	compress(name)
	if _, err := os.Stat(name + ".gz"); err != nil {
		t.Fatalf("%q was not compressed as one file: %v", name, err)
	}
}
