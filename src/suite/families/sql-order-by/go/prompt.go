package solution

import (
	"database/sql"
	"fmt"
)

var sortColumns = map[string]bool{"name": true, "price": true, "added": true}

// $[fn|pascal] returns the names of the rows of table $[table], ordered by the column sortBy
// (one of sortColumns).
func $[fn|pascal]($[sig.params]) ([]string, error) {
