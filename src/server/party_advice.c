/*
 * party_advice.c: a party's own advice (GET advice/me), computed from nothing
 * but the party's own profile and the record the party may read.  Its inputs
 * are a scenario in which only the caller's profile is real (every other
 * party's preferences are a placeholder, party_advice_scenario) and the
 * caller-visible events; it has no database and no merged view, so no other
 * party's private profile can reach it.
 *
 * The advice: what the latest text is worth to the party, issue by issue
 * (weight x expected rating under its trust in later phases, as the analysis
 * values it); whether it beats its reservation; and the amendments (changes of
 * one or two issues) that raise its utility most for the least loss to the
 * others predicted by one frequency opponent model (src/agents) per other
 * party, trained on the tabled texts and on that party's answers the caller
 * may see.
 */
#include "server/party_advice.h"
#include "analysis/analysis_internal.h"

#include <parley/agent.h>
#include <stdlib.h>
#include <string.h>

#define PAIR_POOL 10 /* pairs are made of the best single changes, at most this many */

json_t *party_advice_scenario(json_t *public_doc, const char *me, json_t *profile)
{
    json_t *doc = json_deep_copy(public_doc);
    json_t *parties = json_object_get(doc, "parties");
    json_t *placeholder = json_pack("{s:O}", "preferences", json_object_get(profile, "preferences"));
    int ok = doc && placeholder;
    for (size_t i = 0; ok && i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        const char *name = json_string_value(json_object_get(p, "name"));
        const char *role = json_string_value(json_object_get(p, "role"));
        if (name && strcmp(name, me) == 0)
            ok = req_merge_profile(doc, me, profile) == PARLEY_OK;
        else if (!role || strcmp(role, "party") == 0)
            ok = json_object_update(p, placeholder) == 0;
    }
    json_decref(placeholder);
    if (!ok) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

/* What the advice works with. */
typedef struct advice_ctx {
    const parley_scenario *sc;
    const parley_space *space;
    size_t issues, me;
    const parley_utility *u;  /* the caller's stated profile */
    parley_utility *eu;       /* its expected utility under trust */
    size_t others;            /* other negotiating parties */
    size_t *other;            /* [others] scenario index */
    parley_opponent_model **model; /* [others] */
    uint32_t *text;           /* the latest text */
    double text_u;
    size_t texts, responses;  /* evidence the models learnt from */
} advice_ctx;

static double own_value(const advice_ctx *x, const uint32_t *values)
{
    return quantize_utility(parley_utility_eval(x->eu, values));
}

static int own_red_lines_hold(const advice_ctx *x, const uint32_t *values)
{
    return parley_scenario_feasible(x->sc, values) && parley_scenario_red_lines_hold(x->sc, x->me, values);
}

/* Reads an outcome object into values; -1 when it does not fit. */
static int read_outcome(const advice_ctx *x, json_t *outcome, uint32_t *values)
{
    char why[256];
    for (size_t i = 0; i < x->issues; i++)
        if (req_issue_value(x->space, i, json_object_get(outcome, parley_issue_name(x->space, i)), &values[i], why,
                            sizeof why))
            return -1;
    return 0;
}

/* Feeds the record to the models: every text to all of them, each visible answer of another party to its own. */
static int train(advice_ctx *x, json_t *events, json_t **latest)
{
    uint32_t *bid = calloc(x->issues + 1, sizeof *bid);
    json_t *texts = json_object(); /* text id -> outcome */
    int rc = bid && texts ? 0 : -1;
    size_t i;
    json_t *ev;
    json_array_foreach(events, i, ev) {
        if (rc)
            break;
        const char *kind = json_string_value(json_object_get(ev, "kind"));
        json_t *outcome = json_object_get(ev, "outcome");
        if (kind && strcmp(kind, "text") == 0) {
            /* the reply repeats the latest text's id and number: a text without them is a record that does not fit */
            if (!json_is_integer(json_object_get(ev, "id")) || !json_is_integer(json_object_get(ev, "number"))) {
                rc = -1;
                break;
            }
            char key[32];
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(ev, "id")));
            json_object_set(texts, key, outcome);
            *latest = ev;
            if ((rc = read_outcome(x, outcome, bid)))
                break;
            for (size_t k = 0; k < x->others; k++)
                parley_opponent_model_observe(x->model[k], bid, 0);
            x->texts++;
            continue;
        }
        /* an answer of another party: the text it accepted, or the text with its amendments */
        const char *name = json_string_value(json_object_get(ev, "name"));
        long party = name ? parley_scenario_find_party(x->sc, name) : -1;
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(ev, "text")));
        json_t *text = json_object_get(texts, key);
        const char *answer = json_string_value(json_object_get(ev, "answer"));
        if (!text || !answer || strcmp(answer, "reject") == 0 || read_outcome(x, text, bid))
            continue;
        size_t j;
        json_t *a;
        json_array_foreach(json_object_get(ev, "amendments"), j, a) {
            long issue = parley_space_find_issue(x->space, json_string_value(json_object_get(a, "issue")));
            char why[256];
            if (issue >= 0)
                req_issue_value(x->space, (size_t)issue, json_object_get(a, "value"), &bid[issue], why, sizeof why);
        }
        for (size_t k = 0; k < x->others; k++)
            if ((long)x->other[k] == party) {
                parley_opponent_model_observe(x->model[k], bid, 0);
                x->responses++;
            }
    }
    free(bid);
    json_decref(texts);
    return rc;
}

