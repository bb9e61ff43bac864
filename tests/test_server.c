/*
 * test_server.c: `parley serve` in-process on 127.0.0.1 (ephemeral port):
 * every endpoint, the authorisation matrix (each role against each resource),
 * privacy between parties, bad requests (400 naming the field, nothing stored),
 * the analysis, diagnosis, proposals, amendment checks and a party's own
 * valuation of the text against values
 * computed by hand, token rotation and revocation, group commit (a batch whose
 * requests fail alone), live updates (SSE), restart
 * on the same file, schema migration from version 1, static files, and the
 * SHA-256 used for tokens against the FIPS 180-4 examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_db.h"
#include "test_tmpdir.h"
#include "server/server_internal.h"
#include "test_server_http.h"

#include <fcntl.h>
#include <pthread.h>
#include <math.h>
#include <sys/stat.h>
#include <time.h>

/* The textbook scenario: utilities are easy to compute by hand (see test_analysis_by_hand). */
static const char scenario_json[] =
    "{\"title\": \"Textbook\", \"issues\": ["
    " {\"name\": \"price\", \"type\": \"integer\", \"min\": 0, \"max\": 2},"
    " {\"name\": \"color\", \"type\": \"categorical\", \"values\": [\"red\", \"blue\"]}],"
    " \"parties\": ["
    " {\"name\": \"Buyer\", \"reservation\": 0.2, \"preferences\": {"
    "   \"price\": {\"weight\": 0.6, \"function\": {\"type\": \"linear\", \"at_min\": 1, \"at_max\": 0}},"
    "   \"color\": {\"weight\": 0.4, \"values\": {\"red\": 1, \"blue\": 0}}}},"
    " {\"name\": \"Seller\", \"reservation\": 0.2, \"preferences\": {"
    "   \"price\": {\"weight\": 0.7, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
    "   \"color\": {\"weight\": 0.3, \"values\": {\"red\": 0, \"blue\": 1}}},"
    "  \"red_lines\": [{\"name\": \"min_price\", \"rule\": \"price >= 1\"}]},"
    " {\"name\": \"Broker\", \"role\": \"mediator\"}]}";

typedef struct world {
    char dir[256], db[300];
    parley_server *srv;
    uint16_t port;
    char med[65], buyer[65], seller[65], med2[65], party2[65];
} world;

static void start(world *w)
{
    parley_server_options o = {0};
    o.db_path = w->db;
    o.analysis_program = ANALYSIS_PROGRAM;
    o.web_dir = PARLEY_SOURCE_DIR "/web";
    o.max_body = 64 * 1024;
    o.sync = PARLEY_SYNC_NORMAL;
    o.analysis_seconds = 300; /* not the budget under test: a bound on a hang (5 s gave 503 under ASan and load) */
    o.open = 1; /* anonymous creation: the admin token has its own tests (test_server_guard.c) */
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &w->srv, &err), PARLEY_OK);
    w->port = parley_server_port(w->srv);
    assert_true(w->port > 0);
}

static json_t *scenario(void)
{
    json_t *s = json_loads(scenario_json, 0, NULL);
    assert_non_null(s);
    return s;
}

static void copy_token(char out[65], const char *t)
{
    assert_non_null(t);
    assert_int_equal(strlen(t), 64);
    memcpy(out, t, 65);
}

static void add_party(world *w, const char *n, const char *mtoken, const char *name, char out[65])
{
    char path[128];
    snprintf(path, sizeof path, "/api/negotiations/%s/participants", n);
    http_resp r = http_json(w->port, "POST", path, mtoken, json_pack("{s:s,s:s}", "name", name, "role", "party"));
    assert_int_equal(r.status, 201);
    copy_token(out, jstr(&r, "token", NULL));
    http_resp_free(&r);
}

/* Two negotiations: 1 with Broker (mediator), Buyer and Seller; 2 with its own mediator and Buyer. */
static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    assert_non_null(test_tmpdir_make(w->dir, sizeof w->dir, "server"));
    assert_int_equal(test_db_target(w->db, sizeof w->db, w->dir, "p.db"), 0);
    start(w);
    http_resp r = http_json(w->port, "POST", "/api/negotiations", NULL, json_pack("{s:o}", "scenario", scenario()));
    assert_int_equal(r.status, 201);
    assert_int_equal(jint(&r, "negotiation", "id"), 1);
    assert_string_equal(jstr(&r, "participant", "name"), "Broker");
    copy_token(w->med, jstr(&r, "participant", "token"));
    http_resp_free(&r);
    add_party(w, "1", w->med, "Buyer", w->buyer);
    add_party(w, "1", w->med, "Seller", w->seller);
    r = http_json(w->port, "POST", "/api/negotiations", NULL,
                  json_pack("{s:o,s:s,s:s}", "scenario", scenario(), "mediator", "Other", "title", "Second"));
    assert_int_equal(r.status, 201);
    copy_token(w->med2, jstr(&r, "participant", "token"));
    http_resp_free(&r);
    add_party(w, "2", w->med2, "Buyer", w->party2);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    parley_server_stop(w->srv);
    assert_int_equal(test_tmpdir_remove(w->dir), 0);
    free(w);
    return 0;
}

static int status_of(world *w, const char *method, const char *path, const char *token, const char *body)
{
    http_resp r = http_request(w->port, method, path, token, body);
    int s = r.status;
    http_resp_free(&r);
    return s;
}

static void open_session_and_text(world *w, const char *outcome_json)
{
    int s = status_of(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Geneva\"}");
    assert_true(s == 201 || s == 409);
    char body[256];
    snprintf(body, sizeof body, "{\"outcome\": %s}", outcome_json);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts", w->med, body), 201);
}

static size_t timeline_count(world *w, const char *token)
{
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/timeline", token, NULL);
    assert_int_equal(r.status, 200);
    size_t n = json_array_size(json_object_get(r.json, "events"));
    http_resp_free(&r);
    return n;
}

/* FIPS 180-4 examples (and the empty message). */
static void test_sha256(void **state)
{
    (void)state;
    char hex[65];
    auth_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    auth_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    auth_sha256_hex(m, strlen(m), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char t1[65], t2[65];
    assert_int_equal(auth_token_new(t1), 0);
    assert_int_equal(auth_token_new(t2), 0);
    assert_true(auth_token_wellformed(t1));
    assert_string_not_equal(t1, t2);
    assert_false(auth_token_wellformed("abc"));
    t1[3] = 'G';
    assert_false(auth_token_wellformed(t1));
}

/* Tokens are stored hashed: the database holds SHA-256(token), never the token. */
static void test_tokens_hashed(void **state)
{
    world *w = *state;
    char hash[65];
    auth_sha256_hex(w->buyer, 64, hash);
    if (!test_db_is_pg()) {
        int fd = open(w->db, O_RDONLY);
        assert_true(fd >= 0);
        close(fd);
    }
    static const char buyer_sql[] = "SELECT token_hash FROM participants WHERE name = 'Buyer' AND negotiation_id = 1";
    static const char count_sql[] = "SELECT COUNT(*) FROM participants WHERE token_hash = ?";
    db_conn *db = db_open(w->db, DB_QUERY_ONLY, NULL);
    assert_non_null(db);
    db_stmt *st = db_stmt_cached(db, buyer_sql);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), hash);
    db_reset(st);
    assert_non_null(st = db_stmt_cached(db, count_sql));
    db_bind_text(st, 1, w->buyer, -1, DB_STATIC);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_column_int(st, 0), 0);
    db_reset(st);
    db_close(db);
}

enum { ANY, MED, PARTY, BUYER_OR_MED };

