/*
 * scenario_read.c: reads the native scenario JSON format (docs/scenario-format.md)
 * into a parley_scenario.  Every field is checked; a problem is reported with
 * the file, the JSON path and, inside a rule, the column.
 */
#include <parley/io.h>
#include <parley/scenario.h>

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strutil.h"
#include "io/json_util.h"
#include "io/load_internal.h"

static int read_issue(json_ctx *ctx, parley_space *space, json_t *obj)
{
    static const char *const keys[] = {"name", "type", "values", "min", "max", "step", "description", NULL};
    const char *name = NULL, *type = NULL, *description = NULL;
    int rc;
    if (!json_is_object(obj))
        return json_ctx_fail(ctx, NULL, "found %s (expected an issue object)", json_type_name(obj));
    if ((rc = json_ctx_check_keys(ctx, obj, keys)) || (rc = json_ctx_string(ctx, obj, "name", 1, &name)) ||
        (rc = json_ctx_string(ctx, obj, "type", 1, &type)) ||
        (rc = json_ctx_string(ctx, obj, "description", 0, &description)))
        return rc;
    parley_error inner = {0};
    if (strcmp(type, "categorical") == 0) {
        json_t *values;
        if ((rc = json_ctx_array(ctx, obj, "values", 1, &values)))
            return rc;
        size_t n = json_array_size(values);
        const char **labels = calloc(n ? n : 1, sizeof *labels);
        if (!labels)
            return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(values, i);
            if (!json_is_string(v)) {
                free(labels);
                char field[32];
                snprintf(field, sizeof field, "values[%zu]", i);
                return json_ctx_fail(ctx, field, "found %s (expected a string)", json_type_name(v));
            }
            labels[i] = json_string_value(v);
        }
        rc = parley_space_add_categorical(space, name, labels, n, &inner);
        free(labels);
    } else if (strcmp(type, "integer") == 0) {
        long long min, max, step = 1;
        if ((rc = json_ctx_integer(ctx, obj, "min", 1, &min)) || (rc = json_ctx_integer(ctx, obj, "max", 1, &max)) ||
            (rc = json_ctx_integer(ctx, obj, "step", 0, &step)))
            return rc;
        rc = parley_space_add_integer(space, name, min, max, step, &inner);
    } else if (strcmp(type, "real") == 0) {
        double min, max, step;
        if ((rc = json_ctx_number(ctx, obj, "min", 1, &min)) || (rc = json_ctx_number(ctx, obj, "max", 1, &max)) ||
            (rc = json_ctx_number(ctx, obj, "step", 1, &step)))
            return rc;
        rc = parley_space_add_real(space, name, min, max, step, &inner);
    } else {
        return json_ctx_fail(ctx, "type", "unknown issue type '%s' (expected categorical, integer or real)", type);
    }
    if (rc == PARLEY_ENOMEM)
        return parley_error_set(ctx->err, rc, "out of memory");
    if (rc != PARLEY_OK)
        return json_ctx_fail(ctx, NULL, "%s", inner.message);
    if (description)
        parley_space_set_description(space, parley_space_issue_count(space) - 1, description);
    return PARLEY_OK;
}

/* A [x, y] pair of numbers. */
static int read_point(json_ctx *ctx, json_t *arr, size_t i, const char *field, double *x, double *y)
{
    json_t *p = json_array_get(arr, i);
    if (!json_is_array(p) || json_array_size(p) != 2 || !json_is_number(json_array_get(p, 0)) ||
        !json_is_number(json_array_get(p, 1))) {
        char where[64];
        snprintf(where, sizeof where, "%s[%zu]", field, i);
        return json_ctx_fail(ctx, where, "expected a pair [number, number]");
    }
    *x = json_number_value(json_array_get(p, 0));
    *y = json_number_value(json_array_get(p, 1));
    return PARLEY_OK;
}