/* One issue of the text: its weight, rating, trust, contribution, best value and what is left on the table. */
static json_t *issue_json(const advice_ctx *x, size_t i)
{
    uint32_t best = 0;
    for (uint32_t v = 1; v < parley_issue_value_count(x->space, i); v++)
        if (parley_utility_value(x->eu, i, v) > parley_utility_value(x->eu, i, best))
            best = v;
    long phase = parley_issue_phase(x->sc, i);
    double w = parley_utility_weight(x->u, i), here = parley_utility_value(x->eu, i, x->text[i]);
    return json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "issue", parley_issue_name(x->space, i), "value",
                     analysis_value_json(x->space, i, x->text[i]), "weight", analysis_number_json(w), "rating",
                     analysis_number_json(parley_utility_value(x->u, i, x->text[i])), "carried",
                     analysis_number_json(phase > 0 ? parley_scenario_carry_probability(x->sc, x->me, (size_t)phase, -1)
                                                    : 1.0),
                     "expected_rating", analysis_number_json(here), "contribution", analysis_number_json(w * here),
                     "best_value", analysis_value_json(x->space, i, best), "room",
                     analysis_number_json(w * (parley_utility_value(x->eu, i, best) - here)));
}

/* A candidate amendment: up to two changes. */
typedef struct candidate {
    size_t n, issue[2];
    uint32_t value[2];
    double gain, loss; /* own gain; predicted loss to the others, summed */
} candidate;

/* Ranking: no predicted loss first (by gain), then by gain per unit of predicted loss; then gain, fewer changes. */
static int candidate_before(const candidate *a, const candidate *b)
{
    int za = a->loss <= 1e-12, zb = b->loss <= 1e-12;
    if (za != zb)
        return za;
    if (!za) {
        double ra = a->gain / a->loss, rb = b->gain / b->loss;
        if (ra != rb)
            return ra > rb;
    }
    if (a->gain != b->gain)
        return a->gain > b->gain;
    return a->n < b->n;
}

/* Scores the candidate on the text; 0 when it is no amendment worth proposing. */
static int score(const advice_ctx *x, candidate *c, uint32_t *scratch)
{
    memcpy(scratch, x->text, x->issues * sizeof *scratch);
    for (size_t k = 0; k < c->n; k++)
        scratch[c->issue[k]] = c->value[k];
    if (!own_red_lines_hold(x, scratch))
        return 0;
    c->gain = own_value(x, scratch) - x->text_u;
    c->loss = 0;
    for (size_t k = 0; k < x->others; k++)
        c->loss += parley_opponent_model_eval(x->model[k], x->text) - parley_opponent_model_eval(x->model[k], scratch);
    return c->gain > 0;
}

/* Inserts c into the sorted list best[0..*n) of at most cap. */
static void keep(candidate *best, size_t *n, size_t cap, const candidate *c)
{
    size_t at = *n;
    while (at > 0 && candidate_before(c, &best[at - 1]))
        at--;
    if (at >= cap)
        return;
    size_t last = *n < cap ? *n : cap - 1;
    memmove(best + at + 1, best + at, (last - at) * sizeof *best);
    best[at] = *c;
    if (*n < cap)
        (*n)++;
}

