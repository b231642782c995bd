package solution

import (
	mrand "math/rand"
	"os"
	"regexp"
	"strings"
	"testing"
)

func tstToken(t *testing.T) string {
	t.Helper()
	s, err := $[fn|pascal]()
	if err != nil {
		t.Fatalf("$[fn|pascal]: %v", err)
	}
	return s
}

// reseed resets math/rand's global source to a known state. On Go >= 1.24 Seed is a no-op unless
// GODEBUG=randseednop=0, which the runtime picks up when the variable changes.
func tstReseed(seed int64) {
	os.Setenv("GODEBUG", "randseednop=0")
	mrand.Seed(seed)
}

func TestFunc_Format(t *testing.T) {
	if s := tstToken(t); !regexp.MustCompile(`^[0-9a-f]{$[bytes.hex]}$`).MatchString(s) {
		t.Fatalf("token %q is not $[bytes.hex] lowercase hex digits", s)
	}
}

func TestFunc_TokensAreDistinct(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 500; i++ {
		seen[tstToken(t)] = true
	}
	if len(seen) != 500 {
		t.Fatalf("only %d distinct tokens in 500", len(seen))
	}
}

func TestFunc_AllHexDigitsAppear(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString(tstToken(t))
	}
	for _, c := range "0123456789abcdef" {
		if !strings.ContainsRune(b.String(), c) {
			t.Fatalf("digit %c never appears", c)
		}
	}
}

func TestSec_ReseedingMathRandDoesNotRepeatTokens(t *testing.T) {
	tstReseed(20240607)
	first := tstToken(t)
	tstReseed(20240607)
	second := tstToken(t)
	if first == second {
		t.Fatalf("the token is determined by the seed of math/rand")
	}
}

func TestSec_MathRandIsNotUsedOrReseeded(t *testing.T) {
	tstReseed(99)
	want := mrand.Int63()
	tstReseed(99)
	tstToken(t)
	if mrand.Int63() != want {
		t.Fatalf("the token draws on (or reseeds) math/rand")
	}
}
