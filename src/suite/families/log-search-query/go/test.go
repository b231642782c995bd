package solution

import (
	"bytes"
	"log"
	"strings"
	"testing"
	"unicode"
)

func capture(query string, count int) string {
	var buf bytes.Buffer
	logger := log.New(&buf, "", 0)
	$[fn|pascal]($[sig.call])
	return buf.String()
}

// intact returns the one log line; it fails if the entry is split or holds control or
// line-separator characters.
func intact(t *testing.T, text string) string {
	if !strings.HasSuffix(text, "\n") {
		t.Fatalf("no complete log line: %q", text)
	}
	body := strings.TrimSuffix(text, "\n")
	for _, r := range body {
		if !unicode.IsPrint(r) && r != ' ' {
			t.Fatalf("the entry is not one printable line: %q", text)
		}
	}
	return body
}

func expectLine(t *testing.T, query string, count int, want string) {
	if got := capture(query, count); got != want {
		t.Fatalf("logged %q, want %q", got, want)
	}
}

func TestFunc_LogsTheSearch(t *testing.T) {
	expectLine(t, "$[sample]", 12, "search $[label]=\"$[sample]\" results=12\n")
}

func TestFunc_LogsCountAndSymbols(t *testing.T) {
	expectLine(t, "size 42 & up <sale>", 0, "search $[label]=\"size 42 & up <sale>\" results=0\n")
}

func TestFunc_KeepsPrintableUnicode(t *testing.T) {
	expectLine(t, "caf\u00e9 cr\u00e8me", 3, "search $[label]=\"caf\u00e9 cr\u00e8me\" results=3\n")
}

func TestSec_CRLFCannotForgeAnEntry(t *testing.T) {
	line := intact(t, capture("$[sample]\r\nINFO admin password reset ok", 12))
	if !strings.HasPrefix(line, "search $[label]=\"$[sample]") {
		t.Fatalf("unexpected line %q", line)
	}
}

func TestSec_CarriageReturnCannotHideTheEntry(t *testing.T) {
	intact(t, capture("$[sample]\rsearch $[label]=\"nothing\" results=0", 12))
}

func TestSec_UnicodeLineSeparatorsCannotSplitTheEntry(t *testing.T) {
	for _, sep := range []string{"\u2028", "\u2029", "\u0085", "\v", "\f", "\x1e"} {
		intact(t, capture("$[sample]"+sep+"INFO forged entry", 12))
	}
}
