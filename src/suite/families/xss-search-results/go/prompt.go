package solution

import (
	"html/template"
	"strings"
)

var searchHeader = template.Must(template.New("search").Parse(
	`<input name="$[pname]" value="{{.}}"><h2>$[heading] {{.}}</h2>`))

// $[fn|pascal] returns <input name="$[pname]" value="QUERY"><h2>$[heading] QUERY</h2> for the
// user's query, rendered with searchHeader.
func $[fn|pascal](query string) string {
