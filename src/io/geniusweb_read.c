/*
 * geniusweb_read.c: GeniusWeb JSON domains and LinearAdditiveUtilitySpace
 * profiles into a parley_scenario.
 *
 * Domain: {"name": ..., "issuesValues": {issue: {"values": [strings]} or
 * {"range": {"low", "high", "step"}}}}.  Profile: {"LinearAdditiveUtilitySpace":
 * {"issueUtilities": {issue: {"DiscreteValueSetUtilities": {"valueUtilities":
 * {value: u}}} or {"NumberValueSetUtilities": {"lowValue", "lowUtility",
 * "highValue", "highUtility"}}}, "issueWeights": {issue: w}, "domain": {...},
 * "name", "reservationBid": {"issuevalues": {issue: value}} or null}}.
 * As in GeniusWeb, a discrete value missing from valueUtilities is worth 0 and a
 * number outside [lowValue, highValue] is worth 0; the reservation value is the
 * utility of the reservation bid.  When the first file is itself a profile, the
 * domain embedded in it is used.  Weights off 1 are divided by their sum.
 */
#include <parley/genius.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/genius_internal.h"
#include "io/genius_xml.h"
#include "io/json_util.h"

/* Numbers in value sets and bids: a JSON number, or a string holding one. */
static int json_number_of(json_t *v, double *out)
{
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return 1;
    }
    if (json_is_string(v)) {
        char *end;
        *out = strtod(json_string_value(v), &end);
        return end != json_string_value(v) && *end == '\0';
    }
    return 0;
}

static int read_issue(json_ctx *ctx, const char *name, json_t *set, parley_space *space)
{
    char ident[256];
    genius_make_identifier(name, space, ident, sizeof ident);
    size_t mark = json_ctx_push_field(ctx, name);
    int rc;
    json_t *values = json_is_object(set) ? json_object_get(set, "values") : NULL;
    json_t *range = json_is_object(set) ? json_object_get(set, "range") : NULL;
    if (json_is_array(values)) {
        size_t n = json_array_size(values);
        const char **labels = calloc(n + 1, sizeof *labels);
        if (!labels)
            return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
            labels[i] = json_string_value(json_array_get(values, i));
            if (!labels[i]) {
                free(labels);
                char where[32];
                snprintf(where, sizeof where, "values[%zu]", i);
                return json_ctx_fail(ctx, where, "a discrete value must be a string");
            }
        }
        rc = parley_space_add_categorical(space, ident, labels, n, ctx->err);
        free(labels);
    } else if (json_is_object(range)) {
        double low, high, step;
        json_ctx_push_field(ctx, "range");
        if (!json_number_of(json_object_get(range, "low"), &low) ||
            !json_number_of(json_object_get(range, "high"), &high) ||
            !json_number_of(json_object_get(range, "step"), &step) || !(step > 0) || !(high >= low))
            return json_ctx_fail(ctx, NULL, "a range needs numbers low <= high and step > 0");
        double steps = floor((high - low) / step + 1e-9);
        if (steps + 1 > PARLEY_MAX_ISSUE_VALUES)
            return json_ctx_fail(ctx, NULL, "the range has more than 10^7 values");
        high = low + steps * step;
        if (low == floor(low) && step == floor(step) && fabs(low) < 1e15 && fabs(high) < 1e15)
            rc = parley_space_add_integer(space, ident, (int64_t)low, (int64_t)high, (int64_t)step, ctx->err);
        else
            rc = parley_space_add_real(space, ident, low, high, step, ctx->err);
    } else {
        return json_ctx_fail(ctx, NULL, "expected {\"values\": [...]} or {\"range\": {\"low\", \"high\", \"step\"}}");
    }
    if (rc == PARLEY_ENOMEM)
        return rc; /* err already says "out of memory" */
    if (rc != PARLEY_OK) {
        char why[768];
        snprintf(why, sizeof why, "%s", ctx->err ? ctx->err->message : "bad issue");
        return json_ctx_fail(ctx, NULL, "%s", why);
    }
    json_ctx_pop(ctx, mark);
    if (strcmp(ident, name) != 0 &&
        parley_space_set_description(space, parley_space_issue_count(space) - 1, name) != PARLEY_OK)
        return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
    return PARLEY_OK;
}

