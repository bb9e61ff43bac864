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
 * The server runs on its own threads (libmicrohttpd, one thread per
 * connection, and one writer thread); parley_server_start returns once it is listening, so a test can
 * run it in-process on an ephemeral port and stop it with parley_server_stop.
 */
#ifndef PARLEY_SERVER_H
#define PARLEY_SERVER_H

#include <parley/error.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_server parley_server;

typedef enum parley_server_sync {
    PARLEY_SYNC_FULL = 0,  /* fsync the WAL at every commit: survives power loss (default) */
    PARLEY_SYNC_NORMAL = 1 /* no fsync at commit: survives a crash or kill -9 of the process, not power loss */
} parley_server_sync;

typedef struct parley_server_options {
    const char *db_path;   /* SQLite file, created when missing (required) */
    const char *address;   /* IPv4 address to bind; NULL = "127.0.0.1" */
    uint16_t port;         /* 0 = an ephemeral port (see parley_server_port) */
    const char *web_dir;   /* directory served at / (the dashboard); NULL = none */
    size_t max_body;       /* largest request body in bytes; 0 = 1 MiB */
    unsigned max_connections; /* 0 = 256 */
    parley_server_sync sync;
} parley_server_options;

/*
 * Opens (creating or migrating) the database and starts listening.  On success
 * *out is a running server owned by the caller (parley_server_stop).  Errors:
 * PARLEY_EIO (database or socket), PARLEY_EINVAL (bad options), with err filled.
 */
int parley_server_start(const parley_server_options *options, parley_server **out, parley_error *err);

/* The port the server listens on (the one chosen when options->port was 0). */
uint16_t parley_server_port(const parley_server *server);

/* Stops listening, ends live streams, closes the database and frees the server.  NULL is allowed. */
void parley_server_stop(parley_server *server);

/* The database schema version this build writes (docs/api.md lists them). */
int parley_server_schema_version(void);

#ifdef __cplusplus
}
#endif
#endif
