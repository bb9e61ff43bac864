/*
 * geniusweb_write.c: a parley_scenario as a GeniusWeb JSON domain and
 * LinearAdditiveUtilitySpace profiles.
 *
 * A numeric issue whose value utilities are linear for every party becomes a
 * range ({"low", "high", "step"}) with NumberValueSetUtilities; any other becomes
 * a discrete issue whose values are the numbers as text.  GeniusWeb states a
 * reservation value as a reservation bid: the outcome whose utility is nearest
 * the reservation value (not below it when one exists) is written, and a warning
 * says when its utility differs.  Discount factors, hyperrectangles, reservation
 * curves, constraints and mediators have no GeniusWeb form: warnings.
 */
#include "io/json_util.h"
#include <parley/genius.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/genius_internal.h"

/* Largest space searched for a reservation bid. */
#define BID_SEARCH_LIMIT 4000000u

static int numeric_linear(const parley_scenario *sc, size_t i)
{
    const parley_space *s = parley_scenario_space(sc);
    if (parley_issue_type_of(s, i) == PARLEY_ISSUE_CATEGORICAL || parley_issue_value_count(s, i) < 2)
        return 0;
    uint32_t n = parley_issue_value_count(s, i);
    double x0 = parley_issue_number(s, i, 0), x1 = parley_issue_number(s, i, n - 1);
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        const parley_utility *u = parley_party_utility(sc, parley_scenario_negotiator(sc, k));
        double v0 = parley_utility_value(u, i, 0), v1 = parley_utility_value(u, i, n - 1);
        for (uint32_t v = 0; v < n; v++) {
            double x = parley_issue_number(s, i, v);
            if (fabs(v0 + (x - x0) / (x1 - x0) * (v1 - v0) - parley_utility_value(u, i, v)) > 1e-12)
                return 0;
        }
    }
    return 1;
}

static json_t *value_json(const parley_space *s, size_t i, uint32_t v, int as_number)
{
    char buf[256];
    if (as_number)
        return json_real(parley_issue_number(s, i, v));
    const char *label = parley_issue_label(s, i, v);
    return json_string(label ? label : parley_issue_format_value(s, i, v, buf, sizeof buf));
}

static json_t *domain_json(const parley_scenario *sc, parley_warn_fn warn, void *warn_ctx)
{
    const parley_space *s = parley_scenario_space(sc);
    json_t *root = json_object(), *issues = json_object();
    json_object_set_new(root, "name", json_string(parley_scenario_title(sc)[0] ? parley_scenario_title(sc)
                                                                                : "domain"));
    for (size_t i = 0; i < parley_space_issue_count(s); i++) {
        json_t *set = json_object();
        if (numeric_linear(sc, i)) {
            json_t *range = json_object();
            json_object_set_new(range, "low", json_real(parley_issue_min(s, i)));
            json_object_set_new(range, "high", json_real(parley_issue_max(s, i)));
            json_object_set_new(range, "step", json_real(parley_issue_step(s, i)));
            json_object_set_new(set, "range", range);
        } else {
            if (parley_issue_type_of(s, i) != PARLEY_ISSUE_CATEGORICAL && warn)
                genius_warn(warn, warn_ctx, "issue '%s' is written as discrete values (its value utilities are not "
                            "linear): it reads back as a categorical issue", parley_issue_name(s, i));
            json_t *values = json_array();
            for (uint32_t v = 0; v < parley_issue_value_count(s, i); v++)
                json_array_append_new(values, value_json(s, i, v, 0));
            json_object_set_new(set, "values", values);
        }
        json_object_set_new(issues, genius_issue_external_name(s, i), set);
    }
    json_object_set_new(root, "issuesValues", issues);
    return root;
}

static int dump(json_t *root, FILE *out, parley_error *err)
{
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc != 0 || ferror(out) ? parley_error_set(err, PARLEY_EIO, "could not write the GeniusWeb JSON")
                                  : PARLEY_OK;
}

int parley_geniusweb_write_domain(const parley_scenario *sc, FILE *out, parley_warn_fn warn, void *warn_ctx,
                                  parley_error *err)
{
    genius_warn_losses(sc, "GeniusWeb", warn, warn_ctx);
    return dump(domain_json(sc, warn, warn_ctx), out, err);
}