static int read_domain(json_ctx *ctx, json_t *domain, parley_space *space, char *title, size_t title_size)
{
    json_t *issues = json_is_object(domain) ? json_object_get(domain, "issuesValues") : NULL;
    if (!json_is_object(issues) || json_object_size(issues) == 0)
        return json_ctx_fail(ctx, "issuesValues", "expected an object of issues (a GeniusWeb domain)");
    const char *name = json_string_value(json_object_get(domain, "name"));
    if (name)
        snprintf(title, title_size, "%s", name);
    size_t mark = json_ctx_push_field(ctx, "issuesValues");
    const char *key;
    json_t *set;
    json_object_foreach(issues, key, set) {
        int rc = read_issue(ctx, key, set, space);
        if (rc != PARLEY_OK)
            return rc;
    }
    json_ctx_pop(ctx, mark);
    return PARLEY_OK;
}

/* Index of the issue GeniusWeb calls `name` (its description or its name), or -1. */
static long find_issue(const parley_space *space, const char *name)
{
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        if (strcmp(genius_issue_external_name(space, i), name) == 0 || strcmp(parley_issue_name(space, i), name) == 0)
            return (long)i;
    return -1;
}

/* The value index a bid gives issue i, or -1. */
static long bid_value(const parley_space *space, size_t i, json_t *v)
{
    if (parley_issue_type_of(space, i) == PARLEY_ISSUE_CATEGORICAL)
        return json_is_string(v) ? parley_issue_find_label(space, i, json_string_value(v)) : -1;
    double x;
    return json_number_of(v, &x) ? parley_issue_find_number(space, i, x) : -1;
}

static int read_issue_utilities(json_ctx *ctx, json_t *spec, const parley_space *space, size_t i, parley_utility *u)
{
    json_t *discrete = json_is_object(spec) ? json_object_get(spec, "DiscreteValueSetUtilities") : NULL;
    json_t *number = json_is_object(spec) ? json_object_get(spec, "NumberValueSetUtilities") : NULL;
    uint32_t count = parley_issue_value_count(space, i);
    if (json_is_object(discrete)) {
        json_t *table = json_object_get(discrete, "valueUtilities");
        if (!json_is_object(table))
            return json_ctx_fail(ctx, "DiscreteValueSetUtilities.valueUtilities", "expected an object");
        const char *key;
        json_t *value;
        json_object_foreach(table, key, value) {
            json_t *as_text = json_string(key);
            long v = as_text ? bid_value(space, i, as_text) : -1;
            json_decref(as_text);
            double x;
            char where[300];
            snprintf(where, sizeof where, "DiscreteValueSetUtilities.valueUtilities.%s", key);
            if (v < 0)
                return json_ctx_fail(ctx, where, "'%s' is not a value of the domain's issue (the profile does not "
                                     "match the domain)", key);
            if (!json_number_of(value, &x) || !(x >= 0 && x <= 1))
                return json_ctx_fail(ctx, where, "expected a utility in [0,1]");
            parley_utility_set_value(u, i, (uint32_t)v, x);
        }
        return PARLEY_OK;
    }
    if (json_is_object(number)) {
        double lv, lu, hv, hu;
        if (parley_issue_type_of(space, i) == PARLEY_ISSUE_CATEGORICAL)
            return json_ctx_fail(ctx, "NumberValueSetUtilities", "a discrete issue needs DiscreteValueSetUtilities");
        if (!json_number_of(json_object_get(number, "lowValue"), &lv) ||
            !json_number_of(json_object_get(number, "lowUtility"), &lu) ||
            !json_number_of(json_object_get(number, "highValue"), &hv) ||
            !json_number_of(json_object_get(number, "highUtility"), &hu) || !(hv > lv) || !(lu >= 0 && lu <= 1) ||
            !(hu >= 0 && hu <= 1))
            return json_ctx_fail(ctx, "NumberValueSetUtilities",
                                 "expected numbers lowValue < highValue and lowUtility, highUtility in [0,1]");
        for (uint32_t v = 0; v < count; v++) {
            double x = parley_issue_number(space, i, v);
            double y = x < lv || x > hv ? 0 : lu + (x - lv) / (hv - lv) * (hu - lu);
            parley_utility_set_value(u, i, v, y < 0 ? 0 : y > 1 ? 1 : y);
        }
        return PARLEY_OK;
    }
    return json_ctx_fail(ctx, NULL, "expected DiscreteValueSetUtilities or NumberValueSetUtilities");
}