/* The value function of a numeric issue: linear, piecewise-linear or step; fills utility of every grid value. */
/* "'bleu' is not a value of issue 'color' (did you mean 'blue'?)": the nearest label of a categorical issue. */
static int fail_not_a_value(json_ctx *ctx, const parley_space *space, size_t issue, const char *key)
{
    const char *near = NULL;
    uint32_t n = parley_issue_value_count(space, issue);
    if (parley_issue_type_of(space, issue) == PARLEY_ISSUE_CATEGORICAL && n <= 4096) {
        const char **labels = malloc((n ? n : 1) * sizeof *labels);
        if (labels) {
            for (uint32_t v = 0; v < n; v++)
                labels[v] = parley_issue_label(space, issue, v);
            near = parley_nearest_word(key, labels, n);
        }
        free(labels);
    }
    if (near)
        return json_ctx_fail(ctx, key, "'%s' is not a value of issue '%s' (did you mean '%s'?)", key,
                             parley_issue_name(space, issue), near);
    return json_ctx_fail(ctx, key, "'%s' is not a value of issue '%s'", key, parley_issue_name(space, issue));
}

static int read_function(json_ctx *ctx, const parley_space *space, size_t issue, json_t *fn, parley_utility *u)
{
    static const char *const keys[] = {"type", "at_min", "at_max", "points", "steps", NULL};
    const char *type = NULL;
    int rc;
    size_t mark = json_ctx_push_field(ctx, "function");
    if ((rc = json_ctx_check_keys(ctx, fn, keys)) || (rc = json_ctx_string(ctx, fn, "type", 1, &type)))
        goto done;
    uint32_t count = parley_issue_value_count(space, issue);
    double lo = parley_issue_min(space, issue), hi = parley_issue_max(space, issue);
    if (strcmp(type, "linear") == 0) {
        double a = 0, b = 1;
        if ((rc = json_ctx_number(ctx, fn, "at_min", 1, &a)) || (rc = json_ctx_number(ctx, fn, "at_max", 1, &b)))
            goto done;
        if (!(a >= 0 && a <= 1) || !(b >= 0 && b <= 1)) {
            char number[64];
            int bad_min = !(a >= 0 && a <= 1);
            rc = json_ctx_fail(ctx, bad_min ? "at_min" : "at_max", "the utility %s is outside [0,1]",
                               parley_format_number(bad_min ? a : b, number, sizeof number));
            goto done;
        }
        for (uint32_t v = 0; v < count; v++) {
            double x = parley_issue_number(space, issue, v);
            parley_utility_set_value(u, issue, v, hi > lo ? a + (b - a) * (x - lo) / (hi - lo) : b);
        }
    } else if (strcmp(type, "piecewise") == 0 || strcmp(type, "step") == 0) {
        int step = type[0] == 's';
        const char *field = step ? "steps" : "points";
        json_t *pts;
        if ((rc = json_ctx_array(ctx, fn, field, 1, &pts)))
            goto done;
        size_t n = json_array_size(pts);
        if (n == 0) {
            rc = json_ctx_fail(ctx, field, "expected at least one [x, utility] pair");
            goto done;
        }
        double px = 0, py = 0, prev = -INFINITY;
        for (size_t k = 0; k < n; k++) {
            if ((rc = read_point(ctx, pts, k, field, &px, &py)))
                goto done;
            if (!(py >= 0 && py <= 1)) {
                char where[64], number[64];
                snprintf(where, sizeof where, "%s[%zu]", field, k);
                rc = json_ctx_fail(ctx, where, "the utility %s is outside [0,1]",
                                   parley_format_number(py, number, sizeof number));
                goto done;
            }
            if (!(px > prev)) {
                char where[64];
                snprintf(where, sizeof where, "%s[%zu]", field, k);
                rc = json_ctx_fail(ctx, where, "x values must increase (%g follows %g)", px, prev);
                goto done;
            }
            prev = px;
        }
        for (uint32_t v = 0; v < count; v++) {
            double x = parley_issue_number(space, issue, v), y;
            double x0, y0, x1, y1;
            read_point(ctx, pts, 0, field, &x0, &y0);
            if (x <= x0 + 1e-12) {
                y = step && x < x0 - 1e-12 ? 0 : y0;
            } else {
                y = y0;
                for (size_t k = 1; k < n; k++) {
                    read_point(ctx, pts, k, field, &x1, &y1);
                    if (x < x1 - 1e-12) {
                        y = step ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
                        break;
                    }
                    x0 = x1;
                    y0 = y1;
                    y = y1;
                }
            }
            parley_utility_set_value(u, issue, v, y);
        }
    } else {
        static const char *const types[] = {"linear", "piecewise", "step"};
        const char *near = parley_nearest_word(type, types, 3);
        rc = near ? json_ctx_fail(ctx, "type", "unknown function type '%s' (did you mean '%s'? expected linear, "
                                               "piecewise or step)", type, near)
                  : json_ctx_fail(ctx, "type", "unknown function type '%s' (expected linear, piecewise or step)", type);
    }
done:
    json_ctx_pop(ctx, mark);
    return rc;
}

