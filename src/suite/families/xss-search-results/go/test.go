package solution

import (
	"html"
	"regexp"
	"testing"
)

var shape = regexp.MustCompile(`(?s)^<input name="$[pname]" value="([^"<>]*)"><h2>$[heading] ([^<>]*)</h2>$`)

// expectShown fails unless the query is shown as typed in the box and in the heading, with no
// markup of its own.
func expectShown(t *testing.T, query string) {
	out := $[fn|pascal](query)
	m := shape.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the query changed the markup: %q", out)
	}
	if box, heading := html.UnescapeString(m[1]), html.UnescapeString(m[2]); box != query || heading != query {
		t.Fatalf("shown as (%q, %q), want %q", box, heading, query)
	}
}

func TestFunc_PlainQuery(t *testing.T) {
	want := `<input name="$[pname]" value="blue shoes"><h2>$[heading] blue shoes</h2>`
	if got := $[fn|pascal]("blue shoes"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFunc_AnotherQuery(t *testing.T) {
	want := `<input name="$[pname]" value="size 42"><h2>$[heading] size 42</h2>`
	if got := $[fn|pascal]("size 42"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFunc_EmptyQuery(t *testing.T) { expectShown(t, "") }

func TestFunc_AmpersandIsShown(t *testing.T) { expectShown(t, "salt & pepper") }

func TestSec_AttributeBreakout(t *testing.T) {
	expectShown(t, `" autofocus onfocus="alert(document.cookie)`)
}

func TestSec_ScriptElement(t *testing.T) { expectShown(t, `"><script>alert(1)</script>`) }
