package solution

import "database/sql"

// $[fn|pascal] returns the email of the user called name in table $[table] (columns name, email).
// found is false when there is no such user.
func $[fn|pascal]($[sig.params]) (email string, found bool, err error) {
	err = db.QueryRow("SELECT email FROM $[table] WHERE name = '" + name + "'").Scan(&email)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return email, true, nil
}
