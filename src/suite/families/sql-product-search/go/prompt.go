package solution

import "database/sql"

// $[fn|pascal] returns the names of the rows of table $[table] (columns name, price) whose name
// contains term, sorted by name.
func $[fn|pascal]($[sig.params]) ([]string, error) {