/* "values": {label: utility} for a categorical issue (or {"30": u} for a numeric one): every value listed. */
static int read_value_table(json_ctx *ctx, const parley_space *space, size_t issue, json_t *table, parley_utility *u)
{
    const char *key;
    json_t *value;
    uint32_t count = parley_issue_value_count(space, issue);
    unsigned char *seen = calloc(count, 1);
    int rc = PARLEY_OK;
    size_t mark = json_ctx_push_field(ctx, "values");
    if (!seen) {
        rc = parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        goto done;
    }
    json_object_foreach(table, key, value) {
        long v = parley_issue_find_label(space, issue, key);
        if (v < 0 && parley_issue_type_of(space, issue) != PARLEY_ISSUE_CATEGORICAL) {
            char *end;
            double x = strtod(key, &end);
            v = *end || end == key ? -1 : parley_issue_find_number(space, issue, x);
        }
        if (v < 0) {
            rc = fail_not_a_value(ctx, space, issue, key);
            goto done;
        }
        if (!json_is_number(value)) {
            rc = json_ctx_fail(ctx, key, "found %s (expected a utility in [0,1])", json_type_name(value));
            goto done;
        }
        if (!(json_number_value(value) >= 0 && json_number_value(value) <= 1)) {
            char number[64];
            rc = json_ctx_fail(ctx, key, "the utility of value '%s' is %s (expected a number in [0,1])", key,
                               parley_format_number(json_number_value(value), number, sizeof number));
            goto done;
        }
        if (seen[v]) {
            char label[64];
            rc = json_ctx_fail(ctx, key, "value '%s' of issue '%s' is listed twice", 
                               parley_issue_format_value(space, issue, (uint32_t)v, label, sizeof label),
                               parley_issue_name(space, issue));
            goto done;
        }
        parley_utility_set_value(u, issue, (uint32_t)v, json_number_value(value));
        seen[v] = 1;
    }
    for (uint32_t v = 0; v < count; v++)
        if (!seen[v]) {
            char label[64];
            rc = json_ctx_fail(ctx, NULL, "no utility for value '%s' of issue '%s' (expected every value listed)",
                               parley_issue_format_value(space, issue, v, label, sizeof label),
                               parley_issue_name(space, issue));
            goto done;
        }
done:
    free(seen);
    json_ctx_pop(ctx, mark);
    return rc;
}

static int read_preferences(json_ctx *ctx, const parley_space *space, json_t *prefs, parley_utility *u)
{
    static const char *const keys[] = {"weight", "values", "function", NULL};
    const char *issue_name;
    json_t *spec;
    int rc = PARLEY_OK;
    size_t mark = json_ctx_push_field(ctx, "preferences");
    json_object_foreach(prefs, issue_name, spec) {
        size_t inner = json_ctx_push_field(ctx, issue_name);
        long issue = parley_space_find_issue(space, issue_name);
        double weight = 0;
        json_t *values, *fn;
        if (issue < 0)
            rc = json_ctx_fail(ctx, NULL, "unknown issue '%s'", issue_name);
        else if (!json_is_object(spec))
            rc = json_ctx_fail(ctx, NULL, "found %s (expected {\"weight\": ..., \"values\" or \"function\": ...})",
                               json_type_name(spec));
        else if (!(rc = json_ctx_check_keys(ctx, spec, keys)) && !(rc = json_ctx_number(ctx, spec, "weight", 1, &weight)) &&
                 !(rc = json_ctx_object(ctx, spec, "values", 0, &values)) &&
                 !(rc = json_ctx_object(ctx, spec, "function", 0, &fn))) {
            if (weight < 0)
                rc = json_ctx_fail(ctx, "weight", "weight %g is negative (expected >= 0)", weight);
            else if (!values == !fn)
                rc = json_ctx_fail(ctx, NULL, "expected exactly one of \"values\" (a table) or \"function\"");
            else if (fn && parley_issue_type_of(space, (size_t)issue) == PARLEY_ISSUE_CATEGORICAL)
                rc = json_ctx_fail(ctx, "function", "issue '%s' is categorical: give a \"values\" table",
                                   issue_name);
            else {
                parley_utility_set_weight(u, (size_t)issue, weight);
                rc = values ? read_value_table(ctx, space, (size_t)issue, values, u)
                            : read_function(ctx, space, (size_t)issue, fn, u);
            }
        }
        json_ctx_pop(ctx, inner);
        if (rc)
            break;
    }
    json_ctx_pop(ctx, mark);
    return rc;
}

