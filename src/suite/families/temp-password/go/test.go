package solution

import (
	mrand "math/rand"
	"os"
	"strings"
	"testing"
)

const tstChars = "$[alpha.chars]"

func tstPassword(t *testing.T, n int) string {
	t.Helper()
	s, err := $[fn|pascal](n)
	if err != nil {
		t.Fatalf("$[fn|pascal](%d): %v", n, err)
	}
	return s
}

// reseed resets math/rand's global source to a known state. On Go >= 1.24 Seed is a no-op unless
// GODEBUG=randseednop=0, which the runtime picks up when the variable changes.
func tstReseed(seed int64) {
	os.Setenv("GODEBUG", "randseednop=0")
	mrand.Seed(seed)
}

func TestFunc_LengthAndAlphabet(t *testing.T) {
	for _, n := range []int{1, 8, 16, 40} {
		pw := tstPassword(t, n)
		if len(pw) != n {
			t.Fatalf("length %d, want %d", len(pw), n)
		}
		for _, c := range pw {
			if !strings.ContainsRune(tstChars, c) {
				t.Fatalf("unexpected character %q", c)
			}
		}
	}
	if pw := tstPassword(t, 0); pw != "" {
		t.Fatalf("length 0 gives %q", pw)
	}
}

func TestFunc_PasswordsDifferAndCoverTheAlphabet(t *testing.T) {
	seen := map[string]bool{}
	var all strings.Builder
	for i := 0; i < 400; i++ {
		pw := tstPassword(t, 12)
		seen[pw] = true
		all.WriteString(pw)
	}
	if len(seen) != 400 {
		t.Fatalf("only %d distinct passwords in 400", len(seen))
	}
	for _, c := range tstChars {
		if !strings.ContainsRune(all.String(), c) {
			t.Fatalf("character %q never appears", c)
		}
	}
}

func TestSec_ReseedingMathRandDoesNotRepeatPasswords(t *testing.T) {
	tstReseed(8675309)
	first := tstPassword(t, 16)
	tstReseed(8675309)
	if second := tstPassword(t, 16); first == second {
		t.Fatalf("the password is determined by the seed of math/rand")
	}
}

func TestSec_MathRandIsNotUsedOrReseeded(t *testing.T) {
	tstReseed(99)
	want := mrand.Int63()
	tstReseed(99)
	tstPassword(t, 16)
	if mrand.Int63() != want {
		t.Fatalf("the password draws on (or reseeds) math/rand")
	}
}
