/*
 * test_server_kill16_units.c: parts of the server called one by one, each with
 * values worked out by hand (issue 27, helper srv, seed-28 and seed-152
 * survivors treated as symptoms of their functions).  This program is linked
 * with -Wl,--wrap=read,--wrap=clock_gettime (tests/CMakeLists.txt): `read` fails
 * on demand (child_run), the monotonic clock stands still on demand (the token
 * buckets), both passing through otherwise.  Named test_server_* for the server
 * library; it starts no server but in the last test, so nothing else reads or
 * asks the time while a wrap is armed.
 * - child_run (child.c): a read of the program's output that fails (EIO) ends the
 *   reading at once, the program's end is awaited (CHILD_DONE, its status, no
 *   reply bytes) and the deadline is not waited for; an interrupted read (EINTR)
 *   is tried again and the whole reply comes; the child runs `nice` more niced,
 *   at most 19 (at 18, 19 and 20); a program that closed its output is awaited
 *   (its exit status), or killed at the deadline;
 * - job_request (job_wire.c): the request of an analysis, byte for byte; a
 *   function that is no analysis is 500 "this request is not an analysis"; every
 *   allocation refused in turn gives the same text or 500 "out of memory";
 * - seat_find_program (seat_child.c): a name with '/' is itself, else the first
 *   executable file of that name on PATH (an empty entry is "."), else the name;
 * - seat_note, seat_wake and seat_runner_stop on a server without a seat runner
 *   do nothing;
 * - the write and profile buckets (budget.c) with the clock stopped: burst,
 *   refill, the exact 429 and its Retry-After: ceil((1 - tokens) / rate),
 *   at most a day, at 86399, 86400, 86401 and 86402 seconds;
 * - api_fail (server.c): the error object, the message at most 1023 bytes, every
 *   byte that is no valid UTF-8 character or is a control character escaped as
 *   \xHH, the message cut on a character boundary at 1399 bytes and the field
 *   at 299, at N-1, N and N+1;
 * - req_profile_document and req_documents_to_scenario (request.c): every
 *   refusal of a profile document and of a scenario's documents (1 to 64), with
 *   its path and message;
 * - a bind that fails (a parameter the statement does not have; with PostgreSQL
 *   also a copy refused) fails the statement's next steps until db_stmt_cached
 *   hands it out again (a bug before: the server checks steps, not binds, and a
 *   view was built and kept without the profiles: test_server_kill15_oom);
 * - the stores' messages: a PostgreSQL server not there (libpq's reason), SQL
 *   that does not compile (DB_ERROR), a key twice (DB_CONSTRAINT);
 * - the analysis lists 2000 packages of a frontier of 2001 unless asked for more
 *   or fewer; a seat's agent ".so" or ".py" is an unknown name, "x.so" a plug-in;
 *   a profile to convert that is not JSON is refused with where it breaks;
 * - the pages of events (api_events_after): the limit and the bytes at N-1, N
 *   and N+1, the first event always, `more` and `last`;
 * - the list of seated agents as seats are taken, emptied and taken again;
 * - with PostgreSQL, every slot of a negotiation's analyses and streams held by
 *   another server: 429 with the server's limits, then served once freed;
 * - a seated agent's program sees the server's environment; the drafting
 *   helper's draft of the first text is recorded as such (seat_job_recorded);
 * - a server that stopped leaves no descriptor open (with PostgreSQL: the claims'
 *   connection is closed too).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "server/child.h"
#include "server/seats.h"
#include "server/server_internal.h"
#include "test_server_talks.h"
#include "test_server_call.h"
#include "test_server_seats.h"
#include "test_server_seat_why.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- the wraps ---- */

static int read_error; /* 0: read works; EIO: every read fails; EINTR: the next one fails */

ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n)
{
    int e = __atomic_load_n(&read_error, __ATOMIC_SEQ_CST);
    if (e) {
        if (e == EINTR)
            __atomic_store_n(&read_error, 0, __ATOMIC_SEQ_CST);
        errno = e;
        return -1;
    }
    return __real_read(fd, buf, n);
}

static int clock_stopped;
static struct timespec stopped_at;

int __real_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts)
{
    if (clock_stopped && clock == CLOCK_MONOTONIC) {
        *ts = stopped_at;
        return 0;
    }
    return __real_clock_gettime(clock, ts);
}

/* Moves the stopped clock on by ms milliseconds. */
static void clock_advance(long ms)
{
    stopped_at.tv_nsec += ms % 1000 * 1000000L;
    stopped_at.tv_sec += ms / 1000 + stopped_at.tv_nsec / 1000000000L;
    stopped_at.tv_nsec %= 1000000000L;
}

/* The reply is {"error": {"status": status, "field": field or null, "message": message}} exactly. */
static void expect_error(const api_call *c, int status, const char *field, const char *message)
{
    assert_int_equal(c->status, status);
    json_t *want = json_pack("{s:{s:i,s:s?,s:s}}", "error", "status", status, "field", field, "message", message);
    assert_non_null(want);
    if (!json_equal(c->reply, want)) {
        char *got = c->reply ? json_dumps(c->reply, JSON_COMPACT) : NULL;
        fail_msg("expected the error %d %s: %s, got %s", status, field ? field : "-", message, got ? got : "(none)");
    }
    json_decref(want);
}

/* ---- child_run ---- */

static child_result run_echo(int error)
{
    const char *argv[] = {"/bin/sh", "-c", "printf 'hi\\n'; exit 7", NULL};
    child_spec spec = {.argv = argv, .request = "", .max_reply = 4096,
                       .deadline_ms = guard_now_ms() + 120000 /* a hang bound, not a speed */};
    child_result res;
    __atomic_store_n(&read_error, error, __ATOMIC_SEQ_CST);
    child_run(&spec, &res);
    __atomic_store_n(&read_error, 0, __ATOMIC_SEQ_CST);
    return res;
}

static void test_child_read_fails(void **state)
{
    (void)state;
    /* A failed read ends the reading: the program's end is awaited, not the deadline. */
    child_result res = run_echo(EIO);
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_true(WIFEXITED(res.status));
    assert_int_equal(WEXITSTATUS(res.status), 7);
    assert_int_equal(res.len, 0);
    assert_true(!res.reply || res.reply[0] == '\0');
    free(res.reply);
    /* An interrupted read is tried again: the whole reply. */
    res = run_echo(EINTR);
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_int_equal(WEXITSTATUS(res.status), 7);
    assert_int_equal(res.len, 3);
    assert_string_equal(res.reply, "hi\n");
    free(res.reply);
    /* And with reads that work. */
    res = run_echo(0);
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_string_equal(res.reply, "hi\n");
    free(res.reply);
}

