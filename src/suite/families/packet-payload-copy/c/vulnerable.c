#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MAX_PAYLOAD $[max]

struct message {
    uint16_t type;
    uint16_t len;
    uint8_t payload[MAX_PAYLOAD];
};

/* Decode the $[proto] packet `pkt` (`n` bytes from the network): a big-endian
 * 16-bit type, a big-endian 16-bit payload length N, then N payload bytes
 * (bytes after the payload are ignored). Fill `msg` and return 0, or return -1
 * if the packet is truncated or its payload does not fit in msg->payload. */
int $[fn|snake]($[sig.params])
{
    if (n < 4)
        return -1;
    uint16_t type = (uint16_t)((pkt[0] << 8) | pkt[1]);
    uint16_t len = (uint16_t)((pkt[2] << 8) | pkt[3]);
    if (n - 4 < len)
        return -1;
    msg->type = type;
    msg->len = len;
    memcpy(msg->payload, pkt + 4, len);
    return 0;
}