/* A constraint object {name, rule, why?, source?}; party -1 for global. */
static int read_constraint(json_ctx *ctx, parley_scenario *sc, long party, json_t *obj)
{
    static const char *const keys[] = {"name", "rule", "why", "source", NULL};
    const char *name = NULL, *rule = NULL, *why = NULL, *source = NULL;
    int rc;
    if (!json_is_object(obj))
        return json_ctx_fail(ctx, NULL, "found %s (expected {\"name\": ..., \"rule\": ...})", json_type_name(obj));
    if ((rc = json_ctx_check_keys(ctx, obj, keys)) || (rc = json_ctx_string(ctx, obj, "name", 1, &name)) ||
        (rc = json_ctx_string(ctx, obj, "rule", 1, &rule)) || (rc = json_ctx_string(ctx, obj, "why", 0, &why)) ||
        (rc = json_ctx_string(ctx, obj, "source", 0, &source)))
        return rc;
    if (source) {
        size_t s = 0;
        while (s < parley_scenario_source_count(sc) && strcmp(parley_scenario_source(sc, s)->id, source) != 0)
            s++;
        if (s == parley_scenario_source_count(sc))
            return json_ctx_fail(ctx, "source", "unknown source id '%s' (expected an id from \"sources\")", source);
    }
    parley_error inner = {0};
    rc = parley_scenario_add_constraint(sc, party, name, rule, why, source, &inner);
    if (rc == PARLEY_OK)
        return rc;
    if (rc == PARLEY_ENOMEM)
        return parley_error_set(ctx->err, rc, "out of memory");
    if (ctx->err)
        ctx->err->column = inner.column;
    if (inner.column > 0)
        return json_ctx_fail(ctx, "rule", "%s (in \"%s\", at column %d of the rule)", inner.message, rule,
                             inner.column);
    /* no column: not the rule but the name (empty, or defined twice) */
    return json_ctx_fail(ctx, "name", "%s", inner.message);
}

static int read_constraints(json_ctx *ctx, parley_scenario *sc, long party, json_t *list, const char *field)
{
    size_t mark = json_ctx_push_field(ctx, field);
    int rc = PARLEY_OK;
    for (size_t i = 0; i < json_array_size(list) && rc == PARLEY_OK; i++) {
        size_t inner = json_ctx_push_index(ctx, i);
        rc = read_constraint(ctx, sc, party, json_array_get(list, i));
        json_ctx_pop(ctx, inner);
    }
    json_ctx_pop(ctx, mark);
    return rc;
}

/* "trust": {phase name: probability that the phase is carried out once the previous one was}. */
static int read_trust(json_ctx *ctx, parley_scenario *sc, size_t party, json_t *trust)
{
    const char *phase_name;
    json_t *value;
    if (!json_is_object(trust))
        return json_ctx_fail(ctx, "trust", "found %s (expected {phase name: probability})", json_type_name(trust));
    if (parley_party_role(sc, party) != PARLEY_ROLE_PARTY)
        return json_ctx_fail(ctx, "trust", "only parties state trust");
    size_t mark = json_ctx_push_field(ctx, "trust");
    int rc = PARLEY_OK;
    json_object_foreach(trust, phase_name, value) {
        long phase = parley_scenario_find_phase(sc, phase_name);
        if (phase < 0)
            rc = json_ctx_fail(ctx, phase_name, "unknown phase '%s' (phases are declared in \"phases\")", phase_name);
        else if (!json_is_number(value) || !(json_number_value(value) >= 0 && json_number_value(value) <= 1))
            rc = json_ctx_fail(ctx, phase_name, "expected a probability in [0,1]");
        else
            rc = parley_scenario_set_trust(sc, party, (size_t)phase, json_number_value(value));
        if (rc)
            break;
    }
    json_ctx_pop(ctx, mark);
    return rc;
}

