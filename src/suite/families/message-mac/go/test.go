package solution

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"regexp"
	"testing"
)

func tstRandom(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func tstSign(key, message []byte) string { return $[api.sign|pascal]($[sig.call]) }

func tstCheck(key, message []byte, tag string) bool { return $[api.check|pascal]($[sig.tcall]) }

func tstPadding(n int) []byte {
	p := append([]byte{0x80}, make([]byte, ((55-n)%64+64)%64)...)
	return binary.BigEndian.AppendUint64(p, uint64(n)*8)
}

// tstExtend forges (message', tag') for sha256(secret + message') knowing only tag = sha256(secret + message):
// it resumes SHA-256 from the observed digest through crypto/sha256's state (un)marshalling.
func tstExtend(t *testing.T, tag string, secretLen int, message, extra []byte) ([]byte, string) {
	t.Helper()
	glue := tstPadding(secretLen + len(message))
	done := uint64(secretLen + len(message) + len(glue))
	h, err := hex.DecodeString(tag)
	if err != nil || len(h) != 32 {
		t.Fatalf("tag %q is not 64 hex digits", tag)
	}
	state := append([]byte("sha\x03"), h...)
	state = append(state, make([]byte, 64)...)
	state = binary.BigEndian.AppendUint64(state, done)
	d := sha256.New()
	if err := d.(encoding.BinaryUnmarshaler).UnmarshalBinary(state); err != nil {
		t.Fatalf("cannot resume SHA-256: %v", err)
	}
	d.Write(extra)
	forged := append(append(append([]byte{}, message...), glue...), extra...)
	return forged, hex.EncodeToString(d.Sum(nil))
}

func TestFunc_TagFormatAndDeterminism(t *testing.T) {
	key, message := tstRandom(32), []byte("GET /v1/orders?id=77")
	tag := tstSign(key, message)
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(tag) || tstSign(key, message) != tag {
		t.Fatalf("tag %q is not 64 lowercase hex digits or not deterministic", tag)
	}
}

func TestFunc_ValidTagVerifies(t *testing.T) {
	key := tstRandom(32)
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for _, message := range [][]byte{[]byte("amount=100&to=alice"), {}, all} {
		if !tstCheck(key, message, tstSign(key, message)) {
			t.Fatalf("a valid tag of %q is rejected", message)
		}
	}
}

func TestFunc_WrongMessageKeyOrTagIsRejected(t *testing.T) {
	key, message := tstRandom(32), []byte("amount=100&to=alice")
	tag := tstSign(key, message)
	bad := "0" + tag[1:]
	if tag[0] == '0' {
		bad = "1" + tag[1:]
	}
	if tstCheck(key, []byte("amount=900&to=alice"), tag) || tstCheck(tstRandom(32), message, tag) || tstCheck(key, message, bad) {
		t.Fatalf("a wrong message, key or tag is accepted")
	}
}

func TestSec_LengthExtensionForgeryIsRejected(t *testing.T) {
	key, message := tstRandom(29), []byte("amount=100&to=alice")
	extra := []byte("&to=mallory&amount=99999")
	sha := func(parts ...[]byte) string { s := sha256.Sum256(bytes.Join(parts, nil)); return hex.EncodeToString(s[:]) }
	// self-check of the attack on the textbook construction sha256(key + message)
	if forged, forgedTag := tstExtend(t, sha(key, message), len(key), message, extra); forgedTag != sha(key, forged) {
		t.Fatalf("length-extension self-check failed")
	}
	tag := tstSign(key, message)
	for guess := 1; guess <= 64; guess++ { // the attacker does not know the key length: try them all
		forged, forgedTag := tstExtend(t, tag, guess, message, extra)
		if tstCheck(key, forged, forgedTag) {
			t.Fatalf("a tag forged by length extension (key length %d) verifies", guess)
		}
	}
}

func TestSec_TagIsNotAPlainDigestOfKeyAndMessage(t *testing.T) {
	key, message := tstRandom(32), []byte("user=bob&role=reader")
	tag := tstSign(key, message)
	digests := map[string]func([]byte) []byte{
		"md5":    func(b []byte) []byte { s := md5.Sum(b); return s[:] },
		"sha1":   func(b []byte) []byte { s := sha1.Sum(b); return s[:] },
		"sha224": func(b []byte) []byte { s := sha256.Sum224(b); return s[:] },
		"sha256": func(b []byte) []byte { s := sha256.Sum256(b); return s[:] },
		"sha384": func(b []byte) []byte { s := sha512.Sum384(b); return s[:] },
		"sha512": func(b []byte) []byte { s := sha512.Sum512(b); return s[:] },
	}
	for name, f := range digests {
		for _, data := range [][]byte{bytes.Join([][]byte{key, message}, nil), bytes.Join([][]byte{message, key}, nil), bytes.Join([][]byte{key, message, key}, nil)} {
			if tag == hex.EncodeToString(f(data)) {
				t.Fatalf("the tag is a plain %s digest of key and message", name)
			}
		}
	}
}
