/*
 * server_internal.h: what the files of the server share: the server object,
 * one API call (request, caller's identity, reply), the route handlers, the
 * scenario cache, the live-update notifier, the guard (request deadlines and
 * stream keep-alives), analyses in child processes and their fair scheduler,
 * scenario limits, the budgets of participants and negotiations, the merged
 * views of negotiations and the token helpers.
 */
#ifndef PARLEY_SERVER_INTERNAL_H
#define PARLEY_SERVER_INTERNAL_H

#include "server/request.h"
#include "server/store.h"

#include <jansson.h>
#include <microhttpd.h>
#include <parley/server.h>
#include <pthread.h>
#include <stdint.h>

#define AUTH_TOKEN_CHARS 64

/* Scenario cache: parsed scenarios of recent negotiations (they never change once created). */
#define SCENARIO_CACHE 32
typedef struct scenario_entry {
    int64_t negotiation;
    parley_scenario *sc;
    json_t *doc; /* the stored scenario document */
    int refs;    /* holders; guarded by the server's cache_mu */
    int cached;  /* 1 while in the cache; an evicted entry is freed by its last holder */
    uint64_t used;
} scenario_entry;

/* Merged views (view.c): a negotiation's scenario with the uploaded profiles merged in, per profiles version. */
#define VIEW_CACHE 8
typedef struct view_entry view_entry;

/* Group commit: write requests queued for the one writer thread (writer.c). */
typedef struct write_job write_job;
typedef struct write_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv; /* the writer waits for jobs */
    write_job *head, *tail;
    size_t waiting;     /* jobs queued, not yet taken */
    uint64_t submitted; /* jobs ever queued */
    int stop, running;
    pthread_t thread;
    uint64_t batches, jobs; /* statistics: commits and requests committed or refused */
} write_queue;

/* A hash map from an id to a budget's state (budget.c). */
typedef struct budget_entry budget_entry;
typedef struct budget_map {
    budget_entry *slots;
    size_t cap, count;
} budget_map;

typedef struct sse_stream sse_stream;
typedef struct guard_conn guard_conn;
/* A connection the guard watches (guard.c), one per open connection, in the server's list `conns`. */
struct guard_conn {
    int fd;
    int64_t deadline; /* monotonic ms; 0 while a request is being handled or answered */
    int64_t request_ms;
    guard_conn *prev, *next;
};
typedef struct analysis_job analysis_job;
typedef struct seat_runner seat_runner;
typedef struct claims claims;

struct parley_server {
    struct MHD_Daemon *daemon;
    write_queue wq;
    store *db;
    char *web_dir;
    char *web_real; /* web_dir with every link resolved (static.c serves only files inside it) */
    size_t max_body;
    uint16_t port;
    parley_server_limits limits;
    parley_server_budgets budgets; /* with the defaults filled in */
    pthread_mutex_t budget_mu;      /* guards buckets and stored */
    budget_map buckets;             /* participant -> its token bucket of writes */
    budget_map stored;              /* negotiation -> the bytes it stores (estimated) */
    unsigned request_ms, max_streams_per_token, max_analyses;
    double analysis_seconds;
    int open;
    int has_admin;
    char admin_hash[65];
    char **origins; /* trusted Origin values (the server's own first) */
    size_t origin_count;
    int writable;   /* 0 after a commit failed, until one succeeds (guarded by wq.mu) */
    /* Live updates: the last event sequence number committed, and the streams (guarded by ev_mu). */
    pthread_mutex_t ev_mu;
    int64_t ev_seq;
    int stopping;
    sse_stream *streams;
    /* Notifications from other processes sharing a PostgreSQL database (listen.c). */
    pthread_t listen_thread;
    db_conn *listen_first;        /* listen.c: the listening connection opened before the first request */
    int listen_running, listen_stop;
    claims *claims;               /* claims.c: what holds across processes (NULL with SQLite) */
    uint64_t stream_fetches; /* queries run by live streams (statistics; atomic) */
    int64_t keepalive_ms;    /* tests: the keep-alive interval of live streams (atomic; 0: sse.c's KEEPALIVE_MS) */
    int replies_unsent;      /* suspended requests resumed with a reply not yet queued (atomic) */
    /* The guard thread and the connections it watches (guarded by guard_mu). */
    pthread_mutex_t guard_mu;
    pthread_cond_t guard_cv;
    guard_conn *conns;
    int guard_running, guard_stop;
    pthread_t guard_thread;
    /* Analyses running in child processes (guarded by jobs_mu). */
    pthread_mutex_t jobs_mu;
    pthread_cond_t jobs_cv;
    analysis_job *jobs;
    unsigned jobs_running; /* threads: running or waiting for a slot */
    unsigned jobs_active;  /* child processes running */
    uint64_t jobs_arrivals; /* analyses ever submitted (their order) */
    int jobs_stopping;
    int jobs_paused; /* tests: no waiting analysis gets a slot while set */
    /* Merged views (guarded by view_mu); view_rebuilds counts their builds (atomic). */
    pthread_mutex_t view_mu;
    view_entry *views[VIEW_CACHE];
    uint64_t view_clock, view_rebuilds;
    /* Agents at the table (seats.c, seat_runner.c): the thread that answers for them, its options. */
    seat_runner *seats;
    char *agent_dir;              /* the folder of allowed plug-ins and Python agents (realpath); NULL: none */
    char *python;                 /* the Python interpreter for Python agents (a path when found on PATH) */
    char *seat_program;           /* the program of the other agents (`PROGRAM seat-answer`); NULL: none */
    char *analysis_program;       /* the program of the analyses (`PROGRAM serve --analysis-child`); NULL: none */
    uint64_t agent_memory;        /* memory budget (bytes) of one answer's process */
    double agent_seconds;         /* the longest deadline of one answer */
    unsigned agents_per_negotiation;
    int seats_paused;             /* tests: the runner looks at nothing while set (atomic) */
    uint64_t seat_passes;         /* times the runner looked at a negotiation (statistics; atomic) */
    /* Scenario cache. */
    pthread_mutex_t cache_mu;
    scenario_entry *cache[SCENARIO_CACHE];
    uint64_t cache_clock;
};