/* {"name", "weeks", "issues": [...], "fallback": {issue: value}, "conditions": [constraint], "description"} */
static int read_phase(json_ctx *ctx, parley_scenario *sc, json_t *obj)
{
    static const char *const keys[] = {"name", "weeks", "issues", "fallback", "conditions", "description", NULL};
    const parley_space *space = parley_scenario_space(sc);
    const char *name = NULL, *description = NULL;
    double weeks = 0;
    json_t *issues, *fallback, *conditions;
    int rc;
    if (!json_is_object(obj))
        return json_ctx_fail(ctx, NULL, "found %s (expected a phase object)", json_type_name(obj));
    if ((rc = json_ctx_check_keys(ctx, obj, keys)) || (rc = json_ctx_string(ctx, obj, "name", 1, &name)) ||
        (rc = json_ctx_number(ctx, obj, "weeks", 0, &weeks)) || (rc = json_ctx_array(ctx, obj, "issues", 1, &issues)) ||
        (rc = json_ctx_object(ctx, obj, "fallback", 0, &fallback)) ||
        (rc = json_ctx_array(ctx, obj, "conditions", 0, &conditions)) ||
        (rc = json_ctx_string(ctx, obj, "description", 0, &description)))
        return rc;
    size_t n = json_array_size(issues), list[PARLEY_MAX_ISSUES];
    if (n > PARLEY_MAX_ISSUES)
        return json_ctx_fail(ctx, "issues", "too many issues");
    for (size_t k = 0; k < n; k++) {
        json_t *item = json_array_get(issues, k);
        long issue = json_is_string(item) ? parley_space_find_issue(space, json_string_value(item)) : -1;
        if (issue < 0) {
            char where[32];
            snprintf(where, sizeof where, "issues[%zu]", k);
            return json_ctx_fail(ctx, where, "expected the name of an issue");
        }
        list[k] = (size_t)issue;
    }
    parley_error inner = {0};
    if ((rc = parley_scenario_add_phase(sc, name, weeks, list, n, &inner)) != PARLEY_OK)
        return rc == PARLEY_ENOMEM ? parley_error_set(ctx->err, rc, "out of memory") : json_ctx_fail(ctx, NULL, "%s", inner.message);
    const char *issue_name;
    json_t *value;
    json_object_foreach(fallback, issue_name, value) {
        size_t mark = json_ctx_push_field(ctx, "fallback");
        long issue = parley_space_find_issue(space, issue_name);
        long v = -1;
        if (issue >= 0 && json_is_string(value))
            v = parley_issue_find_label(space, (size_t)issue, json_string_value(value));
        else if (issue >= 0 && json_is_number(value))
            v = parley_issue_find_number(space, (size_t)issue, json_number_value(value));
        if (issue < 0 || parley_issue_phase(sc, (size_t)issue) != (long)parley_scenario_phase_count(sc) - 1)
            rc = json_ctx_fail(ctx, issue_name, "'%s' is not an issue of phase '%s'", issue_name, name);
        else if (v < 0)
            rc = json_ctx_fail(ctx, issue_name, "expected a value of issue '%s'", issue_name);
        else
            parley_scenario_set_fallback(sc, (size_t)issue, (uint32_t)v);
        json_ctx_pop(ctx, mark);
        if (rc)
            return rc;
    }
    size_t phase = parley_scenario_phase_count(sc) - 1;
    if (description && parley_phase_set_description(sc, phase, description) != PARLEY_OK)
        return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
    size_t before = parley_scenario_constraint_count(sc);
    if (conditions && (rc = read_constraints(ctx, sc, -1, conditions, "conditions")) != PARLEY_OK)
        return rc;
    for (size_t i = before; i < parley_scenario_constraint_count(sc); i++)
        parley_scenario_set_constraint_phase(sc, i, phase);
    return PARLEY_OK;
}

