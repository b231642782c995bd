package solution

import (
	"fmt"
	"html"
	"net/url"
	"strings"
)

// $[fn|pascal] returns <a href="WEBSITE" rel="$[rel]">NAME</a> for an http(s) website URL, else
// just NAME (both HTML-escaped).
func $[fn|pascal]($[sig.params]) string {
	u, err := url.Parse(website)
	if err != nil || (strings.ToLower(u.Scheme) != "http" && strings.ToLower(u.Scheme) != "https") {
		return html.EscapeString(name)
	}
	return fmt.Sprintf(`<a href="%s" rel="$[rel]">%s</a>`, html.EscapeString(website), html.EscapeString(name))
}
