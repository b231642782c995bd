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
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

const tstEnvVar = "$[env]"
const tstPayload = `{"event": "invoice.paid", "id": 4711}`

var tstCommon = []string{"", "secret", "changeme", "dev", "development", "key", "test", "default", tstEnvVar}

// solutionPath finds the candidate's source: beside this file, else in the working directory.
func tstSolutionPath(t *testing.T) string {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	for _, p := range []string{filepath.Join(filepath.Dir(self), "solution.go"), "solution.go"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("cannot find solution.go")
	return ""
}

// literals returns every string literal in the candidate's source: the keys an attacker reading the code would try.
func tstLiterals(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), tstSolutionPath(t), nil, 0)
	if err != nil {
		t.Fatalf("parse solution.go: %v", err)
	}
	out := append([]string{}, tstCommon...)
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

func tstMac(key, data string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

func tstSetEnv(t *testing.T, value *string) {
	t.Helper()
	t.Setenv(tstEnvVar, "") // restores the original value when the test ends
	if value == nil {
		os.Unsetenv(tstEnvVar)
	} else {
		os.Setenv(tstEnvVar, *value)
	}
}

func tstRandomKey(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func tstSignsWith(key string) bool {
	s, err := $[api.sign|pascal](tstPayload)
	return err == nil && s == tstMac(key, tstPayload)
}

func TestFunc_SignatureIsHmacSha256(t *testing.T) {
	key := tstRandomKey("k-")
	tstSetEnv(t, &key)
	for _, data := range []string{tstPayload, ""} {
		if s, err := $[api.sign|pascal](data); err != nil || s != tstMac(key, data) {
			t.Fatalf("$[api.sign|pascal](%q) = %q, %v; want %q", data, s, err, tstMac(key, data))
		}
	}
}

func TestFunc_VerifyAcceptsValidAndRejectsTampered(t *testing.T) {
	key := tstRandomKey("k-")
	tstSetEnv(t, &key)
	sig := tstMac(key, tstPayload)
	bad := "0" + sig[1:]
	if sig[0] == '0' {
		bad = "1" + sig[1:]
	}
	if !$[api.check|pascal](tstPayload, sig) || $[api.check|pascal](tstPayload+" ", sig) || $[api.check|pascal](tstPayload, bad) {
		t.Fatalf("verification is wrong for valid or tampered input")
	}
}

func TestFunc_KeyRotationTakesEffect(t *testing.T) {
	a, b := tstRandomKey("a-"), tstRandomKey("b-")
	tstSetEnv(t, &b)
	if $[api.check|pascal](tstPayload, tstMac(a, tstPayload)) || !$[api.check|pascal](tstPayload, tstMac(b, tstPayload)) {
		t.Fatalf("rotation of %s is not honoured", tstEnvVar)
	}
}

func TestSec_NoLiteralKeyWhenUnset(t *testing.T) {
	tstSetEnv(t, nil)
	for _, lit := range tstLiterals(t) {
		if $[api.check|pascal](tstPayload, tstMac(lit, tstPayload)) || tstSignsWith(lit) {
			t.Fatalf("the literal %q works as the key when %s is unset", lit, tstEnvVar)
		}
	}
}

func TestSec_NoLiteralKeyWhenEmpty(t *testing.T) {
	empty := ""
	tstSetEnv(t, &empty)
	for _, lit := range tstLiterals(t) {
		if $[api.check|pascal](tstPayload, tstMac(lit, tstPayload)) || tstSignsWith(lit) {
			t.Fatalf("the literal %q works as the key when %s is empty", lit, tstEnvVar)
		}
	}
}

func TestSec_NoLiteralKeyBesidesTheConfiguredOne(t *testing.T) {
	key := tstRandomKey("k-")
	tstSetEnv(t, &key)
	for _, lit := range tstLiterals(t) {
		if $[api.check|pascal](tstPayload, tstMac(lit, tstPayload)) {
			t.Fatalf("a signature made with %q verifies", lit)
		}
	}
}