/*
 * A native profile's weights must sum to 1: within PARLEY_WEIGHT_TOLERANCE they are
 * divided by their sum (weights rounded to 6 decimals sum to 0.999998), with a
 * warning when they are off by more than rounding; further off is an error.
 */
static int check_weights(json_ctx *ctx, const char *name, parley_utility *u, const parley_load_options *options)
{
    size_t n = parley_space_issue_count(parley_utility_space(u));
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += parley_utility_weight(u, i);
    if (n == 0 || fabs(total - 1.0) <= 1e-12) /* sums off by float rounding only are left alone */
        return PARLEY_OK;
    char number[64]; /* a sum carries float noise: 9 digits say what was meant (0.999998, not 0.99999799999999997) */
    snprintf(number, sizeof number, "%.9g", total);
    if (!(fabs(total - 1.0) <= PARLEY_WEIGHT_TOLERANCE))
        return json_ctx_fail(ctx, "preferences", "party '%s': the issue weights sum to %s (expected 1, within %g)",
                             name, number, PARLEY_WEIGHT_TOLERANCE);
    for (size_t i = 0; i < n; i++)
        parley_utility_set_weight(u, i, parley_utility_weight(u, i) / total);
    if (fabs(total - 1.0) > 1e-9 && options && options->warn) {
        char message[512];
        snprintf(message, sizeof message, "%s: party '%s': the issue weights sum to %s; divided by their sum",
                 ctx->file, name, number);
        options->warn(options->warn_ctx, message);
    }
    return PARLEY_OK;
}

static int read_party(json_ctx *ctx, parley_scenario *sc, json_t *obj, const parley_load_options *options)
{
    static const char *const keys[] = {"name", "role", "description", "reservation", "reservation_curve",
                                       "discount", "preferences", "red_lines", "trust", NULL};
    const char *name = NULL, *role = "party", *description = NULL;
    double reservation = 0, discount = 1;
    json_t *prefs, *red_lines, *curve;
    int rc;
    if (!json_is_object(obj))
        return json_ctx_fail(ctx, NULL, "found %s (expected a party object)", json_type_name(obj));
    if ((rc = json_ctx_check_keys(ctx, obj, keys)) || (rc = json_ctx_string(ctx, obj, "name", 1, &name)) ||
        (rc = json_ctx_string(ctx, obj, "role", 0, &role)) ||
        (rc = json_ctx_string(ctx, obj, "description", 0, &description)) ||
        (rc = json_ctx_number(ctx, obj, "reservation", 0, &reservation)) ||
        (rc = json_ctx_number(ctx, obj, "discount", 0, &discount)) ||
        (rc = json_ctx_object(ctx, obj, "preferences", 0, &prefs)) ||
        (rc = json_ctx_array(ctx, obj, "red_lines", 0, &red_lines)) ||
        (rc = json_ctx_array(ctx, obj, "reservation_curve", 0, &curve)))
        return rc;
    int mediator = strcmp(role, "mediator") == 0;
    if (!mediator && strcmp(role, "party") != 0)
        return json_ctx_fail(ctx, "role", "unknown role '%s' (expected party or mediator)", role);
    if (mediator && (prefs || red_lines || curve || json_object_get(obj, "reservation") ||
                     json_object_get(obj, "discount") || json_object_get(obj, "trust")))
        return json_ctx_fail(ctx, NULL,
                             "mediator '%s' cannot have preferences, red lines, a reservation value or curve, a "
                             "discount or trust (they belong to parties)", name);
    if (!mediator && !prefs)
        return json_ctx_fail(ctx, "preferences", "party '%s' has no preferences (expected {issue: {weight, ...}})",
                             name);
    parley_utility *u = NULL;
    if (!mediator) {
        const parley_space *space = parley_scenario_space(sc);
        if (!(u = parley_utility_new(space)))
            return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        if ((rc = read_preferences(ctx, space, prefs, u)))
            goto fail;
        if (!(reservation >= 0 && reservation <= 1)) {
            rc = json_ctx_fail(ctx, "reservation", "reservation value %g is outside [0,1]", reservation);
            goto fail;
        }
        if (parley_utility_set_discount(u, discount) != PARLEY_OK) {
            rc = json_ctx_fail(ctx, "discount", "discount factor %g is outside (0,1]", discount);
            goto fail;
        }
        parley_utility_set_reservation(u, reservation);
        if (curve) {
            size_t n = json_array_size(curve);
            double t[64], r[64];
            if (n > 64) {
                rc = json_ctx_fail(ctx, "reservation_curve", "at most 64 points");
                goto fail;
            }
            for (size_t k = 0; k < n; k++)
                if ((rc = read_point(ctx, curve, k, "reservation_curve", &t[k], &r[k])))
                    goto fail;
            if ((rc = parley_utility_set_reservation_curve(u, n, t, r)) != PARLEY_OK) {
                rc = rc == PARLEY_ENOMEM ? parley_error_set(ctx->err, rc, "out of memory")
                                         : json_ctx_fail(ctx, "reservation_curve", "times must increase");
                goto fail;
            }
        }
        if ((rc = check_weights(ctx, name, u, options)))
            goto fail;
        parley_error inner = {0};
        if (parley_utility_validate(u, &inner) != PARLEY_OK) {
            rc = json_ctx_fail(ctx, "preferences", "party '%s': %s", name, inner.message);
            goto fail;
        }
    }
    parley_error inner = {0};
    long index = parley_scenario_add_party(sc, name, mediator ? PARLEY_ROLE_MEDIATOR : PARLEY_ROLE_PARTY, u, &inner);
    u = NULL; /* taken over, even on failure */
    if (index < 0)
        return index == PARLEY_ENOMEM ? parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory")
                                      : json_ctx_fail(ctx, "name", "%s", inner.message);
    if (description)
        parley_party_set_description(sc, (size_t)index, description);
    json_t *trust = json_object_get(obj, "trust");
    if (trust && (rc = read_trust(ctx, sc, (size_t)index, trust)))
        return rc;
    if (red_lines)
        return read_constraints(ctx, sc, index, red_lines, "red_lines");
    return PARLEY_OK;
fail:
    parley_utility_free(u);
    return rc;
}

