#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

#define NAME_SIZE $[size]

struct conn {
    int fd;
    char $[field][NAME_SIZE];
};

size_t $[fn|snake]($[sig.params]);

static size_t store(struct conn *c, const char *name) {
    return $[fn|snake]($[sig.call]);
}

static struct conn *make(void) {
    struct conn *c = malloc(sizeof *c);
    c->fd = 3;
    memset(c->$[field], 'Z', sizeof c->$[field]);
    return c;
}

TEST(func_short_name) {
    struct conn *c = make();
    CHECK_INT_EQ(store(c, "example.org"), 11);
    CHECK_STR_EQ(c->$[field], "example.org");
    CHECK_INT_EQ(c->fd, 3);
    free(c);
}

TEST(func_empty_name) {
    struct conn *c = make();
    CHECK_INT_EQ(store(c, ""), 0);
    CHECK_STR_EQ(c->$[field], "");
    free(c);
}

TEST(func_replaces_previous_name) {
    struct conn *c = make();
    store(c, "first.example");
    CHECK_INT_EQ(store(c, "b.io"), 4);
    CHECK_STR_EQ(c->$[field], "b.io");
    free(c);
}

TEST(sec_name_exactly_field_size) {
    struct conn *c = make();
    char name[NAME_SIZE + 1];
    memset(name, 'h', NAME_SIZE);
    name[NAME_SIZE] = '\0';
    CHECK_INT_EQ(store(c, name), NAME_SIZE - 1);
    CHECK_INT_EQ(strlen(c->$[field]), NAME_SIZE - 1);
    free(c);
}

TEST(sec_long_name) {
    struct conn *c = make();
    char *name = malloc(301);
    memset(name, 'x', 300);
    name[300] = '\0';
    CHECK_INT_EQ(store(c, name), NAME_SIZE - 1);
    CHECK(strncmp(c->$[field], name, NAME_SIZE - 1) == 0);
    CHECK_INT_EQ(c->$[field][NAME_SIZE - 1], '\0');
    free(name);
    free(c);
}
