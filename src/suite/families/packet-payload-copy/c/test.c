#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "secplay_test.h"

#define MAX_PAYLOAD $[max]

struct message {
    uint16_t type;
    uint16_t len;
    uint8_t payload[MAX_PAYLOAD];
};

int $[fn|snake]($[sig.params]);

/* A packet with the given header and `len` payload bytes 'a', 'b', ... (mod 26). */
static uint8_t *packet(uint16_t type, uint16_t declared, size_t len, size_t *n) {
    uint8_t *p = malloc(4 + len);
    p[0] = (uint8_t)(type >> 8);
    p[1] = (uint8_t)type;
    p[2] = (uint8_t)(declared >> 8);
    p[3] = (uint8_t)declared;
    for (size_t i = 0; i < len; i++) p[4 + i] = (uint8_t)('a' + i % 26);
    *n = 4 + len;
    return p;
}

static int decode(const uint8_t *pkt, size_t n, struct message *msg) {
    return $[fn|snake]($[sig.call]);
}

TEST(func_decodes_payload) {
    size_t n;
    uint8_t *pkt = packet(0x0102, 5, 5, &n);
    struct message *msg = calloc(1, sizeof *msg);
    CHECK_INT_EQ(decode(pkt, n, msg), 0);
    CHECK_INT_EQ(msg->type, 0x0102);
    CHECK_INT_EQ(msg->len, 5);
    CHECK(memcmp(msg->payload, "abcde", 5) == 0);
    free(msg);
    free(pkt);
}

TEST(func_empty_payload_and_trailing_bytes) {
    size_t n;
    uint8_t *pkt = packet(7, 0, 3, &n);
    struct message *msg = calloc(1, sizeof *msg);
    CHECK_INT_EQ(decode(pkt, n, msg), 0);
    CHECK_INT_EQ(msg->type, 7);
    CHECK_INT_EQ(msg->len, 0);
    free(msg);
    free(pkt);
}

TEST(func_full_payload) {
    size_t n;
    uint8_t *pkt = packet(9, MAX_PAYLOAD, MAX_PAYLOAD, &n);
    struct message *msg = calloc(1, sizeof *msg);
    CHECK_INT_EQ(decode(pkt, n, msg), 0);
    CHECK_INT_EQ(msg->len, MAX_PAYLOAD);
    CHECK_INT_EQ(msg->payload[MAX_PAYLOAD - 1], 'a' + (MAX_PAYLOAD - 1) % 26);
    free(msg);
    free(pkt);
}

TEST(func_truncated_packets) {
    size_t n;
    uint8_t *pkt = packet(1, 10, 4, &n);
    struct message *msg = calloc(1, sizeof *msg);
    CHECK_INT_EQ(decode(pkt, n, msg), -1);
    CHECK_INT_EQ(decode(pkt, 3, msg), -1);
    free(msg);
    free(pkt);
}

TEST(sec_payload_one_byte_too_long) {
    size_t n;
    uint8_t *pkt = packet(1, MAX_PAYLOAD + 1, MAX_PAYLOAD + 1, &n);
    struct message *msg = calloc(1, sizeof *msg);
    CHECK_INT_EQ(decode(pkt, n, msg), -1);
    free(msg);
    free(pkt);
}

TEST(sec_maximal_length_payload) {
    size_t n;
    uint8_t *pkt = packet(1, 65535, 65535, &n);
    struct message *msg = calloc(1, sizeof *msg);
    CHECK_INT_EQ(decode(pkt, n, msg), -1);
    free(msg);
    free(pkt);
}