/* The niceness this process runs at. */
static int own_niceness(void)
{
    errno = 0;
    int n = getpriority(PRIO_PROCESS, 0);
    assert_int_equal(errno, 0);
    return n;
}

/* The niceness a child started with `nice` added runs at, as the program `nice` prints it. */
static int child_niceness(int nice)
{
    const char *argv[] = {"/usr/bin/nice", NULL};
    child_spec spec = {.argv = argv, .nice = nice, .request = "", .max_reply = 4096,
                       .deadline_ms = guard_now_ms() + 120000};
    child_result res;
    child_run(&spec, &res);
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_non_null(res.reply);
    int got = atoi(res.reply);
    free(res.reply);
    return got;
}

static void test_child_niceness(void **state)
{
    (void)state;
    int own = own_niceness();
    assert_int_equal(child_niceness(0), own);
    if (own <= 17) {
        assert_int_equal(child_niceness(18 - own), 18);
        assert_int_equal(child_niceness(19 - own), 19);
    }
    assert_int_equal(child_niceness(20 - own), 19); /* at most 19 */
    assert_int_equal(child_niceness(100), 19);
}

/* A program that closed its output but goes on running is awaited, not killed, up to the deadline. */
static void test_child_closed_output(void **state)
{
    (void)state;
    const char *argv[] = {"/bin/sh", "-c", "printf 'out'; exec 1>&-; sleep 0.2; exit 5", NULL};
    child_spec spec = {.argv = argv, .request = "", .max_reply = 4096, .deadline_ms = guard_now_ms() + 120000};
    child_result res;
    child_run(&spec, &res);
    assert_int_equal(res.outcome, CHILD_DONE);
    assert_true(WIFEXITED(res.status));
    assert_int_equal(WEXITSTATUS(res.status), 5);
    assert_string_equal(res.reply, "out");
    free(res.reply);
    /* ... and killed at the deadline when it runs on (the deadline may come before it closed its output: the
     * same outcome). */
    const char *forever[] = {"/bin/sh", "-c", "exec 1>&-; exec sleep 600", NULL};
    spec.argv = forever;
    spec.deadline_ms = guard_now_ms() + 300;
    child_run(&spec, &res);
    assert_int_equal(res.outcome, CHILD_DEADLINE);
    assert_true(WIFSIGNALED(res.status));
    assert_int_equal(WTERMSIG(res.status), SIGKILL);
    free(res.reply);
}

/* ---- job_request ---- */

static long refuse_at; /* the n-th jansson allocation from the arming fails (0: none) */
static long refused;

static void *refusing_malloc(size_t size)
{
    if (refuse_at > 0 && --refuse_at == 0) {
        refused++;
        return NULL;
    }
    return malloc(size);
}

static void call_init(api_call *c)
{
    memset(c, 0, sizeof *c);
    c->ids[0] = 12;
    c->ids[1] = 3;
    c->ids[2] = 0;
    c->me = 45;
    c->my_negotiation = 12;
    c->my_role = ROLE_MEDIATOR;
    snprintf(c->my_name, sizeof c->my_name, "Broker");
    c->pre_text_id = 7;
    c->pre_text_number = 2;
    c->prefetched = 1;
}

static void test_job_request(void **state)
{
    (void)state;
    api_call c;
    call_init(&c);
    c.pre_uploaded = json_pack("[s]", "Buyer");
    c.pre_text = json_pack("{s:i}", "price", 1);
    static const char want[] =
        "{\"handler\":\"improvements\",\"ids\":[12,3,0],\"me\":45,\"negotiation\":12,\"role\":2,\"name\":\"Broker\","
        "\"query\":{},\"merged\":null,\"uploaded\":[\"Buyer\"],\"text\":{\"price\":1},\"text_id\":7,"
        "\"text_number\":2,\"public\":null,\"prefetched\":true}";
    char *text = job_request(&c, api_improvements);
    assert_non_null(text);
    assert_string_equal(text, want);
    free(text);
    assert_null(c.reply);
    /* Every handler by its name. */
    static const struct {
        int (*fn)(api_call *c);
        const char *name;
    } named[] = {{api_analysis, "analysis"}, {api_diagnose, "diagnose"}, {api_propose, "propose"},
                 {api_party_advice, "party_advice"}, {api_party_improvements, "party_improvements"}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        text = job_request(&c, named[i].fn);
        assert_non_null(text);
        json_t *req = json_loads(text, 0, NULL);
        assert_string_equal(json_string_value(json_object_get(req, "handler")), named[i].name);
        json_decref(req);
        free(text);
    }
    /* Not an analysis. */
    assert_null(job_request(&c, api_require_open));
    expect_error(&c, 500, NULL, "this request is not an analysis");
    json_decref(c.reply);
    c.reply = NULL;
    c.status = 0;
    /* Each allocation refused in turn: the same request, or 500 "out of memory" (or no reply at all, when the
     * error object could not be made either). */
    int out_of_memory = 0;
    for (long n = 1;; n++) {
        refuse_at = n;
        refused = 0;
        json_set_alloc_funcs(refusing_malloc, free);
        text = job_request(&c, api_improvements);
        json_set_alloc_funcs(malloc, free);
        refuse_at = 0;
        if (!refused) {
            assert_string_equal(text, want);
            free(text);
            assert_true(n > 2);
            break;
        }
        if (text) {
            assert_string_equal(text, want);
            free(text);
        } else {
            assert_int_equal(c.status, 500);
            if (c.reply) {
                expect_error(&c, 500, NULL, "out of memory");
                out_of_memory++;
            }
            json_decref(c.reply);
            c.reply = NULL;
            c.status = 0;
        }
        assert_true(n < 1000);
    }
    assert_true(out_of_memory >= 2); /* the query object's, and the request's or its text's */
    json_decref(c.pre_uploaded);
    json_decref(c.pre_text);
}

/* ---- seat_find_program ---- */

static void make_file(const char *dir, const char *name, mode_t mode)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    talks_write_program(path, mode, "#!/bin/sh\nexit 0\n");
}

static void expect_found(const char *name, const char *want)
{
    char *got = seat_find_program(name);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("PATH=%s: '%s' found as '%s', expected '%s'", getenv("PATH"), name, got, want);
    free(got);
}

