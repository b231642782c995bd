#include <stdlib.h>
#include <string.h>

struct name_list {
    char **items; /* malloc'd array of `cap` slots; items[0..count) are malloc'd strings */
    size_t count;
    size_t cap;
};

struct alias {
    const char *name;
    const char *alias;
};

/* Append `s` to `l` (taking ownership), doubling the array with realloc when it is full. */
static int list_push(struct name_list *l, char *s)
{
    if (l->count == l->cap) {
        size_t cap = l->cap != 0 ? l->cap * 2 : 4;
        char **p = realloc(l->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->count++] = s;
    return 0;
}

/* The alias of `name` in the table `aliases` (`n` entries), or NULL. */
static const char *$[lookup|snake](const char *name, const struct alias *aliases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(aliases[i].name, name) == 0)
            return aliases[i].alias;
    return NULL;
}

/* For each of the $[kind] originally in `l` that has an alias, append a copy of
 * the alias (made with strdup) to the end of `l`, in list order. Aliases that
 * are appended are not expanded again. Return the number of aliases appended,
 * or -1 if memory runs out. */
int $[fn|snake]($[sig.params])
{
    int added = 0;
    char **end = l->items + l->count;
    for (char **it = l->items; it != end; it++) {
        const char *a = $[lookup|snake](*it, aliases, n);
        if (a == NULL)
            continue;
        char *copy = strdup(a);
        if (copy == NULL || list_push(l, copy) != 0) {
            free(copy);
            return -1;
        }
        added++;
    }
    return added;
}