typedef enum api_role { ROLE_NONE = 0, ROLE_PARTY = 1, ROLE_MEDIATOR = 2 } api_role;

/* One API request while it is handled. */
typedef struct api_call {
    parley_server *srv;
    store_conn *db;
    struct MHD_Connection *conn;
    const char *method;
    int64_t ids[3]; /* numbers in the path: negotiation, then sub-resource ids */
    const char *body;
    size_t body_len;
    const void *route;    /* the route matched (server.c) */
    json_t *json;         /* the loaded body (writes), NULL when it did not load */
    parley_error body_err; /* why it did not load */
    /* The caller, when authenticated. */
    int64_t me;
    int64_t my_negotiation;
    api_role my_role;
    char my_name[REQ_MAX_NAME + 1];
    char my_hash[65]; /* SHA-256 of the token presented (a live stream ends when it is rotated or revoked) */
    /* The reply. */
    int status;
    int retry_after; /* seconds, sent as Retry-After with a 429 */
    json_t *reply;
    int64_t notify_seq; /* > 0: events were written; announce after commit */
    /* Prepared off the writer thread (creation: the checked and parsed scenario). */
    parley_scenario *parsed;
    req_create create;
    int profile_checked; /* PUT /profile: the body was checked against the scenario */
    /* Prepared by the request thread for an analysis run in a child process (no database there). */
    const parley_scenario *pre_merged; /* the view's (pre_view holds it) */
    view_entry *pre_view;
    json_t *pre_uploaded, *pre_text;
    int64_t pre_text_id, pre_text_number;
    int prefetched;
    json_t *pre_public; /* a party's own computations: only what it may read (api_party.c) */
    json_t *query;      /* in an analysis's child process: the query arguments (api_query reads them) */
    struct MHD_Response *stream; /* a live stream's response, once opened */
    const char *agent_actor; /* a seated agent's write: its name, recorded in its events (seats.c) */
} api_call;

