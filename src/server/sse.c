/*
 * sse.c: live updates as Server-Sent Events.  GET /api/negotiations/{id}/events
 * streams every timeline event the caller may see ("id: <seq>" and "data:
 * <event JSON>"), first those after Last-Event-ID (or ?after=), then new ones as
 * they are committed.  A stream holds no thread: when it has nothing to send,
 * its response callback suspends the connection, and a commit resumes only the
 * streams of the negotiation it changed (notify_events); the guard resumes each
 * stream every 15 seconds to send a comment, so that dead clients are noticed.
 * One token may hold max_streams_per_token streams at once, one negotiation
 * budgets.streams_per_negotiation.  The stream ends
 * when the caller's token is rotated or revoked, or when the server stops.
 */
#include "server/server_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEEPALIVE_MS 15000
/* Event data fetched for a stream at once (its buffer, freed once sent when it grew past SSE_KEEP_BYTES). */
#define SSE_PAGE_BYTES ((size_t)128 << 10)
#define SSE_KEEP_BYTES ((size_t)16 << 10)

struct sse_stream {
    parley_server *srv;
    struct MHD_Connection *conn;
    int64_t negotiation, me, last;
    int slot; /* its slot of the negotiation's streams across processes (claims.c) */
    api_role role;
    char hash[65]; /* the token's hash: the stream ends when the token is rotated or revoked */
    char *buf;
    size_t len, off, cap;
    /* Guarded by srv->ev_mu. */
    int dirty;     /* a commit may have added events for it */
    int keepalive; /* a keep-alive comment is due */
    int suspended;
    int64_t keepalive_at;
    sse_stream *prev, *next;
};

/* The interval of keep-alive comments: 15 s (a test may set another). */
static int64_t keepalive_ms(parley_server *srv)
{
    int64_t ms = __atomic_load_n(&srv->keepalive_ms, __ATOMIC_RELAXED);
    return ms ? ms : KEEPALIVE_MS;
}

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
    __atomic_add_fetch(&s->srv->stream_fetches, 1, __ATOMIC_RELAXED);
    api_call c = {.srv = s->srv, .me = s->me, .my_role = s->role, .ids = {s->negotiation, 0, 0}};
    if (!(c.db = store_reader(s->srv->db)))
        return -1;
    static const char token_sql[] = "SELECT 1 FROM participants WHERE id = ? AND token_hash = ?";
    json_t *events = json_array();
    int64_t last = s->last;
    int more = 0;
    int rc = events && store_begin_read(c.db) == DB_OK ? 0 : -1;
    db_stmt *st = rc ? NULL : store_stmt(c.db, token_sql);
    if (st) {
        db_bind_int64(st, 1, s->me);
        db_bind_text(st, 2, s->hash, -1, DB_STATIC);
        rc = db_step(st) == DB_ROW ? 0 : -2; /* -2: the token is no longer valid */
        db_reset(st);
    } else
        rc = -1;
    if (rc == 0)
        rc = api_events_after(&c, s->last, 100, SSE_PAGE_BYTES, events, &last, &more) ? -1 : 0;
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
    parley_server *srv = s->srv;
    (void)pos;
    for (;;) {
        if (s->off < s->len) {
            size_t n = s->len - s->off < max ? s->len - s->off : max;
            memcpy(out, s->buf + s->off, n);
            s->off += n;
            return (ssize_t)n;
        }
        s->off = s->len = 0;
        if (s->cap > SSE_KEEP_BYTES) { /* a large page went: its memory goes back */
            free(s->buf);
            s->buf = NULL;
            s->cap = 0;
        }
        pthread_mutex_lock(&srv->ev_mu);
        int stopping = srv->stopping, dirty = s->dirty, keepalive = s->keepalive;
        s->dirty = s->keepalive = 0;
        if (!stopping && !dirty && !keepalive) {
            /* Nothing to send: sleep (without a thread) until a commit, a keep-alive or the stop resumes us. */
            s->suspended = 1;
            MHD_suspend_connection(s->conn);
            pthread_mutex_unlock(&srv->ev_mu);
            return 0;
        }
        pthread_mutex_unlock(&srv->ev_mu);
        if (stopping)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (dirty) {
            int n = fetch(s);
            if (n == -2)
                return MHD_CONTENT_READER_END_OF_STREAM; /* the token was rotated or revoked */
            if (n < 0)
                return MHD_CONTENT_READER_END_WITH_ERROR;
            if (n > 0) { /* there may be more than one page: look again once this is sent */
                pthread_mutex_lock(&srv->ev_mu);
                s->dirty = 1;
                pthread_mutex_unlock(&srv->ev_mu);
            }
        }
        if (keepalive && append(s, ": keep-alive\n\n", 14))
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
}

/* Wakes a suspended stream (ev_mu held). */
static void wake(sse_stream *s)
{
    if (s->suspended) {
        s->suspended = 0;
        MHD_resume_connection(s->conn);
    }
}