static json_t *candidate_json(const advice_ctx *x, const candidate *c, uint32_t *scratch)
{
    json_t *changes = json_array(), *losses = json_object();
    memcpy(scratch, x->text, x->issues * sizeof *scratch);
    for (size_t k = 0; k < c->n; k++) {
        size_t i = c->issue[k];
        scratch[i] = c->value[k];
        json_array_append_new(changes, json_pack("{s:s,s:o,s:o}", "issue", parley_issue_name(x->space, i), "from",
                                                 analysis_value_json(x->space, i, x->text[i]), "value",
                                                 analysis_value_json(x->space, i, c->value[k])));
    }
    for (size_t k = 0; k < x->others; k++)
        json_object_set_new(losses, parley_party_name(x->sc, x->other[k]),
                            analysis_number_json(parley_opponent_model_eval(x->model[k], x->text) -
                                                 parley_opponent_model_eval(x->model[k], scratch)));
    double after = own_value(x, scratch);
    return json_pack("{s:o,s:o,s:o,s:o,s:o,s:b}", "changes", changes, "utility", analysis_number_json(after), "gain",
                     analysis_number_json(c->gain), "predicted_loss", losses, "predicted_loss_total",
                     analysis_number_json(c->loss), "beats_reservation",
                     after >= quantize_utility(parley_utility_reservation_at(x->u, 0)));
}

/* The best `limit` amendments: every single change, then pairs of the best single changes on distinct issues. */
static json_t *amendments_json(const advice_ctx *x, size_t limit)
{
    candidate *best = calloc(limit, sizeof *best), pool[PAIR_POOL];
    uint32_t *scratch = calloc(x->issues + 1, sizeof *scratch);
    size_t n = 0, pooled = 0;
    json_t *list = json_array();
    if (!best || !scratch || !list) {
        free(best);
        free(scratch);
        json_decref(list);
        return NULL;
    }
    for (size_t i = 0; i < x->issues; i++)
        for (uint32_t v = 0; v < parley_issue_value_count(x->space, i); v++) {
            candidate c = {.n = 1, .issue = {i}, .value = {v}};
            if (v == x->text[i] || !score(x, &c, scratch))
                continue;
            keep(best, &n, limit, &c);
            keep(pool, &pooled, PAIR_POOL, &c);
        }
    for (size_t a = 0; a < pooled; a++)
        for (size_t b = a + 1; b < pooled; b++) {
            if (pool[a].issue[0] == pool[b].issue[0])
                continue;
            candidate c = {.n = 2, .issue = {pool[a].issue[0], pool[b].issue[0]},
                           .value = {pool[a].value[0], pool[b].value[0]}};
            if (c.issue[0] > c.issue[1]) {
                c = (candidate){.n = 2, .issue = {c.issue[1], c.issue[0]}, .value = {c.value[1], c.value[0]}};
            }
            if (score(x, &c, scratch))
                keep(best, &n, limit, &c);
        }
    for (size_t k = 0; k < n; k++)
        json_array_append_new(list, candidate_json(x, &best[k], scratch));
    free(best);
    free(scratch);
    return list;
}

static void ctx_free(advice_ctx *x)
{
    for (size_t k = 0; x->model && k < x->others; k++)
        parley_opponent_model_free(x->model[k]);
    free(x->model);
    free(x->other);
    free(x->text);
    parley_utility_free(x->eu);
}