/* Sets an error reply {"error": {"status", "field", "message"}} and returns status. field may be NULL. */
int api_fail(api_call *c, int status, const char *field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The reply for a parley_error from a request parser (400, or 500 for ENOMEM/internal). */
int api_fail_error(api_call *c, const parley_error *err);
/* 500 with the database's message. */
int api_fail_db(api_call *c);
/* Sets the reply (takes the reference) and status; returns 0. */
int api_reply(api_call *c, int status, json_t *reply);

/* 0 when the negotiation accepts changes; 409 when closed, 404 when missing (reply set). */
int api_require_open(api_call *c);
/* Current UTC time as "2024-05-01T10:00:00.123Z". */
void api_now(char out[96]);
/* Appends an event (one row of the timeline) in the current transaction; audience 0 = everyone. */
int api_event(api_call *c, const char *kind, int64_t audience, json_t *data);
/* Records the event `kind` with `data` and replies `status` with the same data (takes the reference). */
int api_event_reply(api_call *c, const char *kind, int64_t audience, int status, json_t *data);
/* Steps a statement that returns no row and resets it: 0, or 500 (reply set). */
int api_step_done(api_call *c, db_stmt *st);
/* Runs an INSERT ... RETURNING id (*id the new row's): 0, or 500 with the reply set. */
int api_step_insert(api_call *c, db_stmt *st, int64_t *id);
/* For a write that needs the scenario: 0 with *e held (scenario_release), or 404/409/500 (reply set). */
int api_open_scenario(api_call *c, scenario_entry **e);
/* Reads a query-string argument (NULL when absent). */
const char *api_query(api_call *c, const char *name);
/* Reads the whole number text (a query argument or header called name; NULL: *out unchanged) into *out:
 * 0, or 400 (field name, reply set) when it is not a plain decimal number within lo..hi. */
int api_query_int(api_call *c, const char *name, const char *text, long long lo, long long hi, long long *out);
/* The query's `limit` (dflt when absent) into *out: 0, or 400 (field limit, reply set) unless it is a plain
 * decimal number within 1..hi (api_query_int). */
int api_query_limit(api_call *c, long hi, long dflt, long *out);

/* Handlers: return 0 on success (reply set), else the HTTP status of the error (reply set). */
int api_create_negotiation(api_call *c);
int api_get_negotiation(api_call *c);
int api_close_negotiation(api_call *c);
int api_add_participant(api_call *c);
int api_list_participants(api_call *c);
int api_me(api_call *c);
int api_put_profile(api_call *c);
/* POST .../profile/convert: a GENIUS or GeniusWeb profile read as an upload reads it, answered, not stored. */
int api_convert_profile(api_call *c);
int api_get_own_profile(api_call *c);
int api_get_profile(api_call *c);
int api_open_session(api_call *c);
int api_close_session(api_call *c);
int api_list_sessions(api_call *c);
int api_table_text(api_call *c);
int api_list_texts(api_call *c);
int api_get_text(api_call *c);
int api_current_text(api_call *c);
int api_respond(api_call *c);
int api_list_responses(api_call *c);
int api_post_message(api_call *c);
int api_timeline(api_call *c);
int api_analysis(api_call *c);
int api_diagnose(api_call *c);
int api_propose(api_call *c);
int api_check_amendments(api_call *c);
int api_text_value(api_call *c);
int api_revoke_token(api_call *c);
int api_rotate_token(api_call *c);
/* Improving a signed deal (api_improve.c) and a party's own advice (api_party.c); the prefetches run before the
 * child process, on the request thread: the agreement and the merged view; the caller's own inputs only. */
int api_improvements(api_call *c);
int api_offer_improvement(api_call *c);
int api_party_advice(api_call *c);
int api_party_improvements(api_call *c);
int improvements_prefetch(api_call *c);
int party_inputs_prefetch(api_call *c, int need_profile); /* need_profile: 409 without one */

int api_seat_agent(api_call *c);
int api_unseat_agent(api_call *c);
int api_get_seat(api_call *c);
int api_list_seats(api_call *c);

/* Agents at the table (seats.c, seat_runner.c).  409 (reply set) when an agent holds the caller's seat and the
 * caller is not that agent; else 0. */
int seat_refuse_human(api_call *c);
/* The runner thread that answers for seated agents (with the options' agent folder, interpreter and budgets):
 * started with the server, stopped before the writer; seat_runner_stop also frees what start set. */
int seat_runner_start(parley_server *srv, const parley_server_options *o, parley_error *err);
void seat_runner_stop(parley_server *srv);
/* A commit changed `negotiation`: its agents may have something to answer. */
void seat_wake(parley_server *srv, int64_t negotiation);

/* The scenario with every uploaded profile merged in, and the names of the parties whose profile was uploaded:
 * the cached view (view.c), or in an analysis's child process what was prepared before the fork. */
typedef struct merged_view {
    const parley_scenario *sc;
    json_t *uploaded; /* borrowed */
    view_entry *view; /* NULL in a child process */
} merged_view;
/* 0, or an HTTP status (reply set); api_merged_close after a success. */
int api_merged_open(api_call *c, merged_view *m);
void api_merged_close(api_call *c, merged_view *m);

/* The merged view of negotiation c->ids[0] at the current version of its profiles, held until view_release;
 * NULL with the reply set. */
view_entry *view_get(api_call *c);
void view_release(parley_server *srv, view_entry *v);
void view_cache_clear(parley_server *srv);
const parley_scenario *view_scenario(const view_entry *v);
json_t *view_uploaded(const view_entry *v);
/* The merged scenario as the JSON text it was parsed from. */
const char *view_text(const view_entry *v);
/* What an outcome is worth to a negotiating party, as the analysis values it (expected utility under trust, on
 * the 2^-32 grid), from the view's table; its reservation; whether the outcome is acceptable to it. */
double view_value(const view_entry *v, size_t party, const uint32_t *values);
double view_reservation(const view_entry *v, size_t party);
int view_acceptable(const view_entry *v, size_t party, const uint32_t *values);
/* The latest text's outcome (new reference) with its id and number; NULL when none. */
json_t *api_latest_text(api_call *c, int64_t *id, int64_t *number);
/* api_latest_text for a reply: NULL with 404 "no text has been tabled yet", or 500 "cannot read the current text"
 * when it could not be read (a database error, its outcome not JSON). */
json_t *api_latest_text_or_fail(api_call *c, int64_t *id, int64_t *number);
/* Reads a stored outcome into values[issue count]; -1 when it does not fit the space. */
int api_outcome_values(const parley_space *space, json_t *outcome, uint32_t *values);

/* Timeline rows visible to the caller, seq > after, at most limit and, after the first, no more than max_bytes
 * of event data in all, appended to `events` (array); *more is set when rows were left for the next page. */
int api_events_after(api_call *c, int64_t after, int limit, size_t max_bytes, json_t *events, int64_t *last,
                     int *more);

/* Scenario cache: the negotiation's parsed scenario and stored document (NULL when missing or on error). */
scenario_entry *scenario_get(api_call *c, int64_t negotiation);
void scenario_release(parley_server *srv, scenario_entry *e);
void scenario_cache_clear(parley_server *srv);

/*
 * Group commit.  writer_submit queues the call and returns once the writer
 * thread has run apply(c) (0 or an HTTP status, reply set) inside a SAVEPOINT
 * of a batch transaction and that transaction was committed (or, for a refused
 * request, its savepoint rolled back).  If the commit fails, every request of
 * the batch gets 500: nothing of it is stored.  Events are announced after it.
 */
int writer_start(parley_server *srv, parley_error *err);
void writer_stop(parley_server *srv);
/* Queues the call and returns at once; done(arg) runs on the writer thread once the batch is committed (or the
 * call was refused: 503 when the server is stopping, 500 out of memory).  The caller keeps c alive until then. */
void writer_submit(parley_server *srv, api_call *c, int (*apply)(api_call *c), void (*done)(void *arg), void *arg);

/* Forgets every cached scenario (after a failed commit: a negotiation may not exist after all). */
void scenario_cache_forget(parley_server *srv);

/* Live updates: wakes the streams of `negotiation` (the others sleep on). */
void notify_events(parley_server *srv, int64_t negotiation, int64_t seq);
/* Marks every stream as having new events to look for (after notifications may have been lost). */
void notify_all_streams(parley_server *srv);
/*
 * claims.c: claims shared by the processes of one PostgreSQL database (advisory locks of a connection of the
 * process's own, freed when it dies); with SQLite every claim is granted.  claim_take: 1 when taken, 0 when
 * held already (by this process or another), -1 on a database error.  claim_slot: a free one of `max` slots
 * of `kind` for the negotiation, its number (>= 0, 0 with SQLite), -1 when all are taken, -2 on an error.
 */
int claims_start(parley_server *srv, parley_error *err);
void claims_stop(parley_server *srv);
int claim_take(parley_server *srv, const char *name);
void claim_drop(parley_server *srv, const char *name);
int claim_slot(parley_server *srv, const char *kind, int64_t negotiation, unsigned max);
void claim_drop_slot(parley_server *srv, const char *kind, int64_t negotiation, int slot);
/* After the database restarted: re-establishes the claims' connection and takes again what the process holds. */
void claims_renew(parley_server *srv);
/* Waits for the lock of `name` held until db's transaction ends (PostgreSQL; DB_OK at once with SQLite). */
int claim_in_transaction(parley_server *srv, store_conn *db, const char *name);
/* listen.c: the thread that hears the commits of other processes (PostgreSQL only; a no-op for SQLite). */
int listen_start(parley_server *srv, parley_error *err);
void listen_stop(parley_server *srv);
/* The SSE response for GET /negotiations/{id}/events (identity already checked); NULL with the reply set (429 when
 * the token has max_streams_per_token streams open, 503 when stopping, 500). */
struct MHD_Response *sse_response(api_call *c, int64_t after);
/* Ends every stream (the server is stopping; called with stopping set). */
void sse_stop_all(parley_server *srv);
/* Guard tick: streams whose keep-alive is due are woken to send a comment. */
void sse_keepalive(parley_server *srv, int64_t now_ms);

/* Guard (guard.c): every connection must deliver a whole request within request_ms of its start or of its
 * previous reply; the guard thread shuts the late ones down and runs the keep-alives of live streams. */
int64_t guard_now_ms(void);
int guard_start(parley_server *srv, parley_error *err);
void guard_stop(parley_server *srv);
void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context, enum MHD_ConnectionNotificationCode code);
/* The request of this connection has fully arrived (1) or its reply was sent (0: the next request's clock starts). */
void guard_request_arrived(struct MHD_Connection *conn, int arrived);

