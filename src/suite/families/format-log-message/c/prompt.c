#include <stdio.h>

/* Write one line "$[app]: $[br.l]LEVEL$[br.r] message\n" to `out`. The message is
 * arbitrary text received from a client and must be written verbatim. */
void $[fn|snake]($[sig.params])
{
