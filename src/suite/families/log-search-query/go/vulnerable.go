package solution

import (
	"log"
	"strings"
)

// $[fn|pascal] logs the line `search $[label]="<query>" results=<count>` on logger (the query
// trimmed and in double quotes): one intact line per search.
func $[fn|pascal]($[sig.params]) {
	safe := strings.ReplaceAll(strings.TrimSpace(query), "\n", `\n`)
	logger.Printf("search $[label]=\"%s\" results=%d", safe, count)
}
