/*
 * fuzz_http.c: libFuzzer target for the server's HTTP handling: request
 * lines, paths, headers (Content-Length, Transfer-Encoding, Host, Origin,
 * Content-Type, Authorization) and bodies, as raw bytes sent to a parley
 * server running in the process (server_harness.c).  So that the bytes can
 * get past authentication, "@N@" is replaced by the negotiation's number,
 * "@M@", "@A@" and "@B@" by the mediator's and the parties' tokens, "@T@" by
 * the text's number and "@S@" by the session's.  No crash, no leak, no hang
 * of the server (the next input still gets its answer).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_harness.h"

/* The placeholder at p (4 bytes "@X@"), written to out; its length, or 0 when p holds none. */
static size_t expand(const uint8_t *p, size_t left, char *out, size_t room)
{
    if (left < 3 || p[0] != '@' || p[2] != '@' || room < 80)
        return 0;
    switch (p[1]) {
    case 'N': return (size_t)snprintf(out, room, "%ld", harness_negotiation());
    case 'T': return (size_t)snprintf(out, room, "%ld", harness_text());
    case 'S': return (size_t)snprintf(out, room, "%ld", harness_session());
    case 'M': return (size_t)snprintf(out, room, "%s", harness_token(HARNESS_MEDIATOR));
    case 'A': return (size_t)snprintf(out, room, "%s", harness_token(HARNESS_PARTY_A));
    case 'B': return (size_t)snprintf(out, room, "%s", harness_token(HARNESS_PARTY_B));
    default: return 0;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    harness_ready();
    size_t room = size * 30 + 1, n = 0;
    char *request = malloc(room);
    if (!request)
        return 0;
    for (size_t i = 0; i < size; i++) {
        size_t written = expand(data + i, size - i, request + n, room - n);
        if (written) {
            n += written;
            i += 2;
        } else {
            request[n++] = (char)data[i];
        }
    }
    /* A request cut short waits for the rest: a short wait, then the next input. */
    int status = harness_exchange(request, n, NULL, 0, 300);
    if (getenv("FUZZ_VERBOSE"))
        fprintf(stderr, "%.40s... -> %d\n", request, status);
    free(request);
    /* The server still answers a plain request. */
    static const char health[] = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (harness_exchange(health, sizeof health - 1, NULL, 0, 30000) != 200) {
        fprintf(stderr, "fuzz_http: the server no longer answers\n");
        abort();
    }
    return 0;
}