/* Each role against each resource.  Writes carry a bad body: allowed callers get 400, nothing changes. */
static void test_authorisation_matrix(void **state)
{
    world *w = *state;
    open_session_and_text(w, "{\"price\": 1, \"color\": \"red\"}");
    static const struct {
        const char *method, *path;
        int who;
    } routes[] = {
        {"GET", "/api/negotiations/1", ANY},
        {"POST", "/api/negotiations/1/close", MED},
        {"POST", "/api/negotiations/1/participants", MED},
        {"GET", "/api/negotiations/1/participants", ANY},
        {"GET", "/api/negotiations/1/me", ANY},
        {"PUT", "/api/negotiations/1/profile", PARTY},
        {"GET", "/api/negotiations/1/profile", PARTY},
        {"GET", "/api/negotiations/1/participants/2/profile", BUYER_OR_MED},
        {"POST", "/api/negotiations/1/sessions", MED},
        {"GET", "/api/negotiations/1/sessions", ANY},
        {"POST", "/api/negotiations/1/sessions/1/close", MED},
        {"POST", "/api/negotiations/1/texts", MED},
        {"GET", "/api/negotiations/1/texts", ANY},
        {"GET", "/api/negotiations/1/texts/current", ANY},
        {"GET", "/api/negotiations/1/texts/1", ANY},
        {"POST", "/api/negotiations/1/texts/1/responses", PARTY},
        {"GET", "/api/negotiations/1/texts/1/responses", ANY},
        {"POST", "/api/negotiations/1/messages", ANY},
        {"GET", "/api/negotiations/1/timeline", ANY},
        {"GET", "/api/negotiations/1/analysis", MED},
        {"GET", "/api/negotiations/1/analysis/diagnose", MED},
        {"GET", "/api/negotiations/1/analysis/propose", MED},
        {"GET", "/api/negotiations/1/analysis/amendments", MED},
        {"POST", "/api/negotiations/1/participants/2/token", MED},
        {"DELETE", "/api/negotiations/1/participants/2/token", MED},
        {"GET", "/api/negotiations/1/events", ANY}, /* only the refusals: an allowed caller gets a stream */
    };
    const char *bad = "{\"bogus\": 1}";
    size_t before = timeline_count(w, w->med);
    char garbage[65];
    memset(garbage, 'a', 64);
    garbage[64] = '\0';
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const char *m = routes[i].method, *p = routes[i].path;
        int write = strcmp(m, "GET") != 0, stream = strstr(p, "/events") != NULL;
        const char *body = write ? bad : NULL;
        /* No token, an unknown token, a malformed one: 401.  Another negotiation's tokens: 403. */
        assert_int_equal(status_of(w, m, p, NULL, body), 401);
        assert_int_equal(status_of(w, m, p, garbage, body), 401);
        assert_int_equal(status_of(w, m, p, "short", body), 401);
        assert_int_equal(status_of(w, m, p, w->med2, body), 403);
        assert_int_equal(status_of(w, m, p, w->party2, body), 403);
        if (stream)
            continue;
        int ok = write ? 400 : 200;
        int who = routes[i].who;
        int med = status_of(w, m, p, w->med, body), buyer = status_of(w, m, p, w->buyer, body),
            seller = status_of(w, m, p, w->seller, body);
        printf("  %-5s %-45s mediator %d buyer %d seller %d\n", m, p, med, buyer, seller);
        assert_int_equal(med, who == PARTY ? 403 : ok);
        assert_int_equal(buyer, who == MED ? 403 : ok);
        assert_int_equal(seller, who == MED || who == BUYER_OR_MED ? 403 : ok);
    }
    assert_int_equal(timeline_count(w, w->med), before); /* nothing written by any refused or bad request */
    /* Creating a negotiation needs no token; unknown paths 404, wrong methods 405. */
    assert_int_equal(status_of(w, "GET", "/api/nothing", w->med, NULL), 404);
    assert_int_equal(status_of(w, "DELETE", "/api/negotiations/1", w->med, NULL), 405);
    assert_int_equal(status_of(w, "PUT", "/api/negotiations/1/participants/2/token", w->med, NULL), 405);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/analysis/nothing", w->med, NULL), 404);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/999", w->med, NULL), 403);
    assert_int_equal(status_of(w, "GET", "/api/health", NULL, NULL), 200);
}

/* A party sees the mediator's texts and its own answers, messages and profile, never another party's. */
static void test_privacy(void **state)
{
    world *w = *state;
    open_session_and_text(w, "{\"price\": 2, \"color\": \"blue\"}");
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts/1/responses", w->buyer,
                               "{\"answer\": \"amend\", \"reason\": \"BUYER-SECRET-REASON\", \"amendments\": "
                               "[{\"issue\": \"price\", \"value\": 0, \"reason\": \"BUYER-SECRET-AMEND\"}]}"),
                     201);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/messages", w->buyer, "{\"body\": \"BUYER-SECRET-MSG\"}"),
                     201);
    assert_int_equal(status_of(w, "PUT", "/api/negotiations/1/profile", w->buyer,
                               "{\"preferences\": {\"price\": {\"weight\": 0.123, \"values\": {\"0\": 1, \"1\": 0.5, "
                               "\"2\": 0}}, \"color\": {\"weight\": 0.877, \"values\": {\"red\": 1, \"blue\": 0}}}}"),
                     200);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts/1/responses", w->seller,
                               "{\"answer\": \"accept\", \"reason\": \"SELLER-SECRET\"}"),
                     201);
    const char *paths[] = {"/api/negotiations/1", "/api/negotiations/1/timeline", "/api/negotiations/1/texts/current",
                           "/api/negotiations/1/texts/1", "/api/negotiations/1/texts/1/responses",
                           "/api/negotiations/1/participants", "/api/negotiations/1/profile"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        http_resp s = http_request(w->port, "GET", paths[i], w->seller, NULL);
        assert_int_equal(s.status, 200);
        assert_null(strstr(s.body, "BUYER-SECRET"));
        assert_null(strstr(s.body, "0.123"));
        http_resp b = http_request(w->port, "GET", paths[i], w->buyer, NULL);
        assert_int_equal(b.status, 200);
        assert_null(strstr(b.body, "SELLER-SECRET"));
        http_resp_free(&s);
        http_resp_free(&b);
    }
    /* The scenario a party reads has no one's preferences, reservation or red lines. */
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1", w->seller, NULL);
    assert_null(strstr(r.body, "preferences"));
    assert_null(strstr(r.body, "min_price"));
    assert_null(strstr(r.body, "reservation"));
    http_resp_free(&r);
    /* Its own answers are there; the mediator sees everything. */
    r = http_request(w->port, "GET", "/api/negotiations/1/timeline", w->buyer, NULL);
    assert_non_null(strstr(r.body, "BUYER-SECRET-AMEND"));
    assert_non_null(strstr(r.body, "BUYER-SECRET-MSG"));
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1/timeline", w->med, NULL);
    assert_non_null(strstr(r.body, "BUYER-SECRET-REASON"));
    assert_non_null(strstr(r.body, "SELLER-SECRET"));
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1/participants/2/profile", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "0.123"));
    http_resp_free(&r);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/participants/2/profile", w->seller, NULL), 403);
    /* A mediator (participant 1, the Broker) has no profile to read, and there is no session 99 to close: 404. */
    r = http_request(w->port, "GET", "/api/negotiations/1/participants/1/profile", w->med, NULL);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(jstr(&r, "error", "message"), "mediators have no profile"));
    http_resp_free(&r);
    r = http_request(w->port, "POST", "/api/negotiations/1/sessions/99/close", w->med, "{\"outcome\": \"adjourned\"}");
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(jstr(&r, "error", "message"), "no session 99"));
    http_resp_free(&r);
    /* A party may only write to the mediators. */
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/messages", w->seller, "{\"body\": \"hi\", \"to\": 2}"),
                     403);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/messages", w->seller, "{\"body\": \"hi\", \"to\": 1}"),
                     201);
}