static void test_seat_find_program(void **state)
{
    (void)state;
    char dir[128], a[160], b[160], path[512], cwd[512];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "k16path"));
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    assert_int_equal(mkdir(a, 0755), 0);
    assert_int_equal(mkdir(b, 0755), 0);
    make_file(a, "k16tool", 0755);
    make_file(b, "k16tool", 0755);
    make_file(a, "k16plain", 0644); /* not executable: not found */
    make_file(b, "k16only", 0755);
    char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    assert_non_null(getcwd(cwd, sizeof cwd));

    snprintf(path, sizeof path, "/nonexistent-k16:%s:%s", a, b);
    setenv("PATH", path, 1);
    char want[512];
    snprintf(want, sizeof want, "%s/k16tool", a); /* the first of two */
    expect_found("k16tool", want);
    snprintf(want, sizeof want, "%s/k16only", b); /* past a folder without it */
    expect_found("k16only", want);
    expect_found("k16plain", "k16plain"); /* only a file that cannot run: the name */
    expect_found("k16none", "k16none");
    expect_found("sub/k16tool", "sub/k16tool"); /* a '/': itself */

    /* An empty entry (leading, inner or trailing) is the current folder, as "./NAME". */
    assert_int_equal(chdir(a), 0);
    setenv("PATH", ":/nonexistent-k16", 1);
    expect_found("k16tool", "./k16tool");
    snprintf(path, sizeof path, "/nonexistent-k16::%s", b);
    setenv("PATH", path, 1);
    expect_found("k16tool", "./k16tool");
    expect_found("k16only", want);
    setenv("PATH", "/nonexistent-k16:", 1);
    expect_found("k16tool", "./k16tool");
    setenv("PATH", "/nonexistent-k16", 1);
    expect_found("k16tool", "k16tool");
    setenv("PATH", b, 1); /* one folder: the path is as long as the folder, '/' and the name */
    snprintf(want, sizeof want, "%s/k16tool", b);
    expect_found("k16tool", want);
    unsetenv("PATH");
    expect_found("k16tool", "k16tool");

    assert_int_equal(chdir(cwd), 0);
    if (old)
        setenv("PATH", old, 1);
    free(old);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* ---- a server without a seat runner ---- */

static void test_no_seat_runner(void **state)
{
    (void)state;
    parley_server *srv = calloc(1, sizeof *srv);
    assert_non_null(srv);
    seat_note(srv, 1);
    seat_wake(srv, 1);
    assert_null(srv->seats);
    seat_runner_stop(srv); /* nothing to stop, nothing to free */
    assert_null(srv->seats);
    free(srv);
}