/* Scenario limits (limits.c): checks the scenario JSON against srv->limits before it is parsed; 0 or the HTTP status
 * (413, reply set).  Names longer than REQ_MAX_NAME are refused too (400). */
int limits_check_scenario(api_call *c, json_t *scenario);
/* 0 when the space of sc may be enumerated exactly; 422 (reply set) when it has more than limits.exact_outcomes. */
int limits_check_outcomes(api_call *c, const parley_scenario *sc);

/* Analyses (jobs.c).  The caller has prefetched what c needs from the database (c->pre_*), suspended its
 * connection and owns c until done(arg), which runs once fn(c) has produced a reply in a child process, or
 * the budget ran out (503), the client went away or the server stopped (503).  0, or the HTTP status (reply set,
 * done not called): 503 when the server is busy or stopping. */
int jobs_submit(api_call *c, int (*fn)(api_call *c), int client_fd, void (*done)(void *arg), void *arg);
/* The scheduler's choice: of the analyses waiting (their negotiations, oldest first), the index of the one to run
 * next, given the negotiations of those running: the one whose negotiation runs the fewest (the oldest among
 * equals), never one whose negotiation runs per_negotiation already; n when none may run. */
size_t jobs_pick(const int64_t *waiting, size_t n, const int64_t *running, size_t r, unsigned per_negotiation);
/* Kills every running analysis and waits for its thread (the server is stopping). */
void jobs_stop_all(parley_server *srv);
/* Resolves options->analysis_program (parley_server_start); PARLEY_EINVAL when it cannot be executed. */
int jobs_start(parley_server *srv, const parley_server_options *o, parley_error *err);
/* The request of an analysis's child process (job_wire.c): what fn will read of c, as JSON text (malloc); NULL
 * with the reply set (500, or 400 for a query value that is not UTF-8). */