/* Bad requests: 400 with the field named; nothing stored. */
static void test_bad_requests(void **state)
{
    world *w = *state;
    open_session_and_text(w, "{\"price\": 1, \"color\": \"red\"}");
    static const struct {
        const char *method, *path, *token_of, *body, *field;
    } cases[] = {
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1, \"color\": \"red\"", "body"},
        {"POST", "/api/negotiations/1/texts", "m", "[1, 2]", "body"},
        {"POST", "/api/negotiations/1/texts", "m", "", "body"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 3, \"color\": \"red\"}}", "outcome.price"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 0.5, \"color\": \"red\"}}", "outcome.price"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1, \"color\": \"green\"}}", "outcome.color"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1}}", "outcome.color"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1, \"color\": \"red\", \"x\": 1}}",
         "outcome.x"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": 1, \"color\": \"red\"}, \"y\": 2}", "y"},
        {"POST", "/api/negotiations/1/texts", "m", "{\"outcome\": {\"price\": \"1\", \"color\": \"red\"}}",
         "outcome.price"},
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"maybe\"}", "answer"},
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"amend\"}", "amendments"},
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"accept\", \"amendments\": "
                                                              "[{\"issue\": \"price\", \"value\": 2}]}", "amendments"},
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"amend\", \"amendments\": "
                                                              "[{\"issue\": \"price\", \"value\": 9}]}",
         "amendments[0].value"},
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"amend\", \"amendments\": "
                                                              "[{\"issue\": \"size\", \"value\": 1}]}",
         "amendments[0].issue"},
        {"POST", "/api/negotiations/1/texts/1/responses", "b", "{\"answer\": \"amend\", \"amendments\": "
                                                              "[{\"issue\": \"price\", \"value\": 2}, "
                                                              "{\"issue\": \"price\", \"value\": 0}]}",
         "amendments[1].issue"},
        {"POST", "/api/negotiations/1/sessions/1/close", "m", "{\"outcome\": \"great\"}", "outcome"},
        {"POST", "/api/negotiations/1/sessions/1/close", "m", "{\"outcome\": \"agreement\", \"ends_at\": \"soon\"}",
         "ends_at"},
        {"POST", "/api/negotiations/1/participants", "m", "{\"name\": \"Nobody\", \"role\": \"party\"}", "name"},
        {"POST", "/api/negotiations/1/participants", "m", "{\"name\": \"Buyer\", \"role\": \"king\"}", "role"},
        {"POST", "/api/negotiations/1/messages", "b", "{\"body\": \"\"}", "body"},
        {"POST", "/api/negotiations/1/messages", "b", "{\"body\": \"x\", \"to\": 99}", "to"},
        {"PUT", "/api/negotiations/1/profile", "b", "{\"reservation\": 0.5}", "preferences"},
        {"PUT", "/api/negotiations/1/profile", "b", "{\"preferences\": {\"price\": {\"weight\": 1, \"values\": {\"0\": 1, \"1\": 0, \"2\": 0}}, "
                                              "\"color\": {\"weight\": 0, \"values\": {\"red\": 0, \"blue\": 0}}}, "
                                              "\"reservation\": 2}",
         "reservation"},
        {"PUT", "/api/negotiations/1/profile", "b", "{\"preferences\": {}, \"name\": \"Seller\"}", "name"},
        {"POST", "/api/negotiations", NULL, "{\"scenario\": {\"issues\": []}}", "scenario"},
        {"POST", "/api/negotiations", NULL, "{\"scenario\": 1}", "scenario"},
        {"POST", "/api/negotiations", NULL, "{}", "scenario"},
    };
    size_t before = timeline_count(w, w->med);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].token_of == NULL ? NULL : cases[i].token_of[0] == 'm' ? w->med : w->buyer;
        http_resp r = http_request(w->port, cases[i].method, cases[i].path, t, cases[i].body);
        printf("  %s %s -> %d %s\n", cases[i].path, cases[i].body, r.status, r.body);
        assert_int_equal(r.status, 400);
        const char *field = json_string_value(json_object_get(json_object_get(r.json, "error"), "field"));
        assert_non_null(field);
        assert_true(strncmp(field, cases[i].field, strlen(cases[i].field)) == 0);
        /* The message names the field too. */
        assert_non_null(strstr(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
                               cases[i].field));
        http_resp_free(&r);
    }
    /* An oversized body (the test server's limit is 64 KiB). */
    size_t n = 100 * 1024;
    char *big = malloc(n + 1);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    big[n] = '\0';
    http_resp r = http_request(w->port, "POST", "/api/negotiations/1/messages", w->buyer, big);
    assert_int_equal(r.status, 413);
    assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "body");
    http_resp_free(&r);
    free(big);
    assert_int_equal(timeline_count(w, w->med), before);
    http_resp t = http_request(w->port, "GET", "/api/negotiations/1/texts", w->med, NULL);
    assert_int_equal(json_array_size(json_object_get(t.json, "texts")), 1);
    http_resp_free(&t);
}

/*
 * By hand: Buyer u = 0.6 (1 - p/2) + 0.4 [red], Seller u = 0.7 p/2 + 0.3 [blue], both reserve 0.2, Seller's
 * red line p >= 1.  (0,red) B 1.0 S 0; (0,blue) B .6 S .3 but p < 1; (1,red) .7/.35; (1,blue) .3/.65;
 * (2,red) .4/.7; (2,blue) 0/1.  Acceptable: (1,red), (1,blue), (2,red).  (2,red) dominates (1,blue), so the
 * frontier is {(1,red), (2,red)}; Nash products (.5)(.15) = .075 < (.2)(.5) = .1: Nash is (2,red).
 */
static void test_analysis_by_hand(void **state)
{
    world *w = *state;
    open_session_and_text(w, "{\"price\": 1, \"color\": \"blue\"}");
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/analysis", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "outcomes", NULL), 6);
    assert_int_equal(jint(&r, "feasible", NULL), 6);
    assert_int_equal(jint(&r, "acceptable", NULL), 3);
    assert_int_equal(jint(&r, "frontier_count", NULL), 2);
    json_t *nash = json_object_get(json_object_get(json_object_get(r.json, "solutions"), "nash"), "outcome");
    assert_int_equal(json_integer_value(json_object_get(nash, "price")), 2);
    assert_string_equal(json_string_value(json_object_get(nash, "color")), "red");
    json_t *cur = json_object_get(r.json, "current_text");
    json_t *u = json_object_get(cur, "utilities");
    assert_true(fabs(json_real_value(json_array_get(u, 0)) - 0.3) < 1e-6);
    assert_true(fabs(json_real_value(json_array_get(u, 1)) - 0.65) < 1e-6);
    assert_true(json_is_true(json_object_get(cur, "dominated")));
    assert_true(json_is_false(json_object_get(cur, "pareto_optimal")));
    http_resp_free(&r);
    /* The Seller uploads a profile dropping its red line and caring only for colour: blue is now worth 1. */
    assert_int_equal(status_of(w, "PUT", "/api/negotiations/1/profile", w->seller,
                               "{\"preferences\": {\"price\": {\"weight\": 0, \"values\": {\"0\": 0, \"1\": 0, "
                               "\"2\": 0}}, \"color\": {\"weight\": 1, \"values\": {\"red\": 0, \"blue\": 1}}}, "
                               "\"reservation\": 0.5}"),
                     200);
    /* Now: Seller accepts only blue (u 1); Buyer accepts (0,blue) .6, (1,blue) .3: both acceptable; frontier {(0,blue)}. */
    r = http_request(w->port, "GET", "/api/negotiations/1/analysis", w->med, NULL);
    assert_int_equal(jint(&r, "acceptable", NULL), 2);
    assert_int_equal(jint(&r, "frontier_count", NULL), 1);
    json_t *parties = json_object_get(r.json, "parties");
    assert_string_equal(json_string_value(json_object_get(json_array_get(parties, 1), "profile")), "uploaded");
    assert_string_equal(json_string_value(json_object_get(json_array_get(parties, 0), "profile")), "scenario");
    http_resp_free(&r);
}