/* unit repeated `times` times, then tail (malloc'd). */
static char *repeat(const char *unit, size_t times, const char *tail)
{
    size_t u = strlen(unit), t = strlen(tail);
    char *s = malloc(u * times + t + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    memcpy(s + u * times, tail, t + 1);
    return s;
}

/* ---- the token buckets ---- */

static parley_server *bucket_server(double write_rate, unsigned write_burst, double profile_rate,
                                    unsigned profile_burst)
{
    parley_server *srv = calloc(1, sizeof *srv);
    assert_non_null(srv);
    pthread_mutex_init(&srv->budget_mu, NULL);
    srv->budgets.write_rate = write_rate;
    srv->budgets.write_burst = write_burst;
    srv->budgets.profile_rate = profile_rate;
    srv->budgets.profile_burst = profile_burst;
    srv->budgets.profile_bytes = 1000;
    srv->budgets.message_bytes = 1000;
    return srv;
}

static void bucket_server_free(parley_server *srv)
{
    budget_map_free(&srv->buckets);
    pthread_mutex_destroy(&srv->budget_mu);
    free(srv);
}

/* One check of participant `me`'s write of kind `what`: its status (0: allowed), retry_after into *retry. */
static int write_check(parley_server *srv, int64_t me, const char *what, int *retry, char *message, size_t size)
{
    api_call c;
    memset(&c, 0, sizeof c);
    c.srv = srv;
    c.me = me;
    int rc = budget_check_write(&c, what);
    *retry = c.retry_after;
    if (message)
        snprintf(message, size, "%s", rc ? json_string_value(json_object_get(json_object_get(c.reply, "error"),
                                                                              "message")) ?: "" : "");
    if (rc) {
        assert_int_equal(c.status, rc);
        assert_int_equal(json_integer_value(json_object_get(json_object_get(c.reply, "error"), "status")), rc);
    }
    json_decref(c.reply);
    return rc;
}

static void test_write_buckets(void **state)
{
    (void)state;
    clock_stopped = 1;
    stopped_at = (struct timespec){1000, 0};
    /* 3 at once, 4 per second after: the fourth waits ceil(1/4) = 1 s; 250 ms later one token is back (the
     * times are multiples of 1/8 s: exact in binary). */
    parley_server *srv = bucket_server(4, 3, 0.5, 1);
    int retry;
    char message[512];
    for (int i = 0; i < 3; i++)
        assert_int_equal(write_check(srv, 1, "text", &retry, NULL, 0), 0);
    assert_int_equal(write_check(srv, 1, "text", &retry, message, sizeof message), 429);
    assert_int_equal(retry, 1);
    assert_string_equal(message, "too many writes: one participant may make 3 at once and 4 per second after that "
                                 "(the server's --write-burst and --write-rate); try again in 1 s");
    assert_int_equal(write_check(srv, 2, "text", &retry, NULL, 0), 0); /* another participant's bucket */
    clock_advance(125);
    assert_int_equal(write_check(srv, 1, "text", &retry, NULL, 0), 429); /* half a token: wait ceil(0.5 / 4) s */
    assert_int_equal(retry, 1);
    clock_advance(125);
    assert_int_equal(write_check(srv, 1, "text", &retry, NULL, 0), 0);
    assert_int_equal(write_check(srv, 1, "text", &retry, NULL, 0), 429);
    clock_advance(10000); /* refilled to the burst, not beyond */
    for (int i = 0; i < 3; i++)
        assert_int_equal(write_check(srv, 1, "text", &retry, NULL, 0), 0);
    assert_int_equal(write_check(srv, 1, "text", &retry, NULL, 0), 429);

    /* A profile takes a write and an upload: 1 upload at once, 0.5 per second (wait 2 s); the refused upload's
     * write was taken. */
    assert_int_equal(write_check(srv, 5, "profile", &retry, NULL, 0), 0);
    assert_int_equal(write_check(srv, 5, "profile", &retry, message, sizeof message), 429);
    assert_int_equal(retry, 2);
    assert_string_equal(message, "too many profile uploads: one participant may make 1 at once and 0.5 per second "
                                 "after that (the server's --profile-burst and --profile-rate); try again in 2 s");
    assert_int_equal(write_check(srv, 5, "text", &retry, NULL, 0), 0); /* the third write of 5 */
    assert_int_equal(write_check(srv, 5, "text", &retry, NULL, 0), 429);
    clock_advance(1000);
    assert_int_equal(write_check(srv, 5, "profile", &retry, NULL, 0), 429); /* half an upload back */
    assert_int_equal(retry, 1);                                                /* ceil(0.5 / 0.5) */
    bucket_server_free(srv);

    /* A profile or a message of 1000 bytes (the limits here), not 1001: 413 before any token is taken. */
    srv = bucket_server(4, 100, 4, 100);
    api_call c;
    for (size_t bytes = 999; bytes <= 1001; bytes++) {
        memset(&c, 0, sizeof c);
        c.srv = srv;
        c.me = 3;
        c.body_len = bytes;
        int rc = budget_check_write(&c, "profile");
        if (bytes > 1000) {
            char limit_message[128];
            snprintf(limit_message, sizeof limit_message, "body: a profile of %zu bytes: the server's limit is 1000 (--profile-bytes)",
                     bytes);
            expect_error(&c, 413, "body", limit_message);
        }
        char *body = repeat("m", bytes, "");
        api_call m;
        memset(&m, 0, sizeof m);
        m.srv = srv;
        m.me = 4;
        m.body_len = 10; /* a message's limit is on its text, not on the request's body */
        m.json = json_pack("{s:s}", "body", body);
        int mrc = budget_check_write(&m, "message");
        c.body_len = bytes; /* another kind of write: no size limit here */
        json_decref(c.reply);
        c.reply = NULL;
        int other = budget_check_write(&c, "text");
        if (bytes <= 1000) {
            assert_int_equal(rc, 0);
            assert_int_equal(mrc, 0);
        } else {
            char limit_message[128];
            assert_int_equal(rc, 413);
            snprintf(limit_message, sizeof limit_message, "body: a message of %zu bytes: the server's limit is 1000 (--message-bytes)",
                     bytes);
            expect_error(&m, 413, "body", limit_message);
        }
        assert_int_equal(other, 0);
        json_decref(c.reply);
        json_decref(m.reply);
        json_decref(m.json);
        free(body);
    }
    bucket_server_free(srv);

    /* One write at once, then one every `period` seconds: Retry-After is the period rounded up, at most a day. */
    static const struct {
        double period;
        int retry;
    } cases[] = {{2.5, 3}, {86398.5, 86399}, {86399.5, 86400}, {86400.5, 86400}, {86401.5, 86400}, {1e300, 86400}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srv = bucket_server(1 / cases[i].period, 1, 1, 1);
        assert_int_equal(write_check(srv, 9, "text", &retry, NULL, 0), 0);
        assert_int_equal(write_check(srv, 9, "text", &retry, message, sizeof message), 429);
        if (retry != cases[i].retry)
            fail_msg("one write per %g s: Retry-After %d, expected %d", cases[i].period, retry, cases[i].retry);
        char tail[64];
        snprintf(tail, sizeof tail, "try again in %d s", cases[i].retry);
        assert_non_null(strstr(message, tail));
        bucket_server_free(srv);
    }
    clock_stopped = 0;
}

/* ---- api_fail ---- */


/* api_fail(status 400, field, "%s", message): the message and the field of the reply. */
static void fail_with(const char *field, const char *message, const char *want_message, const char *want_field)
{
    api_call c;
    memset(&c, 0, sizeof c);
    assert_int_equal(api_fail(&c, 400, field, "%s", message), 400);
    expect_error(&c, 400, want_field, want_message);
    json_decref(c.reply);
}

static void test_api_fail(void **state)
{
    (void)state;
    api_call c;
    memset(&c, 0, sizeof c);
    c.reply = json_pack("{s:s}", "earlier", "reply"); /* replaced */
    assert_int_equal(api_fail(&c, 409, NULL, "%d texts, %s", 3, "none open"), 409);
    expect_error(&c, 409, NULL, "3 texts, none open");
    json_decref(c.reply);

    /* A field goes before the message; control characters and bytes of no valid character are escaped. */
    fail_with("f\x01ld", "a\xff" "b\tc", "f\\x01ld: a\\xFFb\\x09c", "f\\x01ld");
    /* Valid: 2, 3 and 4 bytes.  Not: an overlong 2-byte (C0 80), an overlong 3-byte (E0 80 80), a surrogate
     * (ED A0 80), an overlong 4-byte (F0 80 80 80), past U+10FFFF (F4 90 80 80, F5 80 80 80), a lone
     * continuation byte (80), a sequence cut short (E2 82 then 'x'). */
    fail_with(NULL, "\xc3\xa9|\xe2\x82\xac|\xf0\x9f\x98\x80|\xf4\x8f\xbf\xbf", "\xc3\xa9|\xe2\x82\xac|\xf0\x9f\x98\x80|\xf4\x8f\xbf\xbf", NULL);
    fail_with(NULL, "\xc0\x80|\xe0\x80\x80|\xed\xa0\x80", "\\xC0\\x80|\\xE0\\x80\\x80|\\xED\\xA0\\x80", NULL);
    fail_with(NULL, "\xf0\x80\x80\x80|\xf4\x90\x80\x80|\xf5\x80", "\\xF0\\x80\\x80\\x80|\\xF4\\x90\\x80\\x80|\\xF5\\x80",
              NULL);
    fail_with(NULL, "\x80|\xe2\x82x|\x7f", "\\x80|\\xE2\\x82x|\x7f", NULL);

    /* The message is cut at 1023 bytes. */
    char *long_message = repeat("a", 1100, ""), *want = repeat("a", 1023, "");
    fail_with(NULL, long_message, want, NULL);
    free(long_message);
    free(want);

    /* The cleaned message holds at most 1399 bytes, cut before an escape or a character that does not fit:
     * 19 + 345 escapes fill it (1399), 20 + 345 keep 344 escapes (1396). */
    char *m = repeat("\x01", 345, ""), *w = repeat("\\x01", 345, "");
    char msg[1100], exp[1500];
    snprintf(msg, sizeof msg, "%s%s", "aaaaaaaaaaaaaaaaaaa", m);
    snprintf(exp, sizeof exp, "%s%s", "aaaaaaaaaaaaaaaaaaa", w);
    assert_int_equal(strlen(exp), 1399);
    fail_with(NULL, msg, exp, NULL);
    snprintf(msg, sizeof msg, "%s%s", "aaaaaaaaaaaaaaaaaaaa", m);
    snprintf(exp, sizeof exp, "%s%.*s", "aaaaaaaaaaaaaaaaaaaa", 344 * 4, w);
    assert_int_equal(strlen(exp), 1396);
    fail_with(NULL, msg, exp, NULL);
    free(m);
    free(w);
    /* 349 escapes (1396 bytes), then "a" and a 2-byte character: 1399 fit; with "ab" the character does not. */
    m = repeat("\x01", 349, "a\xc3\xa9");
    w = repeat("\\x01", 349, "a\xc3\xa9");
    fail_with(NULL, m, w, NULL);
    free(m);
    free(w);
    m = repeat("\x01", 349, "ab\xc3\xa9");
    w = repeat("\\x01", 349, "ab");
    fail_with(NULL, m, w, NULL);
    free(m);
    free(w);

    /* The field holds at most 299 bytes: 74 escapes and "a" then "é" fit (299), with "ab" the "é" does not. */
    char *f = repeat("\x01", 74, "a\xc3\xa9"), *wf = repeat("\\x01", 74, "a\xc3\xa9");
    char full[400];
    snprintf(full, sizeof full, "%s: m", wf);
    fail_with(f, "m", full, wf);
    free(f);
    free(wf);
    f = repeat("\x01", 74, "ab\xc3\xa9");
    wf = repeat("\\x01", 74, "ab");
    char *wfull = repeat("\\x01", 74, "ab\xc3\xa9: m");
    fail_with(f, "m", wfull, wf);
    free(f);
    free(wf);
    free(wfull);
}

/* ---- req_profile_document ---- */

static void expect_document(const char *body, int rc, const char *path, const char *message)
{
    json_t *root = json_loads(body, 0, NULL), *scenario = json_pack("{s:s}", "title", "unused");
    assert_non_null(root);
    parley_error err;
    parley_error_clear(&err);
    int got = req_profile_document(root, scenario, 1000, 1000, &err);
    if (got != rc || (rc && (strcmp(err.path, path) != 0 || strcmp(err.message, message) != 0)))
        fail_msg("%s: %d (%s: %s), expected %d (%s: %s)", body, got, err.path, err.message, rc, path, message);
    json_decref(root);
    json_decref(scenario);
}

static void test_profile_document(void **state)
{
    (void)state;
    expect_document("{\"preferences\": {}}", PARLEY_OK, "", ""); /* no document: nothing to do */
    expect_document("{\"document\": {\"name\": \"p.xml\", \"content\": \"x\"}, \"reservation\": 0.5}", PARLEY_EINVAL,
                    "document", "a profile is either native fields or one \"document\", not both");
    expect_document("{\"document\": \"p.xml\"}", PARLEY_EINVAL, "document",
                    "expected {\"name\", \"content\"}, found a string");
    expect_document("{\"document\": {\"name\": \"p.xml\"}}", PARLEY_EINVAL, "document.content",
                    "missing required field 'content'");
    expect_document("{\"document\": {\"content\": \"x\"}}", PARLEY_EINVAL, "document.name",
                    "missing required field 'name'");
    expect_document("{\"document\": {\"name\": \"\", \"content\": \"x\"}}", PARLEY_EINVAL, "document.name",
                    "is empty (expected some text)");
    expect_document("{\"document\": {\"name\": \"p.xml\", \"content\": 3}}", PARLEY_EINVAL, "document.content",
                    "found a whole number (expected a string)");
    expect_document("{\"document\": {\"name\": \"p.xml\", \"content\": \"x\", \"kind\": 1}}", PARLEY_EINVAL,
                    "document.kind", "unknown field 'kind' (expected one of: name, content)");
}

/* req_documents_to_scenario on `body`: rc, and the error's path and message when it fails. */
static void expect_documents(const char *body, int rc, const char *path, const char *message)
{
    json_t *root = json_loads(body, 0, NULL);
    assert_non_null(root);
    parley_error err;
    parley_error_clear(&err);
    int got = req_documents_to_scenario(root, 1000, 1000, &err);
    if (got != rc || (rc && (strcmp(err.path, path) != 0 || strcmp(err.message, message) != 0)))
        fail_msg("%s: %d (%s: %s), expected %d (%s: %s)", body, got, err.path, err.message, rc, path, message);
    json_decref(root);
}

static void test_scenario_documents(void **state)
{
    (void)state;
    static const char expected[] = "expected an array of 1 to 64 {\"name\", \"content\"} objects (a native scenario, "
                                   "or a GENIUS/GeniusWeb domain followed by its profiles)";
    expect_documents("{\"scenario\": {}}", PARLEY_OK, "", "");
    expect_documents("{\"documents\": [], \"scenario\": {}}", PARLEY_EINVAL, "documents",
                     "give either a native \"scenario\" or \"documents\", not both");
    expect_documents("{\"documents\": []}", PARLEY_EINVAL, "documents", expected);
    expect_documents("{\"documents\": {}}", PARLEY_EINVAL, "documents", expected);
    char *many = repeat("{\"name\": \"a.xml\", \"content\": \"x\"}, ", 64, "{\"name\": \"a.xml\", \"content\": \"x\"}");
    char body[4096];
    snprintf(body, sizeof body, "{\"documents\": [%s]}", many); /* 65 */
    expect_documents(body, PARLEY_EINVAL, "documents", expected);
    free(many);
    expect_documents("{\"documents\": [3]}", PARLEY_EINVAL, "documents[0]",
                     "expected {\"name\", \"content\"}, found a whole number");
    expect_documents("{\"documents\": [{\"content\": \"x\"}]}", PARLEY_EINVAL, "documents[0].name",
                     "missing required field 'name'");
    expect_documents("{\"documents\": [{\"name\": \"\", \"content\": \"x\"}]}", PARLEY_EINVAL, "documents[0].name",
                     "is empty (expected some text)");
    expect_documents("{\"documents\": [{\"name\": \"d.xml\", \"content\": \"x\"}, {\"name\": \"p.xml\"}]}",
                     PARLEY_EINVAL, "documents[1].content", "missing required field 'content'");
}

/* ---- a failed bind ---- */

static const char one_param_sql[] = "SELECT ?1 + 1";

static void test_failed_bind_fails_the_step(void **state)
{
    (void)state;
    char dir[128];
    parley_error err;
    db_conn *c = test_db_open_new(dir, sizeof dir, "k16bind", "b.db", &err);
    assert_non_null(c);
    db_stmt *st = db_stmt_cached(c, one_param_sql);
    assert_non_null(st);
    assert_int_equal(db_bind_int64(st, 1, 41), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int64(st, 0), 42);
    db_reset(st);
    /* A bind that fails (no parameter 2): the statement does not run without it, bound again or reset. */
    assert_true(db_bind_int64(st, 2, 7) != DB_OK);
    assert_int_equal(db_bind_int64(st, 1, 41), DB_OK);
    assert_int_equal(db_step(st), DB_ERROR);
    db_reset(st);
    assert_int_equal(db_step(st), DB_ERROR);
    db_reset(st);
    assert_true(db_bind_text(st, 3, "x", -1, DB_STATIC) != DB_OK);
    assert_true(db_bind_null(st, 0) != DB_OK);
    /* Handed out again, with its bindings cleared: it runs. */
    assert_true(db_stmt_cached(c, one_param_sql) == st);
    assert_int_equal(db_bind_int(st, 1, 9), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int64(st, 0), 10);
    db_reset(st);
    db_close(c);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* ---- the stores' messages ---- */

static void test_store_messages(void **state)
{
    (void)state;
    /* A PostgreSQL server that is not there: the reason is libpq's, on one line. */
    parley_error err;
    parley_error_clear(&err);
    assert_null(db_open("postgresql:///k16?host=/nonexistent-k16&connect_timeout=5", 0, &err));
    assert_int_equal(err.code, PARLEY_EIO);
    static const char prefix[] = "cannot connect to the PostgreSQL database: ";
    if (strncmp(err.message, prefix, strlen(prefix)) != 0 || !strstr(err.message, "/nonexistent-k16") ||
        strchr(err.message, '\n'))
        fail_msg("the connection's error: %s", err.message);

    char dir[128];
    db_conn *c = test_db_open_new(dir, sizeof dir, "k16msg", "m.db", &err);
    assert_non_null(c);
    /* SQL that does not compile, a key twice: the store's message, the code of the kind of failure. */
    assert_int_equal(db_exec(c, "SELEKT 1"), DB_ERROR);
    const char *syntax = test_db_is_pg() ? "syntax error at or near \"SELEKT\"" : "near \"SELEKT\": syntax error";
    if (!strstr(db_errmsg(c), syntax))
        fail_msg("SELEKT 1: %s", db_errmsg(c));
    assert_int_equal(db_exec(c, "CREATE TABLE k16 (a INTEGER PRIMARY KEY)"), DB_OK);
    assert_int_equal(db_exec(c, "INSERT INTO k16 VALUES (1)"), DB_OK);
    assert_int_equal(db_exec(c, "INSERT INTO k16 VALUES (1)"), DB_CONSTRAINT);
    const char *twice = test_db_is_pg() ? "duplicate key value violates unique constraint \"k16_pkey\""
                                        : "UNIQUE constraint failed: k16.a";
    if (!strstr(db_errmsg(c), twice))
        fail_msg("a key twice: %s", db_errmsg(c));
    assert_int_equal(db_exec(c, "DROP TABLE k16"), DB_OK);
    db_close(c);
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

/* ---- a server's replies ---- */

/* One price from 0 to 2000 (2001 packages), wanted in opposite directions: every package is on the frontier. */
static const char wide_scenario[] =
    "{\"scenario\": {\"title\": \"Wide\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
    "\"max\": 2000}], \"parties\": ["
    " {\"name\": \"Buyer\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"Seller\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}}";

static size_t frontier_listed(talks *w, const char *query)
{
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/1/analysis%s", query);
    http_resp r = talks_call(w, "GET", path, w->med, NULL, 200);
    size_t n = json_array_size(json_object_get(r.json, "frontier"));
    http_resp_free(&r);
    return n;
}

/* The analysis lists at most frontier_limit packages of the frontier, 2000 unless asked; a seat's agent name ending
 * in .so or .py is a plug-in or a Python agent only with a name before it. */
static void test_frontier_limit_and_agent_names(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open_scenario(&w, &o, wide_scenario);
    assert_int_equal(frontier_listed(&w, ""), 2000);
    assert_int_equal(frontier_listed(&w, "?frontier_limit=2001"), 2001);
    assert_int_equal(frontier_listed(&w, "?frontier_limit=1999"), 1999);
    static const char unknown[] = "agent: unknown agent '%s' (a built-in agent as `parley agents` lists, NAME.so or "
                                  "NAME.py from the server's agent folder)";
    static const char no_folder[] = "agent: this server has no agent folder (parley serve --agent-dir): built-in "
                                    "agents only";
    static const struct {
        const char *agent, *message;
    } seats[] = {{".so", unknown}, {".py", unknown}, {"so", unknown}, {"x.so", no_folder}, {"x.py", no_folder},
                 {"a/b", no_folder}};
    for (size_t i = 0; i < sizeof seats / sizeof seats[0]; i++) {
        char body[64], message[256];
        snprintf(body, sizeof body, "{\"agent\": \"%s\"}", seats[i].agent);
        snprintf(message, sizeof message, seats[i].message, seats[i].agent);
        talks_expect_error(&w, "POST", "/api/negotiations/1/participants/2/agent", w.med, body, 400, "agent", message);
    }
    /* A profile to convert that is not JSON: where it breaks (not the missing document). */
    http_resp r = talks_call(&w, "POST", "/api/negotiations/1/profile/convert", w.buyer, "{\"document\": ", 400);
    assert_string_equal(jstr(&r, "error", "field"), "body");
    const char *why = jstr(&r, "error", "message");
    if (strncmp(why, "body: line 1, column ", 21) != 0)
        fail_msg("a profile to convert that is not JSON: %s", why);
    http_resp_free(&r);
    talks_close(&w);
}

/* Four parties and a mediator: Broker 1, Buyer 2, Seller 3, Third 4, Fourth 5. */
static const char four_scenario[] =
    "{\"scenario\": {\"title\": \"Four\", \"issues\": [{\"name\": \"price\", \"type\": \"integer\", \"min\": 0, "
    "\"max\": 2}], \"parties\": ["
    " {\"name\": \"Buyer\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"Seller\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Third\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 0, \"at_max\": 1}}}},"
    " {\"name\": \"Fourth\", \"preferences\": {\"price\": {\"weight\": 1, \"function\": {\"type\": \"linear\", "
    "\"at_min\": 1, \"at_max\": 0}}}},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}}";

/* The participants whose agents negotiation 1 lists, in order, as "2,3,..." into out. */
static void seated(talks *w, char *out, size_t size)
{
    http_resp r = talks_call(w, "GET", "/api/negotiations/1/agents", w->med, NULL, 200);
    json_t *agents = json_object_get(r.json, "agents");
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < json_array_size(agents); i++) {
        json_t *a = json_array_get(agents, i);
        len += (size_t)snprintf(out + len, size - len, "%s%lld:%s", i ? "," : "",
                                (long long)json_integer_value(json_object_get(a, "participant")),
                                json_string_value(json_object_get(a, "agent")));
    }
    http_resp_free(&r);
}

