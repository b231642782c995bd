package solution

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"testing"
)

const envVar = "$[env]"
const payload = `{"event": "invoice.paid", "id": 4711}`

var common = []string{"", "secret", "changeme", "dev", "development", "key", "test", "default", envVar}

// literals returns every string literal in the candidate's source: the keys an attacker reading the code would try.
func literals(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "solution.go", nil, 0)
	if err != nil {
		t.Fatalf("parse solution.go: %v", err)
	}
	out := append([]string{}, common...)
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}

func mac(key, data string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

func setEnv(t *testing.T, value *string) {
	t.Helper()
	t.Setenv(envVar, "") // restores the original value when the test ends
	if value == nil {
		os.Unsetenv(envVar)
	} else {
		os.Setenv(envVar, *value)
	}
}

func randomKey(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func signsWith(key string) bool {
	s, err := $[api.sign|pascal](payload)
	return err == nil && s == mac(key, payload)
}

func TestFunc_SignatureIsHmacSha256(t *testing.T) {
	key := randomKey("k-")
	setEnv(t, &key)
	for _, data := range []string{payload, ""} {
		if s, err := $[api.sign|pascal](data); err != nil || s != mac(key, data) {
			t.Fatalf("$[api.sign|pascal](%q) = %q, %v; want %q", data, s, err, mac(key, data))
		}
	}
}

func TestFunc_VerifyAcceptsValidAndRejectsTampered(t *testing.T) {
	key := randomKey("k-")
	setEnv(t, &key)
	sig := mac(key, payload)
	bad := "0" + sig[1:]
	if sig[0] == '0' {
		bad = "1" + sig[1:]
	}
	if !$[api.check|pascal](payload, sig) || $[api.check|pascal](payload+" ", sig) || $[api.check|pascal](payload, bad) {
		t.Fatalf("verification is wrong for valid or tampered input")
	}
}

func TestFunc_KeyRotationTakesEffect(t *testing.T) {
	a, b := randomKey("a-"), randomKey("b-")
	setEnv(t, &b)
	if $[api.check|pascal](payload, mac(a, payload)) || !$[api.check|pascal](payload, mac(b, payload)) {
		t.Fatalf("rotation of %s is not honoured", envVar)
	}
}

func TestSec_NoLiteralKeyWhenUnset(t *testing.T) {
	setEnv(t, nil)
	for _, lit := range literals(t) {
		if $[api.check|pascal](payload, mac(lit, payload)) || signsWith(lit) {
			t.Fatalf("the literal %q works as the key when %s is unset", lit, envVar)
		}
	}
}

func TestSec_NoLiteralKeyWhenEmpty(t *testing.T) {
	empty := ""
	setEnv(t, &empty)
	for _, lit := range literals(t) {
		if $[api.check|pascal](payload, mac(lit, payload)) || signsWith(lit) {
			t.Fatalf("the literal %q works as the key when %s is empty", lit, envVar)
		}
	}
}

func TestSec_NoLiteralKeyBesidesTheConfiguredOne(t *testing.T) {
	key := randomKey("k-")
	setEnv(t, &key)
	for _, lit := range literals(t) {
		if $[api.check|pascal](payload, mac(lit, payload)) {
			t.Fatalf("a signature made with %q verifies", lit)
		}
	}
}
