/*
 * test_server_kill15_oom.c: allocations of the server's write queue and of its
 * database statements refused (tests/failalloc.c, linked into this test by
 * tests/CMakeLists.txt: libparley_server.a's allocations go through it too;
 * the server's idle threads allocate nothing between the arming and the
 * disarming):
 * - writer_submit whose job cannot be allocated answers the request 500 "out
 *   of memory" at once (the whole error object), calls its `done` once and
 *   never its `apply`, and queues nothing; the next submit is applied on the
 *   writer's thread (with its connection), committed and answered as `apply`
 *   said; once the writer has stopped a submit is answered 503 "the server is
 *   stopping" without being applied;
 * - a statement whose allocation is refused is not prepared (NULL) and not
 *   cached: the same SQL prepares and runs once memory is back; SQL that does
 *   not compile gives NULL too (SQLite) or fails at its step (PostgreSQL), and
 *   the connection goes on;
 * - every allocation of the merged view's build (view.c) refused in turn: an
 *   error (500, or 404 where the scenario could not be loaded) or the whole
 *   view (the Buyer's uploaded profile merged: price 1 worth 0.8 to it), never
 *   a crash or a leak; the view's own allocation refused is 500 "out of
 *   memory" (it was 404 "no such negotiation").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "failalloc.h"
#include "server/server_internal.h"
#include "test_server_talks.h"
#include "test_server_call.h"

/* What the callbacks of one submitted job saw. */
typedef struct probe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int applied, done, had_db;
} probe;

static probe *current;

static int apply_ok(api_call *c)
{
    pthread_mutex_lock(&current->mu);
    current->applied++;
    current->had_db = c->db != NULL;
    pthread_mutex_unlock(&current->mu);
    return api_reply(c, 202, json_pack("{s:s}", "applied", "yes"));
}

static void done_cb(void *arg)
{
    probe *p = arg;
    pthread_mutex_lock(&p->mu);
    p->done++;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

static void probe_init(probe *p)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    current = p;
}

/* Copies the counts under the lock (after waiting for `done` to reach `want`; the writer runs it). */
static void probe_read(probe *p, int want, int *applied, int *done, int *had_db)
{
    pthread_mutex_lock(&p->mu);
    while (p->done < want)
        pthread_cond_wait(&p->cv, &p->mu);
    *applied = p->applied;
    *done = p->done;
    *had_db = p->had_db;
    pthread_mutex_unlock(&p->mu);
}

static uint64_t submitted(talks *w)
{
    pthread_mutex_lock(&w->srv->wq.mu);
    uint64_t n = w->srv->wq.submitted;
    pthread_mutex_unlock(&w->srv->wq.mu);
    return n;
}

/* The reply is exactly {"error": {"status": status, "field": null, "message": message}}. */
static void expect_error(const api_call *c, int status, const char *message)
{
    assert_int_equal(c->status, status);
    json_t *want = json_pack("{s:{s:i,s:n,s:s}}", "error", "status", status, "field", "message", message);
    char *got = json_dumps(c->reply, JSON_COMPACT | JSON_SORT_KEYS);
    if (!json_equal(c->reply, want))
        fail_msg("reply %s", got ? got : "(none)");
    free(got);
    json_decref(want);
}

/* A job of apply_ok submitted on a fresh call c, counted by a fresh probe p (with the job's allocation refused, and
   only it, when refuse_job), then its end awaited: done once; what apply and the connection were, into applied and
   had_db. */
static void submit_one(talks *w, api_call *c, probe *p, int refuse_job, int *applied, int *had_db)
{
    probe_init(p);
    memset(c, 0, sizeof *c);
    c->srv = w->srv;
    if (refuse_job)
        failalloc_arm(1, 0); /* the job's allocation, and only it */
    writer_submit(w->srv, c, apply_ok, done_cb, p);
    if (refuse_job)
        assert_int_equal(failalloc_disarm(), 1);
    int done;
    probe_read(p, 1, applied, &done, had_db);
    assert_int_equal(done, 1);
}

static void test_write_job_refused(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    uint64_t before = submitted(&w);
    probe p;
    api_call c;
    int applied, had_db;
    submit_one(&w, &c, &p, 1, &applied, &had_db);
    assert_int_equal(applied, 0);
    expect_error(&c, 500, "out of memory");
    assert_true(submitted(&w) == before);
    json_decref(c.reply);

    /* Memory back: the next job is applied by the writer, with its connection, and answered as apply said. */
    probe q;
    submit_one(&w, &c, &q, 0, &applied, &had_db);
    assert_int_equal(applied, 1);
    assert_int_equal(had_db, 1);
    assert_int_equal(c.status, 202);
    assert_string_equal(json_string_value(json_object_get(c.reply, "applied")), "yes");
    assert_null(c.db); /* the writer's connection is not the request's after the commit */
    assert_true(submitted(&w) == before + 1);
    json_decref(c.reply);

    /* The writer stopped: 503, not applied, done once. */
    writer_stop(w.srv);
    probe s;
    submit_one(&w, &c, &s, 0, &applied, &had_db);
    assert_int_equal(applied, 0);
    expect_error(&c, 503, "the server is stopping");
    assert_true(submitted(&w) == before + 1);
    json_decref(c.reply);
    talks_close(&w);
}