/* The outcome whose additive utility is nearest r, preferring those not below it; 0 when the space is too big. */
static int reservation_bid(const parley_scenario *sc, const parley_utility *u, double r, uint32_t *best,
                           double *found)
{
    const parley_space *s = parley_scenario_space(sc);
    uint64_t total;
    if (parley_space_size_u64(s, &total) != PARLEY_OK || total > BID_SEARCH_LIMIT)
        return 0;
    size_t n = parley_space_issue_count(s);
    uint32_t *values = calloc(n + 1, sizeof *values);
    if (!values)
        return 0;
    double best_gap = INFINITY;
    for (uint64_t k = 0; k < total; k++) {
        parley_space_decode(s, k, values);
        double x = 0;
        for (size_t i = 0; i < n; i++)
            x += parley_utility_weight(u, i) * parley_utility_value(u, i, values[i]);
        double gap = x >= r - 1e-12 ? x - r : 1 + (r - x); /* anything not below r first */
        if (gap < best_gap) {
            best_gap = gap;
            *found = x;
            memcpy(best, values, n * sizeof *values);
        }
    }
    free(values);
    return 1;
}

int parley_geniusweb_write_profile(const parley_scenario *sc, size_t party, FILE *out, parley_warn_fn warn,
                                   void *warn_ctx, parley_error *err)
{
    const parley_space *s = parley_scenario_space(sc);
    const parley_utility *u = genius_profile_to_write(sc, party, err);
    if (!u)
        return PARLEY_EINVAL;
    const char *who = parley_party_name(sc, party);
    size_t n = parley_space_issue_count(s);
    json_t *las = json_object(), *utilities = json_object(), *weights = json_object();
    for (size_t i = 0; i < n; i++) {
        const char *name = genius_issue_external_name(s, i);
        json_t *spec = json_object();
        uint32_t count = parley_issue_value_count(s, i);
        if (numeric_linear(sc, i)) {
            json_t *num = json_object();
            json_object_set_new(num, "lowValue", json_real(parley_issue_min(s, i)));
            json_object_set_new(num, "lowUtility", json_real(parley_utility_value(u, i, 0)));
            json_object_set_new(num, "highValue", json_real(parley_issue_max(s, i)));
            json_object_set_new(num, "highUtility", json_real(parley_utility_value(u, i, count - 1)));
            json_object_set_new(spec, "NumberValueSetUtilities", num);
        } else {
            json_t *table = json_object(), *dv = json_object();
            char buf[256];
            for (uint32_t v = 0; v < count; v++) {
                const char *label = parley_issue_label(s, i, v);
                json_object_set_new(table, label ? label : parley_issue_format_value(s, i, v, buf, sizeof buf),
                                    json_real(parley_utility_value(u, i, v)));
            }
            json_object_set_new(dv, "valueUtilities", table);
            json_object_set_new(spec, "DiscreteValueSetUtilities", dv);
        }
        json_object_set_new(utilities, name, spec);
        json_object_set_new(weights, name, json_real(parley_utility_weight(u, i)));
    }
    json_object_set_new(las, "issueUtilities", utilities);
    json_object_set_new(las, "issueWeights", weights);
    json_object_set_new(las, "domain", domain_json(sc, NULL, NULL));
    json_object_set_new(las, "name", json_string(who));
    if (!parley_utility_is_additive(u))
        genius_warn(warn, warn_ctx, "%s: %zu hyperrectangles have no GeniusWeb form and are left out", who,
                    parley_utility_rectangle_count(u));
    if (parley_utility_discount(u) < 1)
        genius_warn(warn, warn_ctx, "%s: the discount factor %g has no place in a LinearAdditiveUtilitySpace and is "
                    "left out", who, parley_utility_discount(u));
    const double *t, *r;
    if (parley_utility_reservation_curve(u, &t, &r) > 0)
        genius_warn(warn, warn_ctx, "%s: the reservation curve (pressure over time) has no GeniusWeb form; the "
                    "value at the start is used", who);
    double reservation = parley_utility_reservation_at(u, 0);
    json_t *bid = json_null();
    if (reservation > 0) {
        uint32_t *values = calloc(n + 1, sizeof *values);
        double found = 0;
        if (values && reservation_bid(sc, u, reservation, values, &found)) {
            json_t *iv = json_object();
            for (size_t i = 0; i < n; i++)
                json_object_set_new(iv, genius_issue_external_name(s, i), value_json(s, i, values[i],
                                                                                     numeric_linear(sc, i)));
            json_decref(bid);
            bid = json_object();
            json_object_set_new(bid, "issuevalues", iv);
            if (fabs(found - reservation) > 1e-9)
                genius_warn(warn, warn_ctx, "%s: GeniusWeb states a reservation value as a bid; the nearest bid is "
                            "worth %.6g, not %.6g", who, found, reservation);
        } else {
            genius_warn(warn, warn_ctx, "%s: the reservation value %g could not be stated as a reservation bid (the "
                        "space is too large to search) and is left out", who, reservation);
        }
        free(values);
    }
    json_object_set_new(las, "reservationBid", bid);
    json_t *root = json_object();
    json_object_set_new(root, "LinearAdditiveUtilitySpace", las);
    return dump(root, out, err);
}
