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
	if _, err := url.Parse(website); err != nil || strings.TrimSpace(website) == "" {
		return html.EscapeString(name)
	}
	return fmt.Sprintf(`<a href="%s" rel="$[rel]">%s</a>`, html.EscapeString(website), html.EscapeString(name))
}
