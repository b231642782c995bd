#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

struct name_list {
    char **items;
    size_t count;
    size_t cap;
};

struct alias {
    const char *name;
    const char *alias;
};

int $[fn|snake]($[sig.params]);

static const struct alias TABLE[] = {
    {"web", "www"},
    {"db", "postgres"},
    {"cache", "redis"},
};

/* A list holding copies of `names`, with room for exactly `cap` entries. */
static struct name_list *make(const char *const *names, size_t count, size_t cap) {
    struct name_list *l = malloc(sizeof *l);
    l->items = malloc(cap * sizeof *l->items);
    for (size_t i = 0; i < count; i++) l->items[i] = strdup(names[i]);
    l->count = count;
    l->cap = cap;
    return l;
}

static int expand(struct name_list *l) {
    const struct alias *aliases = TABLE;
    size_t n = sizeof TABLE / sizeof TABLE[0];
    return $[fn|snake]($[sig.call]);
}

static void drop(struct name_list *l) {
    for (size_t i = 0; i < l->count; i++) free(l->items[i]);
    free(l->items);
    free(l);
}

TEST(func_appends_aliases_in_order) {
    const char *names[] = {"db", "mail", "web"};
    struct name_list *l = make(names, 3, 16);
    CHECK_INT_EQ(expand(l), 2);
    CHECK_INT_EQ(l->count, 5);
    CHECK_STR_EQ(l->items[0], "db");
    CHECK_STR_EQ(l->items[2], "web");
    CHECK_STR_EQ(l->items[3], "postgres");
    CHECK_STR_EQ(l->items[4], "www");
    drop(l);
}

TEST(func_no_aliases) {
    const char *names[] = {"mail", "ftp"};
    struct name_list *l = make(names, 2, 8);
    CHECK_INT_EQ(expand(l), 0);
    CHECK_INT_EQ(l->count, 2);
    drop(l);
}

TEST(func_empty_list) {
    struct name_list *l = make(NULL, 0, 4);
    CHECK_INT_EQ(expand(l), 0);
    CHECK_INT_EQ(l->count, 0);
    drop(l);
}

TEST(sec_full_list_grows_while_expanding) {
    const char *names[] = {"web", "db", "cache", "mail"};
    struct name_list *l = make(names, 4, 4);
    CHECK_INT_EQ(expand(l), 3);
    CHECK_INT_EQ(l->count, 7);
    CHECK_STR_EQ(l->items[4], "www");
    CHECK_STR_EQ(l->items[5], "postgres");
    CHECK_STR_EQ(l->items[6], "redis");
    drop(l);
}

TEST(sec_many_growths) {
    const char *names[40];
    for (int i = 0; i < 40; i++) names[i] = (i % 2 == 0) ? "db" : "cache";
    struct name_list *l = make(names, 40, 40);
    CHECK_INT_EQ(expand(l), 40);
    CHECK_INT_EQ(l->count, 80);
    for (int i = 0; i < 40; i++) CHECK_STR_EQ(l->items[40 + i], (i % 2 == 0) ? "postgres" : "redis");
    drop(l);
}