static const char select_sql[] = "SELECT 42";
static const char broken_sql[] = "SELEKT 42";

static void test_statement_refused(void **state)
{
    (void)state;
    char dir[128];
    parley_error err;
    db_conn *c = test_db_open_new(dir, sizeof dir, "stmtoom", "s.db", &err);
    assert_non_null(c);
    failalloc_arm(1, 0);
    db_stmt *st = db_stmt_cached(c, select_sql);
    long refused = failalloc_disarm();
    assert_null(st);
    assert_true(refused >= 1);
    /* Not cached as NULL: prepared now, it runs. */
    st = db_stmt_cached(c, select_sql);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int64(st, 0), 42);
    assert_int_equal(db_step(st), DB_DONE);
    /* SQL that does not compile: NULL (PostgreSQL's statements are prepared at their first step: that step
     * fails), and the statement prepared before still runs. */
    db_stmt *broken = db_stmt_cached(c, broken_sql);
    if (test_db_is_pg() && broken) {
        int rc = db_step(broken);
        assert_true(rc != DB_ROW && rc != DB_DONE);
        db_reset(broken);
    } else
        assert_null(broken);
    assert_true(db_stmt_cached(c, select_sql) == st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int64(st, 0), 42);
    db_reset(st);
    db_close(c);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* The Buyer's own profile: price 1 is worth 0.8 to it (0.5 in the scenario's linear function). */
static const char buyer_profile[] =
    "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0.8, \"2\": 0}}}}";

/* view_get with the n-th allocation from its start refused (the view and scenario caches emptied first, so
 * that it builds): NULL with 500 (or 404 "no such negotiation", what scenario_get's NULL reads as), or the
 * view whole.  Returns the allocations refused (0: the build needed fewer than n). */
static long view_with_refusal(talks *w, long n, int *out_of_memory)
{
    pthread_mutex_lock(&w->srv->view_mu);
    view_cache_clear(w->srv);
    pthread_mutex_unlock(&w->srv->view_mu);
    scenario_cache_forget(w->srv);
    api_call c;
    reader_call_begin(w, &c);
    failalloc_arm(n, 0);
    view_entry *v = view_get(&c);
    long refused = failalloc_disarm();
    reader_call_end(w, &c);
    if (v) {
        const parley_scenario *sc = view_scenario(v);
        uint32_t one = 1;
        double value = view_value(v, 0, &one);
        int uploaded = json_array_size(view_uploaded(v)) == 1 &&
                       strcmp(json_string_value(json_array_get(view_uploaded(v), 0)), "Buyer") == 0;
        size_t parties = parley_scenario_party_count(sc);
        view_release(w->srv, v);
        /* With PostgreSQL a bind copies its value: a refused copy fails the statement's step (db.c), so the view is
         * never built without the Buyer's profile (it was, and kept as the negotiation's, before the sixteenth
         * session: price 1 worth 0.5, the scenario's). */
        assert_true(fabs(value - 0.8) < 1e-9);
        assert_true(uploaded);
        assert_int_equal(parties, 3);
        assert_null(c.reply);
    } else {
        const char *message = json_string_value(json_object_get(json_object_get(c.reply, "error"), "message"));
        assert_non_null(message);
        if (c.status == 404)
            assert_string_equal(message, "no such negotiation");
        else {
            assert_int_equal(c.status, 500);
            *out_of_memory += strcmp(message, "out of memory") == 0;
        }
        assert_true(refused >= 1);
    }
    json_decref(c.reply);
    return refused;
}

/* Every allocation of a view's build refused in turn: never a crash or a leak (the sanitizer tree), always a
 * whole view or an error; the view's own allocation refused is 500 "out of memory" (once). */
static void test_view_allocations_refused(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = http_request(w.port, "PUT", "/api/negotiations/1/profile", w.buyer, buyer_profile);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    int out_of_memory = 0;
    long n = 1;
    while (view_with_refusal(&w, n, &out_of_memory) > 0 && n < 100000)
        n++;
    printf("  a view's build: %ld allocations refused in turn\n", n - 1);
    assert_true(n > 3);
    /* With PostgreSQL the statements' allocations (prepared once per reading connection) shift the count from
     * one build to the next, so the view's own allocation may fall between two of them. */
    if (test_db_is_pg())
        assert_true(out_of_memory <= 1);
    else
        assert_int_equal(out_of_memory, 1);
    talks_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_job_refused),
        cmocka_unit_test(test_statement_refused),
        cmocka_unit_test(test_view_allocations_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
