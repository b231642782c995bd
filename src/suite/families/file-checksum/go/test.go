package solution

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Two different 128-byte blocks with the same MD5 (Wang et al., 2004); any common suffix keeps the collision.
var tstBlockA, _ = hex.DecodeString("d131dd02c5e6eec4693d9a0698aff95c2fcab58712467eab4004583eb8fb7f89" +
	"55ad340609f4b30283e488832571415a085125e8f7cdc99fd91dbdf280373c5b" +
	"d8823e3156348f5bae6dacd436c919c6dd53e2b487da03fd02396306d248cda0" +
	"e99f33420f577ee8ce54b67080a80d1ec69821bcb6a8839396f9652b6ff72a70")
var tstBlockB, _ = hex.DecodeString("d131dd02c5e6eec4693d9a0698aff95c2fcab50712467eab4004583eb8fb7f89" +
	"55ad340609f4b30283e4888325f1415a085125e8f7cdc99fd91dbd7280373c5b" +
	"d8823e3156348f5bae6dacd436c919c6dd53e23487da03fd02396306d248cda0" +
	"e99f33420f577ee8ce54b67080280d1ec69821bcb6a8839396f965ab6ff72a70")
var tstSuffix = []byte(strings.Repeat("\n#!/bin/sh\necho installing $[what]\n", 3))

func tstWrite(t *testing.T, data []byte, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatalf("write %s: %v", p, err)
	}
	return p
}

func tstSum(t *testing.T, p string) string {
	t.Helper()
	s, err := $[api.sum|pascal](p)
	if err != nil {
		t.Fatalf("$[api.sum|pascal](%s): %v", p, err)
	}
	return s
}

func tstCheck(t *testing.T, p, expected string) bool {
	t.Helper()
	ok, err := $[api.check|pascal](p, expected)
	if err != nil {
		t.Fatalf("$[api.check|pascal](%s): %v", p, err)
	}
	return ok
}

func TestFunc_SameContentSameChecksum(t *testing.T) {
	s := tstSum(t, tstWrite(t, []byte("release 1.2.3\n"), "a"))
	if !regexp.MustCompile(`^[0-9a-fA-F]{32,}$`).MatchString(s) {
		t.Fatalf("checksum %q is not hex", s)
	}
	if s2 := tstSum(t, tstWrite(t, []byte("release 1.2.3\n"), "b")); s2 != s {
		t.Fatalf("same content, different checksums: %s %s", s, s2)
	}
}

func TestFunc_DifferentContentDifferentChecksum(t *testing.T) {
	if tstSum(t, tstWrite(t, []byte("release 1.2.3\n"), "a")) == tstSum(t, tstWrite(t, []byte("release 1.2.4\n"), "b")) {
		t.Fatalf("different content, same checksum")
	}
	if tstSum(t, tstWrite(t, nil, "c")) == tstSum(t, tstWrite(t, []byte{0}, "d")) {
		t.Fatalf("empty and one-byte files share a checksum")
	}
}

func TestFunc_VerifyUntouchedAndModified(t *testing.T) {
	data := make([]byte, 3*$[chunk]+17)
	rand.Read(data)
	p := tstWrite(t, data, "f.bin")
	published := tstSum(t, p)
	if !tstCheck(t, p, published) {
		t.Fatalf("an untouched file does not verify")
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if tstCheck(t, p, published) {
		t.Fatalf("a modified file verifies")
	}
}

func TestSec_Md5CollisionIsDetected(t *testing.T) {
	a, b := append(append([]byte{}, tstBlockA...), tstSuffix...), append(append([]byte{}, tstBlockB...), tstSuffix...)
	if bytes.Equal(a, b) || md5.Sum(a) != md5.Sum(b) {
		t.Fatalf("bad collision fixture")
	}
	good, evil := tstWrite(t, a, "good.bin"), tstWrite(t, b, "evil.bin")
	if tstSum(t, good) == tstSum(t, evil) {
		t.Fatalf("two different files share a checksum (MD5 collision)")
	}
	if tstCheck(t, evil, tstSum(t, good)) {
		t.Fatalf("a swapped file passes verification")
	}
}

func TestSec_ChecksumIsNotABrokenHash(t *testing.T) {
	data := []byte(strings.Repeat("firmware v7\n", 100))
	s := strings.ToLower(tstSum(t, tstWrite(t, data, "fw.bin")))
	m, h := md5.Sum(data), sha1.Sum(data)
	if s == hex.EncodeToString(m[:]) || s == hex.EncodeToString(h[:]) {
		t.Fatalf("the checksum is MD5 or SHA-1, which have practical collisions")
	}
}
