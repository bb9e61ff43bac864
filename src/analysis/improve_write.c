/*
 * improve_write.c: the improvements of a signed deal (improve.c) as text or as
 * the JSON of `parley propose --improve --json`.
 */
#include <parley/improve.h>

#include <stdlib.h>

#include "analysis/analysis_internal.h"
#include "io/json_util.h"

/* {PARTY: {"before": u, "after": u}} for every negotiating party. */
static json_t *utilities_json(const parley_scenario *sc, const double *before, const double *after)
{
    json_t *o = json_object();
    for (size_t k = 0; o && k < parley_scenario_negotiator_count(sc); k++)
        json_object_set_new(o, parley_party_name(sc, parley_scenario_negotiator(sc, k)),
                            json_pack("{s:o,s:o}", "before", analysis_number_json(before[k]), "after",
                                      analysis_number_json(after[k])));
    return o;
}

static int write_json(const parley_improvements *r, const parley_scenario *sc, FILE *out, parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    json_t *list = json_array();
    for (size_t i = 0; list && i < parley_improvements_count(r); i++)
        json_array_append_new(list, json_pack("{s:o,s:o}", "package",
                                              analysis_outcome_json(space, parley_improvements_package(r, i)),
                                              "utilities",
                                              utilities_json(sc, parley_improvements_before(r),
                                                             parley_improvements_after(r, i))));
    json_t *root = list ? json_pack("{s:o,s:b,s:I,s:s}", "improvements", list, "exhaustive",
                                    parley_improvements_exhaustive(r), "found",
                                    (json_int_t)parley_improvements_found(r), "method", parley_improvements_method(r))
                        : NULL;
    int rc = root && json_write_pretty(root, out) == 0
                 ? PARLEY_OK
                 : parley_error_set(err, root ? PARLEY_EIO : PARLEY_ENOMEM, root ? "cannot write" : "out of memory");
    json_decref(root);
    return rc;
}

static void write_utilities(const parley_scenario *sc, const double *before, const double *after, FILE *out)
{
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++)
        fprintf(out, "%s%s %.4f -> %.4f (%+.4f)", k ? ", " : "   ",
                parley_party_name(sc, parley_scenario_negotiator(sc, k)), before[k], after[k], after[k] - before[k]);
    fputc('\n', out);
}

static int write_text(const parley_improvements *r, const parley_scenario *sc, FILE *out, parley_error *err)
{
    const parley_space *space = parley_scenario_space(sc);
    char buf[4096];
    size_t count = parley_improvements_count(r);
    unsigned long long found = (unsigned long long)parley_improvements_found(r);
    fprintf(out, "%s\n\nImproving the agreement (post-settlement): ", parley_scenario_title(sc));
    for (size_t k = 0; k < parley_scenario_negotiator_count(sc); k++)
        fprintf(out, "%s%s %.4f", k ? ", " : "", parley_party_name(sc, parley_scenario_negotiator(sc, k)),
                parley_improvements_before(r)[k]);
    fprintf(out, "\nHow: %s.\n", parley_improvements_method(r));
    if (!parley_improvements_exhaustive(r))
        fprintf(out, "The space is too large to enumerate: the search was bounded.\n");
    if (count == 0) {
        fprintf(out, parley_improvements_exhaustive(r)
                         ? "\nNo package is strictly better for every party: the agreement is on the Pareto frontier.\n"
                         : "\nThe search found no package strictly better for every party.\n");
        return ferror(out) ? parley_error_set(err, PARLEY_EIO, "cannot write") : PARLEY_OK;
    }
    fprintf(out, "\n%llu package%s every party strictly prefers%s; %s%zu, closest to the Nash point of the "
            "improvements first:\n", found, found == 1 ? "" : "s", parley_improvements_exhaustive(r) ? "" : " found",
            count < found ? "the first " : "", count);
    for (size_t i = 0; i < count; i++) {
        fprintf(out, "%zu. %s\n", i + 1, parley_outcome_format(space, parley_improvements_package(r, i), buf, sizeof buf));
        write_utilities(sc, parley_improvements_before(r), parley_improvements_after(r, i), out);
    }
    return ferror(out) ? parley_error_set(err, PARLEY_EIO, "cannot write") : PARLEY_OK;
}

int parley_improvements_write(const parley_improvements *r, const parley_scenario *sc, int json, FILE *out,
                              parley_error *err)
{
    return json ? write_json(r, sc, out, err) : write_text(r, sc, out, err);
}
