package solution

import (
	"log"
	"strings"
)

// $[fn|pascal] logs the line `search $[label]="<query>" results=<count>` on logger (the query
// trimmed and in double quotes): one intact line per search.
func $[fn|pascal]($[sig.params]) {
	logger.Printf("search $[label]=%q results=%d", strings.TrimSpace(query), count)
}
