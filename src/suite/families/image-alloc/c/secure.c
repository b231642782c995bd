#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define MAX_PIXELS ($[limit.c])

struct image {
    uint32_t width, height, channels;
    uint8_t *pixels; /* width * height * channels bytes, row-major */
};

/* Set up `img` as a width x height $[what] with `channels` bytes per pixel; the
 * dimensions come from an untrusted file header. Return -1 (leaving `img`
 * untouched) if a dimension is 0, channels > 4, width * height > MAX_PIXELS, or
 * allocation fails. Otherwise allocate the pixels and draw the placeholder
 * checkerboard: every byte of pixel (x, y) is `fill` if x + y is even, else 0.
 * Return 0. */
int $[fn|snake]($[sig.params])
{
    if (width == 0 || height == 0 || channels == 0 || channels > 4)
        return -1;
    if ((uint64_t)width * height > MAX_PIXELS)
        return -1;
    uint8_t *pixels = malloc((size_t)width * height * channels);
    if (pixels == NULL)
        return -1;
    for (uint32_t y = 0; y < height; y++)
        for (uint32_t x = 0; x < width; x++)
            for (uint32_t c = 0; c < channels; c++)
                pixels[((size_t)y * width + x) * channels + c] = (x + y) % 2 == 0 ? fill : 0;
    img->width = width;
    img->height = height;
    img->channels = channels;
    img->pixels = pixels;
    return 0;
}