/* A whole round: amend, new text, both accept -> agreement; sessions closed with outcome and follow-up. */
static void test_talks_to_agreement(void **state)
{
    world *w = *state;
    http_resp r = http_request(w->port, "POST", "/api/negotiations/1/texts", w->med,
                               "{\"outcome\": {\"price\": 1, \"color\": \"red\"}}");
    assert_int_equal(r.status, 409); /* no session open */
    http_resp_free(&r);
    r = http_request(w->port, "POST", "/api/negotiations/1/sessions", w->med,
                     "{\"venue\": \"Oslo\", \"starts_at\": \"2024-05-01T10:00Z\", \"ends_at\": \"2024-05-02\"}");
    assert_int_equal(r.status, 201);
    assert_int_equal(jint(&r, "number", NULL), 1);
    assert_string_equal(jstr(&r, "venue", NULL), "Oslo");
    http_resp_free(&r);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Doha\"}"), 409);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts", w->med,
                               "{\"outcome\": {\"price\": 2, \"color\": \"blue\"}, \"note\": \"opening\"}"),
                     201);
    r = http_request(w->port, "POST", "/api/negotiations/1/texts/1/responses", w->buyer,
                     "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"color\", \"value\": \"red\", "
                     "\"reason\": \"why\"}]}");
    assert_int_equal(r.status, 201);
    json_t *a = json_array_get(json_object_get(r.json, "amendments"), 0);
    assert_string_equal(json_string_value(json_object_get(a, "from")), "blue");
    assert_string_equal(json_string_value(json_object_get(a, "value")), "red");
    assert_true(json_is_false(json_object_get(r.json, "agreement")));
    http_resp_free(&r);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts", w->med,
                               "{\"outcome\": {\"price\": 2, \"color\": \"red\"}}"),
                     201);
    /* Text 1 is superseded: answering it is a conflict. */
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts/1/responses", w->seller, "{\"answer\": \"accept\"}"),
                     409);
    r = http_request(w->port, "POST", "/api/negotiations/1/texts/2/responses", w->seller, "{\"answer\": \"accept\"}");
    assert_true(json_is_false(json_object_get(r.json, "agreement")));
    http_resp_free(&r);
    r = http_request(w->port, "POST", "/api/negotiations/1/texts/2/responses", w->buyer, "{\"answer\": \"accept\"}");
    assert_int_equal(r.status, 201);
    assert_true(json_is_true(json_object_get(r.json, "agreement")));
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1", w->buyer, NULL);
    assert_string_equal(jstr(&r, "status", NULL), "agreed");
    assert_int_equal(jint(&r, "current_text", NULL), 2);
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1/texts", w->seller, NULL);
    json_t *texts = json_object_get(r.json, "texts");
    assert_string_equal(json_string_value(json_object_get(json_array_get(texts, 0), "status")), "superseded");
    assert_string_equal(json_string_value(json_object_get(json_array_get(texts, 1), "status")), "agreed");
    http_resp_free(&r);
    r = http_request(w->port, "POST", "/api/negotiations/1/sessions/1/close", w->med,
                     "{\"outcome\": \"agreement\", \"follow_up\": \"signing on 2024-06-01\"}");
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "status", NULL), "closed");
    assert_string_equal(jstr(&r, "follow_up", NULL), "signing on 2024-06-01");
    http_resp_free(&r);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/sessions/1/close", w->med, "{\"outcome\": \"agreement\"}"),
                     409);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/sessions/7/close", w->med, "{\"outcome\": \"agreement\"}"),
                     404);
    r = http_request(w->port, "GET", "/api/negotiations/1/sessions", w->buyer, NULL);
    assert_int_equal(json_array_size(json_object_get(r.json, "sessions")), 1);
    http_resp_free(&r);
    /* Another mediator joins; then the negotiation is closed and refuses writes. */
    r = http_request(w->port, "POST", "/api/negotiations/1/participants", w->med,
                     "{\"name\": \"Co-chair\", \"role\": \"mediator\"}");
    assert_int_equal(r.status, 201);
    char co[65];
    copy_token(co, jstr(&r, "token", NULL));
    http_resp_free(&r);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/participants", w->med,
                               "{\"name\": \"Co-chair\", \"role\": \"mediator\"}"),
                     409);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/analysis", co, NULL), 200);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/close", co, "{\"outcome\": \"agreement\"}"), 200);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/messages", w->buyer, "{\"body\": \"late\"}"), 409);
    r = http_request(w->port, "GET", "/api/negotiations/1/me", co, NULL);
    assert_string_equal(jstr(&r, "me", "role"), "mediator");
    http_resp_free(&r);
}

/* Reads the stream until `needle` appears (bounded by the socket timeout). */
static int stream_until(int fd, const char *needle)
{
    char buf[65536];
    size_t len = 0;
    for (int rounds = 0; rounds < 200 && len < sizeof buf - 1; rounds++) {
        ssize_t k = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        if (k <= 0)
            return 0;
        len += (size_t)k;
        buf[len] = '\0';
        if (strstr(buf, needle))
            return 1;
    }
    return 0;
}

/* Live updates: a stream sees committed events it may see, as they happen, and not the others'. */
static void test_sse(void **state)
{
    world *w = *state;
    int fd = http_connect(w->port);
    assert_true(fd >= 0);
    assert_int_equal(http_send(fd, "GET", "/api/negotiations/1/events", w->seller, NULL, 0, NULL), 0);
    assert_true(stream_until(fd, "participant.added")); /* (the head and the first events may come in one read) */
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/messages", w->buyer, "{\"body\": \"BUYER-ONLY\"}"), 201);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/messages", w->med, "{\"body\": \"TO-ALL-42\"}"), 201);
    char buf[8192];
    size_t len = 0;
    int seen = 0;
    for (int i = 0; i < 100 && !seen; i++) {
        ssize_t k = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        assert_true(k > 0);
        len += (size_t)k;
        buf[len] = '\0';
        seen = strstr(buf, "TO-ALL-42") != NULL;
    }
    assert_true(seen);
    assert_null(strstr(buf, "BUYER-ONLY"));
    close(fd);
    /* Resuming with Last-Event-ID replays only what came after. */
    fd = http_connect(w->port);
    http_resp t = http_request(w->port, "GET", "/api/negotiations/1/timeline", w->med, NULL);
    long long last = jint(&t, "last", NULL);
    http_resp_free(&t);
    char hdr[64];
    snprintf(hdr, sizeof hdr, "Last-Event-ID: %lld\r\n", last - 1);
    assert_int_equal(http_send(fd, "GET", "/api/negotiations/1/events", w->med, NULL, 0, hdr), 0);
    assert_true(stream_until(fd, "TO-ALL-42"));
    close(fd);
}

/* Stop and start on the same file: the same state is served. */
static void test_restart(void **state)
{
    world *w = *state;
    open_session_and_text(w, "{\"price\": 1, \"color\": \"red\"}");
    http_resp before = http_request(w->port, "GET", "/api/negotiations/1/timeline", w->med, NULL);
    parley_server_stop(w->srv);
    start(w);
    http_resp after = http_request(w->port, "GET", "/api/negotiations/1/timeline", w->med, NULL);
    assert_int_equal(after.status, 200);
    assert_true(json_equal(before.json, after.json));
    http_resp_free(&before);
    http_resp_free(&after);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/texts/1", w->buyer, NULL), 200);
}