char *job_request(api_call *c, int (*fn)(api_call *c));

/* Budgets (budget.c). */
void budget_defaults(parley_server_budgets *b, unsigned max_analyses);
void budget_map_free(budget_map *m);
/* A write of the authenticated caller, before it is queued: `what` is "profile", "message" or another write;
 * 0, or 413 (size) or 429 (rate, c->retry_after set), reply set. */
int budget_check_write(api_call *c, const char *what);
/* 413 (reply set) when a profile has more red lines than the budget. */
int budget_check_red_lines(api_call *c, json_t *profile);
/* On the writer thread, before and after a write of negotiation c->ids[0]: 413 when it is full. */
int budget_storage_check(api_call *c);
void budget_storage_add(api_call *c);

/* Static files of the dashboard; NULL when not found. */
struct MHD_Response *static_response(parley_server *srv, const char *url, int *status);

/* Tokens: a new random token (64 hex digits); SHA-256 as hex; shape check. */
int auth_token_new(char token[AUTH_TOKEN_CHARS + 1]);
void auth_sha256_hex(const void *data, size_t length, char out[65]);
int auth_token_wellformed(const char *token);
/* Finds the caller by the Authorization header: 0, or 401 (reply set). */
int auth_identify(api_call *c);
/* 0 when the Authorization header holds the server admin token (or the server is --open); else 401/403 (reply set). */
int auth_admin(api_call *c);

#endif