static int read_sources(json_ctx *ctx, parley_scenario *sc, json_t *list)
{
    static const char *const keys[] = {"id", "title", "publisher", "date", "url", "file", "quote", NULL};
    size_t mark = json_ctx_push_field(ctx, "sources");
    int rc = PARLEY_OK;
    for (size_t i = 0; i < json_array_size(list) && rc == PARLEY_OK; i++) {
        size_t inner = json_ctx_push_index(ctx, i);
        json_t *obj = json_array_get(list, i);
        parley_source s = {0};
        if (!json_is_object(obj))
            rc = json_ctx_fail(ctx, NULL, "found %s (expected a source object)", json_type_name(obj));
        else if (!(rc = json_ctx_check_keys(ctx, obj, keys)) && !(rc = json_ctx_string(ctx, obj, "id", 1, &s.id)) &&
                 !(rc = json_ctx_string(ctx, obj, "title", 0, &s.title)) &&
                 !(rc = json_ctx_string(ctx, obj, "publisher", 0, &s.publisher)) &&
                 !(rc = json_ctx_string(ctx, obj, "date", 0, &s.date)) &&
                 !(rc = json_ctx_string(ctx, obj, "url", 0, &s.url)) &&
                 !(rc = json_ctx_string(ctx, obj, "file", 0, &s.file)) &&
                 !(rc = json_ctx_string(ctx, obj, "quote", 0, &s.quote)))
            rc = parley_scenario_add_source(sc, &s) == PARLEY_OK
                     ? PARLEY_OK
                     : parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        json_ctx_pop(ctx, inner);
    }
    json_ctx_pop(ctx, mark);
    return rc;
}

