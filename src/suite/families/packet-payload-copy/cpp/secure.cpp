#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

constexpr std::size_t kMaxPayload = $[max];

struct Message {
    std::uint16_t type = 0;
    std::uint16_t len = 0;
    std::array<std::uint8_t, kMaxPayload> payload{};
};

// Decode the $[proto] packet `pkt` (bytes from the network): a big-endian 16-bit
// type, a big-endian 16-bit payload length N, then N payload bytes (bytes after
// the payload are ignored). Fill `msg` and return true, or return false if the
// packet is truncated or its payload does not fit in msg.payload.
bool $[fn|camel]($[sig.params])
{
    if (pkt.size() < 4)
        return false;
    const std::uint16_t type = static_cast<std::uint16_t>((pkt[0] << 8) | pkt[1]);
    const std::uint16_t len = static_cast<std::uint16_t>((pkt[2] << 8) | pkt[3]);
    if (pkt.size() - 4 < len || len > msg.payload.size())
        return false;
    msg.type = type;
    msg.len = len;
    std::memcpy(msg.payload.data(), pkt.data() + 4, len);
    return true;
}
