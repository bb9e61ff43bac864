/*
 * party_advice.h: a party's own advice and its view of offered improvements,
 * computed from its own profile and the record it may read only (no database,
 * no other party's profile: party_advice.c).
 */
#ifndef PARLEY_SERVER_PARTY_ADVICE_H
#define PARLEY_SERVER_PARTY_ADVICE_H

#include "server/request.h"

#include <jansson.h>
#include <parley/scenario.h>

/*
 * The scenario document the party's advice is computed on (new reference): the public scenario with the caller's
 * own profile merged in and, for every other negotiating party, the caller's preferences as a placeholder (so that
 * it parses; nothing of it is used).  NULL out of memory.
 */
json_t *party_advice_scenario(json_t *public_doc, const char *me, json_t *profile);

/*
 * The advice of party `me` (scenario index) from `events`: the caller-visible record, oldest first, of
 * {"kind": "text", "id", "number", "outcome"} and {"kind": "answer", "name", "text", "answer", "amendments"}
 * (answers of other parties the caller may read).  At most `limit` amendments.  *out is a new object;
 * PARLEY_ENOTFOUND when no text was tabled.
 */
int party_advice(const parley_scenario *sc, size_t me, json_t *events, size_t limit, json_t **out, parley_error *err);

/*
 * The party's view of offered improvements: each offer ({"agreement": outcome, "package": outcome, ...}) copied
 * with "before", "after" and "gain": the party's own utilities only.  *out a new array.
 */
int party_offer_values(const parley_scenario *sc, size_t me, json_t *offers, json_t **out, parley_error *err);

#endif