/* A database at schema version 1 is migrated to the current version, its data kept. */
static void test_migration(void **state)
{
    (void)state;
    char dir[128];
    assert_non_null(test_tmpdir_make(dir, sizeof dir, "migrate"));
    char path[300];
    assert_int_equal(test_db_target(path, sizeof path, dir, "old.db"), 0);
    store *s;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(store_open(path, 0, 1, &s, &err), PARLEY_OK);
    store_conn *c = store_writer(s);
    assert_int_equal(store_version(c), 1);
    char hash[65];
    auth_sha256_hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 64, hash);
    char sql[2048]; /* the scenario has no quote to escape */
    snprintf(sql, sizeof sql,
             "INSERT INTO negotiations (id, title, scenario, created_at) VALUES (1, 'Old', '%s', '2020-01-01');"
             "INSERT INTO participants VALUES (1, 1, 'Broker', 'mediator', '%s', '2020-01-01');"
             "INSERT INTO events (negotiation_id, at, kind, data) VALUES (1, '2020', 'negotiation.created', '{}');",
             scenario_json, hash);
    assert_int_equal(store_exec(c, sql), DB_OK);
    /* Version 1 has no 'outcome' column on negotiations. */
    assert_int_not_equal(store_exec(c, "SELECT outcome FROM negotiations"), DB_OK);
    store_writer_release(s, c);
    store_close(s);

    parley_server_options o = {0};
    o.db_path = path;
    o.analysis_program = ANALYSIS_PROGRAM;
    parley_server *srv;
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_OK);
    http_resp r = http_request(parley_server_port(srv), "GET", "/api/negotiations/1", 
                               "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "title", NULL), "Old");
    http_resp_free(&r);
    r = http_request(parley_server_port(srv), "GET", "/api/health", NULL, NULL);
    assert_int_equal(jint(&r, "schema", NULL), STORE_SCHEMA_VERSION);
    http_resp_free(&r);
    parley_server_stop(srv);
    assert_int_equal(store_open(path, 0, STORE_SCHEMA_VERSION, &s, &err), PARLEY_OK);
    c = store_writer(s);
    assert_int_equal(store_version(c), STORE_SCHEMA_VERSION);
    assert_int_equal(store_exec(c, "SELECT outcome FROM negotiations"), DB_OK);
    /* A database from a newer parley is refused. */
    assert_int_equal(store_set_version(c, 99), DB_OK);
    store_writer_release(s, c);
    store_close(s);
    assert_int_equal(store_open(path, 0, STORE_SCHEMA_VERSION, &s, &err), PARLEY_ESTATE);
    assert_non_null(strstr(err.message, "99"));
    assert_int_equal(test_tmpdir_remove(dir), 0);
}

static void test_static_files(void **state)
{
    world *w = *state;
    http_resp r = http_request(w->port, "GET", "/", NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.raw, "text/html"));
    assert_non_null(strstr(r.body, "<title>parley"));
    http_resp_free(&r);
    assert_int_equal(status_of(w, "GET", "/app.js", NULL, NULL), 200);
    assert_int_equal(status_of(w, "GET", "/../CMakeLists.txt", NULL, NULL), 404);
    assert_int_equal(status_of(w, "GET", "/%2e%2e/CMakeLists.txt", NULL, NULL), 404);
    assert_int_equal(status_of(w, "GET", "/nothing.html", NULL, NULL), 404);
    assert_int_equal(status_of(w, "POST", "/index.html", NULL, "{}"), 405);
}

static void test_bad_options(void **state)
{
    (void)state;
    parley_server_options o = {0};
    parley_server *srv = NULL;
    parley_error err;
    parley_error_clear(&err);
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_EINVAL);
    o.db_path = "/nonexistent-dir/x.db";
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_EIO);
    o.db_path = "/tmp/x.db";
    o.address = "not-an-address";
    assert_int_equal(parley_server_start(&o, &srv, &err), PARLEY_EINVAL);
    assert_null(srv);
    parley_server_stop(NULL);
}

static double jreal_at(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

/* A party's entry of a proposal by name. */
static json_t *proposal_party(json_t *proposal, const char *name)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(proposal, "parties"), i, p)
        if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
            return p;
    fail_msg("no party %s in the proposal", name);
    return NULL;
}

/* The status the proposal gives `issue` in the party's priorities. */
static const char *priority_status(json_t *party, const char *issue)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(party, "priorities"), i, item)
        if (strcmp(json_string_value(json_object_get(item, "issue")), issue) == 0)
            return json_string_value(json_object_get(item, "status"));
    return NULL;
}

static const char seller_impasse_profile[] =
    "{\"preferences\": {\"price\": {\"weight\": 0.7, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}}, "
    "\"color\": {\"weight\": 0.3, \"values\": {\"red\": 0, \"blue\": 1}}}, \"reservation\": 0.8, "
    "\"red_lines\": [{\"name\": \"min_price\", \"rule\": \"price >= 1\"}]}";

/*
 * The proposal by hand (utilities as in test_analysis_by_hand).  Acceptable: (1,red) .7/.35, (1,blue) .3/.65,
 * (2,red) .4/.7; best acceptable B .7, S .7; reservations .2.  Nash gain products: .5*.15=.075, .1*.45=.045,
 * .2*.5=.1 -> (2,red), value .1.  Kalai (smallest share of the best gain): (1,red) min(1,.3)=.3, (1,blue)
 * min(.2,.9)=.2, (2,red) min(.4,1)=.4 -> (2,red).  Egalitarian (smallest gain): .15, .1, .2 -> (2,red).
 * At (2,red) the Buyer gains .2 of its possible .5 (share .4), gives up price (its worst value) and gets its
 * best colour; the Seller gets its best price and gives up colour.
 */
static void test_propose_by_hand(void **state)
{
    world *w = *state;
    const char *rules[] = {"", "?rule=nash", "?rule=kalai", "?rule=egalitarian"};
    for (size_t k = 0; k < 4; k++) {
        char path[128];
        snprintf(path, sizeof path, "/api/negotiations/1/analysis/propose%s", rules[k]);
        http_resp r = http_request(w->port, "GET", path, w->med, NULL);
        assert_int_equal(r.status, 200);
        assert_string_equal(jstr(&r, "rule", NULL), k < 2 ? "nash" : k == 2 ? "kalai" : "egalitarian");
        json_t *package = json_object_get(r.json, "package");
        assert_int_equal(json_integer_value(json_object_get(package, "price")), 2);
        assert_string_equal(json_string_value(json_object_get(package, "color")), "red");
        if (k < 2)
            assert_true(fabs(jreal_at(r.json, "value") - 0.1) < 1e-6);
        json_t *b = proposal_party(r.json, "Buyer"), *s = proposal_party(r.json, "Seller");
        assert_true(fabs(jreal_at(b, "utility") - 0.4) < 1e-6);
        assert_true(fabs(jreal_at(b, "gain") - 0.2) < 1e-6);
        assert_true(fabs(jreal_at(b, "share_of_best_gain") - 0.4) < 1e-6);
        assert_true(fabs(jreal_at(s, "utility") - 0.7) < 1e-6);
        assert_true(fabs(jreal_at(s, "share_of_best_gain") - 1.0) < 1e-6);
        assert_string_equal(priority_status(b, "price"), "given up");
        assert_string_equal(priority_status(b, "color"), "met");
        assert_string_equal(priority_status(s, "price"), "met");
        assert_string_equal(priority_status(s, "color"), "given up");
        assert_string_equal(jstr(&r, "profiles", "Seller"), "scenario");
        http_resp_free(&r);
    }
    /* welfare is a rule (as in `parley propose --rule`); a misspelt one is refused with its field */
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/analysis/propose?rule=welfare", w->med, NULL);
    assert_int_equal(r.status, 200);
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1/analysis/propose?rule=welfar", w->med, NULL);
    assert_int_equal(r.status, 400);
    assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "rule");
    http_resp_free(&r);
    /* The Seller's uploaded profile (reservation .8) leaves no package acceptable to all: nothing to table,
       said as an answer ({"zone": false, ...}, as `parley propose --json`), not as an error. */
    assert_int_equal(status_of(w, "PUT", "/api/negotiations/1/profile", w->seller, seller_impasse_profile), 200);
    http_resp none = http_request(w->port, "GET", "/api/negotiations/1/analysis/propose", w->med, NULL);
    assert_int_equal(none.status, 200);
    assert_true(json_is_false(json_object_get(none.json, "zone")));
    http_resp_free(&none);
}

