package solution

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

var tstClaims = map[string]any{"sub": "alice", "role": "reader", "iat": float64(1700000000)}

func tstRandom(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func tstB64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func tstToken(t *testing.T, claims map[string]any, key []byte, alg string, signature []byte) string {
	t.Helper()
	h, _ := json.Marshal(map[string]string{"alg": alg, "typ": "JWT"})
	c, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	head, body := tstB64(h), tstB64(c)
	if signature == nil {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(head + "." + body))
		signature = mac.Sum(nil)
	}
	return head + "." + body + "." + tstB64(signature)
}

func tstDecode(token string, key []byte) (map[string]any, error) { return $[fn|pascal]($[sig.call]) }

func tstAccepted(token string, key []byte) bool {
	_, err := tstDecode(token, key)
	return err == nil
}

func TestFunc_ValidTokenGivesItsClaims(t *testing.T) {
	key := tstRandom(32)
	got, err := tstDecode(tstToken(t, tstClaims, key, "HS256", nil), key)
	if err != nil || !reflect.DeepEqual(got, tstClaims) {
		t.Fatalf("got %v, %v; want %v", got, err, tstClaims)
	}
	other := map[string]any{"sub": "bob", "scopes": []any{"a", "b"}, "n": nil}
	if got, err := tstDecode(tstToken(t, other, key, "HS256", nil), key); err != nil || !reflect.DeepEqual(got, other) {
		t.Fatalf("got %v, %v; want %v", got, err, other)
	}
}

func TestFunc_TamperedOrForeignTokensAreRejected(t *testing.T) {
	key := tstRandom(32)
	parts := strings.Split(tstToken(t, tstClaims, key, "HS256", nil), ".")
	admin, _ := json.Marshal(map[string]string{"sub": "alice", "role": "admin"})
	if tstAccepted(parts[0]+"."+tstB64(admin)+"."+parts[2], key) {
		t.Fatalf("a token with a modified payload is accepted")
	}
	if tstAccepted(tstToken(t, tstClaims, tstRandom(32), "HS256", nil), key) {
		t.Fatalf("a token signed with another key is accepted")
	}
}

func TestFunc_MalformedTokensAreRejected(t *testing.T) {
	key := tstRandom(32)
	for _, bad := range []string{"", "abc", "a.b", "a.b.c.d", "!!.??.**"} {
		if tstAccepted(bad, key) {
			t.Fatalf("malformed token %q is accepted", bad)
		}
	}
}

func TestSec_UnsignedAlgNoneTokenIsRejected(t *testing.T) {
	key := tstRandom(32)
	admin := map[string]any{"sub": "mallory", "role": "admin"}
	for _, alg := range []string{"none", "None", "NONE"} {
		if tstAccepted(tstToken(t, admin, key, alg, []byte{}), key) {
			t.Fatalf("an unsigned token with alg=%s is accepted", alg)
		}
	}
}

func TestSec_OtherAlgorithmsAreNotTrusted(t *testing.T) {
	key := tstRandom(32)
	admin := map[string]any{"sub": "mallory", "role": "admin"}
	for _, alg := range []string{"RS256", "HS512", "ES256", "hs256"} {
		if tstAccepted(tstToken(t, admin, key, alg, tstRandom(32)), key) {
			t.Fatalf("a token claiming alg=%s is accepted without a valid signature", alg)
		}
	}
}
