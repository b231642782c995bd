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
