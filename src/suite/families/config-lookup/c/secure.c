#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct config_entry {
    const char *key;
    const char *value; /* NULL when the key was given without a value */
};

struct config {
    const struct config_entry *entries;
    size_t count;
};

/* Return the entry whose key equals `key`, or NULL if there is none. */
static const struct config_entry *$[find|snake](const struct config *cfg, const char *key)
{
    for (size_t i = 0; i < cfg->count; i++)
        if (strcmp(cfg->entries[i].key, key) == 0)
            return &cfg->entries[i];
    return NULL;
}

/* Return the value of setting `key` parsed as $[base.desc], or `fallback`
 * if the setting is missing, has no value, or its value is not a number. */
long $[fn|snake]($[sig.params])
{
    const struct config_entry *e = $[find|snake](cfg, key);
    if (e == NULL || e->value == NULL)
        return fallback;
    char *end;
    long v = strtol(e->value, &end, $[base.base]);
    if (end == e->value || *end != '\0')
        return fallback;
    return v;
}