static void seat_call(talks *w, const char *method, int64_t p, const char *agent, int status)
{
    char path[96], body[64];
    snprintf(path, sizeof path, "/api/negotiations/1/participants/%lld/agent", (long long)p);
    snprintf(body, sizeof body, "{\"agent\": \"%s\", \"deadline_seconds\": 300}", agent ? agent : "");
    http_resp r = talks_call(w, method, path, w->med, agent ? body : NULL, status);
    http_resp_free(&r);
}

/* The seats are read from the timeline, a later event of a seat replacing the earlier one: four seats (the list
 * full at its first size), the first unseated, another reseated: the others keep their order. */
static void test_seats_replaced(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    o.seat_program = ANALYSIS_PROGRAM; /* never run: no session, no text */
    o.budgets.agent_seconds = 300;
    talks_open_scenario(&w, &o, four_scenario);
    static const char *const names[] = {"Third", "Fourth"};
    for (int i = 0; i < 2; i++) {
        http_resp r = http_json(w.port, "POST", "/api/negotiations/1/participants", w.med,
                                json_pack("{s:s,s:s}", "name", names[i], "role", "party"));
        assert_int_equal(r.status, 201);
        http_resp_free(&r);
    }
    static const char *const agents[] = {"boulware", "conceder", "linear", "hardliner"};
    for (int p = 2; p <= 5; p++)
        seat_call(&w, "POST", p, agents[p - 2], 201);
    char list[256];
    seated(&w, list, sizeof list);
    assert_string_equal(list, "2:boulware,3:conceder,4:linear,5:hardliner");
    seat_call(&w, "DELETE", 2, NULL, 200);
    seated(&w, list, sizeof list);
    assert_string_equal(list, "3:conceder,4:linear,5:hardliner");
    seat_call(&w, "POST", 4, "boulware", 409); /* taken */
    seat_call(&w, "DELETE", 4, NULL, 200);
    seated(&w, list, sizeof list);
    assert_string_equal(list, "3:conceder,5:hardliner");
    seat_call(&w, "POST", 4, "boulware", 201); /* 4 again: at the end, after 3 and 5 */
    seated(&w, list, sizeof list);
    assert_string_equal(list, "3:conceder,5:hardliner,4:boulware");
    seat_call(&w, "POST", 2, "linear", 201);
    seated(&w, list, sizeof list);
    assert_string_equal(list, "3:conceder,5:hardliner,4:boulware,2:linear");
    talks_close(&w);
}