static int read_scenario(json_ctx *ctx, json_t *root, const parley_load_options *options, parley_scenario **out)
{
    static const char *const keys[] = {"format", "version", "title", "description", "sources", "issues", "phases",
                                       "parties", "constraints", NULL};
    const char *title = NULL, *description = NULL, *format = NULL;
    json_t *issues, *parties, *constraints, *sources;
    int rc;
    if (json_object_get(root, "decision_makers") && !json_object_get(root, "parties"))
        return json_ctx_fail(ctx, "decision_makers",
                             "this is a conflict model (decision makers and options), not a negotiation scenario: "
                             "read it with parley conflict");
    if ((rc = json_ctx_check_keys(ctx, root, keys)) || (rc = json_ctx_string(ctx, root, "format", 0, &format)) ||
        (rc = json_ctx_string(ctx, root, "title", 0, &title)) ||
        (rc = json_ctx_string(ctx, root, "description", 0, &description)) ||
        (rc = json_ctx_array(ctx, root, "sources", 0, &sources)) ||
        (rc = json_ctx_array(ctx, root, "issues", 1, &issues)) ||
        (rc = json_ctx_array(ctx, root, "parties", 1, &parties)) ||
        (rc = json_ctx_array(ctx, root, "constraints", 0, &constraints)))
        return rc;
    if (format && strcmp(format, "parley-scenario") != 0)
        return json_ctx_fail(ctx, "format", "format '%s' is not a parley scenario (expected \"parley-scenario\")",
                             format);
    if (json_array_size(issues) == 0)
        return json_ctx_fail(ctx, "issues", "expected at least one issue");
    parley_space *space = parley_space_new();
    if (!space)
        return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < json_array_size(issues); i++) {
        size_t mark = json_ctx_push_field(ctx, "issues");
        json_ctx_push_index(ctx, i);
        rc = read_issue(ctx, space, json_array_get(issues, i));
        json_ctx_pop(ctx, mark);
        if (rc) {
            parley_space_free(space);
            return rc;
        }
    }
    parley_scenario *sc = parley_scenario_new(space);
    if (!sc)
        return parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
    if ((title && parley_scenario_set_title(sc, title)) ||
        (description && parley_scenario_set_description(sc, description))) {
        rc = parley_error_set(ctx->err, PARLEY_ENOMEM, "out of memory");
        goto fail;
    }
    if (sources && (rc = read_sources(ctx, sc, sources)))
        goto fail;
    json_t *phases;
    if ((rc = json_ctx_array(ctx, root, "phases", 0, &phases)))
        goto fail;
    for (size_t i = 0; i < json_array_size(phases); i++) {
        size_t mark = json_ctx_push_field(ctx, "phases");
        json_ctx_push_index(ctx, i);
        rc = read_phase(ctx, sc, json_array_get(phases, i));
        json_ctx_pop(ctx, mark);
        if (rc)
            goto fail;
    }
    for (size_t i = 0; i < json_array_size(parties); i++) {
        size_t mark = json_ctx_push_field(ctx, "parties");
        json_ctx_push_index(ctx, i);
        rc = read_party(ctx, sc, json_array_get(parties, i), options);
        json_ctx_pop(ctx, mark);
        if (rc)
            goto fail;
    }
    if (constraints && (rc = read_constraints(ctx, sc, -1, constraints, "constraints")))
        goto fail;
    parley_error inner = {0};
    if ((rc = parley_scenario_validate(sc, &inner)) != PARLEY_OK) {
        rc = json_ctx_fail(ctx, "parties", "%s", inner.message);
        goto fail;
    }
    *out = sc;
    return PARLEY_OK;
fail:
    parley_scenario_free(sc);
    return rc;
}

int parley_scenario_load(const char *path, parley_scenario **out, parley_error *err)
{
    return parley_scenario_load_with(&path, 1, NULL, out, err);
}

int parley_scenario_parse(const char *text, size_t length, const char *name, parley_scenario **out,
                          parley_error *err)
{
    return scenario_parse_with(text, length, name, NULL, out, err);
}

int scenario_parse_with(const char *text, size_t length, const char *name, const parley_load_options *options,
                        parley_scenario **out, parley_error *err)
{
    *out = NULL;
    json_ctx ctx = {name ? name : "<input>", "", err};
    parley_error_clear(err);
    json_t *root = json_ctx_load_buffer(&ctx, text, length);
    if (!root)
        return err ? err->code : PARLEY_EINVAL;
    int rc = read_scenario(&ctx, root, options, out);
    json_decref(root);
    return rc;
}
