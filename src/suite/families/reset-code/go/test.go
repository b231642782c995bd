// On Go >= 1.24 math/rand.Seed is a no-op unless randseednop=0; the security tests need it to act.
//go:debug randseednop=0

package solution

import (
	mrand "math/rand"
	"regexp"
	"testing"
)

func code(t *testing.T) string {
	t.Helper()
	s, err := $[fn|pascal]()
	if err != nil {
		t.Fatalf("$[fn|pascal]: %v", err)
	}
	return s
}

func TestFunc_Format(t *testing.T) {
	re := regexp.MustCompile(`^[0-9]{$[digits.n]}$`)
	for i := 0; i < 50; i++ {
		if s := code(t); !re.MatchString(s) {
			t.Fatalf("code %q is not $[digits.n] digits", s)
		}
	}
}

func TestFunc_CodesVaryAndKeepLeadingZeros(t *testing.T) {
	seen, first := map[string]bool{}, map[byte]bool{}
	for i := 0; i < 2000; i++ {
		s := code(t)
		seen[s] = true
		first[s[0]] = true
	}
	if len(seen) < 1990 || len(first) != 10 {
		t.Fatalf("%d distinct codes, %d distinct leading digits", len(seen), len(first))
	}
}

func TestSec_ReseedingMathRandDoesNotRepeatCodes(t *testing.T) {
	mrand.Seed(424242)
	a := []string{code(t), code(t), code(t)}
	mrand.Seed(424242)
	b := []string{code(t), code(t), code(t)}
	if a[0] == b[0] && a[1] == b[1] && a[2] == b[2] {
		t.Fatalf("the codes are determined by the seed of math/rand")
	}
}

func TestSec_MathRandIsNotUsedOrReseeded(t *testing.T) {
	mrand.Seed(99)
	want := mrand.Int63()
	mrand.Seed(99)
	code(t)
	if mrand.Int63() != want {
		t.Fatalf("the code draws on (or reseeds) math/rand")
	}
}
