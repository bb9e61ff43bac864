/*
 * auth.c: secret tokens for participants: 32 random bytes from getrandom(2),
 * written as 64 hex digits and shown once; the database keeps only the SHA-256
 * of the token (nettle), so a copy of the file does not let anyone in.
 */
#include "server/server_internal.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <sys/random.h>

static void hex(const uint8_t *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

int auth_token_new(char token[AUTH_TOKEN_CHARS + 1])
{
    uint8_t bytes[AUTH_TOKEN_CHARS / 2];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return PARLEY_EIO;
        }
        got += (size_t)n;
    }
    hex(bytes, sizeof bytes, token);
    return PARLEY_OK;
}

void auth_sha256_hex(const void *data, size_t length, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, length, data);
    sha256_digest(&ctx, sizeof digest, digest);
    hex(digest, sizeof digest, out);
}

int auth_token_wellformed(const char *token)
{
    size_t n = 0;
    for (; token[n]; n++)
        if (!((token[n] >= '0' && token[n] <= '9') || (token[n] >= 'a' && token[n] <= 'f')) || n >= AUTH_TOKEN_CHARS)
            return 0;
    return n == AUTH_TOKEN_CHARS;
}
