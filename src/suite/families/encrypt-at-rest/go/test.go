package solution

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

var tstEnc = base64.$[b64.go]

func tstNewKey() []byte {
	k := make([]byte, 32)
	rand.Read(k)
	return k
}

func tstSeal(t *testing.T, key []byte, msg string) string {
	t.Helper()
	s, err := $[api.enc|pascal](key, msg)
	if err != nil {
		t.Fatalf("$[api.enc|pascal]: %v", err)
	}
	return s
}

func tstDecode(t *testing.T, s string) []byte {
	t.Helper()
	b, err := tstEnc.DecodeString(s)
	if err != nil {
		t.Fatalf("output %q is not $[b64.name]: %v", s, err)
	}
	return b
}

func TestFunc_RoundTrip(t *testing.T) {
	k := tstNewKey()
	for _, msg := range []string{"patient 4711: allergic to penicillin", "", "ünïcødé ✓ 😀", strings.Repeat("x", 1000)} {
		got, err := $[api.dec|pascal](k, tstSeal(t, k, msg))
		if err != nil || got != msg {
			t.Fatalf("round trip of %q gave %q, %v", msg, got, err)
		}
	}
}

func TestFunc_OutputIsBase64Text(t *testing.T) {
	s := tstSeal(t, tstNewKey(), "hello")
	if !regexp.MustCompile(`^[A-Za-z0-9+/_-]+=*$`).MatchString(s) || len(tstDecode(t, s)) < 5 {
		t.Fatalf("output %q is not base64 of a ciphertext", s)
	}
}

func TestFunc_WrongKeyDoesNotDecrypt(t *testing.T) {
	msg := "account 99: balance 1200"
	if got, err := $[api.dec|pascal](tstNewKey(), tstSeal(t, tstNewKey(), msg)); err == nil && got == msg {
		t.Fatalf("decrypts under the wrong key")
	}
}

func TestSec_EncryptionIsRandomized(t *testing.T) {
	k := tstNewKey()
	if tstSeal(t, k, "role=user;id=17") == tstSeal(t, k, "role=user;id=17") {
		t.Fatalf("equal plaintexts give equal ciphertexts: stored values can be compared and guessed")
	}
}

func TestSec_EqualPlaintextBlocksDoNotShow(t *testing.T) {
	raw := tstDecode(t, tstSeal(t, tstNewKey(), strings.Repeat("A", 64)))
	for i := 0; i+32 <= len(raw); i++ {
		if bytes.Equal(raw[i:i+16], raw[i+16:i+32]) {
			t.Fatalf("repeated plaintext blocks give repeated ciphertext blocks (ECB)")
		}
	}
}

func TestSec_MessagesNeverShareAKeystream(t *testing.T) {
	k := tstNewKey()
	p1 := []byte("transfer 100 EUR to account 12345678, reference: invoice 2024-0042")
	p2 := []byte("transfer 999 EUR to account 87654321, reference: invoice 2024-0099")
	c1, c2 := tstDecode(t, tstSeal(t, k, string(p1))), tstDecode(t, tstSeal(t, k, string(p2)))
	want := make([]byte, len(p1))
	for i := range p1 {
		want[i] = p1[i] ^ p2[i]
	}
	for off := 0; off+len(p1) <= len(c1) && off+len(p1) <= len(c2); off++ {
		x := make([]byte, len(p1))
		for i := range x {
			x[i] = c1[off+i] ^ c2[off+i]
		}
		if bytes.Equal(x, want) {
			t.Fatalf("ciphertexts XOR to the XOR of the plaintexts at offset %d (nonce reuse)", off)
		}
	}
}

func TestSec_ModifiedCiphertextIsRejected(t *testing.T) {
	k := tstNewKey()
	raw := tstDecode(t, tstSeal(t, k, "amount=100;to=alice;note=monthly rent payment"))
	for _, pos := range []int{len(raw) / 2, len(raw) - 17, len(raw) - 1, 0} {
		forged := append([]byte{}, raw...)
		forged[pos] ^= 1
		if _, err := $[api.dec|pascal](k, tstEnc.EncodeToString(forged)); err == nil {
			t.Fatalf("a ciphertext modified at byte %d is accepted", pos)
		}
	}
	if _, err := $[api.dec|pascal](k, tstEnc.EncodeToString(raw[:len(raw)-1])); err == nil {
		t.Fatalf("a truncated ciphertext is accepted")
	}
}
