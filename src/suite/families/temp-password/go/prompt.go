// Package solution issues temporary passwords for $[who].
//
//	func $[fn|pascal](length int) (string, error) // length characters drawn from alphabet
package solution

import (