/* A condition of the diagnosis: party, kind and (reservations) value. */
static void condition_is(json_t *cond, const char *party, const char *kind, double value)
{
    assert_string_equal(json_string_value(json_object_get(cond, "party")), party);
    assert_string_equal(json_string_value(json_object_get(cond, "kind")), kind);
    assert_true(fabs(jreal_at(cond, "value") - value) < 1e-6);
}

/*
 * The diagnosis by hand.  As in the scenario: a zone exists (3 acceptable), no conflict.  With the Seller's
 * uploaded reservation .8 only (2,blue) (S 1) is acceptable to the Seller, where the Buyer has 0 < .2: the one
 * minimal conflict is {Buyer's reservation, Seller's reservation} (the red line price >= 1 holds at (2,blue)).
 * Relaxations: the Buyer down to 0 opens (2,blue) alone (zone 1); the Seller down to the best it gets where the
 * Buyer's reservation and the red line hold, max(.35, .65, .7) = .7, opens (2,red) alone (zone 1).
 */
static void test_diagnose_by_hand(void **state)
{
    world *w = *state;
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/analysis/diagnose", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "acceptable", NULL), 3);
    assert_int_equal(json_array_size(json_object_get(r.json, "conflicts")), 0);
    assert_int_equal(json_array_size(json_object_get(r.json, "relaxations")), 0);
    http_resp_free(&r);
    assert_int_equal(status_of(w, "PUT", "/api/negotiations/1/profile", w->seller, seller_impasse_profile), 200);
    r = http_request(w->port, "GET", "/api/negotiations/1/analysis/diagnose", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "outcomes", NULL), 6);
    assert_int_equal(jint(&r, "acceptable", NULL), 0);
    assert_string_equal(jstr(&r, "profiles", "Seller"), "uploaded");
    assert_string_equal(jstr(&r, "profiles", "Buyer"), "scenario");
    json_t *conflicts = json_object_get(r.json, "conflicts");
    assert_int_equal(json_array_size(conflicts), 1);
    json_t *set = json_array_get(conflicts, 0);
    assert_int_equal(json_array_size(set), 2);
    condition_is(json_array_get(set, 0), "Buyer", "reservation", 0.2);
    condition_is(json_array_get(set, 1), "Seller", "reservation", 0.8);
    json_t *relax = json_object_get(r.json, "relaxations");
    assert_int_equal(json_array_size(relax), 2);
    int seen_buyer = 0, seen_seller = 0;
    for (size_t i = 0; i < 2; i++) {
        json_t *x = json_array_get(relax, i), *cond = json_object_get(x, "condition");
        json_t *nash = json_object_get(json_object_get(x, "nash"), "outcome");
        assert_int_equal(json_integer_value(json_object_get(x, "zone")), 1);
        assert_int_equal(json_integer_value(json_object_get(nash, "price")), 2);
        if (strcmp(json_string_value(json_object_get(cond, "party")), "Buyer") == 0) {
            seen_buyer = 1;
            assert_true(fabs(jreal_at(x, "from") - 0.2) < 1e-6 && fabs(jreal_at(x, "to")) < 1e-6);
            assert_string_equal(json_string_value(json_object_get(nash, "color")), "blue");
        } else {
            seen_seller = 1;
            assert_true(fabs(jreal_at(x, "from") - 0.8) < 1e-6 && fabs(jreal_at(x, "to") - 0.7) < 1e-6);
            assert_string_equal(json_string_value(json_object_get(nash, "color")), "red");
        }
    }
    assert_true(seen_buyer && seen_seller);
    /* Only utilities and packages leave the server, never a party's preferences. */
    assert_null(strstr(r.body, "preferences"));
    http_resp_free(&r);
}

/*
 * Amendment checks by hand, text (2,blue).  The Buyer amends price -> 0 and colour -> red.  (0,blue): the
 * Seller's red line price >= 1 breaks, the Buyer accepts (.6 >= .2).  (2,red): B .4, S .7, both accept.
 * Together (0,red): the red line breaks again, only the Buyer accepts (1.0).  The Seller's plain reject has
 * no amendments: not listed.
 */
static void test_amendments_by_hand(void **state)
{
    world *w = *state;
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/analysis/amendments", w->med, NULL), 404); /* no text */
    open_session_and_text(w, "{\"price\": 2, \"color\": \"blue\"}");
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts/1/responses", w->buyer,
                               "{\"answer\": \"amend\", \"amendments\": [{\"issue\": \"price\", \"value\": 0, "
                               "\"reason\": \"budget\"}, {\"issue\": \"color\", \"value\": \"red\"}]}"),
                     201);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/texts/1/responses", w->seller, "{\"answer\": \"reject\"}"),
                     201);
    http_resp r = http_request(w->port, "GET", "/api/negotiations/1/analysis/amendments", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "text", "number"), 1);
    json_t *parties = json_object_get(r.json, "parties");
    assert_int_equal(json_array_size(parties), 1);
    json_t *b = json_array_get(parties, 0);
    assert_string_equal(json_string_value(json_object_get(b, "name")), "Buyer");
    json_t *am = json_object_get(b, "amendments");
    assert_int_equal(json_array_size(am), 2);
    json_t *a0 = json_array_get(am, 0), *a1 = json_array_get(am, 1), *both = json_object_get(b, "together");
    assert_string_equal(json_string_value(json_object_get(a0, "reason")), "budget");
    assert_true(json_is_false(json_object_get(a0, "acceptable_to_all")));
    assert_int_equal(json_array_size(json_object_get(a0, "rejected_by")), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(a0, "rejected_by"), 0)), "Seller");
    json_t *broken = json_array_get(json_object_get(a0, "breaks"), 0);
    assert_string_equal(json_string_value(json_object_get(broken, "name")), "min_price");
    assert_string_equal(json_string_value(json_object_get(broken, "party")), "Seller");
    assert_true(json_is_true(json_object_get(a1, "acceptable_to_all")));
    assert_int_equal(json_array_size(json_object_get(a1, "accepted_by")), 2);
    assert_int_equal(json_array_size(json_object_get(a1, "breaks")), 0);
    assert_true(json_is_false(json_object_get(both, "acceptable_to_all")));
    assert_int_equal(json_array_size(json_object_get(both, "accepted_by")), 1);
    assert_int_equal(json_array_size(json_object_get(both, "breaks")), 1);
    http_resp_free(&r);
    /* One party only (the Seller has no amendments); a mediator is not a party; a bad id is a bad request. */
    r = http_request(w->port, "GET", "/api/negotiations/1/analysis/amendments?participant=3", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "parties")), 0);
    http_resp_free(&r);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/analysis/amendments?participant=1", w->med, NULL), 404);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/analysis/amendments?participant=x", w->med, NULL), 400);
}

/* A party's own valuation of the latest text, under its uploaded profile (utilities worked by hand from the
 * textbook preferences); none before it uploads one; mediators and other negotiations' parties are refused. */