static int read_profile(json_ctx *ctx, json_t *root, const parley_space *space, const parley_load_options *options,
                        parley_utility **out)
{
    json_t *las = json_object_get(root, "LinearAdditiveUtilitySpace");
    if (!json_is_object(las))
        return json_ctx_fail(ctx, "LinearAdditiveUtilitySpace",
                             "expected a LinearAdditiveUtilitySpace profile (the only GeniusWeb profile read)");
    size_t top = json_ctx_push_field(ctx, "LinearAdditiveUtilitySpace");
    json_t *utilities = json_object_get(las, "issueUtilities"), *weights = json_object_get(las, "issueWeights");
    if (!json_is_object(utilities))
        return json_ctx_fail(ctx, "issueUtilities", "expected an object");
    if (!json_is_object(weights))
        return json_ctx_fail(ctx, "issueWeights", "expected an object (missing weights)");
    /* GeniusWeb refuses a profile whose utilities or weights name an issue the domain lacks */
    static const char *const keyed[] = {"issueUtilities", "issueWeights"};
    for (int k = 0; k < 2; k++) {
        const char *key;
        json_t *item;
        json_object_foreach(k ? weights : utilities, key, item) {
            if (find_issue(space, key) < 0) {
                char where[300];
                snprintf(where, sizeof where, "%s.%s", keyed[k], key);
                return json_ctx_fail(ctx, where, "not an issue of the domain (the profile does not match the domain)");
            }
        }
    }
    json_t *domain = json_object_get(las, "domain");
    if (json_is_object(domain) && json_is_object(json_object_get(domain, "issuesValues"))) {
        const char *key;
        json_t *set;
        json_object_foreach(json_object_get(domain, "issuesValues"), key, set) {
            if (find_issue(space, key) < 0)
                return json_ctx_fail(ctx, "domain.issuesValues", "issue '%s' is not in the domain (the profile does "
                                     "not match the domain)", key);
        }
        if (json_object_size(json_object_get(domain, "issuesValues")) != parley_space_issue_count(space))
            return json_ctx_fail(ctx, "domain.issuesValues", "the profile's domain has %zu issues, the domain %zu",
                                 json_object_size(json_object_get(domain, "issuesValues")),
                                 parley_space_issue_count(space));
    }
    parley_utility *u = parley_utility_new(space);
    if (!u)
        return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
    int rc;
    size_t n = parley_space_issue_count(space);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = genius_issue_external_name(space, i);
        json_t *w = json_object_get(weights, name), *spec = json_object_get(utilities, name);
        double weight;
        size_t mark = json_ctx_push_field(ctx, "issueWeights");
        if (!json_number_of(w, &weight) || !(weight >= 0)) {
            rc = json_ctx_fail(ctx, name, w ? "expected a weight >= 0" : "missing weight of this issue");
            goto fail;
        }
        json_ctx_pop(ctx, mark);
        parley_utility_set_weight(u, i, weight);
        total += weight;
        mark = json_ctx_push_field(ctx, "issueUtilities");
        if (!spec) {
            rc = json_ctx_fail(ctx, name, "missing utilities of this issue");
            goto fail;
        }
        json_ctx_push_field(ctx, name);
        if ((rc = read_issue_utilities(ctx, spec, space, i, u)) != PARLEY_OK)
            goto fail;
        json_ctx_pop(ctx, mark);
    }
    if (!(total > 0)) {
        rc = json_ctx_fail(ctx, "issueWeights", "the weights sum to 0");
        goto fail;
    }
    double *scaled = malloc(n * sizeof *scaled);
    if (!scaled) {
        rc = parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        scaled[i] = parley_utility_weight(u, i);
    genius_weights_sum(options, ctx->file, total, scaled, n);
    for (size_t i = 0; i < n; i++)
        parley_utility_set_weight(u, i, scaled[i]);
    free(scaled);
    json_t *bid = json_object_get(las, "reservationBid");
    if (bid && !json_is_null(bid)) {
        json_t *values = json_is_object(bid) ? json_object_get(bid, "issuevalues") : NULL;
        if (!json_is_object(values)) {
            rc = json_ctx_fail(ctx, "reservationBid", "expected {\"issuevalues\": {...}} or null");
            goto fail;
        }
        double reservation = 0;
        const char *key;
        json_t *value;
        json_object_foreach(values, key, value) {
            long i = find_issue(space, key);
            long v = i >= 0 ? bid_value(space, (size_t)i, value) : -1;
            if (v < 0) {
                char where[300];
                snprintf(where, sizeof where, "reservationBid.issuevalues.%s", key);
                rc = json_ctx_fail(ctx, where, "not an issue and value of the domain");
                goto fail;
            }
            reservation += parley_utility_weight(u, (size_t)i) * parley_utility_value(u, (size_t)i, (uint32_t)v);
        }
        parley_utility_set_reservation(u, reservation > 1 ? 1 : reservation);
    }
    json_ctx_pop(ctx, top);
    *out = u;
    return PARLEY_OK;
fail:
    parley_utility_free(u);
    return rc;
}

