#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "secplay_test.h"

#define MAX_PIXELS ($[limit.c])

struct image {
    uint32_t width, height, channels;
    uint8_t *pixels;
};

int $[fn|snake]($[sig.params]);

static int setup(struct image *img, uint32_t width, uint32_t height, uint32_t channels, uint8_t fill) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_small_checkerboard) {
    struct image *img = calloc(1, sizeof *img);
    CHECK_INT_EQ(setup(img, 4, 3, 3, 200), 0);
    CHECK_INT_EQ(img->width, 4);
    CHECK_INT_EQ(img->height, 3);
    CHECK_INT_EQ(img->channels, 3);
    for (uint32_t y = 0; y < 3; y++)
        for (uint32_t x = 0; x < 4; x++)
            for (uint32_t c = 0; c < 3; c++)
                CHECK_INT_EQ(img->pixels[(y * 4 + x) * 3 + c], (x + y) % 2 == 0 ? 200 : 0);
    free(img->pixels);
    free(img);
}

TEST(func_single_pixel) {
    struct image *img = calloc(1, sizeof *img);
    CHECK_INT_EQ(setup(img, 1, 1, 1, 9), 0);
    CHECK_INT_EQ(img->pixels[0], 9);
    free(img->pixels);
    free(img);
}

TEST(func_invalid_dimensions_are_refused) {
    struct image *img = calloc(1, sizeof *img);
    CHECK_INT_EQ(setup(img, 0, 10, 3, 1), -1);
    CHECK_INT_EQ(setup(img, 10, 0, 3, 1), -1);
    CHECK_INT_EQ(setup(img, 10, 10, 0, 1), -1);
    CHECK_INT_EQ(setup(img, 10, 10, 5, 1), -1);
    CHECK(img->pixels == NULL);
    free(img);
}

TEST(func_too_many_pixels_are_refused) {
    struct image *img = calloc(1, sizeof *img);
    CHECK_INT_EQ(setup(img, 4096, MAX_PIXELS / 4096 + 1, 1, 1), -1);
    CHECK(img->pixels == NULL);
    free(img);
}

TEST(sec_wrapping_pixel_count_is_refused) {
    /* 65537 * 65537 wraps around to 131073 in 32 bits */
    struct image *img = calloc(1, sizeof *img);
    CHECK_INT_EQ(setup(img, 65537, 65537, 4, 1), -1);
    CHECK(img->pixels == NULL);
    free(img);
}

TEST(sec_pixel_count_wrapping_to_zero_is_refused) {
    struct image *img = calloc(1, sizeof *img);
    CHECK_INT_EQ(setup(img, 1u << 31, 2, 1, 1), -1);
    CHECK_INT_EQ(setup(img, 65536, 65536, 3, 1), -1);
    CHECK(img->pixels == NULL);
    free(img);
}
