/*
 * scenario_write.c: writes a parley_scenario as native scenario JSON.  Value
 * functions of numeric issues are written as "linear" when the utilities lie on
 * a line, otherwise as a "piecewise" function through every grid value, so that
 * reading the file back gives the same utilities.  Numbers are written in the
 * one number format (parley_format_number): the shortest decimal that reads
 * back to exactly the same double (0.6, 0.3333333333333333).
 */
#include "io/json_util.h"
#include <parley/scenario.h>

#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *number_json(const parley_space *space, size_t issue, double x)
{
    return parley_issue_type_of(space, issue) == PARLEY_ISSUE_INTEGER ? json_integer((json_int_t)llround(x))
                                                                         : json_real(x);
}

static json_t *issue_json(const parley_space *space, size_t i)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(parley_issue_name(space, i)));
    parley_issue_type type = parley_issue_type_of(space, i);
    if (type == PARLEY_ISSUE_CATEGORICAL) {
        json_object_set_new(o, "type", json_string("categorical"));
        json_t *values = json_array();
        for (uint32_t v = 0; v < parley_issue_value_count(space, i); v++)
            json_array_append_new(values, json_string(parley_issue_label(space, i, v)));
        json_object_set_new(o, "values", values);
    } else {
        json_object_set_new(o, "type", json_string(type == PARLEY_ISSUE_INTEGER ? "integer" : "real"));
        json_object_set_new(o, "min", number_json(space, i, parley_issue_min(space, i)));
        json_object_set_new(o, "max", number_json(space, i, parley_issue_max(space, i)));
        json_object_set_new(o, "step", number_json(space, i, parley_issue_step(space, i)));
    }
    if (parley_issue_description(space, i))
        json_object_set_new(o, "description", json_string(parley_issue_description(space, i)));
    return o;
}

static json_t *value_function_json(const parley_utility *u, const parley_space *space, size_t i)
{
    json_t *spec = json_object();
    json_object_set_new(spec, "weight", json_real(parley_utility_weight(u, i)));
    uint32_t n = parley_issue_value_count(space, i);
    if (parley_issue_type_of(space, i) == PARLEY_ISSUE_CATEGORICAL) {
        json_t *values = json_object();
        for (uint32_t v = 0; v < n; v++)
            json_object_set_new(values, parley_issue_label(space, i, v), json_real(parley_utility_value(u, i, v)));
        json_object_set_new(spec, "values", values);
        return spec;
    }
    double first = parley_utility_value(u, i, 0), last = parley_utility_value(u, i, n - 1);
    int linear = 1;
    for (uint32_t v = 1; v + 1 < n && linear; v++)
        linear = fabs(first + (last - first) * v / (n - 1) - parley_utility_value(u, i, v)) < 1e-12;
    json_t *fn = json_object();
    if (linear) {
        json_object_set_new(fn, "type", json_string("linear"));
        json_object_set_new(fn, "at_min", json_real(first));
        json_object_set_new(fn, "at_max", json_real(last));
    } else {
        json_object_set_new(fn, "type", json_string("piecewise"));
        json_t *points = json_array();
        for (uint32_t v = 0; v < n; v++)
            json_array_append_new(points, json_pack("[o,f]", number_json(space, i, parley_issue_number(space, i, v)),
                                                    parley_utility_value(u, i, v)));
        json_object_set_new(fn, "points", points);
    }
    json_object_set_new(spec, "function", fn);
    return spec;
}

static json_t *constraint_json(const parley_constraint *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(c->name));
    json_object_set_new(o, "rule", json_string(c->rule));
    if (c->why)
        json_object_set_new(o, "why", json_string(c->why));
    if (c->source)
        json_object_set_new(o, "source", json_string(c->source));
    return o;
}

static json_t *party_json(const parley_scenario *sc, size_t p)
{
    const parley_space *space = parley_scenario_space(sc);
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(parley_party_name(sc, p)));
    json_object_set_new(o, "role", json_string(parley_party_role(sc, p) == PARLEY_ROLE_PARTY ? "party" : "mediator"));
    if (parley_party_description(sc, p)[0])
        json_object_set_new(o, "description", json_string(parley_party_description(sc, p)));
    const parley_utility *u = parley_party_utility(sc, p);
    if (!u)
        return o;
    json_object_set_new(o, "reservation", json_real(parley_utility_reservation(u)));
    if (parley_utility_discount(u) < 1)
        json_object_set_new(o, "discount", json_real(parley_utility_discount(u)));
    const double *t, *r;
    size_t n = parley_utility_reservation_curve(u, &t, &r);
    if (n) {
        json_t *curve = json_array();
        for (size_t k = 0; k < n; k++)
            json_array_append_new(curve, json_pack("[f,f]", t[k], r[k]));
        json_object_set_new(o, "reservation_curve", curve);
    }
    json_t *prefs = json_object();
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        if (parley_utility_weight(u, i) > 0)
            json_object_set_new(prefs, parley_issue_name(space, i), value_function_json(u, space, i));
    json_object_set_new(o, "preferences", prefs);
    if (parley_scenario_phase_count(sc) > 1) {
        json_t *trust = json_object();
        for (size_t ph = 1; ph < parley_scenario_phase_count(sc); ph++)
            if (parley_scenario_trust(sc, p, ph) < 1)
                json_object_set_new(trust, parley_phase_name(sc, ph), json_real(parley_scenario_trust(sc, p, ph)));
        if (json_object_size(trust))
            json_object_set_new(o, "trust", trust);
        else
            json_decref(trust);
    }
    json_t *red = json_array();
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++)
        if (parley_scenario_constraint(sc, c)->party == (long)p)
            json_array_append_new(red, constraint_json(parley_scenario_constraint(sc, c)));
    if (json_array_size(red))
        json_object_set_new(o, "red_lines", red);
    else
        json_decref(red);
    return o;
}

