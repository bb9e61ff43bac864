/*
 * fuzz_server_api.c: libFuzzer target that reaches past the server's router
 * into its handlers.  A parley server runs in the process (server_harness.c)
 * with a negotiation ready (mediator, two parties, an open session, a tabled
 * text); each input picks a route of the API with the right numbers in its
 * path (byte 0), whose token it carries (byte 1: none, the mediator, party A
 * or party B), and gives the query string (up to the first newline, sent
 * percent-encoded) and the body (the rest) of a well-formed HTTP request.
 * So valid-looking requests reach every handler (profile uploads, texts,
 * responses, messages, analyses with their query values) and odd ones test
 * its checks.  The server must answer every request with a status.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_harness.h"

/* {n}: the negotiation, {s}: the session, {t}: the text, {p}: party B's participant id. */
static const char *const routes[][2] = {
    {"GET", "/api/health"},
    {"POST", "/api/negotiations"},
    {"GET", "/api/negotiations/{n}"},
    {"POST", "/api/negotiations/{n}/participants"},
    {"GET", "/api/negotiations/{n}/participants"},
    {"GET", "/api/negotiations/{n}/me"},
    {"PUT", "/api/negotiations/{n}/profile"},
    {"GET", "/api/negotiations/{n}/profile"},
    {"GET", "/api/negotiations/{n}/participants/{p}/profile"},
    {"POST", "/api/negotiations/{n}/sessions"},
    {"POST", "/api/negotiations/{n}/sessions/{s}/close"},
    {"GET", "/api/negotiations/{n}/sessions"},
    {"POST", "/api/negotiations/{n}/texts"},
    {"GET", "/api/negotiations/{n}/texts"},
    {"GET", "/api/negotiations/{n}/texts/current"},
    {"GET", "/api/negotiations/{n}/texts/{t}"},
    {"GET", "/api/negotiations/{n}/texts/current/value"},
    {"POST", "/api/negotiations/{n}/texts/{t}/responses"},
    {"GET", "/api/negotiations/{n}/texts/{t}/responses"},
    {"POST", "/api/negotiations/{n}/messages"},
    {"GET", "/api/negotiations/{n}/timeline"},
    {"GET", "/api/negotiations/{n}/analysis"},
    {"GET", "/api/negotiations/{n}/analysis/diagnose"},
    {"GET", "/api/negotiations/{n}/analysis/propose"},
    {"GET", "/api/negotiations/{n}/analysis/amendments"},
    {"POST", "/api/negotiations/{n}/close"},
    {"POST", "/api/negotiations/{n}/participants/{p}/token"},
    {"DELETE", "/api/negotiations/{n}/participants/{p}/token"},
};
#define ROUTES (sizeof routes / sizeof *routes)

/* The path template with its numbers filled in. */
static void fill(const char *template, char *out, size_t size)
{
    size_t n = 0;
    for (const char *t = template; *t && n + 24 < size; t++) {
        if (t[0] == '{' && t[1] && t[2] == '}') {
            long v = t[1] == 'n' ? harness_negotiation() : t[1] == 's' ? harness_session()
                   : t[1] == 't' ? harness_text() : harness_participant(HARNESS_PARTY_B);
            n += (size_t)snprintf(out + n, size - n, "%ld", v);
            t += 2;
        } else {
            out[n++] = *t;
        }
    }
    out[n] = '\0';
}

/* Appends the query bytes, percent-encoded except for the characters that shape a query. */
static size_t encode_query(const uint8_t *q, size_t length, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (size_t i = 0; i < length && n + 4 < size; i++) {
        uint8_t b = q[i];
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || strchr("-._~=&+", b)) {
            out[n++] = (char)b;
        } else {
            out[n++] = '%';
            out[n++] = hex[b >> 4];
            out[n++] = hex[b & 15];
        }
    }
    out[n] = '\0';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    harness_ready();
    const char *const *route = routes[data[0] % ROUTES];
    enum harness_who who = (enum harness_who)(data[1] % HARNESS_WHO_COUNT);
    const uint8_t *rest = data + 2, *newline = memchr(rest, '\n', size - 2);
    size_t query_length = newline ? (size_t)(newline - rest) : 0;
    const uint8_t *body = newline ? newline + 1 : rest;
    size_t body_length = size - 2 - (size_t)(body - rest);
    static char path[512], query[3 * 1024 + 8], head[4096];
    fill(route[1], path, sizeof path);
    encode_query(rest, query_length < 1024 ? query_length : 1024, query, sizeof query);
    int n = snprintf(head, sizeof head,
                     "%s %s%s%s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s%s"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                     route[0], path, query[0] ? "?" : "", query, who ? "Authorization: Bearer " : "",
                     harness_token(who), who ? "\r\n" : "", body_length);
    char *request = malloc((size_t)n + body_length + 1);
    if (!request)
        return 0;
    memcpy(request, head, (size_t)n);
    memcpy(request + n, body, body_length);
    int status = harness_exchange(request, (size_t)n + body_length, NULL, 0, 30000); /* loaded machines are slow */
    free(request);
    if (getenv("FUZZ_VERBOSE")) /* to see which handlers the seeds reach */
        fprintf(stderr, "%s %s -> %d\n", route[0], path, status);
    if (status == 0) { /* a whole request always gets an answer (an analysis that ran out of time: 503), within
                          its 2 s budget and the wait for a slot, which a loaded machine stretches */
        fprintf(stderr, "fuzz_server_api: no reply to %s %s\n", route[0], path);
        abort();
    }
    return 0;
}
