package solution

import (
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var (
	hrefRe   = regexp.MustCompile(`(?i)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
	webRe    = regexp.MustCompile(`(?i)^https?://`)
	tagRe    = regexp.MustCompile(`<[^>]*>`)
	quotedRe = regexp.MustCompile(`"[^"]*"`)
)

func render(name, website string) string {
	return $[fn|pascal]($[sig.call])
}

// hrefs returns every href value as the browser reads it (entities decoded, leading blanks dropped).
func hrefs(out string) []string {
	var vals []string
	for _, m := range hrefRe.FindAllStringSubmatch(out, -1) {
		v := m[1] + m[2] + m[3]
		vals = append(vals, strings.TrimLeft(html.UnescapeString(v), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	}
	return vals
}

func expectOnlyWebLinks(t *testing.T, website string) {
	out := render("$[who]", website)
	for _, h := range hrefs(out) {
		if !webRe.MatchString(h) {
			t.Fatalf("%q produced a non-web link: %q", website, out)
		}
	}
}

func TestFunc_LinksHTTPS(t *testing.T) {
	want := `<a href="https://$[who].example.dev" rel="$[rel]">$[who]</a>`
	if got := render("$[who]", "https://$[who].example.dev"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFunc_LinksHTTPWithQuery(t *testing.T) {
	out := render("$[who]", "http://example.com/?a=1&b=2")
	if !reflect.DeepEqual(hrefs(out), []string{"http://example.com/?a=1&b=2"}) || !strings.HasSuffix(out, `rel="$[rel]">$[who]</a>`) {
		t.Fatalf("unexpected link %q", out)
	}
}

func TestFunc_EscapesTheName(t *testing.T) {
	out := render("Tom & Jerry <3", "https://tj.example.org")
	if html.UnescapeString(tagRe.ReplaceAllString(out, "")) != "Tom & Jerry <3" || strings.Contains(out, "<3") {
		t.Fatalf("name not shown escaped: %q", out)
	}
}

func TestFunc_EmptyURLIsJustTheName(t *testing.T) {
	if got := render("$[who]", ""); got != "$[who]" {
		t.Fatalf("got %q, want %q", got, "$[who]")
	}
}

func TestSec_JavascriptURLIsNotLinked(t *testing.T) {
	expectOnlyWebLinks(t, "javascript:alert(document.cookie)")
}

func TestSec_MixedCaseAndBlankJavascriptURLIsNotLinked(t *testing.T) {
	for _, u := range []string{"JaVaScRiPt:alert(1)", " javascript:alert(1)", "\tjavascript:alert(1)"} {
		expectOnlyWebLinks(t, u)
	}
}

func TestSec_DataURLIsNotLinked(t *testing.T) {
	expectOnlyWebLinks(t, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")
}

func TestSec_QuoteCannotLeaveTheAttribute(t *testing.T) {
	out := render("$[who]", `https://x.example/" onmouseover="alert(1)`)
	if strings.Contains(quotedRe.ReplaceAllString(out, `""`), "onmouseover=") {
		t.Fatalf("the URL added an attribute: %q", out)
	}
}