/* api_events_after on negotiation 1 as participant `me` (1: the mediator, 2 and 3: parties): how many events,
 * their last seq, whether more. */
static size_t events_of_as(talks *w, int64_t me, int64_t after, int limit, size_t max_bytes, int64_t *last, int *more)
{
    api_call c;
    reader_call_begin(w, &c);
    c.me = me;
    c.my_role = me == 1 ? ROLE_MEDIATOR : ROLE_PARTY;
    json_t *events = json_array();
    *last = -1;
    *more = -1;
    assert_int_equal(api_events_after(&c, after, limit, max_bytes, events, last, more), PARLEY_OK);
    reader_call_end(w, &c);
    size_t n = json_array_size(events);
    json_decref(events);
    return n;
}

static size_t events_after(talks *w, int64_t after, int limit, size_t max_bytes, int64_t *last, int *more)
{
    return events_of_as(w, 1, after, limit, max_bytes, last, more);
}

/* The pages of the timeline (api_events_after, which the timeline, the live streams and a party's advice read):
 * at most `limit` events and, past the first, at most max_bytes of stored data; `more` when one was left. */
static void test_event_pages(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    talks_open(&w, &o);
    http_resp r = talks_call(&w, "POST", "/api/negotiations/1/messages", w.med, "{\"body\": \"hello\"}", 201);
    http_resp_free(&r);
    /* The events' seqs and stored sizes, read straight from the store. */
    int64_t seq[16];
    size_t size[16], n = 0;
    store_conn *db = store_reader(w.srv->db);
    db_stmt *st = store_stmt(db, "SELECT seq, LENGTH(data) FROM events WHERE negotiation_id = 1 ORDER BY seq");
    assert_non_null(st);
    while (n < 16 && db_step(st) == DB_ROW) {
        seq[n] = db_column_int64(st, 0);
        size[n++] = (size_t)db_column_int64(st, 1);
    }
    db_reset(st);
    store_reader_release(w.srv->db, db);
    assert_true(n >= 4);
    int64_t last;
    int more;
    assert_int_equal(events_after(&w, 0, 100, 1 << 20, &last, &more), n);
    assert_true(last == seq[n - 1] && more == 0);
    /* limit: n - 1, n, n + 1 */
    assert_int_equal(events_after(&w, 0, (int)n - 1, 1 << 20, &last, &more), n - 1);
    assert_true(last == seq[n - 2] && more == 1);
    assert_int_equal(events_after(&w, 0, (int)n, 1 << 20, &last, &more), n);
    assert_true(last == seq[n - 1] && more == 0);
    assert_int_equal(events_after(&w, 0, (int)n + 1, 1 << 20, &last, &more), n);
    assert_true(more == 0);
    /* bytes: the first two events' sizes, one less, one more (the third is larger than one byte) */
    size_t two = size[0] + size[1];
    assert_int_equal(events_after(&w, 0, 100, two - 1, &last, &more), 1);
    assert_true(last == seq[0] && more == 1);
    assert_int_equal(events_after(&w, 0, 100, two, &last, &more), 2);
    assert_true(last == seq[1] && more == 1);
    assert_int_equal(events_after(&w, 0, 100, two + 1, &last, &more), 2);
    /* the first event of a page is always in it, however large */
    assert_int_equal(events_after(&w, 0, 100, 0, &last, &more), 1);
    assert_true(last == seq[0] && more == 1);
    /* after the second: from the third on; after the last: none, `last` as given */
    assert_int_equal(events_after(&w, seq[1], 100, 1 << 20, &last, &more), n - 2);
    assert_int_equal(events_after(&w, seq[n - 1], 100, 1 << 20, &last, &more), 0);
    assert_true(last == -1 && more == 0);
    /* A message from the mediator to the Seller: the mediator and the Seller see it, the Buyer does not. */
    r = talks_call(&w, "POST", "/api/negotiations/1/messages", w.med, "{\"body\": \"psst\", \"to\": 3}", 201);
    http_resp_free(&r);
    assert_int_equal(events_of_as(&w, 1, 0, 100, 1 << 20, &last, &more), n + 1);
    assert_int_equal(events_of_as(&w, 3, 0, 100, 1 << 20, &last, &more), n + 1);
    assert_int_equal(events_of_as(&w, 2, 0, 100, 1 << 20, &last, &more), n);
    assert_true(last == seq[n - 1]);
    talks_close(&w);
}