static void set_optional(json_t *o, const char *key, const char *value)
{
    if (value)
        json_object_set_new(o, key, json_string(value));
}

int parley_scenario_write(const parley_scenario *sc, FILE *out, parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    json_t *root = json_object();
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    json_object_set_new(root, "format", json_string("parley-scenario"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "title", json_string(parley_scenario_title(sc)));
    if (parley_scenario_description(sc)[0])
        json_object_set_new(root, "description", json_string(parley_scenario_description(sc)));
    if (parley_scenario_source_count(sc)) {
        json_t *sources = json_array();
        for (size_t s = 0; s < parley_scenario_source_count(sc); s++) {
            const parley_source *src = parley_scenario_source(sc, s);
            json_t *o = json_object();
            set_optional(o, "id", src->id);
            set_optional(o, "title", src->title);
            set_optional(o, "publisher", src->publisher);
            set_optional(o, "date", src->date);
            set_optional(o, "url", src->url);
            set_optional(o, "file", src->file);
            set_optional(o, "quote", src->quote);
            json_array_append_new(sources, o);
        }
        json_object_set_new(root, "sources", sources);
    }
    json_t *issues = json_array();
    for (size_t i = 0; i < parley_space_issue_count(space); i++)
        json_array_append_new(issues, issue_json(space, i));
    json_object_set_new(root, "issues", issues);
    if (parley_scenario_phase_count(sc)) {
        json_t *phases = json_array();
        for (size_t ph = 0; ph < parley_scenario_phase_count(sc); ph++) {
            json_t *o = json_object(), *list = json_array(), *fallback = json_object();
            const size_t *phase_issues;
            size_t n = parley_phase_issues(sc, ph, &phase_issues);
            json_object_set_new(o, "name", json_string(parley_phase_name(sc, ph)));
            json_object_set_new(o, "weeks", json_real(parley_phase_weeks(sc, ph)));
            for (size_t k = 0; k < n; k++) {
                char value[64];
                json_array_append_new(list, json_string(parley_issue_name(space, phase_issues[k])));
                uint32_t fb = parley_scenario_fallback(sc, phase_issues[k]);
                json_object_set_new(fallback, parley_issue_name(space, phase_issues[k]),
                                    parley_issue_type_of(space, phase_issues[k]) == PARLEY_ISSUE_CATEGORICAL
                                        ? json_string(parley_issue_format_value(space, phase_issues[k], fb, value, sizeof value))
                                        : number_json(space, phase_issues[k], parley_issue_number(space, phase_issues[k], fb)));
            }
            json_object_set_new(o, "issues", list);
            json_object_set_new(o, "fallback", fallback);
            if (parley_phase_description(sc, ph)[0])
                json_object_set_new(o, "description", json_string(parley_phase_description(sc, ph)));
            json_t *conditions = json_array();
            for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++)
                if (parley_scenario_constraint(sc, c)->phase == (long)ph)
                    json_array_append_new(conditions, constraint_json(parley_scenario_constraint(sc, c)));
            if (json_array_size(conditions))
                json_object_set_new(o, "conditions", conditions);
            else
                json_decref(conditions);
            json_array_append_new(phases, o);
        }
        json_object_set_new(root, "phases", phases);
    }
    json_t *parties = json_array();
    for (size_t p = 0; p < parley_scenario_party_count(sc); p++)
        json_array_append_new(parties, party_json(sc, p));
    json_object_set_new(root, "parties", parties);
    json_t *global = json_array();
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++)
        if (parley_scenario_constraint(sc, c)->party < 0 && parley_scenario_constraint(sc, c)->phase < 0)
            json_array_append_new(global, constraint_json(parley_scenario_constraint(sc, c)));
    if (json_array_size(global))
        json_object_set_new(root, "constraints", global);
    else
        json_decref(global);
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 && !ferror(out) ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the scenario");
}
