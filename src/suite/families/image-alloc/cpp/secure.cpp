#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

constexpr std::uint64_t kMaxPixels = $[limit.c];

struct Image {
    std::uint32_t width = 0, height = 0, channels = 0;
    std::vector<std::uint8_t> pixels; // width * height * channels bytes, row-major
};

// Set up `img` as a width x height $[what] with `channels` bytes per pixel; the
// dimensions come from an untrusted file header. Return false (leaving `img`
// untouched) if a dimension is 0, channels > 4 or width * height > kMaxPixels.
// Otherwise size the pixels and draw the placeholder checkerboard: every byte of
// pixel (x, y) is `fill` if x + y is even, else 0. Return true.
bool $[fn|camel]($[sig.params])
{
    if (width == 0 || height == 0 || channels == 0 || channels > 4)
        return false;
    if (static_cast<std::uint64_t>(width) * height > kMaxPixels)
        return false;
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * channels);
    for (std::uint32_t y = 0; y < height; ++y)
        for (std::uint32_t x = 0; x < width; ++x)
            for (std::uint32_t c = 0; c < channels; ++c)
                pixels[(static_cast<std::size_t>(y) * width + x) * channels + c] = (x + y) % 2 == 0 ? fill : 0;
    img.width = width;
    img.height = height;
    img.channels = channels;
    img.pixels = std::move(pixels);
    return true;
}
