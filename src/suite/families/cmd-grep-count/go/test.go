package solution

import (
	"os"
	"strings"
	"testing"
)

var lines = []string{
	"service started",
	"$[word]: disk quota",
	"request served",
	"retrying after $[word]",
	"$[word] $[word] twice on one line",
	"it's done",
	"shutdown",
}

func makeFile(t *testing.T) string {
	if err := os.WriteFile("$[file]", []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatalf("setup: %v", err)
	}
	return "$[file]"
}

func count(path, word string) (int, error) {
	return $[fn|pascal]($[sig.call])
}

func expectCount(t *testing.T, word string, want int) {
	got, err := count(makeFile(t), word)
	if err != nil || got != want {
		t.Fatalf("count(%q) = (%d, %v), want (%d, nil)", word, got, err, want)
	}
}

func attack(t *testing.T, word, marker string) bool {
	path := makeFile(t)
	os.Remove(marker)
	count(path, word)
	_, err := os.Stat(marker)
	return err == nil
}

func TestFunc_CountsMatchingLines(t *testing.T) { expectCount(t, "$[word]", 3) }

func TestFunc_CountsASingleLine(t *testing.T) { expectCount(t, "shutdown", 1) }

func TestFunc_NoMatchIsZero(t *testing.T) { expectCount(t, "zebra", 0) }

func TestFunc_WordIsNotARegex(t *testing.T) { expectCount(t, "s.r", 0) }

func TestFunc_MissingFileFails(t *testing.T) {
	if _, err := count("missing_$[file]", "$[word]"); err == nil {
		t.Fatalf("counting in a missing file did not fail")
	}
}

func TestSec_QuoteInWordIsData(t *testing.T) { expectCount(t, "it's", 1) }

func TestSec_QuoteBreakoutRunsNoCommand(t *testing.T) {
	if attack(t, "x' ; touch pwned_quote ; echo '", "pwned_quote") {
		t.Fatalf("the word ran a shell command")
	}
}

func TestSec_CommandSubstitutionRunsNoCommand(t *testing.T) {
	if attack(t, "'$(touch pwned_subst)'", "pwned_subst") {
		t.Fatalf("the word ran a shell command")
	}
}
