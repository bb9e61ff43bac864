/*
 * parley/server.h: `parley serve`: live mediated talks over HTTP.
 *
 * A server hosts negotiations created from native scenarios.  Mediators and
 * parties act with their own secret tokens (shown once, stored as SHA-256
 * hashes); each party's profile (preferences, reservation, red lines) stays
 * private to it and to the mediators; sessions, texts, responses, amendments
 * and messages are stored in one SQLite file (WAL); writes are group-committed
 * (each request in its own savepoint of a batch transaction, one fsync per
 * batch) and a request is acknowledged only after its batch's commit.  Mediators
 * also get the analysis, diagnosis, proposals and amendment checks run on the
 * private profiles inside the server, and rotate or revoke tokens.  The JSON API
 * is documented in docs/api.md; the dashboard (web/) is served as static files.
 *
 * The server runs on its own threads: libmicrohttpd's epoll loop on a fixed
 * pool of threads (one per core), one writer thread, one guard thread (request
 * deadlines, keep-alives of live streams) and, for each running analysis, a
 * thread that supervises a child process (killed at its time budget, when its
 * client goes away or when the server stops), and one thread that answers for
 * the agents a mediator seated (each answer in a child process under the seat's
 * deadline and CPU time).  No connection holds a thread:
 * writes and analyses suspend their connection until their result is ready, and
 * live streams sleep suspended until a commit changes their negotiation.
 * parley_server_start returns once it is listening, so a test can run it
 * in-process on an ephemeral port and stop it with parley_server_stop.
 */
#ifndef PARLEY_SERVER_H
#define PARLEY_SERVER_H

#include <parley/error.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_server parley_server;

typedef enum parley_server_sync {
    PARLEY_SYNC_FULL = 0,  /* fsync the WAL at every commit: survives power loss (default) */
    PARLEY_SYNC_NORMAL = 1 /* no fsync at commit: survives a crash or kill -9 of the process, not power loss */
} parley_server_sync;

/* What a scenario may ask of the server, checked on the JSON before anything is allocated (0 = the default). */
typedef struct parley_server_limits {
    uint64_t values_per_issue; /* values of one issue; 0 = 100000 */
    uint64_t parties;          /* parties and mediators of a scenario; 0 = 64 */
    uint64_t table_cells;      /* utility-table cells: sum over parties and issues of the issue's values; 0 = 2000000 */
    uint64_t exact_outcomes;   /* outcomes that analysis, diagnosis and proposals may enumerate; 0 = 100000000 */
} parley_server_limits;

/* What one participant, or one negotiation, may make the server spend (0 = the default; docs/api.md, "Limits"). */
typedef struct parley_server_budgets {
    size_t profile_bytes;          /* body of one profile upload; 0 = 256 KiB (413 beyond) */
    unsigned red_lines;            /* red lines of one profile; 0 = 256 (413 beyond) */
    size_t message_bytes;          /* text of one message; 0 = 10000 bytes, at most 20000 (413 beyond) */
    double write_rate;             /* writes per second of one participant, refilled continuously; 0 = 5 */
    unsigned write_burst;          /* writes one participant may make at once (the bucket); 0 = 30 (429 beyond) */
    double profile_rate;           /* profile uploads per second of one participant (each one makes the next read
                                      rebuild the negotiation's merged view); 0 = 0.1 */
    unsigned profile_burst;        /* profile uploads one participant may make at once; 0 = 5 (429 beyond) */
    uint64_t negotiation_bytes;    /* bytes one negotiation may store (estimated); 0 = 64 MiB (413 when full) */
    unsigned streams_per_negotiation; /* live streams of one negotiation, all tokens together; 0 = 32 (429) */
    unsigned analyses_per_participant; /* analyses of one token running or waiting; 0 = 4 (429) */
    unsigned analyses_per_negotiation; /* analyses of one negotiation running or waiting; 0 = 8 (429) */
    unsigned running_per_negotiation;  /* analyses of one negotiation running at once; 0 = half the slots, at
                                          least 1 */
    double agent_seconds;              /* longest deadline (wall and CPU seconds) of one answer of a seated agent;
                                          0 = 30 (docs/api.md, "Agents at the table") */
    unsigned agents_per_negotiation;   /* agents seated at once in one negotiation; 0 = 4 (429 beyond) */
    uint64_t agent_memory;             /* memory (bytes, RLIMIT_DATA) of the process of one answer of a seated
                                          agent; 0 = 1 GiB (an agent over it: agent.no_answer, why "memory") */
} parley_server_budgets;

