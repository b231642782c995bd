package solution

import "database/sql"

// $[fn|pascal] returns the email of the user called name in table $[table] (columns name, email).
// found is false when there is no such user.
func $[fn|pascal]($[sig.params]) (email string, found bool, err error) {