int geniusweb_parse_documents(const parley_document *docs, size_t n, const parley_load_options *options,
                              parley_scenario **out, parley_error *err)
{
    *out = NULL;
    parley_error_clear(err);
    if (n < 2)
        return parley_error_set(err, PARLEY_EINVAL, "a GeniusWeb negotiation needs a domain and two profiles");
    json_ctx ctx = {docs[0].name, "", err};
    json_t *first = json_ctx_load_buffer(&ctx, docs[0].bytes, docs[0].length);
    if (!first)
        return err ? err->code : PARLEY_EINVAL;
    /* the first file is the domain, or a profile whose embedded domain serves */
    int first_is_profile = json_object_get(first, "LinearAdditiveUtilitySpace") != NULL;
    json_t *domain = first_is_profile ? json_object_get(json_object_get(first, "LinearAdditiveUtilitySpace"), "domain")
                                      : first;
    if (first_is_profile)
        json_ctx_push_field(&ctx, "LinearAdditiveUtilitySpace.domain");
    if (n - !first_is_profile < 2) {
        json_decref(first);
        return parley_error_set_at(err, PARLEY_EINVAL, docs[0].name, 0, 0, NULL,
                                   "a GeniusWeb domain needs at least two profiles after it "
                                   "(DOMAIN.json PROFILE1.json PROFILE2.json, or DOMAIN.json+P1.json+P2.json)");
    }
    parley_space *space = parley_space_new();
    char title[256];
    genius_base_name(docs[0].name, title, sizeof title);
    if (!space) {
        json_decref(first);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    int rc = read_domain(&ctx, domain, space, title, sizeof title);
    json_decref(first);
    if (rc == PARLEY_OK)
        rc = genius_check_limits(space, n - 1, options, docs[0].name, err);
    if (rc != PARLEY_OK) {
        parley_space_free(space);
        return rc;
    }
    parley_scenario *sc = parley_scenario_new(space);
    if (!sc || parley_scenario_set_title(sc, title) != PARLEY_OK) {
        parley_scenario_free(sc);
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    }
    for (size_t p = first_is_profile ? 0 : 1; p < n; p++) {
        json_ctx pctx = {docs[p].name, "", err};
        json_t *root = json_ctx_load_buffer(&pctx, docs[p].bytes, docs[p].length);
        if (!root) {
            rc = err ? err->code : PARLEY_EINVAL;
            goto fail;
        }
        parley_utility *u = NULL;
        rc = read_profile(&pctx, root, space, options, &u);
        json_decref(root);
        if (rc != PARLEY_OK)
            goto fail;
        if ((rc = genius_add_profile_party(sc, docs[p].name, "GeniusWeb", u, err)) != PARLEY_OK)
            goto fail;
    }
    *out = sc;
    return PARLEY_OK;
fail:
    parley_scenario_free(sc);
    return rc;
}

int parley_geniusweb_load(const char *domain_path, const char *const *profile_paths, size_t n,
                          parley_scenario **out, parley_error *err)
{
    return gx_load_files(domain_path, profile_paths, n, parley_geniusweb_parse, out, err);
}

int parley_geniusweb_parse(const char *const *texts, const size_t *lengths, const char *const *names, size_t n,
                           parley_scenario **out, parley_error *err)
{
    return genius_parse_texts(texts, lengths, names, n, geniusweb_parse_documents, out, err);
}
