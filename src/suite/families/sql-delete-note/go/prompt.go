package solution

import (
	"database/sql"
	"fmt"
)

// $[fn|pascal] deletes the row of table $[table] (columns id, owner, body) with id noteID (a
// string from the URL) owned by owner, and returns the number of deleted rows.
func $[fn|pascal]($[sig.params]) (int64, error) {
