/* approx_result.c: reading a parley_approx, and writing it as the JSON of `parley analyze --json`. */
#include "io/json_util.h"
#include <parley/approx.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_internal.h"
#include "analysis/approx_internal.h"

static const char method[] =
    "search, not enumeration: coordinate-ascent climbs of weighted sums of the utilities (33 weightings for two "
    "parties, random ones for more) started inside the profiles' hyperrectangles and at random, then Pareto local "
    "search (every single-issue change of each frontier outcome); the frontier is the set of acceptable outcomes "
    "found that no other found outcome dominates";

static const char method_exact[] =
    "exact frontier without enumeration: issue-wise merging of the Pareto frontiers of the issues (every assignment "
    "of the constrained issues), bargaining solutions on it; acceptable outcomes counted by meet-in-the-middle for "
    "two parties when the space splits into halves of at most 2^23 outcomes, else estimated from samples";

const char *parley_approx_method(const parley_approx *a)
{
    return a->exact ? method_exact : method;
}

int parley_approx_exact(const parley_approx *a) { return a->exact; }
const char *parley_approx_exact_note(const parley_approx *a) { return a->exact_note; }

int parley_approx_acceptable(const parley_approx *a, uint64_t *acceptable)
{
    if (a->counted)
        *acceptable = a->acceptable;
    return a->counted;
}

double parley_approx_outcomes(const parley_approx *a) { return a->outcomes; }
uint64_t parley_approx_evaluations(const parley_approx *a) { return a->evaluations; }
uint64_t parley_approx_samples(const parley_approx *a) { return a->samples; }
uint64_t parley_approx_samples_acceptable(const parley_approx *a) { return a->samples_ok; }
double parley_approx_seconds(const parley_approx *a) { return a->seconds; }
unsigned parley_approx_threads(const parley_approx *a) { return a->threads; }
size_t parley_approx_party_count(const parley_approx *a) { return a->n; }
size_t parley_approx_party(const parley_approx *a, size_t k) { return a->party[k]; }
double parley_approx_reservation(const parley_approx *a, size_t k) { return a->reservation[k]; }
double parley_approx_best(const parley_approx *a, size_t k) { return a->best[k]; }
size_t parley_approx_frontier_count(const parley_approx *a) { return a->front.count; }

const uint32_t *parley_approx_frontier_outcome(const parley_approx *a, size_t i)
{
    return &a->front.values[i * a->issues];
}

const double *parley_approx_frontier_utilities(const parley_approx *a, size_t i)
{
    return &a->front.u[i * a->n];
}

int parley_approx_solution(const parley_approx *a, parley_solution_kind kind, const uint32_t **outcome,
                           const double **utilities, double *value)
{
    return analysis_solution_read(a->has_solutions, a->solution, a->solution_value, a->front.values, a->issues,
                                  a->front.u, a->n, kind, outcome, utilities, value);
}

/* Adapters from the approximate analysis to the view shared with the exact one. */
static const uint32_t *approx_outcome(const void *self, size_t i)
{
    return parley_approx_frontier_outcome(self, i);
}

static const double *approx_utilities(const void *self, size_t i)
{
    return parley_approx_frontier_utilities(self, i);
}

static int approx_solution(const void *self, parley_solution_kind kind, const uint32_t **outcome,
                           const double **utilities, double *value)
{
    return parley_approx_solution(self, kind, outcome, utilities, value);
}

int parley_approx_write_json(const parley_approx *a, const parley_scenario *sc, int with_frontier, FILE *out,
                             parley_error *err)
{
    json_t *root = json_object();
    if (!root)
        return parley_error_set(err, PARLEY_ENOMEM, "out of memory");
    json_object_set_new(root, "title", json_string(parley_scenario_title(sc)));
    json_object_set_new(root, "exact", json_boolean(a->exact && a->counted));
    json_object_set_new(root, "method", json_string(parley_approx_method(a)));
    if (a->exact_note)
        json_object_set_new(root, "method_note", json_string(a->exact_note));
    json_object_set_new(root, "outcomes", a->outcomes < 9e15 ? json_integer((json_int_t)a->outcomes)
                                                             : json_real(a->outcomes));
    json_object_set_new(root, "feasible", json_null());
    json_object_set_new(root, "acceptable", a->counted ? json_integer((json_int_t)a->acceptable) : json_null());
    json_t *estimate = json_object();
    json_object_set_new(estimate, "samples", json_integer((json_int_t)a->samples));
    json_object_set_new(estimate, "acceptable", json_integer((json_int_t)a->samples_ok));
    json_object_set_new(estimate, "fraction", json_real(a->samples ? (double)a->samples_ok / a->samples : 0));
    json_object_set_new(root, "acceptable_estimate", estimate);
    json_t *parties = json_array();
    for (size_t k = 0; k < a->n; k++) {
        json_t *p = json_object();
        json_object_set_new(p, "name", json_string(parley_party_name(sc, a->party[k])));
        json_object_set_new(p, "reservation", analysis_number_json(a->reservation[k]));
        json_object_set_new(p, "best", analysis_number_json(a->best[k]));
        json_array_append_new(parties, p);
    }
    json_object_set_new(root, "parties", parties);
    analysis_view view = {sc, a->n, a->party, a->front.count, a, approx_outcome, approx_utilities, approx_solution};
    json_t *pareto = analysis_pareto_json(&view, with_frontier);
    json_object_set_new(pareto, "exact", json_boolean(a->exact));
    json_object_set_new(root, "pareto", pareto);
    json_object_set_new(root, "solutions", analysis_solutions_json(&view));
    json_object_set_new(root, "evaluations", json_integer((json_int_t)a->evaluations));
    json_object_set_new(root, "threads", json_integer(a->threads));
    json_object_set_new(root, "seconds", json_real(a->seconds));
    int rc = json_write_pretty(root, out);
    json_decref(root);
    return rc == 0 ? PARLEY_OK : parley_error_set(err, PARLEY_EIO, "could not write the JSON output");
}
