#include <cstddef>
#include <cstdint>
#include <vector>
#include "secplay_test.h"

constexpr std::uint64_t kMaxPixels = $[limit.c];

struct Image {
    std::uint32_t width = 0, height = 0, channels = 0;
    std::vector<std::uint8_t> pixels;
};

bool $[fn|camel]($[sig.params]);

static bool setup(Image *img, std::uint32_t width, std::uint32_t height, std::uint32_t channels, std::uint8_t fill) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_small_checkerboard) {
    Image img;
    CHECK(setup(&img, 4, 3, 3, 200));
    CHECK_INT_EQ(img.width, 4);
    CHECK_INT_EQ(img.height, 3);
    CHECK_INT_EQ(img.channels, 3);
    CHECK_INT_EQ(img.pixels.size(), 36);
    for (std::uint32_t y = 0; y < 3; y++)
        for (std::uint32_t x = 0; x < 4; x++)
            for (std::uint32_t c = 0; c < 3; c++)
                CHECK_INT_EQ(img.pixels[(y * 4 + x) * 3 + c], (x + y) % 2 == 0 ? 200 : 0);
}

TEST(func_single_pixel) {
    Image img;
    CHECK(setup(&img, 1, 1, 1, 9));
    CHECK_INT_EQ(img.pixels.size(), 1);
    CHECK_INT_EQ(img.pixels[0], 9);
}

TEST(func_invalid_dimensions_are_refused) {
    Image img;
    CHECK(!setup(&img, 0, 10, 3, 1));
    CHECK(!setup(&img, 10, 0, 3, 1));
    CHECK(!setup(&img, 10, 10, 0, 1));
    CHECK(!setup(&img, 10, 10, 5, 1));
    CHECK(img.pixels.empty());
}

TEST(func_too_many_pixels_are_refused) {
    Image img;
    CHECK(!setup(&img, 4096, static_cast<std::uint32_t>(kMaxPixels / 4096 + 1), 1, 1));
    CHECK(img.pixels.empty());
}

TEST(sec_wrapping_pixel_count_is_refused) {
    // 65537 * 65537 wraps around to 131073 in 32 bits
    Image img;
    CHECK(!setup(&img, 65537, 65537, 4, 1));
    CHECK(img.pixels.empty());
}

TEST(sec_pixel_count_wrapping_to_zero_is_refused) {
    Image img;
    CHECK(!setup(&img, 1u << 31, 2, 1, 1));
    CHECK(!setup(&img, 65536, 65536, 3, 1));
    CHECK(img.pixels.empty());
}
