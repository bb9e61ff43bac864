/*
 * request.h: reading and checking the JSON bodies of API requests.
 *
 * Every parser takes the loaded body (a JSON object) and either fills its
 * output or fails with PARLEY_EINVAL and an error whose `path` names the field
 * at fault ("outcome.price", "amendments[0].value") and whose message says what
 * was expected.  Unknown fields are refused.  Strings in the outputs point into
 * the JSON document, which must outlive them.  No parser touches the database:
 * they are pure, so the fuzz target (fuzz/fuzz_server_request.c) runs them all.
 */
#ifndef PARLEY_SERVER_REQUEST_H
#define PARLEY_SERVER_REQUEST_H

#include <jansson.h>
#include <parley/scenario.h>

/* Longest free-text field (notes, reasons, messages, venues) in bytes. */
#define REQ_MAX_TEXT 20000u
/* Longest name (participants, titles). */
#define REQ_MAX_NAME 200u
#define REQ_MAX_DOCUMENTS 64u /* documents of one upload: a domain and its profiles */

/* Loads a request body: must be one JSON object (syntax errors carry line and column, path "body"). */
json_t *req_load(const char *body, size_t length, parley_error *err);

/* POST /negotiations: {"scenario": {...}, "mediator": "name", "title": "..."}. *sc owned by the caller. */
typedef struct req_create {
    json_t *scenario;     /* the scenario object (borrowed) */
    const char *mediator; /* name of the first mediator (default: the scenario's first mediator, or "mediator") */
    const char *title;    /* default: the scenario's title */
} req_create;
/*
 * POST /api/negotiations may carry, instead of a native "scenario", the
 * "documents" of any input form parley reads ([{"name", "content"}]: a native
 * scenario, or a GENIUS or GeniusWeb domain followed by its profiles): they
 * are read with the one loader, within the server's limits, and replaced in
 * `root` by the native scenario they make.  Nothing happens without
 * "documents".
 */
int req_documents_to_scenario(json_t *root, uint64_t max_values, uint64_t max_cells, parley_error *err);
/*
 * PUT /profile may carry, instead of the native fields, {"document": {"name",
 * "content"}}: the party's GENIUS XML or GeniusWeb JSON profile over this
 * negotiation's domain (as `parley convert` writes it).  It is read with the
 * domain, within the server's limits, and replaced in `root` by the native
 * fields it makes (preferences, reservation, discount).  Nothing happens
 * without "document".
 */
int req_profile_document(json_t *root, json_t *scenario, uint64_t max_values, uint64_t max_cells, parley_error *err);
int req_parse_create(json_t *root, req_create *out, parley_scenario **sc, parley_error *err);

/* POST /participants: {"name": "...", "role": "party"|"mediator"}; a party must be a negotiator of sc. */
typedef struct req_participant {
    const char *name;
    int mediator;
} req_participant;
int req_parse_participant(json_t *root, const parley_scenario *sc, req_participant *out, parley_error *err);

/* The fields of a party object that are private to it (NULL-terminated). */
extern const char *const req_private_party_keys[];

/*
 * PUT /profile: {"preferences": {...}, "reservation": r, "reservation_curve": [...], "discount": d,
 * "red_lines": [...]}.  Checked by merging it into the scenario for `party` and parsing the result.
 */
int req_parse_profile(json_t *root, json_t *scenario, const char *party, parley_error *err);

/* Replaces the private fields of `party` in `scenario` (modified in place) by those of `profile`. */
int req_merge_profile(json_t *scenario, const char *party, json_t *profile);
/* A copy of the scenario without any party's private fields (new reference, NULL on ENOMEM). */
json_t *req_public_scenario(json_t *scenario);
/* Removes the "description" of every party of `scenario` (modified in place) but the one named `keep`. */
void req_strip_descriptions(json_t *scenario, const char *keep);

/* POST /sessions: {"venue": "...", "starts_at": "2024-05-01T10:00Z", "ends_at": ..., "note": "..."}. */
typedef struct req_session {
    const char *venue, *starts_at, *ends_at, *note;
} req_session;
int req_parse_session(json_t *root, req_session *out, parley_error *err);

/* POST /sessions/{id}/close: {"outcome": one of req_session_outcomes, "follow_up": "...", "ends_at", "note"}. */
typedef struct req_session_close {
    const char *outcome, *follow_up, *ends_at, *note;
} req_session_close;
extern const char *const req_session_outcomes[];
int req_parse_session_close(json_t *root, req_session_close *out, parley_error *err);

/* POST /texts: {"outcome": {"issue": value, ...}, "note": "..."}; every issue required.  values[issue_count]. */
int req_parse_text(json_t *root, const parley_space *space, uint32_t *values, const char **note, parley_error *err);

/* POST /texts/{id}/responses: {"answer": "accept"|"reject"|"amend", "reason", "amendments": [...]}. */
typedef struct req_amendment {
    size_t issue;
    uint32_t value;
    const char *reason;
} req_amendment;
typedef struct req_response {
    const char *answer;
    const char *reason;
    size_t amendment_count;
    req_amendment *amendments; /* malloc'ed: free(out->amendments) */
} req_response;
int req_parse_response(json_t *root, const parley_space *space, req_response *out, parley_error *err);

/* POST /messages: {"body": "...", "to": participant id}. to = 0 when absent. */
typedef struct req_message {
    const char *body;
    long long to;
} req_message;
int req_parse_message(json_t *root, req_message *out, parley_error *err);

/* POST /close: {"outcome": "agreement"|"no_agreement"|"suspended", "note": "..."}. */
typedef struct req_close {
    const char *outcome, *note;
} req_close;
int req_parse_close(json_t *root, req_close *out, parley_error *err);

/* An outcome as {"issue": label-or-number} (new reference). */
json_t *req_outcome_json(const parley_space *space, const uint32_t *values);
/* One value as JSON: its label, or its number (new reference). */
json_t *req_value_json(const parley_space *space, size_t issue, uint32_t value);
/* Reads one issue value (label for categorical issues, number on the grid for numeric ones). */
int req_issue_value(const parley_space *space, size_t issue, json_t *v, uint32_t *out, char *why, size_t why_size);

#endif
