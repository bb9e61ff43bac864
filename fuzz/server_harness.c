/* server_harness.c: the in-process server of the server fuzz targets (see server_harness.h). */
#define _GNU_SOURCE
#include "server_harness.h"

#include "fuzz_fixture.h"
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <parley/server.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char scenario_json[] = FUZZ_SCENARIO_OPEN ", {\"name\": \"M\", \"role\": \"mediator\"}]}";

static parley_server *server;
static char folder[64];
static uint16_t port;
static long negotiation, participant[HARNESS_WHO_COUNT], exchanges, session, text;
static char token[HARNESS_WHO_COUNT][80];

static void stop(void)
{
    parley_server_stop(server);
    char path[128];
    static const char *const files[] = {"db", "db-wal", "db-shm", "db-journal"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, files[i]);
        unlink(path);
    }
    rmdir(folder);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 1 when the reply in buf[n] is whole: its head, and the body its Content-Length announces. */
static int reply_complete(const char *buf, size_t n)
{
    const char *end = memmem(buf, n, "\r\n\r\n", 4);
    if (!end)
        return 0;
    size_t head = (size_t)(end - buf) + 4;
    const char *length = strcasestr(buf, "\r\ncontent-length:");
    if (length && length < end)
        return n >= head + strtoul(length + 17, NULL, 10);
    return memmem(buf + head, n - head, "0\r\n\r\n", 5) != NULL; /* chunked: the last chunk */
}

int harness_exchange(const char *request, size_t length, char *body, size_t size, int wait_ms)
{
    if (body && size)
        body[0] = '\0';
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        close(fd);
        return 0;
    }
    for (size_t sent = 0; sent < length;) {
        ssize_t w = send(fd, request + sent, length - sent, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        sent += (size_t)w;
    }
    static char reply[1 << 20];
    size_t n = 0;
    double deadline = now() + wait_ms / 1000.0;
    while (n < sizeof reply - 1 && !reply_complete(reply, n)) {
        double left = deadline - now();
        struct pollfd p = {fd, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, (int)(left * 1000) + 1) <= 0)
            break;
        ssize_t r = recv(fd, reply + n, sizeof reply - 1 - n, 0);
        if (r <= 0)
            break;
        n += (size_t)r;
        reply[n] = '\0';
    }
    close(fd);
    reply[n] = '\0';
    int status = 0;
    if (n > 12 && strncmp(reply, "HTTP/1.", 7) == 0)
        status = atoi(reply + 9);
    const char *start = strstr(reply, "\r\n\r\n");
    if (body && size && start)
        snprintf(body, size, "%s", start + 4);
    return status;
}

/* A request with a JSON body from `who`; returns the reply's JSON (NULL when none) and its status in *status. */
static json_t *call(const char *method, const char *path, enum harness_who who, const char *json, int *status)
{
    static char request[1 << 16], body[1 << 16];
    size_t length = json ? strlen(json) : 0;
    int n = snprintf(request, sizeof request,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s%s"
                     "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                     method, path, who ? "Authorization: Bearer " : "", who ? token[who] : "", who ? "\r\n" : "",
                     length, json ? json : "");
    *status = harness_exchange(request, (size_t)n, body, sizeof body, 30000);
    return json_loads(body, 0, NULL);
}

/* A setup step that must succeed. */
static json_t *must(const char *method, const char *path, enum harness_who who, const char *json)
{
    int status;
    json_t *reply = call(method, path, who, json, &status);
    if (status < 200 || status >= 300 || !reply) {
        fprintf(stderr, "server_harness: %s %s: status %d\n", method, path, status);
        abort();
    }
    return reply;
}

static void remember(enum harness_who who, json_t *participant_json)
{
    participant[who] = (long)json_integer_value(json_object_get(participant_json, "id"));
    snprintf(token[who], sizeof token[who], "%s", json_string_value(json_object_get(participant_json, "token")));
}

/* A fresh negotiation: created, two parties added, A's profile uploaded, a session opened, a text tabled. */
static void renew(void)
{
    char path[128], *create = NULL;
    if (asprintf(&create, "{\"scenario\": %s}", scenario_json) < 0)
        abort();
    json_t *r = must("POST", "/api/negotiations", HARNESS_NOBODY, create);
    free(create);
    negotiation = (long)json_integer_value(json_object_get(json_object_get(r, "negotiation"), "id"));
    remember(HARNESS_MEDIATOR, json_object_get(r, "participant"));
    json_decref(r);
    static const char *const names[] = {NULL, NULL, "A", "B"};
    for (int who = HARNESS_PARTY_A; who <= HARNESS_PARTY_B; who++) {
        char add[64];
        snprintf(add, sizeof add, "{\"name\": \"%s\", \"role\": \"party\"}", names[who]);
        snprintf(path, sizeof path, "/api/negotiations/%ld/participants", negotiation);
        r = must("POST", path, HARNESS_MEDIATOR, add);
        remember((enum harness_who)who, r);
        json_decref(r);
    }
    snprintf(path, sizeof path, "/api/negotiations/%ld/profile", negotiation);
    json_decref(must("PUT", path, HARNESS_PARTY_A,
                     "{\"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\","
                     " \"at_min\": 1, \"at_max\": 0}}}, \"reservation\": 0.1}"));
    snprintf(path, sizeof path, "/api/negotiations/%ld/sessions", negotiation);
    r = must("POST", path, HARNESS_MEDIATOR, "{\"venue\": \"Geneva\"}");
    session = (long)json_integer_value(json_object_get(r, "id"));
    json_decref(r);
    snprintf(path, sizeof path, "/api/negotiations/%ld/texts", negotiation);
    r = must("POST", path, HARNESS_MEDIATOR, "{\"outcome\": {\"price\": 2, \"color\": \"red\", \"share\": 0.5}}");
    text = (long)json_integer_value(json_object_get(r, "id"));
    json_decref(r);
}

void harness_ready(void)
{
    if (!server) {
        snprintf(folder, sizeof folder, "/tmp/parley-fuzz-XXXXXX");
        if (!mkdtemp(folder))
            abort();
        char db[128];
        snprintf(db, sizeof db, "%s/db", folder);
        parley_server_options o = {0};
        o.db_path = db;
        o.open = 1;
        o.request_seconds = 2;
        o.analysis_seconds = 2;
        o.max_analyses = 1;
#ifdef ANALYSIS_PROGRAM
        o.analysis_program = ANALYSIS_PROGRAM; /* without it the analyses answer 503 before any handler runs */
#endif
        o.sync = PARLEY_SYNC_NORMAL;
        o.limits = (parley_server_limits){1000, 8, 20000, 100000};
        parley_error err;
        if (parley_server_start(&o, &server, &err) != PARLEY_OK) {
            fprintf(stderr, "server_harness: %s\n", err.message);
            abort();
        }
        port = parley_server_port(server);
        atexit(stop);
    }
    if (exchanges++ % HARNESS_RENEW == 0)
        renew();
}

long harness_negotiation(void)
{
    return negotiation;
}

const char *harness_token(enum harness_who who)
{
    return (unsigned)who < HARNESS_WHO_COUNT ? token[who] : "";
}

long harness_participant(enum harness_who who)
{
    return (unsigned)who < HARNESS_WHO_COUNT ? participant[who] : 0;
}

long harness_session(void)
{
    return session;
}

long harness_text(void)
{
    return text;
}