typedef struct parley_server_options {
    const char *db_path;   /* SQLite file, created when missing, or a postgresql:// URL (required) */
    const char *address;   /* IPv4 address to bind; NULL = "127.0.0.1" */
    uint16_t port;         /* 0 = an ephemeral port (see parley_server_port) */
    const char *web_dir;   /* directory served at / (the dashboard); NULL = none */
    size_t max_body;       /* largest request body in bytes; 0 = 1 MiB */
    unsigned max_connections; /* open connections in all; 0 = 1024 (less when RLIMIT_NOFILE is lower) */
    unsigned max_per_address; /* open connections from one IP address; 0 = 64 */
    unsigned request_seconds; /* a whole request (head and body) must arrive within this, counted from the
                                 connection's start or its previous reply; 0 = 10 */
    unsigned max_streams_per_token; /* live streams open at once with one token; 0 = 4 */
    double analysis_seconds;  /* time budget of one analysis, diagnosis or proposal; 0 = 5 */
    unsigned max_analyses;    /* analyses running at once; 0 = one per core */
    parley_server_limits limits;
    parley_server_budgets budgets;
    const char *admin_token;  /* creating a negotiation needs "Authorization: Bearer <admin_token>" */
    int open;                 /* 1: anyone may create negotiations (admin_token ignored) */
    const char *const *allow_origins; /* extra origins ("https://host:port") trusted besides the server's own */
    size_t allow_origin_count;
    parley_server_sync sync;
    const char *agent_dir; /* folder of the plug-ins (NAME.so) and Python agents (NAME.py) a mediator may seat;
                              NULL = none (built-in agents only) */
    const char *python;    /* interpreter for Python agents; NULL = "python3" */
    const char *seat_program; /* the parley program that answers for built-in, BOA and plug-in agents and the
                                 drafting helper (`PROGRAM seat-answer`, executed for every answer; `parley serve`
                                 passes the parley installed next to it); NULL = none: only Python agents may be
                                 seated (400 for the others; docs/api.md, "Agents at the table") */
    const char *analysis_program; /* the program that runs each analysis, diagnosis, proposal, search for
                                     improvements and party advice in a process of its own (`PROGRAM serve
                                     --analysis-child`, parley_server_analysis_child; `parley serve` passes
                                     itself); NULL = none: those requests get 503 */
} parley_server_options;

/*
 * Opens (creating or migrating) the database, checks that it can be written,
 * and starts listening.  On success *out is a running server owned by the
 * caller (parley_server_stop).  Errors: PARLEY_EIO (database that cannot be
 * opened or written, socket), PARLEY_EINVAL (bad options), with err filled.
 * With neither admin_token nor open, nobody may create negotiations.
 */
int parley_server_start(const parley_server_options *options, parley_server **out, parley_error *err);

/* The port the server listens on (the one chosen when options->port was 0). */
uint16_t parley_server_port(const parley_server *server);

/* Stops: refuses new requests, ends live streams, kills running analyses, commits the writes already
 * queued (and acknowledges them), closes the database and frees the server.  NULL is allowed. */
void parley_server_stop(parley_server *server);

/*
 * The body of an analysis's process (internal: `parley serve --analysis-child`
 * calls it): reads the request the server wrote on `in` (JSON), runs the
 * analysis it names and writes {"status", "reply"} on `out`.  0, or
 * PARLEY_EINVAL (a request that does not read) / PARLEY_EIO (`out` failed) with
 * err filled.  Touches no database; `in` and `out` stay the caller's.
 */
int parley_server_analysis_child(FILE *in, FILE *out, parley_error *err);

/* The database schema version this build writes (docs/api.md lists them). */
int parley_server_schema_version(void);

#ifdef __cplusplus
}
#endif
#endif