static void test_text_value_by_hand(void **state)
{
    world *w = *state;
    static const char path[] = "/api/negotiations/1/texts/current/value";
    assert_int_equal(status_of(w, "GET", path, w->buyer, NULL), 404); /* no text */
    assert_int_equal(status_of(w, "GET", path, w->med, NULL), 403);
    assert_int_equal(status_of(w, "GET", path, w->party2, NULL), 403);
    open_session_and_text(w, "{\"price\": 0, \"color\": \"red\"}");
    http_resp r = http_request(w->port, "GET", path, w->buyer, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "profile", NULL), "none"); /* the scenario's estimate is the mediator's */
    assert_true(json_is_null(json_object_get(r.json, "utility")));
    assert_true(json_is_null(json_object_get(r.json, "reservation")));
    http_resp_free(&r);
    assert_int_equal(status_of(w, "PUT", "/api/negotiations/1/profile", w->seller,
                               "{\"reservation\": 0.25, \"preferences\": {"
                               "\"price\": {\"weight\": 0.7, \"function\": {\"type\": \"linear\", \"at_min\": 0, \"at_max\": 1}},"
                               "\"color\": {\"weight\": 0.3, \"values\": {\"red\": 0, \"blue\": 1}}},"
                               "\"red_lines\": [{\"name\": \"min_price\", \"rule\": \"price >= 1\"}]}"),
                     200);
    /* (0, red) for the Seller: 0.7 * 0 + 0.3 * 0 = 0, under its reservation 0.25, and price 0 breaks min_price. */
    r = http_request(w->port, "GET", path, w->seller, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "profile", NULL), "uploaded");
    assert_string_equal(jstr(&r, "name", NULL), "Seller");
    assert_int_equal(jint(&r, "text", "number"), 1);
    assert_float_equal(json_real_value(json_object_get(r.json, "utility")), 0.0, 1e-9);
    assert_float_equal(json_real_value(json_object_get(r.json, "reservation")), 0.25, 1e-9);
    assert_true(json_is_false(json_object_get(r.json, "acceptable")));
    json_t *breaks = json_object_get(r.json, "breaks");
    assert_int_equal(json_array_size(breaks), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(breaks, 0), "rule")), "price >= 1");
    http_resp_free(&r);
    /* (2, red): the Seller gets 0.7, no red line broken, acceptable. */
    open_session_and_text(w, "{\"price\": 2, \"color\": \"red\"}");
    r = http_request(w->port, "GET", path, w->seller, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(jint(&r, "text", "number"), 2);
    assert_float_equal(json_real_value(json_object_get(r.json, "utility")), 0.7, 1e-9);
    assert_int_equal(json_array_size(json_object_get(r.json, "breaks")), 0);
    assert_true(json_is_true(json_object_get(r.json, "acceptable")));
    http_resp_free(&r);
}

/* Rotation gives a new token (the old one stops working); revocation locks a participant out. */
static void test_token_rotation_and_revocation(void **state)
{
    world *w = *state;
    /* A live stream of the Seller ends when its token is revoked. */
    int fd = http_connect(w->port);
    assert_true(fd >= 0);
    assert_int_equal(http_send(fd, "GET", "/api/negotiations/1/events", w->seller, NULL, 0, NULL), 0);
    assert_true(stream_until(fd, "participant.added"));

    http_resp r = http_request(w->port, "POST", "/api/negotiations/1/participants/2/token", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "name", NULL), "Buyer");
    char fresh[65];
    copy_token(fresh, jstr(&r, "token", NULL));
    assert_string_not_equal(fresh, w->buyer);
    http_resp_free(&r);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/me", w->buyer, NULL), 401);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/me", fresh, NULL), 200);

    r = http_request(w->port, "DELETE", "/api/negotiations/1/participants/3/token", w->med, NULL);
    assert_int_equal(r.status, 200);
    assert_string_equal(jstr(&r, "token", NULL), "revoked");
    http_resp_free(&r);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/me", w->seller, NULL), 401);
    /* The stream ends (the last chunk, or the connection closed) instead of running on. */
    char buf[4096];
    int ended = 0;
    for (int i = 0; i < 100 && !ended; i++) {
        ssize_t k = recv(fd, buf, sizeof buf - 1, 0);
        if (k < 0)
            break;
        buf[k] = '\0';
        ended = k == 0 || strstr(buf, "\r\n0\r\n\r\n") != NULL;
    }
    assert_true(ended);
    close(fd);
    assert_int_equal(status_of(w, "DELETE", "/api/negotiations/1/participants/3/token", w->med, NULL), 409);
    assert_int_equal(status_of(w, "DELETE", "/api/negotiations/1/participants/1/token", w->med, NULL), 409);
    assert_int_equal(status_of(w, "DELETE", "/api/negotiations/1/participants/9/token", w->med, NULL), 404);
    assert_int_equal(status_of(w, "DELETE", "/api/negotiations/1/participants/3/token", fresh, NULL), 403);
    assert_int_equal(status_of(w, "POST", "/api/negotiations/1/participants/3/token", w->med2, NULL), 403);
    /* The mediator sees who is locked out; a party does not. */
    r = http_request(w->port, "GET", "/api/negotiations/1/participants", w->med, NULL);
    json_t *list = json_object_get(r.json, "participants");
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "token")), "active");
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 2), "token")), "revoked");
    http_resp_free(&r);
    r = http_request(w->port, "GET", "/api/negotiations/1/participants", fresh, NULL);
    assert_null(strstr(r.body, "revoked"));
    http_resp_free(&r);
    /* Rotating a revoked token issues a new one: the Seller is back. */
    r = http_request(w->port, "POST", "/api/negotiations/1/participants/3/token", w->med, "{}");
    assert_int_equal(r.status, 200);
    char back[65];
    copy_token(back, jstr(&r, "token", NULL));
    http_resp_free(&r);
    assert_int_equal(status_of(w, "GET", "/api/negotiations/1/me", back, NULL), 200);
    /* The events are private to the participant concerned (and the mediators). */
    r = http_request(w->port, "GET", "/api/negotiations/1/timeline", fresh, NULL);
    assert_non_null(strstr(r.body, "participant.token_rotated"));
    assert_null(strstr(r.body, "participant.token_revoked"));
    http_resp_free(&r);
}

typedef struct post_job {
    uint16_t port;
    const char *path, *token, *body;
    int status;
    pthread_t thread;
    char message[320]; /* the error's message, when the reply is an error */
} post_job;

static void *post_thread(void *arg)
{
    post_job *j = arg;
    http_resp r = http_request(j->port, "POST", j->path, j->token, j->body);
    j->status = r.status;
    const char *message = r.status >= 400 ? jstr(&r, "error", "message") : NULL;
    snprintf(j->message, sizeof j->message, "%s", message ? message : "");
    http_resp_free(&r);
    return NULL;
}

static int count_rows(const char *db_path, const char *sql)
{
    db_conn *db = db_open(db_path, DB_QUERY_ONLY, NULL);
    assert_non_null(db);
    db_stmt *st = db_stmt_cached(db, sql);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    int n = db_column_int(st, 0);
    db_reset(st);
    db_close(db);
    return n;
}

static void exec_on_file(const char *path, const char *sql)
{
    db_conn *db = db_open(path, 0, NULL);
    assert_non_null(db);
    assert_int_equal(db_exec(db, sql), DB_OK);
    db_close(db);
}

/* Seconds a wait for the writer may last: it only bounds a hang (a busy machine is slow, never this slow). */
#define WRITER_WAIT_SECONDS 120

/*
 * Waits until the write queue reads as `reached` says (checked under q->mu, never asserted there), or the
 * deadline passes; returns whether it did.
 */
static int wait_for_queue(write_queue *q, int (*reached)(const write_queue *q, const void *arg), const void *arg)
{
    struct timespec now, deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += WRITER_WAIT_SECONDS;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        int ok = reached(q, arg);
        pthread_mutex_unlock(&q->mu);
        if (ok)
            return 1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec))
            return 0;
        usleep(1000);
    }
}

