// On Go >= 1.24 math/rand.Seed is a no-op unless randseednop=0; the security tests need it to act.
//go:debug randseednop=0

package solution

import (
	mrand "math/rand"
	"strings"
	"testing"
)

const chars = "$[alpha.chars]"

func password(t *testing.T, n int) string {
	t.Helper()
	s, err := $[fn|pascal](n)
	if err != nil {
		t.Fatalf("$[fn|pascal](%d): %v", n, err)
	}
	return s
}

func TestFunc_LengthAndAlphabet(t *testing.T) {
	for _, n := range []int{1, 8, 16, 40} {
		pw := password(t, n)
		if len(pw) != n {
			t.Fatalf("length %d, want %d", len(pw), n)
		}
		for _, c := range pw {
			if !strings.ContainsRune(chars, c) {
				t.Fatalf("unexpected character %q", c)
			}
		}
	}
	if pw := password(t, 0); pw != "" {
		t.Fatalf("length 0 gives %q", pw)
	}
}

func TestFunc_PasswordsDifferAndCoverTheAlphabet(t *testing.T) {
	seen := map[string]bool{}
	var all strings.Builder
	for i := 0; i < 400; i++ {
		pw := password(t, 12)
		seen[pw] = true
		all.WriteString(pw)
	}
	if len(seen) != 400 {
		t.Fatalf("only %d distinct passwords in 400", len(seen))
	}
	for _, c := range chars {
		if !strings.ContainsRune(all.String(), c) {
			t.Fatalf("character %q never appears", c)
		}
	}
}

func TestSec_ReseedingMathRandDoesNotRepeatPasswords(t *testing.T) {
	mrand.Seed(8675309)
	first := password(t, 16)
	mrand.Seed(8675309)
	if second := password(t, 16); first == second {
		t.Fatalf("the password is determined by the seed of math/rand")
	}
}

func TestSec_MathRandIsNotUsedOrReseeded(t *testing.T) {
	mrand.Seed(99)
	want := mrand.Int63()
	mrand.Seed(99)
	password(t, 16)
	if mrand.Int63() != want {
		t.Fatalf("the password draws on (or reseeds) math/rand")
	}
}
