package solution

import (
	"crypto/rand"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

const tstEnvVar = "$[env]"

var tstCommon = []string{"", "admin", "password", "admin123", "changeme", "secret", "root", "letmein", "123456", tstEnvVar}

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

// literals returns every string literal in the candidate's source: what an attacker reading the code would try.
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

func tstSetEnv(t *testing.T, value *string) {
	t.Helper()
	t.Setenv(tstEnvVar, "") // restores the original value when the test ends
	if value == nil {
		os.Unsetenv(tstEnvVar)
	} else {
		os.Setenv(tstEnvVar, *value)
	}
}

func tstRandomSecret(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func TestFunc_ConfiguredPasswordIsAccepted(t *testing.T) {
	secret := tstRandomSecret("Rotat3d-")
	tstSetEnv(t, &secret)
	if !$[fn|pascal](secret) {
		t.Fatalf("the configured password is rejected")
	}
}

func TestFunc_WrongPasswordsAreRejected(t *testing.T) {
	secret := tstRandomSecret("Rotat3d-")
	tstSetEnv(t, &secret)
	for _, wrong := range []string{secret[:len(secret)-1], secret + "x", strings.ToUpper(secret), "", "admin"} {
		if $[fn|pascal](wrong) {
			t.Fatalf("%q is accepted", wrong)
		}
	}
}

func TestFunc_RotationTakesEffect(t *testing.T) {
	a, b := tstRandomSecret("first-"), tstRandomSecret("second-")
	tstSetEnv(t, &a)
	if !$[fn|pascal](a) {
		t.Fatalf("first secret rejected")
	}
	tstSetEnv(t, &b)
	if $[fn|pascal](a) || !$[fn|pascal](b) {
		t.Fatalf("rotation of %s is not honoured", tstEnvVar)
	}
}

func TestSec_NoLiteralWorksWhenUnset(t *testing.T) {
	tstSetEnv(t, nil)
	for _, lit := range tstLiterals(t) {
		if $[fn|pascal](lit) {
			t.Fatalf("%q grants admin when %s is unset", lit, tstEnvVar)
		}
	}
}

func TestSec_NoLiteralWorksWhenEmpty(t *testing.T) {
	empty := ""
	tstSetEnv(t, &empty)
	for _, lit := range tstLiterals(t) {
		if $[fn|pascal](lit) {
			t.Fatalf("%q grants admin when %s is empty", lit, tstEnvVar)
		}
	}
}

func TestSec_NoLiteralWorksBesidesAnotherSecret(t *testing.T) {
	secret := tstRandomSecret("Other-")
	tstSetEnv(t, &secret)
	for _, lit := range tstLiterals(t) {
		if $[fn|pascal](lit) {
			t.Fatalf("%q grants admin besides the configured secret", lit)
		}
	}
}