typedef struct queue_mark {
    uint64_t submitted, waiting, jobs;
} queue_mark;

/* The i-th request is in the queue: submitted, and (after the first, which the writer took) waiting. */
static int request_queued(const write_queue *q, const void *arg)
{
    const queue_mark *m = arg;
    return q->submitted == m->submitted && q->waiting == m->waiting;
}

/* The writer has counted the jobs (it counts them after replying, so a reply alone does not say so). */
static int jobs_counted(const write_queue *q, const void *arg)
{
    const queue_mark *m = arg;
    return q->jobs >= m->jobs;
}

/*
 * Sends the requests concurrently while the test holds the writer connection: the first is taken alone (its
 * batch waits for the connection), the others queue behind it; released, they are applied as one batch.
 * Returns how many batches the writer ran meanwhile (2 when all went as planned).  Nothing is asserted while
 * the connection or the queue's mutex is held.
 */
/* Every job submitted so far has been counted (the writer counts a job after its reply went out). */
static int all_counted(const write_queue *q, const void *arg)
{
    (void)arg;
    return q->jobs >= q->submitted;
}

static uint64_t run_as_two_batches(world *w, post_job *jobs, size_t n)
{
    write_queue *q = &w->srv->wq;
    assert_true(wait_for_queue(q, all_counted, NULL)); /* the setup's last write may be answered, not yet counted */
    pthread_mutex_lock(&q->mu);
    uint64_t batches = q->batches, done = q->jobs, submitted = q->submitted;
    pthread_mutex_unlock(&q->mu);
    store_conn *held = store_writer(w->srv->db);
    int queued = 0;
    size_t created = 0;
    for (size_t i = 0; i < n; i++) {
        if (pthread_create(&jobs[i].thread, NULL, post_thread, &jobs[i]) != 0)
            break;
        created++;
        queue_mark mark = {submitted + i + 1, i == 0 ? 0 : i, 0};
        if (!(queued = wait_for_queue(q, request_queued, &mark)))
            break;
    }
    store_writer_release(w->srv->db, held); /* before any assertion: a failed one must not leave it held */
    for (size_t i = 0; i < created; i++)
        pthread_join(jobs[i].thread, NULL);
    assert_true(queued && created == n);
    queue_mark all = {0, 0, done + n};
    assert_true(wait_for_queue(q, jobs_counted, &all));
    pthread_mutex_lock(&q->mu);
    uint64_t ran = q->batches - batches, counted = q->jobs - done;
    pthread_mutex_unlock(&q->mu);
    assert_int_equal(counted, n);
    return ran;
}

/*
 * Group commit: in the second batch a request that fails half-way (a trigger refuses its timeline event after
 * its message row was written) and a bad request roll back alone: nothing of theirs is stored, everything of
 * the others is, acknowledged after one commit.
 */
static void test_group_commit(void **state)
{
    world *w = *state;
    exec_on_file(w->db, test_db_is_pg()
                            ? "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN IF NEW.data LIKE '%POISON%' THEN "
                              "RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;"
                              "CREATE TRIGGER poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION poison()"
                            : "CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.data LIKE '%POISON%' "
                              "BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
    int messages_before = count_rows(w->db, "SELECT COUNT(*) FROM messages");
    const char *m = "/api/negotiations/1/messages";
    post_job jobs[] = {
        {w->port, m, w->med, "{\"body\": \"first\"}", 0, 0, ""},
        {w->port, m, w->buyer, "{\"body\": \"from the buyer\"}", 0, 0, ""},
        {w->port, m, w->med, "{\"body\": \"POISON\"}", 0, 0, ""},
        {w->port, m, w->seller, "{\"body\": \"x\", \"to\": 99}", 0, 0, ""},
        {w->port, m, w->seller, "{\"body\": \"from the seller\"}", 0, 0, ""},
        {w->port, "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Vienna\"}", 0, 0, ""},
    };
    size_t n = sizeof jobs / sizeof jobs[0];
    assert_int_equal(run_as_two_batches(w, jobs, n), 2);
    int expected[] = {201, 201, 500, 400, 201, 201};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(jobs[i].status, expected[i]);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM messages"), messages_before + 3);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM messages WHERE body = 'POISON' OR to_id = 99"), 0);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM sessions WHERE venue = 'Vienna'"), 1);
    /* Every stored message has its timeline event, and no event lacks its message. */
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM events WHERE kind = 'message'"), messages_before + 3);
}

/*
 * A commit that fails loses the whole batch, and every request of it says so (500): a trigger adds, for a
 * message 'BREAK', a row whose deferred foreign key has no parent, which only COMMIT checks.  The requests
 * of the other batch are stored, and the server goes on.
 */
static void test_group_commit_fails(void **state)
{
    world *w = *state;
    exec_on_file(w->db, "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                        "CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);");
    exec_on_file(w->db, test_db_is_pg()
                            ? "CREATE FUNCTION breaker() RETURNS trigger AS $$ BEGIN IF NEW.body = 'BREAK' THEN "
                              "INSERT INTO child VALUES (42); END IF; RETURN NEW; END $$ LANGUAGE plpgsql;"
                              "CREATE TRIGGER breaker AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION breaker()"
                            : "CREATE TRIGGER breaker AFTER INSERT ON messages WHEN NEW.body = 'BREAK' "
                              "BEGIN INSERT INTO child VALUES (42); END");
    int messages_before = count_rows(w->db, "SELECT COUNT(*) FROM messages");
    int sessions_before = count_rows(w->db, "SELECT COUNT(*) FROM sessions");
    const char *m = "/api/negotiations/1/messages";
    post_job jobs[] = {
        {w->port, m, w->med, "{\"body\": \"alone first\"}", 0, 0, ""},
        {w->port, m, w->buyer, "{\"body\": \"lost with the batch\"}", 0, 0, ""},
        {w->port, m, w->med, "{\"body\": \"BREAK\"}", 0, 0, ""},
        {w->port, "/api/negotiations/1/sessions", w->med, "{\"venue\": \"Lost\"}", 0, 0, ""},
        {w->port, m, w->seller, "{\"body\": \"x\", \"to\": 99}", 0, 0, ""},
    };
    size_t n = sizeof jobs / sizeof jobs[0];
    assert_int_equal(run_as_two_batches(w, jobs, n), 2);
    int expected[] = {201, 500, 500, 500, 400};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(jobs[i].status, expected[i]);
    /* Each request of the lost batch says why: the commit failed (the deferred foreign key). */
    for (size_t i = 1; i <= 3; i++)
        assert_non_null(strstr(jobs[i].message, test_db_is_pg() ? "nothing was stored: the commit failed: insert or update "
                                                                  "on table \"child\" violates foreign key"
                                                                : "nothing was stored: the commit failed: FOREIGN KEY"));
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM messages"), messages_before + 1);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM sessions"), sessions_before);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM child"), 0);
    /* The writer goes on: the next request is stored and its timeline is whole. */
    assert_int_equal(status_of(w, "POST", m, w->buyer, "{\"body\": \"after\"}"), 201);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM messages"), messages_before + 2);
    assert_int_equal(count_rows(w->db, "SELECT COUNT(*) FROM events WHERE kind = 'message'"), messages_before + 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test_setup_teardown(test_tokens_hashed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_authorisation_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_privacy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_analysis_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_talks_to_agreement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart, setup, teardown),
        cmocka_unit_test(test_migration),
        cmocka_unit_test_setup_teardown(test_static_files, setup, teardown),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test_setup_teardown(test_propose_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diagnose_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_amendments_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_value_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_rotation_and_revocation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_commit_fails, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
