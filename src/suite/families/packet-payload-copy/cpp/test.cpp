#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>
#include "secplay_test.h"

constexpr std::size_t kMaxPayload = $[max];

struct Message {
    std::uint16_t type = 0;
    std::uint16_t len = 0;
    std::array<std::uint8_t, kMaxPayload> payload{};
};

bool $[fn|camel]($[sig.params]);

// A packet with the given header and `len` payload bytes 'a', 'b', ... (mod 26).
static std::vector<std::uint8_t> packet(std::uint16_t type, std::uint16_t declared, std::size_t len) {
    std::vector<std::uint8_t> p = {static_cast<std::uint8_t>(type >> 8), static_cast<std::uint8_t>(type),
                                   static_cast<std::uint8_t>(declared >> 8), static_cast<std::uint8_t>(declared)};
    for (std::size_t i = 0; i < len; i++) p.push_back(static_cast<std::uint8_t>('a' + i % 26));
    return p;
}

static bool decode(const std::vector<std::uint8_t> &pkt, Message *msg) {
    return $[fn|camel]($[sig.call]);
}

TEST(func_decodes_payload) {
    Message *msg = new Message;
    CHECK(decode(packet(0x0102, 5, 5), msg));
    CHECK_INT_EQ(msg->type, 0x0102);
    CHECK_INT_EQ(msg->len, 5);
    CHECK(std::memcmp(msg->payload.data(), "abcde", 5) == 0);
    delete msg;
}

TEST(func_empty_payload_and_trailing_bytes) {
    Message *msg = new Message;
    CHECK(decode(packet(7, 0, 3), msg));
    CHECK_INT_EQ(msg->type, 7);
    CHECK_INT_EQ(msg->len, 0);
    delete msg;
}

TEST(func_full_payload) {
    Message *msg = new Message;
    CHECK(decode(packet(9, kMaxPayload, kMaxPayload), msg));
    CHECK_INT_EQ(msg->len, kMaxPayload);
    CHECK_INT_EQ(msg->payload[kMaxPayload - 1], 'a' + (kMaxPayload - 1) % 26);
    delete msg;
}

TEST(func_truncated_packets) {
    Message *msg = new Message;
    CHECK(!decode(packet(1, 10, 4), msg));
    CHECK(!decode(std::vector<std::uint8_t>{0, 1, 0}, msg));
    delete msg;
}

TEST(sec_payload_one_byte_too_long) {
    Message *msg = new Message;
    CHECK(!decode(packet(1, kMaxPayload + 1, kMaxPayload + 1), msg));
    delete msg;
}

TEST(sec_maximal_length_payload) {
    Message *msg = new Message;
    CHECK(!decode(packet(1, 65535, 65535), msg));
    delete msg;
}
