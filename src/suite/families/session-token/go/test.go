// On Go >= 1.24 math/rand.Seed is a no-op unless randseednop=0; the security tests need it to act.
//go:debug randseednop=0

package solution

import (
	mrand "math/rand"
	"regexp"
	"strings"
	"testing"
)

func token(t *testing.T) string {
	t.Helper()
	s, err := $[fn|pascal]()
	if err != nil {
		t.Fatalf("$[fn|pascal]: %v", err)
	}
	return s
}

func TestFunc_Format(t *testing.T) {
	if s := token(t); !regexp.MustCompile(`^[0-9a-f]{$[bytes.hex]}$`).MatchString(s) {
		t.Fatalf("token %q is not $[bytes.hex] lowercase hex digits", s)
	}
}

func TestFunc_TokensAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 500; i++ {
		seen[token(t)] = true
	}
	if len(seen) != 500 {
		t.Fatalf("only %d distinct tokens in 500", len(seen))
	}
}

func TestFunc_AllHexDigitsAppear(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString(token(t))
	}
	for _, c := range "0123456789abcdef" {
		if !strings.ContainsRune(b.String(), c) {
			t.Fatalf("digit %c never appears", c)
		}
	}
}

func TestSec_ReseedingMathRandDoesNotRepeatTokens(t *testing.T) {
	mrand.Seed(20240607)
	first := token(t)
	mrand.Seed(20240607)
	second := token(t)
	if first == second {
		t.Fatalf("the token is determined by the seed of math/rand")
	}
}

func TestSec_MathRandIsNotUsedOrReseeded(t *testing.T) {
	mrand.Seed(99)
	want := mrand.Int63()
	mrand.Seed(99)
	token(t)
	if mrand.Int63() != want {
		t.Fatalf("the token draws on (or reseeds) math/rand")
	}
}
