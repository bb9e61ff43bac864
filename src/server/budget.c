/*
 * budget.c: what one participant, or one negotiation, may make the server
 * spend (parley_server_budgets, `parley serve --profile-bytes ...`), checked
 * before anything is stored:
 *   - per participant, a token bucket of writes (write_burst writes at once,
 *     refilled at write_rate per second), and one of profile uploads (each
 *     makes the next read rebuild the negotiation's merged view, view.c):
 *     429 with Retry-After beyond them;
 *   - the size of a message and of a profile, and the red lines of a profile:
 *     413;
 *   - per negotiation, the bytes it has stored (an estimate: every write counts
 *     twice its body, for its row and its timeline event, plus 512 bytes; at the
 *     first write after a start the negotiation's timeline is summed once; with a
 *     database shared by several processes, each write sums the events stored
 *     since the last look, by any process): 413 when full.
 * Streams and analyses have their budgets where they are counted (sse.c,
 * jobs.c).  Both tables here are hash maps keyed by id (constant time per
 * request); buckets that are full again are dropped when the map grows.
 */
#include "server/server_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct budget_entry {
    int64_t key; /* participant or negotiation id; 0 = empty slot */
    double tokens;
    int64_t at_ms;
    uint64_t bytes;
    int64_t seq; /* shared database: the last event counted in bytes */
    int known;   /* bytes were summed from the database */
};

void budget_defaults(parley_server_budgets *b, unsigned max_analyses)
{
    if (!b->profile_bytes)
        b->profile_bytes = (size_t)256 << 10;
    if (!b->red_lines)
        b->red_lines = 256;
    if (!b->message_bytes || b->message_bytes > REQ_MAX_TEXT)
        b->message_bytes = b->message_bytes ? REQ_MAX_TEXT : 10000;
    if (!(b->write_rate > 0))
        b->write_rate = 5;
    if (!b->write_burst)
        b->write_burst = 30;
    if (!(b->profile_rate > 0))
        b->profile_rate = 0.1;
    if (!b->profile_burst)
        b->profile_burst = 5;
    if (!b->negotiation_bytes)
        b->negotiation_bytes = (uint64_t)64 << 20;
    if (!b->streams_per_negotiation)
        b->streams_per_negotiation = 32;
    if (!b->analyses_per_participant)
        b->analyses_per_participant = 4;
    if (!b->analyses_per_negotiation)
        b->analyses_per_negotiation = 8;
    if (!b->running_per_negotiation)
        b->running_per_negotiation = max_analyses > 1 ? max_analyses / 2 : 1;
}

static size_t slot_of(const budget_map *m, int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
    size_t mask = m->cap - 1, i = (size_t)(h >> 17) & mask;
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

/* Rebuilds the map with room for twice its entries, keeping those `keep` accepts (all when NULL). */
static int rehash(budget_map *m, int (*keep)(const budget_entry *e, const void *ctx), const void *ctx)
{
    size_t live = 0;
    for (size_t i = 0; i < m->cap; i++)
        live += m->slots[i].key && (!keep || keep(&m->slots[i], ctx));
    size_t cap = 64;
    while (cap < 4 * (live + 1))
        cap *= 2;
    budget_entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    budget_map n = {slots, cap, 0};
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && (!keep || keep(&m->slots[i], ctx))) {
            n.slots[slot_of(&n, m->slots[i].key)] = m->slots[i];
            n.count++;
        }
    free(m->slots);
    *m = n;
    return 0;
}

/* The entry of `key`, created (zeroed but for the key) when missing; NULL out of memory. */
static budget_entry *entry(budget_map *m, int64_t key, int *created,
                           int (*keep)(const budget_entry *e, const void *ctx), const void *ctx)
{
    *created = 0;
    if (m->cap) {
        budget_entry *e = &m->slots[slot_of(m, key)];
        if (e->key == key)
            return e;
    }
    if ((m->count + 1) * 2 > m->cap && rehash(m, keep, ctx))
        return NULL;
    budget_entry *e = &m->slots[slot_of(m, key)];
    memset(e, 0, sizeof *e);
    e->key = key;
    m->count++;
    *created = 1;
    return e;
}

