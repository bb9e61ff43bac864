/*
 * propose.c: bridging proposals.  The package a neutral mediator would table
 * (a bargaining solution among acceptable outcomes), explained per party: its
 * utility and gain, and which of its priorities the package meets, partly
 * meets or gives up; grouped by phase when the agreement is phased.  Also the
 * check of a party's amendments to a text.
 */
#include "io/json_util.h"
#include <parley/diagnose.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"

const char *parley_priority_status_name(parley_priority_status status)
{
    static const char *names[] = {"met", "partly met", "given up"};
    return (unsigned)status <= PARLEY_PRIORITY_GIVEN_UP ? names[status] : "unknown";
}

parley_priority_status parley_priority_of(const parley_scenario *sc, size_t party, const uint32_t *package, size_t issue)
{
    const parley_utility *u = parley_party_utility(sc, party);
    const parley_space *space = parley_scenario_space(sc);
    if (!u || parley_utility_weight(u, issue) <= 0)
        return PARLEY_PRIORITY_MET;
    double best = -INFINITY, worst = INFINITY, here = parley_utility_value(u, issue, package[issue]);
    for (uint32_t v = 0; v < parley_issue_value_count(space, issue); v++) {
        double x = parley_utility_value(u, issue, v);
        best = x > best ? x : best;
        worst = x < worst ? x : worst;
    }
    if (here >= best - 1e-12)
        return PARLEY_PRIORITY_MET;
    return here <= worst + 1e-12 ? PARLEY_PRIORITY_GIVEN_UP : PARLEY_PRIORITY_PARTLY;
}

/* Issue indices sorted by the party's weight, heaviest first. */
static void by_weight(const parley_utility *u, size_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && parley_utility_weight(u, order[j]) > parley_utility_weight(u, order[j - 1]); j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

static json_t *proposal_json(const parley_scenario *sc, const parley_analysis *a, parley_solution_kind rule,
                             const uint32_t *package, const double *utilities, double value)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    json_t *root = json_object();
    json_object_set_new(root, "zone", json_true());
    json_object_set_new(root, "rule", json_string(parley_solution_name(rule)));
    json_object_set_new(root, "value", analysis_number_json(value));
    json_object_set_new(root, "package", analysis_outcome_json(space, package));
    if (parley_scenario_phase_count(sc)) {
        json_t *phases = json_array();
        for (size_t p = 0; p < parley_scenario_phase_count(sc); p++) {
            json_t *ph = json_object(), *items = json_object();
            const size_t *members;
            size_t n = parley_phase_issues(sc, p, &members);
            json_object_set_new(ph, "name", json_string(parley_phase_name(sc, p)));
            json_object_set_new(ph, "weeks", json_real(parley_phase_weeks(sc, p)));
            for (size_t k = 0; k < n; k++)
                json_object_set_new(items, parley_issue_name(space, members[k]),
                                    analysis_value_json(space, members[k], package[members[k]]));
            json_object_set_new(ph, "issues", items);
            json_array_append_new(phases, ph);
        }
        json_object_set_new(root, "phases", phases);
    }
    json_t *parties = json_array();
    size_t *order = malloc(issues * sizeof *order);
    for (size_t k = 0; order && k < parley_analysis_party_count(a); k++) {
        size_t party = parley_analysis_party(a, k);
        const parley_utility *u = parley_party_utility(sc, party);
        double r = parley_analysis_reservation(a, k), best = parley_analysis_best(a, k);
        json_t *p = json_object(), *priorities = json_array();
        json_object_set_new(p, "name", json_string(parley_party_name(sc, party)));
        json_object_set_new(p, "utility", analysis_number_json(utilities[k]));
        json_object_set_new(p, "reservation", analysis_number_json(r));
        json_object_set_new(p, "gain", analysis_number_json(utilities[k] - r));
        json_object_set_new(p, "share_of_best_gain", analysis_number_json(best > r ? (utilities[k] - r) / (best - r) : 1.0));
        by_weight(u, order, issues);
        for (size_t j = 0; j < issues; j++) {
            size_t i = order[j];
            if (parley_utility_weight(u, i) <= 0)
                continue;
            json_t *item = json_object();
            json_object_set_new(item, "issue", json_string(parley_issue_name(space, i)));
            json_object_set_new(item, "weight", analysis_number_json(parley_utility_weight(u, i)));
            json_object_set_new(item, "value", analysis_value_json(space, i, package[i]));
            json_object_set_new(item, "value_utility", analysis_number_json(parley_utility_value(u, i, package[i])));
            json_object_set_new(item, "status", json_string(parley_priority_status_name(parley_priority_of(sc, party, package, i))));
            json_array_append_new(priorities, item);
        }
        json_object_set_new(p, "priorities", priorities);
        json_array_append_new(parties, p);
    }
    free(order);
    json_object_set_new(root, "parties", parties);
    return root;
}