/* PostgreSQL: another process (here a second server on the same schema) holds every slot of the negotiation's
 * analyses and streams: this one refuses with 429 and the server's limit (not its own count, 0); once the slots
 * are free it serves. */
static void test_slots_held_elsewhere(void **state)
{
    (void)state;
    if (!test_db_is_pg())
        skip();
    talks w;
    parley_server_options o = {0};
    o.budgets.analyses_per_negotiation = 2;
    o.budgets.streams_per_negotiation = 3;
    talks_open(&w, &o);
    parley_server_options ob = {0};
    ob.db_path = w.db;
    ob.analysis_program = ANALYSIS_PROGRAM;
    parley_server *other = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&ob, &other, &err), PARLEY_OK);
    for (int k = 0; k < 2; k++)
        assert_int_equal(claim_slot(other, "analysis", 1, 2), k);
    for (int k = 0; k < 3; k++)
        assert_int_equal(claim_slot(other, "stream", 1, 3), k);
    talks_expect_error(&w, "GET", "/api/negotiations/1/analysis", w.med, NULL, 429, NULL,
                       "2 analyses of this negotiation are running or waiting (the server's limit per negotiation, "
                       "--analyses-per-negotiation); wait for their replies");
    talks_expect_error(&w, "GET", "/api/negotiations/1/events", w.med, NULL, 429, NULL,
                       "this negotiation already has 3 live streams open (the server's limit per negotiation, "
                       "--streams-per-negotiation)");
    claim_drop_slot(other, "analysis", 1, 1);
    http_resp r = talks_call(&w, "GET", "/api/negotiations/1/analysis", w.med, NULL, 200);
    http_resp_free(&r);
    parley_server_stop(other); /* its claims go with its connection */
    /* PostgreSQL ends the closed connection's session, and with it the claims, after stop has returned: retry */
    char first[512];
    int fd = -1, status = 0;
    for (int i = 0; i < 6000 && status != 200; i++) { /* 120 s: only a bound on a hang */
        status = talks_stream(&w, 1, w.med, &fd, first, sizeof first);
        if (status != 200) {
            close(fd);
            struct timespec ts = {0, 20000000L};
            nanosleep(&ts, NULL);
        }
    }
    if (status != 200)
        fail_msg("the claims of a stopped server still hold: %d", status);
    close(fd);
    talks_close(&w);
}