int party_advice(const parley_scenario *sc, size_t me, json_t *events, size_t limit, json_t **out, parley_error *err)
{
    advice_ctx x = {.sc = sc, .space = parley_scenario_space(sc), .me = me, .u = parley_party_utility(sc, me)};
    x.issues = parley_space_issue_count(x.space);
    size_t n = parley_scenario_negotiator_count(sc);
    json_t *latest = NULL, *issues = NULL, *amendments = NULL, *breaks = NULL;
    *out = NULL;
    x.other = calloc(n, sizeof *x.other);
    x.model = calloc(n, sizeof *x.model);
    x.text = calloc(x.issues + 1, sizeof *x.text);
    int rc = x.other && x.model && x.text && (x.eu = parley_scenario_expected_utility(sc, me, -1)) ? PARLEY_OK
                                                                                                  : PARLEY_ENOMEM;
    for (size_t k = 0; !rc && k < n; k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        if (p == me)
            continue;
        x.other[x.others] = p;
        rc = parley_opponent_model_new("frequency", x.space, &x.model[x.others++], err);
    }
    if (rc || (rc = train(&x, events, &latest) ? PARLEY_EINTERNAL : PARLEY_OK)) {
        if (!err->message[0])
            parley_error_set(err, rc, rc == PARLEY_ENOMEM ? "out of memory" : "the record does not fit the scenario");
        goto done;
    }
    if (!latest) {
        rc = parley_error_set(err, PARLEY_ENOTFOUND, "no text has been tabled yet");
        goto done;
    }
    read_outcome(&x, json_object_get(latest, "outcome"), x.text);
    x.text_u = own_value(&x, x.text);
    double reservation = quantize_utility(parley_utility_reservation_at(x.u, 0)), sum = 0;
    issues = json_array();
    breaks = json_array();
    for (size_t i = 0; issues && i < x.issues; i++) {
        json_t *item = issue_json(&x, i);
        sum += json_real_value(json_object_get(item, "contribution"));
        json_array_append_new(issues, item);
    }
    for (size_t i = 0; breaks && i < parley_scenario_constraint_count(sc); i++) {
        const parley_constraint *con = parley_scenario_constraint(sc, i);
        if (con->party == (long)me && !parley_expr_holds(con->expr, x.text))
            json_array_append_new(breaks, json_pack("{s:s,s:s}", "name", con->name, "rule", con->rule));
    }
    json_t *others = json_array();
    for (size_t k = 0; others && k < x.others; k++)
        json_array_append_new(others, json_string(parley_party_name(sc, x.other[k])));
    int feasible = parley_scenario_feasible(sc, x.text);
    amendments = amendments_json(&x, limit);
    *out = json_pack("{s:{s:O,s:O,s:O},s:s,s:o,s:o,s:o,s:b,s:b,s:b,s:O,s:O,s:o,s:{s:s,s:o,s:I,s:I}}", "text", "id",
                     json_object_get(latest, "id"), "number", json_object_get(latest, "number"), "outcome",
                     json_object_get(latest, "outcome"), "name", parley_party_name(sc, me), "utility",
                     analysis_number_json(x.text_u), "reservation", analysis_number_json(reservation), "margin",
                     analysis_number_json(x.text_u - reservation), "beats_reservation", x.text_u >= reservation,
                     "feasible", feasible, "acceptable",
                     feasible && json_array_size(breaks) == 0 && x.text_u >= reservation, "breaks", breaks, "issues",
                     issues, "nonlinear", analysis_number_json(parley_utility_is_additive(x.u) ? 0 : x.text_u - sum),
                     "model", "name", "frequency", "others", others, "texts", (json_int_t)x.texts, "answers",
                     (json_int_t)x.responses);
    if (*out && amendments)
        json_object_set(*out, "amendments", amendments);
    rc = *out && amendments ? PARLEY_OK : parley_error_set(err, PARLEY_ENOMEM, "out of memory");
done:
    json_decref(issues);
    json_decref(breaks);
    json_decref(amendments);
    ctx_free(&x);
    return rc;
}

int party_offer_values(const parley_scenario *sc, size_t me, json_t *offers, json_t **out, parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    parley_utility *eu = parley_scenario_expected_utility(sc, me, -1);
    uint32_t *a = calloc(issues + 1, sizeof *a), *b = calloc(issues + 1, sizeof *b);
    json_t *list = json_array();
    int rc = eu && a && b && list ? PARLEY_OK : parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    advice_ctx x = {.sc = sc, .space = space, .issues = issues};
    size_t i;
    json_t *offer;
    json_array_foreach(offers, i, offer) {
        if (rc)
            break;
        if (read_outcome(&x, json_object_get(offer, "agreement"), a) || read_outcome(&x, json_object_get(offer, "package"), b)) {
            rc = parley_error_set(err, PARLEY_EINTERNAL, "a stored offer does not fit the scenario");
            break;
        }
        double before = quantize_utility(parley_utility_eval(eu, a)), after = quantize_utility(parley_utility_eval(eu, b));
        json_t *item = json_deep_copy(offer);
        json_object_set_new(item, "before", analysis_number_json(before));
        json_object_set_new(item, "after", analysis_number_json(after));
        json_object_set_new(item, "gain", analysis_number_json(after - before));
        json_array_append_new(list, item);
    }
    if (!rc)
        *out = json_incref(list);
    json_decref(list);
    parley_utility_free(eu);
    free(a);
    free(b);
    return rc;
}
