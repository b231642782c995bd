package solution

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

var tstFastDigests = map[string]func([]byte) []byte{
	"md5":    func(b []byte) []byte { s := md5.Sum(b); return s[:] },
	"sha1":   func(b []byte) []byte { s := sha1.Sum(b); return s[:] },
	"sha224": func(b []byte) []byte { s := sha256.Sum224(b); return s[:] },
	"sha256": func(b []byte) []byte { s := sha256.Sum256(b); return s[:] },
	"sha384": func(b []byte) []byte { s := sha512.Sum384(b); return s[:] },
	"sha512": func(b []byte) []byte { s := sha512.Sum512(b); return s[:] },
}

func tstLeaks(stored string, digest []byte) bool {
	b64 := strings.TrimRight(base64.StdEncoding.EncodeToString(digest), "=")
	url := strings.TrimRight(base64.URLEncoding.EncodeToString(digest), "=")
	return strings.Contains(strings.ToLower(stored), hex.EncodeToString(digest)) || strings.Contains(stored, b64) || strings.Contains(stored, url)
}

// saltCandidates returns every piece of the stored value an attacker would try as the salt.
func tstSaltCandidates(stored string) [][]byte {
	out := [][]byte{{}}
	for _, part := range regexp.MustCompile(`[$:.,;| ]+`).Split(stored, -1) {
		if part == "" {
			continue
		}
		blobs := [][]byte{[]byte(part)}
		if b, err := hex.DecodeString(part); err == nil {
			blobs = append(blobs, b)
		}
		if b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(part, "=")); err == nil {
			blobs = append(blobs, b)
		}
		if b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "=")); err == nil {
			blobs = append(blobs, b)
		}
		for _, blob := range blobs {
			out = append(out, blob)
			h := hex.EncodeToString(blob)
			for _, n := range []int{8, 12, 16, 24, 32} {
				if n <= len(blob) {
					out = append(out, blob[:n], blob[len(blob)-n:])
				}
				if 2*n <= len(h) {
					out = append(out, []byte(h[:2*n]), []byte(h[len(h)-2*n:]))
				}
			}
		}
	}
	return out
}

func tstMustHash(t *testing.T, pw string) string {
	t.Helper()
	stored, err := $[api.hash|pascal](pw)
	if err != nil {
		t.Fatalf("$[api.hash|pascal](%q): %v", pw, err)
	}
	return stored
}

func TestFunc_RoundTrip(t *testing.T) {
	stored := tstMustHash(t, "correct horse battery")
	if !$[api.check|pascal]("correct horse battery", stored) {
		t.Fatalf("the right password does not match")
	}
	if $[api.check|pascal]("correct horse batterY", stored) || $[api.check|pascal]("", stored) {
		t.Fatalf("a wrong password matches")
	}
}

func TestFunc_UnicodeAndEmptyPasswords(t *testing.T) {
	for _, pw := range []string{"pässwörd 🔑", ""} {
		stored := tstMustHash(t, pw)
		if !$[api.check|pascal](pw, stored) || $[api.check|pascal](pw+"x", stored) {
			t.Fatalf("round trip of %q failed", pw)
		}
	}
}

func TestFunc_GarbageStoredValueDoesNotMatch(t *testing.T) {
	if $[api.check|pascal]("x", "not a stored password") {
		t.Fatalf("garbage stored value matches")
	}
}

func TestSec_SamePasswordIsSalted(t *testing.T) {
	a, b := tstMustHash(t, "hunter2"), tstMustHash(t, "hunter2")
	if a == b {
		t.Fatalf("two users with the same password get the same stored value (no salt)")
	}
	if !$[api.check|pascal]("hunter2", a) || !$[api.check|pascal]("hunter2", b) {
		t.Fatalf("salted values do not verify")
	}
}

func TestSec_NotAFastDigestOfThePassword(t *testing.T) {
	pw := []byte("Tr0ub4dor&3")
	stored := tstMustHash(t, string(pw))
	for name, f := range tstFastDigests {
		if tstLeaks(stored, f(pw)) {
			t.Fatalf("stored value contains %s(password)", name)
		}
	}
}

func TestSec_NotAFastSaltedDigest(t *testing.T) {
	pw := []byte("Tr0ub4dor&3")
	stored := tstMustHash(t, string(pw))
	for _, salt := range tstSaltCandidates(stored) {
		for _, msg := range [][]byte{bytes.Join([][]byte{salt, pw}, nil), bytes.Join([][]byte{pw, salt}, nil)} {
			for name, f := range tstFastDigests {
				if tstLeaks(stored, f(msg)) {
					t.Fatalf("stored value is a salted %s digest", name)
				}
			}
		}
	}
}

func TestSec_HashingHasAWorkFactor(t *testing.T) {
	best := time.Hour
	for i := 0; i < 5; i++ {
		start := time.Now()
		tstMustHash(t, fmt.Sprintf("work-factor-%d", i))
		if d := time.Since(start); d < best {
			best = d
		}
	}
	if best < 3*time.Millisecond {
		t.Fatalf("hashing a password takes %v: a fast digest, cheap to brute-force", best)
	}
}
