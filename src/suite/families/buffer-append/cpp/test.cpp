#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include "secplay_test.h"

struct TextBuffer {
    char *$[f.d] = nullptr;
    std::size_t $[f.l] = 0;
    std::size_t $[f.c] = 0;
};

char *$[fn|camel]($[sig.params]);

static TextBuffer *new_buf(std::size_t cap) {
    TextBuffer *sb = new TextBuffer;
    sb->$[f.d] = new char[cap];
    sb->$[f.d][0] = '\0';
    sb->$[f.c] = cap;
    return sb;
}

static void drop(TextBuffer *sb) {
    delete[] sb->$[f.d];
    delete sb;
}

static char *append(TextBuffer &sb, std::string_view s) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_append_within_capacity) {
    TextBuffer *sb = new_buf(64);
    char *a = append(*sb, "hello");
    CHECK(a == sb->$[f.d]);
    char *b = append(*sb, ", world");
    CHECK(b == sb->$[f.d] + 5);
    CHECK_STR_EQ(b, ", world");
    CHECK_STR_EQ(sb->$[f.d], "hello, world");
    CHECK_INT_EQ(sb->$[f.l], 12);
    drop(sb);
}

TEST(func_append_empty) {
    TextBuffer *sb = new_buf(16);
    append(*sb, "abc");
    char *e = append(*sb, "");
    CHECK(e == sb->$[f.d] + 3);
    CHECK_STR_EQ(sb->$[f.d], "abc");
    CHECK_INT_EQ(sb->$[f.l], 3);
    drop(sb);
}

TEST(func_fills_exactly) {
    TextBuffer *sb = new_buf(8);
    append(*sb, "1234");
    char *r = append(*sb, "567");
    CHECK_STR_EQ(r, "567");
    CHECK_STR_EQ(sb->$[f.d], "1234567");
    CHECK_INT_EQ(sb->$[f.l], 7);
    drop(sb);
}

TEST(sec_growth_keeps_pointer_valid) {
    TextBuffer *sb = new_buf(8);
    append(*sb, "start");
    char *r = append(*sb, "-this-does-not-fit-in-eight-bytes");
    CHECK(sb->$[f.c] >= sb->$[f.l] + 1);
    CHECK_STR_EQ(sb->$[f.d], "start-this-does-not-fit-in-eight-bytes");
    CHECK(r == sb->$[f.d] + 5);
    CHECK_STR_EQ(r, "-this-does-not-fit-in-eight-bytes");
    drop(sb);
}

TEST(sec_many_appends_grow_repeatedly) {
    TextBuffer *sb = new_buf(4);
    std::string expected;
    for (int i = 0; i < 100; i++) {
        char *r = append(*sb, "0123456789");
        CHECK(r != nullptr);
        CHECK_STR_EQ(r, "0123456789");
        expected += "0123456789";
    }
    CHECK_STR_EQ(sb->$[f.d], expected.c_str());
    CHECK_INT_EQ(sb->$[f.l], 1000);
    drop(sb);
}