void budget_map_free(budget_map *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* A participant's buckets: writes under its id, profile uploads under minus its id. */
static void bucket_shape(const parley_server *srv, int64_t key, double *rate, double *burst)
{
    const parley_server_budgets *b = &srv->budgets;
    *rate = key > 0 ? b->write_rate : b->profile_rate;
    *burst = (double)(key > 0 ? b->write_burst : b->profile_burst);
}

/* A bucket that has refilled to the brim holds nothing worth keeping. */
static int bucket_not_full(const budget_entry *e, const void *ctx)
{
    double rate, burst;
    bucket_shape(ctx, e->key, &rate, &burst);
    return e->tokens + (double)(guard_now_ms() - e->at_ms) / 1000.0 * rate < burst;
}

/* Takes one token from the bucket `key`: 0, or 429 with Retry-After (reply set). */
static int take(api_call *c, int64_t key, const char *what, const char *options)
{
    parley_server *srv = c->srv;
    double rate, burst;
    bucket_shape(srv, key, &rate, &burst);
    int64_t now = guard_now_ms();
    pthread_mutex_lock(&srv->budget_mu);
    int created;
    budget_entry *e = entry(&srv->buckets, key, &created, bucket_not_full, srv);
    double tokens = 0;
    if (e) {
        tokens = created ? burst : fmin(burst, e->tokens + (double)(now - e->at_ms) / 1000.0 * rate);
        e->at_ms = now;
        e->tokens = tokens >= 1 ? tokens - 1 : tokens;
    }
    pthread_mutex_unlock(&srv->budget_mu);
    if (!e)
        return api_fail(c, 500, NULL, "out of memory");
    if (tokens >= 1)
        return 0;
    double wait = ceil((1 - tokens) / rate);
    c->retry_after = wait < 1 ? 1 : wait > 86400 ? 86400 : (int)wait;
    return api_fail(c, 429, NULL, "too many %s: one participant may make %g at once and %g per second after that "
                    "(the server's %s); try again in %d s", what, burst, rate, options, c->retry_after);
}

int budget_check_write(api_call *c, const char *what)
{
    const parley_server_budgets *b = &c->srv->budgets;
    if (strcmp(what, "profile") == 0 && c->body_len > b->profile_bytes)
        return api_fail(c, 413, "body", "a profile of %zu bytes: the server's limit is %zu (--profile-bytes)",
                        c->body_len, b->profile_bytes);
    if (strcmp(what, "message") == 0) {
        const char *text = json_string_value(json_object_get(c->json, "body"));
        size_t n = text ? json_string_length(json_object_get(c->json, "body")) : 0;
        if (n > b->message_bytes)
            return api_fail(c, 413, "body", "a message of %zu bytes: the server's limit is %zu (--message-bytes)",
                            n, b->message_bytes);
    }
    if (!c->me)
        return 0;
    int rc = take(c, c->me, "writes", "--write-burst and --write-rate");
    if (!rc && strcmp(what, "profile") == 0)
        rc = take(c, -c->me, "profile uploads", "--profile-burst and --profile-rate");
    return rc;
}

int budget_check_red_lines(api_call *c, json_t *profile)
{
    size_t n = json_array_size(json_object_get(profile, "red_lines"));
    unsigned limit = c->srv->budgets.red_lines;
    return n > limit ? api_fail(c, 413, "red_lines", "%zu red lines: the server's limit is %u per profile "
                                "(--max-red-lines)", n, limit)
                     : 0;
}

/* What a write will add to its negotiation's storage (the estimate of the file's comment). */
static uint64_t write_cost(const api_call *c)
{
    return 2 * (uint64_t)c->body_len + 512;
}

/* The bytes of the negotiation's events after seq `after` (by the estimate above), and the last seq; 0 or the failure. */
static int stored_bytes(api_call *c, int64_t after, uint64_t *bytes, int64_t *last)
{
    static const char sql[] = "SELECT COALESCE(SUM(LENGTH(data)), 0), COUNT(*), COALESCE(MAX(seq), ?2) FROM events "
                              "WHERE negotiation_id = ?1 AND seq > ?2";
    db_stmt *st = store_stmt(c->db, sql);
    if (!st)
        return api_fail_db(c);
    db_bind_int64(st, 1, c->ids[0]);
    db_bind_int64(st, 2, after);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *bytes = 2 * (uint64_t)db_column_int64(st, 0) + 512 * (uint64_t)db_column_int64(st, 1);
        *last = db_column_int64(st, 2);
    }
    db_reset(st);
    return rc == DB_ROW ? 0 : api_fail_db(c);
}

/*
 * One process: the timeline is summed at the first write after a start, then each write adds its estimate
 * (budget_storage_add).  Processes sharing the database: each write adds the events stored since the last
 * look, whoever wrote them (an index range of the new events only), and nothing is added by estimate.
 */
int budget_storage_check(api_call *c)
{
    parley_server *srv = c->srv;
    if (!c->ids[0])
        return 0; /* creating a negotiation: bounded by the scenario limits */
    const int shared = store_is_shared(srv->db);
    uint64_t have = 0;
    int64_t seen = 0;
    pthread_mutex_lock(&srv->budget_mu);
    int created;
    budget_entry *e = entry(&srv->stored, c->ids[0], &created, NULL, NULL);
    int known = e && e->known;
    if (known) {
        have = e->bytes;
        seen = e->seq;
    }
    pthread_mutex_unlock(&srv->budget_mu);
    if (!e)
        return api_fail(c, 500, NULL, "out of memory");
    if (!known || shared) { /* on the writer thread, the only one that touches this map's bytes */
        uint64_t more = 0;
        int rc = stored_bytes(c, seen, &more, &seen);
        if (rc)
            return rc;
        have += more;
        pthread_mutex_lock(&srv->budget_mu);
        if ((e = entry(&srv->stored, c->ids[0], &created, NULL, NULL))) {
            e->bytes = have;
            e->seq = seen;
            e->known = 1;
        }
        pthread_mutex_unlock(&srv->budget_mu);
    }
    uint64_t limit = srv->budgets.negotiation_bytes;
    if (have + write_cost(c) > limit)
        return api_fail(c, 413, NULL, "this negotiation has stored about %llu bytes, and the server's limit is %llu "
                        "(--negotiation-bytes): nothing more can be stored in it",
                        (unsigned long long)have, (unsigned long long)limit);
    return 0;
}

void budget_storage_add(api_call *c)
{
    parley_server *srv = c->srv;
    if (!c->ids[0])
        return;
    pthread_mutex_lock(&srv->budget_mu);
    int created;
    budget_entry *e = entry(&srv->stored, c->ids[0], &created, NULL, NULL);
    if (e && e->known && !store_is_shared(srv->db)) /* shared: the next check counts the stored events */
        e->bytes += write_cost(c);
    pthread_mutex_unlock(&srv->budget_mu);
}