/* A JSON scalar as text: strings without quotes, numbers as they are. */
static void print_value(FILE *out, const json_t *value)
{
    if (json_is_string(value)) {
        fputs(json_string_value(value), out);
        return;
    }
    char *text = json_dumps(value, JSON_ENCODE_ANY);
    fputs(text ? text : "?", out);
    free(text);
}

static void print_proposal(FILE *out, const parley_scenario *sc, json_t *root)
{
    static const char *rules[] = {"Nash bargaining solution", "Kalai-Smorodinsky solution", "egalitarian solution",
                                  "utilitarian solution"};
    const char *rule = json_string_value(json_object_get(root, "rule"));
    int r = 0;
    while (r < PARLEY_SOLUTION_COUNT && strcmp(parley_solution_name((parley_solution_kind)r), rule) != 0)
        r++;
    fprintf(out, "%s\n\nPackage to table (%s)\n", parley_scenario_title(sc), r < 4 ? rules[r] : rule);
    json_t *phases = json_object_get(root, "phases");
    json_t *package = json_object_get(root, "package");
    const char *key;
    json_t *value;
    if (phases) {
        size_t i;
        json_t *ph;
        json_array_foreach(phases, i, ph) {
            fprintf(out, "  phase %s (%g weeks)\n", json_string_value(json_object_get(ph, "name")),
                    json_number_value(json_object_get(ph, "weeks")));
            json_object_foreach(json_object_get(ph, "issues"), key, value) {
                fprintf(out, "    %-22s ", key);
                print_value(out, value);
                fputc('\n', out);
            }
        }
        int header = 0;
        json_object_foreach(package, key, value) {
            long issue = parley_space_find_issue(parley_scenario_space(sc), key);
            if (parley_issue_phase(sc, (size_t)issue) >= 0)
                continue;
            if (!header++)
                fprintf(out, "  on signature\n");
            fprintf(out, "    %-22s ", key);
            print_value(out, value);
            fputc('\n', out);
        }
    } else {
        json_object_foreach(package, key, value) {
            fprintf(out, "  %-24s ", key);
            print_value(out, value);
            fputc('\n', out);
        }
    }
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(root, "parties"), i, p) {
        fprintf(out, "\n%s: utility %.4f, reservation %.4f, gain %.4f (%.0f%% of the best gain the zone allows it)\n",
                json_string_value(json_object_get(p, "name")), json_number_value(json_object_get(p, "utility")),
                json_number_value(json_object_get(p, "reservation")), json_number_value(json_object_get(p, "gain")),
                100 * json_number_value(json_object_get(p, "share_of_best_gain")));
        size_t j;
        json_t *item;
        json_array_foreach(json_object_get(p, "priorities"), j, item) {
            fprintf(out, "  %-11s %-22s weight %.2f  gets ", json_string_value(json_object_get(item, "status")),
                    json_string_value(json_object_get(item, "issue")), json_number_value(json_object_get(item, "weight")));
            print_value(out, json_object_get(item, "value"));
            fputc('\n', out);
        }
    }
}

int parley_propose_write(const parley_scenario *sc, parley_solution_kind rule, const parley_analysis_options *options,
                         int json, FILE *out, parley_error *err)
{
    if ((unsigned)rule >= PARLEY_SOLUTION_COUNT)
        return parley_error_set(err, PARLEY_EINVAL, "unknown rule");
    parley_analysis *a = NULL;
    int rc = parley_analyze(sc, options, &a, err);
    if (rc != PARLEY_OK)
        return rc;
    const uint32_t *package;
    const double *u;
    double value;
    if (parley_analysis_solution(a, rule, &package, &u, &value) != PARLEY_OK) {
        /* no zone of agreement: a normal answer, said as such */
        uint64_t feasible = parley_analysis_feasible(a);
        parley_analysis_free(a);
        const char *reason = feasible == 0 ? "no package satisfies the global constraints together"
                                           : "no package is acceptable to every party";
        if (json) {
            json_t *none = json_pack("{s:b,s:s,s:s,s:I,s:s}", "zone", 0, "rule", parley_solution_name(rule), "reason",
                                     reason, "feasible", (json_int_t)feasible, "next",
                                     "run `parley diagnose` to see which red lines collide and what would open a zone");
            rc = none ? json_write_pretty(none, out) : -1;
            json_decref(none);
        } else {
            rc = fprintf(out,
                         "%s%sNo package to table: %s, so there is no zone of agreement.\n"
                         "(run `parley diagnose` to see which red lines collide and what would open a zone)\n",
                         parley_scenario_title(sc), parley_scenario_title(sc)[0] ? "\n\n" : "", reason) < 0;
        }
        return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the proposal");
    }
    json_t *root = proposal_json(sc, a, rule, package, u, value);
    parley_analysis_free(a);
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    if (json) {
        rc = json_write_pretty(root, out);
    } else {
        print_proposal(out, sc, root);
        rc = ferror(out) ? -1 : 0;
    }
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the proposal");
}

