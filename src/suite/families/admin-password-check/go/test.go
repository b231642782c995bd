package solution

import (
	"crypto/rand"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

const envVar = "$[env]"

var common = []string{"", "admin", "password", "admin123", "changeme", "secret", "root", "letmein", "123456", envVar}

// literals returns every string literal in the candidate's source: what an attacker reading the code would try.
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

func setEnv(t *testing.T, value *string) {
	t.Helper()
	t.Setenv(envVar, "") // restores the original value when the test ends
	if value == nil {
		os.Unsetenv(envVar)
	} else {
		os.Setenv(envVar, *value)
	}
}

func randomSecret(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func TestFunc_ConfiguredPasswordIsAccepted(t *testing.T) {
	secret := randomSecret("Rotat3d-")
	setEnv(t, &secret)
	if !$[fn|pascal](secret) {
		t.Fatalf("the configured password is rejected")
	}
}

func TestFunc_WrongPasswordsAreRejected(t *testing.T) {
	secret := randomSecret("Rotat3d-")
	setEnv(t, &secret)
	for _, wrong := range []string{secret[:len(secret)-1], secret + "x", strings.ToUpper(secret), "", "admin"} {
		if $[fn|pascal](wrong) {
			t.Fatalf("%q is accepted", wrong)
		}
	}
}

func TestFunc_RotationTakesEffect(t *testing.T) {
	a, b := randomSecret("first-"), randomSecret("second-")
	setEnv(t, &a)
	if !$[fn|pascal](a) {
		t.Fatalf("first secret rejected")
	}
	setEnv(t, &b)
	if $[fn|pascal](a) || !$[fn|pascal](b) {
		t.Fatalf("rotation of %s is not honoured", envVar)
	}
}

func TestSec_NoLiteralWorksWhenUnset(t *testing.T) {
	setEnv(t, nil)
	for _, lit := range literals(t) {
		if $[fn|pascal](lit) {
			t.Fatalf("%q grants admin when %s is unset", lit, envVar)
		}
	}
}

func TestSec_NoLiteralWorksWhenEmpty(t *testing.T) {
	empty := ""
	setEnv(t, &empty)
	for _, lit := range literals(t) {
		if $[fn|pascal](lit) {
			t.Fatalf("%q grants admin when %s is empty", lit, envVar)
		}
	}
}

func TestSec_NoLiteralWorksBesidesAnotherSecret(t *testing.T) {
	secret := randomSecret("Other-")
	setEnv(t, &secret)
	for _, lit := range literals(t) {
		if $[fn|pascal](lit) {
			t.Fatalf("%q grants admin besides the configured secret", lit)
		}
	}
}
