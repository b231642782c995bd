package solution

import (
	mrand "math/rand"
	"os"
	"regexp"
	"testing"
)

func tstCode(t *testing.T) string {
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
	re := regexp.MustCompile(`^[0-9]{$[digits.n]}$`)
	for i := 0; i < 50; i++ {
		if s := tstCode(t); !re.MatchString(s) {
			t.Fatalf("code %q is not $[digits.n] digits", s)
		}
	}
}

func TestFunc_CodesVaryAndKeepLeadingZeros(t *testing.T) {
	seen, first := map[string]bool{}, map[byte]bool{}
	for i := 0; i < 2000; i++ {
		s := tstCode(t)
		seen[s] = true
		first[s[0]] = true
	}
	if len(seen) < 1990 || len(first) != 10 {
		t.Fatalf("%d distinct codes, %d distinct leading digits", len(seen), len(first))
	}
}

func TestSec_ReseedingMathRandDoesNotRepeatCodes(t *testing.T) {
	tstReseed(424242)
	a := []string{tstCode(t), tstCode(t), tstCode(t)}
	tstReseed(424242)
	b := []string{tstCode(t), tstCode(t), tstCode(t)}
	if a[0] == b[0] && a[1] == b[1] && a[2] == b[2] {
		t.Fatalf("the codes are determined by the seed of math/rand")
	}
}

func TestSec_MathRandIsNotUsedOrReseeded(t *testing.T) {
	tstReseed(99)
	want := mrand.Int63()
	tstReseed(99)
	tstCode(t)
	if mrand.Int63() != want {
		t.Fatalf("the code draws on (or reseeds) math/rand")
	}
}
