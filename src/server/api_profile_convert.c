/*
 * api_profile_convert.c: POST /api/negotiations/{n}/profile/convert, for the
 * dashboard's preferences form: a GENIUS XML or GeniusWeb JSON profile over
 * this negotiation's domain, read exactly as a profile upload reads it (the
 * one loader, within the server's limits), answered as the native profile
 * fields it makes.  Nothing is stored and no event is written: the form shows
 * the profile, and the party saves it (PUT .../profile) when it wants to.
 * Any participant may convert (a mediator models a party with it); each
 * conversion takes one of the caller's write tokens and is bounded in size
 * like a profile upload (--profile-bytes).
 */
#include "server/server_internal.h"

int api_convert_profile(api_call *c)
{
    const parley_server_budgets *b = &c->srv->budgets;
    if (c->body_len > b->profile_bytes)
        return api_fail(c, 413, "body", "a profile of %zu bytes: the server's limit is %zu (--profile-bytes)",
                        c->body_len, b->profile_bytes);
    int rc = budget_check_write(c, "conversion");
    if (rc)
        return rc;
    parley_error err = {0};
    json_t *root = req_load(c->body ? c->body : "", c->body_len, &err);
    if (!root)
        return api_fail_error(c, &err);
    if (!json_is_object(json_object_get(root, "document"))) {
        json_decref(root);
        return api_fail(c, 400, "document", "expected {\"document\": {\"name\", \"content\"}}: a GENIUS XML or "
                        "GeniusWeb JSON profile to read");
    }
    scenario_entry *e = scenario_get(c, c->ids[0]);
    if (!e) {
        json_decref(root);
        return api_fail(c, 500, NULL, "the negotiation's scenario cannot be read");
    }
    if (req_profile_document(root, e->doc, c->srv->limits.values_per_issue, c->srv->limits.table_cells, &err))
        rc = api_fail_error(c, &err);
    scenario_release(c->srv, e);
    if (rc) {
        json_decref(root);
        return rc;
    }
    return api_reply(c, 200, json_pack("{s:o}", "profile", root));
}
