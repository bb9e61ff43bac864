/*
 * server_harness.h: a parley server running inside a fuzz target's process
 * (fuzz_http, fuzz_server_api), on an ephemeral loopback port with a database
 * in a temporary folder, holding a negotiation ready for any request: a
 * mediator M, parties A and B (profiles uploaded), an open session and a
 * tabled text.  A fresh negotiation replaces it every HARNESS_RENEW exchanges,
 * so an input that closes it does not leave the rest of the run on 409s.
 * The server is stopped and the folder removed at exit.
 */
#ifndef PARLEY_FUZZ_SERVER_HARNESS_H
#define PARLEY_FUZZ_SERVER_HARNESS_H

#include <stddef.h>

#define HARNESS_RENEW 256

enum harness_who { HARNESS_NOBODY, HARNESS_MEDIATOR, HARNESS_PARTY_A, HARNESS_PARTY_B, HARNESS_WHO_COUNT };

/* Starts the server and the negotiation on the first call; aborts when it cannot (a broken harness). */
void harness_ready(void);
/* The current negotiation's number and a participant's token ("" for nobody). */
long harness_negotiation(void);
const char *harness_token(enum harness_who who);
/* A participant's id in the current negotiation (0 for nobody); the session opened and the text tabled. */
long harness_participant(enum harness_who who);
long harness_session(void);
long harness_text(void);
/*
 * Sends `length` bytes as they are on a new connection and reads the reply
 * (until the server closes, the reply's length has arrived, or wait_ms pass).
 * Returns the HTTP status (0: no reply); the reply's body (NUL-terminated)
 * goes to body[size] when body is not NULL.
 */
int harness_exchange(const char *request, size_t length, char *body, size_t size, int wait_ms);

#endif