void notify_events(parley_server *srv, int64_t negotiation, int64_t seq)
{
    pthread_mutex_lock(&srv->ev_mu);
    if (seq > srv->ev_seq)
        srv->ev_seq = seq;
    for (sse_stream *s = srv->streams; s; s = s->next)
        if (s->negotiation == negotiation) {
            s->dirty = 1;
            wake(s);
        }
    pthread_mutex_unlock(&srv->ev_mu);
    seat_wake(srv, negotiation);
}

void notify_all_streams(parley_server *srv)
{
    pthread_mutex_lock(&srv->ev_mu);
    for (sse_stream *s = srv->streams; s; s = s->next) {
        s->dirty = 1;
        wake(s);
    }
    pthread_mutex_unlock(&srv->ev_mu);
}

void sse_keepalive(parley_server *srv, int64_t now_ms)
{
    pthread_mutex_lock(&srv->ev_mu);
    for (sse_stream *s = srv->streams; s; s = s->next)
        if (now_ms >= s->keepalive_at) {
            s->keepalive = 1;
            s->keepalive_at = now_ms + keepalive_ms(srv);
            wake(s);
        }
    pthread_mutex_unlock(&srv->ev_mu);
}

void sse_stop_all(parley_server *srv)
{
    pthread_mutex_lock(&srv->ev_mu);
    for (sse_stream *s = srv->streams; s; s = s->next)
        wake(s);
    pthread_mutex_unlock(&srv->ev_mu);
}

static void sse_free(void *cls)
{
    sse_stream *s = cls;
    parley_server *srv = s->srv;
    pthread_mutex_lock(&srv->ev_mu);
    if (s->prev)
        s->prev->next = s->next;
    else if (srv->streams == s)
        srv->streams = s->next;
    if (s->next)
        s->next->prev = s->prev;
    pthread_mutex_unlock(&srv->ev_mu);
    claim_drop_slot(srv, "stream", s->negotiation, s->slot);
    free(s->buf);
    free(s);
}

struct MHD_Response *sse_response(api_call *c, int64_t after)
{
    parley_server *srv = c->srv;
    sse_stream *s = calloc(1, sizeof *s);
    if (!s) {
        api_fail(c, 500, NULL, "out of memory");
        return NULL;
    }
    s->srv = srv;
    s->conn = c->conn;
    s->negotiation = c->ids[0];
    s->me = c->me;
    s->role = c->my_role;
    memcpy(s->hash, c->my_hash, sizeof s->hash);
    s->last = after > 0 ? after : 0;
    s->dirty = 1; /* first the events after `after` */
    s->keepalive_at = guard_now_ms() + keepalive_ms(srv);
    if (append(s, "retry: 2000\n\n", 13)) {
        free(s);
        api_fail(c, 500, NULL, "out of memory");
        return NULL;
    }
    /* The negotiation's streams in every process sharing the database (with SQLite, those counted below). */
    s->slot = claim_slot(srv, "stream", s->negotiation, srv->budgets.streams_per_negotiation);
    pthread_mutex_lock(&srv->ev_mu);
    unsigned same = 0, ours = 0;
    for (sse_stream *o = srv->streams; o; o = o->next) {
        same += strcmp(o->hash, s->hash) == 0;
        ours += o->negotiation == s->negotiation;
    }
    enum { ADMITTED, STOPPING, TOKEN_FULL, NEGOTIATION_FULL, NO_DATABASE };
    int refused = srv->stopping ? STOPPING : same >= srv->max_streams_per_token ? TOKEN_FULL
                   : ours >= srv->budgets.streams_per_negotiation || s->slot == -1 ? NEGOTIATION_FULL
                   : s->slot < 0 ? NO_DATABASE : ADMITTED;
    if (!refused) {
        s->next = srv->streams;
        if (s->next)
            s->next->prev = s;
        srv->streams = s;
    }
    pthread_mutex_unlock(&srv->ev_mu);
    if (refused) {
        claim_drop_slot(srv, "stream", s->negotiation, s->slot);
        free(s->buf);
        free(s);
        if (refused == STOPPING)
            api_fail(c, 503, NULL, "the server is stopping");
        else if (refused == NO_DATABASE)
            api_fail(c, 503, NULL, "cannot count the negotiation's live streams: the database is unavailable");
        else if (refused == NEGOTIATION_FULL)
            api_fail(c, 429, NULL, "this negotiation already has %u live streams open (the server's limit per "
                     "negotiation, --streams-per-negotiation)", srv->budgets.streams_per_negotiation);
        else
            api_fail(c, 429, NULL, "this token already has %u live streams open (the server's limit per token)",
                     srv->max_streams_per_token);
        return NULL;
    }
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16384, sse_read, s, sse_free);
    if (!r) {
        sse_free(s);
        api_fail(c, 500, NULL, "cannot start the event stream");
        return NULL;
    }
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    return r;
}
