/*
 * limits.c: what a scenario may ask of the server, checked on its JSON before
 * the scenario is parsed (parsing allocates a utility table per party and
 * issue, so a 2 kB scenario with two issues of 10^7 values would take seconds
 * and gigabytes): values per issue, parties, cells of utility tables (values
 * times negotiating parties, summed over issues), and the length of every
 * name.  The outcome count is checked before an exact analysis.  The limits
 * are the server's options (parley_server_limits, `parley serve --max-...`).
 */
#include "server/server_internal.h"

#include <math.h>
#include <string.h>

/* How many values the issue object declares (as a double: it may be huge); 1 when it does not say (the parser
 * reports what is wrong with it). */
static double issue_values(json_t *issue)
{
    const char *type = json_string_value(json_object_get(issue, "type"));
    if (!type)
        return 1;
    if (strcmp(type, "categorical") == 0)
        return (double)json_array_size(json_object_get(issue, "values"));
    json_t *min = json_object_get(issue, "min"), *max = json_object_get(issue, "max"),
           *step = json_object_get(issue, "step");
    if (!json_is_number(min) || !json_is_number(max))
        return 1;
    double lo = json_number_value(min), hi = json_number_value(max);
    double st = json_is_number(step) ? json_number_value(step) : 1;
    if (!(st > 0) || !(hi >= lo))
        return 1;
    double n = floor((hi - lo) / st + 1e-9) + 1;
    return isfinite(n) ? n : HUGE_VAL;
}

int limits_check_scenario(api_call *c, json_t *scenario)
{
    const parley_server_limits *lim = &c->srv->limits;
    json_t *issues = json_object_get(scenario, "issues"), *parties = json_object_get(scenario, "parties");
    size_t party_count = json_array_size(parties), negotiators = 0;
    if (party_count > lim->parties)
        return api_fail(c, 413, "scenario.parties", "%zu parties and mediators: the server's limit is %llu (--max-parties)",
                        party_count, (unsigned long long)lim->parties);
    for (size_t i = 0; i < party_count; i++) {
        json_t *p = json_array_get(parties, i);
        const char *name = json_string_value(json_object_get(p, "name"));
        if (name && strlen(name) > REQ_MAX_NAME)
            return api_fail(c, 400, "scenario.parties[].name", "a name of %zu bytes (at most %u)", strlen(name),
                            REQ_MAX_NAME);
        const char *role = json_string_value(json_object_get(p, "role"));
        negotiators += !role || strcmp(role, "mediator") != 0;
    }
    double total = 0;
    for (size_t i = 0; i < json_array_size(issues); i++) {
        double n = issue_values(json_array_get(issues, i));
        if (n > (double)lim->values_per_issue)
            return api_fail(c, 413, "scenario.issues", "issue %zu has %.4g values: the server's limit is %llu per issue "
                            "(--max-values)", i, n, (unsigned long long)lim->values_per_issue);
        total += n;
    }
    double cells = total * (double)negotiators;
    if (cells > (double)lim->table_cells)
        return api_fail(c, 413, "scenario", "%zu parties' utility tables would hold %.4g cells: the server's limit is "
                        "%llu (--max-cells)", negotiators, cells, (unsigned long long)lim->table_cells);
    return 0;
}

int limits_check_outcomes(api_call *c, const parley_scenario *sc)
{
    double n = parley_space_size(parley_scenario_space(sc));
    if (n > (double)c->srv->limits.exact_outcomes)
        return api_fail(c, 422, NULL, "the outcome space has about %.3g outcomes: the server analyses at most %llu "
                        "exactly (--max-outcomes)", n, (unsigned long long)c->srv->limits.exact_outcomes);
    return 0;
}