/* What the text `values` is to everyone (`text`: the text before amendment, for the utilities before). */
static void assess(const parley_scenario *sc, const uint32_t *text, const uint32_t *values, parley_amendment_effect *e)
{
    memset(e, 0, sizeof *e);
    for (size_t c = 0; c < parley_scenario_constraint_count(sc); c++) {
        const parley_constraint *con = parley_scenario_constraint(sc, c);
        if (parley_expr_holds(con->expr, values))
            continue;
        if (con->party < 0)
            e->breaks_global = 1;
        if (c < 64)
            e->broken |= (uint64_t)1 << c;
    }
    e->acceptable_to_all = !e->breaks_global;
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        /* As in the analysis: expected utility under the party's trust when the agreement is phased. */
        parley_utility *expected = parley_scenario_expected_utility(sc, p, -1);
        const parley_utility *u = expected ? expected : parley_party_utility(sc, p);
        double after = parley_utility_eval(u, values);
        int accepts = !e->breaks_global && parley_scenario_red_lines_hold(sc, p, values) &&
                      after >= parley_utility_reservation_at(u, 0) - 0x1p-33;
        if (p < 64) {
            e->before[p] = parley_utility_eval(u, text);
            e->after[p] = after;
        }
        parley_utility_free(expected);
        if (accepts) {
            if (p < 64)
                e->accepted_by |= (uint64_t)1 << p;
        } else {
            e->acceptable_to_all = 0;
        }
    }
}

int parley_amendments_check(const parley_scenario *sc, const uint32_t *text, const parley_amendment *amendments,
                            size_t n, parley_amendment_effect *effects, parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    size_t issues = parley_space_issue_count(space);
    for (size_t i = 0; i < issues; i++)
        if (text[i] >= parley_issue_value_count(space, i))
            return parley_error_set(err, PARLEY_EINVAL, "the text gives issue '%s' a value it does not have",
                                    parley_issue_name(space, i));
    for (size_t k = 0; k < n; k++)
        if (amendments[k].issue >= issues || amendments[k].value >= parley_issue_value_count(space, amendments[k].issue))
            return parley_error_set(err, PARLEY_EINVAL, "amendment %zu names a value outside its issue", k + 1);
    uint32_t *values = malloc(issues * sizeof *values);
    if (!values)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        memcpy(values, text, issues * sizeof *values);
        values[amendments[k].issue] = amendments[k].value;
        assess(sc, text, values, &effects[k]);
    }
    memcpy(values, text, issues * sizeof *values);
    for (size_t k = 0; k < n; k++)
        values[amendments[k].issue] = amendments[k].value;
    assess(sc, text, values, &effects[n]);
    free(values);
    return PARLEY_OK;
}

json_t *amendment_effect_json(const parley_scenario *sc, const parley_amendment_effect *e)
{
    json_t *accepted = json_array(), *rejected = json_array(), *breaks = json_array(), *utilities = json_object();
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++) {
        size_t p = parley_scenario_negotiator(sc, k);
        int yes = p < 64 && (e->accepted_by >> p & 1);
        json_array_append_new(yes ? accepted : rejected, json_string(parley_party_name(sc, p)));
        if (p < 64)
            json_object_set_new(utilities, parley_party_name(sc, p),
                                json_pack("{s:o,s:o,s:o}", "before", analysis_number_json(e->before[p]), "after",
                                          analysis_number_json(e->after[p]), "change",
                                          analysis_number_json(e->after[p] - e->before[p])));
    }
    for (size_t i = 0; i < parley_scenario_constraint_count(sc) && i < 64; i++) {
        if (!(e->broken >> i & 1))
            continue;
        const parley_constraint *con = parley_scenario_constraint(sc, i);
        json_array_append_new(breaks, json_pack("{s:s?,s:s,s:s}", "party",
                                                con->party >= 0 ? parley_party_name(sc, (size_t)con->party) : NULL,
                                                "name", con->name, "rule", con->rule));
    }
    return json_pack("{s:b,s:o,s:o,s:o,s:o,s:b}", "acceptable_to_all", e->acceptable_to_all, "utilities", utilities,
                     "accepted_by", accepted, "rejected_by", rejected, "breaks", breaks, "breaks_global",
                     e->breaks_global);
}

int parley_amendments_write_json(const parley_scenario *sc, const parley_amendment_effect *text,
                                 const char *const *labels, size_t n, const parley_amendment_effect *effects, FILE *out,
                                 parley_error *err)
{
    json_t *list = json_array(), *root = NULL;
    for (size_t k = 0; list && k < n; k++) {
        json_t *item = json_pack("{s:s}", "amendment", labels[k]), *effect = amendment_effect_json(sc, &effects[k]);
        if (item && effect)
            json_object_update(item, effect);
        json_decref(effect);
        json_array_append_new(list, item);
    }
    if (list)
        root = json_pack("{s:o,s:o}", "amendments", list, "together", amendment_effect_json(sc, &effects[n]));
    if (root && text) /* the text as it stands: its utilities are `after` (= `before`) */
        json_object_set_new(root, "text", amendment_effect_json(sc, text));
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON output");
}
