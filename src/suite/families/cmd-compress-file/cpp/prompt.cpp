#include <cstdlib>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// Compress `path` with gzip at `level` (keep the original, overwrite the archive). Return true
// on success.
bool $[fn|snake]($[sig.params]) {
