/*
 * test_server_http.h: a tiny HTTP/1.1 client over a raw socket for the server
 * tests (loopback only, one request per connection, bounded by a receive
 * timeout), and helpers to start an in-process server on an ephemeral port.
 */
#ifndef PARLEY_TEST_SERVER_HTTP_H
#define PARLEY_TEST_SERVER_HTTP_H

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <parley/server.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

typedef struct http_resp {
    int status;
    char *raw;    /* whole response */
    char *body;   /* points into raw (de-chunked in place) */
    size_t body_len;
    json_t *json; /* body parsed, NULL when not JSON */
} http_resp;

static void http_resp_free(http_resp *r)
{
    free(r->raw);
    json_decref(r->json);
    memset(r, 0, sizeof *r);
}

static int http_connect(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {120, 0}; /* a hang bound: a reply under the sanitizers on a loaded machine took over 10 s */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int http_send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Sends the request head (and body when given). extra_headers may be NULL ("Name: value\r\n...").  Requests
 * other than GET and HEAD say "Content-Type: application/json" unless extra_headers names a Content-Type. */
static int http_send(int fd, const char *method, const char *path, const char *token, const char *body,
                     size_t body_len, const char *extra_headers)
{
    char head[4096];
    int json = strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
               !(extra_headers && strstr(extra_headers, "Content-Type"));
    int n = snprintf(head, sizeof head,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s%s%s%sContent-Length: %zu\r\n\r\n",
                     method, path, token ? "Authorization: Bearer " : "", token ? token : "", token ? "\r\n" : "",
                     json ? "Content-Type: application/json\r\n" : "", extra_headers ? extra_headers : "",
                     body ? body_len : 0);
    if (http_send_all(fd, head, (size_t)n))
        return -1;
    return body && body_len ? http_send_all(fd, body, body_len) : 0;
}

/* Decodes a chunked body in place; returns its length. */
static size_t http_dechunk(char *p)
{
    char *out = p, *in = p;
    for (;;) {
        char *end;
        unsigned long size = strtoul(in, &end, 16);
        char *line = strstr(end, "\r\n");
        if (!line || size == 0)
            break;
        in = line + 2;
        memmove(out, in, size);
        out += size;
        in += size + 2;
    }
    *out = '\0';
    return (size_t)(out - p);
}

/* Reads a whole response (until the server closes the connection). */
static http_resp http_read(int fd)
{
    http_resp r = {-1, NULL, NULL, 0, NULL};
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    ssize_t k;
    while (buf && (k = recv(fd, buf + len, cap - len - 1, 0)) > 0) {
        len += (size_t)k;
        if (cap - len < 1024) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                break;
            buf = b;
        }
    }
    if (buf) {
        buf[len] = '\0';
        r.raw = buf;
        char *sep = strstr(buf, "\r\n\r\n");
        if (sscanf(buf, "HTTP/1.%*d %d", &r.status) == 1 && sep) {
            *sep = '\0';
            r.body = sep + 4;
            int chunked = strstr(buf, "chunked") != NULL;
            r.body_len = chunked ? http_dechunk(r.body) : strlen(r.body);
            r.json = json_loadb(r.body, r.body_len, 0, NULL);
        }
    }
    return r;
}

/* One request with extra headers (may be NULL); status -1 when the connection failed. */
static http_resp http_request_h(uint16_t port, const char *method, const char *path, const char *token,
                                const char *body, size_t body_len, const char *extra_headers)
{
    http_resp r = {-1, NULL, NULL, 0, NULL};
    int fd = http_connect(port);
    if (fd < 0)
        return r;
    if (http_send(fd, method, path, token, body, body_len, extra_headers) == 0)
        r = http_read(fd);
    close(fd);
    return r;
}

/* One request; status -1 when the connection failed. */
static http_resp http_request_n(uint16_t port, const char *method, const char *path, const char *token,
                                const char *body, size_t body_len)
{
    return http_request_h(port, method, path, token, body, body_len, NULL);
}

static http_resp http_request(uint16_t port, const char *method, const char *path, const char *token, const char *body)
{
    return http_request_n(port, method, path, token, body, body ? strlen(body) : 0);
}

/* json_pack'ed body (takes the reference). */
static http_resp http_json(uint16_t port, const char *method, const char *path, const char *token, json_t *body)
{
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    http_resp r = http_request(port, method, path, token, text);
    free(text);
    return r;
}

/* A string field of the response's JSON (path "a.b"), or NULL. */
static const char *jstr(const http_resp *r, const char *a, const char *b)
{
    json_t *v = json_object_get(r->json, a);
    if (b)
        v = json_object_get(v, b);
    return json_string_value(v);
}

static long long jint(const http_resp *r, const char *a, const char *b)
{
    json_t *v = json_object_get(r->json, a);
    if (b)
        v = json_object_get(v, b);
    return json_integer_value(v);
}

#endif
