/*
 * sse.c: live updates as Server-Sent Events.  GET /api/negotiations/{id}/events
 * streams every timeline event the caller may see ("id: <seq>" and "data:
 * <event JSON>"), first those after Last-Event-ID (or ?after=), then new ones as
 * they are committed.  The stream's thread (one per connection) sleeps on the
 * server's condition variable until a commit announces a newer event, and
 * sends a comment every 15 seconds so that dead clients are noticed.  The
 * stream ends when the caller's token is rotated or revoked.
 */
#include "server/server_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sse_stream {
    parley_server *srv;
    int64_t negotiation, me, last;
    api_role role;
    char hash[65]; /* the token's hash: the stream ends when the token is rotated or revoked */
    char *buf;
    size_t len, off, cap;
} sse_stream;

static int append(sse_stream *s, const char *text, size_t n)
{
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            return -1;
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, text, n);
    s->len += n;
    return 0;
}

/* Reads visible events after s->last into the buffer; returns how many, -1 on error, -2 when the token is no longer valid. */
static int fetch(sse_stream *s)
{
    api_call c = {.srv = s->srv, .me = s->me, .my_role = s->role, .ids = {s->negotiation, 0, 0}};
    if (!(c.db = store_reader(s->srv->db)))
        return -1;
    static const char token_sql[] = "SELECT 1 FROM participants WHERE id = ? AND token_hash = ?";
    json_t *events = json_array();
    int64_t last = s->last;
    int rc = events && store_run(c.db, "BEGIN") == SQLITE_OK ? 0 : -1;
    sqlite3_stmt *st = rc ? NULL : store_stmt(c.db, token_sql);
    if (st) {
        sqlite3_bind_int64(st, 1, s->me);
        sqlite3_bind_text(st, 2, s->hash, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -2; /* -2: the token is no longer valid */
        sqlite3_reset(st);
    } else
        rc = -1;
    if (rc == 0)
        rc = api_events_after(&c, s->last, 100, events, &last) ? -1 : 0;
    store_run(c.db, "COMMIT");
    store_reader_release(s->srv->db, c.db);
    int n = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(events); i++) {
        json_t *ev = json_array_get(events, i);
        char *data = json_dumps(ev, JSON_COMPACT | JSON_REAL_PRECISION(15));
        char head[64];
        int hn = snprintf(head, sizeof head, "id: %lld\ndata: ", (long long)json_integer_value(json_object_get(ev, "seq")));
        if (!data || append(s, head, (size_t)hn) || append(s, data, strlen(data)) || append(s, "\n\n", 2))
            rc = -1;
        free(data);
        n++;
    }
    json_decref(events);
    if (rc)
        return rc;
    s->last = last;
    return n;
}

static ssize_t sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
    sse_stream *s = cls;
    (void)pos;
    for (;;) {
        if (s->off < s->len) {
            size_t n = s->len - s->off < max ? s->len - s->off : max;
            memcpy(out, s->buf + s->off, n);
            s->off += n;
            return (ssize_t)n;
        }
        s->off = s->len = 0;
        pthread_mutex_lock(&s->srv->ev_mu);
        int64_t seen = s->srv->ev_seq;
        int stopping = s->srv->stopping;
        pthread_mutex_unlock(&s->srv->ev_mu);
        if (stopping)
            return MHD_CONTENT_READER_END_OF_STREAM;
        int n = fetch(s);
        if (n == -2)
            return MHD_CONTENT_READER_END_OF_STREAM; /* the token was rotated or revoked */
        if (n < 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        if (n > 0)
            continue;
        /* Nothing new for us: sleep until a newer event is committed, the server stops, or 15 s pass. */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 15;
        int timed_out = 0;
        pthread_mutex_lock(&s->srv->ev_mu);
        while (s->srv->ev_seq == seen && !s->srv->stopping && !timed_out)
            timed_out = pthread_cond_timedwait(&s->srv->ev_cv, &s->srv->ev_mu, &until) == ETIMEDOUT;
        pthread_mutex_unlock(&s->srv->ev_mu);
        if (timed_out && append(s, ": keep-alive\n\n", 14))
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
}

static void sse_free(void *cls)
{
    sse_stream *s = cls;
    free(s->buf);
    free(s);
}

struct MHD_Response *sse_response(api_call *c, int64_t after)
{
    sse_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->srv = c->srv;
    s->negotiation = c->ids[0];
    s->me = c->me;
    s->role = c->my_role;
    memcpy(s->hash, c->my_hash, sizeof s->hash);
    s->last = after > 0 ? after : 0;
    if (append(s, "retry: 2000\n\n", 13)) {
        sse_free(s);
        return NULL;
    }
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16384, sse_read, s, sse_free);
    if (!r) {
        sse_free(s);
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    return r;
}