/* A seated agent's program runs with the server's environment (in the sanitizer tree with the memory budget in
 * ASAN_OPTIONS added, seat_child.c): a variable of this process reaches it. */
static void test_seat_environment(void **state)
{
    (void)state;
    assert_int_equal(setenv("K16_MARK", "k16-seat-env", 1), 0);
    expect_why("printf '{\"error\": \"%s\"}' \"$K16_MARK\"", 0, 0, "error: k16-seat-env");
    unsetenv("K16_MARK");
}

/* seat_job_recorded (in a read transaction) of the job of participant p's seat about text t. */
static int recorded(talks *w, seat_task task, int64_t p, int64_t t)
{
    api_call c;
    reader_call_begin(w, &c);
    seat *s = NULL;
    size_t n = 0;
    assert_int_equal(seats_read(&c, p, &s, &n), 0);
    assert_int_equal(n, 1);
    seat_job job = {.task = task, .negotiation = 1, .participant = p, .seat_seq = s[0].seq, .text = t};
    seats_free(s, n);
    int rc = seat_job_recorded(&c, &job);
    reader_call_end(w, &c);
    json_decref(c.reply);
    return rc;
}

/* The mediator's drafting helper drafts the first text once a session is open: its draft is recorded (a draft
 * about no text), and nothing about a text it did not draft; the Buyer's agent answered nothing. */
static void test_draft_recorded(void **state)
{
    (void)state;
    talks w;
    talks_open_with_drafter(&w);
    seat_ok(&w, 1, 2, json_pack("{s:s}", "agent", "boulware"));
    assert_int_equal(recorded(&w, TASK_DRAFT, 1, 0), 0);
    open_session(&w, 1, w.med);
    json_decref(wait_events(&w, 1, w.med, "agent.draft", 1));
    assert_int_equal(recorded(&w, TASK_DRAFT, 1, 0), 1);
    assert_int_equal(recorded(&w, TASK_DRAFT, 1, 5), 0);
    assert_int_equal(recorded(&w, TASK_ANSWER, 2, 5), 0);
    talks_close(&w);
}

/* ---- a server's descriptors ---- */

static void test_stopped_server_closes_everything(void **state)
{
    (void)state;
    talks w;
    parley_server_options o = {0};
    int before = open_descriptors();
    talks_open(&w, &o);
    http_resp r = talks_call(&w, "GET", "/api/negotiations/1", w.med, NULL, 200);
    http_resp_free(&r);
    assert_true(open_descriptors() > before);
    talks_close(&w);
    assert_int_equal(open_descriptors(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_child_read_fails),
        cmocka_unit_test(test_child_niceness),
        cmocka_unit_test(test_child_closed_output),
        cmocka_unit_test(test_job_request),
        cmocka_unit_test(test_seat_find_program),
        cmocka_unit_test(test_no_seat_runner),
        cmocka_unit_test(test_write_buckets),
        cmocka_unit_test(test_api_fail),
        cmocka_unit_test(test_profile_document),
        cmocka_unit_test(test_scenario_documents),
        cmocka_unit_test(test_failed_bind_fails_the_step),
        cmocka_unit_test(test_store_messages),
        cmocka_unit_test(test_frontier_limit_and_agent_names),
        cmocka_unit_test(test_seats_replaced),
        cmocka_unit_test(test_event_pages),
        cmocka_unit_test(test_slots_held_elsewhere),
        cmocka_unit_test(test_seat_environment),
        cmocka_unit_test(test_draft_recorded),
        cmocka_unit_test(test_stopped_server_closes_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
